// Lays an interactive Leaflet map over each server-drawn SVG map, once its tiles load.
// Without JavaScript, or when no tile loads, the SVG stays: a visitor never sees an empty box.
// A list's map (data-geojson-url) shows every result of the current filters, not only this page.
(function () {
  "use strict";
  var leafletRequested = null;

  function loadLeaflet(figure) {
    if (window.L) return Promise.resolve();
    if (!leafletRequested) {
      leafletRequested = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = figure.getAttribute("data-leaflet-css");
        document.head.appendChild(css);
        var script = document.createElement("script");
        script.src = figure.getAttribute("data-leaflet-js");
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return leafletRequested;
  }

  function markerIcon(marker) {
    var classes = "leaflet-stop" + (marker.approximate ? " leaflet-stop-approximate" : "");
    return window.L.divIcon({
      className: classes + (marker.number ? " leaflet-stop-numbered" : ""),
      html: marker.number ? String(marker.number) : "",
      iconSize: marker.number ? [24, 24] : [14, 14]
    });
  }

  function fromGeoJSON(collection, corridor) {
    var data = { markers: [], lines: [], corridor: corridor };
    collection.features.forEach(function (feature) {
      var props = feature.properties;
      var geometry = feature.geometry;
      if (!geometry) {
        // A place whose exact position is not known: drawn as its county, never as a pin.
        if (props.county) {
          data.markers.push({ lat: props.county.coordinates[1], lon: props.county.coordinates[0], label: props.name, url: props.url, approximate: true, county: props.county.name });
        }
      } else if (geometry.type === "Point") {
        data.markers.push({ lat: geometry.coordinates[1], lon: geometry.coordinates[0], label: props.name, url: props.url, approximate: props.approximate });
      } else if (geometry.type === "LineString" || geometry.type === "MultiLineString") {
        // Lines join only stops whose positions are known; a MultiLineString breaks where a stop's is not.
        var runs = geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
        runs.forEach(function (run) {
          data.lines.push({ points: run.map(function (c) { return [c[1], c[0]]; }), colour: "#b5473a" });
        });
        var first = runs[0][0];
        data.markers.push({ lat: first[1], lon: first[0], label: props.name, url: props.url, approximate: props.approximate });
      }
    });
    return data;
  }

  function draw(figure, data) {
    var container = document.createElement("div");
    container.className = "map-live";
    figure.insertBefore(container, figure.firstChild);
    var map = window.L.map(container, { scrollWheelZoom: false });
    var shown = false;
    var tiles = window.L.tileLayer(figure.getAttribute("data-map-tiles"), {
      attribution: figure.getAttribute("data-map-attribution"),
      maxZoom: 18
    });
    tiles.on("tileload", function () {
      if (!shown) {
        shown = true;
        figure.classList.add("map-is-live");
        map.invalidateSize();
      }
    });
    tiles.addTo(map);
    if (data.corridor.length > 1) {
      window.L.polyline(data.corridor, { color: "#7a8a93", weight: 3, dashArray: "6 6" }).addTo(map);
    }
    data.lines.forEach(function (line) {
      window.L.polyline(line.points, { color: line.colour, weight: 4 }).addTo(map);
    });
    var bounds = [];
    var somewhere = figure.getAttribute("data-somewhere-text") || "";
    data.markers.forEach(function (marker) {
      var point = [marker.lat, marker.lon];
      bounds.push(point);
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = (marker.number ? marker.number + ". " : "") + marker.label;
      var layer;
      if (marker.county) {
        // Its county, as a dashed area around the county's centre: not a pin at the county seat.
        layer = window.L.circle(point, { radius: 15000, color: marker.colour || "#b5473a", weight: 2, dashArray: "5 4", fillOpacity: 0.08 });
        if (marker.number) {
          layer.bindTooltip(String(marker.number), { permanent: true, direction: "center", className: "leaflet-county-label" });
        }
        var popup = document.createElement("div");
        popup.appendChild(link);
        popup.appendChild(document.createTextNode(" — " + marker.county + ": " + somewhere));
        layer.bindPopup(popup);
      } else {
        layer = window.L.marker(point, { icon: markerIcon(marker), title: marker.label, keyboard: true });
        layer.bindPopup(link);
      }
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

  function start(figure) {
    if (figure.getAttribute("data-map-started")) return;
    figure.setAttribute("data-map-started", "1");
    var embedded = JSON.parse(figure.querySelector("script[type='application/json']").textContent);
    var geojsonUrl = figure.getAttribute("data-geojson-url");
    var data = geojsonUrl
      ? fetch(geojsonUrl, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
          .then(function (collection) { return fromGeoJSON(collection, embedded.corridor); })
          .catch(function () { return embedded; })
      : Promise.resolve(embedded);
    probeTiles(figure.getAttribute("data-map-tiles"))
      .then(function () { return Promise.all([loadLeaflet(figure), data]); })
      .then(function (results) { draw(figure, results[1]); })
      .catch(function () { /* No tile or no Leaflet: the SVG map stays. */ });
  }

  // Tiles are asked for only once the visitor does something (touch, click, key, wheel, scroll): a visitor
  // who only reads never downloads Leaflet and the tiles, and a page whose tile server cannot be reached
  // logs no error just for being opened.
  var engaged = new Promise(function (resolve) {
    var events = ["pointerdown", "touchstart", "keydown", "wheel", "scroll"];
    function go() {
      events.forEach(function (name) { window.removeEventListener(name, go, true); });
      resolve();
    }
    events.forEach(function (name) { window.addEventListener(name, go, { capture: true, passive: true }); });
  });

  // One tile first: when it cannot load (offline, blocked server) the SVG stays and no other tile is tried.
  var tileReachable = null;
  function probeTiles(template) {
    if (!tileReachable) {
      tileReachable = new Promise(function (resolve, reject) {
        var image = new Image();
        image.onload = resolve;
        image.onerror = reject;
        image.src = template.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0").replace("{r}", "");
      });
    }
    return tileReachable;
  }

  function watch(figure) {
    engaged.then(function () { watchWhenEngaged(figure); });
  }

  function watchWhenEngaged(figure) {
    var details = figure.closest("details");
    if (details && !details.open) {
      details.addEventListener("toggle", function () { if (details.open) start(figure); });
      return;
    }
    if (!("IntersectionObserver" in window)) return start(figure);
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        start(figure);
      }
    });
    observer.observe(figure);
  }

  function init() {
    document.querySelectorAll("figure.map").forEach(watch);
  }

  init();
  document.addEventListener("g331:results-updated", init);
})();
