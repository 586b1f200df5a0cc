// End-to-end: the pseudo-locale (`?lang=qps`, every English text wrapped as ⟦…⟧ with accented
// vowels: crates/text/src/pseudo.rs) is a language like any other, fetched on demand. A page in
// it shows any text that is not looked up (a word outside the brackets) and, its texts being
// longer than English, any that is clipped. The screenshot is target/screenshots/pseudo-locale.png.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, screenshot, useHarness, watchProblems } from './harness.mjs';
import { inspect, ready } from './app_helpers.mjs';

/**
 * Not texts: units of a number, header field names as tcpdump writes them in every language
 * (`seq=1 ack=1 len=5`, `TS val=1 ecr=0`), and the names readers pick a language or a preset by
 * (`English`, `简体中文`; `syn-lost`).
 */
const NOT_TEXTS = new Set(['ms', 'µs', 'seq', 'ack', 'len', 'win', 'val', 'ecr', 'English']);

describe('pseudo-locale', () => {
  const h = useHarness();

  it('a ?lang=qps page has every text looked up and none clipped', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(new URL('/?lang=qps&preset=syn-lost', h.url).href, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.lang === 'qps-ploc', null, { timeout: APP_TIMEOUT_MS });
    await ready(page);
    await page.keyboard.press('End');
    await inspect(page, 0);
    await page.waitForTimeout(300);
    const found = await page.evaluate((notTexts) => {
      const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'CODE', 'PRE', 'TEXTAREA']);
      /** Words outside every ⟦…⟧ that look like English: 2+ ASCII letters, one lowercase, no digit. */
      const untranslated = (s) => {
        const out = [];
        let depth = 0;
        for (const piece of s.split(/([⟦⟧])/)) {
          if (piece === '⟦') depth++;
          else if (piece === '⟧') depth = Math.max(0, depth - 1);
          else if (depth === 0) {
            for (const w of piece.match(/[A-Za-z0-9µ]+/g) ?? []) {
              if (w.length >= 2 && /[a-z]/.test(w) && !/[0-9]/.test(w) && !notTexts.includes(w)) out.push(w);
            }
          }
        }
        return out;
      };
      const words = [];
      const clipped = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!(n.textContent ?? '').trim()) continue;
        if (!el || skip.has(el.tagName) || el.closest('[hidden], [aria-hidden="true"], .payload, .hex')) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        for (const w of untranslated(n.textContent ?? '')) words.push(`${w} (in <${el.tagName.toLowerCase()} class="${el.className?.baseVal ?? el.className}">)`);
        const style = getComputedStyle(el);
        const hides = /hidden|clip/.test(style.overflow + style.overflowX) || style.textOverflow === 'ellipsis';
        // (.visually-hidden text is for screen readers: clipped to 1 px on purpose.)
        if (hides && !el.closest('.visually-hidden') && el.scrollWidth > el.clientWidth + 1) clipped.push(`${el.tagName.toLowerCase()}: ${(n.textContent ?? '').slice(0, 60)}`);
      }
      for (const el of document.querySelectorAll('[aria-label], [title]')) {
        for (const a of ['aria-label', 'title']) {
          for (const w of untranslated(el.getAttribute(a) ?? '')) words.push(`${w} (${a} of <${el.tagName.toLowerCase()}>)`);
        }
      }
      return { words, clipped };
    }, [...NOT_TEXTS]);
    await screenshot(page, 'pseudo-locale');
    assert.deepEqual(found.words, [], 'every text is looked up in the language (none left in English)');
    assert.deepEqual(found.clipped, [], 'no text is clipped');
    assertNoProblems(problems);
    await context.close();
  });
});
