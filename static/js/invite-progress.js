// Calendar invites page: while a run is sending, poll its progress and show it; reload the
// page when it has finished so the table shows who has which version.
(function () {
  "use strict";
  var box = document.getElementById("invite-run");
  if (!box || box.dataset.finished === "yes") return;
  var text = document.getElementById("invite-run-text");
  var bar = document.getElementById("invite-run-progress");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (text && state.text) text.textContent = state.text;
        if (bar && state.total) { bar.max = state.total; bar.value = state.processed; }
        if (state.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
