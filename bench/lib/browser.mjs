// What the benchmarks measure inside headless Chromium, from outside the apps: nothing here
// needs a hook in the app's code. An init script (runs before any page script) installs
//
//  - a MutationObserver that marks `bench:inserted` when the first element matching the page's
//    "diagram drawn" selector is in the DOM, then `bench:painted` after the next frame has been
//    produced (a requestAnimationFrame callback, then a posted message: that task runs after
//    the frame's paint). Both are `performance.mark`s, timed from navigation start;
//  - (frames only) a wrapper around `window.requestAnimationFrame` that turns each callback's
//    script time into a `performance.measure('bench:raf')`. The end is taken after a few
//    microtask hops, because Yew renders in a microtask queued by the callback
//    (yew::scheduler spawns it with spawn_local on wasm32), which runs after the callback
//    returns but before the browser styles and paints the frame.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Keep timers and rAF at full rate even if the headless window counts as hidden.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export async function launch(executablePath) {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Runs in the page, before its own scripts (serialized by Playwright: no closures). */
function benchInit({ selector, wrapRaf }) {
  const raf = window.requestAnimationFrame.bind(window);
  const afterPaint = (f) =>
    raf(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => f();
      ch.port2.postMessage(0);
    });
  window.__benchAfterPaint = afterPaint;
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector(selector)) return;
    seen = true;
    obs.disconnect();
    performance.mark('bench:inserted');
    afterPaint(() => performance.mark('bench:painted'));
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });

  if (wrapRaf) {
    window.requestAnimationFrame = function (cb) {
      return raf((ts) => {
        const start = performance.now();
        try {
          cb(ts);
        } finally {
          let hops = 0;
          const end = () => {
            if (++hops < 4) queueMicrotask(end);
            else performance.measure('bench:raf', { start, end: performance.now(), detail: ts });
          };
          queueMicrotask(end);
        }
      });
    };
  }
}

/**
 * A fresh context (empty cache) and page with the init script, at `url` (unless `navigate` is false).
 * @param {import('playwright-core').Browser} browser
 */
export async function openPage(browser, url, { selector, wrapRaf = false, viewport = { width: 1280, height: 800 }, navigate = true }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'no-preference' });
  await context.addInitScript(benchInit, { selector, wrapRaf });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  /** @type {string[]} every URL the page fetched */
  const responses = [];
  page.on('response', (r) => responses.push(r.url()));
  if (navigate) await page.goto(url, { waitUntil: 'load' });
  return { context, page, errors, responses };
}

/** Waits for the `bench:painted` mark; returns both marks' times (ms since navigation start). */
export async function firstDrawn(page, timeoutMs = 60_000) {
  await page.waitForFunction(() => performance.getEntriesByName('bench:painted').length > 0, null, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => ({
    inserted: performance.getEntriesByName('bench:inserted')[0].startTime,
    painted: performance.getEntriesByName('bench:painted')[0].startTime,
  }));
}
