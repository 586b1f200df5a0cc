// Helpers shared by the app_*.test.mjs end-to-end tests of the web app (issue 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_TIMEOUT_MS } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The core's state names (serde: `TimeWait`) as RFC 9293 writes them (`TIME-WAIT`). */
export const RFC_NAME = {
  Closed: 'CLOSED', Listen: 'LISTEN', SynSent: 'SYN-SENT', SynReceived: 'SYN-RECEIVED',
  Established: 'ESTABLISHED', FinWait1: 'FIN-WAIT-1', FinWait2: 'FIN-WAIT-2',
  CloseWait: 'CLOSE-WAIT', Closing: 'CLOSING', LastAck: 'LAST-ACK', TimeWait: 'TIME-WAIT',
};

/**
 * Runs the CLI on a preset and returns its trace (the expected values come from outside the
 * page). SYNACK_CLI overrides the command (space-separated), e.g. a prebuilt binary.
 * @param {string} preset
 * @param {string[]} [extra] more CLI options
 */
export function cliTrace(preset, extra = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'synack-e2e-'));
  const file = path.join(dir, 'trace.json');
  try {
    const cmd = (process.env.SYNACK_CLI ?? 'cargo run -q -p synack-cli --').split(' ');
    execFileSync(cmd[0], [...cmd.slice(1), 'run', preset, '--json', file, '-q', ...extra], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
    return JSON.parse(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits for the app to draw its ladder. */
export async function ready(page) {
  await page.locator('svg.ladder .seg').first().waitFor({ timeout: APP_TIMEOUT_MS });
  // A ?lang=zh page draws in English while it fetches the Chinese texts (lang/zh.txt).
  await page.waitForFunction(() => !document.querySelector('#lang-select[aria-busy]'), null, { timeout: APP_TIMEOUT_MS });
}

/** The states the page shows for [client, server]. */
export async function shownStates(page) {
  return page.evaluate(() =>
    ['client', 'server'].map((s) => document.querySelector(`.state-now li[data-side=${s}]`)?.getAttribute('data-current')),
  );
}

/** The event counter's "n" (steps done). */
export async function stepsDone(page) {
  const text = (await page.locator('.readout .count').textContent()) ?? '';
  const m = text.match(/\d+/);
  return m ? Number(m[0]) : NaN;
}

/** Opens the inspector on segment `id` with the keyboard (focus + Enter), as a user would. */
export async function inspect(page, id) {
  await page.locator(`svg.ladder .seg[data-id="${id}"]`).focus();
  await page.keyboard.press('Enter');
  await page.locator('#inspector .header-diagram').waitFor({ timeout: APP_TIMEOUT_MS });
}
