// The benchmark report: reads the parts scripts/bench.sh wrote under DIR, prints the tables
// (gongkai beside Pagefind, with ratios gongkai ÷ Pagefind, and the targets) and writes
// them all to DIR/report.json.
//
//   node tests/bench/report.mjs DIR
//
// Parts: DIR/sizes.json; per corpus DIR/<corpus>/{build,incremental,native,browser}.json and
// DIR/<corpus>/pagefind-{build,browser}.json; any part may be missing (a skipped step).
import fs from 'node:fs';
import path from 'node:path';
import { ms, writeJson } from './lib.mjs';
import { printTable } from './table.mjs';

const TARGETS = {
  laws: { build_s: '≤ 20 s', rss: '≤ 1 GB', size: '≤ 40 MB', files: '≤ 200', incremental: '≤ 5 s', bytes: '≤ Pagefind', warm: 'p95 ≤ 10 ms' },
  '100k': { build_s: '≤ 120 s', rss: '≤ 2 GB', size: '-', files: '-', incremental: '-', bytes: '≤ 500 KB', warm: 'p95 ≤ 20 ms' },
};

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const mib = (b) => (b == null ? null : `${(b / 1048576).toFixed(1)} MiB`);
const rss = (m) => (m == null ? null : `${m.toFixed(0)} MiB`);
const kib = (b) => (b == null ? null : `${(b / 1024).toFixed(1)} KiB`);
const sec = (s) => (s == null ? null : `${s.toFixed(2)} s`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : `${(a / b).toFixed(2)}×`);
const t = (x) => (x == null ? null : ms(x));

function buildTable(name, p) {
  const b = p.build;
  const pf = p.pagefindBuild;
  const inc = p.incremental;
  const target = TARGETS[name] ?? {};
  const ours = b?.index;
  const rows = [
    ['index build, wall (median)', sec(b?.wall_s), sec(pf?.wall_s), ratio(b?.wall_s, pf?.wall_s), target.build_s],
    ['peak memory (max RSS)', rss(b?.peak_rss_mib), rss(pf?.peak_rss_mib), ratio(b?.peak_rss_mib, pf?.peak_rss_mib), target.rss],
    ['index size', mib(ours?.folder.bytes), mib(pf?.index.folder.bytes), ratio(ours?.folder.bytes, pf?.index.folder.bytes), target.size],
    ['index files', ours?.folder.files, pf?.index.folder.files, ratio(ours?.folder.files, pf?.index.folder.files), target.files],
  ];
  if (inc) rows.push(['one-file rebuild (median)', sec(inc.wall_s), null, null, target.incremental]);
  const runs = `${b?.runs.length ?? 0} gongkai runs, ${pf?.runs.length ?? 0} Pagefind runs`;
  printTable(`[${name}] build: ${ours?.items ?? '?'} items; gongkai = render + index (gongkai build), Pagefind = index only; ${runs}`,
    ['', 'gongkai', 'Pagefind', 'ratio', 'target'], rows);
  if (ours) {
    console.log(`  gongkai index: search-index/ without .gz/.br twins and chunks/ (manifest's files: ${mib(ours.manifest_bytes)} in ${ours.manifest_files}); `
      + `chunks/ (copy for hosts without Range): ${mib(ours.chunks?.bytes)} in ${ours.chunks?.files} files; everything: ${mib(ours.all?.bytes)} in ${ours.all?.files} files`);
  }
}

function nativeTable(name, n) {
  if (!n) return;
  printTable(`[${name}] native query latency (criterion, warm, index in memory, ${n.queries} queries of the quality set)`,
    ['over the query set', 'median of per-query p50', 'p95 of per-query p50', 'max'],
    [['gongkai', t(n.p50_ms), t(n.p95_ms), t(n.max_ms)]]);
}

function coldTable(name, profile, ours, pf) {
  if (!ours) return;
  const pfRow = (q) => pf?.cold.find((r) => r.query === q)?.[profile];
  const rows = ours.cold.filter((r) => r[profile]).map((r) => {
    const o = r[profile];
    const p = pfRow(r.query);
    return [r.query, kib(o.index_bytes), o.index_requests, kib(p?.index_bytes), p?.index_requests, ratio(o.index_bytes, p?.index_bytes),
      t(o.first_results_ms), t(p?.first_results_ms), ratio(o.first_results_ms, p?.first_results_ms), kib(o.code_bytes), kib(p?.code_bytes)];
  });
  if (!rows.length) return;
  printTable(`[${name}] cold first query, ${profile === 'fast3g' ? 'Fast 3G' : 'localhost'} (fresh context; medians of ${ours.cold[0]?.[profile]?.count ?? '?'} runs; bytes on the wire)`,
    ['query', 'index', 'req', 'PF index', 'PF req', 'ratio', 'first results', 'PF first', 'ratio', 'code', 'PF code'], rows);
}

function warmTable(name, ours, pf) {
  if (!ours) return;
  const w = ours.in_page;
  const p = pf?.in_page;
  const pfq = (q) => p?.per_query.find((r) => r.query === q);
  const rows = w.per_query.map((r) => [r.query, t(r.first_ms), t(pfq(r.query)?.first_ms), t(r.warm_p50_ms), t(pfq(r.query)?.warm_p50_ms),
    t(r.warm_p95_ms), t(pfq(r.query)?.warm_p95_ms)]);
  rows.push(['all queries', t(w.first_p50_ms), t(p?.first_p50_ms), t(w.warm_p50_ms), t(p?.warm_p50_ms), t(w.warm_p95_ms), t(p?.warm_p95_ms)]);
  printTable(`[${name}] in an open page, localhost (first run of each query, then ${ours.warm_passes} warm passes; target ${TARGETS[name]?.warm ?? '-'}; "all": p50 of first runs, p50/p95 of all warm runs)`,
    ['query', 'first run', 'PF first', 'warm p50', 'PF p50', 'warm p95', 'PF p95'], rows);
  if (p) console.log(`  ratios over all queries (gongkai ÷ Pagefind): warm p50 ${ratio(w.warm_p50_ms, p.warm_p50_ms)}, warm p95 ${ratio(w.warm_p95_ms, p.warm_p95_ms)}, first run p50 ${ratio(w.first_p50_ms, p.first_p50_ms)}`);
}

function sizesTable(s) {
  if (!s) return;
  const rows = s.ours.filter((p) => p.wasm).map((p) => [p.name, kib(p.wasm.raw), kib(p.wasm.gzip), kib(p.wasm.brotli), kib(p.js?.raw), kib(p.js?.brotli)]);
  for (const f of s.pagefind ?? []) rows.push([`Pagefind ${f.file}`, kib(f.raw), f.file.endsWith('.pagefind') ? '(pre-gzipped)' : kib(f.gzip), f.file.endsWith('.pagefind') ? null : kib(f.brotli), null, null]);
  printTable('code sizes (gzip -9, brotli q11)', ['', 'wasm raw', 'gzip', 'brotli', 'JS glue raw', 'JS brotli'], rows);
}

const dir = path.resolve(process.argv[2]);
const report = { sizes: read(path.join(dir, 'sizes.json')), corpora: {} };
for (const name of ['laws', '100k']) {
  const d = path.join(dir, name);
  if (!fs.existsSync(d)) continue;
  const p = {
    build: read(path.join(d, 'build.json')),
    incremental: read(path.join(d, 'incremental.json')),
    native: read(path.join(d, 'native.json')),
    browser: read(path.join(d, 'browser.json')),
    pagefindBuild: read(path.join(d, 'pagefind-build.json')),
    pagefindBrowser: read(path.join(d, 'pagefind-browser.json')),
  };
  report.corpora[name] = p;
  buildTable(name, p);
  nativeTable(name, p.native);
  for (const profile of ['localhost', 'fast3g']) coldTable(name, profile, p.browser, p.pagefindBrowser);
  warmTable(name, p.browser, p.pagefindBrowser);
}
sizesTable(report.sizes);
writeJson(path.join(dir, 'report.json'), report);
console.log(`\nall figures as JSON: ${path.join(dir, 'report.json')}`);
