// End-to-end: real captures in the page (issue 19). A capture file of tests/fixtures/captures/
// opened by the header's picker or dropped on the page is read in the browser by the second
// module: a file of several connections lists them (keyboard-operable), the chosen stream is
// drawn like a simulated run, with a banner (its segments, end states, estimated times, what
// was skipped) and the notes in the narration; the segments and end states equal the CLI's
// `synack open FILE --stream N --json -`; the other end's estimated times are marked (dashed,
// ≈), the inspector offers no what-if, and the SVG export holds the capture's segments. Two
// files dropped together are the two ends (exact times). An IPv6 connection's lanes name its
// endpoints whole. A cut or garbage file says what and where and keeps the picture. No request
// carries the file; axe finds nothing serious; Chinese works.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, startHarness, watchProblems } from './harness.mjs';
import { ready, shownStates } from './app_helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CAPTURES = path.join(ROOT, 'tests', 'fixtures', 'captures');
const fixture = (name) => path.join(CAPTURES, name);

/** `synack open FILES... [--stream N] --json -`: the trace. SYNACK_CLI overrides the command. */
function cliTrace(files, stream) {
  const cmd = (process.env.SYNACK_CLI ?? 'cargo run -q -p synack-cli --').split(' ');
  const args = [...cmd.slice(1), 'open', ...files, ...(stream === undefined ? [] : ['--stream', String(stream)]), '--json', '-'];
  const r = spawnSync(cmd[0], args, { cwd: ROOT, encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The RFC's spelling of a state as the JSON names it (`FinWait1` → `FIN-WAIT-1`). */
const rfc = (s) => s.replace(/(?<=[a-z])(?=[A-Z0-9])/g, '-').toUpperCase();

/** Drops `files` ([name, path or bytes]) on the page, as a reader's drag would. */
async function drop(page, files) {
  const payload = files.map(([name, src]) => [name, [...(typeof src === 'string' ? readFileSync(src) : src)]]);
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const [name, bytes] of files) dt.items.add(new File([new Uint8Array(bytes)], name));
    document.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

describe('captures in the page', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  let context;
  let page;
  let problems;
  /** Every request the page made: [method, url, has a body]. */
  const requests = [];
  before(async () => {
    // The CLI first: a cold `cargo run` must not eat the page's timeouts.
    execFileSync('cargo', ['build', '-q', '-p', 'synack-cli'], { cwd: ROOT, stdio: 'inherit', timeout: 900_000 });
    h = await startHarness();
    context = await h.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = watchProblems(page);
    page.on('request', (r) => requests.push([r.method(), r.url(), (r.postDataBuffer()?.length ?? 0) > 0]));
    await page.goto(new URL('/?preset=handshake-and-close', h.url).href);
    await ready(page);
  });
  after(async () => {
    await context?.close();
    await h?.close();
  });

  /** The page shows `want` (a trace from the CLI): its segments and its end states. */
  async function showsTrace(want, stream) {
    const banner = page.locator('.banner.capture-result');
    await banner.waitFor({ timeout: APP_TIMEOUT_MS });
    await page.waitForFunction((s) => document.querySelector('.banner.capture-result')?.getAttribute('data-stream') === String(s), stream, { timeout: APP_TIMEOUT_MS });
    const text = (await banner.textContent()) ?? '';
    const n = want.segments.length;
    assert.match(text, new RegExp(`stream ${stream}: ${n} segments`), text);
    const [client, server] = want.final_states.map(rfc);
    assert.match(text, new RegExp(`the client is in ${client} and the server in ${server}`), text);
    assert.equal(await page.locator('svg.ladder .seg').count(), n);
    await page.keyboard.press('End');
    assert.deepEqual(await shownStates(page), [client, server]);
    return text;
  }

  it('a file of one connection, opened by the picker, is drawn as the CLI reads it, with its notes', async () => {
    const file = fixture('loss.client.pcap');
    await page.locator('#capture-file').setInputFiles(file);
    const want = cliTrace([file]);
    const text = await showsTrace(want, 0);
    assert.match(text, /Captured at the client only: the server's times are estimated/);
    // Each arrow's estimated end is marked (dashed, ≈) as the trace says, and the legend says so.
    const estimated = (which) => want.segments.filter((r) => r.estimated === which).length;
    assert.ok(estimated('arrival') > 0 && estimated('sent') > 0);
    assert.equal(await page.locator('svg.ladder .seg.est-arrival').count(), estimated('arrival'));
    assert.equal(await page.locator('svg.ladder .seg.est-sent').count(), estimated('sent'));
    assert.equal(await page.locator('svg.ladder .seg .est-mark').count(), estimated('arrival') + estimated('sent'));
    assert.match((await page.locator('svg.ladder .seg.est-arrival').first().getAttribute('aria-label')) ?? '', /estimated arrival time/);
    assert.ok(await page.locator('.legend .lg-est').isVisible());
    // Its losses are the capture's, not the simulator's random loss.
    assert.deepEqual(want.segments.filter((r) => r.fate.fate === 'lost').map((r) => r.fate.cause), ['inferred', 'inferred']);
    assert.equal(await page.locator('.banner.capture-result').getAttribute('data-estimated'), 'server');
    // The notes are in the narration at their times: the estimate at the start.
    await page.keyboard.press('Home');
    const told = (await page.locator('.narration').textContent()) ?? '';
    assert.match(told, /ⓘ Captured at the client only/);
    // A segment's inspector shows the captured bytes.
    await page.locator('svg.ladder .seg').nth(3).click();
    await page.locator('.inspector .hex').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.ok(((await page.locator('.inspector .hex').textContent()) ?? '').length > 40);
    // No what-if on a capture: the simulator's "Drop this segment" is not offered.
    assert.equal(await page.locator('.inspector button.drop').count(), 1);
    assert.ok(await page.locator('.inspector .whatif-row').isHidden());
    // The picker names the capture, not the preset it replaced; the settings that shape
    // simulated runs are shown disabled with a note, so no slider silently drops the capture.
    assert.equal((await page.locator('#preset option:checked').textContent())?.trim(), 'Capture: loss.client.pcap');
    assert.match((await page.locator('#preset-desc').textContent()) ?? '', /Choose a scenario to leave the run on screen/);
    assert.match((await page.locator('.settings .settings-fixed').textContent()) ?? '', /A capture is on screen/);
    for (const id of ['profile', 'seed', 'lat-c2s', 'loss-s2c', 'bw', 'cc', 'size', 'read']) {
      assert.ok(await page.locator(`#${id}`).isDisabled(), `#${id} is disabled on a capture`);
    }
    assert.ok(await page.locator('#abs').isEnabled(), 'absolute numbers still apply to a capture');
    await checkA11y(page, { include: '.banner.capture-result' });
    await checkA11y(page, { include: '.settings' });
    await screenshot(page, 'capture-one-end');
    // Export SVG: the file holds the capture's segments, their estimated ends and its endpoints.
    await page.locator('details.export summary').click();
    const button = page.locator('details.export button[data-export="svg"]');
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: APP_TIMEOUT_MS }), button.click()]);
    assert.match(download.suggestedFilename(), /\.svg$/);
    const svg = readFileSync(await download.path(), 'utf8');
    const shown = await page.evaluate((t) => {
      const d = new DOMParser().parseFromString(t, 'image/svg+xml');
      if (d.querySelector('parsererror')) return null;
      const segs = [...d.querySelectorAll('.arrows > g.seg')];
      return {
        segs: segs.length,
        syn: segs.filter((g) => g.classList.contains('syn')).length,
        lost: segs.filter((g) => g.classList.contains('lost')).length,
        est: d.querySelectorAll('.arrows polyline.est').length,
        title: d.querySelector('title')?.textContent ?? '',
        desc: d.querySelector('desc')?.textContent ?? '',
      };
    }, svg);
    assert.ok(shown, 'the export parses');
    assert.equal(shown.segs, want.segments.length);
    assert.equal(shown.syn, want.segments.filter((r) => r.segment.flags === 2).length);
    assert.equal(shown.lost, 2);
    assert.equal(shown.est, estimated('arrival') + estimated('sent'));
    assert.match(shown.title, /loss\.client\.pcap, stream 0/);
    assert.match(shown.desc, /10\.77\.0\.1:40101.*10\.77\.0\.2:5001/);
    assert.match(svg, /estimated time \(≈, dashed\)/);
    await page.evaluate(() => { document.querySelector('details.export').open = false; });
  });

  it('a file of several connections lists them; stream 1 shows that connection', async () => {
    const file = fixture('several.pcapng');
    await page.locator('#capture-file').setInputFiles(file);
    const dialog = page.locator('.capture-dialog');
    await dialog.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await dialog.locator('tbody tr').count(), 3);
    assert.match((await dialog.textContent()) ?? '', /Skipped: .*ARP/);
    const row1 = dialog.locator('tbody tr[data-stream="1"]');
    const want = cliTrace([file], 1);
    assert.equal((await row1.locator('td.num').first().textContent())?.trim(), String(want.segments.length));
    await checkA11y(page, { include: '.capture-dialog' });
    await screenshot(page, 'capture-list', { fullPage: false });
    // By keyboard: the first row's button has the focus; Tab goes to the second (stream 1).
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-stream')), '0');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-stream')), '1');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: APP_TIMEOUT_MS });
    await showsTrace(want, 1);
    await screenshot(page, 'capture-stream-1');
  });

  it('two files dropped together are the two ends: exact times, as the CLI merges them', async () => {
    const [a, b] = [fixture('loss.client.pcap'), fixture('loss.server.pcap')];
    await drop(page, [['loss.client.pcap', a], ['loss.server.pcap', b]]);
    await page.waitForFunction(() => document.querySelector('.banner.capture-result')?.textContent?.includes('loss.client.pcap + loss.server.pcap'), null, { timeout: APP_TIMEOUT_MS });
    const text = await showsTrace(cliTrace([a, b]), 0);
    assert.match(text, /Captured at both ends/);
    assert.equal(await page.locator('.banner.capture-result').getAttribute('data-estimated'), null);
    await screenshot(page, 'capture-both-ends');
  });

  it('a cut file and a garbage file say what and where; the picture stays', async () => {
    const segs = await page.locator('svg.ladder .seg').count();
    // Garbage with a capture's name.
    await drop(page, [['garbage.pcap', Buffer.from('this is not a capture file, only text')]]);
    const err = page.locator('.banner.pkt-error');
    await err.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await err.textContent()) ?? '', /Cannot read the capture garbage\.pcap: at byte 0: .*not a capture file/);
    assert.equal(await page.locator('svg.ladder .seg').count(), segs, 'the picture stays');
    await checkA11y(page, { include: '.banner.pkt-error' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'capture-error', { fullPage: false });
    await err.locator('button').click();
    // Cut inside its header: nothing readable.
    const bytes = readFileSync(fixture('handshake_close.client.pcap'));
    await drop(page, [['cut.pcap', bytes.subarray(0, 20)]]);
    await err.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await err.textContent()) ?? '', /cut\.pcap: at byte 0: only 20 bytes/);
    assert.equal(await page.locator('svg.ladder .seg').count(), segs);
    await err.locator('button').click();
    // Cut inside a packet: the packets before it are shown, and where reading stopped.
    await drop(page, [['cut2.pcap', bytes.subarray(0, bytes.length - 20)]]);
    await page.waitForFunction(() => document.querySelector('.banner.capture-result')?.textContent?.includes('cut2.pcap'), null, { timeout: APP_TIMEOUT_MS });
    assert.match((await page.locator('.banner.capture-result').textContent()) ?? '', /Reading stopped at packet \d+, at byte \d+: the file is cut short/);
  });

  it('no request carried a file: only the page fetched its own files', () => {
    const origin = new URL(h.url).origin;
    const bad = requests.filter(([method, url, body]) => method !== 'GET' || body || new URL(url).origin !== origin);
    assert.deepEqual(bad, []);
  });

  it('in Chinese', async () => {
    await page.goto(new URL('/?preset=handshake-and-close&lang=zh', h.url).href);
    await ready(page);
    assert.equal((await page.locator('.capture-open-btn').textContent())?.trim(), '打开抓包文件…');
    await page.locator('#capture-file').setInputFiles(fixture('several.sll2.pcap'));
    const dialog = page.locator('.capture-dialog');
    await dialog.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await dialog.locator('h2').textContent()) ?? '', /选择一个连接/);
    await dialog.locator('tbody tr[data-stream="2"] button').click();
    const banner = page.locator('.banner.capture-result');
    await banner.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await banner.textContent()) ?? '', /流 2：用模型解读了 \d+ 个报文段/);
    // An IPv6 connection's lanes name its endpoints whole (RFC 5952).
    assert.deepEqual(await page.locator('svg.ladder .lane-ep').allTextContents(), ['[fd77::1]:40201', '[fd77::2]:5003']);
    await page.keyboard.press('Home');
    assert.match((await page.locator('.narration').textContent()) ?? '', /只在.+一端抓包/);
    await checkA11y(page, { include: '.banner.capture-result' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'capture-zh', { fullPage: false });
    // Back in English: the banner and the notes are read again in it, at the same moment.
    await page.keyboard.press('End');
    const t = await page.locator('#scrubber').inputValue();
    await page.locator('#lang-select').selectOption('en');
    await page.waitForFunction(() => /stream 2: \d+ segments/.test(document.querySelector('.banner.capture-result')?.textContent ?? ''), null, { timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('#scrubber').inputValue(), t);
  });

  it('no console errors or failed requests', () => {
    assertNoProblems(problems);
  });
});
