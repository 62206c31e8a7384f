/* report.js: a document's page — its text with every claim highlighted,
   beside a table of its claims (drawn virtually, searchable, filtered,
   sorted); a highlight or a row opens the claim's panel, where a reviewer
   gives a verdict, a corrected value and a note, kept in the browser
   (common.js) and exported from here or from the entry page. */
(function () {
  'use strict';
  var A = window.Audit;
  /* the claims: each the array of its fields' values, named by claim-fields */
  var fields = JSON.parse(document.getElementById('claim-fields').textContent);
  var claims = JSON.parse(document.getElementById('claims-data').textContent).map(function (values) {
    var c = {};
    for (var k = 0; k < fields.length; k++) c[fields[k]] = values[k];
    return c;
  });
  var section = document.querySelector('section.doc');
  var docName = section ? section.getAttribute('data-name') || '' : '';
  var pageKey = decodeURIComponent(window.location.pathname.split('/').pop().replace(/\.html$/, ''));
  var marks = [];
  document.querySelectorAll('mark.cl').forEach(function (m) {
    marks[Number(m.getAttribute('data-i'))] = m;
  });

  /* rows: a claim alone, or the two ends of a change (from, to: one group) */
  var ends = new Map();
  claims.forEach(function (c, i) {
    if (!c.group || (c.role !== 'from' && c.role !== 'to')) return;
    var e = ends.get(c.group);
    if (!e) ends.set(c.group, e = {});
    if (e[c.role] === undefined) e[c.role] = i;
  });
  var rows = [], rowOf = [];
  claims.forEach(function (c, i) {
    var e = c.group ? ends.get(c.group) : null;
    var pair = e && e.from !== undefined && e.to !== undefined;
    if (pair && e.from === i) return;
    rows.push(pair && e.to === i ? { to: i, from: e.from } : { to: i, from: -1 });
  });
  rows.forEach(function (r, n) {
    r.n = n;
    rowOf[r.to] = r;
    if (r.from >= 0) rowOf[r.from] = r;
  });
  function members(r) { return r.from >= 0 ? [claims[r.from], claims[r.to]] : [claims[r.to]]; }
  function kindClass(k) { return /^[A-Za-z0-9_-]+$/.test(k || '') ? k : 'other'; }

  /* ---------------------------------------------------------- verdicts */

  /* a claim's verdict: the page's own, else the run's (from --reviews) */
  function reviewOf(c) {
    var r = A.getReview(c.claim_id);
    if (r) return r;
    return { verdict: c.verdict || '', corrected_value: c.corrected_value || '', note: c.review_note || '' };
  }
  function verdictOf(c) { return reviewOf(c).verdict || ''; }
  function markVerdict(i) {
    var m = marks[i];
    if (!m) return;
    var v = verdictOf(claims[i]);
    A.VERDICTS.forEach(function (x) { m.classList.toggle('v-' + x, v === x); });
    m.classList.toggle('reviewed', !!v);
  }
  claims.forEach(function (c, i) { markVerdict(i); });
  function rowVerdict(r) {
    var vs = members(r).map(verdictOf);
    return vs[vs.length - 1] === vs[0] ? vs[0] : vs.join('→');
  }

  /* ---------------------------------------------------------- cells */

  /* a value for reading: digits grouped; a range as 10–20 */
  function valueText(c) {
    if (c.qualifier === 'range' && c.lower != null && c.upper != null && c.lower !== '' && c.upper !== '')
      return A.grouped(c.lower) + '–' + A.grouped(c.upper);
    return A.grouped(c.value);
  }
  /* one field of a row: a pair's differing ends as "from → to" */
  function field(r, key) {
    var get = key === 'value' ? valueText : key === 'verdict' ? verdictOf : function (c) {
      var v = c[key];
      return v == null ? '' : String(v);
    };
    var b = get(claims[r.to]);
    if (r.from < 0) return b;
    var a = get(claims[r.from]);
    if (key !== 'value' && key !== 'quote' && a === b) return b;
    return (a === '' ? '—' : a) + ' → ' + (b === '' ? '—' : b);
  }

  var COLUMNS = [
    { key: 'quote', label: 'Quote' }, { key: 'value', label: 'Value' }, { key: 'unit', label: 'Unit' },
    { key: 'kind', label: 'Kind' }, { key: 'qualifier', label: 'Qualifier' }, { key: 'role', label: 'Role' },
    { key: 'subject', label: 'Subject' }, { key: 'time_ref', label: 'Time' }, { key: 'when', label: 'When' },
    { key: 'rule', label: 'Rule' },
    { key: 'verdict', label: 'Verdict' }
  ];
  var selected = null;
  function draw(tr, r) {
    var c = claims[r.to];
    tr.id = 'r-' + c.claim_id;
    tr.setAttribute('data-row', r.n);
    if (r === selected) tr.classList.add('selected');
    COLUMNS.forEach(function (col) {
      var key = col.key;
      var text = key === 'role' && r.from >= 0 ? 'from → to' : field(r, key);
      var td = A.cell(tr, key, text, key === 'quote' || key === 'kind' ? 'k-' + kindClass(c.kind) : '');
      if (key === 'quote' || key === 'subject' || key === 'time_ref') td.lang = 'zh';
      if (key === 'verdict' && text) td.classList.add('v-' + kindClass(verdictOf(c)));
    });
  }

  /* ---------------------------------------------------------- the table */

  var wrap = document.getElementById('table-wrap');
  var order = rows, view = rows;
  var sortKey = null, sortDir = 1;
  var collator = new Intl.Collator('zh', { numeric: true });
  function sortValue(r, key) {
    if (key === 'value') {
      var x = Number(claims[r.to].value);
      return Number.isNaN(x) ? '' : x;
    }
    return field(r, key);
  }
  var table = new A.VirtualTable(wrap, COLUMNS, draw, function (key, th) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    table.thead.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    var keys = new Map();
    rows.forEach(function (r) { keys.set(r, sortValue(r, key)); });
    order = rows.slice().sort(function (a, b) {
      var x = keys.get(a), y = keys.get(b), d;
      if (x === '' || y === '') d = x === '' ? (y === '' ? 0 : 1) : -1; /* empty last */
      else d = sortDir * (typeof x === 'number' ? x - y : collator.compare(x, y));
      return d || a.n - b.n;
    });
    applyFilters();
  });
  table.emptyText = rows.length ? 'No claim passes these filters.' : 'No claims.';

  /* filters: a search of the rows' text, and a select per field; a
     select's counts are of claims, as the summary counts them */
  var filters = document.getElementById('filters');
  var search = A.searchBox(filters, 'Search claims');
  var FILTERS = [['kind', 'Kind'], ['unit', 'Unit'], ['rule', 'Rule'], ['qualifier', 'Qualifier'], ['verdict', 'Verdict']];
  function valuesOf(key, c) {
    if (key === 'rule') return c.rule ? String(c.rule).split('+') : [''];
    if (key === 'verdict') return [verdictOf(c) || 'unreviewed'];
    return [c[key] == null ? '' : String(c[key])];
  }
  var selects = FILTERS.map(function (f) {
    var label = document.createElement('label');
    label.textContent = f[1] + ' ';
    var sel = document.createElement('select');
    sel.id = 'f-' + f[0];
    sel.setAttribute('data-key', f[0]);
    label.appendChild(sel);
    filters.appendChild(label);
    sel.addEventListener('change', applyFilters);
    return sel;
  });
  function fillSelects() {
    selects.forEach(function (sel) {
      var key = sel.getAttribute('data-key'), was = sel.value;
      var counts = new Map();
      claims.forEach(function (c) {
        valuesOf(key, c).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      if (key === 'verdict') ['unreviewed'].concat(A.VERDICTS).forEach(function (v) { counts.set(v, counts.get(v) || 0); });
      sel.textContent = '';
      var all = document.createElement('option');
      all.value = '';
      all.textContent = 'all';
      sel.appendChild(all);
      var values = Array.from(counts.keys());
      if (key !== 'verdict') values.sort();
      values.forEach(function (v) {
        var o = document.createElement('option');
        o.value = v;
        o.textContent = (v === '' ? '(none)' : v) + ' (' + A.grouped(String(counts.get(v))) + ')';
        sel.appendChild(o);
      });
      sel.value = was;
    });
  }
  fillSelects();
  var clear = A.add(filters, 'button', { type: 'button', id: 'clear', className: 'link', textContent: 'clear filters', hidden: true });
  var shown = A.add(filters, 'span', { className: 'shown', id: 'shown' });
  /* the counts of reviews, and the legend of the highlights */
  var counts = A.add(filters, 'div', { className: 'review-counts', id: 'review-counts' });
  var exp = A.add(filters, 'button', { type: 'button', id: 'export', className: 'link', textContent: 'export reviews (CSV)' });
  var legend = A.add(filters, 'div', { className: 'legend', id: 'legend' });
  [['k-count', 'count'], ['k-money', 'money'], ['k-percent', 'percent'], ['k-pp', 'pp'], ['k-ratio', 'ratio'],
    ['k-measure', 'measure'], ['reviewed v-ok', 'ok'], ['reviewed v-wrong', 'wrong'], ['reviewed v-unsure', 'unsure']]
    .forEach(function (l) { A.add(A.add(legend, 'span'), 'mark', { className: 'lg ' + l[0], textContent: l[1] }); });

  function showCounts() {
    var n = 0;
    claims.forEach(function (c) { if (verdictOf(c)) n++; });
    counts.textContent = A.grouped(String(n)) + ' reviewed · ' + A.grouped(String(claims.length - n)) + ' unreviewed';
  }
  function passes(r, active, q) {
    var ok = active.every(function (sel) {
      var key = sel.getAttribute('data-key');
      return members(r).some(function (c) { return valuesOf(key, c).indexOf(sel.value) >= 0; });
    });
    if (!ok || !q) return ok;
    return COLUMNS.some(function (col) { return field(r, col.key).toLowerCase().indexOf(q) >= 0; }) ||
      members(r).some(function (c) { return String(c.value).indexOf(q) >= 0; });
  }
  function applyFilters() {
    var active = selects.filter(function (s) { return s.value !== ''; });
    var q = search.value.trim().toLowerCase();
    view = active.length || q ? order.filter(function (r) { return passes(r, active, q); }) : order;
    clear.hidden = !active.length && !q;
    var nc = 0;
    view.forEach(function (r) { nc += members(r).length; });
    shown.textContent = (view.length < rows.length ? A.grouped(String(view.length)) + ' of ' : '') +
      A.plural(rows.length, 'row', 'rows') + ' · ' +
      (view.length < rows.length ? A.grouped(String(nc)) + ' of ' : '') + A.plural(claims.length, 'claim', 'claims');
    table.setRows(view);
    showCounts();
  }
  search.addEventListener('input', applyFilters);
  clear.addEventListener('click', function () {
    selects.forEach(function (s) { s.value = ''; });
    search.value = '';
    applyFilters();
  });
  exp.addEventListener('click', function () {
    var run = [];
    claims.forEach(function (c) {
      if (c.verdict) run.push([c.claim_id, pageKey, c.verdict, c.corrected_value || '', c.review_note || '',
                               c.line, c.quote, c.value]);
    });
    A.download('reviews.csv', A.reviewsCsv(run, function () { return docName; }));
  });

  /* ---------------------------------------------------------- highlights and rows */

  function flash(el) {
    if (!el) return;
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }
  document.addEventListener('animationend', function (e) {
    var el = e.target.closest ? e.target.closest('.flash') : null;
    if (el) el.classList.remove('flash');
  });
  function select(r) {
    if (selected) {
      var old = table.tbody.querySelector('tr.selected');
      if (old) old.classList.remove('selected');
      [selected.to, selected.from].forEach(function (i) { if (i >= 0 && marks[i]) marks[i].classList.remove('selected'); });
    }
    selected = r;
    if (!r) return;
    var k = view.indexOf(r), tr = k >= 0 ? table.element(k) : null;
    if (tr) tr.classList.add('selected');
    [r.to, r.from].forEach(function (i) { if (i >= 0 && marks[i]) marks[i].classList.add('selected'); });
  }
  /* the row of r in view in the table; false if the filters hide it */
  function revealRow(r) {
    var k = view.indexOf(r);
    if (k < 0) return null;
    return table.reveal(k);
  }
  function showRow(r) {
    var tr = revealRow(r);
    if (!tr) {
      clear.click();
      tr = revealRow(r);
    }
    if (!sideBySide() && tr) document.getElementById('claims').scrollIntoView({ block: 'start' });
    select(r);
    flash(tr);
  }
  function sideBySide() { return getComputedStyle(document.getElementById('claims')).position === 'sticky'; }
  function showMark(i) {
    var m = marks[i];
    if (!m) return;
    var r = rowOf[i];
    m.scrollIntoView({ block: 'center' });
    select(r);
    flash(m);
    if (r.from >= 0) flash(marks[r.from === i ? r.to : r.from]);
    openPanel(i);
  }
  table.tbody.addEventListener('click', function (e) {
    var tr = e.target.closest('tr[data-row]');
    if (!tr) return;
    e.preventDefault();
    showMark(rows[Number(tr.getAttribute('data-row'))].to);
  });
  function markOf(el) { return el && el.closest ? el.closest('mark.cl') : null; }
  document.getElementById('docs').addEventListener('click', function (e) {
    var m = markOf(e.target);
    if (!m) return;
    var i = Number(m.getAttribute('data-i'));
    openPanel(i);
    select(rowOf[i]);
    if (sideBySide()) {
      var tr = revealRow(rowOf[i]);
      if (tr) tr.classList.add('selected');
    }
  });
  document.getElementById('docs').addEventListener('keydown', function (e) {
    var m = markOf(e.target);
    if (!m || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    m.click();
  });

  /* ---------------------------------------------------------- the panel */

  /* docked above the table, beside the text (below the window on a
     narrow screen): it never covers the sentence that follows a claim */
  var panel = document.getElementById('panel');
  var FIELDS = ['value', 'unit', 'kind', 'qualifier', 'lower', 'upper', 'role', 'group', 'period',
    'time_ref', 'when', 'subject*', 'rule*', 'claim_id*'];
  var panelFor = -1;
  function openPanel(i) {
    var c = claims[i], r = rowOf[i];
    panelFor = i;
    panel.textContent = '';
    panel.className = 'k-' + kindClass(c.kind);
    var head = document.createElement('div');
    head.className = 'p-head';
    var q = document.createElement('span');
    q.className = 'q';
    q.lang = 'zh';
    q.textContent = c.quote || '';
    head.appendChild(q);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.setAttribute('aria-label', 'Close');
    close.textContent = '×';
    close.addEventListener('click', closePanel);
    head.appendChild(close);
    panel.appendChild(head);
    var dl = document.createElement('dl');
    function item(name, v, wide) {
      var dt = document.createElement('dt');
      dt.textContent = name;
      var dd = document.createElement('dd');
      if (v == null || v === '') {
        dd.textContent = '—';
        dd.classList.add('absent');
      } else {
        dd.textContent = String(v);
        if (name === 'subject' || name === 'time_ref') dd.lang = 'zh';
      }
      if (wide) {
        dt.classList.add('wide');
        dd.classList.add('wide');
      }
      dl.appendChild(dt);
      dl.appendChild(dd);
    }
    FIELDS.forEach(function (f) {
      var wide = f.slice(-1) === '*';
      var name = wide ? f.slice(0, -1) : f;
      item(name, name === 'value' ? A.grouped(c.value) : c[name], wide);
    });
    item('where', docName + ', line ' + c.line + ', column ' + c.column, true);
    panel.appendChild(dl);
    panel.appendChild(reviewForm(i));
    var foot = document.createElement('div');
    foot.className = 'p-foot';
    var link = document.createElement('a');
    link.href = '#r-' + claims[r.to].claim_id;
    link.textContent = 'Show in table';
    link.addEventListener('click', function (e) { e.preventDefault(); showRow(r); });
    foot.appendChild(link);
    var back = document.createElement('a');
    back.href = '#c-' + c.claim_id;
    back.textContent = 'Show in text';
    back.addEventListener('click', function (e) { e.preventDefault(); showMark(i); });
    foot.appendChild(back);
    if (r.from >= 0) {
      var other = r.from === i ? r.to : r.from;
      var o = document.createElement('a');
      o.href = '#c-' + claims[other].claim_id;
      o.textContent = (r.from === i ? 'Change to ' : 'Change from ') + claims[other].quote;
      o.addEventListener('click', function (e) { e.preventDefault(); showMark(other); });
      foot.appendChild(o);
    }
    panel.appendChild(foot);
    panel.hidden = false;
    table.render();
    keepAbove(marks[i]);
  }
  /* on a narrow screen the panel lies over the foot of the window: the
     highlight and the two lines after it are scrolled above it */
  function keepAbove(m) {
    if (!m || sideBySide()) return;
    var line = parseFloat(getComputedStyle(m.parentNode).lineHeight) || 30;
    var over = m.getBoundingClientRect().bottom + 2 * line - panel.getBoundingClientRect().top;
    if (over > 0) window.scrollBy(0, over);
  }
  /* the reviewer's verdict, corrected value and note, saved as they change */
  function reviewForm(i) {
    var c = claims[i], rv = reviewOf(c);
    var form = document.createElement('form');
    form.className = 'review';
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    var group = document.createElement('div');
    group.className = 'verdicts';
    group.setAttribute('role', 'radiogroup');
    group.setAttribute('aria-label', 'Verdict');
    ['', 'ok', 'wrong', 'unsure'].forEach(function (v) {
      var label = document.createElement('label');
      label.className = 'verdict v-' + (v || 'none');
      var input = document.createElement('input');
      input.type = 'radio';
      input.name = 'verdict';
      input.value = v;
      input.checked = (rv.verdict || '') === v;
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + (v || 'not reviewed')));
      group.appendChild(label);
    });
    form.appendChild(group);
    var corrected = document.createElement('input');
    corrected.name = 'corrected_value';
    corrected.placeholder = 'corrected value';
    corrected.setAttribute('aria-label', 'Corrected value');
    corrected.value = rv.corrected_value || '';
    corrected.inputMode = 'decimal';
    var note = document.createElement('input');
    note.name = 'note';
    note.placeholder = 'note';
    note.setAttribute('aria-label', 'Note');
    note.value = rv.note || '';
    var said = document.createElement('span');
    said.className = 'said';
    said.setAttribute('aria-live', 'polite');
    form.appendChild(corrected);
    form.appendChild(note);
    form.appendChild(said);
    function save() {
      var checked = form.querySelector('input[name=verdict]:checked');
      var v = checked ? checked.value : '';
      var cv = corrected.value.trim();
      if (cv && !A.plainDecimal(cv.replace(/,/g, ''))) {
        said.textContent = 'a corrected value is a plain number: 12.5';
        said.className = 'said bad';
        return;
      }
      cv = cv.replace(/,/g, '');
      A.setReview(c.claim_id, { verdict: v, corrected_value: cv, note: note.value, page: pageKey,
                                line: c.line, quote: c.quote, value: c.value });
      said.textContent = v ? 'saved' : 'no verdict';
      said.className = 'said';
      markVerdict(i);
      fillSelects();
      showCounts();
      table.render();
    }
    form.addEventListener('change', save);
    return form;
  }
  function closePanel() {
    panel.hidden = true;
    panelFor = -1;
    table.render();
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) closePanel();
  });
  window.addEventListener('storage', function () {
    claims.forEach(function (c, i) { markVerdict(i); });
    fillSelects();
    applyFilters();
  });

  applyFilters();
  A.loaded();
})();
