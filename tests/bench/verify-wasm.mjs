// Bundle verification throughput: the core verifier compiled to wasm (the terminal's sync worker in
// headless Chromium) against native `gongkai verify`, on one bundle of a large built site.
//
//   target/release/gongkai import lawrefbook ../shared/corpus/lawrefbook /tmp/laws
//   target/release/gongkai build --content /tmp/laws --out /tmp/laws-site
//   GONGKAI_BIN=target/release/gongkai GONGKAI_SITE=/tmp/site LAWS_SITE=/tmp/laws-site \
//     node tests/bench/verify-wasm.mjs
//
// GONGKAI_SITE is any site built with the app (it hosts the worker); LAWS_SITE is the site that is
// bundled. The wasm figure is the worker's own timer around verification only (zip structure,
// signature, history and every SHA-256), as in "仅验证" on /sync; the file is already in memory.
// The native figure is the whole `gongkai verify` process (start, read the file, verify).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gongkaiBin, initTrust, launchBrowser, startServer } from '../e2e/support.mjs';
import { median } from './lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const LAWS = process.env.LAWS_SITE;
const SITE = process.env.GONGKAI_SITE;
if (!LAWS || !SITE) throw new Error('set LAWS_SITE (the site to bundle) and GONGKAI_SITE (a site built with the app)');

const gongkai = (...args) => execFileSync(gongkaiBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A copy of the app site with /trust.json and the bundle at /bench.zip; returns [dir, bundle path]. */
function prepare(tmp) {
  const served = path.join(tmp, 'served');
  fs.cpSync(SITE, served, { recursive: true });
  const key = initTrust(gongkai, tmp, path.join(served, 'trust.json'));
  const bundle = path.join(served, 'bench.zip');
  gongkai('bundle', '--site', LAWS, '--key', key, '--version', '1', '--out', bundle);
  return [served, bundle];
}

function native(trust, bundle) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = process.hrtime.bigint();
    gongkai('verify', '--trust', trust, bundle);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/** Runs "check only" in the sync worker RUNS times; returns the worker's verify times in ms. */
async function wasm(page, runs) {
  return page.evaluate(async (runs) => {
    const blob = await (await fetch('/bench.zip')).blob();
    const file = new File([blob], 'bench.zip');
    const worker = new Worker('/sync-worker_loader.js');
    const next = (kinds) => new Promise((resolve) => {
      worker.onmessage = (e) => {
        const event = JSON.parse(e.data[0]);
        if (kinds.includes(event.type)) resolve(event);
      };
    });
    await next(['ready']);
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const done = next(['done', 'rejected', 'failed']);
      worker.postMessage([JSON.stringify({ type: 'bundle', name: 'bench.zip', install: false }), file]);
      const event = await done;
      if (event.type !== 'done') throw new Error(`verification did not pass: ${JSON.stringify(event)}`);
      times.push(event.verify_ms);
    }
    worker.terminate();
    return times;
  }, runs);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-verify-bench-'));
try {
  const [served, bundle] = prepare(tmp);
  const mb = fs.statSync(bundle).size / 1e6;
  console.log(`bundle: ${mb.toFixed(1)} MB of ${LAWS}; ${RUNS} runs each`);
  const nativeMs = native(path.join(served, 'trust.json'), bundle);
  console.log(`native gongkai verify (whole process): ${nativeMs.map((t) => t.toFixed(0)).join(', ')} ms`);
  const server = await startServer(served);
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    const wasmMs = await wasm(page, RUNS);
    console.log(`wasm sync worker (verify only):       ${wasmMs.map((t) => t.toFixed(0)).join(', ')} ms`);
    const n = median(nativeMs);
    const w = median(wasmMs);
    console.log(`median native: ${n.toFixed(0)} ms = ${(mb / (n / 1000)).toFixed(0)} MB/s`);
    console.log(`median wasm:   ${w.toFixed(0)} ms = ${(mb / (w / 1000)).toFixed(0)} MB/s (${(w / n).toFixed(1)}x native)`);
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
