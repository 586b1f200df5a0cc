// End-to-end: every export produces a valid file: SVG parses (the animated one too, with its
// keyframes and nothing but CSS), PNG has the signature and a
// real size, both pcaps start with the pcap magic (and tshark reads them when installed),
// Mermaid starts with `sequenceDiagram`, and the trace JSON parses and equals the CLI's
// `--json` output for the same preset.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { APP_TIMEOUT_MS, assertNoProblems, screenshot, startHarness, watchProblems } from './harness.mjs';
import { cliTrace, ready } from './app_helpers.mjs';

const PRESET = 'syn-lost';

function hasTshark() {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('export: files', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  let context;
  let page;
  let problems;
  before(async () => {
    h = await startHarness();
    context = await h.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    problems = watchProblems(page);
    await page.goto(new URL(`/?preset=${PRESET}`, h.url).href);
    await ready(page);
  });
  after(async () => {
    await context?.close();
    await h?.close();
  });

  /** Opens the Export menu, clicks one entry, and returns the download's name and bytes. */
  async function exportAs(kind) {
    await page.locator('details.export summary').click();
    const button = page.locator(`details.export button[data-export="${kind}"]`);
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: APP_TIMEOUT_MS }), button.click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(file), file };
  }

  it('SVG: a standalone document that parses', async () => {
    const { name, bytes } = await exportAs('svg');
    assert.equal(name, `synack-${PRESET}.svg`);
    const text = bytes.toString('utf8');
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const ok = await page.evaluate((t) => {
      const d = new DOMParser().parseFromString(t, 'image/svg+xml');
      return !d.querySelector('parsererror') && d.documentElement.localName === 'svg';
    }, text);
    assert.ok(ok, 'the SVG does not parse');
  });

  it('animated SVG: the ladder playing by itself, CSS only, in the page\'s language', async () => {
    const { name, bytes } = await exportAs('animated.svg');
    assert.equal(name, `synack-${PRESET}.animated.svg`);
    const text = bytes.toString('utf8');
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="s[0-9a-f]{3}"/);
    assert.ok(text.includes('@keyframes') && text.includes('prefers-reduced-motion'));
    for (const bad of ['<script', '<foreignObject', 'href=']) assert.ok(!text.includes(bad), bad);
    const lang = await page.evaluate((t) => {
      const d = new DOMParser().parseFromString(t, 'image/svg+xml');
      return d.querySelector('parsererror') ? null : d.documentElement.getAttribute('lang');
    }, text);
    assert.equal(lang, 'en', 'parses, in the page\'s language');
  });

  it('PNG: the ladder at 2×', async () => {
    const { name, bytes } = await exportAs('png');
    assert.equal(name, `synack-${PRESET}.png`);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 20_000, `only ${bytes.length} bytes`);
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const svgW = await page.locator('svg.ladder').first().evaluate((s) => s.viewBox.baseVal.width);
    assert.equal(width, Math.ceil(svgW * 2), 'twice the ladder width');
    assert.ok(height > 400, `height ${height}`);
  });

  for (const side of ['client', 'server']) {
    it(`pcap: the ${side}'s capture`, async () => {
      const { name, bytes, file } = await exportAs(`${side}.pcap`);
      assert.equal(name, `synack-${PRESET}-${side}.pcap`);
      assert.equal(bytes.readUInt32LE(0), 0xa1b2c3d4, 'pcap magic');
      assert.ok(bytes.length > 24 + 16 + 40, 'at least one packet');
      if (hasTshark()) {
        const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.flags.str'], { encoding: 'utf8' });
        const lines = out.trim().split('\n');
        assert.ok(lines.length >= 3, out);
        assert.ok(lines.some((l) => /S/.test(l)), `no SYN in ${out}`);
      }
    });
  }

  it('Mermaid: a sequenceDiagram', async () => {
    const { name, bytes } = await exportAs('mmd');
    assert.equal(name, `synack-${PRESET}.mmd`);
    const text = bytes.toString('utf8');
    assert.match(text, /^sequenceDiagram\n/);
    assert.match(text, /SYN/);
  });

  it('JSON: the trace, equal to the CLI\'s --json for the same preset', async () => {
    const { name, bytes } = await exportAs('json');
    assert.equal(name, `synack-${PRESET}.json`);
    const trace = JSON.parse(bytes.toString('utf8'));
    assert.equal(trace.scenario, PRESET);
    assert.deepEqual(trace, cliTrace(PRESET));
    await page.locator('details.export summary').click();
    await screenshot(page, 'export-menu', { fullPage: false });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('details.export').getAttribute('open'), null, 'Esc closes the menu');
    assertNoProblems(problems);
  });
});
