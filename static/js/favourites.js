/* Favourites, enhanced. Pages are the same for every visitor (and cached), so each "☆ Save"
   button starts unpressed and works as a plain form (posting to /my/star/ and coming back to
   the button). Here:
   - the visitor's saved items are marked from /my/starred.json (the list's key stays in an
     HttpOnly cookie; the buttons' data-starred-url, or a count's data-favourites-url, names
     it), and every [data-favourites-count] shows how many there are, hidden while none;
   - a click saves or removes in place: no navigation, the scroll position kept, and a status
     ("Saved to My WAIC") announced in the page's language, whose words come from the form's
     data- attributes (the script has no gettext);
   - without a network the button says that saving needs a connection; nothing is lost silently.
   `send()` is the one place that talks to the server: a service worker that queues saves made
   offline (issue 15) can answer that same request without anything here changing. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;

  var JSON_HEADERS = { Accept: "application/json" };
  var STATUS_SECONDS = 4;
  var status;
  var statusTimer;

  function starForms(key) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-star]"));
    return forms.filter(function (form) {
      return key === undefined || form.getAttribute("data-star") === key;
    });
  }

  function buttonOf(form) {
    return form.querySelector(".star-button");
  }

  // Every button of this item on the page (a card and a detail page's own may both show it).
  function show(key, starred) {
    starForms(key).forEach(function (form) {
      var button = buttonOf(form);
      button.value = starred ? "remove" : "add";
      button.setAttribute("aria-pressed", starred ? "true" : "false");
      button.textContent = button.getAttribute(starred ? "data-saved-label" : "data-save-label");
      button.classList.remove("star-offline");
    });
  }

  function showCount(count) {
    document.querySelectorAll("[data-favourites-count]").forEach(function (element) {
      element.textContent = String(count);
      element.hidden = !(count > 0);
    });
  }

  // One polite live region for the page, made at start so that screen readers already know it
  // when a message arrives; seen as a small toast.
  function makeStatus() {
    status = document.createElement("div");
    status.className = "star-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.hidden = true;
    document.body.appendChild(status);
  }

  function announce(message) {
    window.clearTimeout(statusTimer);
    status.textContent = "";
    status.hidden = false;
    // A new text node even for the same message, so that it is announced again.
    window.setTimeout(function () { status.textContent = message; }, 50);
    statusTimer = window.setTimeout(function () {
      status.hidden = true;
      status.textContent = "";
    }, STATUS_SECONDS * 1000);
  }

  function ask(url) {
    var request = { headers: JSON_HEADERS, credentials: "same-origin" };
    return fetch(url, request).then(function (response) {
      return response.ok ? response.json() : null;
    });
  }

  /* Saves (`value` "add") or removes ("remove") the form's item. Resolves with the server's
     answer, {kind, slug, starred, count}; rejects with {offline: true} when the request never
     reached a server, or {message} (in the page's language) when the server refused it, or
     {page: true} when the answer is no JSON (let the form post then: the server explains). */
  function send(form, value) {
    var data = new FormData(form);
    data.set("star", value);
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: JSON_HEADERS,
      credentials: "same-origin",
    }).then(
      function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") !== 0) throw { page: true };
        return response.json().then(function (answer) {
          if (!response.ok) throw answer.error ? { message: answer.error } : { page: true };
          return answer;
        });
      },
      function () { throw { offline: true }; }
    );
  }

  function saved(form, answer) {
    show(answer.kind + ":" + answer.slug, answer.starred);
    if (typeof answer.count === "number") showCount(answer.count);
    announce(form.getAttribute(answer.starred ? "data-saved-message" : "data-removed-message"));
  }

  function notSaved(form, button, problem) {
    if (problem && problem.offline) {
      var message = form.getAttribute("data-offline-message");
      button.textContent = message;
      button.classList.add("star-offline");
      announce(message);
    } else if (problem && problem.message) {
      announce(problem.message);
    } else {
      postWithoutScript(form, button);
    }
  }

  function postWithoutScript(form, button) {
    var value = document.createElement("input");
    value.type = "hidden";
    value.name = "star";
    value.value = button.value;
    form.appendChild(value);
    button.removeAttribute("name");
    HTMLFormElement.prototype.submit.call(form);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-star")) return;
    event.preventDefault();
    var button = buttonOf(form);
    // Not `disabled`: that would drop the keyboard focus from the button.
    if (button.getAttribute("aria-busy") === "true") return;
    button.setAttribute("aria-busy", "true");
    send(form, button.value)
      .then(
        function (answer) { saved(form, answer); },
        function (problem) { notSaved(form, button, problem); }
      )
      .then(function () { button.removeAttribute("aria-busy"); });
  });

  // Back online: the buttons that said "needs a connection" offer to save again.
  window.addEventListener("online", function () {
    document.querySelectorAll(".star-button.star-offline").forEach(function (button) {
      var starred = button.getAttribute("aria-pressed") === "true";
      button.textContent = button.getAttribute(starred ? "data-saved-label" : "data-save-label");
      button.classList.remove("star-offline");
    });
  });

  if (starForms().length) makeStatus();
  // Where to ask: the buttons say, and so may a count on a page without any button.
  var source = document.querySelector("[data-starred-url]");
  var url = source ? source.getAttribute("data-starred-url") : null;
  var counter = document.querySelector("[data-favourites-count][data-favourites-url]");
  if (!url && counter) url = counter.getAttribute("data-favourites-url");
  if (!url) return;
  ask(url)
    .then(function (starred) {
      if (!starred) return;
      var count = 0;
      Object.keys(starred).forEach(function (kind) {
        starred[kind].forEach(function (slug) { show(kind + ":" + slug, true); });
        count += starred[kind].length;
      });
      showCount(count);
    })
    .catch(function () { /* offline: the buttons still work as forms, and say so when used */ });
})();
