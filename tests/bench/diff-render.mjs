// How long a comparison page takes to render in the browser once its HTML has arrived, on the
// largest real example in a built site (the comparison page with the most bytes):
//
//   GONGKAI_SITE=/tmp/laws-site GONGKAI_BIN=target/release/gongkai RUNS=9 node tests/bench/diff-render.mjs
//
// (`ROUTE=/items/<id>/` measures that page instead, e.g. the law's current text as a baseline.)
//
// Comparison pages are pre-rendered, so "its data" is the page itself: the clock runs from the
// navigation's responseEnd (the last byte of HTML) to the first contentful paint and to
// domComplete (parsed, laid out, every script of the page run; the app's islands hydrate
// after), measured by the page's own Performance entries in headless Chromium on localhost,
// a new context per run (cold cache). Prints every run and the medians; OUT=file writes JSON.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';
import { envInt, median, writeJson } from './lib.mjs';

const RUNS = envInt('RUNS', 9);
const site = path.resolve(process.env.GONGKAI_SITE || '/tmp/laws-site');

/** The biggest `items/<id>/diff/<a>/<b>/index.html` of the site, as its route. */
function largestDiff() {
  const items = path.join(site, 'items');
  let best = null;
  for (const rel of fs.readdirSync(items, { recursive: true })) {
    if (!rel.includes(`${path.sep}diff${path.sep}`) || !rel.endsWith('index.html')) continue;
    const size = fs.statSync(path.join(items, rel)).size;
    if (!best || size > best.size) best = { route: `/items/${path.dirname(rel)}/`, size };
  }
  if (!best) throw new Error(`no comparison page in ${site}: does its content have versions?`);
  return best;
}

// ROUTE=/items/<id>/ measures another page the same way (a baseline in the same session).
const target = process.env.ROUTE ? { route: process.env.ROUTE, size: null } : largestDiff();
const server = await startServer(site);
const browser = await launchBrowser();
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(new URL(target.route, server.url).href, { waitUntil: 'load' });
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          rows: document.querySelectorAll('.diff-row, .diff-unchanged').length,
          toPaint: fcp ? fcp.startTime - nav.responseEnd : null,
          toComplete: nav.domComplete - nav.responseEnd,
        };
      });
      runs.push(t);
      console.log(`run ${i + 1}: ${t.rows} rows, paint +${t.toPaint?.toFixed(1)} ms, complete +${t.toComplete.toFixed(1)} ms`);
    } finally {
      await close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
const summary = {
  page: target.route,
  bytes: target.size,
  runs: runs.length,
  median_paint_ms: median(runs.map((r) => r.toPaint).filter((x) => x !== null)),
  median_complete_ms: median(runs.map((r) => r.toComplete)),
};
console.log(JSON.stringify(summary));
if (process.env.OUT) writeJson(process.env.OUT, { summary, runs });
