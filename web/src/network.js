// The network view: supplier chains (upstream and downstream of a root) drawn with Cytoscape.js.
// Suppliers sit in columns to the left of the root by hop, recipients to the right, so the picture
// reads left to right as weapons flow; positions are computed here (no force layout), so the first
// view draws at once even with hundreds of links.
import cytoscape from 'cytoscape';

const ROW = 60; // a node and its label below, with a gap
const GAP = 24; // between the labels of neighbouring sub-columns
const HOP_GAP = 140; // between hops, where the lines run

/** Nodes and links (one per supplier -> recipient pair) from /chains answers. */
export function buildModel(rootKey, rootName, answers) {
  const nodes = new Map([[rootKey, { key: rootKey, name: rootName, level: 0 }]]);
  const links = new Map();
  const add = (key, name, level) => {
    const n = nodes.get(key);
    if (!n) nodes.set(key, { key, name: name || key, level });
    else if (Math.abs(level) < Math.abs(n.level)) n.level = level;
  };
  for (const { direction, chains } of answers) {
    for (const chain of chains) {
      chain.links.forEach((link, i) => {
        if (direction === 'upstream') add(link.source, link.source_name, -(i + 1));
        else add(link.target, link.target_name, i + 1);
        const id = `${link.source}>${link.target}`;
        if (!links.has(id)) links.set(id, { id, ...link });
      });
    }
  }
  return { rootKey, nodes, links };
}

export function edgeState(e) {
  return e.source_type === 'sipri' ? 'register' : (e.status || 'reported');
}

/** The edges of a link that the status toggles keep. */
export function keptEdges(link, { hideDenied, showAlleged }) {
  return link.edges.filter((e) => {
    const s = edgeState(e);
    return !(hideDenied && s === 'denied') && !(!showAlleged && s === 'alleged');
  });
}

export function linkLabel(link, edges) {
  const weapons = [];
  for (const e of edges) {
    for (const w of e.weapons || (e.weapon ? [e.weapon] : [])) if (!weapons.includes(w)) weapons.push(w);
  }
  const more = link.deals > link.edges.length ? '+' : '';
  const shown = weapons.slice(0, 2).join(', ') + (weapons.length > 2 || more ? ` +${Math.max(weapons.length - 2, 0)}${more}` : '');
  const years = link.first_year == null ? '' : link.last_year && link.last_year !== link.first_year
    ? `${link.first_year}–${link.last_year}` : String(link.first_year);
  return [shown, years].filter(Boolean).join(' · ');
}

function linkClass(edges) {
  const states = edges.map(edgeState);
  const firm = states.some((s) => !['alleged', 'denied'].includes(s));
  const cls = [firm ? (states.every((s) => s === 'register') ? 'register' : 'firm') : states.includes('alleged') ? 'alleged' : 'denied'];
  if (edges.some((e) => e.disputed)) cls.push('disputed');
  return cls.join(' ');
}

/** Visible links and the nodes still connected to the root through them. */
export function visible(model, toggles) {
  const links = [];
  for (const link of model.links.values()) {
    const edges = keptEdges(link, toggles);
    if (edges.length) links.push({ link, edges });
  }
  const adj = new Map();
  for (const { link } of links) {
    for (const [a, b] of [[link.source, link.target], [link.target, link.source]]) {
      if (!adj.has(a)) adj.set(a, []);
      adj.get(a).push(b);
    }
  }
  const seen = new Set([model.rootKey]);
  const todo = [model.rootKey];
  while (todo.length) {
    for (const n of adj.get(todo.pop()) || []) if (!seen.has(n)) { seen.add(n); todo.push(n); }
  }
  return { links: links.filter(({ link }) => seen.has(link.source) && seen.has(link.target)), keys: seen };
}

/** Rough width of a node's label at font-size 20 (the canvas measures it when it can). */
const measure = (() => {
  let ctx = null;
  return (text) => {
    ctx ??= document.createElement('canvas').getContext('2d');
    if (!ctx) return text.length * 11;
    ctx.font = '20px system-ui, sans-serif';
    return ctx.measureText(text).width;
  };
})();

/**
 * Columns by hop: suppliers left of the root, recipients right, so the picture reads left to right
 * as weapons flow. A hop with many entities wraps into sub-columns, each as wide as its longest
 * label, so no two labels overlap; the number of rows is chosen so that the picture, fitted to the
 * panel (`aspect` = width / height), is drawn at the largest scale.
 */
export function positions(model, keys, aspect = 1.6) {
  const levels = new Map();
  for (const key of keys) {
    const n = model.nodes.get(key);
    if (!levels.has(n.level)) levels.set(n.level, []);
    levels.get(n.level).push(n);
  }
  for (const col of levels.values()) col.sort((a, b) => a.name.localeCompare(b.name));
  const width = new Map([...keys].map((k) => [k, Math.max(60, measure(model.nodes.get(k).name || k)) + GAP]));
  const layout = (rows) => {
    const cols = [];
    let total = 0;
    for (const side of [-1, 1]) {
      for (let hop = 1; levels.has(side * hop); hop++) {
        const col = levels.get(side * hop);
        for (let i = 0; i < col.length; i += rows) {
          const part = col.slice(i, i + rows);
          const w = Math.max(...part.map((n) => width.get(n.key)));
          cols.push({ side, hop, part, w, first: i === 0 });
          total += w;
        }
      }
    }
    total += width.get(model.rootKey) + HOP_GAP * new Set(cols.map((c) => `${c.side}:${c.hop}`)).size;
    return { cols, w: total, h: Math.max(rows, 1) * ROW };
  };
  const biggest = Math.max(1, ...[...levels.values()].map((c) => c.length));
  let best = null;
  for (let rows = Math.min(4, biggest); rows <= biggest; rows++) {
    const l = layout(rows);
    const scale = Math.min(aspect / l.w, 1 / l.h); // relative: the panel is aspect x 1
    if (!best || scale > best.scale) best = { ...l, rows, scale };
  }
  const pos = { [model.rootKey]: { x: 0, y: 0 } };
  const rootHalf = width.get(model.rootKey) / 2;
  for (const side of [-1, 1]) {
    let x = rootHalf;
    for (const { side: s, part, w, first } of best.cols) {
      if (s !== side) continue;
      if (first) x += HOP_GAP;
      const stagger = part.length > 1 && Math.round(x / 10) % 2 ? ROW / 4 : 0; // neighbours' rows do not line up
      part.forEach((n, i) => { pos[n.key] = { x: side * (x + w / 2), y: (i - (part.length - 1) / 2) * ROW + stagger }; });
      x += w;
    }
  }
  return pos;
}

const STYLE = [
  { selector: 'node', style: {
    'background-color': '#5b7290', 'border-color': '#1b1f24', 'border-width': 1, width: 'data(size)', height: 'data(size)',
    label: 'data(name)', 'font-size': 20, color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3,
    'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    'min-zoomed-font-size': 6 } }, // names stay legible in the first, zoomed-out view
  { selector: 'node.root', style: { 'background-color': '#0a4fb0', 'border-width': 3, 'font-weight': 'bold' } },
  { selector: 'edge', style: {
    width: 'data(width)', 'line-color': '#4a5563', 'target-arrow-color': '#4a5563', 'target-arrow-shape': 'triangle',
    'curve-style': 'bezier', 'arrow-scale': 0.9, label: 'data(label)', 'font-size': 10, color: '#1b1f24',
    'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9,
    'text-background-padding': 1, 'min-zoomed-font-size': 8 } },
  { selector: 'edge.register', style: { 'line-color': '#7a8ba1', 'target-arrow-color': '#7a8ba1' } },
  { selector: 'edge.firm', style: { 'line-color': '#1b1f24', 'target-arrow-color': '#1b1f24' } },
  { selector: 'edge.alleged', style: { 'line-style': 'dashed', 'line-color': '#b35c00', 'target-arrow-color': '#b35c00' } },
  { selector: 'edge.denied', style: { 'line-style': 'dotted', 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' } },
  { selector: 'edge.disputed', style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' } },
  { selector: 'edge.near', style: { 'z-index': 5 } },
  { selector: 'edge:selected', style: { 'line-color': '#0a4fb0', 'target-arrow-color': '#0a4fb0', width: 5, 'z-index': 10 } },
  { selector: 'node:selected', style: { 'border-color': '#0a4fb0', 'border-width': 4 } },
  { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0, events: 'no' } },
  { selector: 'node.focus', style: { 'border-color': '#0a4fb0', 'border-width': 5 } },
];

/** Line width by delivered TIV or by deals: 1.5 to 12 px on a square-root scale over the links in view. */
export function lineWidths(links, by) {
  const value = ({ link, edges }) => (by === 'tiv' ? link.tiv_delivered || 0 : Math.max(link.deals || 0, edges.length));
  const max = Math.max(1e-9, ...links.map(value));
  return links.map((l) => 1.5 + 10.5 * Math.sqrt(value(l) / max));
}

export class NetworkView {
  constructor(container, { onSelectLink, onOpenEntity, onFocus = () => {} }) {
    this.cy = cytoscape({ container, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4,
      boxSelectionEnabled: false, textureOnViewport: false, hideEdgesOnViewport: false });
    this.cy.on('tap', 'edge', (ev) => onSelectLink(ev.target.id()));
    this.cy.on('tap', 'node', (ev) => this.focus(ev.target.id()));
    this.cy.on('tap', (ev) => { if (ev.target === this.cy) this.focus(null); });
    this.cy.on('dbltap', 'node', (ev) => onOpenEntity(ev.target.id()));
    this.model = null;
    this.focused = null;
    this.onFocus = onFocus;
    // The panel around the canvas changes height (status line, list of links): keep Cytoscape's
    // idea of its container, which maps mouse positions to elements, in step.
    new ResizeObserver(() => this.cy.resize()).observe(container);
  }

  /** Draw the visible part of `model`; resolves after the frame that shows it has been painted. */
  draw(model, toggles, sizes, widthBy = 'tiv') {
    this.model = model;
    this.focused = null;
    const { links, keys } = visible(model, toggles);
    const box = this.cy.container().getBoundingClientRect();
    const pos = positions(model, keys, box.width > 0 && box.height > 0 ? box.width / box.height : 1.6);
    const widths = lineWidths(links, widthBy);
    const elements = [];
    for (const key of keys) {
      const n = model.nodes.get(key);
      elements.push({ group: 'nodes', data: { id: key, name: n.name, size: 24 }, position: pos[key],
        classes: key === model.rootKey ? 'root' : '' });
    }
    links.forEach(({ link, edges }, i) => {
      const near = link.source === model.rootKey || link.target === model.rootKey ? ' near' : '';
      elements.push({ group: 'edges', classes: linkClass(edges) + near, data: {
        id: link.id, source: link.source, target: link.target, label: linkLabel(link, edges),
        width: widths[i] } });
    });
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.resize(sizes);
    this.cy.resize();
    this.cy.fit(undefined, 30);
    return new Promise((resolve) => {
      this.cy.one('render', () => requestAnimationFrame(() => resolve({ nodes: keys.size, links })));
      this.cy.forceRender();
    });
  }

  /** Node size by centrality score: 16 to 44 px (a row of the layout holds it and its label) on a square-root scale over the nodes in view. */
  resize(sizes) {
    if (!sizes) return;
    const nodes = this.cy.nodes();
    const max = Math.max(1e-12, ...nodes.map((n) => sizes.get(n.id()) || 0));
    this.cy.batch(() => nodes.forEach((n) => n.data('size', 16 + 28 * Math.sqrt((sizes.get(n.id()) || 0) / max))));
  }

  /** Line widths again (by 'tiv' or 'deals') without a new layout. */
  setWidths(toggles, by) {
    if (!this.model) return;
    const { links } = visible(this.model, toggles);
    const widths = lineWidths(links, by);
    this.cy.batch(() => links.forEach(({ link }, i) => this.cy.getElementById(link.id).data('width', widths[i])));
  }

  /** Focus on a node's neighbourhood (the node, its links and their other ends); null shows all. */
  focus(key) {
    const node = key ? this.cy.getElementById(key) : null;
    this.cy.batch(() => {
      this.cy.elements().removeClass('faded focus');
      if (node && node.nonempty()) {
        const hood = node.closedNeighborhood();
        this.cy.elements().not(hood).addClass('faded');
        node.addClass('focus');
      }
    });
    this.focused = node && node.nonempty() ? key : null;
    const shown = this.focused ? node.closedNeighborhood() : this.cy.elements();
    this.cy.stop();
    this.cy.animate({ fit: { eles: shown, padding: 40 }, duration: 250 });
    this.onFocus(this.focused, this.focused ? node.data('name') : null);
  }

  zoomBy(factor) {
    const c = this.cy.container().getBoundingClientRect();
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: c.width / 2, y: c.height / 2 } });
  }

  select(id) {
    this.cy.elements().unselect();
    const el = this.cy.getElementById(id);
    if (el.nonempty()) el.select();
  }
}
