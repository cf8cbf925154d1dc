// The applications list (issue 16): one checkbox chooses every row shown, and a live count
// says how many are chosen. Without this script each row is still chosen by itself.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  if (!all || !count) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("input.select-row"));
  if (rows.length === 0) {
    return;
  }
  all.hidden = false;

  function update() {
    var chosen = rows.filter(function (row) { return row.checked; }).length;
    all.checked = chosen === rows.length;
    all.indeterminate = chosen > 0 && chosen < rows.length;
    if (chosen === 0) {
      count.textContent = count.dataset.templateNone || count.textContent;
    } else if (chosen === 1) {
      count.textContent = count.dataset.templateOne;
    } else {
      count.textContent = count.dataset.templateMany.replace("__count__", String(chosen));
    }
  }

  count.dataset.templateNone = count.textContent;
  all.addEventListener("change", function () {
    rows.forEach(function (row) { row.checked = all.checked; });
    update();
  });
  rows.forEach(function (row) { row.addEventListener("change", update); });
  update();
})();
