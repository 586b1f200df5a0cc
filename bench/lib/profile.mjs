// Where the time goes: a sampling CPU profile (Chrome DevTools Protocol, `Profiler`) of the
// app while it does something, summed by self time per function and per crate. Run on a build
// whose wasm keeps its function names (scripts/bench.sh makes one): the shipped wasm is
// stripped, and its frames would all be anonymous.
import { crateOf } from './wasm-size.mjs';

/** `_ZN4core3fmt5write17h0123456789abcdefE` → `core::fmt::write`; other names as they are. */
export function demangle(name) {
  if (!name.startsWith('_ZN')) return name;
  const parts = [];
  let s = name.slice(3);
  for (;;) {
    const m = /^(\d+)/.exec(s);
    if (!m) break;
    const n = Number(m[1]);
    parts.push(s.slice(m[1].length, m[1].length + n));
    s = s.slice(m[1].length + n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',')
    .replace(/\$u7b\$/g, '{')
    .replace(/\$u7d\$/g, '}')
    .replace(/\.\./g, '::');
}

/**
 * Profiles `action(page)`, sampling every 100 µs.
 * @param {import('playwright-core').Page} page
 * @param {(page: import('playwright-core').Page) => Promise<void>} action
 */
export async function profile(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await action(page);
  const { profile: p } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return summarize(p);
}

/** Self time (ms) per function and per group, from a CDP `Profiler.Profile`. */
export function summarize(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  (p.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000));
  const fns = new Map();
  const groups = new Map();
  let busy = 0;
  for (const [id, t] of self) {
    const n = byId.get(id);
    const cf = n?.callFrame ?? {};
    const name = cf.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    busy += t;
    let group;
    const url = cf.url ?? '';
    const wasm = url.startsWith('wasm://') || url.endsWith('.wasm');
    if (wasm) group = `wasm: ${crateOf(name)}`;
    else if (name === '(program)') group = '(browser: style, layout, paint, DOM)';
    else if (name.startsWith('(')) group = name;
    else if (/synack-web.*\.js$/.test(url)) group = 'JS glue (wasm-bindgen)';
    else if (!url) group = 'browser API calls (setAttribute, getBoundingClientRect, …)';
    else group = `JS: ${url.split('/').pop()}`;
    groups.set(group, (groups.get(group) ?? 0) + t);
    const clean = demangle(name).replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
    const key = wasm ? `${clean} (wasm)` : `${clean} (${url.split('/').pop() || 'browser'})`;
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms }));
  return { busyMs: busy, groups: sorted(groups), functions: sorted(fns).slice(0, 15) };
}
