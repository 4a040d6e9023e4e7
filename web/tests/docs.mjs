// The API's /docs page in headless Chromium: it renders the operations from files served by the
// API itself, and asks no other host for anything (no CDN, no validator, no fonts, no favicon).
// Usage: node tests/docs.mjs BASE_URL
// Prints one JSON object: operations rendered, requests by origin, requests to other hosts, errors.
import { launch } from './browser.mjs';

const [base] = process.argv.slice(2);
const own = new URL(base).origin;
const out = { operations: 0, own: 0, foreign: [], failed: [], errors: [], title: '' };
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(m.text()); });
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin === own) out.own += 1;
    else out.foreign.push(url);
  });
  page.on('requestfailed', (r) => out.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(base + '/docs', { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.querySelectorAll('.opblock').length > 5, null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  out.operations = await page.$$eval('.opblock', (els) => els.length);
  out.paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent.trim()));
  out.title = await page.$eval('.info .title', (e) => e.textContent.trim()).catch(() => '');
} catch (e) {
  out.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
