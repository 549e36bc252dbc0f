// Shared pieces of the benchmarks: statistics, network profiles, traffic counting, JSON output.
import fs from 'node:fs';
import path from 'node:path';

/** Chrome DevTools' "Fast 3G" (its 0.9/0.9 throughput factors): 562.5 ms, 180,000 B/s down, 84,375 B/s up. */
export const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
/** The plain localhost connection. */
export const NO_THROTTLE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
export const PROFILES = [['localhost', NO_THROTTLE], ['fast3g', FAST_3G]];

/** The p-th percentile (nearest rank) of numbers; null for none. */
export function percentile(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The median; the mean of the middle two for an even count. */
export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A positive integer from the environment, or the fallback. */
export function envInt(name, fallback) {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Applies a network profile to the page (and its dedicated workers) through CDP. */
export async function emulate(context, page, network) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', network);
  return cdp;
}

/**
 * Counts finished requests by the class `classify(pathname)` gives (null: not counted): requests,
 * body bytes on the wire (Playwright's responseBodySize), and how many asked for a Range.
 * `settle()` waits for the sizes still being read.
 */
export function countTraffic(page, classify) {
  const counts = {};
  const pending = [];
  page.on('requestfinished', (r) => {
    const kind = classify(new URL(r.url()).pathname);
    if (!kind) return;
    const c = (counts[kind] ??= { requests: 0, bytes: 0, ranged: 0 });
    c.requests += 1;
    if (r.headers().range) c.ranged += 1;
    pending.push(r.sizes().then((s) => { c.bytes += s.responseBodySize; }, () => {}));
  });
  const get = (kind) => counts[kind] ?? { requests: 0, bytes: 0, ranged: 0 };
  /** The cold-query figures of the 'index' and 'code' kinds, as the report reads them. */
  const figures = () => {
    const index = get('index');
    const code = get('code');
    return {
      index_bytes: index.bytes,
      index_requests: index.requests,
      index_ranged: index.ranged,
      code_bytes: code.bytes,
      code_requests: code.requests,
    };
  };
  return { get, figures, settle: () => Promise.all(pending) };
}

/** Median of each numeric field over runs (objects of the same shape). */
export function medians(runs) {
  const out = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    if (typeof runs[0][key] === 'number') out[key] = median(runs.map((r) => r[key]));
  }
  return out;
}

/** p50/p95 of the warm and first-in-page durations, per query and over all queries. */
export function warmSummary(queries, firsts, warms) {
  const per = queries.map((q, i) => ({
    query: q,
    first_ms: firsts[i],
    warm_p50_ms: median(warms[i]),
    warm_p95_ms: percentile(warms[i], 95),
  }));
  const all = warms.flat();
  return {
    per_query: per,
    first_p50_ms: median(firsts),
    first_p95_ms: percentile(firsts, 95),
    warm_p50_ms: median(all),
    warm_p95_ms: percentile(all, 95),
    warm_samples: all.length,
  };
}

/** Writes `value` as JSON to `file` (creating its folder) when a file is named. */
export function writeJson(file, value) {
  if (!file) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export const ms = (t) => (t == null ? '-' : `${t.toFixed(t < 1 ? 3 : t < 10 ? 2 : t < 100 ? 1 : 0)} ms`);
export const kib = (b) => (b == null ? '-' : `${(b / 1024).toFixed(1)} KiB`);
