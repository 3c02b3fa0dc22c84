/* Task lists narrowed in place (build_tools/progress/filters.py). No library, no request.
 *
 * Each `form.task-filter` (hidden without JavaScript: the status, unit, document and topic
 * pages do the work there) narrows the task rows of its list: a row's status is its badge's
 * text, as the date script left it; its units, document and topics are in the empty
 * `span.task-facets` of its first cell. The status links of the dashboard's table
 * (`.status-filter a`) filter the dashboard's full list instead of opening the status page.
 */
(function () {
  "use strict";

  function rowValues(row, facet) {
    if (facet === "status") {
      var badge = row.querySelector(".status");
      return [badge ? badge.textContent.trim() : ""];
    }
    var marks = row.querySelector(".task-facets");
    var text = marks ? marks.getAttribute("data-" + facet) || "" : "";
    return text ? text.split(" ") : [];
  }

  function setUp(form) {
    var list = form.nextElementSibling; // the form's own list (a unit page has two)
    while (list && !list.classList.contains("task-table")) list = list.nextElementSibling;
    if (!list) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll("tbody tr"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
    var result = form.querySelector(".task-filter__result");

    // Rows per value, in one pass over the rows for each select (a city-scale list has
    // hundreds of rows and a select hundreds of options).
    selects.forEach(function (select) {
      var counts = Object.create(null);
      rows.forEach(function (row) {
        var seen = Object.create(null);
        rowValues(row, select.dataset.facet).forEach(function (value) {
          if (seen[value]) return;
          seen[value] = true;
          counts[value] = (counts[value] || 0) + 1;
        });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var count = counts[option.value] || 0;
        option.textContent = option.textContent + " (" + count + ")";
        option.disabled = count === 0;
      });
    });

    function apply() {
      var active = selects.filter(function (s) { return s.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var keep = active.every(function (s) {
          return rowValues(row, s.dataset.facet).indexOf(s.value) >= 0;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      result.textContent = active.length
        ? "Đang hiện " + shown + " trong " + rows.length + " nhiệm vụ của danh sách này."
        : "";
    }

    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    form.filterBy = function (facet, value) {
      var select = form.querySelector('select[data-facet="' + facet + '"]');
      if (!select) return false;
      var match = Array.prototype.filter.call(select.options, function (o) {
        return o.value === value && !o.disabled;
      });
      if (!match.length) return false;
      selects.forEach(function (s) { s.value = ""; });
      select.value = value;
      apply();
      return true;
    };
  }

  var forms = document.querySelectorAll("form.task-filter");
  Array.prototype.forEach.call(forms, setUp);

  var main = document.querySelector("form.task-filter[data-main]");
  if (!main) return;
  Array.prototype.forEach.call(document.querySelectorAll(".status-filter a"), function (link) {
    link.addEventListener("click", function (event) {
      if (!main.filterBy("status", link.textContent.trim())) return; // not in the list: go
      event.preventDefault();
      var details = main.closest("details");
      if (details) details.open = true;
      main.scrollIntoView({ block: "start" });
      main.querySelector('select[data-facet="status"]').focus();
    });
  });
})();
