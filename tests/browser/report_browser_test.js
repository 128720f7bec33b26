#!/usr/bin/env node
// Browser test of the HTML report (tests/browser/CMakeLists.txt registers it with CTest).
//
//   node report_browser_test.js --sitrep BIN --examples DIR --out DIR
//   node report_browser_test.js --html FILE --out DIR      (an already written page)
//
// Writes the report of the example corpus with `sitrep report`, opens it in headless
// Chromium driven through chromedriver's WebDriver HTTP API (no npm packages needed) and
// checks:
//   - the page's own script ran and the browser console has no warnings or errors
//     (a Content-Security-Policy violation or a script error would show there);
//   - the timeline chart draws one marker per list entry, the map draws country outlines
//     and place circles, the copy graph draws nodes and edges - with non-zero size;
//   - screenshots of the page, the timeline and the map are real pictures (PNG decoded
//     here, several distinct colours);
// then writes a corpus of hostile articles (script tags, event-handler attributes,
// "</style>", javascript: links) and checks that no article script ran, no alert opened,
// and the text shows as text.
// Exit codes: 0 pass, 1 fail, 77 skipped (node too old, chromium or chromedriver absent).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawn, spawnSync } = require('child_process');

const SKIP = 77;
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const outDir = args.out || fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-browser-'));
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}
function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

function which(names) {
  for (const n of names) {
    const r = spawnSync('sh', ['-c', `command -v ${n}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

// ---- PNG decoding (enough to count colours in a screenshot) ----------------------------
function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, bitDepth = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[colorType];
  if (bitDepth !== 8 || !channels) throw new Error(`unsupported PNG (depth ${bitDepth}, type ${colorType})`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// Distinct colours (RGB) in a decoded PNG, counting only colours covering >= minShare.
function colours(png, minShare = 0.0005) {
  const counts = new Map();
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    const key = (png.pixels[i] << 16) | (png.pixels[i + 1] << 8) | png.pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const total = png.width * png.height;
  return [...counts.values()].filter((n) => n >= total * minShare).length;
}

// ---- WebDriver --------------------------------------------------------------------------
class Driver {
  constructor(port) { this.base = `http://127.0.0.1:${port}`; }
  async call(method, url, body) {
    const res = await fetch(this.base + url, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) {
      const err = new Error(`${method} ${url}: ${json.value && json.value.message}`);
      err.webdriver = json.value && json.value.error;
      throw err;
    }
    return json.value;
  }
  async start(chromium) {
    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: 'chrome',
          'goog:chromeOptions': {
            binary: chromium,
            args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                   '--window-size=1200,900', '--hide-scrollbars', '--no-first-run',
                   '--allow-file-access-from-files'],
          },
          'goog:loggingPrefs': { browser: 'ALL' },
        },
      },
    };
    const v = await this.call('POST', '/session', caps);
    this.session = `/session/${v.sessionId}`;
  }
  go(url) { return this.call('POST', `${this.session}/url`, { url }); }
  run(script, ...a) { return this.call('POST', `${this.session}/execute/sync`, { script, args: a }); }
  logs() { return this.call('POST', `${this.session}/se/log`, { type: 'browser' }); }
  async screenshot(file, selector) {
    let b64;
    if (selector) {
      const el = await this.call('POST', `${this.session}/element`, { using: 'css selector', value: selector });
      const id = el['element-6066-11e4-a52e-4f735466cecc'] || el.ELEMENT || Object.values(el)[0];
      if (!id) throw new Error(`no element id in ${JSON.stringify(el)}`);
      b64 = await this.call('GET', `${this.session}/element/${id}/screenshot`);
    } else {
      b64 = await this.call('GET', `${this.session}/screenshot`);
    }
    const buf = Buffer.from(b64, 'base64');
    fs.writeFileSync(file, buf);
    return buf;
  }
  async alertText() {
    try {
      return await this.call('GET', `${this.session}/alert/text`);
    } catch (e) {
      if (e.webdriver === 'no such alert') return null;
      throw e;
    }
  }
  stop() { return this.session ? this.call('DELETE', this.session).catch(() => {}) : Promise.resolve(); }
}

async function waitFor(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await fn()) return true;
    } catch (e) { /* not up yet */ }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startChromedriver(binary) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const proc = spawn(binary, [`--port=${port}`], { stdio: 'ignore' });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok, 10000, 'chromedriver');
      return { proc, port };
    } catch (e) {
      proc.kill();
    }
  }
  throw new Error('could not start chromedriver');
}

function writeReport(inputs, file) {
  const r = spawnSync(args.sitrep, ['report', ...inputs, '-o', file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`sitrep report failed (${r.status}): ${r.stderr}`);
  }
  return file;
}

async function openPage(d, file) {
  await d.go('file://' + path.resolve(file));
  await waitFor(async () => (await d.run("return document.documentElement.getAttribute('data-sitrep-ready')")) === '1',
                15000, "the page's script");
}

async function checkExamplesPage(d, file) {
  console.log(`# ${file}`);
  await openPage(d, file);
  const logs = await d.logs();
  const bad = logs.filter((l) => l.level === 'SEVERE' || l.level === 'WARNING');
  check(bad.length === 0, `no console warnings or errors${bad.length ? ': ' + JSON.stringify(bad) : ''}`);
  const s = await d.run(`
    const size = (sel) => { const e = document.querySelector(sel); if (!e) return [0, 0];
                            const r = e.getBoundingClientRect(); return [r.width, r.height]; };
    const count = (sel) => document.querySelectorAll(sel).length;
    return {
      title: document.title,
      timelineItems: count('.timeline-chart .tl-item'),
      timelineEntries: count('ol.timeline-list li'),
      timelineSize: size('.timeline-chart'),
      countries: count('.map path.country'),
      places: count('.map circle.place'),
      placesWithEvents: count('.map circle.has-events'),
      mapSize: size('svg.map'),
      mapMissing: count('.map-missing'),
      copyNodes: count('.copy-graph .node'),
      copyEdges: count('.copy-graph .edge'),
      documents: count('article.document'),
      junk: count('article.document del'),
      drift: count('article.document .blocks mark.drift'),
      summary: [...document.querySelectorAll('#summary .card')].map((c) => c.textContent),
      scripts: count('script'),
    };`);
  console.log('# ' + JSON.stringify(s));
  check(s.scripts === 1, 'exactly one script element (the report\'s own)');
  check(s.timelineEntries > 0, `timeline lists entries (${s.timelineEntries})`);
  check(s.timelineItems === s.timelineEntries, 'the timeline chart draws one marker per entry');
  check(s.timelineSize[0] > 300 && s.timelineSize[1] > 40, 'the timeline chart has a size');
  check(s.places > 0, `the map draws places (${s.places}, ${s.placesWithEvents} with events)`);
  check(s.mapSize[0] > 300 && s.mapSize[1] > 150, 'the map has a size');
  if (s.mapMissing === 0) {
    check(s.countries > 0, `the map draws country outlines (${s.countries})`);
  } else {
    console.log('# map data not installed: outlines not checked');
  }
  check(s.copyNodes >= 2 && s.copyEdges >= 1, `the copy graph draws nodes and edges (${s.copyNodes}, ${s.copyEdges})`);
  check(s.documents > 0, `documents are shown (${s.documents})`);
  check(s.junk > 0, `junk blocks are struck out (${s.junk})`);
  check(s.drift > 0, `drifted facts are marked (${s.drift})`);

  const page = decodePng(await d.screenshot(path.join(outDir, 'report.png')));
  check(page.width >= 1000 && colours(page) >= 6, `page screenshot is a picture (${colours(page)} colours)`);
  if (s.timelineSize[0] > 0) {
    await d.run("document.querySelector('.timeline-chart').scrollIntoView()");
    const tl = decodePng(await d.screenshot(path.join(outDir, 'timeline.png'), '.timeline-chart'));
    check(tl.width > 300 && colours(tl) >= 3, `timeline screenshot is drawn (${colours(tl)} colours)`);
  } else {
    check(false, 'timeline screenshot (no timeline drawn)');
  }
  if (s.mapSize[0] > 0) {
    await d.run("document.querySelector('svg.map').scrollIntoView()");
    const map = decodePng(await d.screenshot(path.join(outDir, 'map.png'), 'svg.map'));
    // A map of one city is mostly land: count thin outlines and labels too (54 px at
    // 960x560), and ask for ground, a marker and an outline or label.
    const mapColours = colours(map, 0.0001);
    check(map.width > 300 && mapColours >= 3, `map screenshot is drawn (${mapColours} colours)`);
  } else {
    check(false, 'map screenshot (no map drawn)');
  }
  if (s.copyNodes > 0) {
    await d.run("document.querySelector('svg.copy-graph').scrollIntoView()");
    await d.screenshot(path.join(outDir, 'copy-graph.png'), 'svg.copy-graph');
  }
  // The script's interactivity works: hiding junk hides the struck-out blocks.
  const hidden = await d.run(`
    const box = document.getElementById('hide-junk'); box.click();
    const junk = document.querySelector('.blk.junk');
    return junk ? getComputedStyle(junk).display : 'none';`);
  check(hidden === 'none', 'the hide-junk switch hides struck-out blocks');
}

// Articles that try to run script in the report, in every form we can think of.
function writeHostileCorpus(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const attack = [
    '<script>window.__pwned = 1; alert("pwned")</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '</style><script>window.__pwned = 3</script>',
    '"><svg onload="window.__pwned = 4">',
    '<a href="javascript:window.__pwned = 5">click</a>',
  ].join(' ');
  fs.writeFileSync(path.join(dir, 'hostile_a.txt'),
    `Shelling hit ${attack} the city of Mosul on 3 March 2017\n\n` +
    `At least 12 civilians were killed on 3 March 2017 in Mosul, officials said. ${attack}\n`);
  fs.writeFileSync(path.join(dir, 'hostile_b.html'),
    '<html><head><title>&lt;script&gt;window.__pwned=6&lt;/script&gt; in Mosul</title></head><body>' +
    '<article><h1>&lt;script&gt;window.__pwned=7&lt;/script&gt; Mosul</h1>' +
    '<p>About 40 civilians were killed in Mosul on 4 March 2017 &lt;img src=x onerror=window.__pwned=8&gt;.</p>' +
    '<script>window.__pwned = 9</script></article></body></html>');
  fs.writeFileSync(path.join(dir, 'hostile_c.jsonl'),
    JSON.stringify({ id: '<script>window.__pwned=10</script>', title: '<b onmouseover=x>t</b>',
                     text: 'Fighting in Mosul on 5 March 2017. <script>window.__pwned = 11</script>' }) + '\n');
}

async function checkHostilePage(d, file) {
  console.log(`# ${file}`);
  await openPage(d, file);
  const alert = await d.alertText();
  check(alert === null, 'no alert opened');
  const s = await d.run(`return {
      pwned: window.__pwned === undefined ? null : window.__pwned,
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href').startsWith('#')).length,
      shown: document.body.textContent.includes('window.__pwned = 1; alert("pwned")'),
    };`);
  console.log('# ' + JSON.stringify(s));
  check(s.pwned === null, 'no script from an article ran');
  check(s.scripts === 1 && s.imgs === 0, 'no script or img element from an article');
  check(s.jsLinks === 0, 'no link leaves the page');
  check(s.shown, 'the article\'s script tag is shown as text');
  const logs = await d.logs();
  const bad = logs.filter((l) => l.level === 'SEVERE');
  check(bad.length === 0, `no console errors${bad.length ? ': ' + JSON.stringify(bad) : ''}`);
}

async function main() {
  if (typeof fetch !== 'function') skip('node 18 or later is needed (global fetch)');
  const chromium = which(['chromium', 'chromium-browser', 'google-chrome']);
  const chromedriver = which(['chromedriver']);
  if (!chromium || !chromedriver) {
    skip('chromium and chromedriver are needed (Debian packages chromium and chromium-driver; ' +
         'scripts/install-deps.sh installs them)');
  }
  const pages = [];
  if (args.html) {
    pages.push(['examples', args.html]);
  } else {
    if (!args.sitrep || !args.examples) throw new Error('--sitrep and --examples (or --html) are required');
    pages.push(['examples', writeReport([args.examples], path.join(outDir, 'report.html'))]);
    const hostile = path.join(outDir, 'hostile');
    writeHostileCorpus(hostile);
    pages.push(['hostile', writeReport([hostile], path.join(outDir, 'hostile.html'))]);
  }
  const { proc, port } = await startChromedriver(chromedriver);
  const d = new Driver(port);
  try {
    await d.start(chromium);
    for (const [kind, file] of pages) {
      if (kind === 'examples') await checkExamplesPage(d, file);
      else await checkHostilePage(d, file);
    }
  } finally {
    await d.stop();
    proc.kill();
  }
  console.log(failures ? `${failures} check(s) failed` : `all checks passed; screenshots in ${outDir}`);
  process.exit(failures ? 1 : 0);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`error: ${e.stack || e}`);
    process.exit(1);
  });
}

module.exports = { Driver, startChromedriver, decodePng, colours, which, writeHostileCorpus };
