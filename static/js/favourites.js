/* Favourites, enhanced. Pages are the same for every visitor (and cached), so each "☆ Save"
   button starts unpressed and works as a plain form. Here the visitor's saved items are marked
   from /my/starred.json (the list's key stays in an HttpOnly cookie), and a click saves or
   removes without leaving the page. */
(function () {
  var forms = document.querySelectorAll("form[data-star]");
  if (!forms.length || !window.fetch) return;

  function show(key, starred) {
    document.querySelectorAll("form[data-star]").forEach(function (form) {
      if (form.getAttribute("data-star") !== key) return;
      var button = form.querySelector(".star-button");
      button.value = starred ? "remove" : "add";
      button.setAttribute("aria-pressed", starred ? "true" : "false");
      button.textContent = button.getAttribute(starred ? "data-saved-label" : "data-save-label");
    });
  }

  fetch(forms[0].getAttribute("data-starred-url"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (starred) {
      Object.keys(starred).forEach(function (kind) {
        starred[kind].forEach(function (slug) { show(kind + ":" + slug, true); });
      });
    })
    .catch(function () { /* the buttons still work as forms */ });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-star")) return;
    event.preventDefault();
    var button = form.querySelector(".star-button");
    var data = new FormData(form);
    data.set("action", button.value);
    button.disabled = true;
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (result) { show(result.kind + ":" + result.slug, result.starred); })
      .catch(function () {
        // Let the server answer as without JavaScript (it explains any problem).
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = button.value;
        form.appendChild(action);
        button.removeAttribute("name");
        form.submit();
      })
      .finally(function () { button.disabled = false; });
  });
})();
