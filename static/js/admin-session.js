/* The staff session on every admin page (templates/admin/base_site.html gives the settings and the texts):
 *
 * - a warning a few minutes before the sign-in expires, with a button that renews it (POST to the staff-only
 *   keep-alive address), and a notice with a sign-in link once it has expired;
 * - what is typed in a change form is kept in this browser (localStorage, per user and page address, for a
 *   day) as it is typed and when the form is sent. A form sent after the sign-in expired reaches the login page
 *   instead of the server; after signing in again, the page offers to put the typed values back.
 *
 * Without JavaScript nothing of this exists and the forms work as always.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var config = script.dataset;
  var WARN_SECONDS = 5 * 60;
  var DRAFT_PREFIX = "g331-admin-draft:";
  var SUBMITTED = "g331-admin-draft-submitted";
  var DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;
  var SKIPPED_TYPES = ["hidden", "file", "password", "submit", "button", "reset", "image"];

  // Storage ---------------------------------------------------------------------------------------------------

  var store = (function () {
    try {
      window.localStorage.setItem("g331-admin-probe", "1");
      window.localStorage.removeItem("g331-admin-probe");
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage turned off: nothing is kept
    }
  })();

  function read(key) {
    if (!store) {
      return null;
    }
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function write(key, value) {
    if (!store) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify(value));
    } catch (error) {
      // storage full: this draft is not kept, the form itself is untouched
    }
  }

  function forget(key) {
    if (store) {
      store.removeItem(key);
    }
  }

  function draftKeys() {
    var keys = [];
    if (!store) {
      return keys;
    }
    for (var index = 0; index < store.length; index += 1) {
      var key = store.key(index);
      if (key && key.indexOf(DRAFT_PREFIX) === 0) {
        keys.push(key);
      }
    }
    return keys;
  }

  function forgetOldDrafts() {
    draftKeys().forEach(function (key) {
      var draft = read(key);
      if (!draft || !draft.savedAt || Date.now() - draft.savedAt > DRAFT_LIFETIME_MS) {
        forget(key);
      }
    });
  }

  function format(text, values) {
    return (text || "").replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name];
    });
  }

  // Banners ---------------------------------------------------------------------------------------------------

  function makeBanner(name) {
    var banner = document.createElement("div");
    banner.className = "session-banner session-banner-" + name;
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
    banner.hidden = true;
    var text = document.createElement("span");
    text.className = "session-banner-text";
    banner.appendChild(text);
    var content = document.getElementById("content");
    if (content && content.parentNode) {
      content.parentNode.insertBefore(banner, content);
    } else {
      document.body.insertBefore(banner, document.body.firstChild);
    }
    return banner;
  }

  function setBanner(banner, message, actions) {
    banner.querySelector(".session-banner-text").textContent = message;
    Array.prototype.slice.call(banner.querySelectorAll(".session-banner-action")).forEach(function (old) {
      old.remove();
    });
    (actions || []).forEach(function (action) {
      var element;
      if (action.href) {
        element = document.createElement("a");
        element.href = action.href;
      } else {
        element = document.createElement("button");
        element.type = "button";
        element.addEventListener("click", action.onClick);
      }
      element.className = "session-banner-action button";
      element.textContent = action.label;
      banner.appendChild(element);
    });
    banner.hidden = false;
  }

  // The form's values -----------------------------------------------------------------------------------------

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      return (
        field.name &&
        !field.disabled &&
        field.tagName !== "BUTTON" &&
        field.tagName !== "FIELDSET" &&
        SKIPPED_TYPES.indexOf(type) === -1 &&
        field.name.indexOf("__prefix__") === -1
      );
    });
  }

  function valuesOf(form) {
    var values = {};
    keptFields(form).forEach(function (field) {
      if (field.type === "checkbox") {
        values["checkbox:" + field.name + ":" + field.value] = field.checked;
      } else if (field.type === "radio") {
        if (field.checked) {
          values[field.name] = field.value;
        }
      } else if (field.type === "select-multiple") {
        values[field.name] = Array.prototype.map.call(field.selectedOptions, function (option) {
          return option.value;
        });
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function differs(kept, current) {
    return Object.keys(kept).some(function (name) {
      return name in current && JSON.stringify(kept[name]) !== JSON.stringify(current[name]);
    });
  }

  function addMissingRows(form, values) {
    // Inline rows added before the sign-in expired ("Add another …"): added again, so their fields exist.
    Object.keys(values).forEach(function (key) {
      var name = key.indexOf("checkbox:") === 0 ? key.split(":")[1] : key;
      var row = /^(.+)-(\d+)-[^-]+$/.exec(name);
      if (!row || form.elements.namedItem(name)) {
        return;
      }
      var group = document.getElementById(row[1] + "-group");
      var add = group && group.querySelector(".add-row a");
      for (var clicks = 0; add && !form.elements.namedItem(name) && clicks < 50; clicks += 1) {
        add.click();
      }
    });
  }

  function fill(form, values) {
    addMissingRows(form, values);
    keptFields(form).forEach(function (field) {
      var changed = false;
      if (field.type === "checkbox") {
        var key = "checkbox:" + field.name + ":" + field.value;
        if (key in values && field.checked !== values[key]) {
          field.checked = values[key];
          changed = true;
        }
      } else if (field.type === "radio") {
        if (field.name in values && field.checked !== (field.value === values[field.name])) {
          field.checked = field.value === values[field.name];
          changed = true;
        }
      } else if (field.type === "select-multiple") {
        if (field.name in values) {
          Array.prototype.forEach.call(field.options, function (option) {
            option.selected = values[field.name].indexOf(option.value) !== -1;
          });
          changed = true;
        }
      } else if (field.name in values && field.value !== values[field.name]) {
        field.value = values[field.name];
        changed = true;
      }
      if (changed) {
        // Widgets listening to their field (translation tabs, map pickers, counters) follow the new value.
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  // What happened to the last form sent -----------------------------------------------------------------------

  var loginForm = document.getElementById("login-form");
  var submitted = read(SUBMITTED);
  forgetOldDrafts();
  if (submitted) {
    forget(SUBMITTED);
    var sentDraft = read(submitted.key);
    if (loginForm) {
      // The form went to the login page, not to the server: its sign-in had expired. Keep it to restore.
      if (sentDraft) {
        sentDraft.interrupted = true;
        write(submitted.key, sentDraft);
      }
    } else {
      // The server had it: saved, or shown again with its errors and the values as sent.
      forget(submitted.key);
    }
  }
  if (loginForm) {
    var interrupted = draftKeys().some(function (key) {
      var draft = read(key);
      return draft && draft.interrupted;
    });
    if (interrupted) {
      setBanner(makeBanner("kept"), config.textKept);
    }
  }

  // The change form: keep what is typed, offer it back --------------------------------------------------------

  var form = document.querySelector("#content-main form[method='post'][id$='_form']");
  if (form && config.user && store) {
    var draftKey = DRAFT_PREFIX + config.user + ":" + window.location.pathname;
    var initial = valuesOf(form);
    var kept = read(draftKey);
    var saveTimer = null;

    var saveDraft = function () {
      var values = valuesOf(form);
      if (differs(values, initial)) {
        write(draftKey, { values: values, savedAt: Date.now(), interrupted: false });
      } else {
        forget(draftKey);
      }
    };

    var scheduleSave = function () {
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(saveDraft, 800);
    };

    form.addEventListener("input", scheduleSave);
    form.addEventListener("change", scheduleSave);
    form.addEventListener("submit", function () {
      window.clearTimeout(saveTimer);
      saveDraft();
      write(SUBMITTED, { key: draftKey, at: Date.now() });
    });

    if (kept && kept.values && !document.querySelector(".errornote") && differs(kept.values, initial)) {
      var restoreBanner = makeBanner("restore");
      var when = new Date(kept.savedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      setBanner(restoreBanner, format(config.textRestoreOffer, { time: when }), [
        {
          label: config.textRestore,
          onClick: function () {
            fill(form, kept.values);
            kept = null;
            saveDraft();
            setBanner(restoreBanner, config.textRestored);
          },
        },
        {
          label: config.textDiscard,
          onClick: function () {
            forget(draftKey);
            kept = null;
            restoreBanner.hidden = true;
          },
        },
      ]);
    } else if (kept) {
      forget(draftKey); // nothing in it that the page does not show already
      kept = null;
    }
  }

  // The session's end -----------------------------------------------------------------------------------------

  var secondsLeft = parseInt(config.secondsLeft, 10);
  if (!config.keepAliveUrl || isNaN(secondsLeft)) {
    return;
  }
  var deadline = Date.now() + secondsLeft * 1000;
  var sessionBanner = null;
  var lastCheck = 0;
  var csrfField = document.querySelector("input[name='csrfmiddlewaretoken']");

  function sessionBannerElement() {
    if (!sessionBanner) {
      sessionBanner = makeBanner("session");
    }
    return sessionBanner;
  }

  function answer(response) {
    if (response.status === 401) {
      deadline = Date.now();
      return null;
    }
    return response.ok ? response.json() : null;
  }

  function follow(data) {
    if (data && typeof data.seconds_left === "number") {
      deadline = Date.now() + data.seconds_left * 1000;
    }
    show();
  }

  function check() {
    // Another tab may have renewed it: ask the server before warning (at most once a minute).
    if (Date.now() - lastCheck < 60 * 1000) {
      return;
    }
    lastCheck = Date.now();
    window
      .fetch(config.keepAliveUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(answer)
      .then(follow)
      .catch(function () {});
  }

  function renew() {
    window
      .fetch(config.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfField.value },
      })
      .then(answer)
      .then(function (data) {
        follow(data);
        if (data) {
          setBanner(sessionBannerElement(), config.textRenewed);
          window.setTimeout(show, 4000);
        }
      })
      .catch(function () {});
  }

  function show() {
    var left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) {
      var signIn = config.loginUrl + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
      setBanner(sessionBannerElement(), config.textExpired, [{ label: config.textSignIn, href: signIn }]);
      sessionBannerElement().classList.add("session-banner-expired");
    } else if (left <= WARN_SECONDS) {
      var actions = csrfField ? [{ label: config.textRenew, onClick: renew }] : [];
      setBanner(sessionBannerElement(), format(config.textExpiring, { minutes: Math.ceil(left / 60) }), actions);
      sessionBannerElement().classList.remove("session-banner-expired");
    } else if (sessionBanner) {
      sessionBanner.hidden = true;
    }
  }

  function tick() {
    var left = (deadline - Date.now()) / 1000;
    if (left <= WARN_SECONDS + 30) {
      check();
    }
    show();
  }

  tick();
  window.setInterval(tick, 15 * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      tick();
    }
  });
})();
