// The app's interactive targets (issues 16 and 19): playing, seeking and moving a slider on the
// long traces, seeking on a short one, and a capture of a 10,000-segment connection opened by a
// drop, then played and scrubbed. Measures (bench/lib/app.mjs), gives PASS/FAIL rows and the
// RESULTS.md section, each figure beside the same measurement of an earlier build
// (bench/baseline-16.json: "before").
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { captureInBrowser, framesWhilePlaying, seekInBrowser, sliderInBrowser } from './app.mjs';

/** The traces, as the app loads them. */
export const TRACES = {
  long: {
    key: 'bulk-transfer',
    name: '`bulk-transfer` (bench/long-transfer.json: 1.5 MB upload)',
    query: '?preset=bulk-transfer',
  },
  huge: {
    key: 'upload-8500k',
    name: '`upload-100k` at `?size=8500` (8.5 MB upload)',
    query: '?preset=upload-100k&size=8500',
  },
  short: { key: 'handshake-and-close', name: '`handshake-and-close`', query: '?preset=handshake-and-close' },
};

/** Targets (issue 16: frames, seeks, slider; issue 19: the capture). */
export const T = {
  frameP99Ms: 4,
  seekLongMs: 16,
  seekShortMs: 8,
  shortSegments: 200,
  sliderMs: 50,
  captureOpenMs: 2000,
};

/** The capture: `synack run SCENARIO --pcap-client FILE` (bench/capture-10k.json), at bench time. */
export function makeCapture(cli, root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'capture-10k.pcap');
  execFileSync(cli, ['run', path.join(root, 'bench', 'capture-10k.json'), '-q', '--pcap-client', file], { stdio: 'inherit' });
  return file;
}

/**
 * Runs the sections `want` has (frames, seek, slider, capture) against the site at `base`.
 * `capturePath` is the URL path of the capture file on that server.
 */
export async function interactive(browser, base, want, { seconds, seeks, sliderChanges, capturePath, log }) {
  const url = (t) => new URL(`/${t.query}`, base).href;
  const out = {};
  // Playing: the long traces from the start, and from their middle (the densest part).
  const from = [0, 0.5];
  if (want.has('frames')) {
    out.frames = {};
    for (const t of [TRACES.long, TRACES.huge]) {
      log(`frames: ${t.key}, ${seconds} s of playing`);
      out.frames[t.key] = await framesWhilePlaying(browser, url(t), seconds, from);
      log(`frames ${t.key}:`, JSON.stringify(out.frames[t.key]));
    }
  }
  if (want.has('seek')) {
    out.seek = {};
    for (const t of [TRACES.long, TRACES.huge, TRACES.short]) {
      out.seek[t.key] = await seekInBrowser(browser, url(t), seeks);
      log(`seek ${t.key}:`, JSON.stringify(out.seek[t.key]));
    }
  }
  if (want.has('slider')) {
    out.slider = {};
    for (const t of [TRACES.long, TRACES.huge]) {
      out.slider[t.key] = await sliderInBrowser(browser, url(t), sliderChanges);
      log(`slider ${t.key}:`, JSON.stringify(out.slider[t.key]));
    }
  }
  if (want.has('capture') && capturePath) {
    out.capture = await captureInBrowser(browser, url(TRACES.short), new URL(capturePath, base).href, { seconds, seeks, from });
    log('capture:', JSON.stringify(out.capture));
  }
  return out;
}

export async function readBaseline(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

const ms = (x, d = 1) => (Number.isFinite(x) ? `${x.toFixed(d)} ms` : 'n/a');

/** The app threw while being measured (its figures after that are of a dead page). */
const failed = (x) => (x?.errors?.length ? `the app failed: ${String(x.errors[0]).split('\n')[0].slice(0, 120)}` : null);

/** The figure `pick` of the baseline, as "before: X" (`entry` picks its measurement, for its errors). */
function was(baseline, pick, entry) {
  if (!baseline) return '';
  try {
    const v = pick(baseline);
    const dead = entry && failed(entry(baseline)) ? ', the app failed' : '';
    return Number.isFinite(v) ? ` (before: ${ms(v)}${dead})` : dead ? ' (before: the app failed)' : '';
  } catch {
    return '';
  }
}

/** PASS/FAIL rows through `verdict(name, value, target, pass, note)`. */
export function interactiveVerdicts(r, baseline, verdict) {
  const b = baseline?.results;
  const seg = (x) => `${x.segments} segments`;
  for (const [key, f] of Object.entries(r.frames ?? {})) {
    const name = `p99 script time per frame, playing ${key}`;
    if (f.error) verdict(name, 'not measured', `≤ ${T.frameP99Ms} ms`, false, f.error);
    else
      verdict(
        name,
        `p50 ${ms(f.script.p50, 2)}, p99 ${ms(f.script.p99, 2)}${was(b, (x) => x.frames[key].script.p99, (x) => x.frames[key])} over ${f.frames} frames, ${seg(f)}`,
        `≤ ${T.frameP99Ms} ms`,
        !failed(f) && f.script.p99 <= T.frameP99Ms,
        [failed(f), `smoothness: ${f.longFrames} of ${f.frames} frames > 25 ms apart; browser task time ${ms(f.cdp.task, 2)} per frame`].filter(Boolean).join('; '),
      );
  }
  for (const [key, s] of Object.entries(r.seek ?? {})) {
    const short = !s.error && s.segments <= T.shortSegments;
    const goal = short ? T.seekShortMs : T.seekLongMs;
    const name = `seek in the browser (scrubber → rendered + layout), p99, ${key}`;
    if (s.error) verdict(name, 'not measured', `≤ ${goal} ms`, false, s.error);
    else
      verdict(
        name,
        `p50 ${ms(s.withLayout.p50)}, p99 ${ms(s.withLayout.p99)}${was(b, (x) => x.seek[key].withLayout.p99, (x) => x.seek[key])}, ${seg(s)}`,
        `≤ ${goal} ms`,
        !failed(s) && s.withLayout.p99 <= goal,
        [failed(s), `${s.seeks} seeks`].filter(Boolean).join('; '),
      );
  }
  for (const [key, s] of Object.entries(r.slider ?? {})) {
    const name = `slider change → new picture painted, p99, ${key}`;
    if (s.error) verdict(name, 'not measured', `≤ ${T.sliderMs} ms`, false, s.error);
    else
      verdict(
        name,
        `p50 ${ms(s.painted.p50)}, p99 ${ms(s.painted.p99)}${was(b, (x) => x.slider[key].painted.p99, (x) => x.slider[key])}, ${seg(s)}`,
        `≤ ${T.sliderMs} ms`,
        !failed(s) && s.painted.p99 <= T.sliderMs,
        [failed(s), `${s.changes} changes of the latency slider`].filter(Boolean).join('; '),
      );
  }
  const c = r.capture;
  if (c) {
    if (c.error) verdict('capture of 10,000+ segments: drop → ladder painted', 'not measured', `< ${T.captureOpenMs} ms`, false, c.error);
    else {
      verdict(
        'capture of 10,000+ segments: drop → ladder painted',
        `${ms(c.painted, 0)}${was(b, (x) => x.capture.painted, (x) => x.capture)}, ${seg(c)}, ${(c.bytes / 1e6).toFixed(1)} MB pcap`,
        `< ${T.captureOpenMs} ms`,
        !failed(c) && c.painted < T.captureOpenMs,
        [failed(c), 'includes fetching the second module (extras), which reads captures, on first use'].filter(Boolean).join('; '),
      );
      const f = c.frames;
      verdict(
        'capture of 10,000+ segments: p99 script time per frame, playing',
        f.error ? 'not measured' : `p50 ${ms(f.script.p50, 2)}, p99 ${ms(f.script.p99, 2)}${was(b, (x) => x.capture.frames.script.p99)} over ${f.frames} frames`,
        `≤ ${T.frameP99Ms} ms`,
        !f.error && !failed(c) && f.script.p99 <= T.frameP99Ms,
        f.error ?? `${f.longFrames} of ${f.frames} frames > 25 ms apart`,
      );
      const s = c.seek;
      verdict(
        'capture of 10,000+ segments: seek (scrubber → rendered + layout), p99',
        s.error ? 'not measured' : `p50 ${ms(s.withLayout.p50)}, p99 ${ms(s.withLayout.p99)}${was(b, (x) => x.capture.seek.withLayout.p99)}`,
        `≤ ${T.seekLongMs} ms`,
        !s.error && !failed(c) && s.withLayout.p99 <= T.seekLongMs,
        s.error ?? `${s.seeks} seeks`,
      );
    }
  }
}

/** The RESULTS.md section. */
export function interactiveReport(r, baseline, { seconds, table }) {
  const out = ['## Playing, seeking, sliders and a big capture in the browser (issues 16 and 19)', ''];
  out.push('Traces as the app loads them: ' + [TRACES.long, TRACES.huge, TRACES.short].map((t) => `${t.name} (\`${t.query}\`)`).join('; ') + ';');
  out.push('and a capture made at bench time by the CLI (`synack run bench/capture-10k.json --pcap-client F`: the');
  out.push("client's view of an 8.5 MB upload), dropped on a page showing handshake-and-close (a `drop` event");
  out.push('carrying the file, as tests/e2e/capture_web.test.mjs does), timed from the drop to the frame after the');
  out.push('ladder showed it (the file is fetched before the clock starts; the second module that reads it is not).');
  out.push('');
  out.push(`- **Frames**: ${seconds} s of playing per trace at the default speed, half from the start and half from the middle`);
  out.push('  of the trace (the scrubber set to 50 %); each requestAnimationFrame callback with the Yew render it queues');
  out.push('  is a `performance.measure`; CDP per frame is DevTools `Performance.getMetrics` over all frames.');
  out.push('- **Seek**: random scrubber positions (an `input` event), timed to the end of the Yew render (script) and then');
  out.push('  to a forced style and layout (`+ layout`, the verdict\'s figure); baseline is the timing method\'s own cost.');
  out.push('- **Slider**: the client→server latency slider moved between two values 10 ms apart (an `input` event per');
  out.push('  change: each re-simulates and lays the trace out again), playhead mid-trace, timed from the event to the');
  out.push('  end of the render (script) and to after the next paint (painted: the verdict\'s figure).');
  out.push('');
  if (baseline) {
    out.push(`"before" is the same measurement of ${baseline.build} (${baseline.date}, same machine, load ${baseline.load}).`);
    out.push('"app failed": the page threw while measured (a 10,000-segment trace overflowed the stack on load; a seek on');
    out.push("bulk-transfer broke Yew's DOM), so later samples timed a dead page.");
    out.push('');
  }
  const b = baseline?.results;
  const pick = (f, entry) => {
    try {
      const dead = entry && failed(entry(b)) ? ' (app failed)' : '';
      const v = f(b);
      return Number.isFinite(v) ? v.toFixed(2) + dead : dead.trim();
    } catch {
      return '';
    }
  };
  const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  const frames = Object.entries(r.frames ?? {});
  if (r.capture?.frames && !r.capture.frames.error) frames.push(['capture (10k)', r.capture.frames]);
  if (frames.length) {
    out.push('### Script time per frame while playing (ms)', '');
    out.push(table(['trace', 'segments', 'frames', 'p50', 'p90', 'p99', 'p99 before', 'max', '> 25 ms apart', 'CDP per frame: script / style / layout / all tasks'],
      frames.map(([k, f]) => f.error ? [k, 'n/a', f.error, '', '', '', '', '', '', ''] : [k, String(f.segments), String(f.frames), f2(f.script.p50), f2(f.script.p90), f2(f.script.p99),
        pick((x) => (k === 'capture (10k)' ? x.capture.frames : x.frames[k]).script.p99, (x) => (k === 'capture (10k)' ? x.capture : x.frames[k])), f2(f.script.max), String(f.longFrames),
        `${f2(f.cdp.script)} / ${f2(f.cdp.style)} / ${f2(f.cdp.layout)} / ${f2(f.cdp.task)}`])));
    out.push('');
  }
  const seeks = Object.entries(r.seek ?? {});
  if (r.capture?.seek && !r.capture.seek.error) seeks.push(['capture (10k)', r.capture.seek]);
  if (seeks.length) {
    out.push('### Seek (ms)', '');
    out.push(table(['trace', 'segments', 'seeks', 'script p50', 'script p99', '+ layout p50', '+ layout p99', 'p99 before', 'baseline p50'],
      seeks.map(([k, s]) => s.error ? [k, 'n/a', s.error, '', '', '', '', '', ''] : [k, String(s.segments), String(s.seeks), f2(s.script.p50), f2(s.script.p99), f2(s.withLayout.p50), f2(s.withLayout.p99),
        pick((x) => (k === 'capture (10k)' ? x.capture.seek : x.seek[k]).withLayout.p99, (x) => (k === 'capture (10k)' ? x.capture : x.seek[k])), f2(s.baseline.p50)])));
    out.push('');
  }
  const sliders = Object.entries(r.slider ?? {});
  if (sliders.length) {
    out.push('### Slider change to new picture (ms)', '');
    out.push(table(['trace', 'segments', 'changes', 'script p50', 'script p99', 'painted p50', 'painted p99', 'painted p99 before'],
      sliders.map(([k, s]) => s.error ? [k, 'n/a', s.error, '', '', '', '', ''] : [k, String(s.segments), String(s.changes), f2(s.script.p50), f2(s.script.p99), f2(s.painted.p50), f2(s.painted.p99), pick((x) => x.slider[k].painted.p99, (x) => x.slider[k])])));
    out.push('');
  }
  const c = r.capture;
  if (c && !c.error) {
    out.push(`### Capture opened: ${(c.bytes / 1e6).toFixed(1)} MB, ${c.segments} segments: drop → drawn ${f2(c.drawn)} ms, → painted ${f2(c.painted)} ms (before: ${pick((x) => x.capture.painted) || 'n/a'} ms)`);
    if (c.errors?.length) out.push('', `Page errors: ${c.errors.join('; ')}.`);
    out.push('');
  }
  const errs = [...Object.entries(r.frames ?? {}), ...Object.entries(r.seek ?? {}), ...Object.entries(r.slider ?? {})].filter(([, x]) => x.errors?.length);
  if (errs.length) out.push(`Page errors: ${errs.map(([k, x]) => `${k}: ${[...new Set(x.errors)].join('; ')}`).join(' | ')}.`, '');
  return out;
}
