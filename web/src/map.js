// The map of arms flows: countries from Natural Earth (the world-atlas TopoJSON, copied into the
// build: nothing is fetched from another host; outlines at 1:110m, which draw four times faster,
// and the centroids of the small states 1:110m leaves out, such as Bahrain, from 1:50m), flows from GET /flows as arcs between country
// centroids, wider for more delivered TIV. An organisation sits on a marker beside its country.
// Built as SVG from DOM nodes (names reach the page as text, never as markup), so the picture
// exports as SVG as it is, and as PNG through a canvas.
import { geoArea, geoCentroid, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';

const SVG = 'http://www.w3.org/2000/svg';
const WORLD = 'static/world/countries-110m.json';
const DETAIL = 'static/world/countries-50m.json';
const COLOURS = { firm: '#0f5f8c', alleged: '#b35c00', denied: '#b3261e' };
const DASH = { firm: null, alleged: '6 4', denied: '2 3' };

function el(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

let world = null;
let detail = null;

function fetchTopology(name) {
  return fetch(name).then((res) => {
    if (!res.ok) throw new Error(`the map's countries (${name}) are missing: run \`make web\``);
    return res.json();
  });
}

/** The shape (a GeoJSON feature) of each country in `wanted` (ISO numeric code or name) from the
 *  1:50m countries, converted one by one: only their centroids are used. */
async function detailShapes(wanted) {
  detail ??= fetchTopology(DETAIL);
  const topo = await detail;
  const found = new Map();
  for (const g of topo.objects.countries.geometries) {
    const key = g.id ? String(g.id) : g.properties.name;
    if (wanted.has(key) || wanted.has(g.properties.name)) found.set(wanted.has(key) ? key : g.properties.name, feature(topo, g));
  }
  return found;
}

/** The countries of the world (GeoJSON features with their ISO numeric `id`), loaded once. */
export function loadWorld() {
  world ??= fetchTopology(WORLD).then((topo) => {
    const features = feature(topo, topo.objects.countries).features;
    const byNumeric = new Map();
    const byName = new Map();
    for (const f of features) {
      if (f.id) byNumeric.set(String(f.id), f);
      byName.set(f.properties.name, f);
    }
    return { features, byNumeric, byName };
  });
  return world;
}

/** The centroid of a country's largest polygon (France's is in Europe, not between Europe and Guiana). */
function mainCentroid(f) {
  if (f.geometry.type !== 'MultiPolygon') return geoCentroid(f);
  let best = null;
  let area = -1;
  for (const coordinates of f.geometry.coordinates) {
    const poly = { type: 'Polygon', coordinates };
    const a = geoArea(poly);
    if (a > area) { area = a; best = poly; }
  }
  return geoCentroid(best);
}

export function flowId(f) { return `${f.source.key}>${f.target.key}`; }

export function flowKind(f) {
  const s = f.statuses || {};
  const firm = Object.keys(s).some((k) => !['alleged', 'denied'].includes(k));
  return firm ? 'firm' : s.alleged ? 'alleged' : 'denied';
}

export function flowLabel(f) {
  const years = f.first_year == null ? '' : f.last_year && f.last_year !== f.first_year
    ? ` · ${f.first_year}–${f.last_year}` : ` · ${f.first_year}`;
  return `TIV ${Math.round(f.tiv_delivered).toLocaleString('en')} · ${f.deals} deal${f.deals === 1 ? '' : 's'}${years}`;
}

export class MapView {
  constructor(container, { onSelectFlow }) {
    this.container = container;
    this.onSelectFlow = onSelectFlow;
    this.svg = null;
    this.selected = null;
  }

  /** Draw `data` (a /flows answer); resolves after the frame that shows it. `focus`: a key to stress. */
  async draw(data, focus) {
    const { features, byNumeric, byName } = await loadWorld();
    const box = this.container.getBoundingClientRect();
    const w = Math.max(320, Math.round(box.width) || 960);
    const h = Math.max(240, Math.round(box.height) || 520);
    const projection = geoNaturalEarth1().fitExtent([[6, 6], [w - 6, h - 6]], { type: 'Sphere' });
    const path = geoPath(projection);

    // where each country of the answer is drawn
    const shapes = new Map();
    const missing = [];
    for (const c of data.countries) {
      const f = (c.numeric && byNumeric.get(c.numeric)) || (c.shape_name && byName.get(c.shape_name));
      if (f) shapes.set(c.key, { country: c, feature: f, at: projection(mainCentroid(f)) });
      else if (c.numeric || c.shape_name) missing.push(c);
    }
    if (missing.length) { // small states: a marker-sized dot at their 1:50m centroid
      const found = await detailShapes(new Set(missing.map((c) => c.numeric || c.shape_name)));
      for (const c of missing) {
        const f = found.get(c.numeric || c.shape_name);
        if (f) shapes.set(c.key, { country: c, feature: null, at: projection(mainCentroid(f)) });
      }
    }
    // organisations, and former states (drawn on a successor's shape), on a ring of markers
    // around the centroid of the country they stand in
    const former = (end) => end.type === 'Country' && Boolean(shapes.get(end.key)?.country.placed_as);
    const orgs = new Map();
    for (const f of data.flows) {
      for (const end of [f.source, f.target]) {
        if ((end.type !== 'Country' || former(end)) && end.country && shapes.has(end.country)) {
          if (!orgs.has(end.country)) orgs.set(end.country, new Map());
          orgs.get(end.country).set(end.key, end);
        }
      }
    }
    const markers = new Map();
    for (const [country, ends] of orgs) {
      const [cx, cy] = shapes.get(country).at;
      [...ends.values()].sort((a, b) => a.key.localeCompare(b.key)).forEach((end, i, all) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(all.length, 6);
        markers.set(end.key, { end, country, at: [cx + 16 * Math.cos(angle), cy + 16 * Math.sin(angle)] });
      });
    }
    const place = (end) => markers.get(end.key)?.at ?? (end.type === 'Country' ? shapes.get(end.key)?.at : undefined);

    const involved = new Set(data.flows.flatMap((f) => [f.source.country, f.target.country]).filter(Boolean));
    const focusCountry = focus ? (shapes.has(focus) ? focus : markers.get(focus)?.country) : null;
    const land = el('g', { class: 'countries' });
    const keysOf = new Map(); // a shape -> the countries drawn on it (a former state shares its successor's)
    for (const { feature: f, country } of shapes.values()) keysOf.set(f, [...(keysOf.get(f) || []), country.key]);
    const outlines = this.outlines(features, path, `${w}x${h}`);
    features.forEach((f, i) => {
      const keys = keysOf.get(f) || [];
      const fill = keys.includes(focusCountry) ? '#b9cde6' : keys.some((k) => involved.has(k)) ? '#dfe7f1' : '#eef0f2';
      land.append(el('path', { d: outlines[i], fill, stroke: '#9aa5b1', 'stroke-width': 0.4 },
        el('title', {}, f.properties.name)));
    });
    for (const { feature: f, country, at } of shapes.values()) { // too small for the 1:110m outlines
      if (!f) land.append(el('circle', { cx: at[0].toFixed(1), cy: at[1].toFixed(1), r: 2.5, fill: '#dfe7f1',
        stroke: '#9aa5b1', 'stroke-width': 0.6 }, el('title', {}, country.name)));
    }

    const placed = [];
    const unplaced = [];
    for (const f of data.flows) {
      const p = place(f.source);
      const q = place(f.target);
      if (p && q && Math.hypot(q[0] - p[0], q[1] - p[1]) > 1) placed.push({ flow: f, p, q });
      else unplaced.push(f);
    }
    const maxTiv = Math.max(1e-9, ...placed.map(({ flow }) => flow.tiv_delivered));
    const defs = el('defs', {}, ...Object.entries(COLOURS).map(([kind, colour]) => el('marker', {
      id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      markerUnits: 'userSpaceOnUse', orient: 'auto' }, el('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }))));
    const arcs = el('g', { class: 'flows', fill: 'none' });
    // longest first, so the short arcs (which the fans of long ones around a hub cross) lie on top
    // and stay clickable; among equals, widest first
    const span = ({ p, q }) => Math.hypot(q[0] - p[0], q[1] - p[1]);
    placed.sort((a, b) => span(b) - span(a) || b.flow.tiv_delivered - a.flow.tiv_delivered);
    for (const { flow, p, q } of placed) {
      const kind = flowKind(flow);
      const width = flow.tiv_delivered > 0 ? 1 + 11 * Math.sqrt(flow.tiv_delivered / maxTiv) : 1.2;
      const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
      const c = [(p[0] + q[0]) / 2 + dy * 0.22, (p[1] + q[1]) / 2 - dx * 0.22]; // bends left of its direction
      const d = `M${p[0].toFixed(1)},${p[1].toFixed(1)} Q${c[0].toFixed(1)},${c[1].toFixed(1)} ${q[0].toFixed(1)},${q[1].toFixed(1)}`;
      const id = flowId(flow);
      const title = `${flow.source.name} → ${flow.target.name}: ${flowLabel(flow)}`;
      const g = el('g', { class: 'flow', 'data-flow': id },
        el('path', { class: `arc ${kind}`, d, stroke: COLOURS[kind], 'stroke-width': width.toFixed(2), 'stroke-opacity': 0.7,
          'stroke-dasharray': DASH[kind], 'stroke-linecap': 'round', 'marker-end': `url(#arrow-${kind})` }),
        el('path', { class: 'arc-hit', d, stroke: 'transparent', 'stroke-width': Math.max(9, width).toFixed(1),
          'pointer-events': 'stroke' }),
        el('title', {}, title));
      g.addEventListener('click', () => this.onSelectFlow(flow));
      arcs.append(g);
    }

    const ends = el('g', { class: 'markers' });
    for (const { end, country, at } of markers.values()) {
      const shape = shapes.get(country).country;
      if (former(end)) {
        const successor = data.countries.find((c) => c.key === shape.placed_as)?.name || shape.placed_as;
        ends.append(el('circle', { cx: at[0], cy: at[1], r: 4.5, fill: '#5b7290', stroke: '#fff', 'stroke-width': 1,
          'data-key': end.key }, el('title', {}, `${end.name} (former state, drawn on ${successor})`)));
        continue;
      }
      ends.append(el('rect', { x: at[0] - 4, y: at[1] - 4, width: 8, height: 8, transform: `rotate(45 ${at[0]} ${at[1]})`,
        fill: '#b35c00', stroke: '#fff', 'stroke-width': 1, 'data-key': end.key },
      el('title', {}, `${end.name} (${end.type === 'Organization' ? 'organisation' : end.type} in ${shape.name})`)));
    }

    // names of the focus and of the countries at the ends of the largest flows
    const named = new Set(focusCountry ? [focusCountry] : []);
    const drawn = new Set(placed.map(({ flow }) => flow));
    for (const flow of data.flows.filter((f) => drawn.has(f))) { // largest TIV first
      if (named.size >= 16) break;
      for (const end of [flow.source, flow.target]) if (end.country) named.add(end.country);
    }
    const labels = el('g', { class: 'labels', 'pointer-events': 'none', 'font-family': 'system-ui, sans-serif', 'font-size': 12, fill: '#1b1f24',
      stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke', 'text-anchor': 'middle' });
    const taken = []; // boxes of the names placed so far: a name that would overlap one is left out
    for (const key of named) {
      const s = shapes.get(key);
      if (!s || s.country.placed_as) continue;
      const half = 3.4 * s.country.name.length + 3;
      const box = [s.at[0] - half, s.at[1] - 20, s.at[0] + half, s.at[1] - 4];
      if (taken.some((t) => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3])) continue;
      taken.push(box);
      labels.append(el('text', { x: s.at[0].toFixed(1), y: (s.at[1] - 7).toFixed(1),
        'font-weight': key === focusCountry ? 700 : 400 }, s.country.name));
    }

    const svg = el('svg', { xmlns: SVG, viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: 'presentation' },
      el('rect', { width: w, height: h, fill: '#f7fbff' }), defs,
      el('path', { d: path({ type: 'Sphere' }), fill: '#f7fbff', stroke: '#c9d1db' }), land, arcs, ends, labels,
      el('text', { x: 10, y: h - 10, 'font-family': 'system-ui, sans-serif', 'font-size': 11, fill: '#4a5563' },
        'Line width: SIPRI TIV delivered. Countries: Natural Earth.'));
    this.container.replaceChildren(svg);
    this.svg = svg;
    if (this.selected) this.select(this.selected);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { arcs: placed.length, markers: markers.size, unplaced, countries: shapes.size };
  }

  /** The countries' outlines for one size of the map, kept: a new window redraws only the flows. */
  outlines(features, path, size) {
    if (this.outlineSize !== size) {
      this.outlineCache = features.map((f) => path(f));
      this.outlineSize = size;
    }
    return this.outlineCache;
  }

  select(id) {
    this.selected = id;
    if (!this.svg) return;
    for (const g of this.svg.querySelectorAll('g.flow')) {
      const on = g.dataset.flow === id;
      g.querySelector('.arc').classList.toggle('selected', on);
      if (on) g.parentNode.append(g); // on top
    }
  }

  /** The map as a standalone SVG document (without the invisible click targets). */
  svgText() {
    if (!this.svg) return null;
    const copy = this.svg.cloneNode(true);
    for (const hit of copy.querySelectorAll('.arc-hit')) hit.remove();
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
  }

  /** The map as a PNG (twice the drawn size), through a canvas. */
  async pngBlob() {
    const text = this.svgText();
    if (!text) return null;
    const w = Number(this.svg.getAttribute('width'));
    const h = Number(this.svg.getAttribute('height'));
    const src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    try {
      const img = new Image();
      await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = src; });
      const canvas = document.createElement('canvas');
      canvas.width = w * 2;
      canvas.height = h * 2;
      const ctx = canvas.getContext('2d');
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0, w, h);
      return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    } finally {
      URL.revokeObjectURL(src);
    }
  }
}
