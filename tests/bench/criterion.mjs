// Native query latency from criterion's saved results (builder/benches/query.rs):
//
//   node tests/bench/criterion.mjs CRITERION_HOME GROUP OUT.json
//
// Per query: p50 is criterion's median estimate of the time per search; p95 is the 95th
// percentile of its samples' means (each sample times many back-to-back searches and criterion
// keeps only their total, so single-search percentiles do not exist). Over the query set: the
// median, p95 and maximum of the per-query medians.
import fs from 'node:fs';
import path from 'node:path';
import { median, ms, percentile, writeJson } from './lib.mjs';
import { printTable } from './table.mjs';

const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function benchmarks(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(`new${path.sep}estimates.json`))
    .map((f) => path.dirname(path.join(dir, f)))
    .map((d) => {
      const info = read(path.join(d, 'benchmark.json'));
      const sample = read(path.join(d, 'sample.json'));
      const means = sample.times.map((t, i) => t / sample.iters[i] / 1e6);
      return {
        id: info.function_id,
        query: info.value_str,
        p50_ms: read(path.join(d, 'estimates.json')).median.point_estimate / 1e6,
        p95_ms: percentile(means, 95),
        samples: means.length,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

const [home, group, out] = process.argv.slice(2);
const dir = path.join(home, group);
const rows = benchmarks(dir);
const medians = rows.map((r) => r.p50_ms);
const summary = { queries: rows.length, p50_ms: median(medians), p95_ms: percentile(medians, 95), max_ms: Math.max(...medians) };
printTable(`native query latency, ${group}`, ['#', 'query', 'p50', 'p95'], rows.map((r) => [r.id, r.query, ms(r.p50_ms), ms(r.p95_ms)]), 2);
console.log(`native, ${rows.length} queries: median of medians ${ms(summary.p50_ms)}, p95 ${ms(summary.p95_ms)}, max ${ms(summary.max_ms)}`);
writeJson(out, { ...summary, per_query: rows });
