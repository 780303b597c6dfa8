/* The address (slug) proposed from the Chinese name as it is typed: the server writes it in pinyin and makes it
   unique (editorial/admin/slugs.py, data-slug-suggestion-url on the slug field), and this fills it in while the
   editor has not typed an address of their own. Emptying the address hands it back to the name. Without this
   file, an address left blank is proposed on saving. */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function suggestionUrl(slug, name) {
    var url = new URL(slug.dataset.slugSuggestionUrl, window.location.href);
    url.searchParams.set("name", name);
    if (slug.dataset.slugExclude) {
      url.searchParams.set("exclude", slug.dataset.slugExclude);
    }
    return url;
  }

  function ask(slug, name) {
    return window
      .fetch(suggestionUrl(slug, name), {
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        return data && typeof data.slug === "string" ? data.slug : null;
      })
      .catch(function () {
        return null; // offline or signed out: the address is proposed on saving
      });
  }

  function follow(slug) {
    var source = document.getElementById(slug.dataset.slugSource);
    if (!source || slug.disabled || slug.readOnly) {
      return;
    }
    // The name's address while the editor has not typed their own: an empty field, or one holding exactly
    // what the name gives (checked below once the server has answered).
    var automatic = slug.value.trim() === "";
    var asked = 0;
    var timer = null;

    function propose() {
      var name = source.value.trim();
      var number = ++asked;
      if (!name) {
        if (automatic) {
          slug.value = "";
        }
        return;
      }
      ask(slug, name).then(function (proposal) {
        // Only the answer to the latest name counts; a slower earlier answer is dropped.
        if (proposal !== null && number === asked && automatic) {
          slug.value = proposal;
          slug.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }

    source.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(propose, DELAY_MS);
    });
    slug.addEventListener("input", function () {
      automatic = slug.value.trim() === "";
      if (automatic) {
        propose();
      }
    });

    if (!automatic && source.value.trim()) {
      var current = slug.value;
      ask(slug, source.value.trim()).then(function (proposal) {
        if (proposal !== null && proposal === current && slug.value === current) {
          automatic = true;
        }
      });
    }
  }

  function start() {
    document.querySelectorAll("input[data-slug-suggestion-url]").forEach(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
