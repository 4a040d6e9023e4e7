// The map panel: loads GET /flows for the explorer's window and status filters, draws the map
// (map.js), lists the flows (the same content, for the keyboard), opens the sources of a flow, and
// exports the map as SVG or PNG, made in the page.
import { getJSON } from './api.js';
import { h, Listbox } from './dom.js';
import { flowId, flowLabel, loadWorld, MapView } from './map.js';

const $ = (id) => document.getElementById(id);
const STATUSES = ['delivered', 'agreed', 'reported', 'planned', 'alleged', 'denied'];

/** Wire the map panel; `showSources(id, source, sourceName, target, targetName)` fills the sources panel. */
export function mapPanel({ state, windowParams, showSources, debug }) {
  const mapEl = $('map');
  const flowsList = $('flows-list');
  const flowBox = new Listbox(flowsList, flowsList, (item) => selectFlow(item));
  const mapView = new MapView(mapEl, { onSelectFlow: (flow) => selectFlow(flow) });
  debug.map = mapView;
  loadWorld().catch(() => {}); // the countries load while the first answer is on its way (the map says it if they fail)
  let mapSeq = 0;
  let mapDrawnFor = null;

  const keptStatuses = () => STATUSES.filter((s) => !(s === 'denied' && state.hideDenied) && !(s === 'alleged' && !state.showAlleged));
  function mapParams() {
    return { country: $('map-focus').checked && state.key ? state.key : null, ...windowParams(),
      status: keptStatuses(), limit: Number($('map-limit').value) };
  }

  async function loadMap() {
    const params = mapParams();
    const wanted = JSON.stringify(params);
    const seq = ++mapSeq;
    mapEl.dataset.state = 'loading';
    $('map-status').textContent = 'Loading the flows…';
    const t0 = performance.now();
    let data;
    try {
      data = await getJSON('/flows', params);
    } catch (e) {
      if (seq !== mapSeq) return;
      $('map-status').textContent = `Could not load the flows: ${e.message}`;
      mapEl.dataset.state = 'error';
      return;
    }
    if (seq !== mapSeq) return;
    const t1 = performance.now();
    let drawn;
    try {
      drawn = await mapView.draw(data, params.country ? data.country?.key : null);
    } catch (e) {
      $('map-status').textContent = `Could not draw the map: ${e.message}`;
      mapEl.dataset.state = 'error';
      return;
    }
    if (seq !== mapSeq) return;
    const drawMs = performance.now() - t1;
    state.flows = data;
    mapDrawnFor = wanted;
    const who = data.country ? data.country.name : 'all suppliers and recipients';
    const shown = data.total > data.flows.length ? `the ${data.flows.length} largest of ${data.total} flows` : `${data.total} flows`;
    $('map-status').textContent = `${who}, ${state.since}–${state.until}: ${shown}, ${data.deals} deals, ` +
      `TIV ${Math.round(data.tiv_delivered).toLocaleString('en')} delivered; ${drawn.arcs} arcs` +
      (drawn.unplaced.length ? `, ${drawn.unplaced.length} not on the map (no country)` : '') + `; drawn in ${Math.round(drawMs)} ms`;
    debug.mapTimings.push({ country: data.country?.key ?? null, apiMs: t1 - t0, drawMs, arcs: drawn.arcs, flows: data.flows.length });
    const unplaced = new Set(drawn.unplaced.map(flowId));
    flowBox.set(data.flows, (f) => h('li', { 'data-flow': flowId(f) }, `${f.source.name} → ${f.target.name}`,
      h('span', { class: 'hint' }, `  ${flowLabel(f)}${unplaced.has(flowId(f)) ? ' · not on the map' : ''}`)));
    mapEl.dataset.state = 'ready';
    mapEl.dataset.draws = String(debug.mapTimings.length);
  }

  function selectFlow(flow) {
    const id = flowId(flow);
    mapView.select(id);
    for (const li of flowsList.children) li.classList.toggle('active', li.dataset.flow === id);
    showSources(id, flow.source.key, flow.source.name, flow.target.key, flow.target.name);
  }

  function mapIfShown() {
    if (state.view === 'map' && JSON.stringify(mapParams()) !== mapDrawnFor) loadMap();
  }

  function download(name, blob) {
    const a = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const mapName = () => `armsgraph-flows-${state.flows?.country?.key || 'all'}-${state.since}-${state.until}`;
  $('map-svg').addEventListener('click', () => {
    const text = mapView.svgText();
    if (text) download(`${mapName()}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  });
  $('map-png').addEventListener('click', async () => {
    const blob = await mapView.pngBlob();
    if (blob) download(`${mapName()}.png`, blob);
  });
  $('map-focus').addEventListener('change', mapIfShown);
  $('map-limit').addEventListener('change', mapIfShown);

  return { loadMap, mapIfShown };
}
