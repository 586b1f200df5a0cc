// End-to-end: embed mode's half of docs/EMBED.md with the real app in a frame: synack:resize
// with the embedId, steps=A-B locks playback, paused waits, synack:play from the parent plays
// (and from anyone else does nothing), no page chrome, no viewport-sized content.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';

describe('embed mode', () => {
  const h = useHarness();

  async function host(query, { reducedMotion = 'no-preference' } = {}) {
    const context = await h.browser.newContext({ viewport: { width: 900, height: 800 }, reducedMotion });
    const pageUrl = new URL('/host.html', h.url).href;
    await context.route(pageUrl, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<script>window.__msgs = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'synack:resize') window.__msgs.push(e.data); });</script>
</head><body><main><h1>Host</h1><iframe title="synack test" src="index.html?${query}" style="display:block;width:100%;height:300px;border:0"></iframe></main></body></html>`,
      }),
    );
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(pageUrl);
    const frame = page.frameLocator('iframe');
    await frame.locator('svg.ladder .seg').first().waitFor({ timeout: APP_TIMEOUT_MS });
    return { context, page, problems, frame };
  }

  const count = async (frame) => {
    const [done, total] = ((await frame.locator('.readout .count').textContent()) ?? '').match(/\d+/g).map(Number);
    return { done, total };
  };
  const playing = (frame) => frame.locator('.tbtn.play').getAttribute('aria-pressed');

  it('reports its content height with the embedId, never the same twice in a row', async () => {
    const { context, page, problems, frame } = await host('embed&preset=syn-lost&paused&embedId=post_1');
    await page.waitForFunction(() => window.__msgs.length > 0, null, { timeout: APP_TIMEOUT_MS });
    await page.waitForTimeout(500);
    const msgs = await page.evaluate(() => window.__msgs);
    assert.ok(msgs.every((m) => m.id === 'post_1'), JSON.stringify(msgs));
    assert.ok(msgs.every((m) => Number.isInteger(m.height) && m.height > 0 && m.height <= 5000));
    for (let i = 1; i < msgs.length; i++) assert.notEqual(msgs[i].height, msgs[i - 1].height);
    const contentH = await frame.locator('html').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    assert.equal(msgs.at(-1).height, contentH);
    // Content-sized: a taller frame does not change the reported height (no 100vh feedback).
    await page.locator('iframe').evaluate((f) => { f.style.height = '1500px'; });
    await page.waitForTimeout(400);
    assert.equal(await frame.locator('html').evaluate((e) => Math.ceil(e.getBoundingClientRect().height)), contentH);
    assert.equal(await frame.locator('header.top').count(), 0, 'no page chrome');
    assert.equal(await frame.locator('footer').count(), 0);
    await page.locator('iframe').evaluate((f, h) => { f.style.height = `${h}px`; }, contentH);
    await checkA11y(page);
    await screenshot(page, 'embed-mode', { fullPage: true });
    assertNoProblems(problems);
    await context.close();
  });

  it('steps=A-B locks playback; paused waits; synack:play plays only from the parent', async () => {
    const { context, page, problems, frame } = await host('embed&preset=handshake-and-close&steps=2-4&paused&embedId=x');
    assert.equal((await count(frame)).done, 2, 'opens at step A');
    await page.waitForTimeout(800);
    assert.equal(await playing(frame), 'false', 'paused waits');
    assert.equal((await count(frame)).done, 2);

    // Not from the parent: ignored.
    await frame.locator('html').evaluate(() => window.postMessage({ type: 'synack:play' }, '*'));
    await page.waitForTimeout(300);
    assert.equal(await playing(frame), 'false', 'a message from the frame itself is ignored');
    // Other types from the parent: ignored.
    await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'synack:pause' }, '*'));
    await page.waitForTimeout(300);
    assert.equal(await playing(frame), 'false');

    await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'synack:play' }, '*'));
    await frame.locator('.tbtn.play[aria-pressed="true"]').waitFor({ timeout: APP_TIMEOUT_MS });
    // Plays to step B and stops there.
    await frame.locator('.tbtn.play[aria-pressed="false"]').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal((await count(frame)).done, 4, 'stops at step B');
    await frame.locator('.tbtn.end').click();
    assert.equal((await count(frame)).done, 4, 'End is step B');
    await frame.locator('.tbtn.start').click();
    assert.equal((await count(frame)).done, 2, 'Start is step A');
    await frame.locator('.tbtn.back').click();
    assert.equal((await count(frame)).done, 2, 'nothing before step A');
    assertNoProblems(problems);
    await context.close();
  });

  it('without paused it plays on load (unless the reader prefers reduced motion)', async () => {
    const a = await host('embed&preset=handshake-and-close&steps=1-3');
    await a.frame.locator('.tbtn.play[aria-pressed="false"]').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal((await count(a.frame)).done, 3);
    assertNoProblems(a.problems);
    await a.context.close();
    const b = await host('embed&preset=handshake-and-close', { reducedMotion: 'reduce' });
    await b.page.waitForTimeout(500);
    assert.equal(await playing(b.frame), 'false');
    assertNoProblems(b.problems);
    await b.context.close();
  });
});
