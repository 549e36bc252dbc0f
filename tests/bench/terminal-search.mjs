// What the service worker's hashing costs a terminal's reader: a cold offline search on a browser
// terminal holding the law site, with the service worker just started (it hashes every object it
// serves for the first time, the search index's files among them) against the same search with
// the service worker still running (objects already checked). Each run opens a fresh page, so the
// search worker starts cold both times; only the service worker's state differs.
//
//   target/release/gongkai build --content /tmp/laws --out /tmp/laws-site --app dist
//   GONGKAI_BIN=target/release/gongkai LAWS_SITE=/tmp/laws-site node tests/bench/terminal-search.mjs
//
// The figure is the page's own clock (ms since navigation) when the results are on screen.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gongkaiBin, initTrust, launchBrowser, searchSettled, startServer } from '../e2e/support.mjs';
import { median } from './lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const LAWS = process.env.LAWS_SITE;
const QUERY = process.env.QUERY || '行政许可';
if (!LAWS) throw new Error('set LAWS_SITE (a law site built with --app dist)');

const gongkai = (...args) => execFileSync(gongkaiBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A copy of the law site with /trust.json, and its bundle; returns [dir, bundle path]. */
function prepare(tmp) {
  const served = path.join(tmp, 'served');
  fs.cpSync(LAWS, served, { recursive: true });
  const key = initTrust(gongkai, tmp, path.join(served, 'trust.json'));
  const bundle = path.join(tmp, 'laws.zip');
  gongkai('bundle', '--site', served, '--key', key, '--version', '1', '--out', bundle);
  return [served, bundle];
}

/** Opens the search in a new page offline; ms from navigation until results are shown. */
async function search(context) {
  const page = await context.newPage();
  try {
    await page.goto(`${context.base}/search/?q=${encodeURIComponent(QUERY)}`);
    await searchSettled(page);
    const hits = await page.locator('.hit').count();
    if (hits === 0) throw new Error('no results');
    return page.evaluate(() => performance.now());
  } finally {
    await page.close();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-terminal-bench-'));
try {
  const [served, bundle] = prepare(tmp);
  const server = await startServer(served);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    context.base = server.url.replace(/\/$/, '');
    const page = await context.newPage();
    await page.goto(`${context.base}/sync/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.setInputFiles('#sync-file', bundle);
    await page.click('#sync-install');
    await page.locator('#sync-notice', { hasText: '已启用第 1 版' }).waitFor({ timeout: 600_000 });
    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const cold = [];
    const warm = [];
    for (let i = 0; i < RUNS; i += 1) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      cold.push(await search(context));
      warm.push(await search(context));
    }
    const ms = (xs) => xs.map((t) => t.toFixed(0)).join(', ');
    console.log(`law bundle ${(fs.statSync(bundle).size / 1e6).toFixed(1)} MB installed; query ${QUERY}; offline; ${RUNS} runs`);
    console.log(`service worker just started (hashes what it serves): ${ms(cold)} ms; median ${median(cold).toFixed(0)}`);
    console.log(`service worker running (objects already checked):    ${ms(warm)} ms; median ${median(warm).toFixed(0)}`);
    console.log(`ratio ${(median(cold) / median(warm)).toFixed(2)}x`);
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
