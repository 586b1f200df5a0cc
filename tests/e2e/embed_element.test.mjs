// End-to-end: <synack-diagram> (web/embed/synack.js) against the stub app on another origin:
// the iframe it builds, its URL parameters, validation of every attribute, and autoplay only
// once the frame is in view and its app listening (docs/EMBED.md). Without autoplay the element
// shows a poster until its Play button is focused or pressed (embed_poster.test.mjs); here the
// helper focuses it, which loads the app paused.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { assertNoProblems, screenshot, startHarness, watchProblems } from './harness.mjs';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STUB = '/tests/e2e/fixtures/embed-stub-app.html';

describe('embed: <synack-diagram>', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
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

  /** The host fixture (with no frames of its own: `app` is unused here) and its warnings. */
  async function openHost({ reducedMotion = 'no-preference' } = {}) {
    const context = await h.browser.newContext({ viewport: { width: 900, height: 800 }, reducedMotion });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(new URL('/tests/e2e/fixtures/embed-host.html?app=' + encodeURIComponent(app.url), host.url).href);
    await page.waitForFunction(() => customElements.get('synack-diagram'));
    await page.evaluate(() => document.getElementById('frames').replaceChildren());
    return { context, page, problems, warnings };
  }

  /** Adds a <synack-diagram> with `attrs` (its top `top` px down the page, if given), focuses
   *  its poster's Play button if it shows one (which loads the app), and returns its iframe's
   *  facts. */
  async function add(page, attrs, top) {
    return page.evaluate(
      ({ attrs, top }) => {
        const spacer = document.createElement('div');
        const el = document.createElement('synack-diagram');
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        el.append('fallback link');
        document.getElementById('frames').append(spacer, el);
        if (top !== undefined) spacer.style.height = top - el.getBoundingClientRect().top - scrollY + 'px';
        el.querySelector('button')?.focus({ preventScroll: true });
        const f = el.querySelector('iframe');
        return {
          src: f.src,
          sandbox: f.getAttribute('sandbox'),
          loading: f.getAttribute('loading'),
          title: f.title,
          synack: f.hasAttribute('data-synack'),
          height: f.style.height,
          children: el.childNodes.length,
        };
      },
      { attrs, top },
    );
  }

  const received = async (page, id) => {
    const f = await (await page.$(`#${id} iframe`)).contentFrame();
    return f.evaluate(() => window.received);
  };

  it('builds a sandboxed, lazy, titled iframe with the attributes as URL parameters', async () => {
    const { context, page, problems, warnings } = await openHost();
    const stub = new URL(STUB, app.url).href;
    const got = await add(page, {
      id: 'demo', src: stub + '?seed=3', preset: 'syn-lost', lang: 'zh', steps: '3-9',
      autoplay: '', 'start-paused': '', height: '480',
    });
    // The src's own query (other settings, such as the seed) comes last.
    assert.equal(got.src, `${stub}?embed&preset=syn-lost&lang=zh&steps=3-9&paused&embedId=demo&seed=3`);
    assert.equal(got.sandbox, 'allow-scripts allow-same-origin');
    assert.equal(got.loading, 'lazy');
    assert.match(got.title, /syn-lost/);
    assert.ok(got.synack, 'the iframe carries data-synack, so the resize logic finds it');
    assert.equal(got.height, '480px');
    assert.equal(got.children, 1, 'the fallback content gives way to the iframe');
    // Then the app's own height (the stub's default, 200 px) replaces the initial one.
    await page.waitForFunction(() => document.querySelector('#demo iframe').getBoundingClientRect().height === 200);
    // (Chromium also warns that this sandbox is no sandbox for a same-origin app: docs/EMBED.md.)
    assert.deepEqual(warnings.filter((w) => w.startsWith('synack')), []);

    // A label becomes the title; changing an attribute later re-points the frame.
    await page.evaluate(() => {
      const el = document.getElementById('demo');
      el.setAttribute('label', 'A lost SYN');
      el.setAttribute('preset', 'handshake-and-close');
    });
    const after = await page.$eval('#demo iframe', (f) => ({ src: f.src, title: f.title }));
    assert.equal(after.title, 'A lost SYN');
    assert.match(after.src, /[?&]preset=handshake-and-close&/);

    await screenshot(page, 'embed-element');
    assertNoProblems(problems);
    await context.close();
  });

  it('refuses invalid attributes with a warning, and never builds a URL from them', async () => {
    const { context, page, problems, warnings } = await openHost();
    const got = await add(page, {
      src: 'javascript:alert(1)',
      preset: '../x"><script>alert(1)</script>',
      lang: 'fr',
      steps: '9-3',
      height: '99999',
      id: 'bad id!',
      mode: 'video',
    });
    // The default app: index.html in the parent of the script's folder (/web/embed/ here),
    // paused, since the poster's Play button loaded it.
    assert.equal(got.src, new URL('/web/index.html?embed&paused', host.url).href);
    assert.equal(got.height, '480px');
    assert.equal(got.title, 'synack: animated TCP connection');
    for (const name of ['src', 'preset', 'lang', 'steps', 'height', 'mode']) {
      assert.ok(warnings.some((w) => w.includes(`ignoring ${name}=`)), `no warning for ${name}: ${warnings.join(' | ')}`);
    }
    for (const steps of ['0-3', '3', '1-1000', '2-x', ' 1-3']) {
      const s = await add(page, { src: new URL(STUB, app.url).href, steps });
      assert.doesNotMatch(s.src, /steps=/, `steps="${steps}" was accepted`);
    }
    assert.equal(await page.locator('script').count(), 2, 'no script element was created');
    // That default app does not exist on this test server: its 404 is expected.
    assertNoProblems(problems.filter((p) => !p.includes('/web/index.html') && !p.includes('/web/svg/')));
    await context.close();
  });

  it('autoplays once, only when in view and the app is listening', async () => {
    const { context, page, problems } = await openHost();
    const stub = new URL(STUB, app.url).href;
    // Its top 100 px peek into the 800 px viewport: loaded, and reporting (Chromium does not
    // run an off-screen cross-origin frame's rendering), but not in view.
    await add(page, { id: 'auto', src: stub, autoplay: '' }, 700);
    await add(page, { id: 'still', src: stub, 'start-paused': '' });
    const ready = () => page.waitForFunction(
      (id) => document.querySelector(`#${id} iframe`).getBoundingClientRect().height === 200, 'auto');
    await ready();
    await page.waitForTimeout(500);
    assert.deepEqual(await received(page, 'auto'), [], 'played before it was seen');

    await page.locator('#auto').scrollIntoViewIfNeeded();
    const deadline = Date.now() + 10_000;
    let got = [];
    while (Date.now() < deadline && got.length === 0) {
      got = await received(page, 'auto');
      if (got.length === 0) await page.waitForTimeout(100);
    }
    assert.deepEqual(got, [{ type: 'synack:play' }]);

    // Scrolling away and back does not play it again; start-paused alone never plays.
    await page.evaluate(() => scrollTo(0, 0));
    await page.locator('#auto').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    assert.deepEqual(await received(page, 'auto'), [{ type: 'synack:play' }]);
    assert.deepEqual(await received(page, 'still'), []);
    assertNoProblems(problems);
    await context.close();
  });

  it('does not autoplay for readers who prefer reduced motion', async () => {
    const { context, page, problems } = await openHost({ reducedMotion: 'reduce' });
    await add(page, { id: 'calm', src: new URL(STUB, app.url).href, autoplay: '' });
    await page.waitForFunction(() => document.querySelector('#calm iframe').getBoundingClientRect().height === 200);
    await page.waitForTimeout(500);
    assert.deepEqual(await received(page, 'calm'), []);
    assertNoProblems(problems);
    await context.close();
  });
});
