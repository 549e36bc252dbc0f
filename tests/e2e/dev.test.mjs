// `gongkai dev` on a copy of the sample content with the built app: an open item page reloads
// itself after a save and shows the new text; an error in the content shows in the page with
// its file and line, and fixing it brings the page back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gongkaiBin, launchBrowser, openPage, ROOT, startDevServer } from './support.mjs';

const ITEM = 'regulations/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024.md';
const PAGE = '/items/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024/';
const TITLE = '电子政务电子认证服务管理办法';

let work;
let dev;
let browser;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-dev-'));
  fs.cpSync(path.join(ROOT, 'content'), path.join(work, 'content'), { recursive: true });
  const args = ['--content', 'content', '--out', 'site', '--app', path.join(ROOT, 'dist'), '--as-of', '2026-12-02'];
  dev = await startDevServer(gongkaiBin(), args, work);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await dev?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function edit(from, to) {
  const file = path.join(work, 'content', ITEM);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${ITEM} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

test('an open page reloads after a save, shows errors with file and line, and comes back', async () => {
  const { page, close } = await openPage(browser);
  try {
    await page.goto(new URL(PAGE, dev.url).href);
    await page.locator('h1', { hasText: TITLE }).waitFor();
    // The reload script listens before the save.
    await page.waitForFunction(() => document.documentElement.dataset.gongkaiLive);

    edit(`title = "${TITLE}"`, `title = "${TITLE}（修订稿）"`);
    await page.locator('h1', { hasText: '（修订稿）' }).waitFor({ timeout: 60_000 });

    edit('published = 2024-', 'published = 2024-13-');
    const problem = page.locator('li code', { hasText: `${ITEM}:` });
    await problem.waitFor({ timeout: 60_000 });
    assert.match(await problem.textContent(), /content\/regulations\/.*\.md:\d+: /);
    assert.equal(await page.locator('h1').textContent(), '内容检查未通过，网站仍是上次成功构建的版本');

    edit('published = 2024-13-', 'published = 2024-');
    await page.locator('h1', { hasText: '（修订稿）' }).waitFor({ timeout: 60_000 });
  } finally {
    await close();
  }
});
