// End-to-end: every screen a reader has (issue 15). A laptop (1280×800), a projector in
// presenter mode (1920×1080) and a phone (360×740): every preset drawn and screenshotted
// (target/screenshots/screen-<where>-<preset>.png), the ladder's words measured as rendered
// (at least 24 px on the projector, 12 px on the phone), the current narration sentence's
// first line on screen after every step in presenter mode, no axe violation of any impact.
// Presenter mode's keys (Space wherever the focus is, a clicker's PageDown / PageUp), its
// preset picker and inspector, `?present`; the phone's compact controls, its inspector sheet
// (closing leaves the page where it was) and a presenter mode that never scrolls sideways.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness } from './harness.mjs';
import { ready, stepsDone } from './app_helpers.mjs';

const DESK = { width: 1280, height: 800 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

/** The smallest rendered size (px) of the ladder's visible words, and which class it is. */
async function smallestLabel(page) {
  return page.evaluate(() => {
    let min = { px: Infinity, what: '' };
    for (const t of document.querySelectorAll('svg.ladder text')) {
      const m = /** @type {SVGGraphicsElement} */ (t).getScreenCTM();
      if (!m || !t.textContent?.trim() || getComputedStyle(t).display === 'none') continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < min.px) min = { px, what: `${t.getAttribute('class')} "${t.textContent}"` };
    }
    return min;
  });
}

/** Where the current narration sentence is, against the screen and its list's box. */
async function currentLine(page) {
  return page.evaluate(() => {
    const li = document.querySelector('.narration li.now');
    const list = document.querySelector('.narration .lines');
    if (!li || !list) return null;
    const r = li.getBoundingClientRect();
    const b = list.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, listTop: b.top, listBottom: b.bottom, vh: innerHeight };
  });
}

async function presets(page) {
  return page.locator('#preset option').evaluateAll((os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
}

const playing = (page) => page.locator('button.tbtn.play').getAttribute('aria-pressed');
const presenting = (page) => page.evaluate(() => document.documentElement.hasAttribute('data-present'));

// axe runs on every preset in the two new layouts (presenter, phone), once on the laptop's.
describe('every screen', () => {
  const h = useHarness();

  it('1280×800: every preset drawn, axe clean', async () => {
    const { page, problems } = await h.open({ viewport: DESK });
    await ready(page);
    for (const name of await presets(page)) {
      await page.goto(new URL(`/?preset=${name}`, h.url).href);
      await ready(page);
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      await screenshot(page, `screen-desk-${name}`, { fullPage: false });
    }
    await checkA11y(page, { anyImpact: true });
    assertNoProblems(problems);
  });

  it('1920×1080 presenter: every preset, words ≥ 24 px, the current sentence on screen after every step', async () => {
    const { page, problems } = await h.open({ viewport: PROJECTOR });
    await ready(page);
    for (const name of await presets(page)) {
      await page.goto(new URL(`/?preset=${name}&present`, h.url).href);
      await ready(page);
      assert.ok(await presenting(page), `${name}: ?present opens presenter mode`);
      const total = Number(((await page.locator('.readout .count').textContent()) ?? '').match(/\d+/g)?.[1]);
      // Every step of a short story; the first 14 of a long one, and its last.
      const steps = Math.min(total, 14);
      for (let i = 0; i <= steps; i++) {
        if (i === steps) await page.keyboard.press('End');
        else if (i > 0) await page.keyboard.press('PageDown');
        // After the step's render and the list's scroll (a zero timeout after it): a long
        // step's sentence (dozens of segments) takes a while to lay out.
        await page
          .waitForFunction(() => {
            const li = document.querySelector('.narration li.now');
            const list = document.querySelector('.narration .lines');
            if (!li || !list) return true;
            const [r, b] = [li.getBoundingClientRect(), list.getBoundingClientRect()];
            return r.top >= b.top - 1 && r.top < b.bottom && (r.height > b.height || r.bottom <= b.bottom + 1);
          }, null, { timeout: 2000 })
          .catch(() => {});
        const line = await currentLine(page);
        if (!line) continue;
        const at = `${name}, step ${i === steps ? 'last' : await stepsDone(page)}`;
        assert.ok(line.top >= line.listTop - 1 && line.top >= 0 && line.top < line.vh, `${at}: the sentence's first line is off screen (${JSON.stringify(line)})`);
        if (line.bottom - line.top <= line.listBottom - line.listTop) {
          assert.ok(line.bottom <= line.listBottom + 1, `${at}: a sentence that fits is shown whole (${JSON.stringify(line)})`);
        }
      }
      const small = await smallestLabel(page);
      assert.ok(small.px >= 23.99, `${name}: ${small.what} is ${small.px.toFixed(1)} px on the projector`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PROJECTOR.width, `${name}: no sideways scroll`);
      await page.waitForTimeout(300);
      await checkA11y(page, { anyImpact: true, at: name });
      await screenshot(page, `screen-present-${name}`, { fullPage: false });
    }
    assertNoProblems(problems);
  });

  it('360×740 phone: every preset, words ≥ 12 px, opens on the lanes', async () => {
    const { page, problems } = await h.open({ viewport: PHONE });
    await ready(page);
    const bar = await page.locator('nav.transport').boundingBox();
    assert.ok(bar && bar.height <= 56, `a compact transport bar: ${bar?.height} px`);
    for (const name of await presets(page)) {
      await page.goto(new URL(`/?preset=${name}`, h.url).href);
      await ready(page);
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      const small = await smallestLabel(page);
      assert.ok(small.px >= 11.99, `${name}: ${small.what} is ${small.px.toFixed(1)} px on the phone`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: the page does not scroll sideways`);
      // Both lanes in view without panning.
      const lanes = await page.evaluate(() => [...document.querySelectorAll('svg.ladder .lane-name')].map((t) => t.getBoundingClientRect()));
      const box = await page.locator('.ladder-scroll').boundingBox();
      assert.equal(lanes.length, 2);
      for (const r of lanes) assert.ok(box && r.left >= box.x && r.right <= box.x + box.width, `${name}: a lane name is off its box`);
      // A long ladder draws the blocks around the view a moment after a step: let it settle.
      // From the top of the page, as it opens: with the page scrolled down to the ladder and
      // its box scrolled too, axe 4.14 counts arrow labels clipped by the box above the screen
      // as not part of their segment's name (label-content-name-mismatch), which they are.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await checkA11y(page, { anyImpact: true, at: name });
      await page.locator('.ladder-scroll').evaluate((el) => el.scrollIntoView());
      await screenshot(page, `screen-phone-${name}`, { fullPage: false });
    }
    assertNoProblems(problems);
  });

  it('presenter mode: Space plays wherever the focus is, clicker keys step, the preset changes in place, the inspector is large', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close', viewport: PROJECTOR });
    await ready(page);
    await page.locator('button.present-btn').click();
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    // Right after the click: Space plays and pauses, presenter mode stays.
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'true');
    assert.ok(await presenting(page));
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'false');
    assert.ok(await presenting(page));
    // On the speed picker and on a button, too.
    await page.locator('#speed').focus();
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'true');
    await page.locator('button.present-btn').focus();
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'false');
    assert.ok(await presenting(page));
    // On a segment of the ladder (where Enter opens the inspector).
    await page.locator('svg.ladder .seg[data-id="0"]').focus();
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'true');
    await page.keyboard.press(' ');
    assert.equal(await playing(page), 'false');
    assert.equal(await page.locator('#inspector.open').count(), 0);
    await page.keyboard.press('Home');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    assert.equal(await stepsDone(page), 3);
    await page.keyboard.press('PageUp');
    assert.equal(await stepsDone(page), 2);

    // Another scenario without leaving.
    await page.locator('#preset').selectOption('syn-lost');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('preset') === 'syn-lost', null, { timeout: APP_TIMEOUT_MS });
    assert.ok(await presenting(page));
    assert.ok(await page.evaluate(() => new URLSearchParams(location.search).has('present')), 'the page URL keeps ?present');

    // The inspector: over the narration's side, large, inside the screen.
    await page.locator('svg.ladder .seg[data-id="0"]').focus();
    await page.keyboard.press('Enter');
    const insp = page.locator('#inspector.open');
    await insp.locator('.header-diagram').waitFor({ timeout: APP_TIMEOUT_MS });
    const r = await insp.boundingBox();
    assert.ok(r && r.x >= 0 && r.y >= 0 && r.x + r.width <= PROJECTOR.width && r.y + r.height <= PROJECTOR.height, `inspector inside the screen: ${JSON.stringify(r)}`);
    const px = await insp.locator('table.fields td').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(px >= 24, `inspector table text ${px} px`);
    await checkA11y(page, { anyImpact: true });
    await screenshot(page, 'screen-present-inspector', { fullPage: false });
    await page.keyboard.press('Escape');
    await insp.waitFor({ state: 'detached' });
    assert.ok(await presenting(page), 'Esc closes the inspector first');
    assertNoProblems(problems);
  });

  it('phone: the inspector is a sheet that closes back to the same place; presenter mode does not scroll sideways', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close', viewport: PHONE });
    await ready(page);
    await page.keyboard.press('End');
    const hit = page.locator('svg.ladder .seg[data-id="1"] .hit');
    await hit.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => scrollY);
    const b = await hit.boundingBox();
    assert.ok(b);
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    const sheet = page.locator('#inspector.open');
    await sheet.locator('.header-diagram').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.evaluate(() => scrollY), before, 'opening the inspector does not move the page');
    const r = await sheet.boundingBox();
    assert.ok(r && r.y > 0 && r.y + r.height <= PHONE.height + 1 && r.width <= PHONE.width, `the sheet is on screen: ${JSON.stringify(r)}`);
    await checkA11y(page, { anyImpact: true });
    await screenshot(page, 'screen-phone-inspector', { fullPage: false });
    await sheet.locator('button.close').click();
    await sheet.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => scrollY), before, 'closing it leaves the page where it was');

    await page.goto(new URL('/?preset=syn-lost&present', h.url).href);
    await ready(page);
    assert.ok(await presenting(page));
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll while presenting');
    const small = await smallestLabel(page);
    assert.ok(small.px >= 11.99, `${small.what} is ${small.px.toFixed(1)} px`);
    await checkA11y(page, { anyImpact: true });
    await screenshot(page, 'screen-phone-present', { fullPage: false });
    assertNoProblems(problems);
  });
});

describe('hosted in a subfolder', () => {
  const h = useHarness({ prefix: '/synack/' });

  it('draws, loads Chinese, shares a link that round-trips, asks for nothing outside its folder', async () => {
    const context = await h.browser.newContext({ viewport: DESK });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.url).origin });
    const page = await context.newPage();
    const { watchProblems } = await import('./harness.mjs');
    const problems = watchProblems(page);
    /** @type {string[]} */
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    assert.match(h.url, /\/synack\/$/);
    await page.goto(new URL('?preset=syn-lost', h.url).href, { waitUntil: 'load' });
    await ready(page);
    assert.ok((await page.locator('svg.ladder .seg').count()) > 0, 'the ladder is drawn');

    await page.selectOption('#lang-select', 'zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans', null, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('#ladder-h').textContent(), '时序图');
    assert.ok(requests.some((u) => u.startsWith(`${h.url}lang/zh.txt?v=`)), `the pack from the folder: ${requests.join(' ')}`);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => new URLSearchParams(location.search).has('t'), null, { timeout: APP_TIMEOUT_MS });
    const href = await page.evaluate(() => location.href);
    await page.locator('button.share-btn').click();
    const link = await page.locator('#share-link').inputValue();
    assert.equal(link, href);
    assert.ok(link.startsWith(h.url), `the share link stays in the folder: ${link}`);
    const time = await page.locator('.readout .time').textContent();

    // The link, opened afresh (the language pack preloaded by the head, from the folder).
    const again = await context.newPage();
    const problems2 = watchProblems(again);
    await again.goto(link, { waitUntil: 'load' });
    await ready(again);
    assert.equal(await again.evaluate(() => document.documentElement.lang), 'zh-Hans');
    assert.equal(await again.locator('#preset').inputValue(), 'syn-lost');
    assert.equal(await again.locator('.readout .time').textContent(), time);
    await checkA11y(again, { anyImpact: true });

    for (const u of requests) {
      if (u.startsWith('http')) assert.ok(u.startsWith(h.url), `a request outside the folder: ${u}`);
    }
    assertNoProblems(problems);
    assertNoProblems(problems2);
    await context.close();
  });
});
