// Search latency in headless Chromium over `gongkai serve` (localhost, no throttling):
//
//   GONGKAI_SITE=/tmp/site GONGKAI_BIN=target/debug/gongkai node tests/bench/search.mjs
//
// Times come from inside the page: the app records a `performance.measure('gongkai-search')`
// around every query's round trip to the search worker (request → results message), so page
// rendering is left out.
// - cold: a fresh browser context (empty cache) opens the home page, then submits the first
//   query from the header box; its round trip includes starting the worker, fetching and
//   compiling the search wasm, downloading the whole index and opening it. RUNS times (default 5).
// - warm: in the last cold page, every query of QUERIES in turn through the search page's box;
//   p50 and p95 of their round trips.
// Prints each run, the bytes the search fetched, and the medians.
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 5);
const TIMEOUT = Number(process.env.TIMEOUT_MS || 600_000);
const SEARCH_FILES = /gongkai-search-worker|\/search-index\//;
// The first cold query; the warm list must not start with it (the same URL is no new search).
const FIRST = '电子政务';
const QUERIES = [
  '政务公开', '信息安全', '网络', '管理办法', '行政许可', '环境保护', '数字政府',
  '国务院令第517号', '潭政办函[2022]25号', '电子政务 内网', '"政务服务"', '互联网 -电子',
  '安全 OR 保密', '应急', '公共数据', '个人信息', '法律责任', '第一条', '湘潭', '市场监督管理',
  '劳动合同', '知识产权', '', '电子政务',
];

/** Resolves with the next `gongkai-search` measure after `already` of them: { start, duration }. */
function nextMeasure(page, already) {
  return page
    .waitForFunction(
      (n) => {
        const all = performance.getEntriesByName('gongkai-search');
        const m = all[all.length - 1];
        return all.length > n ? { start: m.startTime, duration: m.duration } : false;
      },
      already,
      { timeout: TIMEOUT, polling: 20 },
    )
    .then((h) => h.jsonValue());
}

const measures = (page) => page.evaluate(() => performance.getEntriesByName('gongkai-search').length);

/** Types `text` into `box` and presses Enter; the time from the focus to the results. */
async function submit(page, box, text) {
  const before = await measures(page);
  const focused = await page.evaluate(() => performance.now());
  await page.fill(box, text);
  await page.press(box, 'Enter');
  const m = await nextMeasure(page, before);
  const alert = page.locator('.search-layout [role=alert]');
  if (await alert.count()) throw new Error(`search for ${JSON.stringify(text)} failed: ${await alert.innerText()}`);
  return { sinceFocus: m.start + m.duration - focused, roundTrip: m.duration };
}

async function cold(browser, url) {
  const session = await openPage(browser, 1280);
  const { page, errors } = session;
  let bytes = 0;
  page.on('requestfinished', async (r) => {
    if (!SEARCH_FILES.test(new URL(r.url()).pathname)) return;
    const s = await r.sizes().catch(() => null);
    if (s) bytes += s.responseBodySize + s.responseHeadersSize;
  });
  await page.goto(url);
  await page.locator('.latest .entries .entry').first().waitFor();
  // Focusing the box starts the worker and the index download, so cold time counts from there.
  const { sinceFocus } = await submit(page, '#site-search', FIRST);
  await page.waitForLoadState('networkidle');
  return { session, ms: sinceFocus, bytes, errors };
}

async function warm(page) {
  await page.locator('#search-query').waitFor();
  const times = [];
  for (const q of QUERIES) times.push((await submit(page, '#search-query', q)).roundTrip);
  return times;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const median = (xs) => percentile(xs, 50);
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const colds = [];
  let last;
  for (let i = 1; i <= RUNS; i += 1) {
    await last?.session.close();
    last = await cold(browser, server.url);
    colds.push(last.ms);
    console.log(`cold run ${i}: first results in ${fmt(last.ms)} (search fetched ${last.bytes} B)`);
  }
  const times = await warm(last.session.page);
  QUERIES.forEach((q, i) => console.log(`  warm ${JSON.stringify(q)}: ${fmt(times[i])}`));
  if (last.errors.length) console.log(`console errors: ${last.errors.join('; ')}`);
  await last.session.close();
  console.log(`median cold time to first results: ${fmt(median(colds))} over ${RUNS} runs`);
  console.log(`warm round trip over ${QUERIES.length} queries: p50 ${fmt(median(times))}, p95 ${fmt(percentile(times, 95))}`);
} finally {
  await browser.close();
  await server.stop();
}
