// End-to-end: the cheap embeds of issue 17 against the built site (dist/). <synack-diagram>
// without autoplay shows its poster (dist/svg/PRESET.LANG.svg, written by the release build)
// with a Play button, at its final box size, and fetches the app only when the reader focuses
// or presses Play; mode="animated" shows the animated SVG, which moves, and never loads the
// app. Every picture in dist/svg is self-contained (docs/EMBED.md, docs/ANIMATED.md).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness, watchProblems } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.SYNACK_DIST ?? path.join(ROOT, 'dist');

describe('embed: posters and the animated SVG', () => {
  const h = useHarness();

  /** A page beside the example article (so ../embed/synack.js and ../index.html resolve in
   *  dist/) holding `body`; records every request it makes. */
  async function openPage(body) {
    const context = await h.browser.newContext({ viewport: { width: 900, height: 800 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const at = new URL('examples/poster-test.html', h.url).href;
    await page.route(at, (r) => r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Poster test</title>
        <link rel="icon" href="data:,"><script src="../embed/synack.js" defer></script></head>
        <body><main><h1>Poster test</h1>${body}<p id="after">After the diagram.</p></main></body></html>`,
    }));
    await page.goto(at, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('synack-diagram'));
    return { context, page, problems, requests };
  }

  const loaded = (page, sel) => page.waitForFunction(
    (sel) => { const i = document.querySelector(sel); return i?.complete && i.naturalWidth > 0; }, sel);
  const app = (requests) => requests.filter((u) => /\.wasm$|\/index\.html/.test(u));

  it('shows the poster first, and loads the app only on Play', async () => {
    const { context, page, problems, requests } = await openPage(
      `<synack-diagram id="p" preset="syn-lost" steps="1-7" height="500" label="A lost SYN">
        <a href="../index.html?preset=syn-lost">A lost SYN, in synack</a></synack-diagram>`);
    await loaded(page, '#p img');
    const poster = await page.$eval('#p', (el) => ({
      img: el.querySelector('img').src,
      frames: el.querySelectorAll('iframe').length,
      box: el.firstElementChild.getBoundingClientRect().height,
      after: document.getElementById('after').getBoundingClientRect().top,
    }));
    assert.equal(poster.img, new URL('svg/syn-lost.en.svg', h.url).href);
    assert.equal(poster.frames, 0);
    assert.equal(poster.box, 500, 'the poster takes the diagram\'s box');
    const play = page.getByRole('button', { name: 'Play: A lost SYN' });
    assert.ok(await play.isVisible());
    await checkA11y(page);
    await screenshot(page, 'embed-poster');
    assert.deepEqual(app(requests), [], 'nothing of the app is fetched before Play');

    // Keyboard: Tab reaches Play; focusing it starts loading, under the poster, with no shift.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BUTTON');
    const loading = await page.$eval('#p', (el) => ({
      src: el.querySelector('iframe')?.src,
      after: document.getElementById('after').getBoundingClientRect().top,
    }));
    assert.equal(loading.src, new URL('index.html?embed&preset=syn-lost&steps=1-7&paused&embedId=p', h.url).href);
    assert.equal(loading.after, poster.after, 'the page did not move');
    await page.keyboard.press('Enter');

    // The live app replaces the poster, and plays.
    const frame = await (await page.$('#p iframe')).contentFrame();
    await frame.locator('svg.ladder').first().waitFor({ timeout: APP_TIMEOUT_MS });
    await page.waitForFunction(() => !document.querySelector('#p img'), null, { timeout: APP_TIMEOUT_MS });
    await frame.locator('button.play[aria-pressed="true"]').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.ok(app(requests).some((u) => u.endsWith('.wasm')), 'the app came after Play');
    assertNoProblems(problems);
    await context.close();
  });

  it('mode="animated" shows the animated SVG, which moves, and never loads the app', async () => {
    const { context, page, problems, requests } = await openPage(
      `<synack-diagram id="a" mode="animated" preset="handshake-and-close" lang="zh" label="握手">
        <a href="../index.html">synack</a></synack-diagram>`);
    await loaded(page, '#a img');
    const img = page.locator('#a img');
    assert.equal(await img.getAttribute('alt'), '握手');
    assert.equal(await img.evaluate((i) => i.src), new URL('svg/handshake-and-close.zh.animated.svg', h.url).href);
    assert.equal(await page.locator('#a iframe, #a button').count(), 0);
    await page.waitForTimeout(800);
    const one = await img.screenshot();
    await page.waitForTimeout(1000);
    const two = await img.screenshot();
    assert.ok(!one.equals(two), 'the picture changes within a second');
    await checkA11y(page);
    await screenshot(page, 'embed-animated');
    assert.deepEqual(app(requests), [], 'no app, no wasm');
    assertNoProblems(problems);
    await context.close();
  });

  it('dist/svg holds both pictures of every preset in both languages, self-contained', async () => {
    const files = (await readdir(path.join(DIST, 'svg'))).filter((f) => f.endsWith('.svg'));
    const animated = files.filter((f) => f.endsWith('.animated.svg'));
    assert.ok(animated.length >= 2 * 30, `${animated.length} animated SVGs`);
    assert.equal(files.length, 2 * animated.length, 'a poster beside each animated SVG');
    for (const f of files) {
      const svg = await readFile(path.join(DIST, 'svg', f), 'utf8');
      assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), f);
      for (const bad of ['<script', '<foreignObject', 'href=', '@import', 'javascript:']) {
        assert.ok(!svg.includes(bad), `${f}: ${bad}`);
      }
      if (f.endsWith('.animated.svg')) assert.ok(svg.includes('@keyframes') && svg.includes('prefers-reduced-motion'), f);
    }
    // Parsed as XML by the browser: well-formed, and no element or attribute that an image
    // host refuses or that reaches outside the file.
    const page = await h.browser.newPage();
    try {
      for (const f of files) {
        const svg = await readFile(path.join(DIST, 'svg', f), 'utf8');
        const bad = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          if (doc.querySelector('parsererror')) return `not XML: ${doc.querySelector('parsererror').textContent.slice(0, 200)}`;
          if (doc.documentElement.localName !== 'svg') return `root <${doc.documentElement.localName}>`;
          const found = [];
          for (const el of doc.getElementsByTagName('*')) {
            if (['script', 'foreignObject', 'iframe', 'image', 'use', 'a'].includes(el.localName)) found.push(`<${el.localName}>`);
            for (const at of el.attributes) {
              if (at.localName === 'href' || at.name.startsWith('on')) found.push(`${at.name} on <${el.localName}>`);
              if (at.value.includes('url(') && !/^url\(#[\w-]+\)$/.test(at.value)) found.push(`${at.name}="${at.value}"`);
            }
          }
          const titled = doc.documentElement.querySelector(':scope > title') && doc.documentElement.querySelector(':scope > desc');
          if (!titled) found.push('no <title> and <desc>');
          return found.join(', ');
        }, svg);
        assert.equal(bad, '', f);
      }
    } finally {
      await page.close();
    }
  });

  /** Loads every preset's English animated SVG as an <img> (in a browser launched with
   *  `args`) and returns, per image, whether its pixels changed from one second to the next. */
  async function moves(args) {
    const files = (await readdir(path.join(DIST, 'svg'))).filter((f) => f.endsWith('.en.animated.svg')).sort();
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...args] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems = watchProblems(page);
      const at = new URL('examples/animated-test.html', h.url).href;
      await page.route(at, (r) => r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Animated</title><link rel="icon" href="data:,"></head><body>${
          files.map((f) => `<div style="display:inline-block;width:160px;height:140px;overflow:hidden"><img src="../svg/${f}" alt="${f}" width="160"></div>`).join('')}</body></html>`,
      }));
      await page.goto(at, { waitUntil: 'load' });
      // Each image's top, as the screen shows it now (all of them fit in the viewport).
      const boxes = await page.$$eval('div', (ds) => ds.map((d) => {
        const r = d.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }));
      // One screenshot of them all, then a checksum of each image's box in it (decoded by the
      // page itself: Node has no PNG decoder).
      const shoot = async () => {
        const png = (await page.screenshot()).toString('base64');
        return page.evaluate(async ({ png, boxes }) => {
          const im = new Image();
          im.src = 'data:image/png;base64,' + png;
          await im.decode();
          const c = document.createElement('canvas');
          c.width = im.width;
          c.height = im.height;
          const g = c.getContext('2d');
          g.drawImage(im, 0, 0);
          return boxes.map(({ x, y, width, height }) => {
            let sum = 0;
            for (const v of g.getImageData(x, y, width, height).data) sum = (sum * 31 + v) >>> 0;
            return sum;
          });
        }, { png, boxes });
      };
      // Every image decoded and painted first (a megabyte of SVG takes a moment).
      await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
      // Four looks 1 s apart: wider than the 3 s rest at the end of a loop, so a moving image
      // changes between at least two consecutive ones.
      const looks = [];
      for (let k = 0; k < 4; k++) {
        await page.waitForTimeout(1000);
        looks.push(await shoot());
      }
      assertNoProblems(problems);
      return files.map((f, i) => [f, looks.some((l, k) => k > 0 && l[i] !== looks[k - 1][i])]);
    } finally {
      await browser.close();
    }
  }

  it('every preset\'s animated SVG moves in an <img>, and stands still for reduced motion', async () => {
    const moving = await moves([]);
    assert.ok(moving.length >= 30);
    assert.deepEqual(moving.filter(([, m]) => !m).map(([f]) => f), [], 'these did not move');
    // Headless Chromium's emulated reducedMotion stops at the page; the flag reaches images.
    const still = await moves(['--force-prefers-reduced-motion']);
    assert.deepEqual(still.filter(([, m]) => m).map(([f]) => f), [], 'these moved under reduced motion');
  });
});
