/* The embed builder (/<lang>/embed/, templates/events/embed_builder.html):
   without it the form submits and the page comes back with the preview and
   the snippets; with it, they follow each change at once (the same page is
   fetched and its result part taken, so the snippets are written in one place,
   events/embed.py), each snippet's Copy button shows (its place is kept
   without scripts, so nothing moves when it does), and the preview takes
   the height its frame tells (as static/embed.js does on a partner's page). */
(function () {
  "use strict";
  var form = document.querySelector(".embed-options");
  var result = document.getElementById("embed-result");
  if (!form || !result || !window.fetch || !window.URLSearchParams) return;
  var copiedLabel = form.getAttribute("data-copied") || "Copied";
  var pending = null;
  var asked = 0;

  function addCopyButtons() {
    if (!navigator.clipboard) return;
    Array.prototype.forEach.call(result.querySelectorAll("button.copy-snippet"), function (button) {
      var code = document.getElementById(button.getAttribute("data-snippet"));
      if (!code) return;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = copiedLabel;
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
      button.hidden = false;
    });
  }

  function query() {
    var parameters = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") parameters.append(name, value);
    });
    return parameters.toString();
  }

  function refresh() {
    if (!form.checkValidity()) return;
    var address = form.action + "?" + query();
    var number = ++asked;
    fetch(address, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || number !== asked) return;
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("embed-result");
        if (!fresh) return;
        result.innerHTML = fresh.innerHTML;
        addCopyButtons();
        history.replaceState(null, "", address);
      })
      .catch(function () { /* The button still submits the form. */ });
  }

  form.addEventListener("change", refresh);
  form.addEventListener("input", function (event) {
    if (event.target.type !== "search" && event.target.type !== "number") return;
    clearTimeout(pending);
    pending = setTimeout(refresh, 400);
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin) return;
    var frame = result.querySelector("iframe.embed-preview");
    var data = event.data;
    if (!frame || event.source !== frame.contentWindow || !data || data.creativeEast !== "height") return;
    var height = Number(data.height);
    if (isFinite(height) && height > 0) frame.style.height = Math.min(Math.ceil(height), 20000) + "px";
  });

  addCopyButtons();
})();
