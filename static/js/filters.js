/* Filter forms of the list pages: results update without a full reload and the address follows.
   Without this script the form is an ordinary GET form and everything still works. */
(function () {
  "use strict";

  var form = document.querySelector("[data-filter-form]");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) {
    return;
  }
  var results = document.getElementById("results");
  var count = document.getElementById("result-count");
  var pending = null;
  var typingTimer = null;

  function addressFor(data) {
    var params = new URLSearchParams();
    data.forEach(function (value, key) {
      // Empty values and the default sort only lengthen the address.
      if (value !== "" && !(key === "sort" && value === "corridor")) {
        params.append(key, value);
      }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function refreshFacets(fresh) {
    fresh.querySelectorAll("[data-facet-option]").forEach(function (option) {
      var current = form.querySelector('[data-facet-option="' + option.getAttribute("data-facet-option") + '"]');
      if (!current) {
        return;
      }
      current.className = option.className;
      var label = current.querySelector("[data-facet-label]");
      var freshLabel = option.querySelector("[data-facet-label]");
      if (label && freshLabel) {
        label.innerHTML = freshLabel.innerHTML;
      }
    });
    var summary = form.querySelector(".filter-summary");
    var freshSummary = fresh.querySelector(".filter-summary");
    if (summary && freshSummary) {
      summary.innerHTML = freshSummary.innerHTML;
    }
  }

  function load(url, push) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    results.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "X-Requested-With": "fetch" }, signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshResults = fresh.getElementById("results");
        var freshCount = fresh.getElementById("result-count");
        if (!freshResults || !freshCount) {
          throw new Error("unexpected answer");
        }
        results.innerHTML = freshResults.innerHTML;
        count.textContent = freshCount.textContent;
        refreshFacets(fresh);
        results.removeAttribute("aria-busy");
        // The results hold the list's map; static/js/map.js draws it again.
        document.dispatchEvent(new CustomEvent("g331:results-updated"));
        if (push) {
          window.history.pushState({ filters: true }, "", url);
        }
      })
      .catch(function (error) {
        if (error.name === "AbortError") {
          return;
        }
        // Anything unexpected: let the browser load the page the ordinary way.
        window.location.assign(url);
      });
  }

  function update() {
    load(addressFor(new FormData(form)), true);
  }

  form.addEventListener("change", function (event) {
    if (event.target.name !== "q") {
      update();
    }
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "q") {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(update, 450);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    update();
  });
  // Back and forward: the form's ticks must match the address again, so load the page itself.
  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
