// End-to-end: the example article (dist/examples/blog.html) embeds two live diagrams, one via
// <synack-diagram> and one via the plain iframe snippet, both loading the real app from dist/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';

describe('embed: the example blog post', () => {
  const h = useHarness();

  /** Opens the article, recording in the top page every synack:resize and which frame sent it. */
  async function openBlog({ viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
    const context = await h.browser.newContext({ viewport, colorScheme });
    await context.addInitScript(() => {
      if (window.top !== window) return;
      window.__resizes = [];
      addEventListener('message', (e) => {
        if (e.data?.type !== 'synack:resize') return;
        const frames = [...document.querySelectorAll('iframe[data-synack]')];
        window.__resizes.push({ frame: frames.findIndex((f) => f.contentWindow === e.source), height: e.data.height });
      });
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(new URL('examples/blog.html', h.url).href, { waitUntil: 'load' });
    return { context, page, problems };
  }

  it('embeds two diagrams that load the app, sized by the app once it reports', async () => {
    const { context, page, problems } = await openBlog();
    assert.equal(await page.title(), 'What really happens when you open a TCP connection');

    // 1: <synack-diagram>, its app found beside the script (../index.html from /embed/).
    const el = page.locator('synack-diagram#handshake iframe');
    await el.waitFor({ state: 'attached' });
    const first = await el.evaluate((f) => ({ src: f.src, sandbox: f.getAttribute('sandbox'), loading: f.loading, title: f.title }));
    assert.equal(first.src, new URL('index.html?embed&preset=handshake-and-close&steps=1-5&paused&embedId=handshake', h.url).href);
    assert.equal(first.sandbox, 'allow-scripts allow-same-origin');
    assert.equal(first.loading, 'lazy');
    assert.equal(first.title, 'synack: the TCP three-way handshake, animated');

    // 2: the plain snippet.
    const plain = page.locator('iframe[data-synack]:not(synack-diagram iframe)');
    const second = await plain.evaluate((f) => ({ src: new URL(f.src), sandbox: f.getAttribute('sandbox'), loading: f.loading, title: f.title }));
    assert.equal(second.src.pathname, '/index.html');
    assert.equal(second.src.searchParams.get('preset'), 'syn-lost');
    assert.ok(second.src.searchParams.has('embed'));
    assert.equal(second.sandbox, 'allow-scripts allow-same-origin');
    assert.equal(second.loading, 'lazy');
    assert.match(second.title, /lost SYN/);

    // Both draw the simulation (lazy frames load as they are scrolled to).
    for (const frame of [el, plain]) {
      await frame.scrollIntoViewIfNeeded();
      const content = await (await frame.elementHandle()).contentFrame();
      await content.locator('svg.ladder').first().waitFor({ timeout: APP_TIMEOUT_MS });
    }

    // The app's half of the protocol (docs/EMBED.md): each frame reports its content height
    // and takes it. A frame reports from a ResizeObserver, which runs in its rendering steps;
    // Chromium skips those for a frame scrolled out of view, so a frame that had not reported
    // before the reader scrolled past it reports when it is seen again: look at each in turn.
    for (const [i, frame] of [el, plain].entries()) {
      await frame.scrollIntoViewIfNeeded();
      await page.waitForFunction((i) => window.__resizes.some((r) => r.frame === i), i, { timeout: APP_TIMEOUT_MS });
    }
    const resizes = await page.evaluate(() => window.__resizes);
    for (const i of [0, 1]) {
      const last = resizes.filter((r) => r.frame === i).at(-1);
      assert.ok(last, `frame ${i} never reported its height: ${JSON.stringify(resizes)}`);
      assert.ok(Number.isInteger(last.height) && last.height > 100 && last.height <= 5000, `frame ${i}: ${last.height}`);
      await page.waitForFunction(
        ([i, px]) => document.querySelectorAll('iframe[data-synack]')[i].getBoundingClientRect().height === px,
        [i, last.height],
      );
    }

    await page.evaluate(() => scrollTo(0, 0));
    await checkA11y(page);
    await screenshot(page, 'embed-blog');
    assertNoProblems(problems);
    await context.close();
  });

  it('reads well on a phone in dark mode', async () => {
    const { context, page, problems } = await openBlog({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    await page.locator('synack-diagram iframe').waitFor({ state: 'attached' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the article scrolls sideways by ${overflow}px on a phone`);
    const widths = await page.locator('iframe[data-synack]').evaluateAll((fs) => fs.map((f) => f.getBoundingClientRect().width));
    assert.ok(widths.every((w) => w > 300 && w <= 375), `frames are ${widths} px wide on a 375 px screen`);
    await checkA11y(page);
    await screenshot(page, 'embed-blog-phone-dark');
    assertNoProblems(problems);
    await context.close();
  });
});
