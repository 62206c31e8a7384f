/* index.js: the entry page report.html — every document with its status,
   its claims and how many of them are reviewed, searchable by name; the
   reviews given on the pages exported as the CSV the next run takes. */
(function () {
  'use strict';
  var A = window.Audit;
  /* a document: [name, page, status, claims, bytes, error, reviewed by the run] */
  var docs = JSON.parse(document.getElementById('docs-data').textContent);
  var runReviews = JSON.parse(document.getElementById('reviews-data').textContent);
  var nameOf = new Map();
  docs.forEach(function (d) { nameOf.set(d[1], d[0]); });

  /* reviewed claims per page: the run's, with the page's given over them */
  var reviewed = new Map(), totalClaims = 0;
  function countReviews() {
    var state = new Map();
    runReviews.forEach(function (r) { state.set(r[0], [r[1], r[2]]); });
    A.allReviews().forEach(function (e) { state.set(e[0], [e[1].page, e[1].verdict]); });
    reviewed = new Map();
    var n = 0;
    state.forEach(function (s) {
      if (!s[1]) return;
      reviewed.set(s[0], (reviewed.get(s[0]) || 0) + 1);
      n++;
    });
    totalClaims = 0;
    docs.forEach(function (d) { totalClaims += d[3]; });
    document.getElementById('reviewed').textContent = A.grouped(String(n));
    document.getElementById('review-counts').textContent =
      'reviewed · ' + A.grouped(String(Math.max(0, totalClaims - n))) + ' unreviewed';
  }
  countReviews();

  var COLUMNS = [
    { key: 'name', label: 'Document' },
    { key: 'status', label: 'Status' },
    { key: 'claims', label: 'Claims' },
    { key: 'reviewed', label: 'Reviewed' },
    { key: 'bytes', label: 'Bytes' },
    { key: 'why', label: 'Not read in full because' }
  ];
  function draw(tr, d) {
    var td = document.createElement('td');
    td.className = 'c-name';
    var a = document.createElement('a');
    a.href = 'report/d/' + encodeURIComponent(d[1]) + '.html';
    a.textContent = d[0];
    a.title = d[0];
    td.appendChild(a);
    tr.appendChild(td);
    var st = A.cell(tr, 'status', '');
    var badge = document.createElement('span');
    badge.className = 'badge s-' + (/^[a-z]+$/.test(d[2]) ? d[2] : 'other');
    badge.textContent = d[2];
    st.appendChild(badge);
    A.cell(tr, 'claims', A.grouped(String(d[3])), 'num');
    var r = reviewed.get(d[1]) || 0;
    A.cell(tr, 'reviewed', d[3] ? A.grouped(String(r)) + ' of ' + A.grouped(String(d[3])) : '', 'num' + (d[3] && r >= d[3] ? ' done' : ''));
    A.cell(tr, 'bytes', A.grouped(String(d[4])), 'num');
    A.cell(tr, 'why', d[5], 'why');
  }

  var sortKey = null, sortDir = 1;
  var order = docs;
  var table = new A.VirtualTable(document.getElementById('table-wrap'), COLUMNS, draw, function (key, th) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    table.thead.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    var k = { name: 0, status: 2, claims: 3, bytes: 4, why: 5 }[key];
    var collator = new Intl.Collator('zh', { numeric: true });
    order = docs.slice().sort(function (a, b) {
      var x = key === 'reviewed' ? reviewed.get(a[1]) || 0 : a[k];
      var y = key === 'reviewed' ? reviewed.get(b[1]) || 0 : b[k];
      return sortDir * (typeof x === 'number' ? x - y : collator.compare(x, y));
    });
    apply();
  });
  table.emptyText = 'No document passes these filters.';

  /* the filters: a search of the names, the status */
  var filters = document.getElementById('filters');
  var search = A.searchBox(filters, 'Search documents by name');
  var label = document.createElement('label');
  label.textContent = 'Status ';
  var status = document.createElement('select');
  status.id = 'f-status';
  [['', 'all'], ['not-ok', 'not read in full'], ['ok', 'ok'], ['partial', 'partial'], ['failed', 'failed'],
    ['skipped', 'skipped'], ['unreviewed', 'with unreviewed claims']].forEach(function (o) {
    var opt = document.createElement('option');
    opt.value = o[0];
    opt.textContent = o[1];
    status.appendChild(opt);
  });
  label.appendChild(status);
  filters.appendChild(label);
  var shown = A.add(filters, 'span', { className: 'shown', id: 'shown' });

  function apply() {
    var q = search.value.trim().toLowerCase(), s = status.value;
    var view = order.filter(function (d) {
      if (q && d[0].toLowerCase().indexOf(q) < 0) return false;
      if (s === 'not-ok') return d[2] !== 'ok';
      if (s === 'unreviewed') return (reviewed.get(d[1]) || 0) < d[3];
      return !s || d[2] === s;
    });
    shown.textContent = view.length === docs.length ? A.plural(docs.length, 'document', 'documents')
      : A.grouped(String(view.length)) + ' of ' + A.plural(docs.length, 'document', 'documents');
    table.setRows(view);
  }
  var timer = null;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, docs.length > 20000 ? 150 : 0);
  });
  status.addEventListener('change', apply);
  var problems = document.getElementById('show-problems');
  if (problems) problems.addEventListener('click', function () {
    status.value = 'not-ok';
    apply();
    document.getElementById('table-wrap').scrollIntoView({ block: 'start' });
  });
  document.getElementById('export').addEventListener('click', function () {
    A.download('reviews.csv', A.reviewsCsv(runReviews, function (page) { return nameOf.get(page) || ''; }));
  });
  /* reviews given in another tab show here when this one is seen again */
  window.addEventListener('storage', function () { countReviews(); table.render(); });
  window.addEventListener('pageshow', function () { countReviews(); table.render(); });
  apply();
  A.loaded();
})();
