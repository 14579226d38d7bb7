/**
 * The HTML report's only script, inlined. It sorts and filters the claims table by reading the
 * rows' data-* attributes and moving/hiding existing nodes: it never builds markup from strings
 * (no innerHTML), so paper text cannot become code. Only this exact script is allowed by the
 * page's Content-Security-Policy hash.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var table = document.getElementById('claims-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var verdictFilter = document.getElementById('verdict-filter');
  var paperFilter = document.getElementById('paper-filter');
  var confidenceFilter = document.getElementById('confidence-filter');
  var confidenceOutput = document.getElementById('confidence-value');
  var levelFilter = document.getElementById('level-filter');
  var aboutFilter = document.getElementById('about-filter');
  var status = document.getElementById('claims-status');
  var reset = document.getElementById('filters-reset');
  var headers = Array.prototype.slice.call(table.querySelectorAll('th[data-sort-key]'));

  function applyFilters() {
    var verdict = verdictFilter.value;
    var paper = paperFilter.value;
    var min = parseFloat(confidenceFilter.value) || 0;
    var level = levelFilter ? levelFilter.value : 'ALL';
    var about = aboutFilter ? aboutFilter.value : 'ALL';
    confidenceOutput.textContent = min.toFixed(2);
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (verdict === 'ALL' || row.dataset.verdict === verdict) &&
        (paper === 'ALL' || row.dataset.paper === paper) &&
        parseFloat(row.dataset.confidence) >= min - 1e-9 &&
        (level === 'ALL' || row.dataset.level === level) &&
        (about === 'ALL' || row.dataset.about === about);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' claims.';
  }

  function value(row, key, type) {
    var raw = row.dataset[key] || '';
    return type === 'number' ? parseFloat(raw) : raw;
  }

  function sortBy(th, direction) {
    var key = th.dataset.sortKey;
    var type = th.dataset.sortType;
    var sign = direction === 'ascending' ? 1 : -1;
    rows.sort(function (a, b) {
      var x = value(a, key, type);
      var y = value(b, key, type);
      var order = type === 'number' ? x - y : String(x).localeCompare(String(y));
      return order * sign || (parseFloat(a.dataset.n) - parseFloat(b.dataset.n));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h) { if (h !== th) h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', direction);
  }

  headers.forEach(function (th) {
    var button = th.querySelector('button');
    button.addEventListener('click', function () {
      var current = th.getAttribute('aria-sort');
      var next = current === 'ascending' ? 'descending' : 'ascending';
      sortBy(th, next);
    });
  });

  verdictFilter.addEventListener('change', applyFilters);
  paperFilter.addEventListener('change', applyFilters);
  confidenceFilter.addEventListener('input', applyFilters);
  confidenceFilter.addEventListener('change', applyFilters);
  if (levelFilter) levelFilter.addEventListener('change', applyFilters);
  if (aboutFilter) aboutFilter.addEventListener('change', applyFilters);
  reset.addEventListener('click', function () {
    verdictFilter.value = 'ALL';
    paperFilter.value = 'ALL';
    confidenceFilter.value = '0';
    if (levelFilter) levelFilter.value = 'ALL';
    if (aboutFilter) aboutFilter.value = 'ALL';
    applyFilters();
  });
  applyFilters();
})();`;
