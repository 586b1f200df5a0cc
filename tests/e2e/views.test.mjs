// End-to-end: the data-phase views (issue 16). The window chart and the time-sequence graph
// come from the second module as SVG and follow the playhead; each data-phase preset plays to
// its end with the chart, whose last cwnd is the trace's (from the CLI, outside the page); a
// click (or Enter) on a bar of the time-sequence graph selects its segment in the ladder and
// the inspector; the views speak Chinese; axe is clean; screenshots of each view at 1280×800,
// 1920×1080 in the projector theme and 360 px wide.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness } from './harness.mjs';
import { cliTrace, ready } from './app_helpers.mjs';

const DATA_PRESETS = [
  'bulk-transfer', 'upload-100k', 'fast-retransmit', 'fast-retransmit-reno', 'burst-loss',
  'burst-loss-reno', 'retransmission-lost', 'tail-loss-probe', 'tail-rto', 'rack-reorder',
  'zero-window', 'nagle', 'nodelay',
];

const SYNCHRONIZED = new Set(['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait']);

/** Waits for the view's drawing to be inserted. */
async function drawn(page, view) {
  await page.locator(`figure.data-view[data-view=${view}][data-ready] svg.vw`).waitFor({ timeout: APP_TIMEOUT_MS });
}

/** The event counter's n and total. */
async function counter(page) {
  const text = (await page.locator('.readout .count').textContent()) ?? '';
  const [n, total] = (text.match(/\d+/g) ?? []).map(Number);
  return { n, total };
}

/** The reveal rectangle's width, the cursor's x and the drawing's scale. */
async function reveal(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.vw');
    const num = (e, a) => Number(e?.getAttribute(a));
    return {
      width: num(svg.querySelector('.vw-reveal'), 'width'),
      cursor: num(svg.querySelector('.vw-cursor'), 'x1'),
      x0: num(svg, 'data-x0'),
      x1: num(svg, 'data-x1'),
      t1: num(svg, 'data-t1'),
      side: svg.getAttribute('data-side'),
    };
  });
}

/** Plays a moment, then goes to the end with the End key. */
async function playToEnd(page) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await page.waitForTimeout(300);
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const t = document.querySelector('.readout .count')?.textContent ?? '';
    const [n, total] = (t.match(/\d+/g) ?? []).map(Number);
    return n > 0 && n === total;
  }, null, { timeout: APP_TIMEOUT_MS });
}

describe('data-phase views', () => {
  const h = useHarness();

  it('each data-phase preset plays to the end; the chart ends on the last snapshot', async () => {
    for (const preset of DATA_PRESETS) {
      const trace = cliTrace(preset);
      const { page, problems } = await h.open({ path: `/?preset=${preset}&view=chart` });
      await ready(page);
      await drawn(page, 'chart');
      const start = await reveal(page);
      assert.ok(start.width <= start.x0 + 2, `${preset}: nothing of the data phase shows at the start (${start.width})`);
      await playToEnd(page);
      const end = await reveal(page);
      assert.ok(Math.abs(end.cursor - end.x1) < 0.2, `${preset}: the cursor at the end (${end.cursor} vs ${end.x1})`);
      assert.ok(end.width >= end.x1, `${preset}: everything shows at the end`);
      const side = end.side === 'server' ? 'Server' : 'Client';
      const want = trace.snapshots
        .filter((s) => (s.side === side || s.side === end.side) && Number(s.at) <= end.t1 && SYNCHRONIZED.has(s.tcb.state))
        .at(-1)?.tcb.cwnd;
      const shown = await page.evaluate(() => {
        const pts = [...document.querySelectorAll('svg.vw .pt')];
        return Number(pts.at(-1)?.getAttribute('data-cwnd'));
      });
      assert.ok(Number.isFinite(want), `${preset}: the CLI's trace has a snapshot`);
      assert.equal(shown, want, `${preset}: cwnd at the end`);
      assertNoProblems(problems);
      await page.context().close();
    }
  });

  it('a click or Enter on a time-sequence bar selects its segment in the ladder and the inspector', async () => {
    const { page, problems } = await h.open({ path: '/?preset=fast-retransmit&view=tsg' });
    await ready(page);
    await drawn(page, 'tsg');
    await page.keyboard.press('End');
    const retx = page.locator('svg.vw .bar.retx').first();
    const id = await retx.getAttribute('data-id');
    assert.ok(id, 'fast-retransmit has a retransmission bar');
    await retx.dispatchEvent('click');
    await page.locator(`svg.ladder .segment[data-id="${id}"][aria-pressed=true]`).waitFor({ timeout: APP_TIMEOUT_MS });
    await page.locator('#inspector .header-diagram').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await retx.getAttribute('class')) ?? '', /\bsel\b/, 'the bar shows the selection');
    // A plain data bar, by its id, then a retransmission again by keyboard.
    const data = page.locator('svg.vw .bar.data').nth(3);
    const did = await data.getAttribute('data-id');
    await data.dispatchEvent('click');
    await page.locator(`svg.ladder .segment[data-id="${did}"][aria-pressed=true]`).waitFor({ timeout: APP_TIMEOUT_MS });
    await retx.focus();
    const { n } = await counter(page);
    await page.keyboard.press('Enter');
    await page.locator(`svg.ladder .segment[data-id="${id}"][aria-pressed=true]`).waitFor({ timeout: APP_TIMEOUT_MS });
    await page.keyboard.press(' ');
    assert.equal((await counter(page)).n, n, 'Space on a bar selects, it does not play');
    // The views control and the URL.
    await page.locator('button.view-btn[data-view=chart]').click();
    await drawn(page, 'chart');
    await page.waitForFunction(() => location.search.includes('view=chart'), null, { timeout: APP_TIMEOUT_MS });
    await page.locator('button.view-btn[data-view=ladder]').click();
    await page.locator('figure.data-view').waitFor({ state: 'detached' });
    assertNoProblems(problems);
    await page.context().close();
  });

  it('the views speak Chinese', async () => {
    const { page, problems } = await h.open({ path: '/?preset=fast-retransmit&view=chart&lang=zh' });
    await ready(page);
    await drawn(page, 'chart');
    const cjk = /[\u4e00-\u9fff]/;
    for (const sel of ['.views', 'button.view-btn[data-view=ladder]', 'button.view-btn[data-view=chart]', 'button.view-btn[data-view=tsg]', '.view-hint']) {
      assert.match((await page.locator(sel).first().textContent()) ?? '', cjk, sel);
    }
    const svg = await page.locator('svg.vw').evaluate((e) => e.outerHTML);
    for (const term of ['慢开始', '快恢复', '拥塞窗口']) assert.ok(svg.includes(term), term);
    // Every title in the drawing is in Chinese (numbers and RFC names aside).
    const titles = await page.locator('svg.vw title').allTextContents();
    assert.ok(titles.length > 10);
    for (const t of titles) assert.match(t, cjk, t);
    await page.locator('button.view-btn[data-view=tsg]').click();
    await drawn(page, 'tsg');
    for (const t of await page.locator('svg.vw title').allTextContents()) assert.match(t, cjk, t);
    assertNoProblems(problems);
    await page.context().close();
  });

  it('collapsed flights expand and collapse with the mouse and the keyboard', async () => {
    const { page, problems } = await h.open({ path: '/?preset=bulk-transfer' });
    await ready(page);
    const bands = page.locator('svg.ladder .flights .flight');
    const n = await bands.count();
    assert.ok(n >= 4, `bulk-transfer starts collapsed (${n} bands)`);
    const band = bands.nth(1);
    const k = await band.getAttribute('data-flight');
    assert.match((await band.getAttribute('aria-label')) ?? '', /\d+×/);
    const shown = () => page.locator('svg.ladder .segment').count();
    const before = await shown();
    // The mouse: the band opens into its segments, the bracket closes them again.
    await band.click();
    const bracket = page.locator(`svg.ladder .flight-open[data-flight="${k}"]`);
    await bracket.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator(`svg.ladder .flights .flight[data-flight="${k}"]`).count(), 0);
    assert.ok((await shown()) > before, 'its segments are drawn');
    await bracket.click();
    await page.locator(`svg.ladder .flights .flight[data-flight="${k}"]`).waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await bracket.count(), 0);
    // The keyboard: Enter opens, Space closes (and neither plays).
    await page.locator(`svg.ladder .flights .flight[data-flight="${k}"]`).focus();
    await page.keyboard.press('Enter');
    await bracket.waitFor({ timeout: APP_TIMEOUT_MS });
    await bracket.focus();
    const { n: at } = await counter(page);
    await page.keyboard.press(' ');
    await page.locator(`svg.ladder .flights .flight[data-flight="${k}"]`).waitFor({ timeout: APP_TIMEOUT_MS });
    await page.waitForTimeout(300);
    assert.equal((await counter(page)).n, at, 'Space on the bracket does not play');
    await checkA11y(page);
    await screenshot(page, 'views-flights-1280', { fullPage: false });
    assertNoProblems(problems);
    await page.context().close();
  });

  it('presenter mode draws the views larger, for a projector', async () => {
    const heights = {};
    for (const mode of ['', '&present']) {
      const { page, problems } = await h.open({ path: `/?preset=burst-loss&view=tsg&theme=projector${mode}`, viewport: { width: 1920, height: 1080 } });
      await ready(page);
      await drawn(page, 'tsg');
      // The same words in both: the first text of the drawing (its axis title).
      heights[mode] = await page.locator('figure.data-view svg.vw text').first().evaluate((t) => t.getBoundingClientRect().height);
      assertNoProblems(problems);
      await page.context().close();
    }
    assert.ok(heights['&present'] >= 1.5 * heights[''],
      `words ${heights['&present'].toFixed(1)} px presenting against ${heights[''].toFixed(1)} px`);
    assert.ok(heights['&present'] >= 18, `presenter mode's words are ${heights['&present'].toFixed(1)} px high`);
  });

  for (const [label, opts] of [
    ['1280', { viewport: { width: 1280, height: 800 }, theme: '' }],
    ['1920-projector', { viewport: { width: 1920, height: 1080 }, theme: '&theme=projector' }],
    ['360', { viewport: { width: 360, height: 740 }, theme: '' }],
  ]) {
    it(`each view at ${label}: axe clean, screenshot`, async () => {
      for (const [view, preset] of [['chart', 'fast-retransmit'], ['tsg', 'burst-loss']]) {
        const { page, problems } = await h.open({ path: `/?preset=${preset}&view=${view}${opts.theme}`, viewport: opts.viewport });
        await ready(page);
        await drawn(page, view);
        // As the page opens, as screens.test.mjs does: with the ladder's box scrolled (End
        // follows the playhead), axe 4.14 counts arrow labels clipped by the box as not part
        // of their segment's name, which they are.
        await checkA11y(page);
        await page.keyboard.press('End');
        await page.locator('figure.data-view').scrollIntoViewIfNeeded();
        await checkA11y(page, { include: 'figure.data-view' });
        await screenshot(page, `views-${view}-${label}`, { fullPage: false });
        assertNoProblems(problems);
        await page.context().close();
      }
    });
  }
});
