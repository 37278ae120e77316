/* The offline guide (issue 15), served at /sw.js by waic_site.views.service_worker.

   After one visit the agenda (every day, both languages), the home pages, the hall maps,
   My WAIC and every page the visitor opened keep working with no network:
   - pages: network first (a copy is kept of each), the kept copy when the network fails or
     is too slow; a copy served from the device carries data-offline-as-of on its <body> (when
     it was fetched, from its Date header), which site.js shows as "Offline — as of 14:05";
   - static files: cache first when their names are hashed (never change), else network first.
   Never kept: anything but GET, the admin (every language), other sites' files, and every
   address under My WAIC but its own page (/my/, /zh-hans/my/): not the saves (/my/star/),
   not the ★ marks (/my/starred.json), not another list's private link (/my/<key>/). My WAIC
   is fetched afresh after each save and whenever a different list may have been adopted.
   The version changes with each deployment that changes the static files, this file or what
   it keeps (the days, the halls): the new worker keeps everything first, then takes over at
   once and deletes the caches of the old one. Its state "activated" says that all this is
   done (the browser tests wait for it). */
"use strict";

var VERSION = "{{ version }}";
var CONFIG = {{ config|safe }};
var PAGES = "waic-pages-" + VERSION;
var STATIC = "waic-static-" + VERSION;
var PERSONAL = "waic-personal-" + VERSION;
var CACHES = [PAGES, STATIC, PERSONAL];  // (install opens them in this order)
// A page slower than this on a poor network is answered from the device, if it has a copy;
// the network's answer still replaces the copy when it arrives.
var SLOW_NETWORK_MS = 4000;

var staticPath = new URL(CONFIG.staticUrl, self.location).pathname;
var staticOrigin = new URL(CONFIG.staticUrl, self.location).origin;

self.addEventListener("install", function (event) {
  self.skipWaiting();
  // The static files must be kept for the worker to install; the pages are fetched as well
  // as they can be: one that fails now is kept when it is next visited.
  event.waitUntil(
    Promise.all(CACHES.map(function (name) { return caches.open(name); }))
      .then(function (opened) { return opened[1].addAll(CONFIG.staticFiles); })
      .then(precachePages)
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("waic-") === 0 && CACHES.indexOf(name) === -1;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
      .then(keepOpenPages)
  );
});

// "refresh": the network seems back (site.js). Once this worker's own health check answers,
// it says "online" on the port it was given (the page reloads) and fetches every kept page
// again, in the background. If the network never answers, nothing happens. However many pages
// ask at once, there is one check and one refresh.
var reconnecting = null;

self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "refresh") return;
  var reply = event.ports[0];
  if (!reconnecting) {
    var back = networkBack();
    var done = back.then(refreshAll).catch(function () {}).then(function () {
      reconnecting = null;
    });
    reconnecting = { back: back, done: done };
  }
  event.waitUntil(Promise.all([
    reconnecting.back.then(function () { if (reply) reply.postMessage("online"); }, function () {}),
    reconnecting.done,
  ]));
});

// Chromium tells a worker that the network is back a moment after its pages: the health check
// (never kept) is asked every 250 ms, for at most 5 s.
var HEALTH_CHECKS = 20;

function networkBack() {
  var left = HEALTH_CHECKS;
  function ask() {
    return fetch("/healthz", { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error("healthz answered " + response.status);
    }).catch(function (error) {
      left -= 1;
      if (left <= 0) throw error;
      return new Promise(function (resolve) { setTimeout(resolve, 250); }).then(ask);
    });
  }
  return ask();
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET") {
    // A save or an adopted list changes My WAIC: its copy is fetched again once it succeeded.
    // The request itself goes to the network as it is, never answered from the device.
    // (A form sent without JavaScript is a navigation: it goes its own way.)
    if (url.origin === self.location.origin && isPersonal(url) && request.mode !== "navigate") {
      var answer = fetch(request);
      event.respondWith(answer);
      event.waitUntil(answer.then(function (response) {
        if (response.ok || response.type === "opaqueredirect") return refreshPersonal();
      }).catch(function () {}));
    }
    return;
  }
  if (url.origin === staticOrigin && url.pathname.indexOf(staticPath) === 0) {
    if (url.origin !== self.location.origin) return;  // another host's: the browser's business
    if (url.pathname.indexOf(staticPath + "admin/") === 0) return;  // the admin's own files
    event.respondWith(CONFIG.hashedStatic ? cacheFirst(request) : networkFirst(request, STATIC));
    return;
  }
  if (url.origin !== self.location.origin || neverKept(url)) return;
  if (request.mode !== "navigate") return;  // feeds, JSON, calendars: straight to the network
  if (isPersonal(url)) {
    event.respondWith(myWaic(event, request, url));
    return;
  }
  event.respondWith(networkFirst(request, PAGES, event));
});

function startsWithAny(path, prefixes) {
  return prefixes.some(function (prefix) { return path.indexOf(prefix) === 0; });
}

function isPersonal(url) {
  return startsWithAny(url.pathname, CONFIG.personal);
}

function neverKept(url) {
  if (startsWithAny(url.pathname, CONFIG.admin)) return true;
  if (url.pathname === "/sw.js") return true;
  // Under My WAIC only its own page, without a query, is kept.
  return isPersonal(url) && CONFIG.personal.indexOf(url.pathname) === -1;
}

function keepable(response) {
  return response && response.status === 200 && response.type === "basic" && !response.redirected;
}

// One copy per address, kept under the address alone: a navigation's headers are not a
// background fetch's, and pages vary (on Accept-Language, Cookie), so keeping the requests as
// they came could leave an older copy beside the new one. A put replaces it at once.
// Only into caches this worker made when it installed: a worker replaced by a newer one, still
// finishing a fetch, must not bring back the caches that the newer one deleted.
function keep(cacheName, request, response) {
  var url = typeof request === "string" ? new URL(request, self.location).href : request.url;
  return caches.has(cacheName).then(function (exists) {
    if (!exists) return;
    return caches.open(cacheName).then(function (cache) { return cache.put(url, response); });
  });
}

function networkFirst(request, cacheName, event) {
  var network = fetch(request).then(function (response) {
    if (keepable(response)) {
      var copy = response.clone();
      var kept = keep(cacheName, request, copy);
      if (event) event.waitUntil(kept);
    }
    return response;
  });
  return new Promise(function (resolve, reject) {
    var settled = false;
    function fromDevice() {
      return caches.match(request, { ignoreVary: true }).then(function (kept) {
        if (!kept) return null;
        return request.mode === "navigate" ? markedOffline(kept) : kept;
      });
    }
    var timer = setTimeout(function () {
      fromDevice().then(function (kept) {
        if (kept && !settled) { settled = true; resolve(kept); }
      });
    }, SLOW_NETWORK_MS);
    network.then(function (response) {
      clearTimeout(timer);
      if (!settled) { settled = true; resolve(response); }
    }, function (error) {
      clearTimeout(timer);
      fromDevice().then(function (kept) {
        if (settled) return;
        settled = true;
        if (kept) resolve(kept); else reject(error);
      });
    });
  });
}

function cacheFirst(request) {
  return caches.match(request, { ignoreVary: true }).then(function (kept) {
    if (kept) return kept;
    return fetch(request).then(function (response) {
      if (keepable(response)) {
        var copy = response.clone();
        keep(STATIC, request, copy);
      }
      return response;
    });
  });
}

// My WAIC is kept under its address alone. An answer to /my/?… (e.g. ?adopted=1, after a
// list was adopted) is not kept: it drops the copies and fetches /my/ afresh in each language.
function myWaic(event, request, url) {
  if (!url.search) return networkFirst(request, PERSONAL, event);
  return fetch(request).then(function (response) {
    event.waitUntil(refreshPersonal(true));
    return response;
  }, function () {
    return caches.match(url.origin + url.pathname, { ignoreVary: true }).then(function (kept) {
      if (!kept) return Response.error();
      return markedOffline(kept);
    });
  });
}

// The kept copy, marked: <body data-offline-as-of="(when it was fetched)">.
function markedOffline(response) {
  var fetched = response.headers.get("Date");
  var when = fetched ? new Date(fetched) : new Date();
  return response.text().then(function (html) {
    var marked = html.replace("<body", '<body data-offline-as-of="' + when.toISOString() + '"');
    return new Response(marked, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  });
}

function fetchInto(cacheName, url) {
  return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!keepable(response)) return;
    return keep(cacheName, url, response);
  }).catch(function () {});
}

// The pages open when the worker took over were fetched without it: they are kept now.
function keepOpenPages() {
  return self.clients.matchAll({ type: "window" }).then(function (windows) {
    return Promise.all(windows.map(function (client) {
      var url = new URL(client.url);
      if (url.origin !== self.location.origin || neverKept(url) || isPersonal(url)) return;
      return fetchInto(PAGES, url.href);
    }));
  });
}

function precachePages() {
  return Promise.all(CONFIG.pages.map(function (url) { return fetchInto(PAGES, url); }))
    .then(function () { return refreshPersonal(); });
}

// My WAIC in each language, fetched afresh; the copies are replaced when every language
// answered. If not and `drop` (another list may have been adopted), the copies go. One at a
// time, in the order asked: a refresh begun before a list was adopted never ends after it.
var personalQueue = Promise.resolve();

function refreshPersonal(drop) {
  personalQueue = personalQueue.then(function () { return fetchPersonal(drop === true); });
  return personalQueue;
}

function fetchPersonal(drop) {
  return Promise.all(CONFIG.personal.map(function (url) {
    return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
      if (!keepable(response)) throw new Error("not kept");
      return [url, response];
    });
  })).then(function (answers) {
    return Promise.all(answers.map(function (answer) {
      return keep(PERSONAL, answer[0], answer[1]);
    }));
  }).catch(function () {
    if (!drop) return;
    return caches.open(PERSONAL).then(function (cache) {
      return Promise.all(CONFIG.personal.map(function (url) { return cache.delete(url); }));
    });
  });
}

function refreshAll() {
  return caches.open(PAGES).then(function (cache) { return cache.keys(); }).then(function (kept) {
    var urls = kept.map(function (request) { return request.url; });
    CONFIG.pages.forEach(function (page) {
      var url = new URL(page, self.location).href;
      if (urls.indexOf(url) === -1) urls.push(url);
    });
    return Promise.all(urls.map(function (url) { return fetchInto(PAGES, url); }));
  }).then(function () { return refreshPersonal(); });
}
