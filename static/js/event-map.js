/* The map of venues (templates/includes/venue_map.html), drawn with Leaflet.

   Reads its data from the JSON element the container names (data-map): the
   markers, the tile address (empty: no tiles, a plain background), the
   labels in the page's language and where Leaflet's files are. Written for a Content Security Policy
   without 'unsafe-inline': markers are L.divIcon elements built node by node
   and styled by classes in site.css (no style attribute, no image path to
   detect), popups get DOM nodes, and every text goes in as text. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var anchor = element("a", className, text);
    anchor.href = href;
    return anchor;
  }

  /* Leaflet writes attributions as HTML: this one is a setting's plain text. */
  function escaped(text) {
    var holder = element("span", null, text);
    return holder.innerHTML;
  }

  function markerIcon(marker) {
    var shape = element("span", "venue-marker-shape");
    if (marker.count !== undefined) {
      shape.appendChild(element("span", "venue-marker-count", String(marker.count)));
    }
    return L.divIcon({
      html: shape,
      className: "venue-marker",
      iconSize: [32, 32],
      iconAnchor: [16, 32],
      popupAnchor: [0, -30]
    });
  }

  function popupContent(marker) {
    var content = element("div", "venue-popup");
    var name = element("p", "venue-popup-name");
    name.appendChild(link(marker.url, marker.name));
    content.appendChild(name);
    var events = element("p", "venue-popup-events");
    events.appendChild(link(marker.eventsUrl, marker.countLabel));
    content.appendChild(events);
    return content;
  }

  function draw(container, data) {
    container.textContent = "";
    var map = L.map(container, {
      zoomControl: false,
      attributionControl: Boolean(data.tiles),
      scrollWheelZoom: false
    });
    L.control.zoom({
      zoomInTitle: data.labels.zoomIn,
      zoomOutTitle: data.labels.zoomOut
    }).addTo(map);
    if (data.tiles) {
      L.tileLayer(data.tiles, {
        maxZoom: 19,
        attribution: escaped(data.attribution)
      }).addTo(map);
    }
    /* The view first: Leaflet adds markers to a map that has one. */
    var points = data.markers.map(function (marker) {
      return [marker.lat, marker.lng];
    });
    if (points.length === 1) {
      map.setView(points[0], 15);
    } else {
      map.fitBounds(points, { padding: [32, 32], maxZoom: 15 });
    }
    data.markers.forEach(function (marker, index) {
      var title = marker.countLabel ? marker.name + ": " + marker.countLabel : marker.name;
      var layer = L.marker(points[index], { icon: markerIcon(marker), title: title });
      if (marker.eventsUrl) {
        layer.bindPopup(popupContent(marker));
      }
      layer.addTo(map);
      /* Its name for screen readers: the count alone says nothing. */
      layer.getElement().setAttribute("aria-label", title);
    });
    /* Leaflet's close button is labelled in English. */
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", data.labels.close);
    });
    container.classList.add("venue-map-drawn");
    return map;
  }

  /* Leaflet's stylesheet and script, added once the page is shown: the page
     renders without waiting for them. */
  function loadLeaflet(urls, done) {
    if (typeof L !== "undefined") {
      done();
      return;
    }
    var pending = 2;
    function loaded() {
      pending -= 1;
      /* Drawn in a task of its own, apart from Leaflet's evaluation: two
         short tasks keep the page responsive where one long one would not. */
      if (pending === 0) setTimeout(done, 0);
    }
    var stylesheet = document.createElement("link");
    stylesheet.rel = "stylesheet";
    stylesheet.href = urls.css;
    stylesheet.addEventListener("load", loaded);
    document.head.appendChild(stylesheet);
    var script = document.createElement("script");
    script.src = urls.js;
    script.addEventListener("load", loaded);
    document.head.appendChild(script);
  }

  function start() {
    document.querySelectorAll(".venue-map[data-map]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-map"));
      if (!source) return;
      var data = JSON.parse(source.textContent);
      loadLeaflet(data.leaflet, function () {
        draw(container, data);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
