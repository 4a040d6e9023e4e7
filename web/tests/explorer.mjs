// Drive the explorer in Debian's headless Chromium (playwright-core, no browser download).
// Usage: node tests/explorer.mjs BASE_URL EXPECTED_QUOTE SCREENSHOT.png
// Prints one JSON object: what was checked, the draw timings, and where the screenshot is.
import { launch } from './browser.mjs';

const [base, quote, shot] = process.argv.slice(2);
const out = { steps: [], errors: [] };
const step = (name, extra = {}) => out.steps.push({ name, ...extra });

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) out.errors.push(`${r.status()} ${r.url()}`); });
  const ready = async (n) => page.waitForFunction((k) => {
    const el = document.getElementById('cy');
    return el.dataset.state === 'ready' && Number(el.dataset.draws || 0) >= k;
  }, n, { timeout: 60000 });

  // 1. Search for Iran with the keyboard alone: type, ArrowDown, Enter.
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.keyboard.press('Tab'); // the skip link
  await page.keyboard.press('Tab'); // the search box
  out.searchFocused = await page.evaluate(() => document.activeElement?.id === 'search-input');
  await page.keyboard.type('Iran');
  await page.waitForFunction(() => document.querySelector('#search-list:not([hidden]) [role=option]')?.textContent.startsWith('Iran'),
    null, { timeout: 20000 });
  out.suggestions = await page.$$eval('#search-list [role=option]', (els) => els.map((e) => e.textContent));
  await page.keyboard.press('ArrowDown');
  out.activeOption = await page.evaluate(() => {
    const id = document.getElementById('search-input').getAttribute('aria-activedescendant');
    return id && document.getElementById(id)?.textContent;
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('entity-title').textContent === 'Iran', null, { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('entity-body').textContent.includes('Tehran'), null, { timeout: 30000 });
  out.entityText = (await page.textContent('#entity-body')).slice(0, 2000);
  step('search');

  // 2. The network opens.
  await ready(1);
  out.firstStatus = await page.textContent('#network-status');
  out.firstNodes = await page.evaluate(() => window.armsgraph.cy.nodes().length);
  step('network');

  // 3. Move the "since" slider with the keyboard to 2010, and wait for the redraw.
  await page.focus('#since');
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
  await ready(2);
  out.sliderStatus = await page.textContent('#network-status');
  out.sliderHash = await page.evaluate(() => window.location.hash);
  step('slider');

  // 4. Click the Iran -> Russia line on the canvas.
  // Find a point of the Iran -> Russia curve where no other line lies (lines of a dense network
  // cross it), as a reader would, and click there.
  let at = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.evaluate(() => {
      const cy = window.armsgraph.cy;
      cy.resize();
      const e = cy.getElementById('IRN>RUS');
      cy.fit(e.connectedNodes(), 120);
      cy.zoom({ level: Math.min(4, cy.zoom() * 2.5), position: e.midpoint() }); // lines a few pixels apart
    });
    await page.waitForTimeout(500); // the frames after the fit
    at = await page.evaluate(() => {
      const cy = window.armsgraph.cy;
      const e = cy.getElementById('IRN>RUS');
      if (e.empty()) return null;
      const s = e.sourceEndpoint(), t = e.targetEndpoint(), m = e.midpoint();
      const c = { x: 2 * m.x - (s.x + t.x) / 2, y: 2 * m.y - (s.y + t.y) / 2 };
      const r = cy.renderer();
      for (let i = 0; i <= 40; i++) {
        const k = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.01;
        const p = { x: (1 - k) ** 2 * s.x + 2 * k * (1 - k) * c.x + k ** 2 * t.x, y: (1 - k) ** 2 * s.y + 2 * k * (1 - k) * c.y + k ** 2 * t.y };
        // The browser clicks on whole pixels: round, map the pixel back, and ask Cytoscape what is there
        // (and one pixel around), so the click lands where only this line is.
        const el = document.getElementById('cy');
        const box = el.getBoundingClientRect();
        const zoom = cy.zoom(), pan = cy.pan();
        const cx = Math.round(box.left + el.clientLeft + p.x * zoom + pan.x);
        const cyy = Math.round(box.top + el.clientTop + p.y * zoom + pan.y);
        const clear = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].every(([dx, dy]) => {
          const mx = (cx + dx - box.left - el.clientLeft - pan.x) / zoom;
          const my = (cyy + dy - box.top - el.clientTop - pan.y) / zoom;
          const near = r.findNearestElements(mx, my, true, false);
          return near.length === 1 && near[0].id() === 'IRN>RUS';
        });
        if (clear) return { x: cx, y: cyy, k };
      }
      return { none: true };
    });
    if (!at || at.none) break;
    await page.mouse.click(at.x, at.y);
    out.clickAttempts = attempt + 1;
    if (await page.evaluate(() => window.armsgraph.state.link === 'IRN>RUS')) break;
  }
  out.edgeFound = at !== null && !at.none;
  if (out.edgeFound) {
    out.clickAt = at;
    out.selectedLink = await page.evaluate(() => window.armsgraph.state.link);
    await page.waitForFunction((q) => document.getElementById('sources-body').textContent.includes(q), quote, { timeout: 30000 })
      .catch(() => null);
    out.sourcesText = (await page.textContent('#sources-body')).slice(0, 3000);
    out.quoteShown = out.sourcesText.includes(quote);
  }
  step('edge');
  await page.evaluate(() => window.armsgraph.cy.fit(undefined, 30));
  await page.waitForTimeout(200);
  await page.screenshot({ path: shot });
  out.screenshot = shot;
  out.exportHrefs = await page.$$eval('#export-png, #export-bundle', (els) => els.map((e) => e.getAttribute('href')));

  // 5. Keyboard selection of a link in the list of links.
  await page.focus('#links-list');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  out.keyboardLink = await page.evaluate(() => window.armsgraph.state.link);
  step('keyboard-link');

  // 6. First view of Russia's upstream network, on a fresh page.
  const fresh = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  let answered = null;
  fresh.on('requestfinished', (r) => { if (r.url().includes('/chains')) answered = Date.now(); });
  await fresh.goto(base + '/#entity=RUS&dir=up&hops=2', { waitUntil: 'load' });
  await fresh.waitForFunction(() => document.getElementById('cy').dataset.state === 'ready', null, { timeout: 60000 });
  const drawn = Date.now();
  out.russia = await fresh.evaluate(() => window.armsgraph.timings[0]);
  out.russia.outsideMs = answered ? drawn - answered : null;
  out.russia.status = await fresh.textContent('#network-status');
  await fresh.waitForSelector('#tiers-body .tier[data-hop="1"] li', { timeout: 30000 }).catch(() => null);
  out.russiaTier1 = await fresh.$$eval('#tiers-body .tier[data-hop="1"] li', (els) => els.map((e) => e.dataset.key));
  await fresh.screenshot({ path: shot.replace(/\.png$/, '-russia.png') });
  step('russia');
} catch (e) {
  out.errors.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
if (process.env.EXPLORER_OUT) (await import('node:fs')).writeFileSync(process.env.EXPLORER_OUT, JSON.stringify(out, null, 1));
