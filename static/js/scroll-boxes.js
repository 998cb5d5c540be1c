// The dashboard's table boxes (templates/dashboard/: [data-scroll-box], the ids that name
// it). Each is served as a keyboard stop, a region named by its table's caption and "(scrolls
// sideways)", so that a table wider than the screen can be scrolled from the keyboard (WCAG
// 2.1.1; axe: scrollable-region-focusable). A box that fits needs no stop (17 extra Tab
// presses on the dashboard): this takes it out of the tab order, and puts it back when the
// window narrows until it scrolls. Without the script every box stays a stop. A static file:
// the Content Security Policy allows no inline script.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-scroll-box]");
  if (!boxes.length) return;

  function update(box) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-labelledby", box.dataset.scrollBox);
    } else {
      // A name without a role or a stop is none to announce (and axe's aria-prohibited-attr).
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-labelledby");
    }
  }

  boxes.forEach(update);
  if (!("ResizeObserver" in window)) return;
  // The box changes width with the window, its table with the fonts as they load.
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      update(entry.target.closest("[data-scroll-box]"));
    });
  });
  boxes.forEach(function (box) {
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
  });
})();
