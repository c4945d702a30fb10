/* In the catalog's embed page (templates/events/embed_events.html), framed by
   a partner's site: tells the page around it the height of its content, so
   that static/embed.js sizes the frame and no inner scrollbar shows.

   Whom it tells: the parent's origin, from location.ancestorOrigins where the
   browser has it (Chromium, Safari), else from document.referrer (the page that
   loaded the frame: the partner's, as the parent's own address or its origin
   under its referrer policy). With neither (a referrer policy of no-referrer,
   Firefox) the target is '*'. That is safe because the message is only a
   number of pixels, which anyone can see by looking at the page: no visitor's
   data, nothing from the catalog that is not public. The receiving side is
   what must be careful, and is: embed.js accepts the message only from the
   catalog's origin and only from its own frame. */
(function () {
  "use strict";
  if (window.parent === window) return;

  function parentOrigin() {
    var ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length && ancestors[0] !== "null") return ancestors[0];
    try {
      if (document.referrer) return new URL(document.referrer).origin;
    } catch (error) {
      /* An address that cannot be read: fall through. */
    }
    return "*";
  }

  var target = parentOrigin();
  var last = 0;

  function tell() {
    /* The content's own height, not the frame's: scrollHeight of the root is
       never less than the frame, so the frame could never shrink. */
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ creativeEast: "height", height: height }, target);
  }

  tell();
  window.addEventListener("load", tell);
  if ("ResizeObserver" in window) {
    new ResizeObserver(tell).observe(document.documentElement);
  } else {
    window.addEventListener("resize", tell);
  }
})();
