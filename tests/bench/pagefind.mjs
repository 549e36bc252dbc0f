// The baseline in headless Chromium: Pagefind 1.6.0 over the same items, with the same queries
// and procedure as search.mjs (driver.mjs), over `gongkai serve` on localhost:
//
//   PAGEFIND_SITE=/tmp/pf-site GONGKAI_BIN=target/release/gongkai RUNS=3 node tests/bench/pagefind.mjs
//
// PAGEFIND_SITE is made by pagefind-site.mjs and indexed by Pagefind. Cold: a fresh context opens
// the harness at /?q=QUERY, which imports pagefind.js, searches and loads the first 10 results'
// fragments; time to first results is from navigation start to the end of that. Index data is
// everything Pagefind fetches under /pagefind/ except its code (pagefind*.js and the wasm):
// the entry file, pf_meta, index chunks, filters and fragments. In-page and warm runs call the
// same search function in one open page. OUT=file writes the figures as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';
import { benchSite, RUNS, TIMEOUT, WARM } from './driver.mjs';
import { countTraffic, emulate, writeJson } from './lib.mjs';

function classify(p) {
  if (!p.startsWith('/pagefind/')) return null;
  return /\.(js|css)$|\/wasm\./.test(p) ? 'code' : 'index';
}

async function open(browser, url, text, network) {
  const session = await openPage(browser, 1280);
  await emulate(session.context, session.page, network);
  const traffic = countTraffic(session.page, classify);
  await session.page.goto(new URL(`/?q=${encodeURIComponent(text)}`, url).href, { timeout: TIMEOUT });
  const handle = await session.page.waitForFunction(() => window.benchResult, null, { timeout: TIMEOUT, polling: 20 });
  const r = await handle.jsonValue();
  if (r.error) throw new Error(`Pagefind search for ${JSON.stringify(text)} failed: ${r.error}`);
  await traffic.settle();
  const result = {
    first_results_ms: r.end,
    round_trip_ms: r.end - r.start,
    ...traffic.figures(),
    hits: r.total,
  };
  return { session, result };
}

async function submit(page, q) {
  const r = await page.evaluate((text) => window.benchSearch(text), q);
  return r.end - r.start;
}

const site = path.resolve(process.env.PAGEFIND_SITE || '');
if (!fs.existsSync(path.join(site, 'pagefind/pagefind.js'))) throw new Error(`no Pagefind index under ${site}: set PAGEFIND_SITE`);
console.log(`Pagefind site ${site}; cold runs ${RUNS}, warm passes ${WARM}`);
const server = await startServer(site);
const browser = await launchBrowser();
try {
  writeJson(process.env.OUT, { site, ...(await benchSite(browser, server.url, { open, submit })) });
} finally {
  await browser.close();
  await server.stop();
}
