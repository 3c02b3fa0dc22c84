/* Keyboard access to wide tables: a region that scrolls sideways (a table too wide for a
   phone) takes focus, so arrow keys can scroll it (WCAG 2.1.1, axe
   "scrollable-region-focusable"). */
(function () {
  "use strict";
  function mark() {
    var regions = document.querySelectorAll(".md-typeset div");
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i];
      var style = getComputedStyle(el).overflowX;
      var scrolls = (style === "auto" || style === "scroll") && el.scrollWidth > el.clientWidth;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("role")) el.setAttribute("role", "region");
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "Bảng (cuộn ngang)");
      }
    }
  }
  // After the next frame has painted, so that the layout mark() reads is already done and
  // no long task delays the first paint (Lighthouse "total blocking time").
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      setTimeout(function () { pending = false; mark(); }, 0);
    });
  }
  // Material wraps tables in scrolling boxes once its document$ has emitted (this script
  // is deferred and runs after Material's bundle, which defines document$).
  if (window.document$) window.document$.subscribe(later);
  else window.addEventListener("load", later);
  window.addEventListener("resize", later);
})();

/* Keyboard access to the menu: Material's header menu button is a <label> for a hidden
   checkbox, which Tab never reaches. Make it a focusable button that announces its state;
   Material already clicks a focused label on Enter, so add Space, and Escape to close. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!drawer || !button) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  if (!button.hasAttribute("aria-label")) button.setAttribute("aria-label", "Trình đơn");
  button.setAttribute("aria-controls", "__drawer");
  function sync() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  }
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("keydown", function (event) {
    if (event.key === " ") {
      event.preventDefault();
      button.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      button.focus();
    }
  });
})();
