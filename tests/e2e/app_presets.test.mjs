// End-to-end: every preset of the simulator loads, plays to the end, and the page's final
// states equal those of the CLI's trace for the same preset (computed outside the page).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, useHarness } from './harness.mjs';
import { RFC_NAME, cliTrace, ready, shownStates } from './app_helpers.mjs';

describe('app: every preset', () => {
  const h = useHarness();

  it('plays each preset to its end and shows the final states of the trace', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    const presets = await page.locator('#preset option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(presets.length >= 5, `only ${presets.length} presets offered`);
    // Every option has a one-line description.
    for (const name of presets) {
      await page.goto(new URL(`/?preset=${name}`, h.url).href);
      await ready(page);
      assert.equal(await page.locator('#preset').inputValue(), name);
      assert.ok(((await page.locator('#preset-desc').textContent()) ?? '').length > 10, `${name} has no description`);
      const trace = cliTrace(name);
      // The same segments as the CLI's trace. A short ladder draws every one; a long one
      // (more than 256 arrows) draws only those near its scroll box's view, says how many
      // there are in data-segments, and draws the last one once scrolled to the bottom.
      const segments = trace.segments.length;
      assert.equal(Number(await page.locator('svg.ladder').getAttribute('data-segments')), segments, `${name}: data-segments`);
      // A trace of more than 60 segments starts with its flights collapsed: each band stands
      // for its members ("10× seq=1–14481").
      const inBands = await page.evaluate(() => [...document.querySelectorAll('svg.ladder .flights .flight')]
        .reduce((n, b) => n + Number((b.getAttribute('aria-label') ?? '').match(/(\d+)×/)?.[1] ?? NaN), 0));
      const drawn = await page.locator('svg.ladder .seg').count();
      if (segments <= 256) assert.equal(drawn + inBands, segments, `${name}: segment count (${inBands} in bands)`);
      else {
        assert.ok(drawn > 0 && drawn < 300, `${name}: ${drawn} of ${segments} segments drawn, expected only those in view`);
        await page.locator('.ladder-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await page.locator(`svg.ladder .seg[data-id="${segments - 1}"]`).waitFor({ timeout: APP_TIMEOUT_MS });
        assert.ok((await page.locator('svg.ladder .seg').count()) < 300, `${name}: still only the segments in view`);
        await page.locator('.ladder-scroll').evaluate((el) => el.scrollTo(0, 0));
        await page.locator('svg.ladder .seg[data-id="0"]').waitFor({ timeout: APP_TIMEOUT_MS });
      }
      // Play at the highest speed until playback stops by itself at the end.
      await page.selectOption('#speed', { index: (await page.locator('#speed option').count()) - 1 });
      await page.locator('button.tbtn.play').click();
      await page.waitForFunction(
        () => document.querySelector('button.tbtn.play')?.getAttribute('aria-pressed') === 'false',
        null,
        { timeout: 120_000, polling: 250 },
      );
      const expected = trace.final_states.map((s) => RFC_NAME[s] ?? s);
      assert.deepEqual(await shownStates(page), expected, `${name}: final states`);
      const count = (await page.locator('.readout .count').textContent()) ?? '';
      const [done, total] = (count.match(/\d+/g) ?? []).map(Number);
      assert.equal(done, total, `${name}: playback ended before the last step (${count})`);
    }
    assertNoProblems(problems);
  });
});
