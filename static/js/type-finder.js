// Finding by words, shared by the pages that offer it; everything works without
// this file.
// - CreativeEast.words(text) and CreativeEast.matches(text, words): the one rule
//   for "has these words" (lower case, ё as е, a long word without its ending),
//   also used by the venue picker (venue-picker.js), which also takes
//   CreativeEast.enhanceAll(selector, enhance). Load this file first.
// - In an area marked data-type-finder (the list's filter, the proposal form),
//   a text box narrows the activity types to those with the words typed, each
//   type's field counting as its words too.
(function () {
  "use strict";

  // One plain form of a text: lower case, ё as е, no extra spaces.
  function plain(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  }

  // A long word loses its ending, so "ковры" finds "ковров", "music" "musical".
  function words(text) {
    return plain(text)
      .split(" ")
      .filter(Boolean)
      .map(function (word) {
        return word.length > 4 ? word.slice(0, -2) : word;
      });
  }

  function matches(text, wanted) {
    var haystack = plain(text);
    return wanted.every(function (word) {
      return haystack.indexOf(word) !== -1;
    });
  }

  // Run enhance(element) on each element the selector finds, once the page is read.
  function enhanceAll(selector, enhance) {
    function run() {
      document.querySelectorAll(selector).forEach(enhance);
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  window.CreativeEast = {
    plain: plain,
    words: words,
    matches: matches,
    enhanceAll: enhanceAll,
  };

  function narrowTypes(finder, area) {
    var wanted = words(finder.value);
    var groups = area.querySelectorAll(".groups > .group");
    var shown = 0;
    groups.forEach(function (group) {
      var details = group.querySelector("details");
      if (!("wasOpen" in details.dataset)) {
        details.dataset.wasOpen = details.open ? "1" : "";
      }
      var fieldName = details.querySelector("summary").textContent;
      var inGroup = 0;
      group.querySelectorAll(".choices > .option").forEach(function (option) {
        var found = matches(fieldName + " " + option.textContent, wanted);
        option.hidden = !found;
        if (found) {
          inGroup += 1;
        }
      });
      group.hidden = inGroup === 0;
      shown += inGroup;
      details.open = wanted.length ? inGroup > 0 : details.dataset.wasOpen === "1";
      if (!wanted.length) {
        delete details.dataset.wasOpen;
      }
    });
    area.querySelector(".type-finder-none").hidden = shown > 0;
  }

  function enhance(area) {
    var finderRow = area.querySelector(".type-finder");
    var finder = finderRow.querySelector("input");
    finderRow.hidden = false;
    finder.addEventListener("input", function () {
      narrowTypes(finder, area);
    });
    // Enter in the finder narrows; it does not send the form.
    finder.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  enhanceAll("[data-type-finder]", enhance);
})();
