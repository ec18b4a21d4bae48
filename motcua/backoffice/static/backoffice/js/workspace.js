// The dossier workspace: an action's form opens in the panel under the buttons (htmx); focus
// moves to its first field, and "Huỷ" closes the panel instead of leaving the page.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var panel = event.detail.target;
    if (!panel || (panel.id !== "action-panel" && !panel.closest("#action-panel"))) {
      return;
    }
    var first = panel.querySelector("input:not([type=hidden]), select, textarea, button");
    if (first) {
      first.focus();
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("#action-panel .action-form__buttons a");
    if (!link) {
      return;
    }
    event.preventDefault();
    var panel = document.getElementById("action-panel");
    panel.replaceChildren();
    var buttons = document.querySelector(".ws-actions__list a");
    if (buttons) {
      buttons.focus();
    }
  });
})();
