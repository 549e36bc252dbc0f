// Search in headless Chromium over `gongkai serve` on localhost, per query of queries.mjs:
//
//   GONGKAI_SITE=/tmp/laws-site GONGKAI_BIN=target/release/gongkai RUNS=3 node tests/bench/search.mjs
//
// - cold, per query and per network profile (localhost; Fast 3G through CDP, CPU not throttled),
//   RUNS times each in a fresh browser context (empty cache) opening /search/?q=QUERY directly:
//   bytes on the wire and requests of index data (under /search-index/) and of the search
//   worker's code, the sequential rounds of index reads after the engine opened and how many of
//   them were synchronous XHR (the lazy reader's fallback; see support.mjs `rounds`), and the time
//   to first results: from navigation start to the end of the app's
//   `performance.measure('gongkai-search')` (request → results message in the page), and to the
//   answer in the DOM, its first hit or the no-results notice (`on_screen_ms`, the whole cold
//   page as a reader sees it);
// - in one open page (opened on OPENER), every query once ("first run in an open page": the
//   engine is open, the query's own blocks may still be fetched), then WARM more passes over the
//   list ("warm": all its blocks are cached); round-trip p50/p95 per query and over all.
// Prints each figure and the medians; OUT=file also writes them as JSON. SKIP_FAST3G=1 skips
// the throttled runs. (driver.mjs has the procedure, shared with the Pagefind baseline.)
import path from 'node:path';
import {
  launchBrowser, openPage, recordIndexReads, rounds, startServer,
} from '../e2e/support.mjs';
import { benchSite, RUNS, TIMEOUT, WARM } from './driver.mjs';
import { countTraffic, emulate, kib, writeJson } from './lib.mjs';
import { readManifest } from './manifest.mjs';

const classify = (p) => (p.startsWith('/search-index/') ? 'index' : /gongkai-search-worker|search-loader/.test(p) ? 'code' : null);

/**
 * Resolves with the end (ms since navigation) and duration of the next gongkai-search measure.
 * One call that waits in the page for the entry (a PerformanceObserver), as pagefind.mjs awaits
 * its search: polling the page every few milliseconds would run in the renderer while the
 * query does, on a machine of two cores.
 */
function nextMeasure(page, already) {
  return page.evaluate(
    ([n, timeout]) =>
      new Promise((resolve, reject) => {
        const found = () => {
          const all = performance.getEntriesByName('gongkai-search');
          const m = all[all.length - 1];
          return all.length > n ? { end: m.startTime + m.duration, duration: m.duration } : null;
        };
        const settle = () => {
          const m = found();
          if (m) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(m);
          }
        };
        const observer = new PerformanceObserver(settle);
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no search measure within ${timeout} ms`));
        }, timeout);
        observer.observe({ type: 'measure' });
        settle();
      }),
    [already, TIMEOUT],
  );
}

async function failure(page, text) {
  const alert = page.locator('.search-layout [role=alert]');
  if (await alert.count()) throw new Error(`search for ${JSON.stringify(text)} failed: ${await alert.innerText()}`);
}

/** Opens /search/?q=text in a fresh context; the session stays open for the caller. */
async function open(browser, url, text, network) {
  const session = await openPage(browser, 1280);
  await emulate(session.context, session.page, network);
  const traffic = countTraffic(session.page, classify);
  const reads = recordIndexReads(session.page);
  await session.page.addInitScript(firstHitClock);
  await session.page.goto(new URL(`/search/?q=${encodeURIComponent(text)}`, url).href, { timeout: TIMEOUT });
  const m = await nextMeasure(session.page, 0);
  await failure(session.page, text);
  const onScreen = await session.page.waitForFunction(() => window.gongkaiFirstHit, null, { timeout: TIMEOUT });
  await traffic.settle();
  const r = rounds(reads);
  const result = {
    first_results_ms: m.end,
    on_screen_ms: await onScreen.jsonValue(),
    round_trip_ms: m.duration,
    ...traffic.figures(),
    index_rounds: r.rounds,
    index_xhr: r.xhr,
  };
  return { session, result };
}

/** Runs in the page before its scripts: notes when the answer enters the DOM, its first hit or,
 * for a query without any, the notice saying so. */
function firstHitClock() {
  const seen = () => {
    if (window.gongkaiFirstHit || !document.querySelector('.hit, .no-results')) return;
    window.gongkaiFirstHit = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
}

/** Waits until the page has rendered twice: what was typed is on screen. */
const rendered = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Submits `text` in the search page's box; the round trip in ms. The typed text is rendered
 * before Enter, as it is for a person typing: otherwise the round trip would include painting
 * the box, which Chromium does before it hands the page the worker's answer.
 */
async function submit(page, text) {
  const before = await page.evaluate(() => performance.getEntriesByName('gongkai-search').length);
  await page.fill('#search-query', text);
  await rendered(page);
  await page.press('#search-query', 'Enter');
  const m = await nextMeasure(page, before);
  await failure(page, text);
  return m.duration;
}

function indexInfo(site) {
  const { manifest, bytes } = readManifest(path.join(site, 'search-index'));
  return { items: manifest.items, bytes, files: manifest.files.length };
}

const site = path.resolve(process.env.GONGKAI_SITE || 'site');
const index = indexInfo(site);
console.log(`site ${site}: ${index.items} items, index ${kib(index.bytes)} in ${index.files} files; cold runs ${RUNS}, warm passes ${WARM}`);
const server = await startServer(site);
const browser = await launchBrowser();
try {
  const figures = await benchSite(browser, server.url, { open, submit, indexBytes: index.bytes });
  writeJson(process.env.OUT, { site, index, ...figures });
} finally {
  await browser.close();
  await server.stop();
}
