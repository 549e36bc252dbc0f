// Time to interactive of the home page in headless Chromium, on a throttled phone-like profile.
//
//   GONGKAI_SITE=/tmp/site GONGKAI_BIN=target/debug/gongkai node tests/bench/tti.mjs
//
// Profile (Chrome DevTools' "Fast 3G" with its 0.9/0.9 throughput factors, plus a 4x slower CPU):
//   latency 562.5 ms, download 1.6 Mbit/s * 0.9 / 8 = 180,000 B/s, upload 750 kbit/s * 0.9 / 8 = 84,375 B/s,
//   CPU throttling rate 4.
// "Interactive" is the first animation frame in which the home page's search box exists and the
// list of latest items has rendered: the wasm app has loaded, mounted and fetched the catalogue.
// Each run uses a fresh browser context (empty cache, no service worker); prints each run and the median.
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';
import { FAST_3G as NETWORK, median } from './lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const CPU_SLOWDOWN = 4;
const READY = () => document.getElementById('home-search') && document.querySelector('.latest .entries .entry');

async function run(browser, url) {
  const { page, context, errors, close } = await openPage(browser, 390);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const handle = await page.waitForFunction(
      (ready) => (new Function(`return (${ready})()`)() ? performance.now() : false),
      READY.toString(),
      { polling: 'raf', timeout: 120_000 },
    );
    const tti = await handle.jsonValue();
    const bytes = await page.evaluate(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      return entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
    });
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
    return { tti, bytes };
  } finally {
    await close();
  }
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`profile: latency ${NETWORK.latency} ms, down ${NETWORK.downloadThroughput} B/s, up ${NETWORK.uploadThroughput} B/s, CPU ${CPU_SLOWDOWN}x slower`);
  const results = [];
  for (let i = 1; i <= RUNS; i += 1) {
    const r = await run(browser, server.url);
    results.push(r);
    console.log(`run ${i}: ${Math.round(r.tti)} ms (transferred ${r.bytes} B)`);
  }
  console.log(`median time to interactive: ${Math.round(median(results.map((r) => r.tti)))} ms over ${RUNS} cold runs`);
} finally {
  await browser.close();
  await server.stop();
}
