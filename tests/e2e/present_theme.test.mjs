// End-to-end: presenter mode (clicker keys, blanking, fullscreen or its fallback, the help
// overlay lists the keys) and the colour themes (system, light, dark, projector: each changes
// the computed background, is kept in the URL and is axe clean).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness } from './harness.mjs';
import { ready, stepsDone } from './app_helpers.mjs';

const bg = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe('present and themes', () => {
  const h = useHarness();

  it('PageDown / PageUp step like a clicker; B blanks and any key restores', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close' });
    await ready(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    assert.equal(await stepsDone(page), 1);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    assert.equal(await stepsDone(page), 3);
    await page.keyboard.press('PageUp');
    assert.equal(await stepsDone(page), 2);
    // Clickers send PageDown wherever the focus is, even on a slider.
    await page.locator('#scrubber').focus();
    await page.keyboard.press('PageDown');
    assert.equal(await stepsDone(page), 3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('b');
    const blank = page.locator('.blank');
    await blank.waitFor();
    assert.equal(await blank.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 0, 0)');
    const box = await blank.boundingBox();
    assert.ok(box && box.width >= 1280 && box.height >= 800, 'the blank covers the screen');
    await page.keyboard.press('PageDown');
    await blank.waitFor({ state: 'detached' });
    assert.equal(await stepsDone(page), 3, 'the key that restores does nothing else');
    await page.keyboard.press('b');
    await blank.waitFor();
    await page.keyboard.press('b');
    await blank.waitFor({ state: 'detached' });
    assertNoProblems(problems);
  });

  it('presenter mode: fullscreen (or its fallback), larger type, Esc leaves; keys in the help', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close&theme=projector' });
    await ready(page);
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await size();
    await page.locator('button.present-btn').click();
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    assert.ok((await size()) > normal, 'larger type when presenting');
    assert.equal(await page.locator('section.settings').isVisible(), false);
    assert.ok(await page.locator('svg.ladder').first().isVisible());
    await page.keyboard.press('PageDown');
    assert.equal(await stepsDone(page), 2);
    await checkA11y(page);
    await screenshot(page, 'present-projector', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-present') && !document.fullscreenElement);
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    await page.keyboard.press('p');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-present'));

    await page.keyboard.press('?');
    const help = (await page.locator('.dialog').textContent()) ?? '';
    assert.match(help, /PgUp \/ PgDn/);
    assert.match(help, /Blank the screen/);
    assert.match(help, /Presenter mode/);
    await page.keyboard.press('Escape');
    assertNoProblems(problems);
  });

  it('themes: system follows the OS, the picker forces light / dark / projector, kept in the URL, axe clean', async () => {
    const light = await h.open({ path: '/?preset=syn-lost', colorScheme: 'light' });
    await ready(light.page);
    const lightBg = await bg(light.page);
    const sysDark = await h.open({ path: '/?preset=syn-lost', colorScheme: 'dark' });
    await ready(sysDark.page);
    const darkBg = await bg(sysDark.page);
    assert.notEqual(lightBg, darkBg, 'system theme follows prefers-color-scheme');

    const page = light.page;
    const seen = new Set([lightBg]);
    for (const theme of ['dark', 'projector', 'light', 'system']) {
      await page.locator('#theme-select').selectOption(theme);
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      const now = await bg(page);
      if (theme === 'dark') assert.equal(now, darkBg);
      if (theme === 'projector') assert.equal(now, 'rgb(0, 0, 0)');
      if (theme === 'light' || theme === 'system') assert.equal(now, lightBg);
      seen.add(now);
      await page.keyboard.press('End');
      await checkA11y(page);
      await screenshot(page, `theme-${theme}`, { fullPage: false });
      if (theme !== 'system') {
        await page.waitForFunction((t) => new URLSearchParams(location.search).get('theme') === t, theme, { timeout: APP_TIMEOUT_MS });
      } else {
        await page.waitForFunction(() => !new URLSearchParams(location.search).has('theme'), null, { timeout: APP_TIMEOUT_MS });
      }
    }
    assert.equal(seen.size, 3);

    // A forced light theme wins over a dark OS, and is axe clean there too.
    const forced = await h.open({ path: '/?preset=syn-lost&theme=light', colorScheme: 'dark' });
    await ready(forced.page);
    assert.equal(await bg(forced.page), lightBg);
    await checkA11y(forced.page);
    assert.equal(await bg(sysDark.page), darkBg);
    await checkA11y(sysDark.page);
    for (const p of [light, sysDark, forced]) assertNoProblems(p.problems);
  });
});
