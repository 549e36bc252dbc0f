// The service worker (public/sw.js) answers a terminal's stored files by the same rules as the
// Rust server (`gongkai serve`): the Content-Type of every extension either of them knows, and
// which Range requests get which bytes. The worker's own functions are run in a VM context;
// the Rust answers come from the real server over HTTP. No browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, test } from 'node:test';
import { ROOT, startServer } from './support.mjs';

const SIZE = 100;
let site;
let server;

/** `TYPES` and `byteRange` from sw.js, evaluated with a stub `self`. */
function swRules() {
  const code = fs.readFileSync(path.join(ROOT, 'public/sw.js'), 'utf8');
  const self = { addEventListener() {}, location: { origin: 'http://localhost' } };
  const context = vm.createContext({ self, URL, Response: class {}, crypto: {} });
  vm.runInContext(`${code}\n;globalThis.rules = { TYPES, byteRange };`, context);
  return context.rules;
}

/** The extensions of the Rust table (builder/src/serve/mime.rs), from its match arms. */
function rustExtensions() {
  const source = fs.readFileSync(path.join(ROOT, 'builder/src/serve/mime.rs'), 'utf8');
  const arms = [...source.matchAll(/^\s*((?:"[a-z0-9]+"\s*\|?\s*)+)=>/gm)];
  return arms.flatMap((m) => [...m[1].matchAll(/"([a-z0-9]+)"/g)].map((e) => e[1]));
}

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-sw-rules-'));
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(site, 'data.bin'), Buffer.alloc(SIZE, 7));
  server = await startServer(site);
});

after(async () => {
  await server?.stop();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('every extension gets the same Content-Type from sw.js and from gongkai serve', async () => {
  const { TYPES } = swRules();
  const rust = rustExtensions();
  assert.ok(rust.length >= 20 && rust.includes('wasm'), `parsed ${rust}`);
  const all = [...new Set([...rust, ...Object.keys(TYPES), 'unknownext'])].sort();
  for (const ext of all) fs.writeFileSync(path.join(site, `f.${ext}`), 'x');
  for (const ext of all) {
    const reply = await fetch(new URL(`/f.${ext}`, server.url), { method: 'HEAD' });
    const sw = TYPES[ext] || 'application/octet-stream';
    assert.equal(sw, reply.headers.get('content-type'), `.${ext}`);
  }
});

test('Range requests select the same bytes in sw.js and in gongkai serve', async () => {
  const { byteRange } = swRules();
  const ranges = [
    'bytes=0-9', 'bytes=10-', 'bytes=-5', 'bytes=95-200', 'bytes=-200', 'bytes=99-99', 'bytes=0-0',
    'bytes=100-', 'bytes=-0', 'bytes=5-2', 'bytes=abc', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-',
  ];
  for (const range of ranges) {
    const reply = await fetch(new URL('/data.bin', server.url), { headers: { Range: range } });
    await reply.arrayBuffer();
    const part = byteRange(range, SIZE);
    if (reply.status === 206) {
      assert.ok(part, `${range}: gongkai serve answers 206, sw.js the whole file`);
      assert.equal(`bytes ${part.start}-${part.end - 1}/${SIZE}`, reply.headers.get('content-range'), range);
    } else {
      // 200 (ignored) or 416 (unsatisfiable): the worker sends the whole file, as a host may.
      assert.ok([200, 416].includes(reply.status), `${range}: ${reply.status}`);
      assert.equal(part, null, `${range}: gongkai serve answers ${reply.status}, sw.js a part`);
    }
  }
});
