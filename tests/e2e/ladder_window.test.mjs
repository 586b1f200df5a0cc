// End-to-end: a long ladder (bulk-transfer, 2,099 segments, its flights expanded by
// ?flights=open) draws only the blocks near its scroll box's view (web/src/view/ladder/window.rs). After a seek to a random instant the
// segments around the playhead are drawn, scrolled into view, with the future/done classes
// the CLI's trace implies; scrolling draws the segments that come into view; while playing
// the view follows the playhead with its segments drawn; Tab walks past the first blocks drawn.
// Screenshots of the ladder box mid-play and after a seek land in
// target/screenshots/ladder-window-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, screenshot, startHarness } from './harness.mjs';
import { cliTrace, ready } from './app_helpers.mjs';

const PRESET = 'bulk-transfer';

/** The drawn segments: id, classes, and whether each meets the scroll box's visible part. */
function drawn(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.ladder-scroll').getBoundingClientRect();
    return [...document.querySelectorAll('svg.ladder .seg')].map((g) => {
      const r = g.querySelector('.hit').getBoundingClientRect();
      return {
        id: Number(g.getAttribute('data-id')),
        future: g.classList.contains('future'),
        done: g.classList.contains('done'),
        moving: g.classList.contains('moving'),
        inView: r.bottom >= box.top && r.top <= box.bottom,
      };
    });
  });
}

/** The playhead (µs) as the readout shows it ("t = 1.850 s": to the millisecond). */
async function playhead(page) {
  const text = (await page.locator('.readout .time').textContent()) ?? '';
  const m = text.match(/(\d+)\.(\d{3})\s*s/);
  assert.ok(m, `readout "${text}"`);
  return (Number(m[1]) * 1000 + Number(m[2])) * 1000;
}

/** Whether the playhead line lies inside the scroll box's visible part. */
function playheadInView(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.ladder-scroll').getBoundingClientRect();
    const r = document.querySelector('svg.ladder .playhead').getBoundingClientRect();
    return r.top >= box.top && r.top <= box.bottom;
  });
}

describe('app: a long ladder draws only what can be seen', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  /** @type {any} */
  let trace;
  before(async () => {
    h = await startHarness();
    trace = cliTrace(PRESET);
  });
  after(async () => {
    await h?.close();
  });

  it('seeks to random instants: the segments there are drawn, with the right classes', async () => {
    const { page, problems } = await h.open({ path: `/?preset=${PRESET}&flights=open` });
    await ready(page);
    const total = trace.segments.length;
    assert.equal(Number(await page.locator('svg.ladder').getAttribute('data-segments')), total);
    const max = Number(await page.locator('#scrubber').getAttribute('max'));
    // A fixed "random" sequence, so that a failure can be replayed.
    let x = 0x9e3779b9;
    const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0), x / 2 ** 32);
    for (let k = 0; k < 4; k++) {
      const v = Math.floor((0.1 + 0.8 * rnd()) * max);
      await page.locator('#scrubber').evaluate((el, v) => {
        el.value = String(v);
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }, v);
      await page.waitForTimeout(300);
      // The readout gives the playhead to ±0.5 ms; the trace says what is sent by then.
      const t = await playhead(page);
      const segs = await drawn(page);
      // A block of rounds around the playhead, not the whole ladder (a slow-start round of
      // bulk-transfer alone holds up to 320 segments, and the blocks before and after the one
      // in view may still be drawn while the box follows the seek: 723 of 2,099 was seen on a
      // loaded machine, so the bound is half the trace).
      assert.ok(segs.length > 0 && segs.length < total / 2, `after seek ${k}: ${segs.length} of ${total} segments drawn`);
      assert.ok(await playheadInView(page), `after seek ${k} to ${t} µs: the playhead is in view`);
      const inView = segs.filter((s) => s.inView);
      assert.ok(inView.length > 0, `after seek ${k}: segments are drawn in the visible part of the box`);
      // The segments sent just before and just after the playhead are drawn (those near it
      // in time are near it on screen).
      const next = trace.segments.findIndex((s) => s.sent_at > t + 500);
      const ids = new Set(segs.map((s) => s.id));
      if (next > 0) assert.ok(ids.has(next - 1), `after seek ${k} to ${t} µs: segment ${next - 1} (sent last) is drawn`);
      if (next >= 0) assert.ok(ids.has(next), `after seek ${k} to ${t} µs: segment ${next} (sent next) is drawn`);
      const SLACK = 500; // µs: the readout's rounding
      for (const s of segs) {
        const rec = trace.segments[s.id];
        assert.equal([s.future, s.done, s.moving].filter(Boolean).length, 1, `segment ${s.id}: one phase`);
        if (Math.abs(rec.sent_at - t) <= SLACK || Math.abs((rec.fate?.at ?? -1e12) - t) <= SLACK) continue;
        const sent = rec.sent_at <= t;
        assert.equal(s.future, !sent, `segment ${s.id} (sent at ${rec.sent_at}) at t=${t}: future`);
        if (sent && rec.fate?.at !== undefined && rec.fate.at <= t) {
          assert.ok(s.done, `segment ${s.id} (sent ${rec.sent_at}, ended ${rec.fate.at}) at t=${t}: done`);
        }
      }
      await screenshot(page.locator('.ladder-scroll'), `ladder-window-seek-${k}`, { fullPage: false });
    }
    assertNoProblems(problems);
  });

  it('scrolling the box draws the segments that come into view', async () => {
    const { page, problems } = await h.open({ path: `/?preset=${PRESET}&flights=open` });
    await ready(page);
    const box = page.locator('.ladder-scroll');
    const height = await box.evaluate((el) => el.scrollHeight);
    for (const f of [0.25, 0.5, 0.75, 1]) {
      await box.evaluate((el, top) => el.scrollTo(0, top), f * height);
      // The blocks follow the scroll on the next frames: give a loaded machine time.
      let segs = await drawn(page);
      for (let i = 0; i < 50 && !segs.some((s) => s.inView); i++) {
        await page.waitForTimeout(100);
        segs = await drawn(page);
      }
      assert.ok(segs.length < trace.segments.length / 3, `scrolled to ${f}: ${segs.length} of ${trace.segments.length} drawn`);
      assert.ok(segs.some((s) => s.inView), `scrolled to ${f}: segments in view are drawn`);
    }
    assert.ok((await drawn(page)).some((s) => s.id === trace.segments.length - 1), 'the last segment at the bottom');
    assertNoProblems(problems);
  });

  it('Tab walks the segments one by one past the blocks first drawn', async () => {
    const { page, problems } = await h.open({ path: `/?preset=${PRESET}&flights=open` });
    await ready(page);
    const first = await drawn(page);
    await page.locator('svg.ladder .seg[data-id="0"]').focus();
    const n = Math.max(...first.map((s) => s.id)) + 40;
    for (let i = 1; i <= n; i++) {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), String(i), `Tab #${i}`);
    }
    assertNoProblems(problems);
  });

  it('follows the playhead while playing, its segments drawn', async () => {
    const { page, problems } = await h.open({ path: `/?preset=${PRESET}&flights=open` });
    await ready(page);
    await page.selectOption('#speed', { index: (await page.locator('#speed option').count()) - 1 });
    await page.locator('button.tbtn.play').click();
    for (let k = 0; k < 3; k++) {
      await page.waitForTimeout(2500);
      // Checked mid-play, in one evaluation (the page keeps moving). The box scrolls just
      // after the frame that moved the playhead, so on a busy machine one sample can catch
      // the playhead a moment before the scroll lands: take up to 20 samples, 50 ms apart.
      const sample = () => page.evaluate(() => {
        const box = document.querySelector('.ladder-scroll').getBoundingClientRect();
        const p = document.querySelector('svg.ladder .playhead').getBoundingClientRect();
        const near = [...document.querySelectorAll('svg.ladder .seg .hit')].filter((h) => {
          const r = h.getBoundingClientRect();
          return r.bottom >= box.top && r.top <= box.bottom;
        }).length;
        return { top: document.querySelector('.ladder-scroll').scrollTop, playhead: p.top >= box.top - 2 && p.top <= box.bottom + 2, near };
      });
      let state = await sample();
      for (let i = 0; i < 19 && !state.playhead; i++) {
        await page.waitForTimeout(50);
        state = await sample();
      }
      assert.ok(state.playhead, `mid-play ${k}: the playhead is in view (${JSON.stringify(state)})`);
      assert.ok(state.near > 0, `mid-play ${k}: segments are drawn in view (${JSON.stringify(state)})`);
      await screenshot(page.locator('.ladder-scroll'), `ladder-window-play-${k}`, { fullPage: false });
    }
    await page.locator('button.tbtn.play').click();
    assertNoProblems(problems);
  });
});
