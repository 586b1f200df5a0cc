// End-to-end: the Chinese texts are not in the WebAssembly but in lang/zh.txt, fetched only
// when a reader picks Chinese (web/src/langpack.rs). An English page never asks for it; a
// Chinese one asks once (a ?lang=zh page as early as index.html can); a pack that cannot be
// fetched or is not the right file leaves a usable English page with an error saying so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';
import { inspect, ready, stepsDone } from './app_helpers.mjs';

const CJK = /[\u4e00-\u9fff]/;
const PACK = /\/lang\/zh\.txt\?v=[0-9a-f]{16}$/;

describe('language pack', () => {
  const h = useHarness();

  /** Opens `path` recording every request URL; `route` may stub the pack. */
  async function open(path, route, init) {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const problems = watchProblems(page);
    /** @type {string[]} */
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    if (route) await page.route('**/lang/zh.txt*', route);
    await page.goto(new URL(path, h.url).href, { waitUntil: 'load' });
    await ready(page);
    return { context, page, problems, requests, packs: () => requests.filter((u) => PACK.test(u)) };
  }

  it('an English page does not fetch the Chinese texts; choosing Chinese fetches them once', async () => {
    const { context, page, problems, packs } = await open('/');
    await page.keyboard.press('End');
    await inspect(page, 0);
    await page.waitForTimeout(300);
    assert.deepEqual(packs(), [], 'no request for lang/zh.txt on an English page');
    await page.selectOption('#lang-select', 'zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans', null, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('#ladder-h').textContent(), '时序图');
    assert.match((await page.locator('table.fields tbody').textContent()) ?? '', CJK, 'the inspector (synack-core) too');
    // Back to English and to Chinese again: no second request.
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    assert.equal(packs().length, 1, `one request: ${packs()}`);
    assertNoProblems(problems);
    await context.close();
  });

  it('a ?lang=zh page asks for the pack beside the WebAssembly, once, and draws Chinese first', async () => {
    // When the ladder is first drawn, and when the page turns Chinese: the English flash.
    const init = () => {
      const t = {};
      Object.defineProperty(window, 'synackTimes', { value: t });
      new MutationObserver(() => {
        if (!t.drawn && document.querySelector('svg.ladder .seg')) {
          t.drawn = performance.now();
          t.firstLane = document.querySelector('svg.ladder .lane-name')?.textContent;
        }
        if (!t.zh && document.documentElement.lang === 'zh-Hans') t.zh = performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true });
    };
    const { context, page, problems, packs } = await open('/?lang=zh&preset=syn-lost', undefined, init);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans', null, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('#settings-h').textContent(), '协议栈与网络');
    assert.match((await page.locator('#preset-desc').textContent()) ?? '', CJK, 'preset descriptions (synack-sim)');
    assert.match((await page.locator('svg.ladder .lane-name').first().textContent()) ?? '', CJK, 'ladder (synack-diagram)');
    assert.equal(packs().length, 1, `the preload and the app's fetch are one request: ${packs()}`);
    const t = await page.evaluate(() => {
      const r = performance.getEntriesByType('resource');
      const pack = r.find((e) => e.name.includes('/lang/zh.txt'));
      const wasm = r.find((e) => e.name.endsWith('.wasm'));
      // @ts-ignore set by the init script
      const { drawn, zh, firstLane } = window.synackTimes;
      return { packStart: pack?.startTime, packEnd: pack?.responseEnd, packBy: pack?.initiatorType, wasmEnd: wasm?.responseEnd, drawn, zh, firstLane };
    });
    const ms = (x) => `${x?.toFixed(0)} ms`;
    console.log(`?lang=zh: pack requested (by ${t.packBy}) at ${ms(t.packStart)}, arrived ${ms(t.packEnd)}; wasm arrived ${ms(t.wasmEnd)}; ladder drawn ${ms(t.drawn)}, Chinese ${ms(t.zh)}`);
    // The head's preload asked for it (not the app once it ran), so it travels beside the
    // WebAssembly; on a fast local server the WebAssembly can still arrive first.
    assert.ok(t.packBy === 'link' || t.packStart < t.wasmEnd, `the pack is requested by the page's head, beside the WebAssembly (${t.packBy})`);
    assert.match(t.firstLane ?? '', CJK, 'the first picture is already Chinese: no flash of English');
    await checkA11y(page);
    await screenshot(page, 'lang-pack-zh');
    assertNoProblems(problems);
    await context.close();
    // For comparison (logged only: timings on a shared machine vary): the English page.
    const en = await open('/?preset=syn-lost', undefined, init);
    console.log(`English: ladder drawn ${ms(await en.page.evaluate(() => window.synackTimes.drawn))}`);
    await en.context.close();
  });

  it('a ?lang=zh page on a slow network draws English after 1 s, then Chinese from the same one request', async () => {
    // The pack takes 2.5 s: longer than the first render waits for it (FIRST_WAIT_MS).
    const slow = async (r) => {
      await new Promise((res) => setTimeout(res, 2500));
      await r.continue();
    };
    const { context, page, problems, packs } = await open('/?lang=zh&preset=syn-lost', slow);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans', null, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('#ladder-h').textContent(), '时序图');
    assert.equal(await page.locator('#lang-select').inputValue(), 'zh');
    assert.equal(packs().length, 1, `the app waits for the request on the way, it does not send another: ${packs()}`);
    assertNoProblems(problems);
    await context.close();
  });

  for (const [what, route, says] of [
    ['cannot be fetched', (r) => r.fulfill({ status: 404, body: 'not found' }), /lang\/zh\.txt\?v=[0-9a-f]{16}: HTTP 404/],
    ['is not the right file', (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: 'synack-lang 1 zh\n@web 1\n坏\n' }), /not the file this page was built with/],
    ['is cut off by the network', (r) => r.abort('connectionreset'), /lang\/zh\.txt\?v=[0-9a-f]{16}: /],
  ]) {
    it(`a pack that ${what} leaves a usable English page with an error`, async () => {
      const { context, page, problems } = await open('/?preset=syn-lost', route);
      await page.keyboard.press('End');
      await page.locator('#lang-select').selectOption('zh');
      const banner = page.locator('.banner.lang-error');
      await banner.waitFor({ timeout: APP_TIMEOUT_MS });
      assert.match((await banner.textContent()) ?? '', says);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.locator('#ladder-h').textContent(), 'Sequence diagram');
      assert.equal(await page.locator('#lang-select').inputValue(), 'en', 'the switcher says English again');
      // Nothing the reader had is lost, and the page still works.
      assert.match(await page.evaluate(() => location.search), /preset=syn-lost/);
      const done = await stepsDone(page);
      await page.keyboard.press('ArrowLeft');
      assert.equal(await stepsDone(page), done - 1);
      await checkA11y(page);
      if (what === 'cannot be fetched') await screenshot(page, 'lang-pack-error', { fullPage: false });
      await banner.locator('button').click();
      await banner.waitFor({ state: 'detached' });
      // The only problems are the failed request itself.
      assertNoProblems(problems.filter((p) => !/lang\/zh\.txt|status of 404/.test(p)));
      await context.close();
    });
  }

  it('a ?lang=zh page whose pack cannot be fetched opens in English with the error', async () => {
    const { context, page, problems } = await open('/?lang=zh', (r) => r.fulfill({ status: 500, body: '' }));
    await page.locator('.banner.lang-error').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.locator('#ladder-h').textContent(), 'Sequence diagram');
    assertNoProblems(problems.filter((p) => !/lang\/zh\.txt|status of 500/.test(p)));
    await context.close();
  });
});
