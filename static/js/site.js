/* Enhancements only; every form works without JavaScript through its submit button.
   - Filter forms submit themselves when a choice changes.
   - Empty and default values stay out of the address, so shared links are short.
   - On wide screens every filter group starts open (on phones only the ones in use). */
(function () {
  if (window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details.facet").forEach(function (details) { details.open = true; });
  }

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-auto-submit")) return;
    if (form.closest("dialog")) return;  // a bottom sheet of filters waits for its button
    if (event.target.type === "search" || event.target.type === "time") return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });

  document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
    form.addEventListener("formdata", function (event) {
      var data = event.formData;
      Array.from(form.elements).forEach(function (element) {
        if (!element.name || !data.has(element.name)) return;
        var values = data.getAll(element.name);
        var fallback = element.getAttribute("data-default");
        if (values.length === 1 && (values[0] === "" || values[0] === fallback)) {
          data.delete(element.name);
        }
      });
    });
  });
})();
