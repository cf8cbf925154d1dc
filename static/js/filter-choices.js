// A search box over a list of checkboxes (the gathering form's coordinators, issue 16): typing
// hides the choices whose label does not contain the words; chosen ones always stay in view.
(function () {
  "use strict";
  function setUp(box) {
    var input = box.querySelector("[data-choice-search-input]");
    var status = box.querySelector("[data-choice-search-count]");
    var options = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    if (!input || options.length === 0) {
      return;
    }
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (option) {
        var row = option.closest("div") || option.parentNode;
        var text = row.textContent.toLowerCase();
        var match = option.checked || words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      status.textContent = words.length ? shown + " / " + options.length : "";
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-choice-search]"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
