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

/* The offline guide (issue 15): the service worker (/sw.js) keeps the agenda, My WAIC and every
   page opened. A page it served from the device has data-offline-as-of on <body>; the banner
   (base.html, hidden, its text in the page's language) then says "Offline — as of 14:05".
   When the network returns the worker fetches every kept page again and this page reloads. */
(function () {
  if (!("serviceWorker" in navigator)) return;
  var banner = document.querySelector("[data-offline-banner]");
  var asOf = document.body.getAttribute("data-offline-as-of");

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});

  if (asOf && banner) {
    var fetched = new Date(asOf);
    var lang = document.documentElement.lang || undefined;
    var time = fetched.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hour12: false });
    if (fetched.toDateString() !== new Date().toDateString()) {
      time = fetched.toLocaleDateString(lang, { month: "short", day: "numeric" }) + " " + time;
    }
    banner.textContent = banner.getAttribute("data-text").replace("{time}", time);
    banner.hidden = false;
  }

  // "online" also comes a moment before the worker's own requests get through, or when the
  // network only seems back: the worker answers "online" once its health check did, and only
  // then does this page reload (unless the visitor is leaving it).
  var leaving = false;
  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("online", function () {
    navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) return;
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (event.data === "online" && asOf && !leaving) window.location.reload();
      };
      registration.active.postMessage({ type: "refresh" }, [channel.port2]);
    });
  });
})();
