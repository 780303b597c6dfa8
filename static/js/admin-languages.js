/* The language tabs of the admin's translated texts (modeltranslation's tabbed_translation_fields.js), made for
   editors who write Chinese first:
   - every page and every new inline row opens on the Chinese tab (modeltranslation would open the admin's
     language, and new rows in whichever tab was used last: Chinese typed into the English boxes);
   - each tab is named in its own language (中文 / English / 한국어 / Русский) and marked: ✓ filled,
     ! required and still empty, ○ optional and empty, updated as the editor types;
   - "show the four languages side by side" lays each field's languages next to each other instead of in tabs,
     remembered in this browser.
   Its settings and words come from its <script> tag's data-language-tabs (editorial/admin/languages.py). */
(function () {
  "use strict";

  var script = document.currentScript;
  var settings = JSON.parse((script && script.getAttribute("data-language-tabs")) || "{}");
  var names = settings.names || {};
  var SIDE_BY_SIDE_KEY = "g331.admin.languagesSideBySide";

  // Read by modeltranslation when it builds its tabs (on DOM ready, after this file has run): open the first
  // tab, Chinese, instead of the admin's own language.
  window.MODELTRANSLATION_AUTO_SELECT_CURRENT_LANGUAGE = false;

  function tabLanguage(anchor) {
    // modeltranslation writes the language code as the tab's text ("zh-hans"); keep it before renaming.
    if (!anchor.dataset.language) {
      anchor.dataset.language = anchor.textContent.trim().toLowerCase();
    }
    return anchor.dataset.language;
  }

  function panelOf(anchor) {
    var id = (anchor.getAttribute("href") || "").replace(/^#/, "");
    return id ? document.getElementById(id) : null;
  }

  function fieldsOf(panel) {
    return panel ? panel.querySelectorAll("input:not([type=hidden]):not([type=checkbox]), textarea, select") : [];
  }

  function isFilled(panel) {
    return Array.prototype.some.call(fieldsOf(panel), function (field) {
      return field.value.trim() !== "";
    });
  }

  function isRequired(panel) {
    // Marked by the server (editorial/admin/languages.py): modeltranslation's own "required" class on the tab
    // guesses the default language in inline tables, where Chinese captions are optional.
    return Array.prototype.some.call(fieldsOf(panel), function (field) {
      return field.required || field.dataset.languageRequired === "true";
    });
  }

  function updateMarker(anchor) {
    var panel = panelOf(anchor);
    var marker = anchor.querySelector(".language-tab-marker");
    if (!marker) {
      return;
    }
    var state = isFilled(panel) ? "filled" : isRequired(panel) ? "required_empty" : "optional_empty";
    var symbols = { filled: "✓", required_empty: "!", optional_empty: "○" };
    marker.className = "language-tab-marker language-tab-" + state.replace("_", "-");
    marker.querySelector("[aria-hidden]").textContent = symbols[state];
    marker.querySelector(".visually-hidden").textContent = settings[state] || "";
    marker.title = settings[state] || "";
    anchor.closest("li").dataset.languageState = state;
  }

  function dressTab(anchor) {
    if (anchor.dataset.languageDressed) {
      updateMarker(anchor);
      return;
    }
    var code = tabLanguage(anchor);
    anchor.dataset.languageDressed = "1";
    anchor.textContent = names[code] || code;
    anchor.setAttribute("lang", code === "zh-hans" ? "zh-Hans" : code);
    var marker = document.createElement("span");
    marker.className = "language-tab-marker";
    var symbol = document.createElement("span");
    var text = document.createElement("span");
    symbol.setAttribute("aria-hidden", "true");
    text.className = "visually-hidden";
    marker.appendChild(symbol);
    marker.appendChild(text);
    anchor.appendChild(document.createTextNode(" "));
    anchor.appendChild(marker);
    updateMarker(anchor);
    var container = anchor.closest(".ui-tabs");
    if (container && !container.closest("td, .tabular")) {
      container.classList.add("language-tabs");
    }
  }

  function dressTabs(root) {
    root.querySelectorAll(".ui-tabs-nav a[href^='#tab_']").forEach(dressTab);
  }

  function openChinese(root) {
    // Clicking the first tab is jQuery UI's own way to switch, so modeltranslation's state follows.
    root.querySelectorAll(".ui-tabs").forEach(function (tabs) {
      var first = tabs.querySelector(".ui-tabs-nav li:first-child a");
      var item = first && first.closest("li");
      if (item && !item.classList.contains("ui-tabs-active")) {
        first.click();
      }
    });
  }

  function nameMainSwitch() {
    var select = document.getElementById("modeltranslation-main-switch");
    if (!select) {
      return;
    }
    select.querySelectorAll("option").forEach(function (option) {
      var code = option.textContent.trim().toLowerCase();
      if (names[code]) {
        option.textContent = names[code];
      }
    });
    select.value = "0";
  }

  function sideBySideToggle() {
    if (!document.querySelector(".language-tabs")) {
      return;
    }
    var remembered = false;
    try {
      remembered = window.localStorage.getItem(SIDE_BY_SIDE_KEY) === "1";
    } catch (error) {
      remembered = false; // storage blocked: tabs, as by default
    }
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "language-side-by-side";
    label.className = "language-layout-toggle";
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (settings.side_by_side || "")));
    function apply(on) {
      document.body.classList.toggle("languages-side-by-side", on);
      box.checked = on;
    }
    box.addEventListener("change", function () {
      apply(box.checked);
      try {
        window.localStorage.setItem(SIDE_BY_SIDE_KEY, box.checked ? "1" : "0");
      } catch (error) {
        // not remembered; the layout still changes
      }
    });
    apply(remembered);
    var heading = document.querySelector("#content h1");
    var place = heading ? heading.nextSibling : null;
    (heading ? heading.parentNode : document.getElementById("content-main")).insertBefore(label, place);
  }

  function onTyping(event) {
    var field = event.target;
    if (!field.id) {
      return;
    }
    var anchor = document.querySelector("a[href='#tab_" + CSS.escape(field.id) + "']");
    if (anchor) {
      updateMarker(anchor);
    }
  }

  function start() {
    dressTabs(document);
    nameMainSwitch();
    sideBySideToggle();
    document.addEventListener("input", onTyping);
    document.addEventListener("change", onTyping);
    document.addEventListener("formset:added", function (event) {
      // modeltranslation builds the new row's tabs in its own click handler, after Django's admin has added
      // the row: wait for it, then open Chinese there whatever tab was used last.
      var row = event.target;
      window.setTimeout(function () {
        dressTabs(row);
        openChinese(row);
      }, 0);
    });
  }

  // After modeltranslation's ready handler (registered before this one), which builds the tabs.
  var jq = (window.django && window.django.jQuery) || window.jQuery;
  if (jq) {
    jq(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
