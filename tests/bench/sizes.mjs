// Code sizes: the app's, the search worker's and the sync worker's wasm (and JS glue) in Trunk's
// dist, raw, gzip -9 and brotli q11; with a Pagefind folder also Pagefind's search code.
//
//   node tests/bench/sizes.mjs DIST OUT.json [PAGEFIND_DIR]
//
// Pagefind gzips its wasm itself (`wasm.<lang>.pagefind`), so that file's raw size is what any
// host sends; its JS is compressed here like ours.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { kib, writeJson } from './lib.mjs';

// File names with or without Trunk's hash (workers keep fixed names).
const PARTS = [['app', /^gongkai-app(-[0-9a-f]+)?_bg\.wasm$/, /^gongkai-app(-[0-9a-f]+)?\.js$/],
  ['search worker', /^gongkai-search-worker(-[0-9a-f]+)?_bg\.wasm$/, /^gongkai-search-worker(-[0-9a-f]+)?\.js$/],
  ['sync worker', /^sync-worker(-[0-9a-f]+)?_bg\.wasm$/, /^sync-worker(-[0-9a-f]+)?\.js$/]];

function measure(file) {
  const raw = fs.readFileSync(file);
  return {
    file: path.basename(file),
    raw: raw.length,
    gzip: zlib.gzipSync(raw, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function find(dir, pattern) {
  const name = fs.readdirSync(dir).find((f) => pattern.test(f));
  return name ? measure(path.join(dir, name)) : null;
}

function ours(dist) {
  return PARTS.map(([name, wasm, js]) => ({ name, wasm: find(dist, wasm), js: find(dist, js) }));
}

function pagefind(dir) {
  // What a search loads: the API, its worker and the wasm (not the optional UI bundles).
  const names = fs.readdirSync(dir).filter((f) => /^pagefind(-worker)?\.js$|^wasm\..*\.pagefind$/.test(f)).sort();
  return names.map((f) => measure(path.join(dir, f)));
}

const [dist, out, pf] = process.argv.slice(2);
const result = { ours: ours(dist), pagefind: pf && fs.existsSync(pf) ? pagefind(pf) : null };
for (const p of result.ours) {
  const w = p.wasm;
  if (w) console.log(`  ${p.name.padEnd(14)} wasm ${kib(w.raw)} raw, ${kib(w.gzip)} gzip, ${kib(w.brotli)} brotli`);
}
writeJson(out, result);
