// End-to-end: packetdrill scripts in the page (issue 13). A script of the project's own
// (tests/packetdrill/) pasted into the dialog, or opened as a file, runs against the engine:
// the ladder is drawn, every event line is marked as held, and the verdict equals the CLI's
// `synack packetdrill` on the same file. A script with a wrong ACK fails at its line, marked
// on the line list and on the ladder; a malformed one says which line and column, in the
// dialog and (dropped on the page) in a banner, and the page keeps its picture. The Export
// menu writes a script for each side that the CLI's runner passes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, checkA11y, screenshot, startHarness, watchProblems } from './harness.mjs';
import { ready } from './app_helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPTS = path.join(ROOT, 'tests', 'packetdrill');
const PASSING = 'handshake-passive.pkt';
/** A script line that is an event (time first), not a comment or a blank line. */
const isEvent = (l) => /^\s*[+0-9*]/.test(l);
const MALFORMED = '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > S 0:0(0) ack <mss\n';

/** `synack packetdrill FILE`: [exit status, output]. SYNACK_CLI overrides the command. */
function cli(file) {
  const cmd = (process.env.SYNACK_CLI ?? 'cargo run -q -p synack-cli --').split(' ');
  const r = spawnSync(cmd[0], [...cmd.slice(1), 'packetdrill', file], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  return [r.status, `${r.stdout}${r.stderr}`];
}

/** The script with its last `> . 1:1(0) ack 101` expecting `ack 51`, and that line's number. */
function withWrongAck(text) {
  const lines = text.split('\n');
  const n = lines.findLastIndex((l) => /> \. 1:1\(0\) ack 101\b/.test(l));
  assert.ok(n >= 0, 'the passing script ends with the ACK of 100 bytes');
  lines[n] = lines[n].replace('ack 101', 'ack 51');
  return [lines.join('\n'), n + 1];
}

describe('packetdrill scripts in the page', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  let context;
  let page;
  let problems;
  let tmp;
  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'synack-pkt-e2e-'));
    // The CLI first: a cold `cargo run` must not eat the page's timeouts.
    execFileSync('cargo', ['build', '-q', '-p', 'synack-cli'], { cwd: ROOT, stdio: 'inherit', timeout: 900_000 });
    h = await startHarness();
    context = await h.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = watchProblems(page);
    await page.goto(new URL('/?preset=handshake-and-close', h.url).href);
    await ready(page);
  });
  after(async () => {
    await context?.close();
    await h?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens the dialog, pastes `text` and runs it. */
  async function paste(text) {
    await page.locator('button.pkt-open').click();
    await page.locator('#pkt-text').fill(text);
    await page.locator('button.pkt-run').click();
  }

  it('a pasted script of the project runs: ladder drawn, every line held, the CLI agrees', async () => {
    const file = path.join(SCRIPTS, PASSING);
    const text = readFileSync(file, 'utf8');
    await paste(text);
    await page.locator('.pkt-panel').waitFor({ timeout: APP_TIMEOUT_MS });
    assert.equal(await page.locator('.pkt-dialog').count(), 0, 'the dialog closed');
    const banner = (await page.locator('.banner.pkt-result').textContent()) ?? '';
    assert.match(banner, /pass/);
    // One arrow per segment line, both directions (the script's and the engine's).
    const segLines = text.split('\n').filter((l) => isEvent(l) && / [<>] /.test(l)).length;
    assert.equal(await page.locator('svg.ladder .seg').count(), segLines);
    const events = text.split('\n').filter(isEvent).length;
    assert.equal(await page.locator('li.pkt-line[data-status=pass]').count(), events);
    assert.equal(await page.locator('li.pkt-line[data-status=fail], li.pkt-line[data-status=notrun]').count(), 0);
    const [status, out] = cli(file);
    assert.equal(status, 0, out);
    assert.match(out, /: pass\n/);
    // Playing moves the highlighted line; choosing a line seeks to it.
    await page.locator('li.pkt-line[data-line="9"]').click();
    assert.equal(await page.locator('li.pkt-line.now').getAttribute('data-line'), '9');
    await screenshot(page, 'packetdrill-pass');
  });

  it('a wrong ACK fails at its line: on the list, on the ladder, in the banner, as the CLI says', async () => {
    const [text, line] = withWrongAck(readFileSync(path.join(SCRIPTS, PASSING), 'utf8'));
    const file = path.join(tmp, 'wrong-ack.pkt');
    writeFileSync(file, text);
    await page.locator('button.pkt-open').click();
    await page.locator('#pkt-file').setInputFiles(file);
    await page.locator('.banner.pkt-fail').waitFor({ timeout: APP_TIMEOUT_MS });
    const banner = (await page.locator('.banner.pkt-fail').textContent()) ?? '';
    assert.match(banner, new RegExp(`wrong-ack\\.pkt fails: line ${line} expected`));
    assert.match(banner, /expected `> \. 1:1\(0\) ack 51` but the engine sent `> \. 1:1\(0\) ack 101/);
    const failed = page.locator('li.pkt-line[data-status=fail]');
    assert.equal(await failed.count(), 1);
    assert.equal(await failed.getAttribute('data-line'), String(line));
    assert.match((await failed.locator('.pkt-why').textContent()) ?? '', new RegExp(`line ${line}`));
    assert.equal(await page.locator(`svg.ladder .pkt-mismatch[data-line="${line}"]`).count(), 1);
    const before = text.split('\n').slice(0, line - 1).filter(isEvent).length;
    assert.equal(await page.locator('li.pkt-line[data-status=pass]').count(), before);
    const [status, out] = cli(file);
    assert.notEqual(status, 0);
    assert.match(out, new RegExp(`fail at line ${line}:`));
    await page.keyboard.press('End');
    await checkA11y(page, { include: '.pkt-panel' });
    await screenshot(page, 'packetdrill-fail');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'packetdrill-fail-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'packetdrill-fail-360', { fullPage: false });
    await page.locator('.pkt-panel').evaluate((e) => e.scrollIntoView());
    await screenshot(page, 'packetdrill-fail-360-lines', { fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a malformed script names its line and column, in the dialog and in a banner; the picture stays', async () => {
    const segs = await page.locator('svg.ladder .seg').count();
    await paste(MALFORMED);
    const err = page.locator('.pkt-dialog-error');
    await err.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await err.textContent()) ?? '', /line 2, column \d+:/);
    await checkA11y(page, { include: '.pkt-dialog' });
    await screenshot(page, 'packetdrill-dialog-error', { fullPage: false });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.pkt-dialog').count(), 0, 'Esc closes the dialog');
    // Dropped on the page.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'bad.pkt', { type: 'text/plain' }));
      document.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, MALFORMED);
    const banner = page.locator('.banner.pkt-error');
    await banner.waitFor({ timeout: APP_TIMEOUT_MS });
    assert.match((await banner.textContent()) ?? '', /bad\.pkt: line 2, column \d+:/);
    assert.equal(await page.locator('svg.ladder .seg').count(), segs, 'the picture stays');
    assert.equal(await page.locator('html[data-dragging]').count(), 0);
    await banner.locator('button').click();
  });

  it('back to the scenario', async () => {
    // While the script's run is on screen, the picker names it and the simulation's settings
    // are disabled (they do not shape it, and a change would drop it).
    assert.match((await page.locator('#preset option:checked').textContent()) ?? '', /^packetdrill script: /);
    assert.ok(await page.locator('#lat-c2s').isDisabled());
    assert.match((await page.locator('.settings .settings-fixed').textContent()) ?? '', /packetdrill script's run is on screen/);
    await page.locator('button.pkt-back').click();
    await page.locator('.pkt-panel').waitFor({ state: 'detached', timeout: APP_TIMEOUT_MS });
    assert.ok((await page.locator('svg.ladder .seg').count()) >= 8);
    assert.equal((await page.locator('#preset').inputValue()), 'handshake-and-close');
    assert.ok(await page.locator('#lat-c2s').isEnabled());
    assert.equal(await page.locator('.settings .settings-fixed').count(), 0);
  });

  for (const side of ['client', 'server']) {
    it(`Export: the ${side}'s packetdrill script passes the CLI's runner`, async () => {
      await page.locator('details.export summary').click();
      const button = page.locator(`details.export button[data-export="${side}.pkt"]`);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: APP_TIMEOUT_MS }), button.click()]);
      assert.equal(download.suggestedFilename(), `synack-handshake-and-close-${side}.pkt`);
      const file = path.join(tmp, download.suggestedFilename());
      await download.saveAs(file);
      const text = readFileSync(file, 'utf8');
      assert.match(text, side === 'client' ? /connect\(/ : /listen\(/);
      const [status, out] = cli(file);
      assert.equal(status, 0, `${out}\n${text}`);
      assert.match(out, /1 passed, 0 failed, 0 unsupported/);
    });
  }

  it('no console errors or failed requests', () => {
    assertNoProblems(problems);
  });
});
