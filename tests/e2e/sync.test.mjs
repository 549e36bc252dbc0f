// End-to-end: the village terminal page (/sync). Signed bundles are made with the CLI from the
// built sample site; Chromium loads one through the file input, refuses a tampered one while the
// good version stays active, syncs a feed fetching only the missing object, and then reads and
// searches with the network switched off (the service worker serves the stored version).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, gongkaiBin, hydrated, initTrust, launchBrowser, openPage, screenshot, startServer } from './support.mjs';

const TITLE = '湘潭市电子政务管理办法';
const SITE = process.env.GONGKAI_SITE ? path.resolve(process.env.GONGKAI_SITE) : null;

let tmp;
let server;
let browser;
let asOf; // site.data_as_of of the sample catalogue

const gongkai = (...args) => execFileSync(gongkaiBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const gongkaiAt = (env, ...args) =>
  execFileSync(gongkaiBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

/** Keys, a trust root published at /trust.json, bundles v1 and v2 (tampered), and a v3 feed with one new file. */
function prepare() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-sync-'));
  const source = path.join(tmp, 'source');
  const served = path.join(tmp, 'served');
  fs.cpSync(SITE, source, { recursive: true });
  const key = initTrust(gongkai, tmp, path.join(source, 'trust.json'));
  const bundle = (version, ...rest) => gongkai('bundle', '--site', source, '--key', key, '--version', String(version), ...rest);
  bundle(1, '--out', path.join(tmp, 'v1.zip'));
  bundle(2, '--out', path.join(tmp, 'v2.zip'));
  flipByteInside(path.join(tmp, 'v2.zip'), TITLE);
  fs.cpSync(source, served, { recursive: true });

  fs.writeFileSync(path.join(source, 'terminal-note.txt'), '第 3 版新增的文件\n');
  bundle(3, '--feed', path.join(served, 'feed'));
  const catalogue = JSON.parse(fs.readFileSync(path.join(source, 'data/catalogue.json'), 'utf8'));
  asOf = catalogue.site.data_as_of;
  return served;
}

/** Flips one bit of a site file's content inside the zip (the first place `text` occurs). */
function flipByteInside(file, text) {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(Buffer.from(text));
  assert.ok(at > 0, `${text} not found in ${file}`);
  bytes[at] ^= 0x01;
  fs.writeFileSync(file, bytes);
}

before(async () => {
  assert.ok(SITE, 'set GONGKAI_SITE to a site built with the app');
  server = await startServer(prepare());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const at = (p) => new URL(p, server.url).href;
const text = (page, selector) => page.locator(selector).innerText();

/** Waits for `locator`; on timeout the error carries what the page says instead. */
async function shown(page, locator, timeout) {
  try {
    await locator.waitFor({ timeout });
  } catch (e) {
    e.message += `\n--- the page shows:\n${await page.locator('main').innerText()}`;
    throw e;
  }
}

async function install(page, file) {
  // A file chosen before the page is hydrated fires its change event with no listener yet, and
  // the button would stay disabled: under load (CI) that happened.
  await hydrated(page);
  await page.setInputFiles('#sync-file', file);
  await page.click('#sync-install');
  await shown(page, page.locator('#sync-notice'), 60_000);
  return text(page, '#sync-notice');
}

/** Opens /sync/ with the service worker in control and installs version 1 there. */
async function withVersion1(page) {
  await page.goto(at('/sync'));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  assert.match(await install(page, path.join(tmp, 'v1.zip')), /已启用第 1 版/);
}

/** Syncs from the site's own feed (version 3); returns what the page says. */
async function syncFeed(page) {
  await page.fill('#sync-url', '/feed/');
  await page.click('#sync-feed');
  await shown(page, page.locator('#sync-notice', { hasText: '第 3 版' }), 60_000);
  return text(page, '#sync-notice');
}

describe('terminal page', () => {
  test('installs, refuses tampering, syncs a feed, then reads and searches offline', async () => {
    const { page, context, errors, close } = await openPage(browser);
    try {
      await page.goto(at('/sync'));
      await page.locator('#sync-version', { hasText: '尚未导入数据' }).waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });

      const installed = await install(page, path.join(tmp, 'v1.zip'));
      assert.match(installed, /已启用第 1 版/);
      await page.locator('#sync-version', { hasText: '第 1 版' }).waitFor();
      assert.equal(await text(page, '#sync-as-of'), asOf);
      assert.equal(await text(page, '#sync-source'), 'v1.zip');
      assert.match(await text(page, '#sync-storage'), /已用 .*(MB|字节)/);
      assert.match(await text(page, '#sync-trust'), /站点 gongkai，第 1 版/);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `sync-${width}`);
      }
      assert.deepEqual(await axeViolations(page), [], 'the terminal page passes axe');

      const rejected = await install(page, path.join(tmp, 'v2.zip'));
      assert.match(rejected.split('\n')[0], /^已拒绝：数据包中的 site\/\S+ 已损坏（校验和不符）.*本机继续使用第 1 版。$/);
      await page.locator('#sync-version', { hasText: '第 1 版' }).waitFor();
      await screenshot(page, 'sync-rejected-1280');

      assert.match(await syncFeed(page), /已启用第 3 版：新写入 1 个文件，沿用本机已有的 \d+ 个/);
      // The facts follow the notice once the worker's status arrives.
      await page.locator('#sync-source', { hasText: /\/feed\/$/ }).waitFor();

      await context.setOffline(true);
      await page.reload();
      await page.locator('#sync-version', { hasText: '第 3 版' }).waitFor();
      await page.goto(at(`/search/?q=${encodeURIComponent('电子政务')}`));
      await shown(page, page.locator('.hits a', { hasText: TITLE }).first(), 30_000);
      await page.locator('.hits a', { hasText: TITLE }).first().click();
      await page.locator('article.item h1', { hasText: TITLE }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('serves only verified bytes: a forged or missing object is an error page, never the network', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await withVersion1(page);

      const home = await page.goto(at('/'));
      assert.equal(home.status(), 200);
      assert.equal(home.headers()['x-gongkai-version'], '1', 'the home page comes from the store');
      const missing = await page.goto(at('/no/such/page/'));
      assert.equal(missing.status(), 404);
      assert.equal(missing.headers()['x-gongkai-version'], '1', 'an unknown page gets the stored 404 page');

      await page.goto(at('/sync/'));
      // Same size, one byte changed: the size check alone would serve it.
      await page.evaluate(async () => {
        const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('gongkai-terminal');
        const read = async (dir, name) => (await (await dir.getFileHandle(name)).getFile()).arrayBuffer();
        const manifest = JSON.parse(new TextDecoder().decode(await read(await root.getDirectoryHandle('versions'), '1.json')));
        const objects = await root.getDirectoryHandle('objects');
        const entry = (p) => manifest.files.find((f) => f.path === p);
        const forged = new Uint8Array(await read(objects, entry('index.html').sha256));
        forged[forged.length - 10] ^= 1;
        const w = await (await objects.getFileHandle(entry('index.html').sha256)).createWritable();
        await w.write(forged);
        await w.close();
        await objects.removeEntry(entry('catalogue/index.html').sha256);
      });
      for (const [route, file] of [['/', 'index.html'], ['/catalogue/', 'catalogue/index.html']]) {
        const response = await page.goto(at(route));
        assert.equal(response.status(), 503, `${route} is refused`);
        const said = await page.locator('[role=alert]').innerText();
        assert.ok(said.includes(file) && said.includes('已损坏或缺失'), said);
      }
      assert.deepEqual(errors.filter((e) => !/status of (404|503)/.test(e)), []);
    } finally {
      await close();
    }
  });

  test('one store layout: the browser and `gongkai apply` store the same bundle identically', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(at('/sync'));
      assert.match(await install(page, path.join(tmp, 'v1.zip')), /已启用第 1 版/);
      const opfs = await page.evaluate(async () => {
        const hex = async (file) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())),
          (b) => b.toString(16).padStart(2, '0')).join('');
        const out = {};
        const walk = async (dir, prefix) => {
          for await (const [name, handle] of dir.entries()) {
            if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
            else out[`${prefix}${name}`] = await hex(await handle.getFile());
          }
        };
        await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('gongkai-terminal'), '');
        return out;
      });
      const store = path.join(tmp, 'native-store');
      gongkai('apply', '--trust', path.join(tmp, 'source', 'trust.json'), '--store', store, path.join(tmp, 'v1.zip'));
      const native = {};
      for (const rel of fs.readdirSync(store, { recursive: true })) {
        const file = path.join(store, rel);
        if (fs.statSync(file).isFile() && rel !== '.lock') {
          native[rel.split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        }
      }
      // active.json differs by design (where from, and when); everything else is the same bytes.
      const active = (tree) => JSON.stringify(Object.keys(tree).filter((k) => k === 'active.json'));
      assert.equal(active(opfs), active(native));
      delete opfs['active.json'];
      delete native['active.json'];
      assert.ok(Object.keys(native).filter((k) => k.startsWith('objects/')).length > 20);
      assert.deepEqual(opfs, native);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a damaged active record: the last good version is served, /sync says so, a sync repairs', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await withVersion1(page);
      await syncFeed(page);
      assert.equal((await page.goto(at('/terminal-note.txt'))).headers()['x-gongkai-version'], '3');

      await page.goto(at('/sync/'));
      await page.evaluate(async () => {
        const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('gongkai-terminal');
        const versions = await root.getDirectoryHandle('versions');
        const w = await (await versions.getFileHandle('3.json')).createWritable();
        await w.write('{ damaged');
        await w.close();
      });
      const home = await page.goto(at('/'));
      assert.equal(home.status(), 200);
      assert.equal(home.headers()['x-gongkai-version'], '1', 'version 1, whole, is served');
      assert.equal((await page.goto(at('/terminal-note.txt'))).status(), 404, 'nothing of version 3 is mixed in');

      await page.goto(at('/sync/'));
      await shown(page, page.locator('#sync-damaged'), 20_000);
      assert.match(await text(page, '#sync-damaged'), /版本 3 的清单 已损坏/);
      await page.locator('#sync-version', { hasText: '第 1 版' }).waitFor();
      await syncFeed(page);
      await page.locator('#sync-version', { hasText: '第 3 版' }).waitFor();
      assert.equal(await page.locator('#sync-damaged').count(), 0);
      assert.equal((await page.goto(at('/terminal-note.txt'))).headers()['x-gongkai-version'], '3');
      assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), []);
    } finally {
      await close();
    }
  });

  test('two tabs installing at once: never both; a tab finding the install lock held is told so', async () => {
    const { page, context, errors, close } = await openPage(browser);
    try {
      const second = await context.newPage();
      for (const p of [page, second]) {
        await p.goto(at('/sync'));
        await p.locator('#sync-version', { hasText: '尚未导入数据' }).waitFor();
        await p.setInputFiles('#sync-file', path.join(tmp, 'v1.zip'));
      }
      // Another tab holds the install lock (as a running install does): this one must not start.
      await page.evaluate(() => {
        window.releaseInstallLock = null;
        navigator.locks.request('gongkai-terminal-install', () => new Promise((release) => { window.releaseInstallLock = release; }));
      });
      await page.waitForFunction(() => typeof window.releaseInstallLock === 'function');
      await second.click('#sync-install');
      await shown(second, second.locator('#sync-notice'), 60_000);
      assert.match(await text(second, '#sync-notice'), /正在进行另一项同步.*本机数据未改变/s);
      await page.evaluate(() => window.releaseInstallLock());
      await second.reload();
      await second.locator('#sync-version', { hasText: '尚未导入数据' }).waitFor();
      await second.setInputFiles('#sync-file', path.join(tmp, 'v1.zip'));

      // Both at once: exactly one installs; the other waits its turn or is told it is busy.
      await Promise.all([page.click('#sync-install'), second.click('#sync-install')]);
      const notices = [];
      for (const p of [page, second]) {
        await shown(p, p.locator('#sync-notice'), 60_000);
        notices.push(await text(p, '#sync-notice'));
      }
      const all = notices.join(' | ');
      assert.equal(notices.filter((n) => /已启用第 1 版/.test(n)).length, 1, all);
      assert.equal(notices.filter((n) => /正在进行另一项同步|第 1 版已是本机当前版本/.test(n)).length, 1, all);
      await second.reload();
      await second.locator('#sync-version', { hasText: '第 1 版' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('an endless and a trickling feed download are stopped; the installed version stays', async () => {
    const feed = await hostileFeed(path.join(tmp, 'served', 'feed'));
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(at('/sync'));
      assert.match(await install(page, path.join(tmp, 'v1.zip')), /已启用第 1 版/);
      for (const [kind, said] of [['endless', /超过声明的 \d+ 字节/], ['trickle', /下载过慢或已停滞/]]) {
        await page.fill('#sync-url', `${feed.url}${kind}/`);
        await page.click('#sync-feed');
        await shown(page, page.locator('#sync-notice', { hasText: '未完成' }), 60_000);
        const notice = await text(page, '#sync-notice');
        assert.match(notice, said, `${kind}: ${notice}`);
        await page.locator('#sync-version', { hasText: '第 1 版' }).waitFor();
      }
      assert.deepEqual(errors.filter((e) => !/Failed to fetch|aborted|ERR_/.test(e)), []);
    } finally {
      await close();
      await feed.stop();
    }
  });

  test('shows clearly when the installed version has expired', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      // Created a day ago less 15 s, valid for a day: installs now, expires 15 s from now.
      const created = Math.floor(Date.now() / 1000) - 86_400 + 15;
      gongkaiAt({ SOURCE_DATE_EPOCH: String(created) }, 'bundle', '--site', path.join(tmp, 'source'), '--key',
        path.join(tmp, 'release.key'), '--version', '1', '--expires-days', '1', '--out', path.join(tmp, 'v1-short.zip'));
      await page.goto(at('/sync'));
      assert.match(await install(page, path.join(tmp, 'v1-short.zip')), /已启用第 1 版/);
      const expires = Number(/"expires":(\d+)/.exec(fs.readFileSync(path.join(tmp, 'v1-short.zip'), 'latin1'))[1]);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expires * 1000 - Date.now() + 1_500)));
      await page.reload();
      await shown(page, page.locator('#sync-expired'), 20_000);
      assert.match(await text(page, '#sync-expired'), /本机数据已于 \d{4}-\d{2}-\d{2} 过期/);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

/** A feed host on another port: `<kind>/latest.json` is the real feed's, and every object is
 * `endless` (bytes without end) or a `trickle` (one byte every 2 s, under any object's size
 * within the watchdog's 15 s window). */
function hostileFeed(realFeed) {
  const latest = fs.readFileSync(path.join(realFeed, 'latest.json'));
  const timers = new Set();
  const server = http.createServer((req, res) => {
    const [, kind, rest] = req.url.split('/');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (rest === 'latest.json') return res.end(latest);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const chunk = kind === 'endless' ? Buffer.alloc(64 * 1024, 7) : Buffer.from('x');
    const timer = setInterval(() => res.write(chunk), kind === 'endless' ? 1 : 2_000);
    timers.add(timer);
    res.on('close', () => { clearInterval(timer); timers.delete(timer); });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const stop = () => new Promise((done) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(done);
      });
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, stop });
    });
  });
}
