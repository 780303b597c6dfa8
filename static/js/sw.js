// The service worker of the portal (served at /sw.js by trips.views.ServiceWorkerView, which writes
// self.CORRIDOR in front of this file: the cache version, the pages kept at install, the static and media paths).
//  - static files: cache first when their names carry their content's hash (a deploy), else the network first;
//  - pages: the network first; without a connection the copy kept for the trip, else the offline page in the
//    page's language;
//  - pictures: those kept for the trip (phone sizes); offline, a kept size of the same picture stands in for
//    another size the page asks for;
//  - a new deploy (a new version) starts new caches, fetches the trip's pages again into them and deletes the old.
/* global self, caches, fetch, Response, URL */
"use strict";

var CORRIDOR = self.CORRIDOR;
var PREFIX = "g331-";
var STATIC_CACHE = PREFIX + "static-" + CORRIDOR.version;
var PAGES_CACHE = PREFIX + "pages-" + CORRIDOR.version;
var TRIP_CACHE = PREFIX + "trip-" + CORRIDOR.version;
var PHONE_WIDTH = 640;

function isStatic(url) { return url.pathname.indexOf(CORRIDOR.static) === 0; }
function isMedia(url) { return url.pathname.indexOf(CORRIDOR.media) === 0; }

function languageOf(url) {
  // The longest prefix wins: "/en/" before "/" (Chinese, the default language, has none).
  return CORRIDOR.pages.filter(function (page) {
    return url.pathname.indexOf(page.prefix) === 0;
  }).sort(function (a, b) { return b.prefix.length - a.prefix.length; })[0] || CORRIDOR.pages[0];
}

function isTripPage(url) { return url.pathname === languageOf(url).trip; }

// A response as the cache should keep it: a followed redirect is stored as the page it led to (a browser will
// not answer a navigation with a redirected response).
function keepable(response) {
  if (!response.redirected) return Promise.resolve(response);
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
}

function put(cacheName, key, response) {
  return keepable(response).then(function (kept) {
    return caches.open(cacheName).then(function (cache) { return cache.put(key, kept); });
  });
}

// The phone-size pictures of a listing's page: the gallery's srcset candidates up to 640 px wide.
function phonePictures(html, base) {
  var start = html.indexOf('class="gallery"');
  if (start < 0) return [];
  var end = html.indexOf("</div>", start);
  var gallery = html.slice(start, end < 0 ? undefined : end);
  var urls = [];
  var pattern = /srcset="([^"]*)"/g;
  var match;
  while ((match = pattern.exec(gallery))) {
    match[1].split(",").forEach(function (candidate) {
      var parts = candidate.trim().split(/\s+/);
      var width = parseInt(parts[1], 10);
      if (parts[0] && width && width <= PHONE_WIDTH) {
        var url = new URL(parts[0].replace(/&amp;/g, "&"), base).href;
        if (urls.indexOf(url) < 0) urls.push(url);
      }
    });
  }
  return urls;
}

function keepPage(address) {
  var url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin) return Promise.resolve();
  return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) return null;
    var copy = response.clone();
    return put(TRIP_CACHE, url.href, response).then(function () { return copy.text(); });
  }).then(function (html) {
    if (!html) return null;
    return Promise.all(phonePictures(html, url.href).map(function (picture) {
      return fetch(picture).then(function (response) {
        return response.ok ? put(TRIP_CACHE, picture, response) : null;
      });
    }));
  });
}

function keepPages(addresses) {
  return Promise.all(addresses.map(function (address) {
    return keepPage(address).catch(function () { /* kept as far as the connection allowed */ });
  }));
}

// Only the pages not kept yet (the trip page asks on every visit; a kept page is refreshed when it is opened).
function keepMissingPages(addresses) {
  return caches.open(TRIP_CACHE).then(function (cache) {
    return Promise.all(addresses.map(function (address) {
      return cache.match(new URL(address, self.location.origin).href, { ignoreVary: true }).then(function (kept) {
        return kept ? null : keepPage(address).catch(function () { /* as far as the connection allowed */ });
      });
    }));
  });
}

function dropPages(addresses) {
  return caches.open(TRIP_CACHE).then(function (cache) {
    return Promise.all(addresses.map(function (address) {
      return cache.delete(new URL(address, self.location.origin).href);
    }));
  });
}

self.addEventListener("install", function (event) {
  var staticFiles = CORRIDOR.precache.filter(function (path) { return path.indexOf(CORRIDOR.static) === 0; });
  var pages = CORRIDOR.precache.filter(function (path) { return path.indexOf(CORRIDOR.static) !== 0; });
  event.waitUntil(Promise.all([
    caches.open(STATIC_CACHE).then(function (cache) { return cache.addAll(staticFiles); }),
    caches.open(PAGES_CACHE).then(function (cache) { return cache.addAll(pages); }),
  ]).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && [STATIC_CACHE, PAGES_CACHE, TRIP_CACHE].indexOf(name) < 0;
    });
    var oldTrips = old.filter(function (name) { return name.indexOf(PREFIX + "trip-") === 0; });
    // The trip's pages, fetched again as the new deploy renders them (with its own static files).
    return Promise.all(oldTrips.map(function (name) {
      return caches.open(name).then(function (cache) { return cache.keys(); }).then(function (requests) {
        var pages = requests.map(function (request) { return request.url; }).filter(function (address) {
          return !isMedia(new URL(address));
        });
        return keepPages(pages);
      });
    })).then(function () {
      return Promise.all(old.map(function (name) { return caches.delete(name); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var port = event.ports && event.ports[0];
  var urls = Array.isArray(data.urls) ? data.urls.filter(function (url) { return typeof url === "string"; }) : [];
  var actions = { keep: keepPages, "keep-missing": keepMissingPages, drop: dropPages };
  var work = Object.prototype.hasOwnProperty.call(actions, data.type) ? actions[data.type](urls) : null;
  if (!work) return;
  event.waitUntil(work.then(
    function () { if (port) port.postMessage({ ok: true }); },
    function () { if (port) port.postMessage({ ok: false }); }
  ));
});

// A hashed name (site.3f2a9c1b7d4e.css, as the deploy's static manifest writes it) never changes its content.
var HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

function fetchStatic(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(STATIC_CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  });
}

// Hashed files: cache first. Unhashed ones (a development server) are fetched first, the copy only offline.
function fromStatic(request, url) {
  if (HASHED.test(url.pathname)) {
    return caches.match(request).then(function (hit) { return hit || fetchStatic(request); });
  }
  return fetchStatic(request).catch(function () {
    return caches.match(request).then(function (hit) { return hit || Response.error(); });
  });
}

// Another size of a kept picture (photo-640.webp for photo-1024.webp), the widest kept.
function keptSizeOf(url) {
  var same = /^(.*)-[0-9]+\.(webp|jpg)$/.exec(url.pathname);
  if (!same) return Promise.resolve(null);
  return caches.open(TRIP_CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      var best = null;
      var bestWidth = 0;
      requests.forEach(function (request) {
        var kept = /^(.*)-([0-9]+)\.(webp|jpg)$/.exec(new URL(request.url).pathname);
        if (kept && kept[1] === same[1] && kept[3] === same[2] && parseInt(kept[2], 10) > bestWidth) {
          best = request;
          bestWidth = parseInt(kept[2], 10);
        }
      });
      return best ? cache.match(best) : null;
    });
  });
}

function fromMedia(request, url) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    return hit || fetch(request).catch(function () {
      return keptSizeOf(url).then(function (kept) { return kept || Response.error(); });
    });
  });
}

function offlinePage(url) {
  return caches.match(languageOf(url).offline, { ignoreVary: true }).then(function (page) {
    return page || Response.error();
  });
}

function fromPage(request, url) {
  var key = url.href.split("#")[0];
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      // The trip page is kept whenever it is opened; a listing's page only when it is saved (kept already).
      caches.open(TRIP_CACHE).then(function (cache) {
        return isTripPage(url) ? put(TRIP_CACHE, key, copy) : cache.match(key).then(function (kept) {
          return kept ? put(TRIP_CACHE, key, copy) : null;
        });
      });
    }
    return response;
  }).catch(function () {
    return caches.match(key, { ignoreVary: true }).then(function (kept) {
      return kept || offlinePage(url);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/admin/") === 0) return;
  if (isStatic(url)) {
    event.respondWith(fromStatic(request, url));
  } else if (isMedia(url)) {
    event.respondWith(fromMedia(request, url));
  } else if (request.mode === "navigate") {
    event.respondWith(fromPage(request, url));
  }
});
