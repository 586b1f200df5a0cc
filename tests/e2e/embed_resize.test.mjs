// End-to-end: web/embed/synack.js against a stub app on another origin (fixtures/): frames
// resize to the heights their app posts; messages from anyone else, or malformed, change
// nothing. Independent of the real app, so it pins the parent's half of docs/EMBED.md.
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, screenshot, startHarness, watchProblems } from './harness.mjs';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('embed: resizing from synack:resize messages', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  /** The host page's server and the stub app's: two origins, as on a real blog. */
  let host, app;
  before(async () => {
    h = await startHarness();
    host = await startServer(ROOT);
    app = await startServer(ROOT);
  });
  after(async () => {
    await h?.close();
    await host?.close();
    await app?.close();
  });

  it('is small', async () => {
    const { size } = await stat(path.join(ROOT, 'web', 'embed', 'synack.js'));
    assert.ok(size < 8192, `web/embed/synack.js is ${size} bytes; keep it under 8 KB (3 KB gzip)`);
  });

  it('sizes each synack frame to its app, and ignores everyone else', async () => {
    const context = await h.browser.newContext({ viewport: { width: 900, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const url = new URL('/tests/e2e/fixtures/embed-host.html', host.url);
    url.searchParams.set('app', app.url);
    await page.goto(url.href, { waitUntil: 'load' });

    const height = (id) => page.$eval(`#${id}`, (f) => f.getBoundingClientRect().height);
    const waitHeight = (id, px) =>
      page.waitForFunction(([id, px]) => document.getElementById(id)?.getBoundingClientRect().height === px, [id, px]);

    // Each stub reports its own content height; each frame takes its own.
    await waitHeight('first', 321);
    await waitHeight('second', 457);
    assert.equal(await height('plain'), 150, 'a frame without data-synack is left alone');

    // A listener after synack.js's: once it has seen a message, synack.js has handled it.
    await page.evaluate(() => {
      window.__seen = 0;
      addEventListener('message', () => window.__seen++);
    });
    const frame = async (id) => (await page.$(`#${id}`)).contentFrame();
    const [first, plain] = [await frame('first'), await frame('plain')];
    /** Posts `msg` to the host from `from` (a frame, or the host page itself); waits until handled. */
    const post = async (from, msg) => {
      const before = await page.evaluate(() => window.__seen);
      await from.evaluate((m) => (window.parent === window ? window : window.parent).postMessage(m, '*'), msg);
      await page.waitForFunction((n) => window.__seen > n, before);
    };

    await post(first, { type: 'synack:resize', height: 600, id: 'first' });
    assert.equal(await height('first'), 600);

    // Not from a synack frame: the claimed id is not trusted.
    await post(plain, { type: 'synack:resize', height: 777, id: 'first' });
    await post(page.mainFrame(), { type: 'synack:resize', height: 700, id: 'first' });
    assert.equal(await height('first'), 600, 'a message from a non-synack source resized a frame');
    assert.equal(await height('plain'), 150);
    assert.equal(await height('second'), 457);

    // From the right frame, but malformed.
    const bad = [0, -5, 5001, 12.5, '300', null, 1e9, Number.NaN];
    for (const v of bad) await post(first, { type: 'synack:resize', height: v, id: 'first' });
    for (const m of [{ type: 'synack:resized', height: 300 }, { height: 300 }, 'synack:resize', null, 42, [300]]) {
      await post(first, m);
    }
    assert.equal(await height('first'), 600, 'an invalid message resized a frame');

    // The limits themselves are fine.
    await post(first, { type: 'synack:resize', height: 5000, id: null });
    assert.equal(await height('first'), 5000);
    await post(first, { type: 'synack:resize', height: 1 });
    assert.equal(await height('first'), 1);
    await post(first, { type: 'synack:resize', height: 321, id: 'first' });

    // A synack frame that navigates to another origin is no longer trusted: the new page's
    // first report (333) is ignored.
    const second = await frame('second');
    const seen = await page.evaluate(() => window.__seen);
    await second.evaluate((u) => (location.href = u), new URL('/tests/e2e/fixtures/embed-stub-app.html?h=333', host.url).href);
    await page.waitForFunction((n) => window.__seen > n, seen);
    assert.equal(await height('second'), 457, 'a frame that left its origin resized itself');

    await screenshot(page, 'embed-resize');
    assertNoProblems(problems);
    await context.close();
  });
});
