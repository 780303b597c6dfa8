// The admin's map picker (editorial/admin/positions.py): a Leaflet map beside a place's typed latitude and
// longitude. A click or a dragged marker writes the position into the fields; typing in them moves the marker;
// an approximate position is drawn as a dashed ring. The typed fields stay the truth: without this script (or
// without Leaflet) they work alone, and the server checks them either way.
(function () {
  "use strict";

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function parseJSON(text, fallback) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  // A number typed in a field, or null when it is not one (empty, half typed, out of the globe).
  function coordinate(input, limit) {
    if (!input) return null;
    var text = String(input.value).trim().replace(",", ".");
    if (text === "" || !/^[-+]?\d+(\.\d*)?$|^[-+]?\.\d+$/.test(text)) return null;
    var value = parseFloat(text);
    return Math.abs(value) <= limit ? value : null;
  }

  function setField(input, value) {
    input.value = value;
    // Other scripts of the form (unsaved-changes warnings) learn of the change as if it were typed.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function start(picker) {
    if (!window.L || picker.getAttribute("data-picker-started")) return;
    picker.setAttribute("data-picker-started", "1");
    var L = window.L;
    var latitudeInput = byId(picker.getAttribute("data-latitude-input"));
    var longitudeInput = byId(picker.getAttribute("data-longitude-input"));
    var approximateInput = byId(picker.getAttribute("data-approximate-input"));
    var countyInput = byId(picker.getAttribute("data-county-input"));
    // Only the view permission: the fields are plain text, the map only shows the saved position.
    var editable = Boolean(latitudeInput && longitudeInput);
    var decimals = parseInt(picker.getAttribute("data-decimals"), 10) || 6;
    var bounds = parseJSON(picker.getAttribute("data-bounds"), null);
    var counties = parseJSON(picker.getAttribute("data-counties"), []);
    var approximateNote = picker.querySelector(".position-picker-approximate-note");
    var noTilesNote = picker.querySelector(".position-picker-no-tiles");
    var outsideNote = picker.querySelector(".position-picker-outside");

    function typedPosition() {
      if (!editable) {
        var lat = parseFloat(picker.getAttribute("data-latitude"));
        var lon = parseFloat(picker.getAttribute("data-longitude"));
        return isNaN(lat) || isNaN(lon) ? null : [lat, lon];
      }
      var latitude = coordinate(latitudeInput, 90);
      var longitude = coordinate(longitudeInput, 180);
      return latitude === null || longitude === null ? null : [latitude, longitude];
    }

    function isApproximate() {
      if (approximateInput) return approximateInput.checked;
      return picker.getAttribute("data-approximate") === "true";
    }

    function chosenCounty() {
      var id = countyInput ? countyInput.value : picker.getAttribute("data-county");
      return counties.filter(function (county) { return String(county.id) === String(id); })[0] || null;
    }

    var container = document.createElement("div");
    container.className = "position-picker-map";
    picker.insertBefore(container, picker.firstChild);
    var row = picker.closest(".form-row");
    if (row) row.classList.add("position-picker-live");
    // Named and described for a screen reader: the row's label and the help under the map.
    var label = row ? row.querySelector("label") : null;
    if (label) container.setAttribute("aria-label", label.textContent.replace(/[:：]\s*$/, ""));
    var help = picker.querySelector(".position-picker-help");
    if (help) {
      help.id = help.id || "position-picker-help";
      container.setAttribute("aria-describedby", help.id);
    }

    // No zoom by double click: its two clicks would move the position. The page scrolls on a wheel, as elsewhere.
    var map = L.map(container, { scrollWheelZoom: false, doubleClickZoom: false });
    var tilesLoaded = 0;
    var tiles = L.tileLayer(picker.getAttribute("data-map-tiles"), {
      attribution: picker.getAttribute("data-map-attribution"),
      maxZoom: 18
    });
    tiles.on("tileload", function () {
      tilesLoaded += 1;
      if (noTilesNote) noTilesNote.hidden = true;
    });
    tiles.on("tileerror", function () {
      if (!tilesLoaded && noTilesNote) noTilesNote.hidden = false;
    });
    tiles.addTo(map);

    if (bounds) {
      L.rectangle(bounds, { color: "#417690", weight: 1, dashArray: "6 6", fill: false, interactive: false }).addTo(map);
    }
    if (counties.length > 1) {
      var road = counties.map(function (county) { return [county.lat, county.lon]; });
      L.polyline(road, { color: "#7a8a93", weight: 3, dashArray: "6 6", interactive: false }).addTo(map);
    }
    var countyRing = null;
    function showCounty() {
      if (countyRing) {
        countyRing.remove();
        countyRing = null;
      }
      var county = chosenCounty();
      if (!county) return;
      countyRing = L.circle([county.lat, county.lon], {
        radius: 15000, color: "#7a8a93", weight: 2, dashArray: "4 4", fillOpacity: 0.06, interactive: false
      });
      countyRing.bindTooltip(county.name, { permanent: true, direction: "top", className: "position-picker-county" });
      countyRing.addTo(map);
    }

    var marker = null;
    function markerIcon() {
      return L.divIcon({
        className: "position-picker-marker" + (isApproximate() ? " position-picker-marker-approximate" : ""),
        iconSize: isApproximate() ? [28, 28] : [16, 16]
      });
    }

    // Said at once, not only when the form comes back: the server refuses a position outside the corridor.
    function showOutside(position) {
      if (!outsideNote || !bounds) return;
      outsideNote.hidden = !position || L.latLngBounds(bounds).contains(position);
    }

    function placeMarker(position) {
      if (!position) {
        if (marker) {
          marker.remove();
          marker = null;
        }
        return;
      }
      if (!marker) {
        marker = L.marker(position, { icon: markerIcon(), draggable: editable, keyboard: false, autoPan: true });
        marker.on("dragend", function () {
          writePosition(marker.getLatLng());
        });
        marker.addTo(map);
      } else {
        marker.setLatLng(position);
      }
    }

    function writePosition(latlng) {
      var wrapped = latlng.wrap();
      setField(latitudeInput, wrapped.lat.toFixed(decimals));
      setField(longitudeInput, wrapped.lng.toFixed(decimals));
      placeMarker(typedPosition());
      showOutside(typedPosition());
    }

    function showApproximate() {
      var approximate = isApproximate();
      if (marker) marker.setIcon(markerIcon());
      if (approximateNote) approximateNote.hidden = !approximate;
    }

    // While a number is being typed ("4", "42", "42.5") the marker follows, but the map moves and the warning
    // of a position outside the corridor comes only once the field is left: no jumps, no flashing warning.
    function followTyping(event) {
      var position = typedPosition();
      placeMarker(position);
      var inside = position && bounds && L.latLngBounds(bounds).contains(position);
      if (event.type === "change" || !position || inside) showOutside(position);
      if (event.type === "change" && position && !map.getBounds().contains(position)) map.panTo(position);
    }

    var initial = typedPosition();
    var county = chosenCounty();
    if (initial) {
      map.setView(initial, 11);
    } else if (county) {
      map.setView([county.lat, county.lon], 9);
    } else if (bounds) {
      map.fitBounds(bounds);
    } else {
      map.setView([42.2, 128.4], 7);
    }
    placeMarker(initial);
    showOutside(initial);
    showCounty();
    showApproximate();

    if (editable) {
      map.on("click", function (event) {
        writePosition(event.latlng);
      });
      [latitudeInput, longitudeInput].forEach(function (input) {
        input.addEventListener("input", followTyping);
        input.addEventListener("change", followTyping);
      });
    }
    if (approximateInput) approximateInput.addEventListener("change", showApproximate);
    if (countyInput) {
      countyInput.addEventListener("change", function () {
        showCounty();
        var chosen = chosenCounty();
        if (chosen && !typedPosition()) map.setView([chosen.lat, chosen.lon], 9);
      });
    }
  }

  function init() {
    document.querySelectorAll(".position-picker").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
