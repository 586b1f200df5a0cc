// End-to-end: what a student or a teacher does with the app: step, scrub, inspect a header,
// drop a segment and see it retransmitted, switch to Chinese, open the keyboard help, survive
// hostile URLs; accessibility (axe-core) and console errors checked throughout; screenshots
// of the main views saved under target/screenshots/ for review.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, useHarness } from './harness.mjs';
import { cliTrace, inspect, ready, shownStates, stepsDone } from './app_helpers.mjs';

const CJK = /[\u4e00-\u9fff]/;

describe('app: interaction', () => {
  const h = useHarness();

  it('steps forward and back by event with the keyboard, and Home/End jump', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    assert.equal(await stepsDone(page), 1, 'the first step (connect at 0) shows at the start');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const after2 = await stepsDone(page);
    assert.equal(after2, 3);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await stepsDone(page), 2, 'ArrowLeft steps back one event');
    await page.keyboard.press('End');
    const [done, total] = ((await page.locator('.readout .count').textContent()) ?? '').match(/\d+/g).map(Number);
    assert.equal(done, total);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await stepsDone(page), total - 1, 'stepping back from the end');
    await page.keyboard.press('Home');
    assert.equal(await stepsDone(page), 1);
    assert.match((await page.locator('.readout .time').textContent()) ?? '', /0\.000 s/);
    // Space plays; the playhead moves; Space pauses.
    await page.keyboard.press(' ');
    await page.waitForFunction(() => !/0\.000 s/.test(document.querySelector('.readout .time')?.textContent ?? ''), null, { timeout: APP_TIMEOUT_MS });
    await page.keyboard.press(' ');
    assert.equal(await page.locator('button.tbtn.play').getAttribute('aria-pressed'), 'false');
    // The scrubber is a labelled slider that moves the playhead.
    await page.locator('#scrubber').fill('1000');
    assert.equal(await stepsDone(page), total);
    await checkA11y(page);
    await screenshot(page, 'app-desktop-end');
    assertNoProblems(problems);
  });

  it('inspects a header: fields, bytes, two-way highlighting, relative and absolute numbers', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    await page.keyboard.press('End');
    await inspect(page, 0);
    const insp = page.locator('#inspector');
    assert.match((await insp.locator('h3').textContent()) ?? '', /#0/);
    assert.ok((await insp.locator('.hex .byte').count()) >= 20, 'at least 20 header bytes');
    assert.ok((await insp.locator('table.fields tbody tr').count()) >= 17, 'every fixed field explained');
    // SYN flag set, shown in the diagram and the table.
    assert.equal(await insp.locator('.hcell[data-field=flag_syn] .hval').textContent(), '1');
    // Relative sequence number 0 for the first SYN.
    const seq = insp.locator('table.fields tr[data-field=seq] .val');
    assert.match((await seq.textContent()) ?? '', /relative 0\b/);
    // Pointing at a field highlights its bytes, and pointing at a byte highlights its field.
    await insp.locator('.hcell[data-field=seq]').hover();
    assert.equal(await insp.locator('.hex .byte.hl').count(), 4, 'SEQ is 4 bytes');
    await insp.locator('.hex .byte').nth(0).hover();
    assert.equal(await insp.locator('table.fields tr.hl').getAttribute('data-field'), 'src_port');
    // Absolute numbers on a toggle (a key, too).
    await page.locator('#abs').check();
    await page.waitForFunction(() => !/relative/.test(document.querySelector('#inspector tr[data-field=seq] .val')?.textContent ?? 'relative'));
    await checkA11y(page);
    await screenshot(page, 'app-inspector');
    await page.keyboard.press('Escape');
    await page.locator('#inspector .hint').waitFor();
    assertNoProblems(problems);
  });

  it('drops a segment: the connection is simulated again and retransmits it; one click undoes', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    const before = await page.locator('svg.ladder .seg').count();
    assert.equal(await page.locator('svg.ladder .seg.lost').count(), 0);
    // The client's first data segment ("hello").
    const id = await page.locator('svg.ladder .seg.data.from-c').first().getAttribute('data-id');
    await inspect(page, id);
    await page.locator('#inspector button.drop').click();
    await page.locator('.banner.whatif').waitFor();
    assert.equal(await page.locator('svg.ladder .seg.lost').count(), 1, 'the dropped segment is drawn lost');
    assert.ok((await page.locator('svg.ladder .seg.retx').count()) >= 1, 'and retransmitted');
    assert.ok((await page.locator('svg.ladder .seg').count()) > before);
    // The playhead stays at the moment of the drop.
    assert.ok((await stepsDone(page)) > 1);
    await page.keyboard.press('End');
    await checkA11y(page);
    await screenshot(page, 'app-what-if');
    await page.locator('.banner.whatif button.undo').click();
    await page.locator('.banner.whatif').waitFor({ state: 'detached' });
    assert.equal(await page.locator('svg.ladder .seg.lost').count(), 0);
    assert.equal(await page.locator('svg.ladder .seg').count(), before);
    assertNoProblems(problems);
  });

  it('switches to Simplified Chinese at runtime, and opens in Chinese from ?lang=zh', async () => {
    const { page, problems } = await h.open({ viewport: { width: 1920, height: 1080 } });
    await ready(page);
    await page.selectOption('#lang-select', 'zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
    assert.equal(await page.locator('#ladder-h').textContent(), '时序图');
    assert.match((await page.locator('button.tbtn.play').textContent()) ?? '', /播放/);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    assert.match((await page.locator('.narration li.now').textContent()) ?? '', CJK);
    assert.match((await page.locator('svg.ladder .lane-name').first().textContent()) ?? '', CJK);
    await inspect(page, 1);
    assert.match((await page.locator('table.fields tbody').textContent()) ?? '', CJK);
    await checkA11y(page);
    await screenshot(page, 'app-projector-zh');
    const again = await h.open({ path: '/?lang=zh&preset=syn-lost', viewport: { width: 1280, height: 800 } });
    await ready(again.page);
    assert.equal(await again.page.locator('#settings-h').textContent(), '协议栈与网络');
    assert.equal(await again.page.locator('label[for=preset]').textContent(), '场景');
    assert.match((await again.page.locator('#preset-desc').textContent()) ?? '', CJK);
    assertNoProblems(problems);
    assertNoProblems(again.problems);
  });

  it('opens the keyboard help with ? and closes it with Esc', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    for (const key of ['Space', '←', '→', 'Home', 'End', '?', 'Esc']) {
      assert.ok((await dialog.locator('kbd', { hasText: key }).count()) >= 1, `help lists ${key}`);
    }
    await checkA11y(page);
    await screenshot(page, 'app-help');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assertNoProblems(problems);
  });

  it('every control is reachable with Tab and a segment opens with Enter', async () => {
    const { page, problems } = await h.open();
    await ready(page);
    const seen = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => {
        const a = document.activeElement;
        if (!a) return '';
        if (a.matches('svg.ladder .seg')) return 'seg';
        return a.id || a.getAttribute('aria-label') || a.tagName;
      }));
    }
    for (const id of ['lang-select', 'scrubber', 'speed']) assert.ok(seen.has(id), `${id} not reached by Tab`);
    assert.ok(seen.has('seg'), `no segment reached by Tab: ${[...seen].join(' | ')}`);
    await page.locator('svg.ladder .seg').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('#inspector .header-diagram').waitFor();
    assertNoProblems(problems);
  });

  it('downloads the ladder as a standalone SVG', async () => {
    const context = await h.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(new URL('/?preset=syn-lost', h.url).href);
    await ready(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.download').click()]);
    assert.equal(download.suggestedFilename(), 'synack-syn-lost.svg');
    const file = await download.path();
    const text = file ? (await import('node:fs')).readFileSync(file, 'utf8') : '';
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(text, /SYN/);
    await context.close();
  });

  it('hostile or malformed URL parameters fall back to defaults and inject nothing', async () => {
    const evil = '/?preset=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E&lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E&seed=NaN&latency=-5,abc&loss=1e9';
    const { page, problems } = await h.open({ path: evil });
    await ready(page);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'an <img> was injected');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#preset').inputValue(), 'handshake-and-close');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.locator('.banner.notice').waitFor();
    assert.doesNotMatch(await page.content(), /onerror/);
    assertNoProblems(problems);
  });

  it('fits a 360 px phone and a dark, reduced-motion desktop', async () => {
    const phone = await h.open({ viewport: { width: 360, height: 740 } });
    await ready(phone.page);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    for (let i = 0; i < 5; i++) await phone.page.keyboard.press('ArrowRight');
    await checkA11y(phone.page);
    await screenshot(phone.page, 'app-phone');
    assertNoProblems(phone.problems);

    const dark = await h.open({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await ready(dark.page);
    await dark.page.keyboard.press('End');
    await checkA11y(dark.page);
    await screenshot(dark.page, 'app-dark');
    // Reduced motion: playback jumps from event to event instead of gliding.
    await dark.page.keyboard.press('Home');
    await dark.page.keyboard.press(' ');
    await dark.page.waitForTimeout(600);
    assert.equal(await stepsDone(dark.page), 1, 'with reduced motion the playhead waits at each event');
    await dark.page.waitForTimeout(1100);
    const n = await stepsDone(dark.page);
    assert.ok(n === 2 || n === 3, `then jumps to the next event (at step ${n})`);
    assert.match((await dark.page.locator('.readout .time').textContent()) ?? '', /\d\.\d{3} s/);
    await dark.page.keyboard.press(' ');
    assertNoProblems(dark.problems);
  });

  it('the network sliders re-simulate as the CLI does, and inputs queued faster than a simulation draw only the newest', async () => {
    const { page, problems } = await h.open({ path: '/?preset=upload-100k' });
    await ready(page);
    const segments = async () => Number(await page.locator('svg.ladder').getAttribute('data-segments'));
    assert.equal(await segments(), cliTrace('upload-100k').segments.length, 'the preset as the CLI runs it');
    // Both directions' loss to 10 %, as `synack run --loss 10` has it: the same run, segment
    // for segment (the retransmissions included).
    const lossy = cliTrace('upload-100k', ['--loss', '10']).segments;
    assert.ok(lossy.some((r) => r.fate.fate === 'lost'), 'the CLI run loses segments');
    await page.locator('#loss-c2s').fill('10');
    await page.locator('#loss-s2c').fill('10');
    await page.waitForFunction((n) => Number(document.querySelector('svg.ladder')?.getAttribute('data-segments')) === n, lossy.length, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('output[for=loss-c2s]').textContent(), '10 %');
    // The URL follows (after a short debounce), so a copied link reopens the lossy run.
    await page.waitForFunction(() => /^10(,10)?$/.test(new URLSearchParams(location.search).get('loss') ?? ''), null, { timeout: APP_TIMEOUT_MS });
    // Twenty inputs queued at once (a key held down, a drag while the page is busy): the page
    // goes straight to the last value instead of simulating every value on the way.
    const seen = await page.evaluate(async () => {
      const el = /** @type {HTMLInputElement} */ (document.querySelector('#lat-c2s'));
      const out = /** @type {HTMLOutputElement} */ (document.querySelector('output[for=lat-c2s]'));
      const texts = [];
      new MutationObserver(() => texts.push(out.textContent)).observe(out, { childList: true, characterData: true, subtree: true });
      const base = Number(el.value);
      for (let i = 1; i <= 20; i++) {
        setTimeout(() => {
          el.value = String(base + i);
          el.dispatchEvent(new InputEvent('input', { bubbles: true }));
        }, 0);
      }
      const want = `${base + 20} ms`;
      while (out.textContent !== want) await new Promise((r) => setTimeout(r, 10));
      return { base, texts };
    });
    assert.deepEqual(seen.texts, [`${seen.base + 20} ms`], 'no value between the first and the last was drawn');
    await page.waitForFunction((v) => (new URLSearchParams(location.search).get('latency') ?? '').startsWith(`${v},`), seen.base + 20, { timeout: APP_TIMEOUT_MS });
    assertNoProblems(problems);
  });
});
