// Lays an interactive Leaflet map over the server-drawn SVG map, once tiles load.
// Without JavaScript, or when no tile loads, the SVG stays: a visitor never sees an empty box.
(function () {
  "use strict";
  var figure = document.querySelector("figure.map");
  var dataElement = document.getElementById("map-data");
  if (!figure || !dataElement) return;

  function loadLeaflet(done) {
    if (window.L) return done();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = figure.getAttribute("data-leaflet-css");
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = figure.getAttribute("data-leaflet-js");
    script.onload = done;
    document.head.appendChild(script);
  }

  function markerIcon(marker) {
    var html = marker.number ? String(marker.number) : "";
    return window.L.divIcon({
      className: "leaflet-stop" + (marker.approximate ? " leaflet-stop-approximate" : "") + (marker.number ? " leaflet-stop-numbered" : ""),
      html: html,
      iconSize: marker.number ? [24, 24] : [14, 14]
    });
  }

  function draw() {
    var data = JSON.parse(dataElement.textContent);
    var container = document.createElement("div");
    container.className = "map-live";
    figure.insertBefore(container, figure.firstChild);
    var map = window.L.map(container, { scrollWheelZoom: false });
    var bounds = [];
    var tiles = window.L.tileLayer(figure.getAttribute("data-map-tiles"), {
      attribution: figure.getAttribute("data-map-attribution"),
      maxZoom: 18
    });
    var shown = false;
    tiles.on("tileload", function () {
      if (shown) return;
      shown = true;
      figure.classList.add("map-is-live");
    });
    tiles.addTo(map);
    if (data.corridor.length > 1) {
      window.L.polyline(data.corridor, { color: "#7a8a93", weight: 3, dashArray: "6 6" }).addTo(map);
    }
    data.lines.forEach(function (line) {
      window.L.polyline(line.points, { color: line.colour, weight: 4 }).addTo(map);
    });
    data.markers.forEach(function (marker) {
      var point = [marker.lat, marker.lon];
      bounds.push(point);
      var layer = window.L.marker(point, { icon: markerIcon(marker), title: marker.label, keyboard: true });
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = (marker.number ? marker.number + ". " : "") + marker.label;
      layer.bindPopup(link);
      layer.addTo(map);
    });
    if (bounds.length === 0) bounds = data.corridor;
    if (bounds.length === 1) {
      map.setView(bounds[0], 11);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
    // No tile after a while (offline, blocked tile server): keep the SVG, drop the empty map.
    window.setTimeout(function () {
      if (!shown) {
        map.remove();
        container.remove();
      }
    }, 8000);
  }

  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        loadLeaflet(draw);
      }
    });
    observer.observe(figure);
  } else {
    loadLeaflet(draw);
  }
})();
