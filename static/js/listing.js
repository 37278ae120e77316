/* The filter panel of a listing, enhanced; without JavaScript it is a <details> ("Filters (n)").
   - Wide screens: the panel is a column beside the results, always open.
   - Phones: "Filters (n)" opens the filters in a bottom sheet, a modal <dialog>: focus moves
     into it, Escape or the close button closes it, the page behind is inert and does not
     scroll. Choices in the sheet wait for its "Apply filters" button. */
(function () {
  var panel = document.querySelector("details.filter-panel");
  var template = document.getElementById("filter-sheet");
  if (!panel || !template) return;
  var form = panel.querySelector("form");
  var summary = panel.querySelector("summary");
  var wide = window.matchMedia("(min-width: 60rem)");

  var sheet = template.content.firstElementChild.cloneNode(true);
  var body = sheet.querySelector(".sheet-body");
  document.body.appendChild(sheet);

  function layout(change) {
    if (wide.matches) {
      if (sheet.open) sheet.close();
      panel.open = true;
    } else if (change) {
      panel.open = false;  // from a column to a phone's "Filters (n)"
    }
  }
  layout();
  wide.addEventListener("change", layout);

  summary.addEventListener("click", function (event) {
    if (wide.matches) { event.preventDefault(); return; }  // the column stays open
    event.preventDefault();
    panel.open = false;
    body.appendChild(form);
    sheet.showModal();
    document.documentElement.classList.add("sheet-open");
  });

  sheet.addEventListener("close", function () {
    panel.appendChild(form);
    document.documentElement.classList.remove("sheet-open");
    summary.focus();
  });

  sheet.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-sheet]") || event.target === sheet) sheet.close();
  });
})();
