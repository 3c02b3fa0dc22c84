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
