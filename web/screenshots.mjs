// Screenshots of the explorer for the README, from a running API (`make up`, or any armsgraph API
// holding the bundled samples): the network of Russia's suppliers since 2010, and the map of
// Russia's arms flows since 2010. Headless Chromium, 1600 x 1000; nothing is asked of other hosts.
// Usage: node screenshots.mjs BASE_URL OUT_DIR   (make screenshots: API=http://127.0.0.1:8000)
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch } from './tests/browser.mjs';

const [base = 'http://127.0.0.1:8000', outDir = '../docs'] = process.argv.slice(2);
await mkdir(outDir, { recursive: true });
const own = new URL(base).origin;
const browser = await launch();
const foreign = [];
try {
  let page = null;
  const shot = async (hash, ready, name, then = async () => {}) => {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } }); // a new page reads the address
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own) foreign.push(url);
    });
    await page.goto(`${base}/#${hash}`, { waitUntil: 'load' });
    await page.waitForFunction(ready, null, { timeout: 60000 });
    await then();
    await page.waitForTimeout(400);
    const file = join(outDir, name);
    await page.screenshot({ path: file });
    console.log(`${file}: ${await page.textContent(name.includes('map') ? '#map-status' : '#network-status')}`);
  };
  await shot('entity=RUS&dir=up&hops=2&since=2010', () => document.getElementById('cy').dataset.state === 'ready',
    'explorer-network.png');
  await shot('entity=RUS&dir=up&hops=2&since=2010', () => document.getElementById('cy').dataset.state === 'ready',
    'explorer-network-focus.png', async () => {
      const at = await page.evaluate(() => {
        const n = window.armsgraph.cy.getElementById('IRN');
        const c = document.getElementById('cy').getBoundingClientRect();
        const p = n.renderedPosition();
        return { x: c.left + p.x, y: c.top + p.y };
      });
      await page.mouse.click(at.x, at.y);
      await page.waitForTimeout(400);
    });
  await shot('entity=RUS&dir=up&hops=2&since=2010&view=map', () => document.getElementById('map').dataset.state === 'ready',
    'explorer-map.png', async () => {
      const at = await page.evaluate(() => { // a point of the Iran -> Russia arc where only it lies
        const g = document.querySelector('#map g.flow[data-flow="IRN>RUS"]');
        const hit = g.querySelector('.arc-hit');
        const m = hit.getScreenCTM();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const p = hit.getPointAtLength(hit.getTotalLength() * t);
          const x = m.a * p.x + m.c * p.y + m.e;
          const y = m.b * p.x + m.d * p.y + m.f;
          if (document.elementFromPoint(x, y)?.closest('g.flow') === g) return { x, y };
        }
        return null;
      });
      if (at) await page.mouse.click(at.x, at.y);
      await page.waitForFunction(() => document.getElementById('sources-body').textContent.includes('register deal'),
        null, { timeout: 30000 });
    });
} finally {
  await browser.close();
}
if (foreign.length) {
  console.error(`requests to other hosts: ${foreign.join(', ')}`);
  process.exit(1);
}
