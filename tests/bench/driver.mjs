// The browser benchmark's procedure, shared by gongkai (search.mjs) and the baseline (pagefind.mjs).
// Each supplies `open(browser, url, query, network)` → { session, result } (a fresh context that
// has shown the query's first results; result holds numbers) and `submit(page, query)` → the
// round trip in ms of one more query in that open page.
import { envInt, kib, medians, ms, NO_THROTTLE, PROFILES, warmSummary } from './lib.mjs';
import { OPENER, QUERIES } from './queries.mjs';
import { pad } from './table.mjs';

const quoted = (q) => pad(JSON.stringify(q), 24);

export const RUNS = envInt('RUNS', 3);
export const FAST3G_RUNS = envInt('FAST3G_RUNS', RUNS);
export const WARM = envInt('WARM', 5);
export const TIMEOUT = envInt('TIMEOUT_MS', 600_000);

/** Per query and profile, RUNS cold runs in fresh contexts; medians and the runs themselves. */
async function coldAll(browser, url, open, total) {
  const out = [];
  const profiles = process.env.SKIP_FAST3G === '1' ? PROFILES.slice(0, 1) : PROFILES;
  for (const q of QUERIES) {
    const row = { query: q };
    for (const [name, network] of profiles) {
      const runs = [];
      for (let i = 0; i < (name === 'fast3g' ? FAST3G_RUNS : RUNS); i += 1) {
        const { session, result } = await open(browser, url, q, network);
        await session.close();
        runs.push(result);
      }
      const m = { ...medians(runs), runs, count: runs.length };
      row[name] = m;
      const share = total ? ` (${((100 * m.index_bytes) / total).toFixed(2)}% of the index)` : '';
      const screen = m.on_screen_ms == null ? '' : `, on screen ${ms(m.on_screen_ms)}`;
      const rounds = m.index_rounds == null ? '' : ` in ${m.index_rounds} rounds (${m.index_xhr} synchronous)`;
      console.log(`  cold ${name.padEnd(9)} ${quoted(q)} first results ${ms(m.first_results_ms)}${screen}, `
        + `index ${kib(m.index_bytes)} in ${m.index_requests} requests${rounds}${share}, search code ${kib(m.code_bytes)}`);
    }
    out.push(row);
  }
  return out;
}

/** One open page: each query once (first run in an open page), then WARM passes (warm). */
async function inPage(browser, url, open, submit) {
  const { session } = await open(browser, url, OPENER, NO_THROTTLE);
  try {
    const firsts = [];
    for (const q of QUERIES) firsts.push(await submit(session.page, q));
    const warms = QUERIES.map(() => []);
    for (let pass = 0; pass < WARM; pass += 1) {
      for (const [i, q] of QUERIES.entries()) warms[i].push(await submit(session.page, q));
    }
    return warmSummary(QUERIES, firsts, warms);
  } finally {
    await session.close();
  }
}

/** Runs the cold and in-page benchmarks and prints them; returns { cold, in_page }. */
export async function benchSite(browser, url, { open, submit, indexBytes }) {
  const cold = await coldAll(browser, url, open, indexBytes);
  const warm = await inPage(browser, url, open, submit);
  for (const r of warm.per_query) {
    console.log(`  in page ${quoted(r.query)} first run ${ms(r.first_ms)}, warm p50 ${ms(r.warm_p50_ms)}, p95 ${ms(r.warm_p95_ms)}`);
  }
  console.log(`first run in an open page: p50 ${ms(warm.first_p50_ms)}, p95 ${ms(warm.first_p95_ms)}; `
    + `warm over ${warm.warm_samples} runs: p50 ${ms(warm.warm_p50_ms)}, p95 ${ms(warm.warm_p95_ms)}`);
  return { runs: RUNS, warm_passes: WARM, cold, in_page: warm };
}
