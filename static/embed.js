/* Creative East on a partner's site: the catalog's events in a frame.

   Paste, where the events should show:
     <div data-creative-east data-district="ulan" data-limit="5"></div>
     <script src="https://CATALOG/static/embed.js" async></script>
   Every parameter of the catalog's list is a data-* attribute (data-activity-type
   for activity_type; several values as "a,b"), with data-limit (1 to 50),
   data-theme (light, dark) and data-target="blank" (links open a new tab
   instead of this page). data-lang (kk, ru, en) picks the language; without
   it, the page's own, or Russian.

   The frame tells this script the height of its content (postMessage, from
   the catalog's js/embed-frame.js), so it shows without an inner scrollbar.
   Only messages from the catalog's origin (that of this script's address) and
   from one of its frames are heard. No dependencies, no build step. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var catalog = new URL(script.src, document.baseURI).origin;
  var LANGUAGES = ["kk", "ru", "en"];
  var TITLES = {
    kk: "Креативті Шығыс: іс-шаралар",
    ru: "Креативный Восток: мероприятия",
    en: "Creative East: events"
  };
  var MAX_HEIGHT = 20000;
  var frames = [];

  function language(element) {
    var wanted = (element.getAttribute("data-lang") || document.documentElement.lang || "")
      .slice(0, 2).toLowerCase();
    return LANGUAGES.indexOf(wanted) === -1 ? "ru" : wanted;
  }

  function query(element) {
    var parameters = new URLSearchParams();
    Array.prototype.forEach.call(element.attributes, function (attribute) {
      var name = attribute.name;
      if (name.indexOf("data-") !== 0 || name === "data-creative-east" || name === "data-lang") return;
      name = name.slice(5).replace(/-/g, "_");
      var value = attribute.value.trim();
      if (!value) return;
      // A search may hold commas; every other parameter is a list of codes.
      var values = name === "q" ? [value] : value.split(",");
      values.forEach(function (one) {
        if (one.trim()) parameters.append(name, one.trim());
      });
    });
    return parameters.toString();
  }

  function embed(element) {
    if (element.querySelector("iframe[data-creative-east-frame]")) return;
    var lang = language(element);
    var parameters = query(element);
    var frame = document.createElement("iframe");
    frame.src = catalog + "/" + lang + "/embed/events/" + (parameters ? "?" + parameters : "");
    frame.title = TITLES[lang];
    frame.loading = "lazy";
    frame.setAttribute("data-creative-east-frame", "");
    // Set through the CSSOM, which a partner's CSP without 'unsafe-inline' allows.
    frame.style.width = "100%";
    frame.style.height = "600px";
    frame.style.border = "0";
    frame.style.display = "block";
    element.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== catalog) return;
    var data = event.data;
    if (!data || data.creativeEast !== "height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + "px";
      }
    });
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-creative-east]"), embed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
