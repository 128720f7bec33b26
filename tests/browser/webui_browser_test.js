#!/usr/bin/env node
// Browser test of the web UI of `sitrep serve` (tests/browser/CMakeLists.txt registers it).
//
//   node webui_browser_test.js --sitrep BIN --examples DIR --out DIR [--ui DIR]
//   node webui_browser_test.js --base URL [--hostile-base URL] --out DIR   (servers already running)
//
// Builds a corpus from the example corpus (`sitrep add DIR --db X.db`), starts
// `sitrep serve --db X.db --port 0` on 127.0.0.1, and drives headless
// Chromium through chromedriver's WebDriver HTTP API (no npm packages):
//   - the overview draws events, a timeline, a map with country outlines and places;
//     the map zooms;
//   - a search lists documents with marked hits; a filter (independent sources >= 2)
//     narrows the events and every row obeys it;
//   - an event shows its evidence with the deciding words marked; its evidence link opens
//     the document with the sentence highlighted and mentions marked; a copy's compare
//     view shows both documents with shared passages marked; the copy graph draws
//     nodes and edges and one of its pairs shows changed facts;
//   - the browser console has no warnings or errors, nothing is fetched from another
//     origin; screenshots go to --out.
// Then a hostile corpus (script tags, event-handler attributes, javascript: links): every
// view of it opens, no article script runs, no alert opens, the text shows as text.
// Exit codes: 0 pass, 1 fail, 77 skipped (node too old, chromium or chromedriver absent).
// --ui DIR (src/serve/ui) adds the check of the UI's source.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { Driver, startChromedriver, decodePng, colours, which, writeHostileCorpus } = require('./report_browser_test.js');

const SKIP = 77;
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-webui-'));
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
  return ok;
}
function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- The server: `sitrep add` into a new corpus, then `sitrep serve --port 0` ------------
function startServer(inputs, name) {
  const db = path.join(outDir, name + '.db');
  for (const f of [db, db + '-wal', db + '-shm']) fs.rmSync(f, { force: true });
  const r = spawnSync(args.sitrep, ['add', ...inputs, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`sitrep add failed (${r.status}): ${r.stderr}`);
  const proc = spawn(args.sitrep, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`server did not say its port: ${seen}`)); }, 30000);
    proc.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      const m = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(seen);
      if (m && Number(m[1]) > 0) {
        clearTimeout(timer);
        resolve({ proc, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.stderr.on('data', (chunk) => { seen += chunk.toString(); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${seen}`)); });
  });
}

// ---- Page helpers -----------------------------------------------------------------------
async function waitView(d, view, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await d.run(`return [document.documentElement.getAttribute('data-ready'), document.documentElement.getAttribute('data-view')]`);
    if (s[0] === '1' && (!view || s[1] === view)) return s[1];
    if (s[0] === '1' && s[1] === 'error') {
      const msg = await d.run(`const e = document.querySelector('.error'); return e ? e.textContent : ''`);
      throw new Error(`view ${view} failed: ${msg}`);
    }
    if (Date.now() > end) throw new Error(`timed out waiting for view ${view} (at ${s})`);
    await sleep(100);
  }
}
async function open(d, url, view) {
  await d.go(url);
  return waitView(d, view);
}
async function navigate(d, hash, view) {  // same page, new route
  await d.run(`if (location.hash === arguments[0]) return;  // no hashchange: already there
    document.documentElement.setAttribute('data-ready', '0'); location.hash = arguments[0];`, hash);
  return waitView(d, view);
}
async function clickAndWait(d, selector, view) {
  const ok = await d.run(`const e = document.querySelector(arguments[0]); if (!e) return false;
    document.documentElement.setAttribute('data-ready', '0'); e.click(); return true;`, selector);
  if (!ok) throw new Error(`nothing to click: ${selector}`);
  return waitView(d, view);
}
const COUNT = `const count = (sel) => document.querySelectorAll(sel).length;`;

async function consoleClean(d, where) {
  const logs = await d.logs();
  const bad = logs.filter((l) => l.level === 'SEVERE' || l.level === 'WARNING');
  check(bad.length === 0, `${where}: no console warnings or errors${bad.length ? ': ' + JSON.stringify(bad) : ''}`);
}

async function shot(d, name, selector) {
  if (selector) await d.run(`const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView();`, selector);
  const png = decodePng(await d.screenshot(path.join(outDir, name), selector));
  return png;
}

// ---- The example corpus -----------------------------------------------------------------
async function checkExamples(d, base) {
  await open(d, base + '/#/', 'overview');
  await waitFor(d, `return document.querySelectorAll('.map path.country').length > 0 || document.querySelector('.view-overview .error') !== null`);
  const s = await d.run(`${COUNT} return {
      events: count('table.events tr.event-row'), timeline: count('.timeline-chart .tl-item'),
      timelineList: count('ol.timeline-list li'), countries: count('.map path.country'), places: count('.map circle.place'),
      status: document.getElementById('status').textContent, scripts: count('script'),
      map: (() => { const r = document.querySelector('svg.map'); return r ? [r.getBoundingClientRect().width, r.getBoundingClientRect().height] : [0, 0]; })() };`);
  console.log('# overview ' + JSON.stringify(s));
  check(s.events > 0, `the overview lists events (${s.events})`);
  check(s.timeline > 0 && s.timeline <= s.timelineList, `the timeline draws entries (${s.timeline} of ${s.timelineList})`);
  check(s.countries > 50, `the map draws country outlines (${s.countries})`);
  check(s.places > 0, `the map draws places (${s.places})`);
  check(s.map[0] > 300 && s.map[1] > 150, 'the map has a size');
  check(/\d+ documents/.test(s.status), `the status line reads the server (${s.status})`);
  check(s.scripts === 1, 'exactly one script element');
  const page = await shot(d, 'webui-overview.png');
  check(colours(page) >= 6, `overview screenshot is a picture (${colours(page)} colours)`);
  const map = await shot(d, 'webui-map.png', 'svg.map');
  check(colours(map, 0.0001) >= 3, `map screenshot is drawn (${colours(map, 0.0001)} colours)`);
  const zoom = await d.run(`const svg = document.querySelector('svg.map'); const before = svg.getAttribute('viewBox');
    document.querySelector('.map-controls .zoom-in').click(); document.querySelector('.map-controls .zoom-in').click();
    return [before, svg.getAttribute('viewBox'), Number(svg.getAttribute('data-zoom'))];`);
  check(zoom[0] !== zoom[1] && zoom[2] > 2, `the map zooms in (${zoom[2]}x)`);
  const pan = await d.run(`const svg = document.querySelector('svg.map'); const r = svg.getBoundingClientRect();
    const before = svg.getAttribute('viewBox'); const at = (type, x) => svg.dispatchEvent(new PointerEvent(type,
      { bubbles: true, button: 0, pointerId: 1, clientX: r.left + x, clientY: r.top + 100 }));
    at('pointerdown', 200); at('pointermove', 260); at('pointermove', 320); at('pointerup', 320);
    return before !== svg.getAttribute('viewBox');`);
  check(pan, 'the map pans when dragged');
  await consoleClean(d, 'overview');

  // Search
  const word = await d.run(`const a = document.querySelector('table.events a.event-link');
    const w = (a ? a.textContent : '').split(/[^A-Za-z]+/).filter((x) => x.length >= 6); return w[0] || 'Mosul';`);
  await d.run(`document.getElementById('q').value = arguments[0]; document.documentElement.setAttribute('data-ready', '0');
    document.querySelector('form.filters').requestSubmit();`, word);
  await waitView(d, 'overview');
  const found = await d.run(`${COUNT} return { results: count('ol.results li'), marks: count('ol.results .snippet mark'),
    hash: location.hash, events: count('table.events tr.event-row') };`);
  console.log('# search ' + JSON.stringify(found));
  check(found.hash.includes('q=' + encodeURIComponent(word)), `the search is in the route (${found.hash})`);
  check(found.results > 0 && found.marks > 0, `searching "${word}" lists documents with marked hits (${found.results}, ${found.marks} marks)`);
  await shot(d, 'webui-search.png');

  // Filter: independent sources >= 2
  await navigate(d, '#/', 'overview');
  const all = await d.run(`return document.querySelectorAll('table.events tr.event-row').length`);
  await d.run(`document.querySelector('input[name=min_sources]').value = '2'; document.documentElement.setAttribute('data-ready', '0');
    document.querySelector('form.filters').requestSubmit();`);
  await waitView(d, 'overview');
  const filtered = await d.run(`return [...document.querySelectorAll('table.events tr.event-row .indep')].map((e) => Number(e.textContent));`);
  console.log(`# filter: ${all} events, ${filtered.length} with >= 2 independent sources`);
  check(filtered.length > 0 && filtered.length <= all, `the filter keeps some events (${filtered.length} of ${all})`);
  check(filtered.every((n) => n >= 2), 'every filtered event has >= 2 independent sources');
  check(await d.run(`return document.querySelector('input[name=min_sources]').value === '2'`), 'the form shows the active filter');

  // Filter: an event type (the timeline follows the events listed)
  await navigate(d, '#/', 'overview');
  const before = await d.run(`return document.querySelectorAll('ol.timeline-list li').length`);
  const type = await d.run(`const sel = document.querySelector('select[name=type]');
    const opts = [...sel.options].map((o) => o.value).filter(Boolean); if (!opts.length) return null;
    sel.value = opts[opts.length - 1]; document.documentElement.setAttribute('data-ready', '0');
    document.querySelector('form.filters').requestSubmit(); return sel.value;`);
  check(type !== null, `the type filter offers the event types (${type})`);
  if (type !== null) {
    await waitView(d, 'overview');
    const t = await d.run(`return { types: [...document.querySelectorAll('table.events tr.event-row td:nth-child(2)')].map((td) => td.firstChild.textContent),
      timeline: document.querySelectorAll('ol.timeline-list li').length, ignored: document.querySelectorAll('.ignored').length };`);
    console.log(`# type ${type}: ${JSON.stringify(t)} (timeline before ${before})`);
    check(t.types.length > 0 && t.types.every((x) => x === type), `every listed event has type ${type}`);
    check(t.timeline < before, `the timeline narrows with the type (${t.timeline} of ${before})`);
    check(t.ignored === 0, 'every filter was applied');
    await navigate(d, '#/?min_sources=2', 'overview');
  }

  // An event with evidence from a copy
  const links = await d.run(`return [...document.querySelectorAll('table.events a.event-link')].map((a) => a.getAttribute('href'));`);
  let eventHash = null;
  for (const href of links) {
    await navigate(d, href, 'event');
    if (await d.run(`return document.querySelector('ol.evidence .compare-link') !== null`)) {
      eventHash = href;
      break;
    }
  }
  check(eventHash !== null, `an event has evidence from a copy (${eventHash})`);
  if (!eventHash) eventHash = links[0];
  await navigate(d, eventHash, 'event');
  const ev = await d.run(`${COUNT} return { items: count('ol.evidence li'), words: count('ol.evidence mark[class^=w-]'),
    first: document.querySelector('ol.evidence blockquote').textContent,
    title: document.querySelector('h2.event-title').textContent };`);
  console.log('# event ' + JSON.stringify(ev));
  check(ev.items > 0 && ev.words > 0, `the event shows evidence with marked words (${ev.items}, ${ev.words})`);
  await shot(d, 'webui-event.png');
  await consoleClean(d, 'event');

  // Follow the evidence to the document
  await clickAndWait(d, 'ol.evidence a.evidence-link', 'doc');
  const doc = await d.run(`${COUNT} return { blocks: count('.blocks .blk'), focus: count('.blk.focus'), hl: count('mark.hl-ev'),
    mentions: count('mark.m'), times: count('.blocks mark.t'), hash: location.hash,
    hlText: [...document.querySelectorAll('mark.hl-ev')].map((m) => m.textContent).join('') };`);
  console.log('# document ' + JSON.stringify(doc));
  check(doc.blocks > 0, `the document shows its blocks (${doc.blocks})`);
  check(doc.focus === 1 && doc.hl > 0, 'the evidence sentence is highlighted in the document');
  check(doc.mentions > 0 && doc.times > 0, `entity mentions and times are marked (${doc.mentions}, ${doc.times})`);
  // Offsets are UTF-8 bytes: the highlight is exactly the evidence sentence even after
  // multi-byte characters (the examples have dashes and curly quotes before it).
  check(doc.hlText === ev.first, `the highlighted text is the evidence sentence (${JSON.stringify(doc.hlText.slice(0, 60))})`);
  await shot(d, 'webui-document.png');
  // An entity of the document: its mentions link back to documents
  await clickAndWait(d, 'aside.doc-side a.entity-link', 'entity');
  const ent = await d.run(`${COUNT} return { mentions: count('ul.mentions li a[href*="?at="]'), title: document.querySelector('h2.entity-title').textContent };`);
  check(ent.mentions > 0, `an entity view lists its mentions (${ent.title}: ${ent.mentions})`);

  // Back to the event, then the compare view of its copy
  await navigate(d, eventHash, 'event');
  await clickAndWait(d, 'ol.evidence a.compare-link', 'compare');
  const cmp = await d.run(`${COUNT} return { cols: count('.compare-col'), passages: count('mark.passage'),
    left: document.querySelectorAll('.compare-text')[0].textContent.length, right: document.querySelectorAll('.compare-text')[1].textContent.length };`);
  console.log('# compare ' + JSON.stringify(cmp));
  check(cmp.cols === 2 && cmp.left > 100 && cmp.right > 100, 'the compare view shows both documents');
  check(cmp.passages > 0, `shared passages are marked (${cmp.passages})`);
  await shot(d, 'webui-compare.png');

  // The copy graph, and a pair with changed facts
  await navigate(d, '#/copies', 'copies');
  const g = await d.run(`${COUNT} return { nodes: count('svg.copy-graph .node'), edges: count('svg.copy-graph .edge'),
    pairs: [...document.querySelectorAll('table.pairs a.compare-link')].map((a) => a.getAttribute('href')) };`);
  check(g.nodes >= 2 && g.edges >= 1, `the copy graph draws nodes and edges (${g.nodes}, ${g.edges})`);
  await shot(d, 'webui-copies.png', 'svg.copy-graph');
  let drift = null;
  for (const href of g.pairs) {
    await navigate(d, href, 'compare');
    const n = await d.run(`${COUNT} return [count('.compare-col mark.drift'), count('.compare-col mark.drift-source'), count('table.drift tbody tr')];`);
    if (n[2] > 0) {
      drift = { href, n };
      break;
    }
  }
  console.log('# drift ' + JSON.stringify(drift));
  check(drift && drift.n[0] > 0 && drift.n[1] > 0, 'a copy with changed facts has them marked on both sides');
  if (drift) {
    await shot(d, 'webui-drift.png');
    const flashed = await d.run(`document.querySelector('table.drift tr.drift-row').click();
      return document.querySelectorAll('.compare-col mark.flash').length;`);
    check(flashed === 2, `a changed fact's row points at it in both texts (${flashed})`);
  }

  // Entities list, and the header's search box from any view
  await navigate(d, '#/entities', 'entities');
  const ents = await d.run(`return document.querySelectorAll('table.entities a.entity-link').length`);
  check(ents > 0, `the entities list has rows (${ents})`);
  await d.run(`document.getElementById('hq').value = arguments[0]; document.documentElement.setAttribute('data-ready', '0');
    document.getElementById('header-search').requestSubmit();`, word);
  await waitView(d, 'overview');
  check(await d.run(`return document.querySelectorAll('ol.results li').length > 0`), 'the header search box searches from any view');

  // Documents list; struck-out junk in some document
  await navigate(d, '#/documents', 'documents');
  const docs = await d.run(`return [...document.querySelectorAll('table.doc-index a.doc-link')].map((a) => a.getAttribute('href'));`);
  check(docs.length > 0, `the documents list has rows (${docs.length})`);
  let junk = false;
  for (const href of docs) {
    await navigate(d, href, 'doc');
    if (await d.run(`return document.querySelectorAll('.blk.junk del').length > 0`)) {
      junk = await d.run(`document.getElementById('hide-junk').click(); return getComputedStyle(document.querySelector('.blk.junk')).display === 'none';`);
      break;
    }
  }
  check(junk, 'a document strikes out junk blocks, and the switch hides them');
  // Unknown ids answer in the page, not with a broken view.
  await d.go(base + '/#/nothing-here');
  await waitView(d, 'missing');
  const foreign = await d.run(`return performance.getEntriesByType('resource').map((r) => r.name).filter((u) => !u.startsWith(location.origin));`);
  check(foreign.length === 0, `nothing fetched from another origin${foreign.length ? ': ' + foreign.join(' ') : ''}`);
  await consoleClean(d, 'document, compare and copy views');
}

async function waitFor(d, script, ms = 20000) {
  const end = Date.now() + ms;
  while (!(await d.run(script))) {
    if (Date.now() > end) throw new Error('timed out: ' + script);
    await sleep(100);
  }
}

// ---- The hostile corpus ------------------------------------------------------------------
async function checkHostile(d, base) {
  const safe = async (where) => {
    const alert = await d.alertText();
    if (alert !== null) await d.call('POST', `${d.session}/alert/dismiss`, {});
    const s = await d.run(`return { pwned: window.__pwned === undefined ? null : window.__pwned,
      scripts: document.querySelectorAll('script').length, imgs: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg [onload], [onerror], [onmouseover]').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\\s*javascript:/i.test(a.getAttribute('href'))).length };`);
    const ok = alert === null && s.pwned === null && s.scripts === 1 && s.imgs === 0 && s.svgs === 0 && s.jsLinks === 0;
    check(ok, `${where}: no article script ran or was inserted${ok ? '' : ' ' + JSON.stringify(s) + ' alert ' + alert}`);
  };
  await open(d, base + '/#/?q=pwned', 'overview');
  await safe('overview with a search');
  check(await d.run(`return document.querySelectorAll('ol.results li').length > 0`), 'the search finds the hostile articles');
  const events = await d.run(`return [...document.querySelectorAll('a.event-link')].map((a) => a.getAttribute('href'));`);
  await navigate(d, '#/', 'overview');
  await safe('overview');
  for (const href of events.slice(0, 6)) {
    await navigate(d, href, 'event');
    await safe(`event ${href}`);
  }
  await navigate(d, '#/documents', 'documents');
  const docs = await d.run(`return [...document.querySelectorAll('table.doc-index a.doc-link')].map((a) => a.getAttribute('href'));`);
  check(docs.length >= 3, `the hostile documents are listed (${docs.length})`);
  let shown = null;  // the first document that shows an article's script tag as text
  for (const href of docs) {
    try {
      await navigate(d, href, 'doc');
    } catch (e) {  // keep checking the others; this one fails
      check(false, `document ${decodeURIComponent(href)} opens: ${e.message}`);
      await d.logs();  // the failed request's console line is reported here, not twice
    }
    await safe(`document ${decodeURIComponent(href)}`);
    if (!shown && (await d.run(`const b = document.querySelector('.blocks'); return b !== null && b.textContent.includes('<script>')`))) shown = href;
  }
  check(shown, 'an article\'s script tag is shown as text');
  await navigate(d, '#/copies', 'copies');
  await safe('copy graph');
  const pairs = await d.run(`return [...document.querySelectorAll('table.pairs a.compare-link')].map((a) => a.getAttribute('href'));`);
  check(pairs.length > 0, `the hostile copy is found (${pairs.length} pair(s))`);
  for (const href of pairs) {
    await navigate(d, href, 'compare');
    await safe(`compare ${decodeURIComponent(href)}`);
  }
  if (shown) {
    await navigate(d, shown, 'doc');
    await shot(d, 'webui-hostile.png');
  }
  await consoleClean(d, 'hostile corpus');
}

// The UI's own rule, checked in its source: no API that parses a string as HTML or code.
function checkSource() {
  if (!args.ui) return;
  for (const name of fs.readdirSync(args.ui).filter((n) => /\.(js|html)$/.test(n))) {
    const text = fs.readFileSync(path.join(args.ui, name), 'utf8');
    const bad = text.match(/\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\s*\(|new Function\s*\(|\bstyle\s*=|<script(?![^>]*\bsrc=)[^>]*>/g);
    check(!bad, `${name}: no innerHTML, document.write, eval, inline script or style attribute${bad ? ': ' + bad.join(' ') : ''}`);
  }
}

async function main() {
  checkSource();
  if (typeof fetch !== 'function') skip('node 18 or later is needed (global fetch)');
  const chromium = which(['chromium', 'chromium-browser', 'google-chrome']);
  const chromedriver = which(['chromedriver']);
  if (!chromium || !chromedriver) skip('chromium and chromedriver are needed (scripts/install-deps.sh installs them)');
  if (args.base) {  // an already running server of the examples (and maybe of the hostile corpus)
    const { proc: cd, port } = await startChromedriver(chromedriver);
    const d = new Driver(port);
    try {
      await d.start(chromium);
      await checkExamples(d, args.base.replace(/\/$/, ''));
      if (args['hostile-base']) await checkHostile(d, args['hostile-base'].replace(/\/$/, ''));
    } finally {
      await d.stop();
      cd.kill();
    }
    console.log(failures ? `${failures} check(s) failed` : `all checks passed; screenshots in ${outDir}`);
    process.exit(failures ? 1 : 0);
  }
  if (!args.sitrep || !args.examples) throw new Error('--sitrep and --examples (or --base) are required');
  const hostileDir = path.join(outDir, 'webui-hostile');
  writeHostileCorpus(hostileDir);
  // A copy of a hostile article with a figure changed, so the compare view meets it too.
  const a = fs.readFileSync(path.join(hostileDir, 'hostile_a.txt'), 'utf8');
  fs.writeFileSync(path.join(hostileDir, 'hostile_a_copy.txt'), a.replace('At least 12 civilians', 'At least 21 civilians') +
    '\nThe <b onmouseover="window.__pwned = 12">minaret</b> was destroyed, the Iraqi military said in a statement on Sunday.\n');
  const { proc: cd, port } = await startChromedriver(chromedriver);
  const d = new Driver(port);
  const servers = [];
  try {
    await d.start(chromium);
    const ex = await startServer([args.examples], 'webui-examples');
    servers.push(ex.proc);
    await checkExamples(d, ex.base);
    const ho = await startServer([hostileDir], 'webui-hostile');
    servers.push(ho.proc);
    await checkHostile(d, ho.base);
  } finally {
    await d.stop();
    cd.kill();
    for (const p of servers) p.kill();
  }
  console.log(failures ? `${failures} check(s) failed` : `all checks passed; screenshots in ${outDir}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(`error: ${e.stack || e}`);
  process.exit(1);
});
