// "Copy the link" buttons: <button data-copy="input-id" data-copied="Copied" hidden>.
// Shown only where the clipboard can be used; without it the address is still in the field.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) status.textContent = button.dataset.copied;
        },
        function () {
          field.select();
        }
      );
    });
  });
})();
