// Fills the print date of .print-meta when the reader prints (overrides/main.html).
(function () {
  function fill() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear();
    document.querySelectorAll("[data-print-date]").forEach(function (el) { el.textContent = text; });
  }
  window.addEventListener("beforeprint", fill);
  fill();
})();
