// The event list's filters, made handier; everything works without this file.
// - Wide screens show the filter panel open (a phone keeps it folded into its
//   summary line once filters are chosen, so the results come first).
// - Ticking a field of the creative industries ticks its types, held: the
//   field's own parameter covers them.
// - A text box narrows the activity types to those with the words typed.
(function () {
  "use strict";

  var WIDE = "(min-width: 48rem)";

  function openOnWideScreens(panel) {
    var wide = window.matchMedia(WIDE);
    function follow() {
      if (wide.matches) {
        panel.open = true;
      }
    }
    follow();
    wide.addEventListener("change", follow);
  }

  function holdTypes(groupBox) {
    var types = groupBox.closest("details").querySelectorAll(
      'input[name="activity_type"]'
    );
    types.forEach(function (box) {
      box.checked = groupBox.checked;
      box.disabled = groupBox.checked;
    });
  }

  // One plain form of a text: lower case, ё as е, no extra spaces.
  function plain(text) {
    return text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  }

  function narrowTypes(finder, area) {
    // A long word loses its ending, so "ковры" finds "ковров", "music" "musical".
    var words = plain(finder.value)
      .split(" ")
      .filter(Boolean)
      .map(function (word) {
        return word.length > 4 ? word.slice(0, -2) : word;
      });
    var groups = area.querySelectorAll(".groups > .group");
    var shown = 0;
    groups.forEach(function (group) {
      var details = group.querySelector("details");
      if (!("wasOpen" in details.dataset)) {
        details.dataset.wasOpen = details.open ? "1" : "";
      }
      var fieldName = plain(details.querySelector("summary").textContent);
      var inGroup = 0;
      group.querySelectorAll(".choices > .option").forEach(function (option) {
        var text = fieldName + " " + plain(option.textContent);
        var matches = words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
        option.hidden = !matches;
        if (matches) {
          inGroup += 1;
        }
      });
      group.hidden = inGroup === 0;
      shown += inGroup;
      details.open = words.length ? inGroup > 0 : details.dataset.wasOpen === "1";
      if (!words.length) {
        delete details.dataset.wasOpen;
      }
    });
    area.querySelector(".type-finder-none").hidden = shown > 0;
  }

  function enhance() {
    var panel = document.querySelector(".filter-panel");
    if (panel) {
      openOnWideScreens(panel);
    }
    var area = document.querySelector(".activity-types");
    if (!area) {
      return;
    }
    area.querySelectorAll('input[name="group"]').forEach(function (groupBox) {
      groupBox.addEventListener("change", function () {
        holdTypes(groupBox);
      });
    });
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
