// The network view: supplier chains (upstream and downstream of a root) drawn with Cytoscape.js.
// Suppliers sit in columns to the left of the root by hop, recipients to the right, so the picture
// reads left to right as weapons flow; positions are computed here (no force layout), so the first
// view draws at once even with hundreds of links.
import cytoscape from 'cytoscape';

const COLUMN = 300;
const ROW = 56;
const SUBCOLUMN = 170;

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

/**
 * Columns by hop: suppliers left of the root, recipients right. A hop with many entities wraps
 * into several sub-columns (at most MAX_ROWS high), so the picture stays about as wide as tall.
 */
function positions(model, keys) {
  const levels = new Map();
  for (const key of keys) {
    const n = model.nodes.get(key);
    if (!levels.has(n.level)) levels.set(n.level, []);
    levels.get(n.level).push(n);
  }
  const rows = Math.max(8, Math.ceil(Math.sqrt(keys.size * 1.2)));
  const pos = {};
  for (const side of [-1, 1]) {
    let x = 0;
    for (let hop = 1; levels.has(side * hop); hop++) {
      const col = levels.get(side * hop).sort((a, b) => a.name.localeCompare(b.name));
      const subs = Math.ceil(col.length / rows);
      x += COLUMN;
      col.forEach((n, i) => {
        const sub = Math.floor(i / rows);
        const inSub = Math.min(rows, col.length - sub * rows);
        const offset = subs > 1 && sub % 2 ? ROW / 2 : 0; // stagger so labels of neighbours do not line up
        pos[n.key] = { x: side * (x + sub * SUBCOLUMN), y: (i % rows - (inSub - 1) / 2) * ROW + offset };
      });
      x += (subs - 1) * SUBCOLUMN;
    }
  }
  pos[model.rootKey] = { x: 0, y: 0 };
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
];

export class NetworkView {
  constructor(container, { onSelectLink, onOpenEntity }) {
    this.cy = cytoscape({ container, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4,
      boxSelectionEnabled: false, textureOnViewport: false, hideEdgesOnViewport: false });
    this.cy.on('tap', 'edge', (ev) => onSelectLink(ev.target.id()));
    this.cy.on('dbltap', 'node', (ev) => onOpenEntity(ev.target.id()));
    this.model = null;
    // The panel around the canvas changes height (status line, list of links): keep Cytoscape's
    // idea of its container, which maps mouse positions to elements, in step.
    new ResizeObserver(() => this.cy.resize()).observe(container);
  }

  /** Draw the visible part of `model`; resolves after the frame that shows it has been painted. */
  draw(model, toggles, sizes) {
    this.model = model;
    const { links, keys } = visible(model, toggles);
    const pos = positions(model, keys);
    const elements = [];
    for (const key of keys) {
      const n = model.nodes.get(key);
      elements.push({ group: 'nodes', data: { id: key, name: n.name, size: 24 }, position: pos[key],
        classes: key === model.rootKey ? 'root' : '' });
    }
    for (const { link, edges } of links) {
      const near = link.source === model.rootKey || link.target === model.rootKey ? ' near' : '';
      elements.push({ group: 'edges', classes: linkClass(edges) + near, data: {
        id: link.id, source: link.source, target: link.target, label: linkLabel(link, edges),
        width: Math.min(1.5 + Math.log2(1 + link.deals), 7) } });
    }
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

  /** Node size by centrality score: 18 to 70 px on a square-root scale over the nodes in view. */
  resize(sizes) {
    if (!sizes) return;
    const nodes = this.cy.nodes();
    const max = Math.max(1e-12, ...nodes.map((n) => sizes.get(n.id()) || 0));
    this.cy.batch(() => nodes.forEach((n) => n.data('size', 18 + 52 * Math.sqrt((sizes.get(n.id()) || 0) / max))));
  }

  select(id) {
    this.cy.elements().unselect();
    const el = this.cy.getElementById(id);
    if (el.nonempty()) el.select();
  }
}
