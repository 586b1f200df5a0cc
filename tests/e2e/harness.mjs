// Shared helpers for synack's end-to-end tests (run by `node --test`, see scripts/test.sh).
//
//   const h = await startHarness();            // serves dist/, launches headless Chromium
//   const { page, problems } = await h.open(); // a fresh page at the site root
//   ...
//   assertNoProblems(problems);                // any console error / page error / failed load
//   await checkA11y(page);                     // axe-core: fails on serious or critical issues
//   await screenshot(page, 'name');            // target/screenshots/name.png
//   await h.close();
import assert from 'node:assert/strict';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = process.env.SYNACK_DIST ?? path.join(ROOT, 'dist');
const SCREENSHOTS = process.env.SYNACK_SCREENSHOTS ?? path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Flags for a quiet, offline-friendly headless Chromium: without the background-networking
// ones it keeps trying to reach Google's servers, which this machine cannot.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long to wait for the app to draw; a loaded 2-core machine can be slow. */
export const APP_TIMEOUT_MS = 30_000;

/**
 * Serves the built site (at `prefix`, `/` unless given: see server.mjs) and launches Chromium.
 * @returns {Promise<{url: string, browser: import('playwright-core').Browser,
 *   open: (opts?: {path?: string, viewport?: {width: number, height: number},
 *     colorScheme?: 'light'|'dark', reducedMotion?: 'reduce'|'no-preference'}) =>
 *     Promise<{page: import('playwright-core').Page, problems: string[]}>,
 *   close: () => Promise<void>}>}
 */
export async function startHarness({ prefix = '/' } = {}) {
  const index = path.join(DIST, 'index.html');
  if (!(await stat(index).catch(() => null))) {
    throw new Error(`${index} not found: build the site first (trunk build --release --offline)`);
  }
  const server = await startServer(DIST, { prefix });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    url: server.url,
    browser,
    async open({ path: at = '/', viewport = { width: 1280, height: 800 }, colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
      const context = await browser.newContext({ viewport, colorScheme, reducedMotion });
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(new URL(at, server.url).href, { waitUntil: 'load' });
      return { page, problems };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The usual set-up of a test file: inside a `describe`, starts one harness before its tests
 * and closes it after them. Returns the harness's `url`, `browser` and `open`, usable inside
 * tests and hooks (not while the suite is being declared). `opts` as startHarness's.
 * @param {{prefix?: string}} [opts]
 */
export function useHarness(opts) {
  /** @type {Awaited<ReturnType<typeof startHarness>> | undefined} */
  let started;
  before(async () => {
    started = await startHarness(opts);
  });
  after(async () => {
    await started?.close();
  });
  const need = () => started ?? assert.fail('the e2e harness is not started: use it inside a test or a hook');
  return {
    get url() {
      return need().url;
    },
    get browser() {
      return need().browser;
    },
    /** @type {Awaited<ReturnType<typeof startHarness>>['open']} */
    open: (opts) => need().open(opts),
  };
}

/**
 * Collects everything a user would count as "broken": console errors, uncaught exceptions,
 * failed requests and HTTP errors. The returned array fills as the page runs.
 * @param {import('playwright-core').Page} page
 */
export function watchProblems(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}\n${err.stack ?? ''}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Fails, listing them, if the page logged any problem. */
export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
}

const require = createRequire(import.meta.url);
/** @type {string} the axe-core script, injected into pages */
const AXE_SOURCE = require('axe-core').source;

/**
 * Runs axe-core in the page and fails on any serious or critical violation (any at all with
 * `anyImpact`).
 * @param {import('playwright-core').Page} page
 * @param {{include?: string, disableRules?: string[], anyImpact?: boolean, at?: string}} [opts]
 *   limit to a selector, skip rules, fail on minor and moderate violations too; `at` names the
 *   view in the message
 * @returns {Promise<object[]>} all violations (including minor and moderate), for logging
 */
export async function checkA11y(page, { include, disableRules = [], anyImpact = false, at = '' } = {}) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(
    async ({ include, disableRules }) => {
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      // @ts-ignore axe is the injected global
      const result = await window.axe.run(include ?? document, { rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
    },
    { include, disableRules },
  );
  const bad = anyImpact ? violations : violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const describe = (v) => `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n      ${v.nodes.join('\n      ')}`;
  assert.equal(bad.length, 0, `${at ? `${at}: ` : ''}axe found ${anyImpact ? '' : 'serious/critical '}accessibility violations:\n  ${bad.map(describe).join('\n  ')}`);
  return violations;
}

/**
 * Saves a screenshot (the full page unless `fullPage: false`) as target/screenshots/<name>.png
 * and returns its path. With SYNACK_UPDATE_DOCS_SCREENSHOT=1, the one named "readme" also
 * replaces docs/screenshot.png.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {{fullPage?: boolean}} [opts]
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (name === 'readme' && process.env.SYNACK_UPDATE_DOCS_SCREENSHOT === '1') {
    await copyFile(file, path.join(ROOT, 'docs', 'screenshot.png'));
  }
  return file;
}
