// My trip, kept on this device (localStorage; nothing goes to the server) and ready for the road.
//  - every page: registers the service worker (/sw.js) that opens a saved trip's pages without a connection;
//  - a listing's page: the "Save to my trip" button, which also asks the service worker to keep the page, its
//    phone-size pictures and its map (drawn in the page) for offline use;
//  - the trip page: opens the trip kept here, keeps the device's copy in step with the links that change it,
//    and offers to keep a trip someone shared.
// Without JavaScript the button stays hidden: the trip page works from its address alone (?items=…).
(function () {
  "use strict";
  var KEY = "g331-trip";
  var ITEM = /^([a-z][a-z_]*):([-A-Za-z0-9_]+)(?:@([0-9]{1,2}))?$/;

  function load() {
    try {
      var trip = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (trip && typeof trip.items === "string") return { items: trip.items, start: trip.start || "" };
    } catch (error) { /* unreadable or blocked storage: an empty trip */ }
    return { items: "", start: "" };
  }

  function store(trip) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(trip));
      return true;
    } catch (error) {
      return false;
    }
  }

  function parse(items) {
    return (items || "").split(",").map(function (part) {
      var match = ITEM.exec(part.trim());
      return match ? { kind: match[1], slug: match[2], day: parseInt(match[3] || "1", 10) } : null;
    }).filter(Boolean);
  }

  function serialise(list) {
    return list.map(function (item) { return item.kind + ":" + item.slug + "@" + item.day; }).join(",");
  }

  // The trip page's address, written as the server writes it (trips/views.py), so the offline copy is found.
  function tripUrl(address, trip) {
    var query = [];
    if (trip.items) query.push("items=" + trip.items);
    if (trip.start) query.push("start=" + trip.start);
    return address + (query.length ? "?" + query.join("&") : "");
  }

  var worker = null;
  if ("serviceWorker" in navigator && window.isSecureContext) {
    worker = navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    });
    worker.catch(function () { /* no offline copies: the pages still work online */ });
  }

  // Ask the service worker to keep (or drop) these pages for offline use; resolves when it is done.
  function tell(type, urls) {
    if (!worker) return Promise.resolve(false);
    return worker.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data && event.data.ok); };
        registration.active.postMessage({ type: type, urls: urls }, [channel.port2]);
        window.setTimeout(function () { resolve(false); }, 20000);
      });
    }).catch(function () { return false; });
  }

  function setUpSaveButton(box) {
    var button = box.querySelector(".trip-save-button");
    var status = box.querySelector(".trip-save-status");
    var kind = box.getAttribute("data-trip-kind");
    var slug = box.getAttribute("data-trip-slug");
    var address = box.getAttribute("data-trip-address");
    var page = window.location.pathname;

    function isThis(item) { return item.kind === kind && item.slug === slug; }
    function isSaved() { return parse(load().items).some(isThis); }
    function show() {
      var saved = isSaved();
      button.textContent = box.getAttribute(saved ? "data-remove-text" : "data-save-text");
      button.setAttribute("aria-pressed", saved ? "true" : "false");
    }

    button.hidden = false;
    box.querySelector(".trip-open").hidden = false;
    box.querySelector(".trip-add-link").hidden = true;
    show();
    button.addEventListener("click", function () {
      var trip = load();
      var list = parse(trip.items);
      if (list.some(isThis)) {
        trip.items = serialise(list.filter(function (item) { return !isThis(item); }));
        store(trip);
        show();
        status.textContent = box.getAttribute("data-removed-text");
        tell("drop", [page]);
        return;
      }
      // A new item goes to the last day planned so far.
      var day = list.reduce(function (last, item) { return Math.max(last, item.day); }, 1);
      list.push({ kind: kind, slug: slug, day: day });
      trip.items = serialise(list);
      if (!store(trip)) return;
      show();
      button.disabled = true;
      tell("keep", [page, tripUrl(address, trip), address]).then(function (kept) {
        button.disabled = false;
        // Say "opens without a connection" only when the service worker has kept the page.
        status.textContent = box.getAttribute(kept ? "data-saved-text" : "data-saved-online-text");
      });
    });
  }

  function setUpTripPage(article) {
    var address = article.getAttribute("data-trip-address");
    var pageItems = article.getAttribute("data-trip-items");
    var params = new URLSearchParams(window.location.search);
    var trip = load();

    if (!params.has("items")) {
      // The bare trip page: open the trip kept on this device at its own address.
      if (trip.items) {
        var loading = article.querySelector(".trip-loading");
        if (loading) loading.hidden = false;
        window.location.replace(tripUrl(address, trip));
      }
      return;
    }

    var pages = Array.prototype.map.call(article.querySelectorAll(".trip-item h3 a"), function (link) {
      return link.getAttribute("href");
    });
    var mine = trip.items === pageItems || trip.items === params.get("items");
    if (mine) {
      // Items no longer on the portal drop out here as on the page; the start date follows the address.
      trip.items = pageItems;
      trip.start = params.get("start") || "";
      store(trip);
      tell("keep-missing", pages.concat([window.location.pathname + window.location.search]));
    } else {
      var adopt = article.querySelector(".trip-adopt");
      adopt.hidden = false;
      var adoptButton = adopt.querySelector("button");
      if (trip.items) adoptButton.title = adoptButton.getAttribute("data-replaces");
      adoptButton.addEventListener("click", function () {
        store({ items: pageItems, start: params.get("start") || "" });
        adopt.hidden = true;
        mine = true;
        tell("keep", pages.concat([window.location.pathname + window.location.search]));
      });
    }

    // The links that change the trip (move, other day, remove) are addresses of the changed trip: the device's
    // copy follows them when this is the trip kept here.
    Array.prototype.forEach.call(article.querySelectorAll("a.trip-change"), function (link) {
      link.addEventListener("click", function () {
        if (!mine) return;
        var removed = link.classList.contains("trip-remove");
        store({ items: link.getAttribute("data-trip-items"), start: params.get("start") || "" });
        if (removed) {
          var item = link.closest(".trip-item");
          var page = item && item.querySelector("h3 a");
          if (page) tell("drop", [page.getAttribute("href")]);
        }
      });
    });

    var print = article.querySelector(".trip-print");
    if (print) {
      print.hidden = false;
      var hint = article.querySelector(".trip-print-hint");
      if (hint) hint.hidden = true;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".save-to-trip[data-trip-kind]"), setUpSaveButton);
  var tripPage = document.querySelector("[data-trip-page]");
  if (tripPage) setUpTripPage(tripPage);
})();
