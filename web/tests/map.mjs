// The map of arms flows and the readable network in Debian's headless Chromium.
// Usage: node tests/map.mjs BASE_URL EXPECTED_QUOTE BIG_ROOT HOSTILE_NAME
// Prints one JSON object: what was checked, the draw timings, every request to another host.
//  1. the map of Russia since 2010: arcs, timings; the Iran -> Russia arc clicked, its sources shown;
//     a flow of an organisation whose name is markup chosen in the list: text only, nothing runs;
//  2. the same map for 1990-1995 draws that window's arcs; SVG and PNG exports download; India's
//     map of the 1980s puts the Soviet Union on a marker beside Russia;
//  3. every supplier's flows (the largest 300); the network of Russia since 2010: timing, tiers
//     beside the picture, labels apart, a node clicked (focus on its neighbourhood);
//  4. a network of 300+ entities (BIG_ROOT upstream, 2 hops): timing, the zoom button.
import { launch } from './browser.mjs';

const [base, quote, bigRoot, hostile] = process.argv.slice(2);
const own = new URL(base).origin;
const out = { errors: [], foreign: [], requests: 0 };

function watch(page) {
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) out.errors.push(`${r.status()} ${r.url()}`); });
  page.on('dialog', async (d) => { out.errors.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    out.requests += 1;
    if (new URL(url).origin !== own) out.foreign.push(url);
  });
}

const mapReady = (page, n) => page.waitForFunction((k) => {
  const el = document.getElementById('map');
  return el.dataset.state === 'ready' && Number(el.dataset.draws || 0) >= k;
}, n, { timeout: 60000 });
const netReady = (page) => page.waitForFunction(() => document.getElementById('cy').dataset.state === 'ready',
  null, { timeout: 60000 });

/** A point of an arc where the page's hit test finds that arc, in page pixels, or null. */
async function arcPoint(page, id) {
  return page.evaluate((flow) => {
    const g = document.querySelector(`#map g.flow[data-flow="${CSS.escape(flow)}"]`);
    if (!g) return null;
    const hit = g.querySelector('.arc-hit');
    const len = hit.getTotalLength();
    const m = hit.getScreenCTM();
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]) {
      const p = hit.getPointAtLength(len * t);
      const x = Math.round(m.a * p.x + m.c * p.y + m.e);
      const y = Math.round(m.b * p.x + m.d * p.y + m.f);
      if (document.elementFromPoint(x, y)?.closest('g.flow') === g) return { x, y, t };
    }
    return null;
  }, id);
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  watch(page);

  // 1. The map of Russia since 2010, opened from an address.
  const t0 = Date.now();
  await page.goto(`${base}/#entity=RUS&dir=up&hops=2&since=2010&view=map`, { waitUntil: 'load' });
  await mapReady(page, 1);
  out.mapOutsideMs = Date.now() - t0;
  out.map = await page.evaluate(() => window.armsgraph.mapTimings[0]);
  out.mapStatus = await page.textContent('#map-status');
  out.arcs = await page.$$eval('#map g.flow', (gs) => gs.map((g) => g.dataset.flow));
  out.flowsListed = await page.$$eval('#flows-list [role=option]', (els) => els.length);
  const answer = await page.evaluate(async () => (await fetch('/flows?country=RUS&since=2010&status=delivered&status=agreed&status=reported&status=planned&status=alleged&limit=300')).json());
  out.answerFlows = answer.flows.map((f) => `${f.source.key}>${f.target.key}`);
  out.countryPaths = await page.$$eval('#map g.countries path', (els) => els.length);
  out.markers = await page.$$eval('#map g.markers rect', (els) => els.map((e) => e.dataset.key));

  // click the Iran -> Russia arc where only it lies
  const at = await arcPoint(page, 'IRN>RUS');
  out.arcClickAt = at;
  if (at) {
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((q) => document.getElementById('sources-body').textContent.includes(q), quote, { timeout: 30000 })
      .catch(() => null);
    out.selected = await page.evaluate(() => window.armsgraph.state.link);
    out.sourcesText = (await page.textContent('#sources-body')).slice(0, 3000);
    out.quoteShown = out.sourcesText.includes(quote);
    out.sourceHrefs = await page.$$eval('#sources-body a', (as) => as.map((a) => a.getAttribute('href')));
    out.arcSelected = await page.$$eval('#map .arc.selected', (els) => els.map((e) => e.parentNode.dataset.flow));
  }

  // a name that is markup, in the list of flows and on the map, stays text; choosing it runs nothing
  out.hostileListed = await page.$$eval('#flows-list [role=option]', (els, name) => els.filter((e) => e.textContent.includes(name)).length, hostile);
  const hostileOption = await page.$(`#flows-list [role=option][data-flow^="img-src"]`);
  if (hostileOption) {
    await hostileOption.click();
    await page.waitForFunction(() => document.getElementById('sources-body').textContent.includes('A made-up network'),
      null, { timeout: 30000 }).catch(() => null);
    out.hostileSources = (await page.textContent('#sources-body')).includes(hostile);
  }
  out.hostileMarkup = await page.evaluate(() => document.querySelectorAll('#map b, #map img, #flows-list b, #flows-list img, #sources-body b, #sources-body img').length);
  out.pwned = await page.evaluate(() => window.__pwned ?? null);

  // 2. Another window: 1990-1995.
  await page.evaluate(() => {
    for (const [id, year] of [['since', '1990'], ['until', '1995']]) {
      const el = document.getElementById(id);
      el.value = year;
      el.dispatchEvent(new Event('input'));
      el.dispatchEvent(new Event('change'));
    }
  });
  await mapReady(page, 2);
  out.window2Status = await page.textContent('#map-status');
  out.window2Arcs = await page.$$eval('#map g.flow', (gs) => gs.map((g) => g.dataset.flow));
  out.window2Hash = await page.evaluate(() => window.location.hash);

  // exports: SVG and PNG files, made in the page
  for (const [button, name] of [['#map-svg', 'svg'], ['#map-png', 'png']]) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click(button)]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    out[`${name}Export`] = { file: download.suggestedFilename(), size: bytes.length, head: bytes.subarray(0, 60).toString('latin1') };
  }

  // a former state on a marker beside its successor: India's suppliers of the 1980s
  const india = await context.newPage();
  watch(india);
  await india.goto(`${base}/#entity=IND&since=1980&until=1990&view=map`, { waitUntil: 'load' });
  await mapReady(india, 1);
  out.formerMarkers = await india.$$eval('#map g.markers circle', (els) => els.map((e) => ({ key: e.dataset.key, title: e.textContent })));
  out.indiaArcs = await india.$$eval('#map g.flow', (gs) => gs.map((g) => g.dataset.flow));
  await india.close();

  // 3. Every supplier's flows: the largest 300.
  await page.evaluate(() => {
    const since = document.getElementById('since');
    const until = document.getElementById('until');
    since.value = '2010'; until.value = '2026';
    until.dispatchEvent(new Event('input'));
    until.dispatchEvent(new Event('change'));
    document.getElementById('map-focus').checked = false;
    document.getElementById('map-focus').dispatchEvent(new Event('change'));
  });
  await mapReady(page, 3);
  out.globalStatus = await page.textContent('#map-status');

  // the network of Russia since 2010, from the tab
  await page.click('#tab-network');
  await netReady(page);
  const fresh = await context.newPage();
  watch(fresh);
  const t1 = Date.now();
  await fresh.goto(`${base}/#entity=RUS&dir=up&hops=2&since=2010`, { waitUntil: 'load' });
  await netReady(fresh);
  out.networkOutsideMs = Date.now() - t1;
  out.network = await fresh.evaluate(() => window.armsgraph.timings[0]);
  out.networkStatus = await fresh.textContent('#network-status');
  out.tiersBeside = await fresh.evaluate(() => {
    const cy = document.getElementById('cy').getBoundingClientRect();
    const tiers = document.getElementById('tiers-details').getBoundingClientRect();
    return tiers.left >= cy.right - 1 && tiers.top < cy.bottom && tiers.bottom > cy.top;
  });
  out.canvas = await fresh.evaluate(() => { const r = document.getElementById('cy').getBoundingClientRect(); return [r.width, r.height]; });
  out.labelOverlaps = await fresh.evaluate(() => {
    const boxes = window.armsgraph.cy.nodes().map((n) => n.boundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false, includeUnderlays: false }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps += 1;
      }
    }
    return { overlaps, labels: boxes.length };
  });
  out.widths = await fresh.evaluate(() => window.armsgraph.cy.edges().map((e) => e.data('width')));
  // click Iran: its neighbourhood stays, the rest fades
  const node = await fresh.evaluate(() => {
    const n = window.armsgraph.cy.getElementById('IRN');
    const c = document.getElementById('cy').getBoundingClientRect();
    const p = n.renderedPosition();
    return n.empty() ? null : { x: Math.round(c.left + p.x), y: Math.round(c.top + p.y) };
  });
  if (node) {
    await fresh.mouse.click(node.x, node.y);
    await fresh.waitForTimeout(600);
    out.focus = await fresh.evaluate(() => {
      const cy = window.armsgraph.cy;
      return { faded: cy.elements('.faded').length, focused: cy.nodes('.focus').map((n) => n.id()),
        kept: cy.elements().not('.faded').nodes().map((n) => n.id()), showAll: !document.getElementById('focus-clear').hidden };
    });
  }
  await fresh.click('#focus-clear');
  await fresh.waitForTimeout(300);
  out.unfocused = await fresh.evaluate(() => window.armsgraph.cy.elements('.faded').length);
  await fresh.close();

  // 4. 300+ entities.
  const big = await context.newPage();
  watch(big);
  const t2 = Date.now();
  await big.goto(`${base}/#entity=${encodeURIComponent(bigRoot)}&dir=up&hops=2`, { waitUntil: 'load' });
  await netReady(big);
  out.bigOutsideMs = Date.now() - t2;
  out.big = await big.evaluate(() => window.armsgraph.timings[0]);
  // zoom in with the button: the view stays interactive
  const z = await big.evaluate(() => window.armsgraph.cy.zoom());
  await big.click('#zoom-in');
  out.zoomed = (await big.evaluate(() => window.armsgraph.cy.zoom())) / z;
  await big.close();
} catch (e) {
  out.errors.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
