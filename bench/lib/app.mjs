// The app's interactive costs in headless Chromium (issues 16 and 19), measured from outside
// (bench/lib/browser.mjs's marks; no hook in the app): script time per animation frame while
// playing, a seek of the scrubber until rendered and laid out, a slider change until the next
// frame is painted, and a capture file opened by a drop until its ladder is painted. Each takes
// an open page, so that one page can be measured several ways (the capture's).
import { firstDrawn, openPage } from './browser.mjs';
import { summary } from './stats.mjs';

/**
 * The ladder's segment count: `data-segments` on the <svg> (a long ladder draws only the
 * segments near its view), else the drawn segments (builds before that attribute).
 */
export async function segmentCount(page) {
  const n = await page.evaluate(() => Number(document.querySelector('svg.ladder[data-segments]')?.getAttribute('data-segments')));
  return n > 0 ? n : page.locator('svg.ladder [data-from]').count();
}

/** Sets the scrubber to `frac` of its range (an input event, as a drag would). */
function scrubTo(page, frac) {
  return page.evaluate((frac) => {
    const el = /** @type {HTMLInputElement} */ (document.querySelector('#scrubber'));
    el.value = String(Math.floor((Number(el.max) || 1000) * frac));
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, frac);
}

/**
 * Plays for `seconds` on a page opened with `wrapRaf` (restarting at the end): per-frame
 * script times, frame intervals, CDP time per frame. `from` lists where each equal share of
 * the time starts (fractions of the scrubber): [0] plays from the start only.
 */
export async function framesOn(context, page, seconds, from = [0]) {
  const play = page.locator('button.play');
  if ((await play.count()) === 0) return { error: 'no play button (button.play) in this build' };
  const segments = await segmentCount(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  let restarts = 0;
  const script = [];
  const intervals = [];
  let frames = 0;
  const before = await metrics();
  for (const at of from) {
    if ((await play.getAttribute('aria-pressed')) === 'true') await play.click();
    if (at > 0) await scrubTo(page, at);
    await page.waitForTimeout(300);
    await page.evaluate(() => performance.clearMeasures('bench:raf'));
    await play.click();
    const t0 = Date.now();
    while (Date.now() - t0 < (seconds * 1000) / from.length) {
      await page.waitForTimeout(250);
      if ((await play.getAttribute('aria-pressed')) !== 'true') {
        // Reached the end: from the start again.
        restarts++;
        const start = page.locator('button.start');
        if (await start.count()) await start.click();
        await play.click();
      }
    }
    await play.click(); // pause
    const entries = await page.evaluate(() => performance.getEntriesByName('bench:raf').map((e) => [e.duration, e.detail]));
    script.push(...entries.map((e) => e[0]));
    const stamps = [...new Set(entries.map((e) => e[1]))].sort((a, b) => a - b);
    intervals.push(...stamps.slice(1).map((t, i) => t - stamps[i]));
    frames += stamps.length;
  }
  const after = await metrics();
  await cdp.detach();
  const per = (k) => ((after[k] ?? 0) - (before[k] ?? 0)) * 1000 / Math.max(1, frames);
  return {
    segments,
    frames,
    restarts,
    from,
    script: summary(script),
    longFrames: intervals.filter((d) => d > 25).length,
    cdp: { script: per('ScriptDuration'), style: per('RecalcStyleDuration'), layout: per('LayoutDuration'), task: per('TaskDuration') },
  };
}

/** Opens `url`, plays it: {@link framesOn}. */
export async function framesWhilePlaying(browser, url, seconds, from) {
  const { context, page, errors } = await openPage(browser, url, { selector: 'svg.ladder [data-from]', wrapRaf: true });
  try {
    await firstDrawn(page, 120_000);
    return { ...(await framesOn(context, page, seconds, from)), errors };
  } finally {
    await context.close();
  }
}

/** Seeks the scrubber to `n` random positions, timing each (ms). */
export function seekLoop(page, n) {
  return page.evaluate(async (n) => {
    const el = /** @type {HTMLInputElement} */ (document.querySelector('#scrubber'));
    const max = Number(el.max) || 1000;
    // A macrotask boundary: every microtask queued before it (Yew's render) has run.
    const settle = () =>
      new Promise((res) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => res();
        ch.port2.postMessage(0);
      });
    let x = 0x2545f491;
    const rnd = () => ((x = (x ^ (x << 13)) >>> 0), (x = (x ^ (x >>> 17)) >>> 0), (x = (x ^ (x << 5)) >>> 0), x / 2 ** 32);
    const script = [];
    const withLayout = [];
    const baseline = [];
    for (let i = 0; i < n; i++) {
      await settle();
      const b0 = performance.now();
      await settle();
      baseline.push(performance.now() - b0);
      el.value = String(Math.floor(rnd() * (max + 1)));
      const t0 = performance.now();
      el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await settle();
      const t1 = performance.now();
      void document.body.getBoundingClientRect().top; // forces style and layout now
      const t2 = performance.now();
      script.push(t1 - t0);
      withLayout.push(t2 - t0);
    }
    return { script, withLayout, baseline };
  }, n);
}

/** Seeks on an open page: {@link seekLoop}, summarised. */
export async function seekOn(page, n) {
  if ((await page.locator('#scrubber').count()) === 0) return { error: 'no playhead scrubber (#scrubber) in this build' };
  const segments = await segmentCount(page);
  const r = await seekLoop(page, n);
  return { segments, seeks: n, script: summary(r.script), withLayout: summary(r.withLayout), baseline: summary(r.baseline) };
}

/** Opens `url`, seeks its scrubber `n` times: {@link seekOn}. */
export async function seekInBrowser(browser, url, n) {
  const { context, page, errors } = await openPage(browser, url, { selector: 'svg.ladder [data-from]' });
  try {
    await firstDrawn(page, 120_000);
    return { ...(await seekOn(page, n)), errors };
  } finally {
    await context.close();
  }
}

/**
 * Moves the client→server latency slider (`#lat-c2s`) `n` times, between two values 10 ms
 * apart, as a drag does (an input event each): each re-simulates and lays the trace out again.
 * Timed from the event to the frame after the new ladder was rendered (a requestAnimationFrame,
 * then a posted message: that task runs after the frame's paint). The playhead sits mid-trace.
 */
export async function sliderInBrowser(browser, url, n) {
  const { context, page, errors } = await openPage(browser, url, { selector: 'svg.ladder [data-from]' });
  try {
    await firstDrawn(page, 120_000);
    if ((await page.locator('#lat-c2s').count()) === 0) return { error: 'no latency slider (#lat-c2s) in this build' };
    const segments = await segmentCount(page);
    await scrubTo(page, 0.5);
    const r = await page.evaluate(async (n) => {
      const el = /** @type {HTMLInputElement} */ (document.querySelector('#lat-c2s'));
      const settle = () =>
        new Promise((res) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => res();
          ch.port2.postMessage(0);
        });
      const base = Number(el.value);
      const other = base + 10 <= Number(el.max) ? base + 10 : base - 10;
      const script = [];
      const painted = [];
      for (let i = 0; i < n; i++) {
        await new Promise((res) => setTimeout(res, 50));
        el.value = String(i % 2 === 0 ? other : base);
        const t0 = performance.now();
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await settle();
        script.push(performance.now() - t0);
        await new Promise((res) => window.__benchAfterPaint(res));
        painted.push(performance.now() - t0);
      }
      return { script, painted };
    }, n);
    return { segments, changes: n, script: summary(r.script), painted: summary(r.painted), errors };
  } finally {
    await context.close();
  }
}

/**
 * Opens the page at `url`, then drops the capture file served at `fileUrl` on it (fetched
 * first: only reading and drawing are timed) and times the drop until the frame after the
 * ladder shows it (its `data-segments` changed and the capture banner is up), then plays it
 * and seeks in it.
 */
export async function captureInBrowser(browser, url, fileUrl, { seconds, seeks, from }) {
  const { context, page, errors } = await openPage(browser, url, { selector: 'svg.ladder [data-from]', wrapRaf: true });
  try {
    await firstDrawn(page, 120_000);
    const before = await segmentCount(page);
    const opened = await page.evaluate(
      async ({ fileUrl, before }) => {
        const bytes = await (await fetch(fileUrl)).arrayBuffer();
        const name = fileUrl.split('/').pop();
        const t0 = performance.now();
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        document.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        const shown = () =>
          document.querySelector('.banner.capture-result') &&
          Number(document.querySelector('svg.ladder[data-segments]')?.getAttribute('data-segments')) !== before;
        await new Promise((res, rej) => {
          const poll = () => (shown() ? res() : performance.now() - t0 > 60_000 ? rej(new Error('capture not shown after 60 s')) : requestAnimationFrame(poll));
          poll();
        });
        const drawn = performance.now() - t0;
        await new Promise((res) => window.__benchAfterPaint(res));
        return { bytes: bytes.byteLength, drawn, painted: performance.now() - t0 };
      },
      { fileUrl, before },
    );
    const segments = await segmentCount(page);
    const frames = await framesOn(context, page, seconds, from);
    const seek = await seekOn(page, seeks);
    return { ...opened, segments, frames, seek, errors };
  } finally {
    await context.close();
  }
}
