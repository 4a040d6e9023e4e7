// The supplier-network explorer: search, entity view, network view, map of arms flows, sources of a
// link, exports.
import { allChains, getJSON, url } from './api.js';
import { h, Listbox } from './dom.js';
import { mapPanel } from './mappanel.js';
import { buildModel, linkLabel, NetworkView } from './network.js';
import { renderEntity, renderLink, renderTiers } from './views.js';

const $ = (id) => document.getElementById(id);
const YEAR_MIN = 1950;
const YEAR_MAX = 2026;

const state = {
  key: null, name: null, up: true, down: true, hops: 2, since: YEAR_MIN, until: YEAR_MAX,
  hideDenied: true, showAlleged: true, measure: 'pagerank', model: null, sizes: null, link: null,
  widthBy: 'tiv', view: 'network', flows: null,
};
// For tests and the curious: the state, the Cytoscape instance and the draw timings.
const debug = { state, timings: [], mapTimings: [], cy: null };
window.armsgraph = debug;

const toggles = () => ({ hideDenied: state.hideDenied, showAlleged: state.showAlleged });
const windowParams = () => ({
  since: state.since > YEAR_MIN ? state.since : null,
  until: state.until < YEAR_MAX ? state.until : null,
});

function setStatus(text) { $('network-status').textContent = text; }

function writeHash() {
  const p = new URLSearchParams();
  if (state.key) p.set('entity', state.key);
  p.set('dir', state.up && state.down ? 'both' : state.up ? 'up' : 'down');
  p.set('hops', state.hops);
  if (state.since > YEAR_MIN) p.set('since', state.since);
  if (state.until < YEAR_MAX) p.set('until', state.until);
  if (state.view === 'map') p.set('view', 'map');
  history.replaceState(null, '', `#${p}`);
}

function readHash() {
  const p = new URLSearchParams(window.location.hash.slice(1));
  const dir = p.get('dir') || 'both';
  state.up = dir !== 'down';
  state.down = dir !== 'up';
  state.hops = Math.min(3, Math.max(1, Number(p.get('hops')) || 2));
  state.since = Number(p.get('since')) || YEAR_MIN;
  state.until = Number(p.get('until')) || YEAR_MAX;
  $('dir-up').checked = state.up;
  $('dir-down').checked = state.down;
  $('hops').value = String(state.hops);
  $('since').value = state.since;
  $('until').value = state.until;
  $('since-out').value = state.since;
  $('until-out').value = state.until;
  state.view = p.get('view') === 'map' ? 'map' : 'network';
  return p.get('entity');
}

// --- search ---------------------------------------------------------------------------------

const input = $('search-input');
const list = $('search-list');
let searchSeq = 0;
const search = new Listbox(input, list, (item) => { closeSuggestions(); input.value = item.name; openEntity(item.key); });

function closeSuggestions() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

async function suggest() {
  const q = input.value.trim();
  const seq = ++searchSeq;
  if (!q) { closeSuggestions(); return; }
  let items = [];
  try {
    items = (await getJSON('/entities', { q, limit: 8 })).items;
  } catch (e) {
    $('search-status').textContent = e.message;
  }
  if (seq !== searchSeq) return;
  const ql = q.toLowerCase();
  search.set(items, (item) => {
    const alias = item.aliases.find((a) => a.toLowerCase().includes(ql) && !item.name.toLowerCase().includes(ql));
    return h('li', {}, item.name, h('span', { class: 'type' }, item.type), alias ? h('span', { class: 'alias' }, `alias ${alias}`) : null);
  });
  list.hidden = !items.length;
  input.setAttribute('aria-expanded', String(items.length > 0));
  $('search-status').textContent = items.length ? `${items.length} suggestions; arrow keys to move, Enter to open` : 'no match';
}

let searchTimer;
input.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(suggest, 120); });
input.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') closeSuggestions();
  if (ev.key === 'ArrowDown' && list.hidden && search.items.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
});
input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));

// --- entity and network ---------------------------------------------------------------------

async function openEntity(key) {
  state.key = key;
  state.link = null;
  writeHash();
  $('sources-body').replaceChildren(h('p', { class: 'hint' }, 'Click a line of the network, or pick one from the list of links, to see who says so.'));
  loadEntity(key);
  if (state.view === 'map') loadMap();
  await loadNetwork();
}

async function loadEntity(key) {
  const body = $('entity-body');
  body.replaceChildren(h('p', { class: 'hint' }, 'Loading…'));
  try {
    const data = await getJSON(`/entities/${encodeURIComponent(key)}`, { limit: 100 });
    state.name = data.name;
    renderEntity(body, $('entity-title'), data, { onOpen: openEntity });
  } catch (e) {
    body.replaceChildren(h('p', {}, e.message));
  }
}

let netAbort = null;
async function loadNetwork() {
  if (!state.key) return;
  if (netAbort) netAbort.abort();
  const abort = (netAbort = new AbortController());
  const directions = [state.up && 'upstream', state.down && 'downstream'].filter(Boolean);
  setStatus('Loading the network…');
  const cyEl = $('cy');
  cyEl.dataset.state = 'loading';
  const t0 = performance.now();
  loadSizes();
  loadTiers(directions, abort.signal);
  let answers;
  try {
    answers = await Promise.all(directions.map(async (direction) => ({
      direction,
      ...(await allChains({ root: state.key, direction, max_hops: state.hops, ...windowParams() }, { signal: abort.signal })),
    })));
  } catch (e) {
    if (e.name === 'AbortError') return;
    setStatus(`Could not load the network: ${e.message}`);
    cyEl.dataset.state = 'error';
    return;
  }
  if (abort.signal.aborted) return;
  const t1 = performance.now();
  const root = answers[0]?.root || { key: state.key, name: state.name || state.key };
  state.model = buildModel(root.key, root.name, answers);
  state.model.label = `${directions.join(' and ')}, ${state.hops} hop${state.hops > 1 ? 's' : ''}, ${state.since}–${state.until}`;
  state.reports = Object.assign({}, ...answers.map((a) => a.reports));
  await redraw({ apiMs: t1 - t0, t1 });
  if (abort !== netAbort) return; // a newer load (the slider moved on) will say when it is ready
  updateExports();
  markReady();
}

async function loadTiers(directions, signal) {
  const body = $('tiers-body');
  try {
    const answers = await Promise.all(directions.map(async (direction) => ({
      direction,
      ...(await getJSON('/chains', { root: state.key, direction, max_hops: state.hops, view: 'tiers', limit: 15, ...windowParams() }, { signal })),
    })));
    renderTiers(body, answers, { onOpen: openEntity });
  } catch (e) {
    if (e.name !== 'AbortError') body.replaceChildren(h('p', {}, `Could not load the tiers: ${e.message}`));
  }
}

function markReady() {
  const cyEl = $('cy');
  cyEl.dataset.state = 'ready';
  cyEl.dataset.draws = String(debug.timings.length);
}

async function redraw(timing) {
  const t1 = timing?.t1 ?? performance.now();
  const { nodes, links } = await view.draw(state.model, toggles(), state.sizes, state.widthBy);
  const drawMs = performance.now() - t1;
  setStatus(`${state.model.nodes.get(state.model.rootKey).name}: ${nodes} entities, ${links.length} links ` +
    `(${state.model.label}); drawn in ${Math.round(drawMs)} ms`);
  debug.timings.push({ root: state.key, up: state.up, down: state.down, apiMs: timing?.apiMs ?? 0, drawMs, nodes, links: links.length });
  renderLinkList(links);
  if (state.link) view.select(state.link);
}

async function loadSizes() {
  const measure = state.measure;
  if (!measure) { state.sizes = null; view.cy.nodes().data('size', 24); return; }
  try {
    const data = await getJSON('/centrality', { measure, top: 1000, ...windowParams() });
    if (measure !== state.measure) return;
    state.sizes = new Map(data.rows.map((r) => [r.key, r.score]));
    view.resize(state.sizes);
  } catch (e) {
    state.sizes = null;
  }
}

// --- links: the list (keyboard) and the sources panel ----------------------------------------

const linksList = $('links-list');
const linkBox = new Listbox(linksList, linksList, (item) => selectLink(item.link.id));

function renderLinkList(links) {
  const sorted = [...links].sort((a, b) => (a.link.source_name || '').localeCompare(b.link.source_name || '')
    || (a.link.target_name || '').localeCompare(b.link.target_name || ''));
  linkBox.set(sorted, ({ link, edges }) => h('li', { 'data-link': link.id },
    `${link.source_name} → ${link.target_name}`, h('span', { class: 'hint' }, `  ${linkLabel(link, edges)}`)));
}

async function selectLink(id) {
  view.select(id);
  for (const li of linksList.children) li.classList.toggle('active', li.dataset.link === id);
  const link = state.model?.links.get(id);
  if (!link) return;
  await showSources(id, link.source, link.source_name, link.target, link.target_name);
}

/** The sources panel for the facts from `source` to `target` in the time window. */
async function showSources(id, source, sourceName, target, targetName) {
  state.link = id;
  const body = $('sources-body');
  body.replaceChildren(h('p', { class: 'hint' }, `Loading the sources of ${sourceName} → ${targetName}…`));
  try {
    const data = await getJSON('/ui/links', { source, target, limit: 200, ...windowParams() });
    if (state.link !== id) return;
    renderLink(body, data);
  } catch (e) {
    body.replaceChildren(h('p', {}, e.message));
  }
}

// --- the map of arms flows (mappanel.js) -----------------------------------------------------

const { loadMap, mapIfShown } = mapPanel({ state, windowParams, showSources, debug });

// --- the tabs: network or map -------------------------------------------------------------------

function showView(name, { focus = false, load = true } = {}) {
  state.view = name;
  for (const [tab, panel, which] of [['tab-network', 'network-view', 'network'], ['tab-map', 'map-view', 'map']]) {
    const on = which === name;
    $(tab).setAttribute('aria-selected', String(on));
    $(tab).tabIndex = on ? 0 : -1;
    $(panel).hidden = !on;
    if (on && focus) $(tab).focus();
  }
  $('network-panel').classList.toggle('map-active', name === 'map'); // direction, node size: the network's only
  writeHash();
  if (name === 'network' && state.model) redraw().then(markReady); // laid out again for the panel's size
  if (load) mapIfShown();
}
$('tab-network').addEventListener('click', () => showView('network'));
$('tab-map').addEventListener('click', () => showView('map'));
for (const id of ['tab-network', 'tab-map']) {
  $(id).addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
      ev.preventDefault();
      showView(state.view === 'map' ? 'network' : 'map', { focus: true });
    }
  });
}

// --- exports --------------------------------------------------------------------------------

function updateExports() {
  for (const [id, format] of [['export-png', 'png'], ['export-bundle', 'bundle']]) {
    const a = $(id);
    a.href = url('/export', { around: state.key, hops: state.hops, types: 'SUPPLIES', format, ...windowParams() });
    a.setAttribute('download', '');
    a.removeAttribute('aria-disabled');
  }
}

// --- controls -------------------------------------------------------------------------------

const view = new NetworkView($('cy'), {
  onSelectLink: selectLink,
  onOpenEntity: openEntity,
  onFocus: (key, name) => {
    $('focus-clear').hidden = !key;
    if (key) setStatus(`${name}: its neighbourhood (click the background or "Show all" for the whole network; double-click to open it)`);
  },
});
debug.cy = view.cy;
$('zoom-in').addEventListener('click', () => view.zoomBy(1.4));
$('zoom-out').addEventListener('click', () => view.zoomBy(1 / 1.4));
$('zoom-fit').addEventListener('click', () => view.cy.animate({ fit: { padding: 30 }, duration: 200 }));
$('focus-clear').addEventListener('click', () => view.focus(null));
$('width-by').addEventListener('change', (ev) => { state.widthBy = ev.target.value; view.setWidths(toggles(), state.widthBy); });

let reloadTimer;
function reloadSoon() {
  writeHash();
  $('cy').dataset.state = 'pending';
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => { loadNetwork(); updateExports(); mapIfShown(); }, 200);
}

for (const id of ['since', 'until']) {
  const el = $(id);
  el.addEventListener('input', () => {
    let since = Number($('since').value);
    let until = Number($('until').value);
    if (since > until) {
      if (id === 'since') until = since; else since = until;
      $('since').value = since;
      $('until').value = until;
    }
    state.since = since;
    state.until = until;
    $('since-out').value = since;
    $('until-out').value = until;
  });
  el.addEventListener('change', reloadSoon);
}
$('dir-up').addEventListener('change', (ev) => { state.up = ev.target.checked; if (!state.up && !state.down) { state.down = true; $('dir-down').checked = true; } reloadSoon(); });
$('dir-down').addEventListener('change', (ev) => { state.down = ev.target.checked; if (!state.up && !state.down) { state.up = true; $('dir-up').checked = true; } reloadSoon(); });
$('hops').addEventListener('change', (ev) => { state.hops = Number(ev.target.value); reloadSoon(); });
$('hide-denied').addEventListener('change', (ev) => { state.hideDenied = ev.target.checked; if (state.model) redraw().then(markReady); mapIfShown(); });
$('show-alleged').addEventListener('change', (ev) => { state.showAlleged = ev.target.checked; if (state.model) redraw().then(markReady); mapIfShown(); });
$('measure').addEventListener('change', (ev) => { state.measure = ev.target.value; loadSizes(); });

const initial = readHash();
showView(state.view, { load: !initial });
if (initial) openEntity(initial);
