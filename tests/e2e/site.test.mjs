// End-to-end: the built sample site, served by `gongkai serve`, driven in headless Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, isInViewport, launchBrowser, openPage, screenshot, startServer } from './support.mjs';

const TITLE = '湘潭市电子政务管理办法';
const ARTICLES = 38;

let server;
let browser;
let itemPath; // e.g. /items/xiangtan-dianzi-zhengwu-guanli-banfa/, learnt from the catalogue page

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const at = (path) => new URL(path, server.url).href;

/** Opens the catalogue and follows its pager until the item's link is on the page. */
async function catalogueLink(page) {
  await page.goto(at('/catalogue/'));
  const link = page.getByRole('link', { name: TITLE, exact: true });
  while (!(await link.count())) {
    const next = page.locator('.pager a[rel="next"]');
    assert.equal(await next.count(), 1, `${TITLE} is on no page of the catalogue`);
    await next.click();
    await page.locator('.results .entries').waitFor();
  }
  return link;
}

describe('catalogue page', () => {
  test('lists the Xiangtan catalogue without console errors', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      await catalogueLink(page);
      const links = await page.locator('main .entries a[href^="/items/"]').count();
      assert.ok(links >= 5, `expected item links, found ${links}`);
      assert.match(await page.locator('.site-header').innerText(), /湘潭/);
      assert.match(await page.locator('main h1').innerText(), /信息公开目录/);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe('item page', () => {
  test('opens from the catalogue with metadata, contents and 38 articles', async () => {
    const { page, errors, close } = await openPage(browser);
    try {
      const link = await catalogueLink(page);
      itemPath = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((u) => u.pathname === itemPath);
      await page.locator('article.item h1', { hasText: TITLE }).waitFor();

      const meta = await page.locator('table.meta').innerText();
      for (const label of ['发文机关', '时效性', '主题分类']) assert.match(meta, new RegExp(label));
      assert.match(meta, /湘潭市人民政府/);

      const ids = await page.$$eval('.doc-body [id^="art-"]', (els) => els.map((e) => e.id));
      assert.equal(ids.length, ARTICLES);
      assert.deepEqual(ids, Array.from({ length: ARTICLES }, (_, i) => `art-${i + 1}`));
      assert.equal(await page.locator('nav.toc a[href="#art-12"]').count(), 1);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a deep link to #art-12 scrolls the article into view', async () => {
    assert.ok(itemPath, 'the previous test found the item link');
    const { page, errors, close } = await openPage(browser);
    try {
      const response = await page.goto(at(`${itemPath}#art-12`));
      assert.equal(response.status(), 200, 'the item\'s own page answers the deep link');
      await page.locator('#art-12').waitFor();
      await page.waitForFunction(() => {
        const r = document.getElementById('art-12').getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      }, null, { timeout: 5_000 });
      assert.ok(await isInViewport(page, '#art-12'));
      assert.ok(await page.evaluate(() => window.scrollY > 0), 'the page scrolled');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe('not found', () => {
  for (const path of ['/items/does-not-exist', '/no/such/page']) {
    test(`${path} shows the not-found view`, async () => {
      const { page, errors, close } = await openPage(browser);
      try {
        await page.goto(at(path));
        await page.getByRole('heading', { name: '找不到您要的页面' }).waitFor();
        assert.equal(await page.locator('main a[href="/"]').count(), 1);
        // 404 responses are logged by Chromium as console errors; only uncaught exceptions count here.
        assert.deepEqual(errors.filter((e) => e.startsWith('uncaught')), []);
      } finally {
        await close();
      }
    });
  }
});

describe('screenshots', () => {
  for (const width of [390, 1280]) {
    test(`at ${width}px`, async () => {
      assert.ok(itemPath, 'the item test found the item link');
      const { page, close } = await openPage(browser, width);
      try {
        await catalogueLink(page);
        await screenshot(page, `catalogue-${width}`);
        await page.goto(at(itemPath));
        await page.locator('.doc-body #art-1').waitFor();
        await screenshot(page, `item-${width}`);
        await page.goto(at(`${itemPath}#art-12`));
        await page.locator('#art-12').waitFor();
        await page.waitForTimeout(300);
        await screenshot(page, `item-art12-${width}`);
        await page.goto(at('/items/does-not-exist'));
        await page.getByRole('heading', { name: '找不到您要的页面' }).waitFor();
        await screenshot(page, `not-found-${width}`);
      } finally {
        await close();
      }
    });
  }
});
