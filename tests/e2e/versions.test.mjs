// End-to-end: a regulation's versions on the built sample site, in headless Chromium (two texts
// of 保守国家秘密法, three of 道路运输条例). The item
// page lists its texts; a past date picks the text that stood then; a 第X条 deep link works in
// that text; the comparison shows its marks (struck through and underlined, with spoken labels);
// without JavaScript the pages still read; and search finds an earlier text only when asked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, hydrated, openPage, searchSettled, siteUnderTest } from './support.mjs';

// 保守国家秘密法: the 2010 revision and the 2024 revision (current), both real texts.
const ITEM = '/items/baoshou-guojia-mimi-fa/';
const EARLIER = `${ITEM}v/2010-04-29/`;
const DIFF = `${ITEM}diff/2010-04-29/2024-02-27/`;

const site = siteUnderTest();
const at = (path) => site.at(path);

async function withPage(check) {
  const session = await openPage(site.browser);
  try {
    await check(session);
    assert.deepEqual(session.errors, []);
  } finally {
    await session.close();
  }
}

describe('versions of a regulation', () => {
  test('the version list, a past date, a deep link in that text, and the comparison', async () => {
    await withPage(async ({ page }) => {
      await page.goto(at(ITEM));
      await hydrated(page);
      assert.deepEqual(await axeViolations(page), [], 'the item page with its versions');
      const table = page.locator('.versions-table');
      assert.match(await table.innerText(), /2010-04-29[\s\S]*修订[\s\S]*2024-02-27（现行）/);
      // 2015-06-01: the 2010 text stood (in force from 2010-10-01 until 2024-05-01).
      await page.locator('.as-of input[type=date]').fill('2015-06-01');
      await Promise.all([page.waitForURL(at(EARLIER)), page.locator('.as-of button').click()]);
      assert.match(await page.locator('.version-note').innerText(), /本页是 2010-04-29 修订 的文本，不是现行文本/);
      // A deep link to 第十二条 of that text lands on it.
      await page.goto(at(`${EARLIER}#art-12`));
      const art = page.locator('#art-12');
      assert.match(await art.innerText(), /^第十二条/);
      const inView = await art.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      });
      assert.ok(inView, '第十二条 is scrolled into view');
      // The note leads to the comparison with the current text.
      await Promise.all([page.waitForURL(at(DIFF)), page.locator('.version-note a', { hasText: '与现行文本比较' }).click()]);
      await page.locator('.diff-row.diff-changed').first().waitFor();
      const del = page.locator('.diff-row.diff-changed del').first();
      const ins = page.locator('.diff-row.diff-changed ins').first();
      await del.scrollIntoViewIfNeeded();
      await ins.scrollIntoViewIfNeeded();
      assert.ok(await del.isVisible() && await ins.isVisible(), 'the marks show');
      const styles = await del.evaluate((el) => getComputedStyle(el).textDecorationLine);
      assert.match(styles, /line-through/, 'a deletion is struck through, not only coloured');
      assert.match(await ins.evaluate((el) => getComputedStyle(el).textDecorationLine), /underline/);
      const label = (el, which) => el.evaluate((e, w) => getComputedStyle(e, w).content, which);
      assert.equal(await label(del, '::before'), '"[删除："', 'a spoken label names the mark');
      assert.equal(await label(ins, '::before'), '"[新增："');
      assert.match(await page.locator('.diff-counts').innerText(), /修改 \d+ 条/);
      assert.deepEqual(await axeViolations(page), [], 'the comparison page has no serious axe violations');
    });
  });

  test('three texts: the middle one for a day between, and a comparison of every two', async () => {
    // 道路运输条例: the 2019, 2022 and 2023 texts (each revised by a State Council decision).
    const road = '/items/daolu-yunshu-tiaoli/';
    await withPage(async ({ page }) => {
      await page.goto(at(road));
      await hydrated(page);
      assert.equal(await page.locator('.versions-table tbody tr').count(), 3);
      await page.locator('.as-of input[type=date]').fill('2022-01-01');
      await Promise.all([page.waitForURL(at(`${road}v/2019-03-02/`)), page.locator('.as-of button').click()]);
      await page.goto(at(`${road}v/2022-03-29/#art-10`));
      assert.match(await page.locator('#art-10').innerText(), /^第十条/);
      for (const [from, to] of [['2019-03-02', '2022-03-29'], ['2019-03-02', '2023-07-20'], ['2022-03-29', '2023-07-20']]) {
        const response = await page.goto(at(`${road}diff/${from}/${to}/`));
        assert.equal(response.status(), 200, `${from} → ${to}`);
        assert.match(await page.locator('.diff-counts').innerText(), /条/);
        const first = page.locator('.diff-row del, .diff-row ins').first();
        await first.scrollIntoViewIfNeeded();
        assert.ok(await first.isVisible(), `${from} → ${to} shows its marks`);
      }
      // Printed, the marks keep their strike and underline and the date picker is left out.
      await page.emulateMedia({ media: 'print' });
      const mark = page.locator('.diff-row del, .diff-row ins').first();
      assert.match(await mark.evaluate((el) => getComputedStyle(el).textDecorationLine), /line-through|underline/);
      assert.equal(await page.locator('.as-of').evaluate((el) => getComputedStyle(el).display), 'none');
    });
  });

  test('each changed article of the current text links to its comparison', async () => {
    await withPage(async ({ page }) => {
      await page.goto(at(ITEM));
      const mark = page.locator('.doc-body .art-changed').first();
      assert.match(await mark.innerText(), /2024-02-27 修订改动/);
      const href = await mark.getAttribute('href');
      assert.ok(href.startsWith(DIFF) && href.includes('#art-'), href);
      await Promise.all([page.waitForURL((u) => u.pathname === DIFF), mark.click()]);
      const anchor = href.slice(href.indexOf('#') + 1);
      assert.equal(await page.locator(`[id="${anchor}"]`).count(), 1, 'the comparison has the article');
    });
  });

  test('without JavaScript the version and comparison pages read', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(at(EARLIER));
      assert.match(await page.locator('.doc-body #art-1').innerText(), /^第一条/);
      await page.goto(at(DIFF));
      assert.ok(await page.locator('.diff-row del, .diff-row ins').count() > 0);
    } finally {
      await context.close();
    }
  });

  test('search finds an earlier text only when asked, and says which text it is', async () => {
    await withPage(async ({ page }) => {
      // Words of the 2010 text's 第十六条 that the 2024 text (由该机关、单位…) no longer has.
      const words = encodeURIComponent('"由机关、单位限定到具体人员"');
      await page.goto(at(`/search/?q=${words}`));
      await searchSettled(page);
      const plain = await page.locator('.hit .version-label').count();
      assert.equal(plain, 0, 'no earlier text by default');
      await page.goto(at(`/search/?q=${words}&versions=all`));
      await searchSettled(page);
      const label = page.locator('.hit .version-label').first();
      await label.waitFor();
      assert.match(await label.innerText(), /2010-04-29 文本/);
      const hit = page.locator('.hit', { has: page.locator('.version-label') }).first();
      const link = await hit.locator('.entry-title a').first().getAttribute('href');
      assert.equal(link, EARLIER);
      assert.ok(await page.locator('.versions-toggle input').isChecked());
    });
  });
});
