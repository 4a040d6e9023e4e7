// The explorer against an API that asks for a key on reads: the page asks once, then searches.
// Usage: node tests/readkey.mjs BASE_URL READ_KEY
// Prints one JSON object: how many times the page asked, the suggestions, refused responses.
import { launch } from './browser.mjs';

const [base, key] = process.argv.slice(2);
const out = { prompts: 0, errors: [], keyed: 0 };
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => out.errors.push(String(e)));
  page.on('dialog', (d) => { out.prompts += 1; d.accept(key); });
  page.on('request', (r) => { if (r.headers()['x-api-key'] === key) out.keyed += 1; });
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.fill('#search-input', 'Iran');
  await page.waitForFunction(() => document.querySelector('#search-list:not([hidden]) [role=option]'),
    null, { timeout: 30000 });
  out.suggestions = await page.$$eval('#search-list [role=option]', (els) => els.map((e) => e.textContent));
  await page.fill('#search-input', 'Russia');
  await page.waitForFunction(() => document.querySelector('#search-list [role=option]')?.textContent.startsWith('Russia'),
    null, { timeout: 30000 });
} catch (e) {
  out.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
