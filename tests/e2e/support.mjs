// Shared plumbing for the browser tests: start `gongkai serve` on the built site, launch Chromium.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

/** An env path is taken relative to the working directory; a default, relative to the repository. */
function setting(name, fallback) {
  const value = process.env[name];
  return value ? path.resolve(value) : path.join(ROOT, fallback);
}

/** The gongkai binary under test. */
export const gongkaiBin = () => setting('GONGKAI_BIN', 'target/debug/gongkai');

/** Starts `gongkai serve --site DIR --port 0` (DIR defaults to GONGKAI_SITE) and resolves once it prints its URL. */
export async function startServer(siteDir) {
  const bin = gongkaiBin();
  const site = siteDir ?? setting('GONGKAI_SITE', 'site');
  if (!fs.existsSync(bin)) throw new Error(`no gongkai binary at ${bin}: run cargo build -p gongkai or set GONGKAI_BIN`);
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error(`no built site at ${site}: run gongkai build or set GONGKAI_SITE`);
  return spawnServer(bin, ['serve', '--site', site, '--port', '0']);
}

/** Starts `gongkai serve --store DIR --port 0` with the binary `bin`: what a native terminal
 * store serves (its active version, hash-checked). Resolves once it prints its URL. */
export function startStoreServer(bin, store) {
  return spawnServer(bin, ['serve', '--store', store, '--port', '0']);
}

/** Starts `gongkai dev ARGS --port 0` in `cwd` and resolves once its first build is served;
 * `patience` (ms) bounds that first build. */
export function startDevServer(bin, args, cwd, patience = 120_000) {
  return spawnServer(bin, ['dev', ...args, '--port', '0'], { cwd, patience });
}

async function spawnServer(bin, args, { cwd, patience = 20_000 } = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gongkai ${args[0]} printed no URL in ${patience / 1000} s; stderr: ${stderr}`)), patience);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Serving .* at (http:\/\/\S+?\/)\s/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`gongkai ${args[0]} exited with ${code}: ${stderr}`)); });
  });
  return { url, stop: () => stopChild(child), stderr: () => stderr };
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
}

/** Makes a release key (`release.key`) and two root keys (`root1.key`, `root2.key`) in `dir`
 * with `run` (a function running gongkai with its arguments), and a trust root at `out` trusting
 * them as `gongkai trust init` suggests (both root keys must sign a rotation). Returns the
 * release key's path, to sign bundles with. */
export function initTrust(run, dir, out) {
  const key = (name) => path.join(dir, `${name}.key`);
  for (const name of ['release', 'root1', 'root2']) run('keygen', '--out', key(name));
  run('trust', 'init', '--root-key', `${key('root1')}.pub`, '--root-key', `${key('root2')}.pub`,
    '--release-key', `${key('release')}.pub`, '--out', out);
  return key('release');
}

/** Headless Chromium from Debian, with nothing that phones home; launch() uses a fresh profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { page, context, errors, close: () => context.close() };
}

/** Whether the element's top edge lies inside the viewport. */
export function isInViewport(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
}

/** Runs axe-core and returns the serious and critical violations. */
export async function axeViolations(page) {
  const source = fs.readFileSync(path.join(ROOT, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Every finished response under /search-index/: path, Range header, status and body bytes on the wire. */
export function recordIndexTraffic(page) {
  const seen = [];
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!/\/search-index\//.test(url.pathname)) return;
    const entry = { path: url.pathname, range: request.headers().range ?? null, status: 0, bytes: 0 };
    seen.push(entry);
    const response = await request.response().catch(() => null);
    const sizes = await request.sizes().catch(() => null);
    entry.status = response?.status() ?? 0;
    entry.bytes = sizes ? sizes.responseBodySize : 0;
  });
  return seen;
}

/**
 * Records the search worker's reads of index data (files and chunks; not the manifest or the
 * hotcache, which open the engine) in the order the browser saw them start and end.
 * `rounds(log)` counts sequential rounds from that order alone, never from times.
 */
export function recordIndexReads(page) {
  const log = [];
  const data = (request) => {
    const url = new URL(request.url());
    return /\/search-index\/(chunks\/)?[0-9a-f]+\.[a-z]+(\.\d+)?$/.test(url.pathname);
  };
  page.on('request', (request) => {
    if (data(request)) log.push({ event: 'start', request, type: request.resourceType() });
  });
  for (const end of ['requestfinished', 'requestfailed']) {
    page.on(end, (request) => {
      if (data(request)) log.push({ event: 'end', request });
    });
  }
  return log;
}

/** Sequential rounds in a `recordIndexReads` log: a round is the requests started after an
 * answer of the previous round arrived. Also the requests, and those made by synchronous XHR
 * (the reader's fallback for reads its parallel rounds missed). */
export function rounds(log) {
  let count = 0;
  let answered = true;
  const open = new Set();
  let requests = 0;
  let xhr = 0;
  for (const { event, request, type } of log) {
    if (event === 'start') {
      if (answered) { count += 1; answered = false; }
      open.add(request);
      requests += 1;
      if (type === 'xhr') xhr += 1;
    } else if (open.delete(request)) {
      answered = true;
    }
  }
  return { rounds: count, requests, xhr };
}

/** Waits until the search page has answered; throws with its message if it shows an error.
 * The pre-rendered page is not busy before its island hydrates and asks, so it waits for that
 * first. */
export async function searchSettled(page, timeout = 120_000) {
  await hydrated(page, timeout);
  await page.waitForFunction(() => {
    const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
    return busy === 'false' || document.querySelector('.search-layout [role=alert]');
  }, null, { timeout });
  const alert = page.locator('.search-layout [role=alert]');
  if (await alert.count()) throw new Error(`search failed: ${await alert.innerText()}`);
}

/** Waits until the page's islands are hydrated (the mark `index.html`'s loader sets), so its
 * buttons and shortcuts answer; the pre-rendered content is there before that. */
export function hydrated(page, timeout = 30_000) {
  return page.waitForFunction(() => performance.getEntriesByName('islands-hydrated').length > 0, null, { timeout });
}

/** Starts the built site's server and Chromium before a file's tests and stops both after them;
 * `site.at(path)` is a page's URL on that server. */
export function siteUnderTest() {
  const site = { server: null, browser: null, at: (p) => new URL(p, site.server.url).href };
  before(async () => {
    site.server = await startServer();
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
