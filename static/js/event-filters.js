// The event list's filters, made handier; everything works without this file.
// - Wide screens show the filter panel open (a phone keeps it folded into its
//   summary line once filters are chosen, so the results come first).
// - Ticking a field of the creative industries ticks its types, held: the
//   field's own parameter covers them.
// The text box that narrows the activity types is type-finder.js's, shared
// with the proposal form; that file comes first.
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

  function holdTypesOnTicks(area) {
    area.querySelectorAll('input[name="group"]').forEach(function (groupBox) {
      groupBox.addEventListener("change", function () {
        holdTypes(groupBox);
      });
    });
  }

  window.CreativeEast.enhanceAll(".filter-panel", openOnWideScreens);
  window.CreativeEast.enhanceAll(".activity-types", holdTypesOnTicks);
})();
