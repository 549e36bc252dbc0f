// The whole cold page as a reader on a phone gets it: the home page and an item page, each loaded
// cold in a fresh context on a throttled profile, until (1) the page's <h1> is painted (Element
// Timing of `h1[elementtiming]`; an item page's text is in the same HTML, under its title) and
// (2) its islands are hydrated (the `islands-hydrated` mark the page's loader sets). Also the
// largest contentful paint, and every byte transferred until hydrated (HTML, CSS, JS, wasm, as
// served, compressed where the host compresses). A site rendered by wasm instead (the baseline
// before pre-rendering) is measured by the first frame that shows its <h1>.
//
//   GONGKAI_SITE=/tmp/site GONGKAI_BIN=target/debug/gongkai node tests/bench/tti.mjs
//   PAGES="/ /items/<id>/" RUNS=5 PROFILE=fast3g|localhost   (defaults: home and the newest item, 5, fast3g)
//
// Fast 3G is Chrome DevTools' profile (562.5 ms latency, 180,000 B/s down, 84,375 B/s up); the CPU
// is 4x slower on it. Prints each run and the medians.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';
import { FAST_3G, NO_THROTTLE, median } from './lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const PROFILE = process.env.PROFILE || 'fast3g';
const NETWORK = PROFILE === 'localhost' ? NO_THROTTLE : FAST_3G;
const CPU_SLOWDOWN = PROFILE === 'localhost' ? 1 : 4;

/** The pages to load: PAGES, or the home page and the newest item of the site. */
function pages() {
  if (process.env.PAGES) return process.env.PAGES.split(/\s+/).filter(Boolean);
  const site = path.resolve(process.env.GONGKAI_SITE || 'site');
  const catalogue = JSON.parse(fs.readFileSync(path.join(site, 'data/catalogue.json'), 'utf8'));
  return ['/', `/items/${catalogue.items[0].id}/`];
}

async function run(browser, url) {
  const { page, context, errors, close } = await openPage(browser, 390);
  try {
    await page.addInitScript(() => {
      window.__paints = {};
      // A site without `elementtiming` (one rendered by wasm, the baseline): the first frame with
      // an <h1> on screen.
      const poll = () => {
        if (document.querySelector('main h1')) window.__firstH1 = performance.now();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__paints[e.identifier] = e.renderTime || e.loadTime;
      }).observe({ type: 'element', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__lcp = e.renderTime || e.loadTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    // Islands hydrated; or, on a site without islands (the baseline), its <h1> rendered.
    await page.waitForFunction(() => performance.getEntriesByName('islands-hydrated').length
      || (window.__firstH1 && !document.querySelector('leptos-island')),
    null, { polling: 100, timeout: 120_000 });
    await page.waitForFunction(() => window.__paints.title || window.__firstH1, null, { polling: 100, timeout: 120_000 });
    const figures = await page.evaluate(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      const mark = performance.getEntriesByName('islands-hydrated')[0];
      return {
        painted: window.__paints.title || window.__firstH1,
        lcp: window.__lcp ?? null,
        hydrated: mark ? mark.startTime : window.__firstH1,
        bytes: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
        requests: entries.length,
      };
    });
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
    return figures;
  } finally {
    await close();
  }
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`profile ${PROFILE}: latency ${NETWORK.latency} ms, down ${NETWORK.downloadThroughput} B/s, CPU ${CPU_SLOWDOWN}x slower`);
  for (const route of pages()) {
    const results = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const r = await run(browser, new URL(route, server.url).href);
      results.push(r);
      console.log(`${route} run ${i}: h1 painted ${Math.round(r.painted)} ms, LCP ${Math.round(r.lcp)} ms, `
        + `hydrated ${Math.round(r.hydrated)} ms, ${r.bytes} B in ${r.requests} requests`);
    }
    const m = (k) => Math.round(median(results.map((r) => r[k])));
    console.log(`${route} median of ${RUNS} cold runs: h1 painted ${m('painted')} ms, LCP ${m('lcp')} ms, `
      + `hydrated ${m('hydrated')} ms, ${m('bytes')} B`);
  }
} finally {
  await browser.close();
  await server.stop();
}
