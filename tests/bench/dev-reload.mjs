// `gongkai dev` on the imported law corpus: the time from saving one item to its new title on
// screen in an open page (headless Chromium, localhost), per save:
//
//   GONGKAI_CONTENT=/tmp/laws GONGKAI_BIN=target/release/gongkai RUNS=7 node tests/bench/dev-reload.mjs
//
// Content comes from `gongkai import lawrefbook ../shared/corpus/lawrefbook /tmp/laws`; the
// item edited is put back as it was at the end. Each save changes the title; the clock starts
// when the file is written and stops when the page (reloaded by dev's script) shows the new
// title. The next save waits for the full build (with the search index) that follows each
// quick one, as an editor's next save usually does. Prints each time and the median; OUT=file
// also writes them as JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gongkaiBin, launchBrowser, openPage, ROOT, startDevServer } from '../e2e/support.mjs';
import { envInt, median, writeJson } from './lib.mjs';

const RUNS = envInt('RUNS', 7);
const content = path.resolve(process.env.GONGKAI_CONTENT || '/tmp/laws');
const folder = path.join(content, 'regulations');
const file = fs.readdirSync(folder, { recursive: true })
  .filter((f) => f.endsWith('.md')).sort().map((f) => path.join(folder, f))[0];
const original = fs.readFileSync(file, 'utf8');
const id = original.match(/^id = "([^"]+)"/m)[1];
const title = original.match(/^title = "([^"]+)"/m)[1];
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-dev-bench-'));

const fullBuilds = (dev) => dev.stderr().split('site and search index').length - 1;

async function waitFor(check, what, timeout = 120_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const args = ['--content', content, '--out', path.join(out, 'site'), '--app', path.join(ROOT, 'dist')];
const dev = await startDevServer(gongkaiBin(), args, out, 600_000);
const browser = await launchBrowser();
const times = [];
try {
  const { page } = await openPage(browser);
  await page.goto(new URL(`/items/${id}/`, dev.url).href);
  await page.locator('h1', { hasText: title }).waitFor();
  for (let run = 1; run <= RUNS; run++) {
    await page.waitForFunction(() => document.documentElement.dataset.gongkaiLive);
    const builds = fullBuilds(dev);
    const marker = `（dev-bench ${run}）`;
    const start = performance.now();
    fs.writeFileSync(file, original.replace(`title = "${title}"`, `title = "${title}${marker}"`));
    await page.locator('h1', { hasText: marker }).waitFor({ timeout: 120_000 });
    const ms = performance.now() - start;
    times.push(ms);
    console.log(`save ${run}: on screen after ${ms.toFixed(0)} ms`);
    await waitFor(() => fullBuilds(dev) > builds, 'the full build after the save');
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
  await dev.stop();
  const quick = [...dev.stderr().matchAll(/built pages of .* in ([\d.]+) s/g)].map((m) => Number(m[1]) * 1000);
  const full = [...dev.stderr().matchAll(/built site and search index of .* in ([\d.]+) s/g)].map((m) => Number(m[1]) * 1000);
  fs.rmSync(out, { recursive: true, force: true });
  if (times.length) {
    console.log(`median save → on screen: ${median(times).toFixed(0)} ms over ${times.length} saves`);
    console.log(`median quick build ${median(quick).toFixed(0)} ms, full build ${median(full.slice(1)).toFixed(0)} ms`);
    if (process.env.OUT) writeJson(process.env.OUT, { item: id, save_to_screen_ms: times, quick_build_ms: quick, full_build_ms: full });
  }
}
