// End-to-end at scale: on a 100,000-item site the first query downloads under 5% of the index.
//
// The site comes from GONGKAI_SCALE_SITE, or is built here: `gongkai import synth` makes
// GONGKAI_SCALE_ITEMS (default 100,000) items from the law corpus (GONGKAI_CORPUS, default
// ../shared/corpus/lawrefbook) and GONGKAI_SCALE_BIN (a release build; a debug build would take
// far too long) builds it with the app in dist/. scripts/test.sh sets GONGKAI_SCALE_BIN, so CI
// always runs this; run by hand without it, the tests are skipped with the reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launchBrowser, openPage, recordIndexTraffic, searchSettled, startServer } from './support.mjs';

const ITEMS = Number(process.env.GONGKAI_SCALE_ITEMS || 100_000);
const CORPUS = path.resolve(process.env.GONGKAI_CORPUS || path.join(ROOT, '../shared/corpus/lawrefbook'));
const DIST = path.join(ROOT, 'dist');
const QUERIES = ['行政许可', '环境保护 法律责任', '"食品安全"'];

/** A folder this file made and removes at the end. */
let made = null;

/** Why the tests cannot run, or null. Asking for them (GONGKAI_SCALE_BIN) and failing to is an error. */
function missing() {
  if (process.env.GONGKAI_SCALE_SITE) return null;
  const bin = process.env.GONGKAI_SCALE_BIN;
  if (!bin) return 'GONGKAI_SCALE_BIN (a release gongkai) is not set';
  for (const [what, p] of [['binary', bin], ['law corpus', CORPUS], ['app (dist/)', path.join(DIST, 'index.html')]]) {
    if (!fs.existsSync(p)) throw new Error(`scale test: the ${what} is missing at ${p}`);
  }
  return null;
}

function scaleSite() {
  if (process.env.GONGKAI_SCALE_SITE) return path.resolve(process.env.GONGKAI_SCALE_SITE);
  made = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-scale-'));
  const content = path.join(made, 'content');
  const site = path.join(made, 'site');
  const run = (...args) =>
    execFileSync(process.env.GONGKAI_SCALE_BIN, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  run('import', 'synth', '--from', CORPUS, '--items', String(ITEMS), content);
  run('build', '--content', content, '--out', site, '--app', DIST);
  return site;
}

const SKIP = missing();
let site;
let server;
let browser;
let indexBytes = 0;

before(async () => {
  if (SKIP) return;
  site = scaleSite();
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search-index/manifest.json'), 'utf8'));
  indexBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  server = await startServer(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (made) fs.rmSync(made, { recursive: true, force: true });
});

/** Opens /search/?q=… in a fresh context; the index traffic until results and facets are shown. */
async function coldQuery(q) {
  const s = await openPage(browser, 1280);
  try {
    const traffic = recordIndexTraffic(s.page);
    await s.page.goto(new URL(`/search/?q=${encodeURIComponent(q)}`, server.url).href);
    await searchSettled(s.page);
    await s.page.waitForLoadState('networkidle');
    const hits = await s.page.locator('.hit').count();
    const facetValues = await s.page.locator('.facets .facet-value').count();
    const bytes = traffic.reduce((sum, t) => sum + t.bytes, 0);
    return { hits, facetValues, bytes, requests: traffic.length, errors: s.errors };
  } finally {
    await s.close();
  }
}

describe(`a ${ITEMS}-item site`, { skip: SKIP ?? false }, () => {
  test('its index is read lazily: far bigger than the whole-file threshold', () => {
    assert.ok(indexBytes > 50_000_000, `index of ${indexBytes} B`);
  });

  for (const q of QUERIES) {
    test(`a cold first query (${q}) shows hits and facet counts after fetching under 5% of the index`, async () => {
      const r = await coldQuery(q);
      console.log(`scale: ${JSON.stringify(q)}: ${r.bytes} B in ${r.requests} requests = ` +
        `${((100 * r.bytes) / indexBytes).toFixed(2)}% of a ${indexBytes} B index; ${r.hits} hits`);
      assert.ok(r.hits > 0, 'hits shown');
      assert.ok(r.facetValues > 0, 'facet counts shown');
      assert.ok(r.bytes > 0, 'the index was read over the network');
      assert.ok(r.bytes < indexBytes * 0.05, `${r.bytes} B is under 5% of ${indexBytes} B`);
      assert.deepEqual(r.errors, []);
    });
  }
});
