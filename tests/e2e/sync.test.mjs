// End-to-end: the village terminal page (/sync). Signed bundles are made with the CLI from the
// built sample site; Chromium loads one through the file input, refuses a tampered one while the
// good version stays active, syncs a feed fetching only the missing object, and then reads and
// searches with the network switched off (the service worker serves the stored version).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, gongkaiBin, launchBrowser, openPage, screenshot, startServer } from './support.mjs';

const TITLE = '湘潭市电子政务管理办法';
const SITE = process.env.GONGKAI_SITE ? path.resolve(process.env.GONGKAI_SITE) : null;

let tmp;
let server;
let browser;
let asOf; // site.data_as_of of the sample catalogue

const gongkai = (...args) => execFileSync(gongkaiBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Keys, a trust root published at /trust.json, bundles v1 and v2 (tampered), and a v3 feed with one new file. */
function prepare() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-sync-'));
  const source = path.join(tmp, 'source');
  const served = path.join(tmp, 'served');
  fs.cpSync(SITE, source, { recursive: true });
  gongkai('keygen', '--out', path.join(tmp, 'release.key'));
  gongkai('trust', 'init', '--key', path.join(tmp, 'release.key.pub'), '--out', path.join(source, 'trust.json'));
  const bundle = (version, ...rest) => gongkai('bundle', '--site', source, '--key', path.join(tmp, 'release.key'), '--version', String(version), ...rest);
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
  await page.setInputFiles('#sync-file', file);
  await page.click('#sync-install');
  await shown(page, page.locator('#sync-notice'), 60_000);
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

      await page.fill('#sync-url', '/feed/');
      await page.click('#sync-feed');
      await shown(page, page.locator('#sync-notice', { hasText: '第 3 版' }), 60_000);
      assert.match(await text(page, '#sync-notice'), /已启用第 3 版：新写入 1 个文件，沿用本机已有的 \d+ 个/);
      assert.match(await text(page, '#sync-source'), /\/feed\/$/);

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
});
