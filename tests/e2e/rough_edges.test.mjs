// End-to-end: the rough edges of issue 15 stay smoothed — the preset picker's names and
// groups in the UI's language, the selected segment's outlined band, the legend's timer marks,
// a what-if drop's label and singular banner, Chinese colons, no axe finding of any impact
// (the app and its embed view), and every preset's ladder at 1280×800 saved to look at.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, screenshot, useHarness } from './harness.mjs';
import { inspect, ready } from './app_helpers.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = process.env.SYNACK_SCREENSHOTS ?? path.join(ROOT, 'target', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Every axe violation, whatever its impact. */
async function axeAll(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () =>
    // @ts-ignore axe is the injected global
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map(
      (v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  );
}

describe('rough edges', () => {
  const h = useHarness();

  it('the picker shows names in the UI language, grouped; the slug is only the value', async () => {
    const { page, problems } = await h.open({ path: '/?preset=synack-lost' });
    await ready(page);
    const groups = await page.locator('#preset optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    assert.deepEqual(groups, ['Opening', 'Data', 'Closing', 'Loss and timers', 'Abnormal']);
    const chosen = page.locator('#preset option:checked');
    assert.equal(await chosen.getAttribute('value'), 'synack-lost');
    assert.equal((await chosen.textContent())?.trim(), 'SYN,ACK lost');
    const texts = await page.locator('#preset option').evaluateAll((os) => os.map((o) => o.textContent ?? ''));
    assert.ok(!texts.some((t) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(t.trim())), `a slug shown: ${texts.join(' | ')}`);
    // Choosing by name still puts the slug in the URL.
    await page.selectOption('#preset', { label: 'Simultaneous close' });
    await page.waitForFunction(() => location.search.includes('preset=simultaneous-close'), null, { timeout: APP_TIMEOUT_MS });
    assertNoProblems(problems);

    const zh = await h.open({ path: '/?lang=zh&preset=synack-lost' });
    await ready(zh.page);
    const zhGroups = await zh.page.locator('#preset optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    assert.deepEqual(zhGroups, ['建立连接', '数据传输', '关闭连接', '丢包与定时器', '异常情况']);
    assert.equal((await zh.page.locator('#preset option:checked').textContent())?.trim(), 'SYN,ACK 丢失');
    // A full-width colon in Chinese: "客户端：SYN-SENT".
    const who = (await zh.page.locator('.state-now li[data-side=client] strong').textContent()) ?? '';
    assert.match(who, /：/, who);
    assert.doesNotMatch(who, /: /, who);
    // Sliders in ms, as the ladder's ticks.
    assert.doesNotMatch((await zh.page.locator('section.settings').textContent()) ?? '', /毫秒/);
    assertNoProblems(zh.problems);
  });

  it('the selected segment has an outlined band; the legend names the timer marks', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close' });
    await ready(page);
    await inspect(page, '1');
    await page.locator('svg.ladder .seg.selected .ring').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('svg.ladder .ring').count(), 1, 'only the selected segment has a ring');
    const legend = (await page.locator('ul.legend').textContent()) ?? '';
    assert.match(legend, /delayed-ACK timer/);
    assert.match(legend, /when a stopped timer would have fired/);
    assertNoProblems(problems);
  });

  it('a dropped segment keeps its label, and the banner counts in words', async () => {
    const { page, problems } = await h.open({ path: '/?preset=handshake-and-close&abs=1' });
    await ready(page);
    const id = await page.locator('svg.ladder .seg.data.from-c').first().getAttribute('data-id');
    await inspect(page, id);
    await page.locator('#inspector button.drop').click();
    await page.locator('.banner.whatif').waitFor();
    assert.match((await page.locator('.banner.whatif p').textContent()) ?? '', /dropped one segment;/);
    await page.keyboard.press('End');
    const lost = page.locator('svg.ladder .seg.lost');
    assert.equal(await lost.count(), 1);
    assert.ok((await lost.locator('.seg-label').count()) >= 1, 'the lost segment has no label');
    await screenshot(page, 'rough-what-if-absolute');
    assertNoProblems(problems);
  });

  it('axe finds nothing, of any impact, in the app and in its embed view', async () => {
    for (const at of ['/?preset=handshake-and-close', '/?embed&preset=syn-lost', '/?lang=zh&embed&preset=syn-lost']) {
      const { page, problems } = await h.open({ path: at });
      await ready(page);
      assert.deepEqual(await axeAll(page), [], at);
      assertNoProblems(problems);
    }
  });

  it('every preset: the ladder at its end, relative and absolute, saved to look at', async () => {
    const { page, problems } = await h.open({ viewport: { width: 1280, height: 800 } });
    await ready(page);
    const presets = await page.locator('#preset option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    for (const name of presets) {
      for (const abs of [false, true]) {
        await page.goto(new URL(`/?preset=${name}${abs ? '&abs=1' : ''}`, h.url).href);
        await ready(page);
        await page.keyboard.press('End');
        // Tick labels never sit under an axis break's band.
        const covered = await page.evaluate(() => {
          const bands = [...document.querySelectorAll('svg.ladder .break-bg')].map((b) => b.getBoundingClientRect());
          return [...document.querySelectorAll('svg.ladder .tick-label')]
            .map((t) => [t.textContent, t.getBoundingClientRect()])
            .filter(([, r]) => bands.some((b) => r.bottom > b.top + 1 && r.top < b.bottom - 1))
            .map(([text]) => text);
        });
        assert.deepEqual(covered, [], `${name}: tick labels under a break`);
        await mkdir(SHOTS, { recursive: true });
        await page.locator('svg.ladder').screenshot({ path: path.join(SHOTS, `ladder-${name}${abs ? '-abs' : ''}.png`) });
      }
    }
    assertNoProblems(problems);
  });
});
