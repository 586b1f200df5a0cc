// End-to-end: the URL holds everything that defines the picture. A round trip (URL → picture →
// Share → the same URL → the same picture), the clipboard fallback, malformed parameters (a
// notice in the UI language, defaults used, nothing injected), and the embed-code dialog.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';
import { ready, stepsDone } from './app_helpers.mjs';

const CJK = /[\u4e00-\u9fff]/;

describe('share: URL state', () => {
  const h = useHarness();

  async function openPage(path, { permissions = ['clipboard-read', 'clipboard-write'], init, colorScheme = 'light' } = {}) {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
    if (permissions.length) await context.grantPermissions(permissions, { origin: h.url });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(new URL(path, h.url).href, { waitUntil: 'load' });
    await ready(page);
    return { context, page, problems };
  }

  /** What defines the picture, as the page shows it. */
  async function picture(page) {
    return page.evaluate(() => ({
      lang: document.documentElement.lang,
      theme: document.documentElement.dataset.theme,
      preset: document.querySelector('#preset')?.value,
      time: document.querySelector('.readout .time')?.textContent,
      count: document.querySelector('.readout .count')?.textContent,
      segments: document.querySelectorAll('svg.ladder .seg').length,
      lost: document.querySelectorAll('svg.ladder .seg.lost, svg.ladder .lost').length,
      labels: [...document.querySelectorAll('svg.ladder .seg')].map((s) => s.textContent).join('|'),
    }));
  }

  it('round trip: URL → picture → Share → the same URL → the same picture', async () => {
    const path = '/?preset=syn-lost&lang=zh&seed=7&latency=30,70&jitter=5&loss=2&abs=1&theme=dark';
    const { context, page, problems } = await openPage(path);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    // The URL follows the view (debounced), playhead included.
    await page.waitForFunction(() => new URLSearchParams(location.search).has('t'), null, { timeout: APP_TIMEOUT_MS });
    const before = await picture(page);
    const href = await page.evaluate(() => location.href);
    for (const k of ['preset=syn-lost', 'lang=zh', 'seed=7', 'latency=30,70', 'jitter=5', 'loss=2', 'abs=1', 'theme=dark']) {
      assert.ok(decodeURIComponent(href).includes(k), `${k} missing from ${href}`);
    }

    await page.locator('button.share-btn').click();
    await page.locator('.copy-status.ok').waitFor({ timeout: APP_TIMEOUT_MS });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, href, 'Share copies the link to this view');
    assert.equal(await page.locator('#share-link').inputValue(), href);
    await checkA11y(page);
    await screenshot(page, 'share-dialog');
    await page.keyboard.press('Escape');
    await page.locator('.tools-dialog').waitFor({ state: 'detached' });
    assertNoProblems(problems);

    // Opening the copied link restores the same picture, and the page keeps the same URL.
    const again = await openPage(copied);
    await again.page.waitForTimeout(500);
    assert.deepEqual(await picture(again.page), before);
    assert.equal(await again.page.evaluate(() => location.href), href);
    assert.equal(await again.page.locator('.banner.notice').count(), 0);
    assertNoProblems(again.problems);
    await again.context.close();
    await context.close();
  });

  it('keeps what-if drops in the link', async () => {
    const { context, page, problems } = await openPage('/?preset=handshake-and-close');
    await page.locator('svg.ladder .seg[data-id="2"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#inspector button.drop').click();
    await page.locator('.banner.whatif').waitFor();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('drop'), null, { timeout: APP_TIMEOUT_MS });
    const href = await page.evaluate(() => location.href);
    const before = await picture(page);
    const again = await openPage(href);
    await again.page.locator('.banner.whatif').waitFor();
    const after = await picture(again.page);
    assert.equal(after.segments, before.segments);
    assert.equal(after.labels, before.labels);
    assertNoProblems(problems);
    assertNoProblems(again.problems);
    await again.context.close();
    await context.close();
  });

  it('falls back to a selected read-only field when the clipboard is refused', async () => {
    const init = () => {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
    };
    const { context, page, problems } = await openPage('/?preset=syn-lost', { permissions: [], init });
    await page.locator('button.share-btn').click();
    await page.locator('.copy-status.fallback').waitFor({ timeout: APP_TIMEOUT_MS });
    const sel = await page.evaluate(() => {
      const i = document.activeElement;
      return { id: i?.id, readOnly: i?.readOnly, start: i?.selectionStart, end: i?.selectionEnd, len: i?.value.length, value: i?.value };
    });
    assert.equal(sel.id, 'share-link');
    assert.equal(sel.readOnly, true);
    assert.equal(sel.start, 0);
    assert.equal(sel.end, sel.len);
    assert.match(sel.value, /\?preset=syn-lost/);
    await screenshot(page, 'share-fallback', { fullPage: false });
    assertNoProblems(problems);
    await context.close();
  });

  it('malformed parameters: defaults, a dismissible notice naming each one, in the UI language', async () => {
    const path = '/?preset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&latency=900&seed=x&colour=red&theme=neon&steps=9-1&t=soon&drop=zz';
    const { context, page, problems } = await openPage(path);
    const items = page.locator('.banner.notice li');
    await items.first().waitFor();
    const keys = await items.evaluateAll((ls) => ls.map((l) => l.dataset.param));
    assert.deepEqual(keys, ['preset', 'latency', 'seed', 'colour', 'theme', 'steps', 't', 'drop']);
    const text = (await page.locator('.banner.notice').textContent()) ?? '';
    assert.match(text, /latency/);
    assert.match(text, /out of range/);
    assert.doesNotMatch(text, /onerror|900|neon|soon/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    assert.equal(await page.locator('#preset').inputValue(), 'handshake-and-close');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'system');
    assert.equal(await stepsDone(page), 1);
    await checkA11y(page);
    await screenshot(page, 'share-notice', { fullPage: false });
    await page.locator('.banner.notice button.dismiss-notice').click();
    await page.locator('.banner.notice').waitFor({ state: 'detached' });
    assertNoProblems(problems);
    await context.close();

    const zh = await openPage('/?lang=zh&seed=x&foo=1');
    const zhText = (await zh.page.locator('.banner.notice').textContent()) ?? '';
    assert.match(zhText, CJK);
    assert.match(zhText, /seed/);
    assert.match(zhText, /foo/);
    assertNoProblems(zh.problems);
    await zh.context.close();
  });

  it('gives embed code: an iframe with data-synack, a title and the view, the script, and the element', async () => {
    const { context, page, problems } = await openPage('/?preset=syn-lost&seed=3');
    await page.locator('button.embed-btn').click();
    const iframe = await page.locator('#embed-iframe').inputValue();
    const element = await page.locator('#embed-element').inputValue();
    const app = new URL('/index.html', h.url).href.replace(/index\.html$/, '');
    assert.match(iframe, /^<iframe data-synack src="[^"]+"/);
    const src = iframe.match(/src="([^"]+)"/)[1];
    assert.ok(!/&(?!amp;)/.test(src), `unescaped & in ${src}`);
    const u = new URL(src.replaceAll('&amp;', '&'));
    assert.ok(u.searchParams.has('embed'));
    assert.equal(u.searchParams.get('preset'), 'syn-lost');
    assert.equal(u.searchParams.get('seed'), '3');
    assert.equal(u.searchParams.get('embedId'), 'syn-lost');
    assert.match(iframe, /title="synack: [^"]+"/);
    assert.match(iframe, /sandbox="allow-scripts allow-same-origin"/);
    assert.ok(iframe.includes(`<script src="${app}embed/synack.js" defer></script>`), iframe);
    assert.match(element, /<synack-diagram preset="syn-lost"/);
    assert.ok(element.includes(`<script src="${app}embed/synack.js" defer></script>`));
    // Modal: Tab wraps from the last control to the first, Shift+Tab back.
    await page.locator('.tools-dialog .close-help').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'embed-iframe');
    await page.keyboard.press('Shift+Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('close-help')));
    await checkA11y(page);
    await screenshot(page, 'share-embed-dialog', { fullPage: false });
    await page.keyboard.press('Escape');
    assertNoProblems(problems);

    // The snippet works as given, in a page of its own.
    await context.route(new URL('/snippet.html', h.url).href, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>snippet</title><link rel="icon" href="data:,"></head><body><h1>Post</h1>${iframe}</body></html>`,
      }),
    );
    const post = await context.newPage();
    const postProblems = watchProblems(post);
    await post.goto(new URL('/snippet.html', h.url).href);
    const frame = post.frameLocator('iframe[data-synack]');
    // It opens on the poster page (embed/frame.html: no app yet; no picture for a view with
    // its own settings, here seed=3), and becomes the app on Play.
    assert.equal(u.pathname, new URL('/embed/frame.html', h.url).pathname);
    await frame.getByRole('button', { name: /^Play: / }).click();
    await frame.locator('svg.ladder .seg').first().waitFor({ timeout: APP_TIMEOUT_MS });
    await post.waitForFunction(() => {
      const f = document.querySelector('iframe[data-synack]');
      return f && f.style.height !== '' && f.style.height !== '560px';
    }, null, { timeout: APP_TIMEOUT_MS });
    const frameH = await post.evaluate(() => document.querySelector('iframe[data-synack]').getBoundingClientRect().height);
    const contentH = await frame.locator('html').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    assert.equal(frameH, contentH, 'the frame takes its content height');
    assert.equal(await frame.locator('header.top').count(), 0, 'no page chrome in embed mode');
    // Chromium warns (not errors) about allow-scripts + allow-same-origin on one origin.
    assertNoProblems(postProblems);
    await context.close();
  });
});
