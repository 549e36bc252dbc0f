// What a first search costs on a site whose index is read lazily by byte ranges (the law corpus
// site, or any site whose index is over the worker's 2 MB threshold):
//
//   GONGKAI_SITE=/tmp/lz-laws-site GONGKAI_BIN=target/release/gongkai RUNS=5 node tests/bench/lazy.mjs
//
// Each cold run is a fresh browser context (empty cache) opening /search?q=FIRST directly. It
// prints the bytes and requests under /search-index/ until the first results are shown (body
// bytes on the wire, from Playwright's request sizes), the search worker's own download (wasm and
// loader), and the time to first results: from navigation start to the end of the app's
// `performance.measure('gongkai-search')` (request → results message in the page). Cold runs
// go once on the plain localhost connection and once under Fast 3G (Network.emulateNetworkConditions:
// 562.5 ms latency, 180,000 B/s down, 84,375 B/s up; CPU not throttled). Then, in the last
// unthrottled page, warm round trips over QUERIES (p50, p95). Medians over RUNS.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 5);
const TIMEOUT = Number(process.env.TIMEOUT_MS || 600_000);
const FIRST = process.env.FIRST || '行政许可';
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const NO_THROTTLE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const QUERIES = [
  '政务公开', '信息安全', '网络', '管理办法', '环境保护', '数字政府', '国务院令第517号',
  '"政务服务"', '互联网 -电子', '安全 OR 保密', '应急', '公共数据', '个人信息', '法律责任',
  '第一条', '市场监督管理', '劳动合同', '知识产权', '', '电子政务', '食品安全', '税收征收管理',
  '消防', '道路交通安全',
];

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (xs) => percentile(xs, 50);
const ms = (t) => `${t.toFixed(0)} ms`;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

/** Resolves with the end (ms since navigation) and duration of the next gongkai-search measure. */
function nextMeasure(page, already) {
  return page
    .waitForFunction((n) => {
      const all = performance.getEntriesByName('gongkai-search');
      const m = all[all.length - 1];
      return all.length > n ? { end: m.startTime + m.duration, duration: m.duration } : false;
    }, already, { timeout: TIMEOUT, polling: 20 })
    .then((h) => h.jsonValue());
}

const measures = (page) => page.evaluate(() => performance.getEntriesByName('gongkai-search').length);

async function failed(page) {
  const alert = page.locator('.search-layout [role=alert]');
  return (await alert.count()) ? alert.innerText() : null;
}

/** Counts requests and body bytes of the index and of the worker's code. */
function traffic(page) {
  const t = { indexRequests: 0, indexBytes: 0, workerBytes: 0, ranged: 0 };
  page.on('requestfinished', async (r) => {
    const p = new URL(r.url()).pathname;
    const index = p.startsWith('/search-index/');
    if (!index && !p.includes('gongkai-search-worker')) return;
    const sizes = await r.sizes().catch(() => null);
    const body = sizes ? sizes.responseBodySize : 0;
    if (index) {
      t.indexRequests += 1;
      t.indexBytes += body;
      if (r.headers().range) t.ranged += 1;
    } else {
      t.workerBytes += body;
    }
  });
  return t;
}

async function cold(browser, url, network) {
  const session = await openPage(browser, 1280);
  const { page, context } = session;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', network);
  const t = traffic(page);
  await page.goto(new URL(`/search?q=${encodeURIComponent(FIRST)}`, url).href, { timeout: TIMEOUT });
  const m = await nextMeasure(page, 0);
  const why = await failed(page);
  if (why) throw new Error(`first search failed: ${why}`);
  const snapshot = { ...t, ms: m.end, roundTrip: m.duration };
  return { session, cdp, result: snapshot };
}

async function submit(page, text) {
  const before = await measures(page);
  await page.fill('#search-query', text);
  await page.press('#search-query', 'Enter');
  const m = await nextMeasure(page, before);
  const why = await failed(page);
  if (why) throw new Error(`search for ${JSON.stringify(text)} failed: ${why}`);
  return m.duration;
}

function summary(label, runs) {
  const pick = (k) => median(runs.map((r) => r[k]));
  console.log(
    `${label}: median first results ${ms(pick('ms'))} after navigation (round trip ${ms(pick('roundTrip'))}); `
    + `index ${kb(pick('indexBytes'))} in ${pick('indexRequests')} requests (${pick('ranged')} with Range); `
    + `worker code ${kb(pick('workerBytes'))}`,
  );
}

const site = process.env.GONGKAI_SITE;
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search-index/manifest.json'), 'utf8'));
const total = manifest.files.reduce((s, f) => s + f.size, 0);
console.log(`site ${site}: ${manifest.items} items, index ${kb(total)} in ${manifest.files.length} files; first query ${JSON.stringify(FIRST)}`);

const server = await startServer(site);
const browser = await launchBrowser();
try {
  for (const [label, network] of [['localhost', NO_THROTTLE], ['Fast 3G', FAST_3G]]) {
    const runs = [];
    let last;
    for (let i = 1; i <= RUNS; i += 1) {
      await last?.session.close();
      last = await cold(browser, server.url, network);
      runs.push(last.result);
      const r = last.result;
      console.log(`  ${label} cold ${i}: ${ms(r.ms)}, index ${r.indexBytes} B in ${r.indexRequests} requests (${(100 * r.indexBytes / total).toFixed(2)}% of the index), worker ${r.workerBytes} B`);
    }
    summary(`${label} cold`, runs);
    if (network === NO_THROTTLE) {
      const times = [];
      for (const q of QUERIES) times.push(await submit(last.session.page, q));
      QUERIES.forEach((q, i) => console.log(`  warm ${JSON.stringify(q)}: ${ms(times[i])}`));
      console.log(`warm round trip over ${QUERIES.length} queries: p50 ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`);
    }
    await last?.session.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
