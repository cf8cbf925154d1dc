// Every public page: the phone menu and focus on an error summary. No inline script (CSP).
(function () {
  "use strict";
  document.documentElement.classList.add("js"); // early.js did already; harmless again

  // The menu: on narrow screens the links are folded behind the "Menu" button. Without
  // JavaScript the button stays hidden and the links are always shown.
  var button = document.querySelector(".site-header__menu-button");
  var menu = document.getElementById("site-menu");
  if (button && menu) {
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-menu--open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // A form's error summary (Designsystemet's ds-error-summary) takes focus when the page
  // loads, so a screen reader reads the errors first.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
})();
