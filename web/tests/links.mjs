// The sources of an entity's facts in Debian's headless Chromium: only http(s) addresses are links.
// Usage: node tests/links.mjs BASE_URL ENTITY_KEY
// Prints one JSON object: the anchors of the entity view, the addresses shown as text, and whether
// anything ran when the reader clicked every source title.
import { launch } from './browser.mjs';

const [base, key] = process.argv.slice(2);
const out = { errors: [] };
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('dialog', async (d) => { out.errors.push(`dialog: ${d.message()}`); await d.dismiss(); });
  await page.goto(`${base}/#entity=${encodeURIComponent(key)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('entity-body').textContent.includes('Hostile report'),
    null, { timeout: 30000 });
  out.anchors = await page.$$eval('#entity-body .source a', (els) => els.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
  out.unsafeText = await page.$$eval('#entity-body .unsafe-url', (els) => els.map((e) => e.textContent));
  out.titles = await page.$$eval('#entity-body .source .title', (els) => els.map((e) => e.textContent));
  // A reader clicks every title (links open in a new tab; plain text does nothing).
  for (const el of await page.$$('#entity-body .source .title')) await el.click({ modifiers: [] }).catch(() => {});
  await page.waitForTimeout(300);
  out.pwned = await page.evaluate(() => window.__pwned ?? null);
} catch (e) {
  out.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
