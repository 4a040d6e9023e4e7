// The Neo4j Browser of a managed server configured by armsgraph, in headless Chromium: connect,
// the guide opens (post-connect command), the style applies, a guide query is clicked into the
// editor and run, and its picture shows one ARMS_FLOW arrow per supplier with its volume.
// Requests to any host other than this machine are stopped here (never sent) and reported.
// Usage: node tests/browser/neo4j_browser.mjs BROWSER_URL BOLT_URL PASSWORD API_URL [SHOTS_DIR]
// Prints one JSON object (see `out`).
import { launch } from '../../web/tests/browser.mjs';

const [browserUrl, bolt, password, api, shots] = process.argv.slice(2);
const LOCAL = new Set(['127.0.0.1', 'localhost']);
const out = {
  connected: false, guide: false, slides: 0, style: false, query: '', ran: false,
  nodes: [], arrows: [], fromApi: [], foreign: [], errors: [],
};
let phase = 'load';
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    out.foreign.push({ phase, method: route.request().method(), host: url.hostname });
    return route.abort();
  });
  page.on('request', (r) => { if (r.url().startsWith(api)) out.fromApi.push(new URL(r.url()).pathname); });
  page.on('pageerror', (e) => out.errors.push(String(e)));

  await page.goto(browserUrl, { waitUntil: 'networkidle' });
  await page.fill('[data-testid=boltaddress]', bolt);
  await page.fill('[data-testid=username]', 'neo4j');
  await page.fill('[data-testid=password]', password);
  phase = 'connect';
  await page.click('[data-testid=connect]');
  // The guide's first slide, played by the post-connect command.
  await page.getByText('Who supplies weapons to whom').first().waitFor({ timeout: 60000 });
  out.connected = true;
  out.guide = true;
  const carousel = page.locator('[data-testid=carousel]').first();
  out.slides = await carousel.locator('li[aria-label]').count();
  phase = 'guide';
  await page.waitForTimeout(500);
  if (shots) await page.screenshot({ path: `${shots}/browser-guide.png` });

  // Slide 2, who supplies Russia: one click sets the parameters, one click draws the picture.
  await carousel.locator('[data-testid=nextSlide]').first().click();
  await page.getByText('Who supplies Russia since 2022').first().waitFor({ timeout: 10000 });
  const blocks = carousel.locator('pre.runnable');
  await blocks.nth(0).click(); // a click puts the block in the editor; the run button runs it
  await page.click('[data-testid=editor-Run]');
  await page.getByText('"since": 2022').first().waitFor({ timeout: 20000 });
  out.query = (await blocks.nth(1).innerText()).replace(/\u00a0/g, ' ');
  phase = 'query';
  await blocks.nth(1).click();
  await page.click('[data-testid=editor-Run]');
  // The picture: nodes captioned by name (the style), arrows captioned with their volume.
  await page.waitForFunction(
    () => document.querySelectorAll('svg g.node').length >= 2 && document.querySelectorAll('svg g.relationship').length >= 1,
    null, { timeout: 60000 },
  );
  await page.waitForTimeout(2500); // the layout settles
  out.ran = true;
  out.nodes = await page.$$eval('svg g.node text', (els) => [...new Set(els.map((e) => e.textContent.trim()).filter(Boolean))]);
  out.arrows = await page.$$eval('svg g.relationship text', (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
  out.style = out.nodes.includes('Russia');
  if (shots) {
    const frame = page.locator('article').filter({ has: page.locator('svg g.node') }).first();
    await frame.screenshot({ path: `${shots}/browser-arms-flow.png` }).catch(() => page.screenshot({ path: `${shots}/browser-arms-flow.png` }));
  }
} catch (e) {
  out.errors.push(String(e));
  if (shots) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: `${shots}/browser-failure.png` }).catch(() => {});
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
