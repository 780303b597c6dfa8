/* The tour editor (routes/admin.py, templates/admin/routes/route/tour_days.html): a Border Tour's days, each
   with its stops, on the tour's own page.
   - a stop is dragged by its big handle within its day or into another day, or moved with its ▲ ▼ buttons
     (from the keyboard too: across days at a day's first and last stop);
   - the day's straight-line distance, each stop's line from the previous one and a small map of the day (stops
     numbered, a line between those with exact positions) follow every move and every place chosen.
   The page's own fields stay the truth: a move only fills in the stop's "day" select and "order" number, which
   are what the server saves, and what an editor without JavaScript changes by hand. Measuring follows
   routes/models.py (StraightLineDay): only between two exact positions, never from an approximate one.
   Its words and the map's tiles come from its <script> tag's data-tour-editor (no inline script: CSP). */
(function () {
  "use strict";

  var script = document.currentScript;
  var settings = JSON.parse((script && script.getAttribute("data-tour-editor")) || "{}");
  var EARTH_RADIUS_KM = 6371.0088; // as listings/geometry.py
  var dragged = null; // the stop row being dragged by its handle

  function format(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] === undefined ? match : values[name];
    });
  }

  function greatCircleKm(a, b) {
    var rad = Math.PI / 180;
    var dPhi = (b.lat - a.lat) * rad;
    var dLambda = (b.lon - a.lon) * rad;
    var h = Math.pow(Math.sin(dPhi / 2), 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.pow(Math.sin(dLambda / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
  }

  function km(value) {
    return format(settings.km, { km: (Math.round(value * 10) / 10).toFixed(1) });
  }

  // The place of a stop row, from the data its row was given (server) or its chosen search result (select2).
  function placeOf(row) {
    var lat = parseFloat(row.getAttribute("data-latitude"));
    var lon = parseFloat(row.getAttribute("data-longitude"));
    if (isNaN(lat) || isNaN(lon)) return null;
    return {
      lat: lat,
      lon: lon,
      approximate: row.getAttribute("data-approximate") === "true",
      name: row.getAttribute("data-name") || ""
    };
  }

  function isRemoved(row) {
    var box = row.querySelector("input[name$='-DELETE']");
    return Boolean(box && box.checked);
  }

  // A row left for adding a stop: not saved yet, no place chosen.
  function isBlank(row) {
    var id = row.querySelector("input[name$='-id']");
    var place = row.querySelector("select[name$='-place']");
    return !(id && id.value) && !(place && place.value);
  }

  function TourEditor(group) {
    this.group = group;
    this.prefix = group.getAttribute("data-stops-prefix");
    this.total = document.getElementById("id_" + this.prefix + "-TOTAL_FORMS");
    this.template = group.querySelector("template.tour-stop-template");
    this.maps = new WeakMap();
  }

  TourEditor.prototype.days = function () {
    return Array.prototype.filter.call(this.group.querySelectorAll(".tour-day"), function (day) {
      return !day.classList.contains("empty-form");
    });
  };

  // A day's place in the days' formset ("days-2" → "2"): what a stop's "day" select holds.
  TourEditor.prototype.dayIndex = function (day) {
    var match = /-(\d+)$/.exec(day.id || "");
    return match ? match[1] : null;
  };

  TourEditor.prototype.dayByIndex = function (index) {
    var editor = this;
    return this.days().filter(function (day) { return editor.dayIndex(day) === String(index); })[0] || null;
  };

  TourEditor.prototype.listOf = function (day) {
    return day.querySelector(".tour-stops");
  };

  TourEditor.prototype.rowsOf = function (day) {
    var list = this.listOf(day);
    return list ? Array.prototype.slice.call(list.querySelectorAll(":scope > .tour-stop")) : [];
  };

  TourEditor.prototype.setUpRow = function (row) {
    var grip = row.querySelector(".tour-stop-grip");
    if (grip) grip.hidden = false;
    var id = row.querySelector("input[name$='-id']");
    if (!(id && id.value) && !row.querySelector(".tour-stop-remove")) {
      // A stop not saved yet has no "delete" box: it is taken off the page (the server ignores a missing row).
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "tour-stop-remove";
      remove.textContent = settings.remove || "×";
      row.appendChild(remove);
    }
  };

  TourEditor.prototype.setUpDay = function (day) {
    if (day.getAttribute("data-tour-started")) return;
    day.setAttribute("data-tour-started", "1");
    var add = day.querySelector(".tour-day-add");
    if (add) add.hidden = false;
    this.rowsOf(day).forEach(this.setUpRow, this);
    this.drawMap(day);
  };

  // After any move: each day's stops numbered 1, 2, 3 in the order shown, each in the day it is shown under.
  TourEditor.prototype.renumber = function (day) {
    var index = this.dayIndex(day);
    var order = 0;
    this.rowsOf(day).forEach(function (row) {
      var select = row.querySelector("select[name$='-day']");
      var number = row.querySelector("input[name$='-position']");
      if (select && index !== null && select.value !== index) {
        select.value = index;
        select.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (isRemoved(row) || !number) return;
      order += 1;
      if (String(number.value) !== String(order)) {
        number.value = order;
        number.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    this.measure(day);
  };

  TourEditor.prototype.measure = function (day) {
    var previous = null;
    var total = 0;
    var legs = 0;
    var unknown = 0;
    this.rowsOf(day).forEach(function (row) {
      var leg = row.querySelector(".tour-stop-leg");
      var place = isRemoved(row) ? null : placeOf(row);
      if (!place) {
        if (leg) leg.textContent = "";
        return;
      }
      var text = "";
      if (previous) {
        legs += 1;
        if (previous.approximate || place.approximate) {
          unknown += 1;
          text = settings.approximate;
        } else {
          var distance = Math.round(greatCircleKm(previous, place) * 10) / 10;
          total += distance;
          text = km(distance);
        }
      }
      if (leg) leg.textContent = text;
      previous = place;
    });
    var summary;
    if (!legs) {
      summary = settings.no_legs;
    } else if (!unknown) {
      summary = km(total);
    } else {
      summary = format(settings.at_least, { km: (Math.round(total * 10) / 10).toFixed(1) }) + "; " + settings.approximate;
    }
    var out = day.querySelector(".tour-day-distance");
    if (out) out.textContent = format(settings.distance, { distance: summary });
    this.drawMap(day);
  };

  TourEditor.prototype.drawMap = function (day) {
    var holder = day.querySelector(".tour-day-map");
    if (!holder || !window.L) return;
    var L = window.L;
    var state = this.maps.get(holder);
    if (!state) {
      holder.classList.add("tour-day-map-live");
      var map = L.map(holder, { scrollWheelZoom: false, doubleClickZoom: false, attributionControl: true });
      L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
      state = { map: map, layer: L.layerGroup().addTo(map) };
      this.maps.set(holder, state);
    }
    state.layer.clearLayers();
    var points = [];
    var previous = null;
    var number = 0;
    this.rowsOf(day).forEach(function (row) {
      var place = isRemoved(row) ? null : placeOf(row);
      if (!place) return;
      number += 1;
      var here = [place.lat, place.lon];
      points.push(here);
      var marker = L.marker(here, {
        keyboard: false,
        title: place.name,
        icon: L.divIcon({
          className: "tour-map-marker" + (place.approximate ? " tour-map-marker-approximate" : ""),
          html: String(number),
          iconSize: [24, 24]
        })
      });
      marker.addTo(state.layer);
      if (previous && !previous.approximate && !place.approximate) {
        L.polyline([[previous.lat, previous.lon], here], { color: "#417690", weight: 3, interactive: false })
          .addTo(state.layer);
      }
      previous = place;
    });
    holder.setAttribute("data-markers", String(number));
    if (points.length === 1) {
      state.map.setView(points[0], 10);
    } else if (points.length) {
      state.map.fitBounds(points, { padding: [24, 24], maxZoom: 12 });
    } else {
      state.map.setView([42.2, 128.4], 6);
    }
  };

  // Moves a stop row into `day`, before `before` (or last), and numbers both days again.
  TourEditor.prototype.move = function (row, day, before) {
    var from = row.closest(".tour-day");
    var list = this.listOf(day);
    if (!list) return;
    if (!before) {
      // "Last" is before the day's blank rows (left for adding a stop), not after them.
      before = this.rowsOf(day).filter(function (other) { return other !== row && isBlank(other); })[0] || null;
    }
    list.insertBefore(row, before || null);
    this.renumber(day);
    if (from && from !== day) this.renumber(from);
  };

  TourEditor.prototype.step = function (row, direction) {
    var day = row.closest(".tour-day");
    var days = this.days();
    var rows = this.rowsOf(day);
    var at = rows.indexOf(row);
    if (direction < 0) {
      if (at > 0) {
        this.move(row, day, rows[at - 1]);
      } else if (days.indexOf(day) > 0) {
        this.move(row, days[days.indexOf(day) - 1], null); // to the end of the day before
      }
    } else if (at < rows.length - 1) {
      this.move(row, day, rows[at + 1].nextSibling);
    } else if (days.indexOf(day) < days.length - 1) {
      var next = days[days.indexOf(day) + 1];
      this.move(row, next, this.rowsOf(next)[0] || null); // to the start of the day after
    }
  };

  TourEditor.prototype.dayLabels = function () {
    var editor = this;
    var labels = {};
    this.days().forEach(function (day, position) {
      var title = day.querySelector("input[name$='-title_zh_hans']");
      var label = format(settings.day, { number: position + 1 });
      labels[editor.dayIndex(day)] = title && title.value.trim() ? label + ": " + title.value.trim() : label;
    });
    return labels;
  };

  // Every stop's "day" select offers every day of the page (days added here too), named in the order shown.
  TourEditor.prototype.refreshDayChoices = function () {
    var labels = this.dayLabels();
    var selects = Array.prototype.slice.call(this.group.querySelectorAll("select[name$='-day']"));
    if (this.template) {
      selects = selects.concat(Array.prototype.slice.call(this.template.content.querySelectorAll("select[name$='-day']")));
    }
    selects.forEach(function (select) {
      Object.keys(labels).forEach(function (index) {
        var option = select.querySelector("option[value='" + index + "']");
        if (!option) {
          option = document.createElement("option");
          option.value = index;
          select.appendChild(option);
        }
        option.textContent = labels[index];
      });
    });
  };

  TourEditor.prototype.addStop = function (day) {
    if (!this.template || !this.total) return;
    var index = parseInt(this.total.value, 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = this.template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector(".tour-stop");
    this.total.value = index + 1;
    this.setUpRow(row);
    this.listOf(day).appendChild(row);
    this.refreshDayChoices();
    this.renumber(day);
    var jq = window.django && window.django.jQuery;
    var select = row.querySelector("select.admin-autocomplete");
    if (jq && select && jq.fn.djangoAdminSelect2) {
      jq(select).djangoAdminSelect2();
      jq(select).select2("open");
    }
  };

  TourEditor.prototype.placeTargetRow = function (list, y) {
    var rows = Array.prototype.slice.call(list.querySelectorAll(":scope > .tour-stop")).filter(function (row) {
      return row !== dragged;
    });
    for (var i = 0; i < rows.length; i += 1) {
      var box = rows[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) return rows[i];
    }
    return null;
  };

  TourEditor.prototype.start = function () {
    var editor = this;
    var group = this.group;
    group.classList.add("tour-editor-live");
    this.days().forEach(this.setUpDay, this);
    this.refreshDayChoices();

    group.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !group.contains(button)) return;
      var row = button.closest(".tour-stop");
      if (button.classList.contains("tour-stop-up") && row) {
        event.preventDefault();
        editor.step(row, -1);
        button.focus();
      } else if (button.classList.contains("tour-stop-down") && row) {
        event.preventDefault();
        editor.step(row, 1);
        button.focus();
      } else if (button.classList.contains("tour-stop-remove") && row) {
        event.preventDefault();
        var from = row.closest(".tour-day");
        row.remove();
        editor.renumber(from);
      } else if (button.classList.contains("tour-add-stop")) {
        event.preventDefault();
        editor.addStop(button.closest(".tour-day"));
      }
    });

    group.addEventListener("change", function (event) {
      var field = event.target;
      var row = field.closest && field.closest(".tour-stop");
      if (!row) {
        if (/-title_zh_hans$/.test(field.name || "")) editor.refreshDayChoices();
        return;
      }
      if (/-day$/.test(field.name)) {
        var day = editor.dayByIndex(field.value);
        if (day && day !== row.closest(".tour-day")) editor.move(row, day, null);
      } else if (/-position$/.test(field.name)) {
        // A typed order puts the row there at once; the server numbers the same way.
        var own = row.closest(".tour-day");
        var sorted = editor.rowsOf(own).map(function (other, at) {
          var number = parseInt((other.querySelector("input[name$='-position']") || {}).value, 10);
          return { row: other, key: isNaN(number) ? Infinity : number, at: at };
        }).sort(function (a, b) { return a.key - b.key || a.at - b.at; });
        sorted.forEach(function (item) { editor.listOf(own).appendChild(item.row); });
        editor.renumber(own);
      } else if (/-DELETE$/.test(field.name)) {
        editor.renumber(row.closest(".tour-day"));
      }
    });

    // Dragging by the handle, with the pointer (mouse, pen or finger): a line shows where the stop will go, and it
    // moves there when let go; the page scrolls near its top and bottom edges to reach the other days.
    var target = null;
    function clearMarks() {
      group.querySelectorAll(".tour-drop-before, .tour-drop-end").forEach(function (element) {
        element.classList.remove("tour-drop-before", "tour-drop-end");
      });
    }
    function aimAt(x, y) {
      var under = document.elementFromPoint(x, y);
      var day = under && under.closest && under.closest(".tour-day:not(.empty-form)");
      var list = day && group.contains(day) ? editor.listOf(day) : null;
      if (!list) return;
      var before = editor.placeTargetRow(list, y);
      if (target && target.list === list && target.before === before) return;
      clearMarks();
      target = { day: day, list: list, before: before };
      if (before) {
        before.classList.add("tour-drop-before");
      } else {
        list.classList.add("tour-drop-end");
      }
    }
    group.addEventListener("pointerdown", function (event) {
      var handle = event.target.closest && event.target.closest(".tour-stop-handle");
      if (!handle || event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation(); // not a day being dragged (adminsortable2)
      dragged = handle.closest(".tour-stop");
      dragged.classList.add("tour-stop-dragging");
      target = null;
      if (handle.setPointerCapture) handle.setPointerCapture(event.pointerId);
    });
    group.addEventListener("pointermove", function (event) {
      if (!dragged) return;
      event.preventDefault();
      if (event.clientY < 60) window.scrollBy(0, -24);
      if (event.clientY > window.innerHeight - 60) window.scrollBy(0, 24);
      aimAt(event.clientX, event.clientY);
    });
    function finish(event) {
      if (!dragged) return;
      var row = dragged;
      var to = target;
      dragged = null;
      target = null;
      clearMarks();
      row.classList.remove("tour-stop-dragging");
      if (event.type === "pointerup" && to) editor.move(row, to.day, to.before === row ? row.nextSibling : to.before);
    }
    group.addEventListener("pointerup", finish);
    group.addEventListener("pointercancel", finish);

    var jq = window.django && window.django.jQuery;
    if (jq) {
      jq(group).on("select2:select", "select.admin-autocomplete", function (event) {
        var data = (event.params && event.params.data) || {};
        var row = this.closest(".tour-stop");
        if (!row) return;
        if (data.lat !== undefined && data.lon !== undefined) {
          row.setAttribute("data-latitude", data.lat);
          row.setAttribute("data-longitude", data.lon);
          row.setAttribute("data-approximate", data.approximate ? "true" : "false");
          row.setAttribute("data-name", data.name || data.text || "");
        }
        editor.renumber(row.closest(".tour-day"));
      });
    }

    document.addEventListener("formset:added", function (event) {
      // A day added with Django's "add another": it gets its add-a-stop button and map, and every stop's day
      // select offers it.
      if (!event.detail || event.detail.formsetName !== "days") return;
      var day = event.target;
      editor.setUpDay(day);
      editor.refreshDayChoices();
      editor.measure(day);
    });
    // Days put in a new order by dragging (adminsortable2): the selects name them in the new order.
    group.addEventListener("mouseup", function () {
      window.setTimeout(function () { editor.refreshDayChoices(); }, 0);
    });
  };

  function init() {
    document.querySelectorAll(".tour-editor[data-stops-prefix]").forEach(function (group) {
      new TourEditor(group).start();
    });
  }

  var jq = window.django && window.django.jQuery;
  if (jq) {
    jq(init); // after Django's own inline scripts have set up the days
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
