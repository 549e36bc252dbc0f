// Which parts of a wasm file are big: code bytes per crate (from the name section's Rust
// symbols), the biggest functions, and the data segments. Run it on the worker's wasm as cargo
// writes it (names are still there; wasm-opt strips them later):
//   node tests/bench/wasm-size.mjs target/wasm32-unknown-unknown/wasm-fast/gongkai-search-worker.wasm
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return result;
};
const sections = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  sections.push({ id, start: pos, size });
  pos += size;
}

const importCount = countImports(sections.find((s) => s.id === 2));

const bodies = functionBodies(sections.find((s) => s.id === 10));
const names = functionNames(sections.find((s) => s.id === 0 && sectionName(s) === 'name'));
const data = sections.filter((s) => s.id === 11).reduce((n, s) => n + s.size, 0);

const byCrate = new Map();
const fns = bodies.map((size, i) => ({ size, name: names.get(importCount + i) || `func${importCount + i}` }));
for (const f of fns) {
  const crate = crateOf(f.name);
  byCrate.set(crate, (byCrate.get(crate) || 0) + f.size);
}
const code = bodies.reduce((a, b) => a + b, 0);
console.log(`file ${bytes.length} B: code ${code} B in ${bodies.length} functions, data ${data} B`);
console.log('\ncode by crate:');
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 25))) {
  console.log(`${String(size).padStart(9)} B ${(100 * size / code).toFixed(1).padStart(5)} %  ${crate}`);
}
console.log('\nbiggest functions:');
for (const f of fns.sort((a, b) => b.size - a.size).slice(0, 15)) {
  console.log(`${String(f.size).padStart(9)} B  ${f.name.slice(0, 110)}`);
}

function sectionName(s) {
  pos = s.start;
  const len = u32();
  pos += len;
  return bytes.toString('utf8', pos - len, pos);
}

function countImports(s) {
  if (!s) return 0;
  pos = s.start;
  let functions = 0;
  for (let n = u32(); n > 0; n--) {
    for (const _ of ['module', 'field']) { const len = u32(); pos += len; }
    const kind = bytes[pos++];
    if (kind === 0) { u32(); functions++; }
    else if (kind === 1) { pos++; limits(); }
    else if (kind === 2) limits();
    else if (kind === 3) pos += 2;
    else if (kind === 4) { pos++; u32(); }
  }
  return functions;
}

function limits() { const flags = bytes[pos++]; u32(); if (flags & 1) u32(); }

function functionBodies(s) {
  pos = s.start;
  const out = [];
  for (let n = u32(); n > 0; n--) { const size = u32(); out.push(size); pos += size; }
  return out;
}

function functionNames(s) {
  const out = new Map();
  if (!s) return out;
  sectionName(s);
  const end = s.start + s.size;
  while (pos < end) {
    const kind = bytes[pos++];
    const size = u32();
    const next = pos + size;
    if (kind === 1) {
      for (let n = u32(); n > 0; n--) {
        const index = u32();
        const len = u32();
        out.set(index, bytes.toString('utf8', pos, pos + len));
        pos += len;
      }
    }
    pos = next;
  }
  return out;
}

// The crate of a Rust symbol: the first path segment of a legacy-mangled `_ZN…E` name, or the
// first `::` segment of a demangled one, without generic brackets.
function crateOf(name) {
  const m = /^_ZN(\d+)/.exec(name);
  if (m) return name.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
  const plain = name.replace(/^[<&*\s]+/, '').replace(/^(dyn |impl )/, '');
  const seg = plain.split('::')[0];
  return seg.includes(' ') || seg === plain ? `(other) ${seg.slice(0, 30)}` : seg;
}
