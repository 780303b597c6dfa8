/* Counts one view of this listing's page, once the page has loaded (see /privacy/).
   It sends the listing's kind and slug and the page's language, nothing else: no cookie, no identifier.
   A page kept in the browser's back/forward cache and shown again counts again; a page being prerendered
   counts only when it is actually shown. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) { return; }
  var data = new URLSearchParams({
    kind: script.dataset.kind || "",
    slug: script.dataset.slug || "",
    lang: script.dataset.lang || ""
  });
  var url = script.dataset.url;

  function send() { navigator.sendBeacon(url, data); }

  function whenLoaded() {
    if (document.readyState === "complete") { send(); } else { window.addEventListener("load", send, { once: true }); }
  }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", whenLoaded, { once: true });
  } else {
    whenLoaded();
  }
  window.addEventListener("pageshow", function (event) { if (event.persisted) { send(); } });
})();
