// The benches' manifest check (tests/bench/manifest.mjs) refuses what the Rust one
// (core::search::Manifest::check, run by `gongkai search`) refuses: the same index format and
// the same file names, each asked of the real binary with a one-file manifest. No browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkManifest, indexFormat, isPlainName } from '../bench/manifest.mjs';
import { gongkaiBin } from './support.mjs';

const NAMES = [
  'meta.json', 'a.idx', '0123abcdef.store', 'a_b-c.D9', '.hidden', 'x.', 'x'.repeat(255),
  '', '.', '..', '...', '../x', 'a/b', 'a\\b', 'a b', 'a\tb', '名.idx', 'ａ.idx', 'é', 'a:b',
  '%2e%2e', 'x'.repeat(256), 'a\u0000b', '-',
];

let site;

before(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-manifest-rules-'));
  fs.mkdirSync(path.join(site, 'search-index'));
});

after(() => fs.rmSync(site, { recursive: true, force: true }));

/** `gongkai search`'s complaint about a manifest of `format` listing one file `name`. */
function rustAnswer(format, name) {
  const manifest = { format, items: 0, articles: 0, files: [{ name, size: 1, sha256: '' }] };
  fs.writeFileSync(path.join(site, 'search-index/manifest.json'), JSON.stringify(manifest));
  const run = spawnSync(gongkaiBin(), ['search', '--site', site, 'x'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0, 'no index file exists, so every search fails');
  return run.stderr;
}

/** Whether the benches' check takes `manifest`. */
function accepts(manifest) {
  try {
    checkManifest(manifest);
    return true;
  } catch {
    return false;
  }
}

test('the benches and the Rust reader accept the same file names', () => {
  const format = indexFormat();
  for (const name of NAMES) {
    const rust = !rustAnswer(format, name).includes('unsafe file');
    assert.equal(isPlainName(name), rust, `${JSON.stringify(name)}: Rust says ${rust ? 'plain' : 'unsafe'}`);
    assert.equal(accepts({ format, files: [{ name, size: 1 }] }), rust, JSON.stringify(name));
  }
});

test('the benches read the index format the Rust reader supports, and only that one', () => {
  const format = indexFormat();
  assert.doesNotMatch(rustAnswer(format, 'a.idx'), /has format/);
  assert.match(rustAnswer(format + 1, 'a.idx'), new RegExp(`has format ${format + 1}; this reader supports only ${format}`));
  assert.throws(() => checkManifest({ format: format + 1, files: [] }), /format/);
  assert.equal(checkManifest({ format, files: [{ name: 'a', size: 2 }, { name: 'b', size: 3 }] }), 5);
});
