// report.test.js: the reviewers' page report.html, checked in headless
// Chromium (Debian's /usr/bin/chromium) through playwright-core.
//
//   node tests/browser/report.test.js PIPELINE      (run.sh installs what it needs)
//
// 1. The seed: the pipeline on seeds/ into a temporary folder; its
//    report.html opened from disk with the network off. Checked: no console
//    errors or page errors, no request but the file itself; a highlight for
//    every claim of claims.csv (ids c-<claim_id>); a table row for every
//    claim, the two ends of a change as one "from → to" row; the values as
//    in claims.csv; the summary's counts; a click on a row brings its
//    highlight into the viewport; a click on a highlight opens its panel,
//    whose link brings the row into view; the kind filter shows only that
//    kind's rows; sorting by value. Screenshots: build/browser/report.png (a
//    change found from its row: highlights, panel, table) and
//    build/browser/report-top.png (the page as it opens).
// 2. A long table: drawn a page at a time, highlights and rows still find
//    each other across pages.
// 3. Hostile input: a document holding <script>, </script> and an <img
//    onerror> (in its text and its file name) and an empty file that fails:
//    all shown as text, nothing runs, the failure listed in the summary.
//
// 4. Every fixture under fixtures/: loads cleanly, a highlight for every claim.
//
// Prints a line per failure and closes with "browser: N passed, N failed".
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const TOP = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(process.argv[2] || 'build/pipeline');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT = path.join(TOP, 'build', 'browser', 'report.png');
const SCREENSHOT_TOP = path.join(TOP, 'build', 'browser', 'report-top.png');
const VIEWPORT = { width: 1440, height: 900 };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  }
  return ok;
}

// RFC 4180: rows of fields; quoted fields may hold "" and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

// The pipeline: exit 0, or 1 when some document failed (expected there).
function runPipeline(inputs, out, want) {
  let status = 0, stderr = '';
  try {
    execFileSync(BIN, [...inputs, out], { cwd: TOP, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    status = e.status;
    stderr = String(e.stderr || '');
  }
  check(`pipeline ${inputs.join(' ')}`, status === want, `exit ${status}, expected ${want}: ${stderr.trim()}`);
  return fs.existsSync(path.join(out, 'report.html'));
}

// A page of the report, with its console errors, page errors, requests and dialogs.
async function open(context, file) {
  const page = await context.newPage();
  const seen = { errors: [], requests: [], dialogs: [] };
  const url = pathToFileURL(file).href;
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
  page.on('dialog', (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, seen };
}

function inViewport(box) {
  return !!box && box.width > 0 && box.height > 0 && box.y >= 0 && box.x >= 0 &&
    box.y + box.height <= VIEWPORT.height && box.x + box.width <= VIEWPORT.width;
}

function pairsOf(claims) {
  const ends = new Map();
  for (const c of claims) {
    if (!c.group || (c.role !== 'from' && c.role !== 'to')) continue;
    const key = `${c.doc} ${c.group}`;
    if (!ends.has(key)) ends.set(key, {});
    ends.get(key)[c.role] = c;
  }
  return [...ends.values()].filter((e) => e.from && e.to);
}

async function seedPage(context, tmp) {
  const out = path.join(tmp, 'seed');
  if (!runPipeline(['seeds/'], out, 0)) return check('seed report.html written', false);
  const claims = parseCsv(fs.readFileSync(path.join(out, 'claims.csv'), 'utf8'));
  const docs = parseCsv(fs.readFileSync(path.join(out, 'documents.csv'), 'utf8'));
  check('claims.csv has claims', claims.length > 0, 'no rows');
  const { page, seen } = await open(context, path.join(out, 'report.html'));

  // highlights: one per claim, ids c-<claim_id>, in order
  const markIds = await page.$$eval('mark.cl', (ms) => ms.map((m) => m.id));
  check('highlights = claims.csv rows', markIds.length === claims.length,
    `${markIds.length} highlights, ${claims.length} rows`);
  check('highlight ids are c-<claim_id>', markIds.join() === claims.map((c) => 'c-' + c.claim_id).join(),
    `first differing: ${markIds.find((id, k) => id !== 'c-' + (claims[k] || {}).claim_id)}`);
  const markText = await page.$$eval('mark.cl', (ms) => ms.map((m) => m.textContent));
  const quoteOk = claims.every((c, k) => markText[k] === c.quote);
  check('highlights show their quotes', quoteOk,
    `${claims.findIndex((c, k) => markText[k] !== c.quote)}: ${JSON.stringify(markText[claims.findIndex((c, k) => markText[k] !== c.quote)])}`);

  // table: one row a claim, a change's two ends one row
  const pairs = pairsOf(claims);
  const rows = await page.$$eval('#claims-table tbody tr[data-row]', (trs) => trs.map((tr) => ({
    id: tr.id, hidden: tr.hidden,
    cells: [...tr.cells].map((td) => td.textContent),
  })));
  check('table rows = claims less one per change', rows.length === claims.length - pairs.length,
    `${rows.length} rows, ${claims.length} claims, ${pairs.length} changes`);
  check('seed has a change (from → to)', pairs.length > 0, 'none in seeds/');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const COL = { doc: 0, quote: 1, value: 2, unit: 3, kind: 4, qualifier: 5, role: 6, subject: 7, time_ref: 8, rule: 9 };
  for (const p of pairs) {
    const r = byId.get('r-' + p.to.claim_id);
    check(`change ${p.from.quote} → ${p.to.quote} is one row`,
      !!r && r.cells[COL.value] === `${p.from.value}→${p.to.value}` && r.cells[COL.role] === 'from→to' &&
      !byId.has('r-' + p.from.claim_id), r ? JSON.stringify(r.cells) : 'no row');
  }
  const single = claims.filter((c) => !pairs.some((p) => p.from === c || p.to === c));
  const bad = single.find((c) => {
    const r = byId.get('r-' + c.claim_id);
    return !r || r.cells[COL.value] !== c.value || r.cells[COL.kind] !== c.kind || r.cells[COL.unit] !== c.unit ||
      r.cells[COL.quote] !== c.quote || r.cells[COL.rule] !== c.rule || r.cells[COL.subject] !== c.subject;
  });
  check('rows as in claims.csv (quote, value, unit, kind, subject, rule)', !bad,
    bad && `${bad.claim_id}: ${JSON.stringify((byId.get('r-' + bad.claim_id) || {}).cells)}`);

  // summary
  const summary = await page.textContent('#summary');
  const kinds = new Map();
  for (const c of claims) kinds.set(c.kind, (kinds.get(c.kind) || 0) + 1);
  const chips = await page.$$eval('#summary .chip', (bs) => bs.map((b) => [b.dataset.kind, b.querySelector('b').textContent]));
  const chipCounts = new Map(chips.map(([k, n]) => [k, Number(n)]));
  check('summary: claims by kind', chipCounts.size === kinds.size &&
    [...kinds].every(([k, n]) => chipCounts.get(k) === n), JSON.stringify(chips));
  const big = await page.$$eval('#summary .big', (ds) => ds.map((d) => d.textContent));
  check('summary: documents and claims', big[0] === String(docs.length) && big[1] === String(claims.length),
    JSON.stringify(big));
  check('summary: every document read', /every document was read in full/.test(summary), summary);
  // written after the documents, it is shown above them, and names the page
  const order = await page.evaluate(() => {
    const s = document.getElementById('summary'), d = document.getElementById('docs');
    return [s.previousElementSibling && s.previousElementSibling.matches('header.top'),
      Boolean(s.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING)];
  });
  check('summary: right under the header, before the documents', order[0] && order[1], JSON.stringify(order));
  const title = await page.title();
  const want = `Claims audit: ${docs.length} ${docs.length === 1 ? 'document' : 'documents'}, ` +
    `${claims.length} ${claims.length === 1 ? 'claim' : 'claims'}`;
  check('title: documents and claims', title === want, title);

  // the screenshots: the page as it opens, then a change found from its row
  // (highlights, the panel, the selected row), once the flash has faded
  await page.screenshot({ path: SCREENSHOT_TOP });
  if (pairs.length) {
    await page.click('#r-' + pairs[0].to.claim_id + ' td.c-subject');
    await page.waitForTimeout(2000);
  }
  await page.screenshot({ path: SCREENSHOT });
  await page.keyboard.press('Escape');

  // a row far from view brings its highlight into the viewport
  await page.evaluate(() => window.scrollTo(0, 0));
  const last = claims[claims.length - 1];
  const lastRow = byId.has('r-' + last.claim_id) ? last : claims[claims.length - 2];
  const before = await page.locator('#c-' + lastRow.claim_id).boundingBox();
  await page.click('#r-' + lastRow.claim_id + ' td.c-subject');
  const after = await page.locator('#c-' + lastRow.claim_id).boundingBox();
  check('row click: highlight was out of view before', !inViewport(before), JSON.stringify(before));
  check('row click: highlight in the viewport', inViewport(after), JSON.stringify(after));
  const flashing = await page.$eval('#c-' + lastRow.claim_id, (m) => m.classList.contains('flash'));
  check('row click: highlight flashes', flashing);

  // a row in the middle too, after scrolling the page back
  const mid = single[Math.floor(single.length / 2)];
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#r-' + mid.claim_id + ' td.c-value');
  check('row click (middle row): highlight in the viewport', inViewport(await page.locator('#c-' + mid.claim_id).boundingBox()));

  // a highlight opens its panel; the panel's link brings the row into view
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, 0));
  const first = claims[0];
  await page.click('#c-' + first.claim_id);
  const panel = await page.locator('#panel');
  const panelText = (await panel.isVisible()) ? await panel.textContent() : '';
  check('highlight click opens its panel', panelText.includes(first.claim_id) && panelText.includes(first.value) &&
    panelText.includes(first.rule), panelText.slice(0, 200));
  for (const f of ['value', 'unit', 'qualifier', 'lower', 'upper', 'role', 'group', 'subject', 'time_ref', 'period', 'rule', 'claim_id'])
    if (!panelText.includes(f)) check(`panel shows ${f}`, false, panelText.slice(0, 200));
  check('panel inside the viewport', inViewport(await panel.boundingBox()), JSON.stringify(await panel.boundingBox()));
  // the row of a claim far down the table, from its highlight
  const far = single[single.length - 1];
  await page.keyboard.press('Escape');
  await page.locator('#c-' + far.claim_id).scrollIntoViewIfNeeded();
  await page.click('#c-' + far.claim_id);
  await page.click('#panel .p-foot a:first-child');
  const rowBox = await page.locator('#r-' + far.claim_id).boundingBox();
  const wrapBox = await page.locator('#table-wrap').boundingBox();
  check('highlight → row: row in view', inViewport(rowBox) && rowBox.y >= wrapBox.y &&
    rowBox.y + rowBox.height <= wrapBox.y + wrapBox.height, JSON.stringify({ rowBox, wrapBox }));
  const selected = await page.$eval('#r-' + far.claim_id, (tr) => tr.classList.contains('selected'));
  check('highlight → row: row selected', selected);
  await page.keyboard.press('Escape');
  check('Escape closes the panel', await page.locator('#panel').isHidden());

  // filter by kind: only that kind's rows
  for (const [kind, n] of kinds) {
    await page.selectOption('#f-kind', kind);
    const shown = await page.$$eval('#claims-table tbody tr[data-row]:not([hidden])', (trs) => trs.map((tr) => tr.cells[4].textContent));
    const want = n - pairs.filter((p) => p.to.kind === kind || p.from.kind === kind).length;
    check(`filter kind=${kind}`, shown.length === want && shown.every((k) => k.split('→').includes(kind)),
      `${shown.length} rows shown (want ${want}): ${[...new Set(shown)].join(', ')}`);
  }
  await page.selectOption('#f-kind', '');
  const all = await page.locator('#claims-table tbody tr[data-row]:not([hidden])').count();
  check('filter cleared: every row', all === rows.length, `${all} of ${rows.length}`);

  // the other filters narrow the rows too
  for (const [sel, key] of [['#f-unit', 'unit'], ['#f-qualifier', 'qualifier'], ['#f-doc', 'doc']]) {
    const options = await page.$$eval(sel + ' option', (os) => os.map((o) => o.value).filter((v) => v !== ''));
    if (!check(`${sel} has options`, options.length > 0)) continue;
    await page.selectOption(sel, options[0]);
    const n = await page.locator('#claims-table tbody tr[data-row]:not([hidden])').count();
    const want = key === 'doc' ? rows.length
      : single.filter((c) => c[key] === options[0]).length +
        pairs.filter((p) => p.from[key] === options[0] || p.to[key] === options[0]).length;
    check(`filter ${key}=${options[0]}`, n === want, `${n} rows, want ${want}`);
    await page.selectOption(sel, '');
  }

  // sort by value, both ways
  await page.click('#claims-table th.c-value button');
  const asc = await page.$$eval('#claims-table tbody tr[data-row]', (trs) => trs.map((tr) => tr.cells[2].textContent.split('→').pop()));
  const ascOk = asc.every((v, k) => k === 0 || Number(asc[k - 1]) <= Number(v));
  check('sort by value ascending', ascOk, asc.join(' '));
  await page.click('#claims-table th.c-value button');
  const desc = await page.$$eval('#claims-table tbody tr[data-row]', (trs) => trs.map((tr) => tr.cells[2].textContent.split('→').pop()));
  check('sort by value descending', desc.every((v, k) => k === 0 || Number(desc[k - 1]) >= Number(v)), desc.join(' '));

  check('seed page: no console errors', seen.errors.length === 0, seen.errors.join(' | '));
  check('seed page: no network requests', seen.requests.length === 0, seen.requests.join(' '));
  check('seed page: no dialogs', seen.dialogs.length === 0, seen.dialogs.join(' | '));
  await page.close();
}

async function hostilePage(context, tmp) {
  const input = path.join(tmp, 'hostile');
  fs.mkdirSync(input);
  const name = '<img src=x onerror=alert(4)>.txt';
  const text = [
    '安全测试<script>alert(1)</script>',
    '',
    '累计回引x</script><script>window.__pwned=1</script>企业家325名。',
    '<img src=x onerror="window.__pwned=2">新建公园12个，投资1.5亿元&amp;。',
    '<!--<script>window.__pwned=3</script>占比从2022年16.4%提升至21.65%。',
    '累计回引</script/a>企业家326名。', // a subject of the table's data that would end its <script>
    '',
  ].join('\n');
  fs.writeFileSync(path.join(input, name), text);
  fs.writeFileSync(path.join(input, 'empty.txt'), '');
  const out = path.join(tmp, 'hostile-out');
  if (!runPipeline([input], out, 1)) return check('hostile report.html written', false);
  const claims = parseCsv(fs.readFileSync(path.join(out, 'claims.csv'), 'utf8'));
  const { page, seen } = await open(context, path.join(out, 'report.html'));
  await page.waitForTimeout(200);
  const shown = await page.textContent('section.doc .text');
  check('<script> in a document shown as text', shown.includes('安全测试<script>alert(1)</script>') &&
    shown.includes('x</script><script>window.__pwned=1</script>企业家') &&
    shown.includes('<img src=x onerror="window.__pwned=2">') && shown.includes('&amp;'), shown);
  check('file name shown as text', (await page.textContent('section.doc h2')) === name);
  const state = await page.evaluate(() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.scripts.length,
    imgs: document.images.length,
  }));
  check('nothing from the document runs', state.pwned === null && seen.dialogs.length === 0,
    JSON.stringify(state) + ' ' + seen.dialogs.join(' | '));
  // the page's own scripts: the claims' field names, this document's claims, the page's code
  check('no element from the document', state.scripts === 3 && state.imgs === 0, JSON.stringify(state));
  const subjects = await page.$$eval('#claims-table tbody tr[data-row]', (trs) => trs.map((tr) => tr.cells[7].textContent));
  const tricky = claims.filter((c) => c.subject.includes('</script')).map((c) => c.subject);
  check('the pipeline gives a subject holding </script', tricky.length > 0, 'none: the next check tests nothing');
  check('</script in the table data read back as text', tricky.every((t) => subjects.includes(t)),
    `${tricky.join(' | ')} not among ${subjects.join(' | ')}`);
  check('hostile page: table built', subjects.length > 0 && (await page.locator('mark.cl').count()) === claims.length);
  const problems = await page.textContent('#summary .problems');
  check('summary lists the failed document and why', problems.includes('empty.txt') &&
    problems.includes('failed') && problems.includes('empty file'), problems);
  check('hostile page: no console errors', seen.errors.length === 0, seen.errors.join(' | '));
  check('hostile page: no network requests', seen.requests.length === 0, seen.requests.join(' '));
  await page.close();
}

// A long table is drawn a page at a time: a highlight whose row is on a
// later page brings that page up; a row there still finds its highlight.
async function longPage(context, tmp) {
  const input = path.join(tmp, 'long');
  fs.mkdirSync(input);
  const seed = fs.readdirSync(path.join(TOP, 'seeds')).filter((f) => !f.startsWith('.'))[0];
  fs.writeFileSync(path.join(input, 'long.txt'), fs.readFileSync(path.join(TOP, 'seeds', seed), 'utf8').repeat(8));
  const out = path.join(tmp, 'long-out');
  if (!runPipeline([input], out, 0)) return check('long report.html written', false);
  const claims = parseCsv(fs.readFileSync(path.join(out, 'claims.csv'), 'utf8'));
  const { page, seen } = await open(context, path.join(out, 'report.html'));
  const drawn = await page.locator('#claims-table tbody tr[data-row]').count();
  const rowsInAll = claims.length - pairsOf(claims).length;
  check('long table: drawn a page at a time', drawn > 0 && drawn < rowsInAll && await page.locator('#pager').isVisible(),
    `${drawn} rows drawn of ${rowsInAll}`);
  check('long table: every highlight there', (await page.locator('mark.cl').count()) === claims.length);
  const last = claims[claims.length - 1];
  await page.locator('#c-' + last.claim_id).scrollIntoViewIfNeeded();
  await page.click('#c-' + last.claim_id);
  await page.click('#panel .p-foot a:first-child');
  const pair = pairsOf(claims).find((p) => p.from === last);
  const rowBox = await page.locator('#r-' + (pair ? pair.to : last).claim_id).boundingBox();
  check('long table: a highlight finds its row on a later page', inViewport(rowBox), JSON.stringify(rowBox));
  await page.keyboard.press('Escape');
  await page.click('#next').catch(() => {});
  await page.click('#prev');
  const first = await page.$eval('#claims-table tbody tr[data-row]', (tr) => tr.id);
  check('long table: previous page', first === 'r-' + claims[0].claim_id, first);
  await page.click('#r-' + claims[0].claim_id + ' td.c-value');
  check('long table: row click finds its highlight', inViewport(await page.locator('#c-' + claims[0].claim_id).boundingBox()));
  check('long page: no console errors', seen.errors.length === 0, seen.errors.join(' | '));
  check('long page: no network requests', seen.requests.length === 0, seen.requests.join(' '));
  await page.close();
}

// Every fixture (plain text, pages, feeds, archives, encodings, failures):
// the page loads cleanly and has a highlight for every claim.
async function fixturePages(context, tmp) {
  const dir = path.join(TOP, 'fixtures');
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir).sort()) {
    const input = path.join(dir, name, 'input');
    if (!fs.existsSync(input)) continue;
    const out = path.join(tmp, 'fixture-' + name);
    let status = 0;
    try {
      execFileSync(BIN, [input, out], { cwd: TOP, stdio: 'ignore' });
    } catch (e) {
      status = e.status;
    }
    const file = path.join(out, 'report.html');
    if (!check(`fixture ${name}: report.html written`, (status === 0 || status === 1) && fs.existsSync(file), `exit ${status}`))
      continue;
    const claims = parseCsv(fs.readFileSync(path.join(out, 'claims.csv'), 'utf8'));
    const { page, seen } = await open(context, file);
    const marks = await page.$$eval('mark.cl', (ms) => ms.map((m) => m.id));
    check(`fixture ${name}: a highlight for every claim`, marks.join() === claims.map((c) => 'c-' + c.claim_id).join(),
      `${marks.length} highlights, ${claims.length} claims`);
    const rows = await page.locator('#claims-table tbody tr[data-row]').count();
    check(`fixture ${name}: table rows`, rows === Math.min(claims.length - pairsOf(claims).length, 300), `${rows} rows`);
    check(`fixture ${name}: no console errors, no requests`, !seen.errors.length && !seen.requests.length,
      [...seen.errors, ...seen.requests].join(' | '));
    await page.close();
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-'));
  let context = null;
  try {
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    fs.rmSync(SCREENSHOT, { force: true });
    fs.rmSync(SCREENSHOT_TOP, { force: true });
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: VIEWPORT,
      offline: true,
      timeout: 60000,
    });
    context.setDefaultTimeout(15000);
    await seedPage(context, tmp);
    await longPage(context, tmp);
    await hostilePage(context, tmp);
    await fixturePages(context, tmp);
  } catch (e) {
    check('browser run', false, (e && e.stack) || String(e));
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (fs.existsSync(SCREENSHOT_TOP)) console.log(`screenshot (as opened): ${path.relative(TOP, SCREENSHOT_TOP)}`);
  if (fs.existsSync(SCREENSHOT)) console.log(`screenshot: ${path.relative(TOP, SCREENSHOT)}`);
  else check('screenshot saved', false, SCREENSHOT);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
