// End-to-end: the example article (dist/examples/blog.html) embeds two diagrams poster first,
// one via <synack-diagram> and one via the plain iframe snippet (embed/frame.html): both
// posters render, nothing of the app (no wasm, no app page) is fetched and nothing moves until
// the reader presses Play; each Play brings the real app from dist/, which plays and takes its
// reported height. The same from a subfolder (/deep/synack/), with relative URLs only.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.SYNACK_DIST ?? path.join(ROOT, 'dist');

/** Before any page script: every synack:resize with the frame that sent it, and every layout
 *  shift the page makes (the Layout Instability API). */
function recordInit() {
  if (window.top !== window) return;
  window.__resizes = [];
  window.__shifts = [];
  addEventListener('message', (e) => {
    if (e.data?.type !== 'synack:resize') return;
    const frames = [...document.querySelectorAll('iframe[data-synack]')];
    window.__resizes.push({ frame: frames.findIndex((f) => f.contentWindow === e.source), height: e.data.height });
  });
  new PerformanceObserver((l) => {
    for (const s of l.getEntries()) window.__shifts.push({ value: s.value, input: s.hadRecentInput, at: s.startTime });
  }).observe({ type: 'layout-shift', buffered: true });
}

describe('embed: the example blog post', () => {
  const h = useHarness();

  /** Opens the article at `base`, recording every request. */
  async function openBlog(base, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
    const context = await h.browser.newContext({ viewport, colorScheme });
    await context.addInitScript(recordInit);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(new URL('examples/blog.html', base).href, { waitUntil: 'load' });
    return { context, page, problems, requests };
  }

  const snippet = (page) => page.frameLocator('iframe[data-synack]:not(synack-diagram iframe)');
  const app = (requests) => requests.filter((u) => /\.wasm$|\/index\.html(\?|$)/.test(u));
  /** Resolves once the <img> matched by `sel` (in `where`: the page or a frame) has loaded. */
  const loaded = (where, sel) =>
    where.locator(sel).evaluate((i) => (i.complete ? i.naturalWidth : new Promise((r) => { i.onload = () => r(i.naturalWidth); })));

  it('shows two posters and fetches nothing of the app until Play; then each plays live', async () => {
    // Tall enough for both embeds: the snippet's frame is lazy and loads only near the view.
    const { context, page, problems, requests } = await openBlog(h.url, { viewport: { width: 1280, height: 3200 } });
    assert.equal(await page.title(), 'What really happens when you open a TCP connection');

    // 1: <synack-diagram>: its poster beside the app (svg/ from ../index.html from /embed/).
    const el = page.locator('synack-diagram#handshake');
    assert.ok((await loaded(el, 'img')) > 0, 'the element\'s poster rendered');
    assert.equal(await el.locator('img').evaluate((i) => i.src), new URL('svg/handshake-and-close.en.svg', h.url).href);
    assert.equal(await el.locator('iframe').count(), 0, 'no frame before Play');
    // 2: the plain snippet: the poster page, with its poster.
    const frameEl = page.locator('iframe[data-synack]:not(synack-diagram iframe)');
    const second = await frameEl.evaluate((f) => ({ src: new URL(f.src), sandbox: f.getAttribute('sandbox'), title: f.title }));
    assert.equal(second.src.pathname, '/embed/frame.html');
    assert.equal(second.src.searchParams.get('preset'), 'syn-lost');
    assert.equal(second.sandbox, 'allow-scripts allow-same-origin');
    assert.match(second.title, /lost SYN/);
    assert.ok((await loaded(snippet(page), 'img')) > 0, 'the snippet\'s poster rendered');
    assert.equal(await snippet(page).locator('img').evaluate((i) => i.src), new URL('svg/syn-lost.en.svg', h.url).href);

    // Nothing of the app, and nothing moved, before the reader does anything.
    await page.waitForTimeout(1000);
    assert.deepEqual(app(requests), [], 'no app page and no wasm before Play');
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift before Play');
    await checkA11y(page);
    await screenshot(page, 'embed-blog-posters', { fullPage: false });

    // Play on the element: its app loads, replaces the poster, plays, and takes its height.
    await page.getByRole('button', { name: 'Play: synack: the TCP three-way handshake, animated' }).click();
    const live = await (await page.$('synack-diagram#handshake iframe')).contentFrame();
    await live.locator('svg.ladder [data-from]').first().waitFor({ timeout: APP_TIMEOUT_MS });
    await page.waitForFunction(() => !document.querySelector('#handshake img'), null, { timeout: APP_TIMEOUT_MS });
    await live.locator('button.play[aria-pressed="true"]').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(new URL(live.url()).pathname, '/index.html');
    assert.ok(app(requests).some((u) => u.endsWith('.wasm')), 'the app came with Play');

    // Play in the snippet's frame: it becomes the app, which plays.
    await snippet(page).getByRole('button', { name: /^Play: / }).click();
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe[data-synack]:not(synack-diagram iframe)');
      return f.contentDocument?.location.pathname === '/index.html';
    }, null, { timeout: APP_TIMEOUT_MS });
    const frame2 = await (await frameEl.elementHandle()).contentFrame();
    await frame2.locator('svg.ladder [data-from]').first().waitFor({ timeout: APP_TIMEOUT_MS });
    await frame2.locator('button.play[aria-pressed="true"]').waitFor({ timeout: APP_TIMEOUT_MS });
    const q = new URL(frame2.url()).searchParams;
    assert.equal(q.get('preset'), 'syn-lost');
    assert.equal(q.get('steps'), '1-7');
    assert.ok(q.has('embed') && !q.has('paused'));

    // Each frame takes the height its app reports (docs/EMBED.md). A frame reports from a
    // ResizeObserver, which Chromium runs only for frames in view: look at each in turn.
    for (const i of [0, 1]) {
      await page.locator('iframe[data-synack]').nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((i) => window.__resizes.some((r) => r.frame === i), i, { timeout: APP_TIMEOUT_MS });
      const last = await page.evaluate((i) => window.__resizes.filter((r) => r.frame === i).at(-1).height, i);
      assert.ok(Number.isInteger(last) && last > 100 && last <= 5000, `frame ${i}: ${last}`);
      await page.waitForFunction(
        ([i, px]) => document.querySelectorAll('iframe[data-synack]')[i].getBoundingClientRect().height === px,
        [i, last],
      );
    }
    await checkA11y(page);
    await screenshot(page, 'embed-blog', { fullPage: false });
    assertNoProblems(problems);
    await context.close();
  });

  it('reads well on a phone in dark mode', async () => {
    const { context, page, problems } = await openBlog(h.url, { viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    await page.locator('synack-diagram img').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the article scrolls sideways by ${overflow}px on a phone`);
    const widths = await page.locator('synack-diagram > div, iframe[data-synack]').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().width));
    assert.equal(widths.length, 2);
    assert.ok(widths.every((w) => w > 300 && w <= 375), `embeds are ${widths} px wide on a 375 px screen`);
    await checkA11y(page);
    await screenshot(page, 'embed-blog-phone-dark');
    assertNoProblems(problems);
    await context.close();
  });

  it('the poster frame alone: accessible, in Chinese, keyboard to play; no picture for a custom view', async () => {
    const context = await h.browser.newContext({ viewport: { width: 700, height: 560 } });
    await context.route(/\/index\.html(\?|$)/, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>app stub</title><p>app</p></html>' }));
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(new URL('embed/frame.html?embed&preset=syn-lost&lang=zh&paused&embedId=x', h.url).href);
    assert.ok((await loaded(page, 'img')) > 0);
    assert.equal(await page.locator('img').evaluate((i) => i.src), new URL('svg/syn-lost.zh.svg', h.url).href);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
    const box = await page.locator('img').boundingBox();
    assert.deepEqual([box.width, box.height], [700, 560], 'the poster fills the frame: no height of its own');
    await checkA11y(page);
    await screenshot(page, 'embed-frame-poster-zh', { fullPage: false });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '播放：synack (syn-lost)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/index\.html/);
    assert.equal(page.url(), new URL('index.html?embed&preset=syn-lost&lang=zh&embedId=x', h.url).href, 'the same view, not paused');
    // A view with its own settings: no poster of the plain preset, only the button.
    await page.goto(new URL('embed/frame.html?embed&preset=syn-lost&seed=3&loss=5', h.url).href);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Play: synack (syn-lost)' }).isVisible());
    assert.ok(await page.getByText('synack (syn-lost)').isVisible());
    await checkA11y(page);
    assertNoProblems(problems);
    await context.close();
  });

  it('works from a subfolder: every URL of the embeds is relative', async () => {
    // dist/ at /deep/synack/. The app page is a stub here (the app's own subfolder test is
    // elsewhere): this checks where the embeds point, not the app.
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'synack-sub-'));
    await mkdir(path.join(tmp, 'deep'));
    await symlink(path.resolve(DIST), path.join(tmp, 'deep', 'synack'));
    const server = await startServer(tmp);
    try {
      const base = new URL('deep/synack/', server.url).href;
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 3200 } });
      await context.route(/\/index\.html(\?|$)/, (r) =>
        r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>app stub</title><p>app</p></html>' }));
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(new URL('examples/blog.html', base).href, { waitUntil: 'load' });
      const el = page.locator('synack-diagram#handshake');
      assert.ok((await loaded(el, 'img')) > 0);
      assert.equal(await el.locator('img').evaluate((i) => i.src), new URL('svg/handshake-and-close.en.svg', base).href);
      assert.ok((await loaded(snippet(page), 'img')) > 0);
      assert.equal(await snippet(page).locator('img').evaluate((i) => i.src), new URL('svg/syn-lost.en.svg', base).href);
      await page.getByRole('button', { name: /^Play: synack: the TCP/ }).click();
      await page.locator('synack-diagram#handshake iframe').waitFor({ state: 'attached' });
      assert.equal(
        await page.locator('synack-diagram#handshake iframe').evaluate((f) => f.src),
        new URL('index.html?embed&preset=handshake-and-close&steps=1-5&paused&embedId=handshake', base).href,
      );
      await snippet(page).getByRole('button', { name: /^Play: / }).click();
      await page.waitForFunction((want) => {
        const f = document.querySelector('iframe[data-synack]:not(synack-diagram iframe)');
        return f.contentDocument?.location.href === want;
      }, new URL('index.html?embed&preset=syn-lost&steps=1-7&embedId=syn-lost', base).href, { timeout: APP_TIMEOUT_MS });
      assertNoProblems(problems);
      await context.close();
    } finally {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
