// End-to-end: the bundle round trip on the imported law corpus, the real thing at size (3,423
// laws, about 4,200 files bundled): bundle, verify, apply, change one law, rebuild, delta, verify
// against its base, apply; the store then serves exactly the new site. A release gongkai
// (GONGKAI_SCALE_BIN, set by scripts/test.sh) does the work; without it the test is skipped.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, initTrust, launchBrowser, openPage, searchSettled, startStoreServer } from './support.mjs';

const BIN = process.env.GONGKAI_SCALE_BIN;
const CORPUS = path.resolve(process.env.GONGKAI_CORPUS || path.join(ROOT, '../shared/corpus/lawrefbook'));
const DIST = path.join(ROOT, 'dist');
const SKIP = BIN ? false : 'GONGKAI_SCALE_BIN (a release gongkai) is not set';

let tmp = null;
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (...args) => execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const at = (...p) => path.join(tmp, ...p);

/** Every file under `dir` as relative path -> sha256. */
function hashes(dir) {
  const out = new Map();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
  }
  return out;
}

/** What a bundle of `site` carries: all but the .gz/.br twins and the index chunks. */
function bundled(site) {
  const all = hashes(site);
  const twin = (p) => ['.gz', '.br'].some((ext) => p.endsWith(ext) && all.has(p.slice(0, -ext.length)));
  return new Map([...all].filter(([p]) => !twin(p) && !p.startsWith('search-index/chunks/')));
}

/** The active version and its files (path -> sha256), read through the store's one layout:
 * active.json names the version, versions/<n>.json lists its files, objects/<sha256> holds each. */
function activeSite() {
  const { version } = JSON.parse(fs.readFileSync(at('store', 'active.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(at('store', 'versions', `${version}.json`), 'utf8'));
  const files = new Map();
  for (const f of manifest.files) {
    const bytes = fs.readFileSync(at('store', 'objects', f.sha256));
    files.set(f.path, crypto.createHash('sha256').update(bytes).digest('hex'));
  }
  return [String(version), files];
}

describe('bundles of the law site', { skip: SKIP }, () => {
  test('bundle, verify, apply, change one law, delta, verify, apply; the store serves it', async () => {
    for (const [what, p] of [['law corpus', CORPUS], ['app (dist/)', path.join(DIST, 'index.html')]]) {
      assert.ok(fs.existsSync(p), `the ${what} is missing at ${p}`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-laws-bundle-'));
    run('import', 'lawrefbook', CORPUS, at('content'));
    run('build', '--content', at('content'), '--out', at('site'), '--app', DIST);
    const key = initTrust(run, tmp, at('trust.json'));
    const bundle = (version, ...rest) => run('bundle', '--site', at('site'), '--key', key, '--version', String(version), ...rest);

    bundle(1, '--out', at('v1.zip'));
    assert.match(run('verify', '--trust', at('trust.json'), at('v1.zip')), /^ok: .*all signatures and hashes valid/);
    assert.match(run('apply', '--trust', at('trust.json'), '--store', at('store'), at('v1.zip')), /installed version 1/);
    const first = bundled(at('site'));
    assert.ok(first.size > 3_423, `${first.size} files: a page per law at least`);
    assert.deepEqual(activeSite(), ['1', first]);

    // One law gains a sentence: its page, the lists it is on and the search index change.
    const laws = fs.readdirSync(at('content'), { recursive: true }).filter((p) => p.endsWith('.md')).sort();
    const changed = at('content', laws[0]);
    fs.appendFileSync(changed, '\n本条为往返测试新增的一句。\n');
    run('build', '--content', at('content'), '--out', at('site'), '--app', DIST);
    bundle(2, '--since', at('v1.zip'), '--out', at('d2.zip'));
    const full = fs.statSync(at('v1.zip')).size;
    const delta = fs.statSync(at('d2.zip')).size;
    assert.ok(delta < full / 2, `delta ${delta} bytes against a full ${full}`);
    console.log(`law site: ${first.size} files bundled; full bundle ${full} bytes, one-law delta ${delta} bytes`);
    assert.match(run('verify', '--trust', at('trust.json'), '--base', at('v1.zip'), at('d2.zip')), /^ok: /);
    assert.match(run('apply', '--trust', at('trust.json'), '--store', at('store'), at('d2.zip')), /installed version 2 .*previous: 1/);
    const second = bundled(at('site'));
    assert.notDeepEqual(second, first);
    assert.deepEqual(activeSite(), ['2', second]);

    // The native terminal serves its store (`serve --store`): the changed law's page and a search
    // for the new sentence, in Chromium, from verified objects only.
    const pages = [...second].filter(([p, h]) => /^items\/[^/]+\/index\.html$/.test(p) && first.get(p) !== h);
    assert.equal(pages.length, 1, `changed item pages: ${pages.map(([p]) => p)}`);
    const server = await startStoreServer(BIN, at('store'));
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser);
      const law = await page.goto(new URL(pages[0][0].replace(/index\.html$/, ''), server.url).href);
      assert.equal(law.status(), 200);
      assert.equal(law.headers()['x-gongkai-version'], '2');
      assert.match(await page.locator('main').innerText(), /本条为往返测试新增的一句/);
      await page.goto(new URL(`search/?q=${encodeURIComponent('往返测试新增')}`, server.url).href);
      await searchSettled(page);
      const hrefs = await page.locator('.search-results a[href*="/items/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const id = pages[0][0].split('/')[1];
      assert.ok(hrefs.some((h) => h.includes(`/items/${id}`)), `results: ${hrefs.slice(0, 5)}`);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
