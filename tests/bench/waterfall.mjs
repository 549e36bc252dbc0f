// One cold /search/?q=QUERY run under a network profile, printing every request's start and end
// (ms since navigation), so a slow first result can be read as a waterfall:
//
//   GONGKAI_SITE=/tmp/laws-site GONGKAI_BIN=target/release/gongkai QUERY=行政许可 PROFILE=fast3g node tests/bench/waterfall.mjs
import path from 'node:path';
import { launchBrowser, openPage, startServer } from '../e2e/support.mjs';
import { emulate, NO_THROTTLE, FAST_3G } from './lib.mjs';

const site = path.resolve(process.env.GONGKAI_SITE || 'site');
const query = process.env.QUERY || '行政许可';
const network = process.env.PROFILE === 'fast3g' ? FAST_3G : NO_THROTTLE;
const server = await startServer(site);
const browser = await launchBrowser();
try {
  const s = await openPage(browser, 1280);
  await emulate(s.context, s.page, network);
  const t0 = Date.now();
  const rows = new Map();
  s.page.on('request', (r) => rows.set(r, { path: new URL(r.url()).pathname, range: r.headers().range ?? '', type: r.resourceType(), start: Date.now() - t0 }));
  const end = (r) => { const row = rows.get(r); if (row) row.end = Date.now() - t0; };
  s.page.on('requestfinished', end);
  s.page.on('requestfailed', end);
  await s.page.goto(new URL(`/search/?q=${encodeURIComponent(query)}`, server.url).href, { timeout: 600_000 });
  await s.page.waitForSelector('.hit', { timeout: 600_000 });
  const shown = Date.now() - t0;
  await s.page.waitForTimeout(500);
  for (const row of [...rows.values()].sort((a, b) => a.start - b.start)) {
    console.log(`${String(row.start).padStart(6)} ${String(row.end ?? '-').padStart(6)} ${row.type.padEnd(8)} ${row.path} ${row.range}`);
  }
  console.log(`first hit on screen at ${shown} ms`);
  await s.close();
} finally {
  await browser.close();
  await server.stop();
}
