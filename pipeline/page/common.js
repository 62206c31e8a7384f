/* common.js: what the site's pages share (window.Audit): the reviews kept
   in the browser, numbers for reading, the reviews' CSV, and a table drawn
   virtually (only the rows in view exist, so that any number of rows opens
   at once and none is lost past the browser's height limit). */
(function () {
  'use strict';

  /* ---------------------------------------------------------- reviews */

  /* The site's folder (report/) as a URL: the same from the entry page
     and from every document's page, so that reviews are kept per site. */
  function siteUrl() {
    var page = document.body.classList.contains('doc-page') ? '../' : 'report/';
    return new URL(page, window.location.href).href;
  }
  var PREFIX = 'pipeline.review ' + siteUrl() + ' ';
  var VERDICTS = ['ok', 'wrong', 'unsure'];

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; /* storage turned off: reviews last as long as the page */
    }
  }
  var memory = new Map();

  /* The review given on the page to a claim: {verdict, corrected_value,
     note, page}, verdict '' when it was cleared; null if none was given. */
  function getReview(id) {
    var s = storage();
    var text = s ? s.getItem(PREFIX + id) : memory.get(id);
    if (text == null) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }
  function setReview(id, review) {
    var text = JSON.stringify(review);
    var s = storage();
    if (s) {
      try {
        s.setItem(PREFIX + id, text);
        return true;
      } catch (e) {
        memory.set(id, text);
        return false;
      }
    }
    memory.set(id, text);
    return true;
  }
  /* Every review given on the page for this site: [[id, review], ...]. */
  function allReviews() {
    var out = [], s = storage();
    if (s) {
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(PREFIX) === 0) {
          var r = getReview(k.slice(PREFIX.length));
          if (r) out.push([k.slice(PREFIX.length), r]);
        }
      }
    }
    memory.forEach(function (text, id) { out.push([id, JSON.parse(text)]); });
    return out;
  }
  /* A corrected value as the next run takes it: a plain decimal. */
  function plainDecimal(s) {
    return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(s);
  }

  /* The reviews CSV the next run takes (--reviews): claim_id, verdict,
     corrected_value, note, and the claim's doc, line, quote and value (by
     which the next run finds a claim whose id changed); runReviews ([id,
     page, verdict, corrected, note, line, quote, value]) are those the run
     applied, replaced by the page's own. */
  function csvField(v) {
    v = v == null ? '' : String(v);
    return /[",\r\n]/.test(v) || /^[=+\-@\t\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function reviewsCsv(runReviews, pageDoc) {
    var byId = new Map();
    runReviews.forEach(function (r) {
      byId.set(r[0], { verdict: r[2], corrected_value: r[3], note: r[4], page: r[1],
                       line: r[5], quote: r[6], value: r[7] });
    });
    allReviews().forEach(function (e) { byId.set(e[0], e[1]); });
    var ids = Array.from(byId.keys()).sort();
    var lines = ['claim_id,verdict,corrected_value,note,doc,line,quote,value'];
    ids.forEach(function (id) {
      var r = byId.get(id);
      if (!r.verdict) return; /* cleared on the page */
      lines.push([id, r.verdict, r.corrected_value || '', r.note || '', pageDoc ? pageDoc(r.page) : r.page,
                  r.line || '', r.quote || '', r.value == null ? '' : r.value]
        .map(csvField).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }
  function download(name, text) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  /* ---------------------------------------------------------- numbers */

  /* A plain decimal with its digits grouped by three: 1234567.5 →
     1,234,567.5 (the text is kept: no digit is lost to a double). */
  function grouped(s) {
    s = s == null ? '' : String(s);
    var m = /^(-?)([0-9]+)(\.[0-9]+)?$/.exec(s);
    if (!m) return s;
    return m[1] + m[2].replace(/\B(?=([0-9]{3})+$)/g, ',') + (m[3] || '');
  }
  function plural(n, one, many) {
    return grouped(String(n)) + ' ' + (n === 1 ? one : many);
  }

  /* ---------------------------------------------------------- the table */

  /* A table of rows drawn virtually in wrap: columns [{key, label, cls}],
     draw(tr, row) fills a row's cells, rows set by setRows(list). Rows
     have one height; past MAX_PX the scroll bar stands for the rows in
     proportion, so that the last row is always reached. */
  var ROW_PX = 30, MAX_PX = 4000000;
  function VirtualTable(wrap, columns, draw, onSort) {
    var self = this;
    this.wrap = wrap;
    this.columns = columns;
    this.draw = draw;
    this.rows = [];
    this.first = 0;
    var box = document.createElement('div');
    box.className = 'vt';
    var table = document.createElement('table');
    table.className = 'vt-table';
    var colgroup = document.createElement('colgroup');
    var thead = document.createElement('thead');
    var tr = document.createElement('tr');
    columns.forEach(function (c) {
      var col = document.createElement('col');
      col.className = 'c-' + c.key;
      colgroup.appendChild(col);
      var th = document.createElement('th');
      th.className = 'c-' + c.key;
      th.setAttribute('data-key', c.key);
      th.scope = 'col';
      if (onSort) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = c.label;
        b.addEventListener('click', function () { onSort(c.key, th); });
        th.appendChild(b);
      } else {
        th.textContent = c.label;
      }
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(colgroup);
    table.appendChild(thead);
    this.tbody = document.createElement('tbody');
    table.appendChild(this.tbody);
    box.appendChild(table);
    this.spacer = document.createElement('div');
    this.spacer.className = 'vt-spacer';
    wrap.textContent = '';
    wrap.appendChild(box);
    wrap.appendChild(this.spacer);
    this.box = box;
    this.table = table;
    this.thead = thead;
    var pending = false;
    wrap.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; self.render(); });
    });
    window.addEventListener('resize', function () { self.render(); });
  }
  VirtualTable.prototype.rowsInView = function () {
    return Math.max(1, Math.floor((this.wrap.clientHeight - this.thead.offsetHeight) / ROW_PX));
  };
  /* the scroll range: the rows' height past the view, at most MAX_PX */
  VirtualTable.prototype.range = function () {
    var full = Math.max(0, this.rows.length - this.rowsInView()) * ROW_PX;
    return { full: full, shown: Math.min(full, MAX_PX) };
  };
  VirtualTable.prototype.setRows = function (rows) {
    this.rows = rows;
    this.wrap.scrollTop = 0;
    this.render();
  };
  VirtualTable.prototype.render = function () {
    var r = this.range(), n = this.rows.length;
    this.box.style.height = this.wrap.clientHeight + 'px';
    this.spacer.style.height = r.shown + 'px';
    var at = r.shown ? Math.min(this.wrap.scrollTop, r.shown) * r.full / r.shown : 0;
    var first = Math.min(Math.floor(at / ROW_PX), Math.max(0, n - 1));
    var count = Math.min(n - first, this.rowsInView() + 2);
    var frag = document.createDocumentFragment();
    for (var k = 0; k < count; k++) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-at', first + k);
      this.draw(tr, this.rows[first + k], first + k);
      frag.appendChild(tr);
    }
    if (!n) {
      var empty = document.createElement('tr');
      empty.className = 'empty-row';
      var td = document.createElement('td');
      td.colSpan = this.columns.length;
      td.textContent = this.emptyText || 'Nothing to show.';
      empty.appendChild(td);
      frag.appendChild(empty);
    }
    this.tbody.textContent = '';
    this.tbody.appendChild(frag);
    this.tbody.style.transform = 'translateY(' + -(at - first * ROW_PX) + 'px)';
    this.first = first;
  };
  /* Scroll so that row k is in view (a third from the top); its element. */
  VirtualTable.prototype.reveal = function (k) {
    var r = this.range();
    var at = Math.max(0, Math.min(r.full, (k - Math.floor(this.rowsInView() / 3)) * ROW_PX));
    this.wrap.scrollTop = r.full ? at * r.shown / r.full : 0;
    this.render();
    return this.tbody.querySelector('tr[data-at="' + k + '"]');
  };
  /* The element of row k if it is drawn now. */
  VirtualTable.prototype.element = function (k) {
    return this.tbody.querySelector('tr[data-at="' + k + '"]');
  };

  /* A cell: text only, never markup; the full text as its title, since a
     row is one line high. */
  function cell(tr, key, text, cls) {
    var td = document.createElement('td');
    td.className = 'c-' + key + (cls ? ' ' + cls : '');
    td.textContent = text == null ? '' : String(text);
    if (td.textContent.length > 8) td.title = td.textContent;
    tr.appendChild(td);
    return td;
  }

  /* A new element in parent: tag with the properties props (id,
     className, type, textContent, …); attributes by attrs. */
  function add(parent, tag, props, attrs) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { el[k] = props[k]; });
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    parent.appendChild(el);
    return el;
  }
  /* The search box of a table's filters. */
  function searchBox(parent, what) {
    return add(parent, 'input', { type: 'search', id: 'search', placeholder: what }, { 'aria-label': what });
  }

  /* The loading sign goes when the page is drawn. */
  function loaded() {
    var l = document.getElementById('loading');
    if (l) l.hidden = true;
    document.body.classList.add('ready');
  }

  window.Audit = {
    VERDICTS: VERDICTS,
    getReview: getReview,
    setReview: setReview,
    allReviews: allReviews,
    plainDecimal: plainDecimal,
    reviewsCsv: reviewsCsv,
    download: download,
    grouped: grouped,
    plural: plural,
    VirtualTable: VirtualTable,
    cell: cell,
    add: add,
    searchBox: searchBox,
    loaded: loaded,
    ROW_PX: ROW_PX
  };
})();
