(function () {
  'use strict';
  /* the summary, written after the documents, is shown above them */
  var summary = document.getElementById('summary');
  var header = document.querySelector('header.top');
  header.parentNode.insertBefore(summary, header.nextSibling);
  document.title = summary.getAttribute('data-title');
  /* each document's claims are an array of their own, in page order;
     a claim is the array of its fields' values, named by claim-fields */
  var fields = JSON.parse(document.getElementById('claim-fields').textContent);
  var claims = [];
  document.querySelectorAll('script.claims-data').forEach(function (s) {
    JSON.parse(s.textContent).forEach(function (values) {
      var c = {};
      for (var k = 0; k < fields.length; k++) c[fields[k]] = values[k];
      claims.push(c);
    });
  });
  var docNames = [];
  document.querySelectorAll('section.doc').forEach(function (s) {
    docNames.push(s.getAttribute('data-name') || '');
  });
  var marks = [];
  document.querySelectorAll('mark.cl').forEach(function (m) {
    marks[Number(m.getAttribute('data-i'))] = m;
  });

  /* rows: a claim alone, or the two ends of a change (from, to: one group) */
  var ends = new Map();
  claims.forEach(function (c, i) {
    if (!c.group || (c.role !== 'from' && c.role !== 'to')) return;
    var key = c.doc + ' ' + c.group;
    var e = ends.get(key);
    if (!e) ends.set(key, e = {});
    if (e[c.role] === undefined) e[c.role] = i;
  });
  var rows = [], rowOf = [];
  claims.forEach(function (c, i) {
    var e = c.group ? ends.get(c.doc + ' ' + c.group) : null;
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
  /* one field of a row: a pair's differing ends as [from, to] */
  function field(r, key) {
    var b = claims[r.to][key];
    if (r.from < 0) return b == null ? '' : String(b);
    var a = claims[r.from][key];
    if (key !== 'value' && key !== 'quote' && String(a) === String(b)) return b == null ? '' : String(b);
    return [a == null ? '—' : String(a), b == null ? '—' : String(b)];
  }
  function kindClass(k) { return /^[A-Za-z0-9_-]+$/.test(k || '') ? k : 'other'; }

  var COLUMNS = ['doc', 'quote', 'value', 'unit', 'kind', 'qualifier', 'role', 'subject', 'time_ref', 'rule'];
  var PAGE = 300; /* rows drawn at a time: a long table is slow to lay out */
  var tbody = document.querySelector('#claims-table tbody');
  var wrap = document.getElementById('table-wrap');
  var panel = document.getElementById('panel');

  /* cells: text only, never markup. how: 'zh' for Chinese text, 'v' for a
     number kept on one line; a pair's two ends joined by an arrow */
  function put(td, v, how) {
    if (Array.isArray(v)) {
      td.appendChild(text(v[0], how));
      var s = document.createElement('span');
      s.className = 'arrow';
      s.textContent = '→';
      td.appendChild(s);
      td.appendChild(document.createElement('wbr'));
      td.appendChild(text(v[1], how));
    } else {
      td.appendChild(text(v, how));
    }
  }
  function text(v, how) {
    if (!how) return document.createTextNode(v);
    var s = document.createElement('span');
    if (how === 'zh') s.lang = 'zh';
    else s.className = how;
    s.textContent = v;
    return s;
  }
  /* a rule list may break after each + and . */
  function ruleCell(td, v) {
    String(v).split(/([+.])/).forEach(function (part) {
      td.appendChild(document.createTextNode(part));
      if (part === '+' || part === '.') td.appendChild(document.createElement('wbr'));
    });
  }
  /* a row's element, made when first needed */
  function trOf(r) {
    if (r.tr) return r.tr;
    var c = claims[r.to];
    var tr = document.createElement('tr');
    tr.id = 'r-' + c.claim_id;
    tr.setAttribute('data-row', r.n);
    COLUMNS.forEach(function (key) {
      var td = document.createElement('td');
      td.className = 'c-' + key + (key === 'quote' || key === 'kind' ? ' k-' + kindClass(c.kind) : '');
      if (key === 'doc') {
        td.textContent = docNames[c.doc] || '';
        td.title = td.textContent;
      } else if (key === 'role' && r.from >= 0) {
        put(td, ['from', 'to']);
      } else if (key === 'quote') {
        var a = document.createElement('a');
        a.href = '#c-' + c.claim_id;
        put(a, field(r, 'quote'), 'zh');
        td.appendChild(a);
      } else if (key === 'kind') {
        var s = document.createElement('span');
        put(s, field(r, 'kind'));
        td.appendChild(s);
      } else if (key === 'rule') {
        var v = field(r, 'rule');
        ruleCell(td, Array.isArray(v) ? v.join(' → ') : v);
      } else {
        put(td, field(r, key), key === 'subject' || key === 'time_ref' ? 'zh' : key === 'value' ? 'v' : '');
      }
      tr.appendChild(td);
    });
    return (r.tr = tr);
  }

  /* the table shows view (the rows that pass the filters, in the sort
     order), a page at a time */
  var order = rows.slice(), view = order, page = 0;
  var pager = document.getElementById('pager');
  function render() {
    var pages = Math.max(1, Math.ceil(view.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    var from = page * PAGE, to = Math.min(view.length, from + PAGE);
    var frag = document.createDocumentFragment();
    for (var k = from; k < to; k++) frag.appendChild(trOf(view[k]));
    if (!view.length) {
      var tr = document.createElement('tr');
      tr.className = 'empty-row';
      var td = document.createElement('td');
      td.colSpan = COLUMNS.length;
      td.textContent = rows.length ? 'No claim passes these filters.' : 'No claims.';
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    tbody.textContent = '';
    tbody.appendChild(frag);
    var shown = view.length < rows.length ? view.length + ' of ' + rows.length + ' rows'
      : rows.length + (rows.length === 1 ? ' row' : ' rows') + ', ' + claims.length + (claims.length === 1 ? ' claim' : ' claims');
    if (pages > 1) shown = 'rows ' + (from + 1) + '–' + to + ' of ' + view.length +
      (view.length < rows.length ? ' (' + rows.length + ' in all)' : '');
    document.getElementById('shown').textContent = shown;
    pager.hidden = pages < 2;
    document.getElementById('page-at').textContent = 'page ' + (page + 1) + ' of ' + pages;
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page >= pages - 1;
  }
  function turn(by) {
    page += by;
    render();
    wrap.scrollTop = 0;
  }
  document.getElementById('prev').addEventListener('click', function () { turn(-1); });
  document.getElementById('next').addEventListener('click', function () { turn(1); });

  /* filters */
  var selects = Array.prototype.slice.call(document.querySelectorAll('.filters select'));
  function valuesOf(key, c) {
    if (key === 'rule') return c.rule ? c.rule.split('+') : [];
    if (key === 'doc') return [c.doc];
    return [c[key] == null ? '' : c[key]];
  }
  selects.forEach(function (sel) {
    var key = sel.getAttribute('data-key');
    var counts = new Map();
    rows.forEach(function (r) {
      var seen = new Set();
      members(r).forEach(function (c) { valuesOf(key, c).forEach(function (v) { seen.add(v); }); });
      seen.forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    });
    var values = Array.from(counts.keys());
    if (key === 'doc') values.sort(function (a, b) { return a - b; });
    else values.sort();
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = String(v);
      o.textContent = (key === 'doc' ? docNames[v] : v === '' ? '(none)' : v) + ' (' + counts.get(v) + ')';
      sel.appendChild(o);
    });
    sel.addEventListener('change', function () { applyFilters(); wrap.scrollTop = 0; });
  });
  function passes(r, active) {
    return active.every(function (sel) {
      var key = sel.getAttribute('data-key');
      return members(r).some(function (c) {
        return valuesOf(key, c).some(function (v) { return String(v) === sel.value; });
      });
    });
  }
  function applyFilters() {
    var active = selects.filter(function (s) { return s.value !== ''; });
    view = active.length ? order.filter(function (r) { return passes(r, active); }) : order;
    page = 0;
    document.getElementById('clear').hidden = !active.length;
    render();
  }
  function clearFilters() {
    selects.forEach(function (s) { s.value = ''; });
    applyFilters();
  }
  document.getElementById('clear').addEventListener('click', clearFilters);

  /* sorting: a header's click sorts by it, a second click the other way */
  var sortKey = null, sortDir = 1;
  var collator = new Intl.Collator('zh', { numeric: true });
  function sortValue(r, key) {
    if (key === 'value') {
      var x = Number(claims[r.to].value);
      return Number.isNaN(x) ? '' : x;
    }
    var v = field(r, key);
    return Array.isArray(v) ? v.join(' ') : v;
  }
  document.querySelectorAll('#claims-table thead th').forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      document.querySelectorAll('#claims-table thead th').forEach(function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
      var keys = new Map();
      if (key !== 'doc') rows.forEach(function (r) { keys.set(r, sortValue(r, key)); });
      order = rows.slice().sort(function (a, b) {
        if (key === 'doc') return sortDir * (a.n - b.n);
        var x = keys.get(a), y = keys.get(b), d;
        if (x === '' || y === '') d = x === '' ? (y === '' ? 0 : 1) : -1; /* empty last */
        else d = sortDir * (typeof x === 'number' ? x - y : collator.compare(x, y));
        return d || a.n - b.n;
      });
      applyFilters();
      wrap.scrollTop = 0;
    });
  });

  /* between highlights and rows */
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
  var selected = null;
  function select(r) {
    if (selected) {
      trOf(selected).classList.remove('selected');
      [selected.to, selected.from].forEach(function (i) { if (i >= 0 && marks[i]) marks[i].classList.remove('selected'); });
    }
    selected = r;
    if (!r) return;
    trOf(r).classList.add('selected');
    [r.to, r.from].forEach(function (i) { if (i >= 0 && marks[i]) marks[i].classList.add('selected'); });
  }
  function sideBySide() { return getComputedStyle(document.getElementById('claims')).position === 'sticky'; }
  /* the page of the table that holds row r; false if the filters hide it */
  function turnTo(r) {
    var k = view.indexOf(r);
    if (k < 0) return false;
    if (Math.floor(k / PAGE) !== page) {
      page = Math.floor(k / PAGE);
      render();
    }
    return true;
  }
  /* the row in view inside the table alone, the page left where it is */
  function revealRowQuietly(r) {
    if (!sideBySide() || !turnTo(r)) return;
    var box = wrap.getBoundingClientRect(), at = r.tr.getBoundingClientRect();
    if (at.top < box.top + 36 || at.bottom > box.bottom)
      wrap.scrollTop += at.top - box.top - wrap.clientHeight / 3;
  }
  function showRow(r) {
    if (!turnTo(r)) {
      clearFilters();
      turnTo(r);
    }
    r.tr.scrollIntoView({ block: 'center' });
    select(r);
    flash(r.tr);
  }
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
  tbody.addEventListener('click', function (e) {
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
    revealRowQuietly(rowOf[i]);
  });
  document.getElementById('docs').addEventListener('keydown', function (e) {
    var m = markOf(e.target);
    if (!m || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    m.click();
  });
  document.querySelectorAll('#summary .chip').forEach(function (b) {
    b.addEventListener('click', function () {
      document.getElementById('f-kind').value = b.getAttribute('data-kind');
      applyFilters();
      wrap.scrollTop = 0;
      if (!sideBySide()) document.getElementById('claims').scrollIntoView({ block: 'start' });
    });
  });

  /* the panel of one claim: its fields, two a line; a wide one alone */
  var FIELDS = ['value', 'unit', 'kind', 'qualifier', 'lower', 'upper', 'role', 'group', 'period',
    'time_ref', 'subject*', 'rule*', 'claim_id*', 'verdict', 'corrected_value', 'review_note*'];
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
      if (wide) dd.classList.add('wide');
      dl.appendChild(dt);
      dl.appendChild(dd);
    }
    FIELDS.forEach(function (f) {
      var wide = f.slice(-1) === '*';
      var name = wide ? f.slice(0, -1) : f;
      item(name, c[name], wide);
    });
    item('where', (docNames[c.doc] || '') + ', line ' + c.line + ', column ' + c.column, true);
    panel.appendChild(dl);
    var foot = document.createElement('div');
    foot.className = 'p-foot';
    var link = document.createElement('a');
    link.href = '#r-' + claims[r.to].claim_id;
    link.textContent = 'Show in table';
    link.addEventListener('click', function (e) { e.preventDefault(); showRow(r); });
    foot.appendChild(link);
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
    place(marks[i]);
  }
  /* below the highlight, else above it; beside the table, kept within the
     documents' column where it fits */
  function place(m) {
    if (!m || panel.hidden) return;
    var rect = m.getBoundingClientRect();
    var w = panel.offsetWidth, h = panel.offsetHeight;
    var pane = document.getElementById('docs').getBoundingClientRect();
    var right = Math.min(document.documentElement.clientWidth, pane.right >= w + 16 ? pane.right : Infinity);
    var left = Math.max(8, Math.min(rect.left, right - w - 8));
    var top = rect.bottom + 8;
    if (top + h > window.innerHeight - 8 && rect.top - h - 8 > 8) top = rect.top - h - 8;
    panel.style.left = (left + window.scrollX) + 'px';
    panel.style.top = (top + window.scrollY) + 'px';
  }
  function closePanel() {
    panel.hidden = true;
    panelFor = -1;
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (panel.hidden || !t || !t.closest || panel.contains(t) || markOf(t) || t.closest('tbody')) return;
    closePanel();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) closePanel();
  });
  window.addEventListener('resize', function () { if (panelFor >= 0) place(marks[panelFor]); });

  applyFilters();
})();
