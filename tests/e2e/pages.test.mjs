// End-to-end: every browse page of the built sample site (home, catalogue, department, item, 404)
// in headless Chromium: pre-rendered content, paging, keyboard use, large text, copy links, axe,
// screenshots; the pages with JavaScript off; and hydration that keeps the pre-rendered nodes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, axeViolations, gongkaiBin, hydrated, isInViewport, launchBrowser, openPage, screenshot, searchSettled, startServer,
} from './support.mjs';

const REGULATION = '/items/xiangtan-dianzi-zhengwu-guanli-banfa/'; // 38 articles, two related items
const DISCLOSURE = '/items/xtszfb-2022-shuzi-zhengfu/'; // 索引号, 文号, 发布日期
const DEPARTMENT = '/departments/xtszfb/'; // 市政府办, 8 items

// Every page, with what shows it is ready.
const PAGES = [
  { name: 'home', path: '/', ready: '.latest .entries .entry' },
  { name: 'catalogue', path: '/catalogue/', ready: '.results .entries .entry' },
  { name: 'catalogue-2', path: '/catalogue/page/2/', ready: '.results .entries .entry' },
  { name: 'department', path: DEPARTMENT, ready: '.results .entries .entry' },
  { name: 'item', path: REGULATION, ready: '.doc-body #art-1' },
  { name: 'disclosure', path: DISCLOSURE, ready: 'table.meta' },
  { name: 'not-found', path: '/no/such/page', ready: '#not-found-search', missing: true },
  { name: 'unknown-item', path: '/items/does-not-exist/', ready: '#not-found-search', missing: true },
  { name: 'unknown-department', path: '/departments/nope/', ready: '#not-found-search', missing: true },
];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const at = (path) => new URL(path, server.url).href;

/** Opens a page, waits until it is ready and hydrated, runs `check`, and always closes the context. */
async function visit(path, ready, check, width = 1280) {
  const session = await openPage(browser, width);
  try {
    const response = await session.page.goto(at(path));
    await session.page.locator(ready).first().waitFor();
    await hydrated(session.page);
    await check({ ...session, response });
  } finally {
    await session.close();
  }
}

/** Console errors except the 404 responses that not-found pages cause on purpose. */
const realErrors = (errors) => errors.filter((e) => !e.includes('404'));

const entryCount = (page) => page.locator('.results .entries .entry').count();

describe('every page', () => {
  for (const { name, path, ready, missing } of PAGES) {
    test(`${name} (${path}) loads without console errors and passes axe`, async () => {
      await visit(path, ready, async ({ page, errors, response }) => {
        assert.equal(response.status(), missing ? 404 : 200, 'every route is a file of its own');
        assert.equal(await page.locator('header.site-header').count(), 1);
        assert.equal(await page.locator('nav.main-nav').count(), 1);
        assert.equal(await page.locator('main#main').count(), 1);
        assert.equal(await page.locator('footer.site-footer').count(), 1);
        assert.equal(await page.locator('main h1').count(), 1, 'one h1 per page');
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(realErrors(errors), []);
      });
    });
  }
});

describe('home page', () => {
  test('search box, ten latest items, departments and categories', async () => {
    await visit('/', '.latest .entries .entry', async ({ page }) => {
      assert.equal(await page.locator('#home-search').count(), 1);
      assert.equal(await page.locator('.latest .entries .entry').count(), 10);
      assert.ok(await page.locator(`a[href="${DEPARTMENT}"]`).count() >= 1);
      const category = page.locator(`a[href="/search/?f=category:${encodeURIComponent('规范性文件')}"]`);
      assert.equal(await category.count(), 1);
      await category.click();
      await page.waitForURL((u) => u.pathname === '/search/');
      await searchSettled(page);
      assert.match(await page.locator('.chips').innerText(), /规范性文件/);
      const categories = await page.locator('.hit .entry-meta .category').allInnerTexts();
      assert.ok(categories.length > 0 && categories.every((t) => t === '规范性文件'), categories.join(' | '));
    });
  });
});

describe('catalogue', () => {
  test('pages are real files linked by the pager; back and forward are the browser\'s own', async () => {
    await visit('/catalogue/', '.results .entries .entry', async ({ page, errors }) => {
      assert.equal(await entryCount(page), 10);
      assert.match(await page.locator('.results .summary').innerText(), /共 19 件，第 1 \/ 2 页/);
      await page.locator('.pager a[rel="next"]').click();
      await page.waitForURL((u) => u.pathname === '/catalogue/page/2/');
      assert.equal(await entryCount(page), 9);
      assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), '2');
      assert.equal(await page.locator('.filters').count(), 0, 'the filters are on the first page');
      await page.goBack();
      await page.waitForURL((u) => u.pathname === '/catalogue/');
      assert.equal(await entryCount(page), 10);
      await page.goForward();
      await page.waitForURL((u) => u.pathname === '/catalogue/page/2/');
      assert.deepEqual(realErrors(errors), []);
    });
  });

  test('the filter form browses the search page with its filters; the tree links there too', async () => {
    await visit('/catalogue/', '.results .entries .entry', async ({ page }) => {
      const tree = page.locator(`.tree a[href="/search/?f=issuer:xtszfb&f=category:${encodeURIComponent('政策文件')}"]`);
      assert.equal(await tree.count(), 1);
      await page.selectOption('#f-dept', 'issuer:xtszfb');
      await page.locator('.filters button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === '/search/');
      assert.deepEqual(new URL(page.url()).searchParams.getAll('f').filter(Boolean), ['issuer:xtszfb']);
      await searchSettled(page);
      assert.match(await page.locator('.search-results .summary').innerText(), /共 8 件文件/);
      assert.equal(await page.locator('.search-notice').count(), 0, 'the form\'s empty choices are not noted');
    });
  });
});

describe('department page', () => {
  test('names the department and lists its items and categories', async () => {
    await visit(DEPARTMENT, '.results .entries .entry', async ({ page }) => {
      assert.equal(await page.locator('main h1').innerText(), '湘潭市人民政府办公室');
      assert.match(await page.locator('.short-name').innerText(), /市政府办/);
      assert.equal(await entryCount(page), 8);
      assert.equal(await page.locator('.tree a[href^="/search/?f=issuer:xtszfb&f=category:"]').count(), 2);
    });
  });
});

describe('item page', () => {
  test('metadata, badge, related titles and a copy-link button per article', async () => {
    await visit(REGULATION, '.doc-body #art-1', async ({ page }) => {
      const meta = await page.locator('table.meta').innerText();
      for (const label of ['发文机关', '主题分类', '时效性']) assert.match(meta, new RegExp(label));
      assert.equal(await page.locator('.item-header .badge').innerText(), '现行有效');
      assert.equal(await page.locator('.doc-body button.copy-link').count(), 38);
      const related = await page.locator('.relations a').allInnerTexts();
      assert.deepEqual(related.sort(), [
        '中共湘潭市委办公室、湘潭市人民政府办公室关于加强我市电子政务内网建设的意见',
        '中共湘潭市委办公室、湘潭市人民政府办公室关于印发《湘潭市电子政务总体规划实施意见》的通知',
      ].sort());
      assert.equal(await page.locator('.relations a[href="/items/xiangtan-dianzi-zhengwu-neiwang-jianshe-yijian-2007/"]').count(), 1);
    });
  });

  test('a disclosure shows 索引号, 文号 and 发布日期', async () => {
    await visit(DISCLOSURE, 'table.meta', async ({ page }) => {
      const labels = await page.locator('table.meta th').allInnerTexts();
      for (const label of ['索引号', '发文机关', '文号', '发布日期', '主题分类']) assert.ok(labels.includes(label), label);
    });
  });

  test('the status follows the reader\'s day: 尚未生效 before its 施行日期, 现行有效 after', async () => {
    // 电子政务电子认证服务管理办法 takes effect on 2024-11-01 and is typed 现行有效.
    const item = '/items/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024/';
    const shown = async (page) => [
      await page.locator('.item-header .badge').innerText(),
      await page.locator('table.meta .status-text').innerText(),
    ];
    for (const [day, want] of [['2024-10-31T12:00:00Z', '尚未生效'], ['2024-11-01T12:00:00Z', '现行有效']]) {
      const { page, errors, close } = await openPage(browser);
      try {
        await fixClock(page, day);
        await page.goto(at(item));
        await hydrated(page);
        await page.locator('.item-header .badge', { hasText: want }).waitFor();
        assert.deepEqual(await shown(page), [want, want], day);
        assert.deepEqual(realErrors(errors), []);
      } finally {
        await close();
      }
    }
  });

  test('lists and search hits show the status of the reader\'s day too', async () => {
    // The same item in the catalogue's list and as a search hit; the facets say which day they count.
    const item = '/items/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024/';
    const inList = (page) => page.locator('li.entry', { has: page.locator(`a[href="${item}"]`) }).locator('.badge');
    for (const [day, want] of [['2024-10-31T12:00:00Z', '尚未生效'], ['2024-11-01T12:00:00Z', '现行有效']]) {
      const { page, errors, close } = await openPage(browser);
      try {
        await fixClock(page, day);
        await page.goto(at('/catalogue/'));
        await hydrated(page);
        await inList(page).filter({ hasText: want }).waitFor();
        await page.goto(at('/search/?q=电子认证服务管理办法'));
        await searchSettled(page);
        const hit = page.locator('li.hit', { has: page.locator(`a[href="${item}"]`) }).first();
        assert.equal(await hit.locator('.badge').innerText(), want, day);
        assert.match(await page.locator('.facets .facet-note').innerText(), /时效性筛选按.*录入的状态/);
        assert.deepEqual(realErrors(errors), []);
      } finally {
        await close();
      }
    }
  });

  test('a disclosure and the regulation it publishes link to each other', async () => {
    const published = '/items/xiangtan-shuzi-zhengfu-2022/';
    await visit(DISCLOSURE, '.relations', async ({ page }) => {
      assert.match(await page.locator('.relations').innerText(), /本信息公开的文件/);
      assert.equal(await page.locator(`.relations a[href="${published}"]`).count(), 1);
    });
    await visit(published, '.relations', async ({ page }) => {
      assert.match(await page.locator('.relations').innerText(), /本文件的政府信息公开/);
      assert.equal(await page.locator(`.relations a[href="${DISCLOSURE}"]`).count(), 1);
    });
  });

  test('copy link puts origin + path + #art-12 on the clipboard and announces it', async () => {
    const { page, context, errors, close } = await openPage(browser);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
      await page.goto(at(REGULATION));
      await hydrated(page);
      const button = page.locator('#art-12 button.copy-link');
      assert.equal(await button.getAttribute('aria-label'), '复制第十二条的链接');
      await button.click();
      await page.locator('.copy-status', { hasText: '已复制第十二条的链接' }).waitFor();
      assert.equal(await page.locator('.copy-status').getAttribute('aria-live'), 'polite');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, `${new URL(server.url).origin}${REGULATION}#art-12`);
      assert.deepEqual(realErrors(errors), []);
    } finally {
      await close();
    }
  });

  test('print hides navigation and keeps the metadata table', async () => {
    await visit(REGULATION, '.doc-body #art-1', async ({ page }) => {
      await page.emulateMedia({ media: 'print' });
      const shown = (sel) => page.$eval(sel, (el) => getComputedStyle(el).display !== 'none');
      assert.equal(await shown('header.site-header'), false);
      assert.equal(await shown('nav.toc'), false);
      assert.equal(await shown('table.meta'), true);
    });
  });
});

describe('keyboard', () => {
  test('"/" focuses the header search, typing and Enter land on /search/?q=…', async () => {
    await visit(REGULATION, '.doc-body #art-1', async ({ page }) => {
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
      await page.keyboard.type('电子政务 管理');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/search/');
      assert.equal(new URL(page.url()).searchParams.get('q'), '电子政务 管理');
    });
  });

  test('"/" on the narrow home page focuses its own search box (the header hides its box there)', async () => {
    await visit('/', '.latest .entries .entry', async ({ page }) => {
      assert.equal(await page.isVisible('#site-search'), false);
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'home-search');
    }, 390);
  });

  test('"/" typed into a field stays in the field', async () => {
    await visit('/', '#home-search', async ({ page }) => {
      await page.focus('#home-search');
      await page.keyboard.type('a/b');
      assert.equal(await page.inputValue('#home-search'), 'a/b');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'home-search');
    });
  });

  test('Tab reaches the skip link, navigation and list links with a visible focus ring', async () => {
    await visit('/catalogue/', '.results .entries .entry', async ({ page }) => {
      const seen = [];
      for (let i = 0; i < 40 && !seen.some((s) => s.inList); i += 1) {
        await page.keyboard.press('Tab');
        seen.push(await page.evaluate(() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName,
            text: el.textContent.trim().slice(0, 20),
            inList: !!el.closest('.entries'),
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 || style.boxShadow !== 'none',
          };
        }));
      }
      assert.equal(seen[0].text, '跳到正文', 'the skip link comes first');
      assert.ok(seen.some((s) => s.text === '信息公开目录'), 'navigation is reachable');
      assert.ok(seen.some((s) => s.tag === 'SELECT'), 'filters are reachable');
      assert.ok(seen.at(-1).inList, 'a list link is reachable');
      const unringed = seen.filter((s) => !s.ring);
      assert.deepEqual(unringed, [], 'every focused element shows a focus ring');
    });
  });
});

describe('large text', () => {
  test('大字版 enlarges the text and survives a reload', async () => {
    await visit('/', '.latest .entries .entry', async ({ page }) => {
      const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const normal = await rootSize();
      const toggle = page.getByRole('button', { name: '大字版' });
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.ok(await rootSize() > normal * 1.2);
      await page.reload();
      await hydrated(page);
      await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      await toggle.click();
      assert.equal(await rootSize(), normal);
    });
  });
});

describe('not found', () => {
  test('offers a search box that submits to /search and a link home', async () => {
    await visit('/items/does-not-exist/', '#not-found-search', async ({ page }) => {
      assert.match(await page.locator('main').innerText(), /本站没有这个地址的页面/);
      assert.equal(await page.locator('main a[href="/"]').count(), 1);
      await page.fill('#not-found-search', '数字政府');
      await page.press('#not-found-search', 'Enter');
      await page.waitForURL((u) => u.pathname === '/search/');
      assert.equal(new URL(page.url()).searchParams.get('q'), '数字政府');
    });
  });
});

describe('without JavaScript', () => {
  /** A page in a context with JavaScript disabled: only the pre-rendered HTML. */
  async function plain(path, check) {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const response = await page.goto(at(path));
      await check(page, response);
    } finally {
      await context.close();
    }
  }

  test('an item is read whole, and a deep link to #art-12 lands on that article', async () => {
    await plain(`${REGULATION}#art-12`, async (page) => {
      assert.equal(await page.locator('main h1').innerText(), '湘潭市电子政务管理办法');
      assert.match(await page.locator('table.meta').innerText(), /发文机关/);
      assert.equal(await page.locator('.doc-body [id^="art-"]').count(), 38);
      assert.ok(await page.locator('nav.toc a[href="#art-12"]').count() >= 1, 'the contents link to the articles');
      assert.equal(await isInViewport(page, '#art-12'), true);
      assert.match(await page.title(), /^湘潭市电子政务管理办法 - /);
    });
  });

  test('the catalogue pages through its links, and a department lists its items', async () => {
    await plain('/catalogue/', async (page) => {
      assert.equal(await entryCount(page), 10);
      await page.locator('.pager a[rel="next"]').click();
      await page.waitForURL((u) => u.pathname === '/catalogue/page/2/');
      assert.equal(await entryCount(page), 9);
      await page.locator('.pager a[rel="prev"]').click();
      await page.waitForURL((u) => u.pathname === '/catalogue/');
      await page.locator(`a[href="${DEPARTMENT}"]`).first().click();
      await page.waitForURL((u) => u.pathname === DEPARTMENT);
      assert.equal(await entryCount(page), 8);
    });
  });

  test('the 404 page and the search page say what to do instead', async () => {
    await plain('/no/such/page', async (page, response) => {
      assert.equal(response.status(), 404);
      assert.match(await page.locator('main').innerText(), /找不到您要的页面/);
      assert.equal(await page.locator('main a[href="/catalogue/"]').count(), 1);
    });
    await plain('/search/?q=电子政务', async (page) => {
      const note = page.locator('main .notice', { hasText: 'JavaScript' });
      assert.equal(await note.isVisible(), true);
      assert.equal(await note.locator('a[href="/catalogue/"]').count(), 1);
    });
  });
});

describe('hydration', () => {
  test('islands take over the pre-rendered nodes, with no warning or error on any page', async () => {
    for (const { path, ready } of PAGES) {
      const session = await openPage(browser);
      const warnings = [];
      session.page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
      // Before any script runs: remember the pre-rendered nodes, and note when the islands have
      // been hydrated (the page's own listener runs first; ours waits a task after it).
      await session.page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          window.__before = ['main h1', '.large-text-toggle', '#site-search', 'footer'].map((s) => document.querySelector(s));
        });
        addEventListener('TrunkApplicationStarted', () => setTimeout(() => { window.__hydrated = true; }));
      });
      try {
        await session.page.goto(at(path));
        await session.page.locator(ready).first().waitFor();
        await session.page.waitForFunction(() => window.__hydrated === true);
        const same = await session.page.evaluate(() =>
          ['main h1', '.large-text-toggle', '#site-search', 'footer'].map((s, i) => document.querySelector(s) === window.__before[i]));
        assert.deepEqual(same, [true, true, true, true], `${path}: the same nodes after hydration`);
        const toggle = session.page.locator('.large-text-toggle');
        await toggle.click();
        assert.equal(await toggle.getAttribute('aria-pressed'), 'true', `${path}: the island answers`);
        await toggle.click();
        assert.deepEqual(realErrors(session.errors), [], path);
        assert.deepEqual(warnings, [], path);
      } finally {
        await session.close();
      }
    }
  });
});

describe('screenshots', () => {
  for (const width of [390, 1280]) {
    test(`every page at ${width}px`, async () => {
      for (const { name, path, ready } of PAGES) {
        await visit(path, ready, ({ page }) => screenshot(page, `page-${name}-${width}`), width);
      }
    });
  }
});

// The sample content has no attachments and no amending or repealing links, so these tests build
// a small site of their own: the sample plus three linked regulations, one with an attachment.
describe('links and attachments (fixture site)', () => {
  const app = process.env.GONGKAI_APP ? path.resolve(process.env.GONGKAI_APP) : path.join(ROOT, 'dist');
  const skip = fs.existsSync(path.join(app, 'index.html')) ? false : `no Trunk output at ${app} (set GONGKAI_APP)`;
  let fixture;
  let work;

  before(async () => {
    if (skip) return;
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-pages-'));
    const content = path.join(work, 'content');
    fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
    writeFixtures(content);
    execFileSync(gongkaiBin(), ['build', '--content', content, '--out', path.join(work, 'site'), '--app', app], { stdio: 'pipe' });
    fixture = await startServer(path.join(work, 'site'));
  });

  after(async () => {
    await fixture?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('an amended regulation links to its amendment and lists its attachment with SHA-256', { skip }, async () => {
    const { page, errors, close } = await openPage(browser, 390);
    try {
      await page.goto(new URL('/items/fixture-old/', fixture.url).href);
      await page.locator('.relations').waitFor();
      await page.locator('.attachments').scrollIntoViewIfNeeded();
      await screenshot(page, 'page-item-links-390');
      const relations = await page.locator('.relations').innerText();
      assert.match(relations, /本文件已被以下文件修改\s+测试修正办法/);
      assert.equal(await page.locator('.item-header .badge').innerText(), '已修改');
      const attachment = page.locator('.attachments li');
      assert.match(await attachment.innerText(), /测试附件\s*（\d+ 字节）/);
      assert.match(await attachment.innerText(), new RegExp(FIXTURE_SHA));
      assert.equal(await attachment.locator('a').getAttribute('href'), '/attachments/fixture.txt');
      const meta = await page.locator('table.meta th').allInnerTexts();
      for (const label of ['发文机关', '文号', '成文日期', '发布日期', '施行日期', '主题分类', '时效性']) {
        assert.ok(meta.includes(label), label);
      }
      await page.locator('.relations a', { hasText: '测试修正办法' }).click();
      await page.waitForURL((u) => u.pathname === '/items/fixture-new/');
      await page.locator('h1', { hasText: '测试修正办法' }).waitFor();
      const newer = await page.locator('.relations').innerText();
      assert.match(newer, /本文件修改了\s+测试原办法/);
      assert.match(newer, /本文件废止了\s+测试旧规定/);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a regulation typed 尚未生效 whose 施行日期 has passed shows 现行有效', { skip }, async () => {
    const url = new URL('/items/fixture-pending/', fixture.url).href;
    const html = await (await fetch(url)).text();
    assert.match(html, /class="badge badge-pending"[^>]*>尚未生效</, 'the pre-rendered page has the build\'s status');
    const { page, errors, close } = await openPage(browser);
    try {
      await fixClock(page, '2026-12-02T12:00:00Z');
      await page.goto(url);
      await hydrated(page);
      await page.locator('.item-header .badge', { hasText: '现行有效' }).waitFor();
      assert.equal(await page.locator('.item-header .badge').getAttribute('class'), 'badge badge-current');
      assert.equal(await page.locator('table.meta .status-text').innerText(), '现行有效');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

/**
 * Makes `new Date()` and `Date.now()` in the page return `iso` (noon UTC is the same day in
 * every time zone within ±12 h). Playwright's own clock also fakes `performance`, whose mark
 * `hydrated` waits for.
 */
function fixClock(page, iso) {
  return page.addInitScript((fixed) => {
    const Real = Date;
    globalThis.Date = class extends Real {
      constructor(...args) {
        super(...(args.length ? args : [fixed]));
      }
      static now() {
        return fixed;
      }
    };
  }, new Date(iso).getTime());
}

const FIXTURE_TEXT = 'gongkai attachment fixture\n';
const FIXTURE_SHA = createHash('sha256').update(FIXTURE_TEXT).digest('hex');

function writeFixtures(content) {
  fs.mkdirSync(path.join(content, 'attachments'), { recursive: true });
  fs.writeFileSync(path.join(content, 'attachments/fixture.txt'), FIXTURE_TEXT);
  const regulation = (id, title, status, extra) => `+++
type = "regulation"
id = "${id}"
title = "${title}"
issuers = ["xtszf"]
kind = "规章"
status = "${status}"
topics = ["dianzi-zhengwu"]
${extra}
+++
第一条　本办法用于测试。
`;
  const files = {
    'fixture-old.md': regulation('fixture-old', '测试原办法', '已修改', `doc_no = "潭政发〔2020〕1号"
written = 2020-01-02
published = 2020-01-03
effective = 2020-02-01

[links]
amended_by = ["fixture-new"]

[[attachments]]
file = "attachments/fixture.txt"
title = "测试附件"
sha256 = "${FIXTURE_SHA}"`),
    'fixture-new.md': regulation('fixture-new', '测试修正办法', '现行有效', `published = 2023-05-06

[links]
amends = ["fixture-old"]
repeals = ["fixture-gone"]`),
    'fixture-pending.md': regulation('fixture-pending', '测试待施行办法', '尚未生效', `published = 2024-09-04
effective = 2024-11-01`),
    'fixture-gone.md': regulation('fixture-gone', '测试旧规定', '已废止', `published = 2010-05-06

[links]
repealed_by = ["fixture-new"]`),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(content, 'regulations', name), text);
}
