// Lays an interactive Leaflet map over each server-drawn SVG map, once its tiles load.
// Without JavaScript, or when no tile loads, the SVG stays: a visitor never sees an empty box.
// A list's map (data-geojson-url) shows every result of the current filters, not only this page.
// Places too close to tell apart are grouped (Leaflet.markercluster); places whose exact position is not known are
// their county's dashed ring, one per county, never pins.
(function () {
  "use strict";
  var leafletRequested = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadStyle(href) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = href;
    document.head.appendChild(css);
  }

  // Leaflet, then Leaflet.markercluster (it extends L), both vendored in static/vendor/.
  function loadLeaflet(figure) {
    if (!leafletRequested) {
      loadStyle(figure.getAttribute("data-leaflet-css"));
      loadStyle(figure.getAttribute("data-cluster-css"));
      leafletRequested = (window.L ? Promise.resolve() : loadScript(figure.getAttribute("data-leaflet-js")))
        .then(function () {
          return window.L.markerClusterGroup ? null : loadScript(figure.getAttribute("data-cluster-js"));
        });
    }
    return leafletRequested;
  }

  // Stop numbers as a visitor reads them: [3, 4, 5, 8] -> "3–5, 8" (as listings/maps.py writes them).
  function numberRanges(numbers) {
    var sorted = numbers.slice().sort(function (a, b) { return a - b; });
    var runs = [];
    sorted.forEach(function (n) {
      var last = runs[runs.length - 1];
      if (last && n === last[1] + 1) last[1] = n;
      else if (!last || n !== last[1]) runs.push([n, n]);
    });
    return runs.map(function (run) {
      if (run[0] === run[1]) return String(run[0]);
      return run[1] === run[0] + 1 ? run[0] + ", " + run[1] : run[0] + "–" + run[1];
    }).join(", ");
  }

  // Markers too close to tell apart at this zoom are one round group with their count (or their stop numbers).
  function groupIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var numbers = children.map(function (m) { return m.options.stopNumber; }).filter(Boolean);
    var text = numbers.length ? numberRanges(numbers) : String(children.length);
    var size = Math.max(32, 12 + text.length * 8);
    return window.L.divIcon({ className: "leaflet-group", html: text, iconSize: [size, 32] });
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
        // The map had no size while hidden behind the SVG: measure it again and frame the markers at its size.
        map.invalidateSize();
        frame();
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
    var approximateText = figure.getAttribute("data-approximate-text") || "";
    var groups = window.L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false, iconCreateFunction: groupIcon });
    var counties = {};
    data.markers.forEach(function (marker) {
      var point = [marker.lat, marker.lon];
      bounds.push(point);
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = (marker.number ? marker.number + ". " : "") + marker.label;
      if (marker.county) {
        // Its county's ring, shared with the county's other places whose exact positions are not known.
        var county = counties[marker.county] || (counties[marker.county] = { point: point, name: marker.county, links: [], numbers: [], colour: marker.colour });
        county.links.push(link);
        if (marker.number) county.numbers.push(marker.number);
        return;
      }
      var layer = window.L.marker(point, { icon: markerIcon(marker), title: marker.label, keyboard: true, stopNumber: marker.number });
      layer.bindPopup(link);
      groups.addLayer(layer);
    });
    map.addLayer(groups);
    Object.keys(counties).forEach(function (name) {
      // A county as a dashed area around its centre: not a pin at the county seat.
      var county = counties[name];
      var ring = window.L.circle(county.point, { className: "leaflet-county-ring", radius: 15000, color: county.colour || "#b5473a", weight: 2, dashArray: "5 4", fillOpacity: 0.08 });
      var label = county.numbers.length ? numberRanges(county.numbers) : (county.links.length > 1 ? String(county.links.length) : "");
      if (label) {
        ring.bindTooltip(label, { permanent: true, direction: "center", className: "leaflet-county-label" });
      }
      var popup = document.createElement("div");
      var heading = document.createElement("p");
      heading.textContent = county.links.length > 1 ? name + " (" + approximateText + ")" : name + ": " + somewhere;
      popup.appendChild(heading);
      var list = document.createElement("ul");
      county.links.forEach(function (link) {
        var item = document.createElement("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      popup.appendChild(list);
      ring.bindPopup(popup);
      ring.addTo(map);
    });
    if (bounds.length === 0) bounds = data.corridor;
    function frame() {
      if (bounds.length === 1) {
        map.setView(bounds[0], 11);
      } else if (bounds.length > 1) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
      }
    }
    frame();
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

  // Tiles are asked for only once the visitor does something (touch, click, key, wheel): a visitor who only
  // reads never downloads Leaflet and the tiles, and a page whose tile server cannot be reached logs no error
  // just for being opened. Not "scroll": every scroll by a visitor starts with one of these, and a scroll
  // by a script (a page check such as Lighthouse taking its full-page picture) is not a visitor's interest.
  var engaged = new Promise(function (resolve) {
    var events = ["pointerdown", "touchstart", "keydown", "wheel"];
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

  // A phone's drawn map is wider than the screen and scrolls sideways in its frame: show where its markers are.
  function scrollToMarkers(frame) {
    if (frame.scrollWidth <= frame.clientWidth) return;
    var markers = frame.querySelectorAll(".map-marker");
    if (!markers.length) return;
    var origin = frame.getBoundingClientRect().left - frame.scrollLeft;
    var left = Infinity, right = -Infinity;
    markers.forEach(function (marker) {
      var box = marker.getBoundingClientRect();
      left = Math.min(left, box.left - origin);
      right = Math.max(right, box.right - origin);
    });
    frame.scrollLeft = Math.max(0, (left + right) / 2 - frame.clientWidth / 2);
  }

  function init() {
    document.querySelectorAll("figure.map").forEach(watch);
    document.querySelectorAll("figure.map .map-frame").forEach(scrollToMarkers);
  }

  init();
  document.addEventListener("g331:results-updated", init);
  // A list's map opens in a disclosure: it has its width only once open.
  document.addEventListener("toggle", function (event) {
    if (event.target.open) event.target.querySelectorAll("figure.map .map-frame").forEach(scrollToMarkers);
  }, true);
})();
