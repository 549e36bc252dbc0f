// End-to-end: full-text search in the browser on the built sample site. The engine runs in a
// Web Worker fetched on first need; results, facets, chips, sort, paging, deep links to 第N条,
// URL state with back/forward, bad input, failure states, axe and screenshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, hydrated, isInViewport, launchBrowser, openPage, screenshot, startServer } from './support.mjs';

const Q = '电子政务';
const DOC_NO = '潭政办函[2022]25号';
const SEARCH_FILES = /gongkai-search-worker|search-loader|\/search-index\//;

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
const searchPath = (q, extra = '') => `/search/?q=${encodeURIComponent(q)}${extra}`;

/** Opens a page recording every request path, runs `check`, always closes the context. */
async function session(width, check) {
  const s = await openPage(browser, width);
  const requests = [];
  s.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await check({ ...s, requests });
  } finally {
    await s.close();
  }
}

/** Waits until the search answered (a count or an error is shown) and returns the total. The
 * pre-rendered page is not busy before its island hydrates and asks, so it waits for that first. */
async function settled(page) {
  await hydrated(page);
  await page.waitForFunction(() => {
    const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
    return busy === 'false' || document.querySelector('.search-layout [role=alert]');
  });
  return total(page);
}

async function total(page) {
  const text = await page.locator('.search-bar .summary').first().innerText();
  const m = text.match(/(\d+)\s*件/);
  return m ? Number(m[1]) : NaN;
}

/** Waits for the count to differ from `before` and returns it. */
async function totalChangedFrom(page, before) {
  await page.waitForFunction((b) => {
    const busy = document.querySelector('.search-results')?.getAttribute('aria-busy');
    const m = document.querySelector('.search-bar .summary')?.textContent.match(/(\d+)\s*件/);
    return busy === 'false' && m && Number(m[1]) !== b;
  }, before);
  return total(page);
}

const query = (page) => new URL(page.url()).searchParams;

describe('loading on demand', () => {
  test('the first page load fetches no search code or index; focusing the search box does', async () => {
    await session(1280, async ({ page, requests, errors }) => {
      const response = await page.goto(at('/'));
      const html = await response.text();
      assert.doesNotMatch(html, /gongkai-search-worker|search-loader/, 'no preload of the worker in index.html');
      const appWasm = html.match(/\/gongkai-app-[0-9a-f]+_bg\.wasm/)[0];
      const bytes = Buffer.from(await (await fetch(at(appWasm))).arrayBuffer());
      assert.equal(bytes.includes('tantivy'), false, 'the app wasm holds no search engine');
      await page.locator('.latest .entries .entry').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(requests.filter((p) => SEARCH_FILES.test(p)), [], 'nothing of search on first load');
      await page.focus('#site-search');
      // The worker fetched the engine itself (no page compiled it here) and opened the index.
      await page.waitForResponse((r) => r.url().endsWith('/search-index/meta.json'));
      for (const wanted of ['/gongkai-search-worker_bg.wasm', '/search-index/manifest.json']) {
        assert.ok(requests.includes(wanted), `${wanted} requested after focus`);
      }
      assert.deepEqual(errors, []);
    });
  });

  test('opening a search URL directly loads the worker and shows results', async () => {
    await session(1280, async ({ page, requests, errors }) => {
      await page.goto(at(searchPath(Q)));
      assert.ok((await settled(page)) > 0);
      assert.ok(requests.some((p) => p.startsWith('/search-index/')));
      assert.deepEqual(errors, []);
    });
  });

  test('the search page starts the search worker and loads the index without waiting for the app', async () => {
    await session(1280, async ({ page, context, requests }) => {
      await context.route(/\/gongkai-app-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
      const manifest = page.waitForRequest((r) => r.url().endsWith('/search-index/manifest.json'));
      await page.goto(at(searchPath(Q)), { waitUntil: 'domcontentloaded' });
      await manifest;
      assert.ok(requests.includes('/gongkai-search-worker_bg.wasm'), 'the engine is downloading');
    });
  });

  test('the app takes over the worker the page started: one engine download, one index load', async () => {
    await session(1280, async ({ page, requests, errors }) => {
      await page.goto(at(searchPath(Q)));
      assert.ok((await settled(page)) > 0);
      await page.waitForLoadState('networkidle');
      const count = (p) => requests.filter((r) => r === p).length;
      assert.equal(count('/gongkai-search-worker_bg.wasm'), 1);
      assert.equal(count('/search-index/manifest.json'), 1);
      assert.deepEqual(errors, []);
    });
  });

  test('the search page asks for the engine, the worker, the manifest and the hotcache at once', async () => {
    await session(1280, async ({ page, context, requests, errors }) => {
      // Every answer held back: what is asked for before the first answer did not wait for one.
      const held = /\/(search-loader\.js|gongkai-search-worker_bg\.wasm|search-index\/manifest\.json|search-index\/hotcache\.bin)$/;
      const asked = [];
      let answered = false;
      await context.route(held, async (route) => {
        asked.push({ path: new URL(route.request().url()).pathname, early: !answered });
        await new Promise((r) => setTimeout(r, 800));
        answered = true;
        await route.continue();
      });
      await page.goto(at(searchPath(Q)));
      assert.ok((await settled(page)) > 0);
      const early = asked.filter((a) => a.early).map((a) => a.path).sort();
      assert.deepEqual(early, [
        '/gongkai-search-worker_bg.wasm', '/search-index/hotcache.bin', '/search-index/manifest.json', '/search-loader.js',
      ]);
      // Handed over, not fetched again by the worker.
      for (const once of ['/gongkai-search-worker_bg.wasm', '/search-index/manifest.json', '/search-index/hotcache.bin']) {
        assert.equal(requests.filter((r) => r === once).length, 1, once);
      }
      assert.deepEqual(errors, []);
    });
  });

  test('a slow index shows a progress bar until it has loaded', async () => {
    await session(1280, async ({ page, context, errors }) => {
      await context.route(/\/search-index\/.*\.store$/, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await page.goto(at(searchPath(Q)));
      await page.locator('progress#index-progress').waitFor();
      assert.match(await page.locator('.index-progress').innerText(), /正在载入检索索引/);
      assert.ok((await settled(page)) > 0);
      assert.equal(await page.locator('progress#index-progress').count(), 0);
      assert.deepEqual(errors, []);
    });
  });
});

describe('the search page', () => {
  test('shows highlighted results with facet counts; a facet narrows them and its chip widens them again', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q)));
      const all = await settled(page);
      assert.ok(all > 1, `several results for ${Q}`);
      assert.ok(await page.locator('.hit .entry-title mark').count() > 0, 'titles highlighted');
      assert.ok(await page.locator('.hit .snippet mark').count() > 0, 'snippets highlighted');
      const facetCounts = await page.locator('.facet .facet-value .count').allInnerTexts();
      assert.ok(facetCounts.length > 3 && facetCounts.every((c) => /^\d+$/.test(c)));
      // Departments are listed by name, not by code.
      assert.match(await page.locator('.facet').first().innerText(), /湘潭市人民政府办公室/);

      const narrower = page.locator('.facet .facet-value', { hasText: '湘潭市人民政府办公室' }).first();
      const expected = Number(await narrower.locator('.count').innerText());
      assert.ok(expected < all);
      await narrower.click();
      assert.equal(await totalChangedFrom(page, all), expected);
      assert.deepEqual(query(page).getAll('f'), ['issuer:xtszfb']);
      assert.equal(await page.locator('.chips .chip').count(), 1);
      assert.match(await page.locator('.chips .chip').innerText(), /市政府办/);

      await screenshot(page, 'search-1280');
      await page.locator('.chips .chip').click();
      assert.equal(await totalChangedFrom(page, expected), all);
      assert.equal(await page.locator('.chips .chip').count(), 0);
      assert.deepEqual(errors, []);
    });
  });

  test('back and forward restore the search, its filters and its box', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q)));
      const all = await settled(page);
      await page.locator('.in-force-toggle input').check();
      await page.waitForURL(/in_force/);
      await settled(page);
      await page.locator('.facet .facet-value', { hasText: '2004' }).click();
      const narrowed = await totalChangedFrom(page, all);
      assert.equal(await page.locator('.chips .chip').count(), 2);

      await page.goBack();
      await page.waitForURL((u) => !u.search.includes('year'));
      assert.deepEqual(query(page).getAll('f'), ['in_force:true']);
      await page.goBack();
      await page.waitForURL((u) => !u.search.includes('f='));
      assert.equal(await totalChangedFrom(page, narrowed), all);
      assert.equal(await page.inputValue('#search-query'), Q);
      assert.equal(await page.locator('.chips .chip').count(), 0);

      await page.goForward();
      await page.goForward();
      await page.waitForURL(/year/);
      assert.equal(await totalChangedFrom(page, all), narrowed);
      assert.equal(await page.locator('.chips .chip').count(), 2);
      assert.equal(await page.isChecked('.in-force-toggle input'), true);
      assert.deepEqual(errors, []);
    });
  });

  test('a search typed in the box enters the URL and the history once answered', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q)));
      const all = await settled(page);
      await page.fill('#search-query', '电子政务网络');
      await page.press('#search-query', 'Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === '电子政务网络');
      const fewer = await totalChangedFrom(page, all);
      assert.match(await page.locator('.search-bar .summary').innerText(), /电子政务网络/);
      assert.match(await page.title(), /电子政务网络/);

      await page.goBack();
      await page.waitForURL((u) => u.searchParams.get('q') === Q);
      assert.equal(await totalChangedFrom(page, fewer), all);
      assert.equal(await page.inputValue('#search-query'), Q);
      await page.goForward();
      await page.waitForURL((u) => u.searchParams.get('q') === '电子政务网络');
      assert.equal(await totalChangedFrom(page, all), fewer);
      assert.deepEqual(errors, []);
    });
  });

  test('an article hit opens the item scrolled to that 第X条', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath('电子政务网络')));
      await settled(page);
      const link = page.locator('.article-hits .article-link').nth(1);
      const href = await link.getAttribute('href');
      const anchor = href.split('#')[1];
      assert.match(href, /^\/items\/[\w-]+\/#art-\d+$/);
      await link.click();
      await page.waitForURL((u) => u.hash === `#${anchor}`);
      await page.locator(`#${anchor}`).waitFor();
      await page.waitForFunction((id) => {
        const r = document.getElementById(id)?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < window.innerHeight;
      }, anchor);
      assert.ok(await isInViewport(page, `#${anchor}`));
      assert.deepEqual(errors, []);
    });
  });

  test(`the 文号 ${DOC_NO} finds that document first`, async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(DOC_NO)));
      assert.ok((await settled(page)) >= 1);
      const first = page.locator('.hit').first();
      assert.equal(await first.locator('.doc-no').innerText(), '潭政办函〔2022〕25号');
      assert.deepEqual(errors, []);
    });
  });

  test('sorting by date and paging keep everything in the URL', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at('/search/'));
      const all = await settled(page);
      assert.ok(all > 10, 'browsing lists everything');
      assert.equal(await page.locator('.hit').count(), 10);
      await page.locator('.pager a[rel=next]').click();
      await page.waitForURL(/page=2/);
      await page.waitForFunction((n) => document.querySelectorAll('.hit').length === n, all - 10);
      assert.equal(await page.locator('.pager .current').innerText(), '2');

      await page.goto(at(searchPath(Q)));
      await settled(page);
      await page.locator('.sort-toggle a', { hasText: '日期' }).click();
      await page.waitForURL(/sort=date/);
      await settled(page);
      const dates = await page.locator('.hit .date').allInnerTexts();
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.equal(await page.getAttribute('.sort-toggle a[aria-current=true]', 'href'), `/search/?q=${encodeURIComponent(Q)}&sort=date`);
      assert.deepEqual(errors, []);
    });
  });

  test('passes axe and has one h1', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q, '&f=year:2004')));
      await settled(page);
      assert.equal(await page.locator('main h1').count(), 1);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    });
  });

  test('screenshots at 390 px', async () => {
    await session(390, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q)));
      await settled(page);
      await screenshot(page, 'search-390');
      await page.locator('.facets').scrollIntoViewIfNeeded();
      await screenshot(page, 'search-390-facets');
      assert.deepEqual(errors, []);
    });
  });
});

describe('bad input', () => {
  const typed = [
    ['empty', ''],
    ['10,000 characters', '政务'.repeat(5000)],
    ['an unbalanced quote', '"电子政务'],
    ['only punctuation', '，。！？、；：“”（）——'],
    ['emoji', '😀🏛️👍🏽'],
    ['control characters', 'a\u0001\u0007b\u007f'],
    ['operators only', 'OR - "" AND'],
  ];
  for (const [name, text] of typed) {
    test(`${name} typed into the box gives results or a clear empty state`, async () => {
      await session(1280, async ({ page, errors }) => {
        await page.goto(at('/search/'));
        await settled(page);
        await page.fill('#search-query', text);
        await page.press('#search-query', 'Enter');
        await page.waitForURL((u) => u.pathname.startsWith('/search/'));
        const n = await settled(page);
        assert.ok(Number.isInteger(n), 'a count is shown');
        assert.equal(await page.locator('.search-layout [role=alert]').count(), 0);
        if (n === 0) assert.match(await page.locator('.no-results').innerText(), /没有找到/);
        assert.deepEqual(errors, []);
      });
    });
  }

  test('the long query is noted as cut short', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath('法'.repeat(300))));
      await settled(page);
      assert.match(await page.locator('.search-notice').innerText(), /检索词过长/);
      assert.deepEqual(errors, []);
    });
  });

  test('unknown filters, sorts and pages in the URL are ignored with a note', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath(Q, '&f=colour:red&f=nocolon&sort=sideways&page=abc')));
      assert.ok((await settled(page)) > 0);
      const note = await page.locator('.search-notice').innerText();
      for (const part of ['f=colour:red', 'f=nocolon', 'sort=sideways', 'page=abc']) assert.ok(note.includes(part), part);
      await page.goto(at(searchPath(Q, '&page=999')));
      await settled(page);
      assert.match(await page.locator('.hit-area').innerText(), /这一页没有结果/);
      assert.deepEqual(errors, []);
    });
  });

  test('a search engine that cannot load is a clear error, not a page stuck loading', async () => {
    await session(1280, async ({ page, context, errors }) => {
      await context.route(/gongkai-search-worker_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'no' }));
      await page.goto(at(searchPath(Q)));
      const alert = page.locator('.search-layout [role=alert]');
      await alert.waitFor();
      assert.match(await alert.innerText(), /检索程序出错/);
      assert.deepEqual(errors.filter((e) => !/404|wasm|WebAssembly|Failed to fetch/i.test(e)), []);
    });
  });

  test('a missing index is a clear error with a retry link, not a broken page', async () => {
    await session(1280, async ({ page, context, errors }) => {
      await context.route(/\/search-index\/manifest\.json$/, (route) => route.fulfill({ status: 404, body: 'no' }));
      await page.goto(at(searchPath(Q)));
      const alert = page.locator('.search-layout [role=alert]');
      await alert.waitFor();
      assert.match(await alert.innerText(), /检索索引无法载入/);
      await context.unroute(/\/search-index\/manifest\.json$/);
      await alert.locator('button', { hasText: '重试' }).click();
      assert.ok((await settled(page)) > 0, 'a retry after the failure finds results');
      assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
    });
  });
});

describe('queries as people type them', () => {
  const TITLE = '湘潭市电子政务管理办法';

  test('a word left out finds the title and says the results are partial; a full match says nothing', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath('湘潭电子政务办法')));
      assert.ok((await settled(page)) > 0);
      assert.match(await page.locator('.partial-results').innerText(), /没有完全匹配的结果，以下为部分匹配/);
      assert.match(await page.locator('.hits .entry').first().innerText(), new RegExp(TITLE));
      await page.goto(at(searchPath(Q)));
      assert.ok((await settled(page)) >= 3);
      assert.equal(await page.locator('.partial-results').count(), 0, 'no notice for full matches');
      assert.deepEqual(errors, []);
    });
  });

  test('traditional characters and the site\'s own abbreviations find the simplified documents', async () => {
    await session(1280, async ({ page, errors }) => {
      await page.goto(at(searchPath('湘潭市電子政務管理辦法')));
      assert.ok((await settled(page)) > 0);
      assert.match(await page.locator('.hits .entry').first().innerText(), new RegExp(TITLE));
      // 湘西州 is content/abbreviations.toml's short form of 湘西自治州.
      await page.goto(at(searchPath('湘西州 内网')));
      assert.ok((await settled(page)) > 0);
      assert.match(await page.locator('.hits .entry').first().innerText(), /湘西自治州电子政务内网管理规定/);
      assert.deepEqual(errors, []);
    });
  });
});
