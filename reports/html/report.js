// Filters and sorting for the findings table. It only reads and reorders rows rendered (and escaped) by mqtt-audit:
// it never turns report data into HTML.
(function () {
  'use strict';
  var table = document.getElementById('findings');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var sel = { severity: document.getElementById('f-severity'), rule: document.getElementById('f-rule'), where: document.getElementById('f-where') };
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  var none = document.getElementById('no-match');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!sel.severity.value || r.dataset.severity === sel.severity.value) &&
        (!sel.rule.value || r.dataset.rule === sel.rule.value) &&
        (!sel.where.value || r.dataset.where === sel.where.value) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' findings';
    none.hidden = shown !== 0;
  }
  ['severity', 'rule', 'where'].forEach(function (k) { sel[k].addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  var RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.tabIndex = 0;
    function sort() {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var key = th.dataset.sort;
      rows.sort(function (a, b) {
        var x = key === 'severity' ? RANK[a.dataset.severity] : a.cells[col].textContent;
        var y = key === 'severity' ? RANK[b.dataset.severity] : b.cells[col].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });
  apply();
})();
