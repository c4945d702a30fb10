// The proposal form's venue, found as you type; everything works without this
// file (then a list grouped by district, and the place and district fields).
// A combobox (WAI-ARIA's "list autocomplete"): the venues whose names, in any
// language, district or address have the words typed (type-finder.js's rule:
// case, ё and endings do not matter); arrows move in the list, Enter picks,
// Escape closes. Picking a venue sets the hidden list's value, which is what
// the form sends, and hides the place and district; the last line, or leaving
// the box with words that are no venue, takes them as the place's name and
// asks for its district.
(function () {
  "use strict";

  function enhance(picker) {
    var finder = picker.querySelector(".venue-finder");
    var input = finder.querySelector('[role="combobox"]');
    var listbox = finder.querySelector('[role="listbox"]');
    var chosenLine = finder.querySelector(".venue-chosen");
    var select = picker.querySelector(".venue-list select");
    var typedPlace = picker.querySelector(".typed-place");
    var placeInput = typedPlace.querySelector('input[name="place"]');
    var districtSelect = typedPlace.querySelector("select");
    var venues = JSON.parse(picker.querySelector("#venue-data").textContent);
    var byId = {};
    venues.forEach(function (venue) {
      venue.text = [venue.name, venue.words, venue.district, venue.address].join(" ");
      byId[String(venue.id)] = venue;
    });
    var shown = [];
    var active = -1;

    function chosen() {
      return byId[select.value];
    }

    function describe(venue) {
      return [venue.district, venue.address].filter(Boolean).join(" · ");
    }

    function showPlace(show) {
      typedPlace.hidden = !show;
      chosenLine.hidden = show || !chosen();
      if (chosen()) {
        chosenLine.textContent = describe(chosen());
      }
    }

    function close() {
      listbox.hidden = true;
      finder.querySelector(".venue-none").hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = listbox.querySelectorAll('[role="option"]');
      options.forEach(function (option, number) {
        option.setAttribute("aria-selected", number === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function option(id, main, detail) {
      var item = document.createElement("li");
      item.id = id;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.className = "venue-option";
      item.textContent = main;
      if (detail) {
        var small = document.createElement("small");
        small.textContent = detail;
        item.appendChild(document.createTextNode(" "));
        item.appendChild(small);
      }
      return item;
    }

    function open(all) {
      var typed = input.value.trim();
      var wanted = window.CreativeEast.words(typed);
      shown = venues.filter(function (venue) {
        return all || window.CreativeEast.matches(venue.text, wanted);
      });
      listbox.textContent = "";
      shown.forEach(function (venue) {
        listbox.appendChild(option("venue-option-" + venue.id, venue.name, describe(venue)));
      });
      finder.querySelector(".venue-none").hidden = !typed || shown.length > 0;
      if (typed) {
        var other = option(
          "venue-option-other",
          finder.dataset.other + " «" + typed + "»"
        );
        other.classList.add("venue-other");
        listbox.appendChild(other);
      }
      listbox.hidden = !listbox.children.length;
      input.setAttribute("aria-expanded", listbox.hidden ? "false" : "true");
      setActive(-1);
    }

    function pickVenue(venue) {
      select.value = String(venue.id);
      input.value = venue.name;
      close();
      showPlace(false);
    }

    function pickPlace() {
      var typed = input.value.trim();
      select.value = "";
      close();
      if (typed) {
        placeInput.value = typed;
      }
      showPlace(true);
    }

    function pick(index) {
      if (index < shown.length) {
        pickVenue(shown[index]);
      } else {
        pickPlace();
        districtSelect.focus();
      }
    }

    input.addEventListener("input", function () {
      if (chosen() && input.value !== chosen().name) {
        select.value = "";
        showPlace(false);
        chosenLine.hidden = true;
      }
      open(false);
    });
    input.addEventListener("keydown", function (event) {
      var count = listbox.querySelectorAll('[role="option"]').length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (listbox.hidden) {
          open(!input.value.trim());
        }
        count = listbox.querySelectorAll('[role="option"]').length;
        if (!count) {
          return;
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + count) % count);
      } else if (event.key === "Enter") {
        // Enter picks; it never sends the form from here.
        event.preventDefault();
        if (!listbox.hidden && active >= 0) {
          pick(active);
        }
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });
    // Pointer picks: on mousedown, before the box loses the focus.
    listbox.addEventListener("mousedown", function (event) {
      var item = event.target.closest('[role="option"]');
      if (!item) {
        return;
      }
      event.preventDefault();
      var options = Array.prototype.slice.call(
        listbox.querySelectorAll('[role="option"]')
      );
      pick(options.indexOf(item));
    });
    // Leaving the box with a venue's whole name picks it; with other words,
    // they are the place.
    input.addEventListener("blur", function () {
      close();
      if (chosen() || !input.value.trim()) {
        return;
      }
      var typed = window.CreativeEast.plain(input.value);
      var named = venues.filter(function (venue) {
        return window.CreativeEast.plain(venue.name) === typed;
      });
      if (named.length === 1) {
        pickVenue(named[0]);
      } else {
        pickPlace();
      }
    });

    // The form as it came: a venue chosen, or a place typed (or its errors).
    picker.querySelector(".venue-list").hidden = true;
    finder.hidden = false;
    if (chosen()) {
      input.value = chosen().name;
      showPlace(false);
    } else {
      input.value = placeInput.value;
      showPlace(
        Boolean(placeInput.value || districtSelect.value) ||
          Boolean(typedPlace.querySelector(".errorlist"))
      );
    }
  }

  window.CreativeEast.enhanceAll("[data-venue-picker]", enhance);
})();
