// End-to-end: a big site's index is read lazily by byte ranges. The search worker fetches the
// hotcache, then only the ranges a query reads, in a few rounds of parallel Range requests; on a
// host that ignores Range, whole fixed-size chunks (search-index/chunks/<file>.<offset>) instead.
//
// The site comes from GONGKAI_LAZY_SITE, or is built here: a synthetic corpus of 3,000 items
// from the law corpus (GONGKAI_CORPUS, default ../shared/corpus/lawrefbook) with the app in
// dist/ (trunk build --release). Without the corpus or dist/ the tests are skipped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, gongkaiBin, launchBrowser, openPage, recordIndexReads, recordIndexTraffic, rounds,
  searchSettled as settled, startServer,
} from './support.mjs';

const Q = '行政许可';
const CORPUS = path.resolve(process.env.GONGKAI_CORPUS || path.join(ROOT, '../shared/corpus/lawrefbook'));
const DIST = path.join(ROOT, 'dist');
/** An index file itself (not a chunk, manifest or hotcache), and a chunk (core::search::lazy). */
const DATA_FILE = /\/search-index\/[0-9a-f]+\.[a-z]+$/;
const CHUNK = /\/search-index\/chunks\/[^/]+\.\d+$/;
const CHUNK_SIZE = 64 * 1024;

/** Plays a static host that ignores Range: the request goes on without it. */
function ignoreRange(route) {
  const headers = { ...route.request().headers() };
  delete headers.range;
  return route.continue({ headers });
}

/** Index data (files and chunks). */
const INDEX_DATA = /\/search-index\/(chunks\/)?[0-9a-f]+\.[a-z]+(\.\d+)?$/;

/**
 * Answers index data 150 ms late, as a network would, so that the order of the request events
 * shows the rounds: on plain localhost a busy machine can see one answer arrive before the rest
 * of its round has been registered. `next` answers (by default the host itself).
 */
function lateIndexData(context, next = (route) => route.continue()) {
  return context.route(INDEX_DATA, async (route) => {
    await new Promise((r) => setTimeout(r, 150));
    return DATA_FILE.test(new URL(route.request().url()).pathname) ? next(route) : route.continue();
  });
}

/** A folder this file made and removes at the end. */
let built = null;

/** The lazy site's folder, built if needed; null when it cannot be. */
function lazySite() {
  if (process.env.GONGKAI_LAZY_SITE) return path.resolve(process.env.GONGKAI_LAZY_SITE);
  if (!fs.existsSync(CORPUS) || !fs.existsSync(path.join(DIST, 'index.html'))) return null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-lazy-'));
  built = tmp;
  const content = path.join(tmp, 'content');
  const site = path.join(tmp, 'site');
  const run = (...args) => execFileSync(gongkaiBin(), args, { stdio: ['ignore', 'ignore', 'inherit'] });
  run('import', 'synth', '--from', CORPUS, '--items', '3000', content);
  run('build', '--content', content, '--out', site, '--app', DIST);
  return site;
}

const SITE = lazySite();
let server;
let browser;
let indexBytes = 0;
let sizes = new Map();
/** The manifest's size of the index file at URL path `p`. */
const sizeOf = (p) => sizes.get(p.slice(p.lastIndexOf('/') + 1)) ?? 0;

before(async () => {
  if (!SITE) return;
  const manifest = JSON.parse(fs.readFileSync(path.join(SITE, 'search-index/manifest.json'), 'utf8'));
  indexBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  sizes = new Map(manifest.files.map((f) => [f.name, f.size]));
  server = await startServer(SITE);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (built) fs.rmSync(built, { recursive: true, force: true });
});

describe('lazily loaded index', { skip: SITE ? false : 'no corpus or no dist/ to build a big site from' }, () => {
  test('the index is big enough to be read lazily', () => {
    assert.ok(indexBytes > 2_000_000, `index of ${indexBytes} B is over the 2 MB threshold`);
  });

  test('a first query fetches under 5% of the index, by Range requests, and shows marked results', async () => {
    const s = await openPage(browser, 1280);
    try {
      const traffic = recordIndexTraffic(s.page);
      await s.page.goto(new URL(`/search/?q=${encodeURIComponent(Q)}`, server.url).href);
      await settled(s.page);
      await s.page.waitForLoadState('networkidle');
      assert.ok(await s.page.locator('.hit').count() > 0, 'hits shown');
      assert.ok(await s.page.locator('.hit mark').count() > 0, 'hits highlighted');
      const files = traffic.filter((t) => !/manifest\.json$|hotcache\.bin$/.test(t.path));
      assert.ok(files.length > 0, 'index files were read');
      for (const t of files) {
        assert.match(t.range ?? '', /^bytes=\d+-\d+$/, `${t.path} asked by range`);
        assert.equal(t.status, 206, `${t.path} answered with 206`);
      }
      assert.ok(traffic.some((t) => t.path.endsWith('/hotcache.bin')), 'hotcache fetched');
      const bytes = traffic.reduce((sum, t) => sum + t.bytes, 0);
      console.log(`first query: ${bytes} B in ${traffic.length} requests of a ${indexBytes} B index`);
      assert.ok(bytes < indexBytes * 0.05, `${bytes} B fetched is under 5% of ${indexBytes} B`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  test('a cold query takes at most 5 rounds of parallel requests once the engine is up', async () => {
    const s = await openPage(browser, 1280);
    try {
      const log = recordIndexReads(s.page);
      await lateIndexData(s.context);
      await s.page.goto(new URL(`/search/?q=${encodeURIComponent(Q)}`, server.url).href);
      await settled(s.page);
      await s.page.waitForLoadState('networkidle');
      assert.ok(await s.page.locator('.hit mark').count() > 0, 'marked hits shown');
      const r = rounds(log);
      console.log(`cold ${Q}: ${r.rounds} rounds, ${r.requests} requests, ${r.xhr} synchronous`);
      assert.ok(r.rounds >= 1 && r.rounds <= 5, `${r.rounds} rounds`);
      assert.ok(r.requests > r.rounds, 'a round holds several requests');
      assert.equal(r.xhr, 0, 'nothing read synchronously after warming');
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  test('a second query in the same page reuses cached blocks and still answers', async () => {
    const s = await openPage(browser, 1280);
    try {
      await s.page.goto(new URL(`/search/?q=${encodeURIComponent(Q)}`, server.url).href);
      await settled(s.page);
      const before = await s.page.locator('.search-bar .summary').first().innerText();
      const traffic = recordIndexTraffic(s.page);
      await s.page.fill('#search-query', '环境保护');
      await s.page.press('#search-query', 'Enter');
      await s.page.waitForFunction((b) => {
        const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
        const now = document.querySelector('.search-bar .summary')?.textContent;
        return busy === 'false' && now !== b;
      }, before, { timeout: 120_000 });
      await settled(s.page);
      assert.ok(await s.page.locator('.hit mark').count() > 0);
      assert.ok(traffic.every((t) => t.range), 'later reads are ranges too');
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  test('a host that ignores Range is read through the chunks, fetched whole', async () => {
    const s = await openPage(browser, 1280);
    try {
      await lateIndexData(s.context, ignoreRange);
      const traffic = recordIndexTraffic(s.page);
      const log = recordIndexReads(s.page);
      await s.page.goto(new URL(`/search/?q=${encodeURIComponent(Q)}`, server.url).href);
      await settled(s.page);
      await s.page.waitForLoadState('networkidle');
      assert.ok(await s.page.locator('.hit mark').count() > 0, 'marked hits shown');
      const chunks = traffic.filter((t) => CHUNK.test(t.path));
      assert.ok(chunks.length > 0, 'chunks were read');
      for (const t of chunks) {
        assert.equal(t.range, null, `${t.path} fetched whole`);
        assert.equal(t.status, 200, `${t.path} answered`);
      }
      // The first round finds out that the host ignores Range (its answers' bodies are dropped);
      // after the first chunk is asked for, no big file itself is asked for again.
      const starts = log.filter((e) => e.event === 'start').map((e) => new URL(e.request.url()).pathname);
      const firstChunk = starts.findIndex((p) => CHUNK.test(p));
      const bigLater = starts.slice(firstChunk).filter((p) => DATA_FILE.test(p) && sizeOf(p) > CHUNK_SIZE);
      assert.ok(firstChunk > 0, 'chunks after a first round of ranges');
      assert.deepEqual(bigLater, [], 'big files are never asked for again');
      // One round more than over ranges at most: the first round finds out that Range is ignored.
      const r = rounds(log);
      assert.ok(r.rounds <= 6 && r.xhr === 0, `chunks in ${r.rounds} rounds, ${r.xhr} synchronous`);
      const bytes = chunks.reduce((sum, t) => sum + t.bytes, 0);
      console.log(`first query through chunks: ${bytes} B in ${chunks.length} chunks of a ${indexBytes} B index, ${r.rounds} rounds`);
      assert.ok(bytes < indexBytes * 0.2, `${bytes} B of chunks is a small part of the index`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  test('a host without Range and without the chunks gets a clear message, not wrong results', async () => {
    const s = await openPage(browser, 1280);
    try {
      await s.context.route(DATA_FILE, ignoreRange);
      await s.context.route(CHUNK, (route) => route.fulfill({ status: 404, body: 'not found' }));
      await s.page.goto(new URL(`/search/?q=${encodeURIComponent(Q)}`, server.url).href);
      const alert = s.page.locator('.search-layout [role=alert]');
      await alert.waitFor({ timeout: 120_000 });
      const text = await alert.innerText();
      assert.match(text, /HTTP Range/);
      assert.match(text, /chunks\/.+HTTP 404/, 'names the missing chunk');
      assert.equal(await s.page.locator('.hit').count(), 0);
    } finally {
      await s.close();
    }
  });
});
