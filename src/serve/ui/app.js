// sitrep web UI: the report's views, live over the corpus through the JSON API (docs/api.md).
// One plain script, no framework, nothing fetched but this origin (the server sends
// Content-Security-Policy: default-src 'self'). Every piece of corpus text reaches the page
// through textContent or a text node; HTML is never built from data (docs/web-ui.md).
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const JUNK = new Set(['boilerplate', 'caption', 'repeat']);
  const FILTERS = ['q', 'from', 'to', 'place', 'type', 'outlet', 'min_sources', 'status'];
  const STATUSES = ['reported', 'claimed', 'denied', 'background'];
  const PAGE = 500;

  // ---- DOM helpers ---------------------------------------------------------------------
  function append(el, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(el, c);
      else if (c instanceof Node) el.appendChild(c);
      else el.appendChild(document.createTextNode(String(c)));
    }
    return el;
  }
  function setAttrs(el, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else el.setAttribute(k, String(v));
    }
    return el;
  }
  // h('a', {href: '#/x'}, 'text', child...): an element; strings become text nodes.
  function h(tag, attrs, ...children) {
    return append(setAttrs(document.createElement(tag), attrs), children);
  }
  function s(tag, attrs, ...children) {
    return append(setAttrs(document.createElementNS(SVG, tag), attrs), children);
  }
  const route = (...parts) => '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  const withQuery = (base, params) => {
    const qs = new URLSearchParams(params).toString();
    return qs ? base + '?' + qs : base;
  };
  const docLink = (id, label) => h('a', { href: route('doc', id), class: 'doc-link' }, label || id);
  const pct = (x) => (typeof x === 'number' ? Math.round(x * 100) + '%' : '');

  // ---- API -------------------------------------------------------------------------------
  class ApiError extends Error {}
  async function api(path, params) {
    const clean = {};
    for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) clean[k] = v;
    let res;
    try {
      res = await fetch(withQuery('/api/' + path, clean), { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError('the server does not answer (' + e.message + ')');
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      throw new ApiError(`${res.status} ${res.statusText}: not JSON`);
    }
    if (!res.ok) {
      const message = (body && body.error) || `${res.status} ${res.statusText}`;
      // A list that does not take one of the filters says so with a 400 naming it: ask
      // again without it, and tell the reader the filter was not applied there.
      const dropped = res.status === 400 && FILTERS.find((k) => k in clean && new RegExp(`\\b${k}\\b`).test(message));
      if (dropped) {
        const rest = Object.assign({}, clean);
        delete rest[dropped];
        const answer = await api(path, rest);
        if (answer && typeof answer === 'object') answer.ignored = (answer.ignored || []).concat([dropped]);
        return answer;
      }
      throw new ApiError(message);
    }
    return body;
  }
  const items = (list) => (list && Array.isArray(list.items) ? list.items : Array.isArray(list) ? list : []);

  // ---- Text with byte offsets ------------------------------------------------------------
  // The API's offsets are UTF-8 byte offsets; JavaScript strings index UTF-16 code units.
  function byteIndex(text) {
    const map = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i);
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) map.push(i);
      if (c >= 0x10000) i++;
    }
    const bytes = map.length;
    map.push(text.length);
    return (b) => map[Math.max(0, Math.min(bytes, b | 0))];
  }

  // Appends text[0..] to parent with spans marked: spans are {start, end, cls, title} in
  // UTF-16 indices of text; overlapping spans split the text into segments whose mark
  // carries every class that covers it.
  function markedText(parent, text, spans) {
    const cuts = new Set([0, text.length]);
    const good = spans.filter((sp) => sp.end > sp.start && sp.start < text.length && sp.end > 0);
    for (const sp of good) {
      cuts.add(Math.max(0, sp.start));
      cuts.add(Math.min(text.length, sp.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const over = good.filter((sp) => sp.start <= a && sp.end >= b);
      if (!over.length) {
        parent.appendChild(document.createTextNode(piece));
        continue;
      }
      const titles = over.map((sp) => sp.title).filter(Boolean);
      parent.appendChild(h('mark', { class: over.map((sp) => sp.cls).join(' '), title: titles.join('\n') || null }, piece));
    }
    return parent;
  }

  // The API's search snippets are escaped text with <mark> around hits: decoded here into
  // text nodes and mark elements, never parsed as HTML.
  function decodeEntities(t) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
    return t.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return Object.prototype.hasOwnProperty.call(named, e.toLowerCase()) ? named[e.toLowerCase()] : m;
    });
  }
  function snippetNode(snippet) {
    const out = h('span', { class: 'snippet' });
    const parts = String(snippet || '').split(/(<mark>|<\/mark>)/);
    let inMark = false;
    for (const p of parts) {
      if (p === '<mark>') inMark = true;
      else if (p === '</mark>') inMark = false;
      else if (p) out.appendChild(inMark ? h('mark', {}, decodeEntities(p)) : document.createTextNode(decodeEntities(p)));
    }
    return out;
  }

  // ---- TIMEX dates as day ranges ---------------------------------------------------------
  const DAY = 86400000;
  const utc = (y, m, d) => Date.UTC(y, m - 1, d) / DAY;
  function dateRange(value) {
    const v = String(value || '');
    let m;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) {
      const d = utc(+m[1], +m[2], +m[3]);
      return [d, d + 1];
    }
    if ((m = /^(\d{4})-W(\d{2})/.exec(v))) {
      const jan4 = utc(+m[1], 1, 4);
      const monday = jan4 - ((new Date(jan4 * DAY).getUTCDay() + 6) % 7);
      const start = monday + (+m[2] - 1) * 7;
      return [start, start + 7];
    }
    if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return [utc(+m[1], +m[2], 1), utc(+m[1], +m[2] + 1, 1)];
    if ((m = /^(\d{4})-Q([1-4])/.exec(v))) return [utc(+m[1], 3 * m[2] - 2, 1), utc(+m[1], 3 * m[2] + 1, 1)];
    if ((m = /^(\d{4})-H([12])/.exec(v))) return [utc(+m[1], 6 * m[2] - 5, 1), utc(+m[1], 6 * m[2] + 1, 1)];
    if ((m = /^(\d{4})-(SP|SU|FA|WI)/.exec(v))) {
      const first = { SP: 3, SU: 6, FA: 9, WI: 12 }[m[2]];
      return [utc(+m[1], first, 1), utc(+m[1], first + 3, 1)];
    }
    if ((m = /^(\d{4})$/.exec(v))) return [utc(+m[1], 1, 1), utc(+m[1] + 1, 1, 1)];
    if ((m = /^(\d{3})X?$/.exec(v))) return [utc(+m[1] * 10, 1, 1), utc(+m[1] * 10 + 10, 1, 1)];
    return null;
  }
  const isoDay = (d) => new Date(d * DAY).toISOString().slice(0, 10);

  // ---- Shared lookups (loaded once) ------------------------------------------------------
  const cache = {};
  function once(key, fn) {
    if (!cache[key]) cache[key] = fn().catch((e) => { delete cache[key]; throw e; });
    return cache[key];
  }
  const choices = () => once('choices', async () => {
    const [events, docs, places] = await Promise.all([
      api('events', { limit: 500 }), api('documents', { limit: 500 }), api('entities', { type: 'place', limit: 500 })]);
    const types = [...new Set(items(events).map((e) => e.type).filter(Boolean))].sort();
    const outlets = [...new Set(items(docs).map((d) => d.outlet).filter(Boolean))].sort();
    const placeNames = items(places).map((p) => p.name).filter(Boolean);
    return { types, outlets, places: [...new Set(placeNames)].sort() };
  });

  // ---- Views -----------------------------------------------------------------------------
  const root = () => document.getElementById('view');
  let renderToken = 0;

  function parseHash() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    let parts;
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch (e) {
      parts = ['?'];
    }
    return { parts, params };
  }

  async function render() {
    const token = ++renderToken;
    const { parts, params } = parseHash();
    const html = document.documentElement;
    html.setAttribute('data-ready', '0');
    root().classList.add('loading');
    const view = parts[0] || 'overview';
    const container = h('div', { class: 'view view-' + view });
    let name = view;
    try {
      if (!parts.length) await overview(container, params);
      else if (parts[0] === 'event' && parts[1]) await eventView(container, parts[1]);
      else if (parts[0] === 'doc' && parts[1]) await documentView(container, parts[1], params);
      else if (parts[0] === 'compare' && parts[1] && parts[2]) await compareView(container, parts[1], parts[2]);
      else if (parts[0] === 'entity' && parts[1]) await entityView(container, parts[1]);
      else if (parts[0] === 'entities') await entitiesView(container, params);
      else if (parts[0] === 'copies') await copiesView(container);
      else if (parts[0] === 'documents') await documentsView(container, params);
      else {
        name = 'missing';
        append(container, [h('h2', {}, 'No such view'), h('p', {}, 'Try ', h('a', { href: '#/' }, 'the events'), '.')]);
      }
    } catch (e) {
      // Shown in the page (the server's message, or the fault), never thrown to the console.
      name = 'error';
      container.appendChild(h('p', { class: 'error' }, 'Could not load this view: ', String(e && e.message)));
    }
    if (token !== renderToken) return;  // a newer navigation won
    const r = root();
    r.replaceChildren(container);
    r.classList.remove('loading');
    html.setAttribute('data-view', name);
    html.setAttribute('data-ready', '1');
    const focus = container.querySelector('.focus');
    if (focus) focus.scrollIntoView({ block: 'center' });
    else window.scrollTo(0, 0);
  }

  function section(title, ...children) {
    return h('section', {}, h('h2', {}, title), children);
  }
  function badge(cls, text, title) {
    return h('span', { class: cls, title: title || null }, text);
  }
  function statusBadge(status) {
    return status ? badge('status status-' + cssName(status), status) : null;
  }

  // -- Overview: filters, documents matching, timeline, map, events
  function filterParams(params) {
    const f = {};
    for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
    return f;
  }

  function filterForm(f, lookups) {
    const input = (name, label, attrs) => h('label', {}, h('span', {}, label),
      h('input', Object.assign({ name, value: f[name] || '' }, attrs)));
    const typeSelect = h('select', { name: 'type' }, h('option', { value: '' }, 'any'),
      lookups.types.map((t) => h('option', { value: t, selected: f.type === t ? 'selected' : null }, t)));
    const form = h('form', { class: 'filters', role: 'search' },
      h('label', { class: 'q' }, h('span', {}, 'Search'),
        h('input', { type: 'search', name: 'q', value: f.q || '', placeholder: 'words in the articles', id: 'q' })),
      input('from', 'From', { type: 'date' }), input('to', 'To', { type: 'date' }),
      input('place', 'Place', { list: 'dl-places', placeholder: 'name or id', size: 14 }),
      h('label', {}, h('span', {}, 'Event type'), typeSelect),
      h('label', {}, h('span', {}, 'Status'), h('select', { name: 'status' }, h('option', { value: '' }, 'any'),
        STATUSES.map((t) => h('option', { value: t, selected: f.status === t ? 'selected' : null }, t)))),
      input('outlet', 'Outlet', { list: 'dl-outlets', size: 14 }),
      input('min_sources', 'Independent sources ≥', { type: 'number', min: 1, max: 99, class: 'narrow' }),
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { href: '#/', class: 'clear' }, 'Clear'),
      h('datalist', { id: 'dl-places' }, lookups.places.map((p) => h('option', { value: p }))),
      h('datalist', { id: 'dl-outlets' }, lookups.outlets.map((o) => h('option', { value: o }))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = {};
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) next[k] = String(v).trim();
      location.hash = withQuery('#/', next);
    });
    return form;
  }

  async function overview(c, params) {
    const f = filterParams(params);
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const [lookups, events, timeline, found] = await Promise.all([
      choices().catch(() => ({ types: [], outlets: [], places: [] })),
      api('events', Object.assign({ limit: PAGE, offset }, f)),
      // The timeline takes every filter: an entry stays when one of its events passes.
      api('timeline', Object.assign({ limit: 500 }, f)),
      // The documents matching the words and every filter (of the events they tell).
      f.q ? api('search', Object.assign({ limit: 50 }, f)) : Promise.resolve(null)]);
    const ignored = [['events', events], ['timeline', timeline], ['search', found]]
      .filter(([, a]) => a && a.ignored).map(([n, a]) => `${n} ignores ${a.ignored.join(', ')}`);
    const entries = items(timeline);
    const exportQuery = new URLSearchParams(f).toString();
    append(c, [
      filterForm(f, lookups),
      h('p', { class: 'summary-line' },
        `${events.total} events`, found ? `, ${found.total} documents match` : '', ' · export: ',
        h('a', { href: '/api/export.csv?' + new URLSearchParams(Object.assign({ view: 'events' }, f)) }, 'CSV'), ' ',
        h('a', { href: '/api/export.geojson' + (exportQuery ? '?' + exportQuery : '') }, 'GeoJSON'),
        ignored.length ? h('span', { class: 'ignored' }, ` · not applied: ${ignored.join('; ')}`) : null)]);
    if (found) c.appendChild(searchResults(found));
    c.appendChild(section('Timeline', timelineChart(entries), timelineList(entries)));
    const mapSection = section('Map', h('p', { class: 'note' }, 'Loading the map…'));
    c.appendChild(mapSection);
    const pager = events.total > PAGE ? h('p', { class: 'pager' }, `Events ${offset + 1}–${offset + items(events).length} of ${events.total} (the map shows these). `,
      offset > 0 ? h('a', { href: withQuery('#/', Object.assign({}, f, offset > PAGE ? { offset: offset - PAGE } : {})) }, '← previous') : null, ' ',
      offset + PAGE < events.total ? h('a', { href: withQuery('#/', Object.assign({}, f, { offset: offset + PAGE })) }, 'next →') : null) : null;
    c.appendChild(section('Events', pager, eventTable(items(events), events.total)));
    try {
      const map = await mapView(items(events), f.place);
      mapSection.replaceChildren(h('h2', {}, 'Map'), map);
    } catch (e) {
      mapSection.replaceChildren(h('h2', {}, 'Map'), h('p', { class: 'error' }, 'Map outlines unavailable: ' + e.message));
    }
  }

  function searchResults(found) {
    const list = items(found);
    return section(`Documents matching (${found.total})`,
      list.length ? h('ol', { class: 'results' }, list.map((d) => h('li', {},
        h('div', {}, docLink(d.id, d.title || d.id), ' ', h('span', { class: 'meta' }, [d.outlet, d.published].filter(Boolean).join(' · '))),
        h('div', {}, snippetNode(d.snippet))))) : h('p', { class: 'empty' }, 'No document matches.'));
  }

  function timelineList(entries) {
    if (!entries.length) return h('p', { class: 'empty' }, 'No dated entries for these filters.');
    return h('ol', { class: 'timeline-list' }, entries.map((t) => h('li', {},
      h('time', {}, t.date || 'undated'), t.precision ? badge('precision', t.precision) : null, ' ',
      t.event ? h('a', { href: route('event', t.event) }, t.summary) : t.summary, ' ',
      h('span', { class: 'sources' }, `${t.independent_sources} independent`), ' ', t.status !== 'reported' ? statusBadge(t.status) : null)));
  }

  function timelineChart(entries) {
    const dated = entries.map((t) => ({ t, r: dateRange(t.date) })).filter((x) => x.r);
    if (!dated.length) return h('p', { class: 'empty' }, 'Nothing to chart.');
    const W = 1000, left = 20, right = 20, laneH = 22, top = 10;
    let lo = Math.min(...dated.map((x) => x.r[0])), hi = Math.max(...dated.map((x) => x.r[1]));
    const pad = Math.max(3, (hi - lo) * 0.04);
    lo -= pad;
    hi += pad;
    const X = (d) => left + ((d - lo) / (hi - lo)) * (W - left - right);
    dated.sort((a, b) => a.r[0] - b.r[0]);
    const laneEnds = [];
    const placed = dated.map((x) => {
      const x0 = X(x.r[0]), x1 = Math.max(X(x.r[1]), x0 + 2);
      const label = (x.t.date || '') + ' ' + (x.t.summary || '').slice(0, 40) + ((x.t.summary || '').length > 40 ? '…' : '');
      const labelEnd = x0 + 8 + label.length * 6.2;
      let lane = laneEnds.findIndex((end) => end < x0 - 4);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(0);
      }
      laneEnds[lane] = Math.max(x1, labelEnd);
      return Object.assign({ x0, x1, lane, label }, x);
    });
    const H = top + laneEnds.length * laneH + 34;
    const svg = s('svg', { class: 'timeline-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline' });
    const axisY = H - 24;
    const axis = s('g', { class: 'axis' }, s('line', { x1: left, x2: W - right, y1: axisY, y2: axisY }));
    // Ticks: month starts, thinned to at most ~10.
    const first = new Date(lo * DAY), months = [];
    for (let y = first.getUTCFullYear(), m = first.getUTCMonth() + 1; ; m++) {
      if (m > 12) { m = 1; y++; }
      const d = utc(y, m, 1);
      if (d > hi) break;
      if (d >= lo) months.push([d, y, m]);
      if (months.length > 1200) break;
    }
    const step = [1, 2, 3, 6, 12, 24, 60, 120].find((k) => months.length / k <= 10) || 240;
    for (const [d, y, m] of months) {
      if (((y * 12 + m - 1) % step) !== 0) continue;
      axis.appendChild(s('line', { x1: X(d), x2: X(d), y1: axisY, y2: axisY + 5 }));
      axis.appendChild(s('text', { x: X(d), y: axisY + 17 }, step >= 12 ? String(y) : `${y}-${String(m).padStart(2, '0')}`));
    }
    svg.appendChild(axis);
    for (const p of placed) {
      const y = top + p.lane * laneH + laneH / 2;
      const r = 3 + Math.min(6, 1.5 * Math.sqrt(p.t.independent_sources || 1));
      const g = s('a', { class: 'tl-item status-' + cssName(p.t.status || 'reported'), href: p.t.event ? route('event', p.t.event) : null },
        s('title', {}, `${p.t.date}: ${p.t.summary} (${p.t.independent_sources} independent sources)`));
      if (p.x1 - p.x0 > 6) g.appendChild(s('rect', { class: 'span-bar', x: p.x0, y: y - 4, width: p.x1 - p.x0, height: 8, rx: 3 }));
      else g.appendChild(s('circle', { class: 'dot', cx: p.x0, cy: y, r }));
      g.appendChild(s('text', { x: Math.max(p.x1, p.x0 + r) + 5, y: y + 4 }, p.label));
      svg.appendChild(g);
    }
    return h('figure', { class: 'chart' }, svg);
  }

  function eventTable(list, total) {
    if (!list.length) return h('p', { class: 'empty' }, 'No event matches these filters.');
    return h('div', {},
      total > list.length && total <= PAGE ? h('p', { class: 'note' }, `Showing ${list.length} of ${total}.`) : null,
      h('table', { class: 'events' },
        h('thead', {}, h('tr', {}, ['Date', 'Type', 'Place', 'What happened', 'Sources', 'Fatalities'].map((t) => h('th', {}, t)))),
        h('tbody', {}, list.map((e) => h('tr', { class: 'event-row' },
          h('td', { class: 'nowrap' }, e.date || '—'),
          h('td', {}, e.type, e.subtype ? badge('subtype', e.subtype) : null),
          h('td', {}, e.location ? h('a', { href: withQuery('#/', { place: e.location }) }, e.location_name || e.location) : '—'),
          h('td', {}, h('a', { href: route('event', e.id), class: 'event-link' }, e.summary), ' ', e.status && e.status !== 'reported' ? statusBadge(e.status) : null),
          h('td', { class: 'num' }, badge('indep', e.independent_sources, 'independent sources'), ` of ${(e.documents || []).length}`),
          h('td', { class: 'num' }, e.fatalities === null || e.fatalities === undefined ? '' : e.fatalities))))));
  }

  // -- Map: TopoJSON outlines drawn in the browser, zoom with the wheel or buttons, pan by dragging
  const outlines = () => once('outlines', async () => {
    let res;
    try {
      res = await fetch('/assets/countries-50m.json');
    } catch (e) {
      throw new ApiError(e.message);
    }
    if (!res.ok) throw new ApiError(`outlines: ${res.status}`);
    return decodeTopo(await res.json(), 'countries');
  });

  function decodeTopo(topo, objectName) {
    const t = topo.transform;
    const arcs = topo.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map((p) => {
        if (!t) return [p[0], p[1]];
        x += p[0];
        y += p[1];
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      });
    });
    const ring = (r) => {
      const out = [];
      for (const a of r) {
        const arc = a >= 0 ? arcs[a] : arcs[~a].slice().reverse();
        out.push(...(out.length ? arc.slice(1) : arc));
      }
      return out;
    };
    const shapes = [];
    for (const g of topo.objects[objectName].geometries) {
      const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
      const rings = [];
      for (const poly of polys) for (const r of poly) rings.push(ring(r));
      if (rings.length) shapes.push({ name: (g.properties && g.properties.name) || '', rings });
    }
    return shapes;
  }

  async function mapView(events, placeFilter) {
    // Without outlines (the server found no world-atlas data) the places are still drawn.
    let outlineError = null;
    const shapes = await outlines().catch((e) => { outlineError = e; return []; });
    const places = new Map();
    for (const e of events) {
      if (typeof e.lat !== 'number' || typeof e.lon !== 'number') continue;
      const key = e.location || `${e.lat},${e.lon}`;
      if (!places.has(key)) places.set(key, { id: e.location, name: e.location_name || e.location || '', lat: e.lat, lon: e.lon, events: [] });
      places.get(key).events.push(e);
    }
    const pts = [...places.values()];
    const W = 960, H = 520;
    let lo = [-170, -55], hi = [170, 80];
    if (pts.length) {
      lo = [Math.min(...pts.map((p) => p.lon)), Math.min(...pts.map((p) => p.lat))];
      hi = [Math.max(...pts.map((p) => p.lon)), Math.max(...pts.map((p) => p.lat))];
      const mx = Math.max(3, 0.2 * (hi[0] - lo[0])), my = Math.max(3, 0.2 * (hi[1] - lo[1]));
      lo = [lo[0] - mx, Math.max(-85, lo[1] - my)];
      hi = [hi[0] + mx, Math.min(85, hi[1] + my)];
    }
    const kx = Math.max(0.2, Math.cos(((lo[1] + hi[1]) / 2) * Math.PI / 180));
    const P = (lon, lat) => [lon * kx, -lat];
    // Initial view box around the places, at the picture's aspect ratio.
    let [x0, y0] = P(lo[0], hi[1]);
    let [x1, y1] = P(hi[0], lo[1]);
    let vw = x1 - x0, vh = y1 - y0;
    if (vw / vh < W / H) { const grow = vh * W / H - vw; x0 -= grow / 2; vw += grow; }
    else { const grow = vw * H / W - vh; y0 -= grow / 2; vh += grow; }
    const home = [x0, y0, vw, vh];
    let box = home.slice();

    const svg = s('svg', { class: 'map', viewBox: box.join(' '), role: 'img', 'aria-label': 'map of the events' });
    svg.appendChild(s('rect', { class: 'sea', x: -180 * kx - 50, y: -95, width: 360 * kx + 100, height: 190 }));
    const grat = s('g', { class: 'graticule' });
    for (let lon = -180; lon <= 180; lon += 10) grat.appendChild(s('line', { x1: lon * kx, x2: lon * kx, y1: -85, y2: 85 }));
    for (let lat = -80; lat <= 80; lat += 10) grat.appendChild(s('line', { x1: -180 * kx, x2: 180 * kx, y1: -lat, y2: -lat }));
    svg.appendChild(grat);
    const land = s('g', { class: 'countries' });
    for (const shape of shapes) {
      let d = '';
      for (const r of shape.rings) {
        d += r.map((p, i) => (i ? 'L' : 'M') + (p[0] * kx).toFixed(3) + ' ' + (-p[1]).toFixed(3)).join('') + 'Z';
      }
      land.appendChild(s('path', { class: 'country', d }, s('title', {}, shape.name)));
    }
    svg.appendChild(land);
    const marks = s('g', { class: 'places' });
    const maxEvents = Math.max(1, ...pts.map((p) => p.events.length));
    const sized = [];
    for (const p of pts) {
      const [x, y] = P(p.lon, p.lat);
      const rpx = 5 + 9 * Math.sqrt(p.events.length / maxEvents);
      const selected = placeFilter && (placeFilter === p.id || placeFilter.toLowerCase() === p.name.toLowerCase());
      const circle = s('circle', { class: 'place has-events' + (selected ? ' selected' : ''), cx: x, cy: y });
      const label = s('text', { class: 'place-label', x, y }, p.name);
      marks.appendChild(s('a', { class: 'place-link', href: p.id ? withQuery('#/', { place: p.id }) : null },
        s('title', {}, `${p.name}: ${p.events.length} event(s)`), circle, label));
      sized.push({ circle, label, rpx, x, y });
    }
    svg.appendChild(marks);

    let wrap = null, drawn = false;
    const pxPerUnit = () => (svg.getBoundingClientRect().width || W) / box[2];
    const apply = () => {
      if (drawn && !svg.isConnected) {  // the view was left
        window.removeEventListener('resize', apply);
        return;
      }
      svg.setAttribute('viewBox', box.map((v) => v.toFixed(4)).join(' '));
      const u = 1 / pxPerUnit();
      for (const m of sized) {
        m.circle.setAttribute('r', (m.rpx * u).toFixed(4));
        m.label.setAttribute('x', (m.x + (m.rpx + 3) * u).toFixed(4));
        m.label.setAttribute('y', (m.y + 4 * u).toFixed(4));
        m.label.setAttribute('font-size', (12 * u).toFixed(4));
      }
      svg.setAttribute('data-zoom', (home[2] / box[2]).toFixed(3));
    };
    const zoom = (factor, cx, cy) => {  // cx, cy: the fixed point in map units
      const nw = Math.min(400 * kx, Math.max(home[2] / 200, box[2] / factor));
      const f = box[2] / nw;
      box = [cx - (cx - box[0]) / f, cy - (cy - box[1]) / f, nw, box[3] / f];
      apply();
    };
    const centre = () => [box[0] + box[2] / 2, box[1] + box[3] / 2];
    svg.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      const cx = box[0] + ((ev.clientX - r.left) / r.width) * box[2];
      const cy = box[1] + ((ev.clientY - r.top) / r.height) * box[3];
      zoom(ev.deltaY < 0 ? 1.25 : 0.8, cx, cy);
    }, { passive: false });
    let drag = null;
    svg.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, box: box.slice(), moved: false };
    });
    svg.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) svg.setPointerCapture(ev.pointerId);
      drag.moved = true;
      const u = 1 / pxPerUnit();
      box = [drag.box[0] - dx * u, drag.box[1] - dy * u, box[2], box[3]];
      apply();
    });
    const end = () => {
      if (drag && drag.moved) svg.classList.add('dragged');
      drag = null;
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('click', (ev) => {  // a drag is not a click on a place
      if (svg.classList.contains('dragged')) {
        ev.preventDefault();
        svg.classList.remove('dragged');
      }
    }, true);
    const controls = h('div', { class: 'map-controls' },
      h('button', { type: 'button', class: 'zoom-in', title: 'zoom in', on: { click: () => zoom(1.5, ...centre()) } }, '+'),
      h('button', { type: 'button', class: 'zoom-out', title: 'zoom out', on: { click: () => zoom(1 / 1.5, ...centre()) } }, '−'),
      h('button', { type: 'button', class: 'zoom-reset', title: 'back to the events', on: { click: () => { box = home.slice(); apply(); } } }, 'Reset'));
    wrap = h('div', { class: 'map-wrap' }, controls, svg,
      outlineError ? h('p', { class: 'note map-missing' }, `Country outlines unavailable (${outlineError.message}): places are drawn without them.`) : null,
      h('p', { class: 'note' }, pts.length ? `${pts.length} place(s) with events; wheel or buttons to zoom, drag to pan, click a place to filter.`
        : 'No event of these filters has coordinates.'));
    // Sizes depend on the drawn width: set them once the SVG is in the page.
    requestAnimationFrame(() => { drawn = true; apply(); });
    window.addEventListener('resize', apply);
    apply();
    return wrap;
  }

  // -- One event with its evidence
  async function eventView(c, id) {
    const e = await api('events/' + encodeURIComponent(id));
    const actors = (e.actors || []).map((a) => (typeof a === 'object' && a ? a : { id: a, name: a }));
    const claimants = (e.claimants || []).map((a) => (typeof a === 'object' && a ? a.name || a.id : a));
    append(c, [
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← events')),
      h('h2', { class: 'event-title' }, e.summary),
      h('table', { class: 'facts' }, h('tbody', {},
        fact('Type', e.type, e.subtype ? badge('subtype', e.subtype) : null),
        fact('Date', e.date || 'undated'),
        fact('Place', e.location ? h('a', { href: withQuery('#/', { place: e.location }) }, e.location_name || e.location) : '—',
          typeof e.lat === 'number' ? h('span', { class: 'meta' }, ` (${e.lat.toFixed(3)}, ${e.lon.toFixed(3)})`) : null),
        fact('Status', statusBadge(e.status), claimants.length ? ` by ${claimants.join(', ')}` : ''),
        actors.length ? fact('Actors', actors.map((a, i) => [i ? ', ' : '', a.id ? h('a', { href: route('entity', a.id) }, a.name || a.id) : a.name])) : null,
        fact('Fatalities', e.fatalities === null || e.fatalities === undefined ? '—' : String(e.fatalities)),
        fact('Independent sources', badge('indep', e.independent_sources), ` of ${(e.documents || []).length} documents`)))]);
    const ev = e.evidence || [];
    c.appendChild(section(`Evidence (${ev.length})`,
      h('p', { class: 'note legend' }, 'Words that decided the event: ',
        ['type', 'status', 'date', 'place', 'actor', 'fatalities'].map((r) => [h('mark', { class: 'w-' + r }, r), ' '])),
      ev.length ? h('ol', { class: 'evidence' }, ev.map((x) => evidenceItem(x))) : h('p', { class: 'empty' }, 'No evidence stored.')));
    const changed = e.changed_in_copy || [];
    if (changed.length) {
      c.appendChild(section('Changed in copying', h('table', { class: 'drift' },
        h('thead', {}, h('tr', {}, ['Kind', 'The source says', 'The copy says', 'Copies'].map((t) => h('th', {}, t)))),
        h('tbody', {}, changed.map((d) => h('tr', {},
          h('td', {}, d.kind), h('td', {}, h('mark', { class: 'drift-source' }, d.source_text || '')),
          h('td', {}, h('mark', { class: 'drift' }, d.copy_text || '')),
          h('td', {}, (d.docs || []).map((doc) => [d.source_doc ? h('a', { href: route('compare', d.source_doc, doc) }, doc) : docLink(doc), ' ']))))))));
    }
    const sources = e.sources && e.sources.length ? e.sources : (e.documents || []).map((id2) => ({ id: id2 }));
    c.appendChild(section('Documents', h('ul', { class: 'sources' }, sources.map((d) => {
      const o = typeof d === 'object' && d ? d : { id: d };
      const id2 = o.id || o.doc;
      return h('li', {}, docLink(id2, o.title || id2), ' ', h('span', { class: 'meta' }, [o.outlet, o.published].filter(Boolean).join(' · ')));
    }))));
  }
  function fact(label, ...value) {
    return h('tr', {}, h('th', {}, label), h('td', {}, value));
  }
  function evidenceItem(x) {
    const text = x.text || '';
    const b = byteIndex(text);
    const spans = (x.words || []).map((w) => ({ start: b(w.start - x.start), end: b(w.end - x.start), cls: 'w-' + w.role, title: w.role }));
    return h('li', { class: 'evidence-item' },
      h('div', { class: 'ev-doc' }, h('a', { href: withQuery(route('doc', x.doc), { at: `${x.start}-${x.end}` }), class: 'evidence-link' }, x.doc),
        x.copy_of ? [' · copy of ', docLink(x.copy_of), ' · ', h('a', { href: route('compare', x.copy_of, x.doc), class: 'compare-link' }, 'compare')] : null),
      markedText(h('blockquote', {}), text, spans));
  }

  // -- One document: blocks with roles, entities, times, quantities, claims
  async function documentView(c, id, params) {
    const d = await api('documents/' + encodeURIComponent(id));
    const text = d.text || '';
    const b = byteIndex(text);
    const spans = [];
    const typeOf = (m) => m.type || m.entity_type || 'other';
    for (const m of d.mentions || []) {
      spans.push({ start: b(m.start), end: b(m.end), cls: 'm m-' + cssName(typeOf(m)), title: `${typeOf(m)}: ${m.name || m.text || ''} (${m.entity || m.id || ''})` });
    }
    for (const t of d.times || []) spans.push({ start: b(t.start), end: b(t.end), cls: 't', title: `time: ${t.value || ''}` });
    for (const q of d.quantities || []) {
      spans.push({ start: b(q.start), end: b(q.end), cls: 'qty', title: `quantity: ${q.qualifier ? q.qualifier + ' ' : ''}${q.value ?? ''}${q.about ? ' ' + q.about : ''}` });
    }
    for (const cl of d.claims || []) spans.push({ start: b(cl.start), end: b(cl.end), cls: 'claim', title: `claim by ${cl.speaker_name || 'unnamed'} (${cl.cue || ''})` });
    let at = null;
    const m = /^(\d+)-(\d+)$/.exec(params.get('at') || '');
    if (m) {
      at = [b(+m[1]), b(+m[2])];
      spans.push({ start: at[0], end: at[1], cls: 'hl-ev', title: 'the evidence you followed' });
    }
    const blocks = (d.blocks || []).length ? d.blocks : [{ role: 'body', start: 0, end: new TextEncoder().encode(text).length }];
    const body = h('div', { class: 'blocks' });
    for (const blk of blocks) {
      const s0 = b(blk.start), s1 = b(blk.end);
      const local = spans.filter((sp) => sp.end > s0 && sp.start < s1)
        .map((sp) => Object.assign({}, sp, { start: Math.max(sp.start, s0) - s0, end: Math.min(sp.end, s1) - s0 }));
      const junk = JUNK.has(blk.role);
      const holder = junk ? h('del', {}) : h('span', {});
      markedText(holder, text.slice(s0, s1), local);
      const isFocus = at && at[0] < s1 && at[1] > s0;
      body.appendChild(h('div', { class: `blk role-${cssName(blk.role)}${junk ? ' junk' : ''}${isFocus ? ' focus' : ''}` },
        h('span', { class: 'role', title: 'block role' }, blk.role), holder));
    }
    append(c, [
      h('h2', { class: 'doc-title' }, d.title || d.id),
      h('p', { class: 'doc-meta' }, [`id ${d.id}`, d.outlet, d.published ? `published ${d.published}` : null, d.author ? `by ${d.author}` : null,
        d.language, d.format, d.url ? `url ${d.url}` : null].filter(Boolean).join(' · ')),
      h('p', { class: 'controls' },
        h('label', {}, h('input', { type: 'checkbox', id: 'hide-junk', on: { change: (ev) => c.classList.toggle('hide-junk', ev.target.checked) } }), ' hide struck-out blocks'),
        h('span', { class: 'legend' }, ' ', ['place', 'person', 'group', 'organization'].map((t) => [h('mark', { class: 'm m-' + t }, t), ' ']),
          h('mark', { class: 't' }, 'time'), ' ', h('mark', { class: 'qty' }, 'quantity'), ' ', h('mark', { class: 'claim' }, 'claim'))),
      h('div', { class: 'doc-layout' }, h('article', { class: 'document' }, body), docSide(d))]);
  }
  function cssName(v) {
    return String(v || 'none').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  }
  function docSide(d) {
    const side = h('aside', { class: 'doc-side' });
    if ((d.events || []).length) {
      side.appendChild(h('h3', {}, 'Events'));
      side.appendChild(h('ul', {}, d.events.map((ev) => {
        const id = typeof ev === 'object' && ev ? ev.id : ev;
        return h('li', {}, h('a', { href: route('event', id) }, (typeof ev === 'object' && ev && ev.summary) || id));
      })));
    }
    const reuse = d.reuse || d.reuse_pairs || [];
    if (reuse.length) {
      side.appendChild(h('h3', {}, 'Copies'));
      side.appendChild(h('ul', {}, reuse.map((p) => h('li', {},
        p.source === d.id ? ['copied by ', docLink(p.copy)] : ['copy of ', docLink(p.source)], ' ',
        h('span', { class: 'meta' }, `${p.relation || ''} ${pct(p.coverage)}`), ' ',
        h('a', { href: route('compare', p.source, p.copy), class: 'compare-link' }, 'compare')))));
    }
    const ents = new Map();
    for (const m of d.mentions || []) {
      const key = m.entity || m.id || m.name || m.text;
      if (!ents.has(key)) ents.set(key, { id: m.entity || m.id, name: m.name || m.text, type: m.type, n: 0 });
      ents.get(key).n++;
    }
    if (ents.size) {
      side.appendChild(h('h3', {}, 'Entities'));
      side.appendChild(h('ul', { class: 'entities' }, [...ents.values()].sort((x, y) => y.n - x.n).map((e) => h('li', {},
        e.id ? h('a', { href: route('entity', e.id), class: 'entity-link' }, h('mark', { class: 'm m-' + cssName(e.type) }, e.name || e.id))
          : h('mark', { class: 'm m-' + cssName(e.type) }, e.name || ''), ` ×${e.n}`,
        e.type === 'place' && e.id ? [' ', h('a', { href: withQuery('#/', { place: e.id }) }, 'events')] : null))));
    }
    const table = (title, rows, heads) => {
      if (!rows.length) return;
      side.appendChild(h('h3', {}, title));
      side.appendChild(h('table', {}, h('thead', {}, h('tr', {}, heads.map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((v) => h('td', {}, v === null || v === undefined ? '' : String(v))))))));
    };
    table('Times', (d.times || []).map((t) => [t.text, t.value]), ['text', 'value']);
    table('Quantities', (d.quantities || []).map((q) => [q.text, q.value, q.about]), ['text', 'value', 'of']);
    table('Claims', (d.claims || []).map((cl) => [cl.speaker_name || '—', cl.cue, cl.text]), ['speaker', 'cue', 'claim']);
    return side;
  }

  // -- Two documents side by side
  async function compareView(c, a, bId) {
    const r = await api('compare', { a, b: bId });
    // Which side is the source: the API may say; the UI's links put the source first.
    // Without that, the side that holds the passages' source text is the source.
    const holds = (side, key) => (r.passages || []).filter((p) => p[key] && (side.text || '').includes(p[key])).length;
    const aIsSource = r.source ? r.source === r.a.id
      : r.flipped !== undefined ? !r.flipped : holds(r.b, 'source_text') <= holds(r.a, 'source_text');
    const src = aIsSource ? r.a : r.b, cpy = aIsSource ? r.b : r.a;
    const drift = r.drift || [];
    const find = (text, needle, context) => {
      if (!needle) return null;
      let from = 0;
      if (context) {
        const at = text.indexOf(context);
        if (at >= 0) {
          const inner = context.indexOf(needle);
          if (inner >= 0) return [at + inner, at + inner + needle.length];
          from = at;
        }
      }
      const at = text.indexOf(needle, from);
      return at >= 0 ? [at, at + needle.length] : null;
    };
    const spansFor = (text, isSource) => {
      const out = [];
      for (const p of r.passages || []) {
        const where = find(text, isSource ? p.source_text : p.copy_text);
        if (where) out.push({ start: where[0], end: where[1], cls: 'passage', title: `shared passage (${pct(p.similarity)} similar)` });
      }
      for (const d of drift) {
        const where = isSource ? find(text, d.source_text, d.source_context) : find(text, d.copy_text, d.copy_context);
        if (where) out.push({ start: where[0], end: where[1], cls: `${isSource ? 'drift-source' : 'drift'} drift-${drift.indexOf(d)}`, title: `${d.kind}: “${d.source_text || ''}” → “${d.copy_text || ''}”` });
      }
      return out;
    };
    const column = (side, role) => h('div', { class: 'compare-col' },
      h('h3', {}, h('span', { class: 'role' }, role), docLink(side.id, side.title || side.id)),
      markedText(h('div', { class: 'compare-text' }), side.text || '', spansFor(side.text || '', side === src)));
    append(c, [
      h('h2', {}, 'Compare'),
      h('p', { class: 'doc-meta' }, `${r.relation || 'reuse'}`, r.coverage !== undefined ? ` · coverage ${pct(r.coverage)}` : '',
        ` · ${(r.passages || []).length} shared passage(s) · ${drift.length} fact(s) changed`),
      drift.length ? h('table', { class: 'drift' },
        h('thead', {}, h('tr', {}, ['Kind', 'The source says', 'The copy says'].map((t) => h('th', {}, t)))),
        h('tbody', {}, drift.map((d, i) => h('tr', { class: 'drift-row', title: 'show it in both texts', on: { click: () => {
          for (const m of c.querySelectorAll('.compare-col mark.drift-' + i)) {
            m.scrollIntoView({ block: 'center' });
            m.classList.add('flash');
            setTimeout(() => m.classList.remove('flash'), 1500);
          }
        } } }, h('td', {}, d.kind), h('td', {}, h('mark', { class: 'drift-source' }, d.source_text || '—')),
          h('td', {}, h('mark', { class: 'drift' }, d.copy_text || '—')))))) : h('p', { class: 'note' }, 'No fact changed in copying.'),
      h('p', { class: 'note legend' }, h('mark', { class: 'passage' }, 'shared passage'), ' ', h('mark', { class: 'drift-source' }, 'the source’s wording'), ' ',
        h('mark', { class: 'drift' }, 'changed in the copy')),
      h('div', { class: 'compare' }, column(src, 'source'), column(cpy, 'copy'))]);
  }

  // -- Entities: places, people, groups, organizations, with their mention counts
  async function entitiesView(c, params) {
    const type = params.get('type') || '', q = params.get('q') || '';
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const list = await api('entities', { type, q, limit: 200, offset, sort: 'mentions' });
    const form = h('form', { class: 'filters' },
      h('label', { class: 'q' }, h('span', {}, 'Name'), h('input', { type: 'search', name: 'q', value: q })),
      h('label', {}, h('span', {}, 'Type'), h('select', { name: 'type' }, h('option', { value: '' }, 'any'),
        ['place', 'person', 'group', 'organization', 'other'].map((t) => h('option', { value: t, selected: t === type ? 'selected' : null }, t)))),
      h('button', { type: 'submit' }, 'Apply'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = {};
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) next[k] = String(v).trim();
      location.hash = withQuery('#/entities', next);
    });
    const rows = items(list);
    const keep = Object.assign({}, type ? { type } : {}, q ? { q } : {});
    append(c, [h('h2', {}, `Entities (${list.total})`), form,
      rows.length ? h('table', { class: 'entities' },
        h('thead', {}, h('tr', {}, ['Name', 'Type', 'Country', 'Mentions', 'Documents'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((e) => h('tr', {}, h('td', {}, h('a', { href: route('entity', e.id), class: 'entity-link' }, e.name || e.id)),
          h('td', {}, e.type || ''), h('td', {}, e.country || ''), h('td', { class: 'num' }, e.mentions ?? ''), h('td', { class: 'num' }, e.documents ?? '')))))
        : h('p', { class: 'empty' }, 'No entity.'),
      h('p', { class: 'pager' },
        offset > 0 ? h('a', { href: withQuery('#/entities', Object.assign({}, keep, offset > 200 ? { offset: offset - 200 } : {})) }, '← previous') : null, ' ',
        offset + rows.length < list.total ? h('a', { href: withQuery('#/entities', Object.assign({}, keep, { offset: offset + 200 })) }, 'next →') : null)]);
  }

  // -- One entity: where it is, the events there (places), every mention in context
  async function entityView(c, id) {
    const [e, events] = await Promise.all([
      api('entities/' + encodeURIComponent(id)),
      api('events', { place: id, limit: 500 }).catch(() => null)]);
    const mentions = e.mentions && Array.isArray(e.mentions) ? e.mentions : items(e.mentions);
    append(c, [
      h('h2', { class: 'entity-title' }, e.name || e.id, badge('subtype', e.type || '')),
      h('p', { class: 'doc-meta' }, [`id ${e.id}`, e.country ? `country ${e.country}` : null,
        typeof e.lat === 'number' && typeof e.lon === 'number' ? `${e.lat.toFixed(3)}, ${e.lon.toFixed(3)}` : null,
        `${mentions.length} mention(s)`].filter(Boolean).join(' · '))]);
    const placed = events ? items(events) : [];
    if (e.type === 'place' || placed.length) {
      c.appendChild(section(`Events here (${events ? events.total : 0})`,
        placed.length ? [h('p', {}, h('a', { href: withQuery('#/', { place: e.id }) }, 'on the map and timeline')), eventTable(placed, events.total)]
          : h('p', { class: 'empty' }, 'No event is placed here.')));
    }
    const byDoc = new Map();
    for (const m of mentions) {
      if (!byDoc.has(m.doc)) byDoc.set(m.doc, []);
      byDoc.get(m.doc).push(m);
    }
    c.appendChild(section(`Mentions in ${byDoc.size} document(s)`, h('ul', { class: 'mentions' }, [...byDoc].map(([doc, ms]) => h('li', {},
      docLink(doc), ': ', ms.map((m, i) => [i ? ', ' : '', h('a', { href: withQuery(route('doc', doc), { at: `${m.start}-${m.end}` }) }, m.text || '…')]))))));
  }

  // -- The copy graph: one diagram per copy family, then every pair
  async function copiesView(c) {
    const g = await api('copies');
    const nodes = new Map((g.nodes || []).map((n) => [n.id, n]));
    const edges = g.edges || [];
    const families = new Map();
    const familyOf = (id) => { const n = nodes.get(id); return (n && n.cluster) || 'solo:' + id; };
    for (const e of edges) {
      const key = familyOf(e.source);
      if (!families.has(key)) families.set(key, { ids: new Set(), edges: [] });
      const f = families.get(key);
      f.ids.add(e.source);
      f.ids.add(e.copy);
      f.edges.push(e);
    }
    const list = [...families.values()].sort((x, y) => y.ids.size - x.ids.size);
    c.appendChild(h('h2', {}, `Copy graph: ${edges.length} pair(s) in ${list.length} famil${list.length === 1 ? 'y' : 'ies'}`));
    if (!list.length) {
      c.appendChild(h('p', { class: 'empty' }, 'No document copies another.'));
      return;
    }
    const grid = h('div', { class: 'families' });
    for (const f of list.slice(0, 24)) grid.appendChild(familyDiagram(f, nodes));
    c.appendChild(grid);
    if (list.length > 24) c.appendChild(h('p', { class: 'note' }, `${list.length - 24} smaller families are only in the table.`));
    c.appendChild(section('Pairs', h('table', { class: 'pairs' },
      h('thead', {}, h('tr', {}, ['Source', 'Copy', 'Relation', 'Coverage', 'Similarity', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, edges.map((e) => h('tr', {}, h('td', {}, docLink(e.source)), h('td', {}, docLink(e.copy)), h('td', {}, e.relation || ''),
        h('td', { class: 'num' }, pct(e.coverage)), h('td', { class: 'num' }, pct(e.similarity)),
        h('td', {}, h('a', { href: route('compare', e.source, e.copy), class: 'compare-link' }, 'compare'))))))));
  }
  // A family's diagram: the source (the document no other copies) in the middle, copies
  // around it, farther with more steps from it. Small families show every pair with its
  // label; large ones only the pairs of a breadth-first tree from the source (the table has
  // them all), smaller marks and no labels but the source's (every mark has a tooltip).
  function familyDiagram(f, nodes) {
    const ids = [...f.ids];
    const n = ids.length;
    const big = n > 16;
    const R = n > 60 ? 5 : big ? 8 : 14;
    const W = big ? 1100 : 460, H = big ? Math.min(900, 300 + n * 3) : 320;
    const outDeg = new Map(ids.map((id) => [id, 0])), inDeg = new Map(ids.map((id) => [id, 0]));
    const next = new Map(ids.map((id) => [id, []]));
    for (const e of f.edges) {
      outDeg.set(e.source, outDeg.get(e.source) + 1);
      inDeg.set(e.copy, inDeg.get(e.copy) + 1);
      next.get(e.source).push([e, e.copy]);
      next.get(e.copy).push([e, e.source]);
    }
    const rootId = ids.slice().sort((x, y) => (inDeg.get(x) - inDeg.get(y)) || (outDeg.get(y) - outDeg.get(x)) || (x < y ? -1 : 1))[0];
    // Breadth-first from the source over the pairs (either direction); what it cannot
    // reach goes outermost.
    const depth = new Map([[rootId, 0]]), via = new Map();
    for (const queue = [rootId]; queue.length;) {
      const id = queue.shift();
      for (const [e, other] of next.get(id)) {
        if (depth.has(other)) continue;
        depth.set(other, depth.get(id) + 1);
        via.set(other, e);
        queue.push(other);
      }
    }
    // A radial tree: each copy at a radius by its distance from the source, inside the
    // angle its parent's subtree gets (in proportion to the leaves below it).
    const order = [...depth.keys()];  // breadth-first order
    const children = new Map(ids.map((id) => [id, []]));
    for (const id of order) {
      if (!via.has(id)) continue;
      const e = via.get(id);
      children.get(e.source === id ? e.copy : e.source).push(id);
    }
    const leaves = new Map();
    for (const id of order.slice().reverse()) {
      leaves.set(id, Math.max(1, children.get(id).reduce((sum, c) => sum + leaves.get(c), 0)));
    }
    const lost = ids.filter((id) => !depth.has(id)).sort();
    const maxDepth = Math.max(1, ...depth.values()) + (lost.length ? 1 : 0);
    const rx = W / 2 - 60, ry = H / 2 - 30;
    const pos = new Map([[rootId, [W / 2, H / 2]]]);
    const place = (id, r, a) => pos.set(id, [W / 2 + rx * r * Math.cos(a), H / 2 + ry * r * Math.sin(a)]);
    const span = new Map([[rootId, [-Math.PI / 2, 1.5 * Math.PI]]]);
    for (const id of order) {
      const [a0, a1] = span.get(id);
      let a = a0;
      for (const c of children.get(id).sort()) {
        const width = ((a1 - a0) * leaves.get(c)) / leaves.get(id);
        span.set(c, [a, a + width]);
        place(c, depth.get(c) / maxDepth, a + width / 2);
        a += width;
      }
    }
    lost.forEach((id, i) => place(id, 1, -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / lost.length));
    const svg = s('svg', { class: 'copy-graph' + (big ? ' big' : ''), viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'copy family' });
    const markerId = 'arrow-' + Math.random().toString(36).slice(2);
    svg.appendChild(s('defs', {}, s('marker', { id: markerId, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M0 0L10 5L0 10z' }))));
    const shown = big ? [...via.values()] : f.edges;
    for (const e of shown) {
      const [ax, ay] = pos.get(e.source), [bx, by] = pos.get(e.copy);
      const len = Math.hypot(bx - ax, by - ay) || 1;
      const ux = (bx - ax) / len, uy = (by - ay) / len;
      svg.appendChild(s('a', { class: 'edge rel-' + cssName(e.relation), href: route('compare', e.source, e.copy) },
        s('title', {}, `${e.source} → ${e.copy}: ${e.relation || ''}, coverage ${pct(e.coverage)}`),
        s('line', { x1: ax + ux * R, y1: ay + uy * R, x2: bx - ux * (R + 2), y2: by - uy * (R + 2), 'marker-end': `url(#${markerId})` }),
        big ? null : s('text', { x: (ax + bx) / 2, y: (ay + by) / 2 - 4 }, `${e.relation || ''} ${pct(e.coverage)}`)));
    }
    for (const id of ids) {
      const [x, y] = pos.get(id);
      const node = nodes.get(id) || {};
      const label = id.length > 24 ? id.slice(0, 23) + '…' : id;
      svg.appendChild(s('a', { class: 'node' + (id === rootId ? ' root' : ''), href: route('doc', id) },
        s('title', {}, `${id}${node.title ? ': ' + node.title : ''}${node.outlet ? ' (' + node.outlet + ')' : ''}`),
        s('circle', { cx: x, cy: y, r: R }), !big || id === rootId ? s('text', { x, y: y + R + 13 }, label) : null));
    }
    return h('figure', { class: 'family' + (big ? ' wide' : '') }, svg,
      h('figcaption', {}, `${n} documents, source ${rootId}`, big ? ` — ${shown.length} of ${f.edges.length} pairs drawn (how each copy is first reached); all are in the table` : ''));
  }

  // -- Documents list
  async function documentsView(c, params) {
    const f = filterParams(params);
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const list = await api('documents', Object.assign({ limit: 100, offset }, f));
    const form = h('form', { class: 'filters' },
      h('label', { class: 'q' }, h('span', {}, 'Search'), h('input', { type: 'search', name: 'q', value: f.q || '' })),
      h('label', {}, h('span', {}, 'Outlet'), h('input', { name: 'outlet', value: f.outlet || '' })),
      h('label', {}, h('span', {}, 'From'), h('input', { type: 'date', name: 'from', value: f.from || '' })),
      h('label', {}, h('span', {}, 'To'), h('input', { type: 'date', name: 'to', value: f.to || '' })),
      h('button', { type: 'submit' }, 'Apply'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = {};
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) next[k] = String(v).trim();
      location.hash = withQuery('#/documents', next);
    });
    const rows = items(list);
    append(c, [h('h2', {}, `Documents (${list.total})`), form,
      rows.length ? h('table', { class: 'doc-index' },
        h('thead', {}, h('tr', {}, ['Id', 'Title', 'Outlet', 'Published'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rows.map((d) => h('tr', {}, h('td', {}, docLink(d.id)), h('td', {}, d.title || ''), h('td', {}, d.outlet || ''), h('td', { class: 'nowrap' }, d.published || '')))))
        : h('p', { class: 'empty' }, 'No document.'),
      h('p', { class: 'pager' },
        offset > 0 ? h('a', { href: withQuery('#/documents', Object.assign({}, f, { offset: Math.max(0, offset - 100) })) }, '← previous') : null, ' ',
        offset + rows.length < list.total ? h('a', { href: withQuery('#/documents', Object.assign({}, f, { offset: offset + 100 })) }, 'next →') : null)]);
  }

  // ---- Start -----------------------------------------------------------------------------
  // The header's status line; polled, so a new run of the corpus is noticed and offered.
  let knownRun;
  async function showStatus() {
    const el = document.getElementById('status');
    try {
      const st = await api('status');
      const run = st.last_run && typeof st.last_run === 'object' ? st.last_run.id : st.last_run;
      el.replaceChildren(`${st.documents} documents · ${st.events} events · ${st.entities} entities · run ${run ?? '—'} · sitrep ${st.version || ''}` +
        (st.read_only ? ' · read-only' : ''));
      if (knownRun !== undefined && run !== knownRun) {
        el.appendChild(h('button', { type: 'button', class: 'refresh', on: { click: () => { knownRun = run; showStatus(); render(); } } },
          `new data (run ${run}): refresh`));
      } else {
        knownRun = run;
      }
    } catch (e) {
      el.textContent = 'The server does not answer: ' + e.message;
    }
  }
  function start() {
    window.addEventListener('hashchange', () => { render(); });
    const headerSearch = document.getElementById('header-search');
    if (headerSearch) {
      headerSearch.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const q = String(new FormData(headerSearch).get('q') || '').trim();
        location.hash = withQuery('#/', q ? { q } : {});
      });
    }
    // "/" jumps to the search box, as on many sites.
    document.addEventListener('keydown', (ev) => {
      const tag = (ev.target && ev.target.tagName) || '';
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
      const q = document.getElementById('q') || document.getElementById('hq');
      if (q) {
        ev.preventDefault();
        q.focus();
      }
    });
    showStatus();
    setInterval(() => { if (!document.hidden) showStatus(); }, 30000);
    render();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
