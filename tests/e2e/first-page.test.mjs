// End-to-end: the built site (dist/) loads in Chromium, simulates a handshake and draws it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness } from './harness.mjs';

describe('first page', () => {
  const h = useHarness();

  it('draws the simulated handshake as a ladder, without errors', async () => {
    const { page, problems } = await h.open();
    await page.locator('svg.ladder').waitFor({ timeout: APP_TIMEOUT_MS });

    assert.match(await page.title(), /synack/);
    assert.equal(await page.locator('h1').textContent(), 'synack');

    // The segments come from the simulation: a three-way handshake opens the connection.
    const flags = await page.locator('svg.ladder .segment').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-flags')));
    assert.ok(flags.length >= 3, `expected at least 3 segments, got ${JSON.stringify(flags)}`);
    assert.deepEqual(flags.slice(0, 3), ['SYN', 'SYN|ACK', 'ACK'], 'the connection opens with a three-way handshake');
    // The first arrow runs from the client (left) to the server (right), the second back.
    const dirs = await page.locator('svg.ladder .segment').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-from')));
    assert.deepEqual(dirs.slice(0, 2), ['client', 'server']);
    // The text alternative lists the same segments, once opened (closed, its items are not
    // built: a reader must open it to see them).
    await page.locator('.segments-panel summary').click();
    await page.locator('ol.segments > li').first().waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('ol.segments > li').count(), flags.length);

    // index.html's "Loading…" line is gone once the app runs.
    assert.equal(await page.locator('#boot').count(), 0);

    await checkA11y(page);
    await screenshot(page, 'first-page');
    assertNoProblems(problems);
  });

  it('says why, in the reader\'s language, when the WebAssembly cannot be fetched', async () => {
    for (const [query, want] of [['', /^synack could not start: .+\. Reload the page to try again\.$/], ['?lang=zh', /^synack 无法启动：.+。请重新加载页面。$/]]) {
      const context = await h.browser.newContext();
      const page = await context.newPage();
      // Until the module runs, the page says it is loading; the module's fetch then fails.
      await page.route(/_bg\.wasm$/, (route) => route.abort('connectionrefused'));
      await page.goto(new URL(`/${query}`, h.url).href);
      const boot = page.locator('#boot.failed[role="alert"]');
      await boot.waitFor({ timeout: APP_TIMEOUT_MS });
      assert.match((await boot.textContent()) ?? '', want);
      assert.equal(await page.locator('svg.ladder').count(), 0);
      await context.close();
    }
  });

  it('looks right for the README (docs/screenshot.png)', async () => {
    const { page, problems } = await h.open({ viewport: { width: 1280, height: 1000 } });
    await page.locator('svg.ladder').waitFor({ timeout: APP_TIMEOUT_MS });
    // The whole connection drawn: End jumps there in the app (a page without a playhead
    // ignores it). Then the first screen, as a visitor sees it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'readme', { fullPage: false });
    assertNoProblems(problems);
  });

  it('fits a phone screen in dark mode', async () => {
    const { page, problems } = await h.open({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    await page.locator('svg.ladder').waitFor({ timeout: APP_TIMEOUT_MS });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    // The ladder's box fits the screen; the drawing in it is at least 1:1 (600 units: readable
    // words) and pans sideways inside it.
    const box = await page.locator('.ladder-scroll').boundingBox();
    assert.ok(box && box.width <= 375, `the ladder's box is ${box?.width}px wide on a 375px screen`);
    const svg = await page.locator('svg.ladder').boundingBox();
    assert.ok(svg && svg.width >= 600, `the ladder is drawn ${svg?.width}px wide, below 1:1`);
    await checkA11y(page);
    await screenshot(page, 'phone-dark');
    assertNoProblems(problems);
  });
});
