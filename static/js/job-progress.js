// Background jobs (website/jobs.py): while a job runs, poll its status and move the bar;
// when it has finished, show its summary and links. Without this script the page says to
// reload. Loaded by templates/website/admin/includes/progress.html, once per page.
(function () {
  "use strict";
  if (window.medvirkJobProgress) return;
  window.medvirkJobProgress = true;

  function watch(box) {
    var bar = box.querySelector("progress");
    var percent = box.querySelector("[data-job-percent]");
    var text = box.querySelector("[data-job-text]");
    var links = box.querySelector("[data-job-links]");
    var pause = 1000;

    function show(state) {
      bar.value = state.percent;
      bar.textContent = percent.textContent = state.percent + " %";
      if (text.textContent !== state.text) text.textContent = state.text;
      text.classList.toggle("help-critical", !!state.failed);
      if (!state.finished) return;
      links.textContent = "";
      (state.links || []).forEach(function (link) {
        var item = document.createElement("li");
        var anchor = document.createElement("a");
        anchor.href = link.url;
        anchor.textContent = link.text;
        item.appendChild(anchor);
        links.appendChild(item);
      });
      links.hidden = !links.children.length;
      box.dataset.finished = "yes";
      box.dispatchEvent(new CustomEvent("job:finished", { bubbles: true, detail: state }));
    }

    function poll() {
      fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (state) {
          show(state);
          pause = 1000;
          if (!state.finished) window.setTimeout(poll, 1500);
        })
        .catch(function () {
          pause = Math.min(pause * 2, 30000); // the server is busy or gone: ask less often
          window.setTimeout(poll, pause);
        });
    }

    window.setTimeout(poll, 500);
  }

  document.querySelectorAll("[data-job-progress][data-finished='no']").forEach(watch);
})();
