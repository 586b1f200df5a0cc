// The blog budget (issue 17): examples/blog.html embeds two diagrams, a <synack-diagram> and
// the plain iframe snippet, both poster first. Per fresh load (empty cache) in headless
// Chromium it measures
//
//  - bytes: every file the page fetched before any interaction, gzip level 9, split into
//    synack's (the embed script, the poster frame, the posters...) and the article's own
//    (examples/blog.html, blog.css), and whether any WebAssembly or the app page came;
//  - posters: navigation start → the frame after both posters are loaded (the element's
//    <img>, and the <img> inside the snippet's frame), polled every animation frame;
//  - play: a click on the element's Play → the frame after its live app has drawn its first
//    ladder arrow (`svg.ladder [data-from]`) and the poster is gone; the same for the
//    snippet's Play (the frame becomes the app).
//
// The viewport is tall enough to hold the whole article, so both embeds are in view at once
// (a lazy iframe further down would load only when scrolled to).
//
// Used by bench/run.mjs; alone: node bench/lib/blog.mjs --dist dist [--loads 5]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';
import { quantile } from './stats.mjs';

/** Mermaid 12's bytes for one sequence diagram (gzip), as bench/RESULTS.md measured them. */
export const MERMAID_GZIP = 229_000;
export const BLOG_TARGET = { gzipBytes: 23_000, vsMermaid: 0.1 };

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const ARTICLE = /\/examples\/blog\.(html|css)$/;

/** In the top page, before its scripts: marks `blog:posters` once both posters are loaded
 *  and painted. */
function blogInit() {
  if (window.top !== window) return;
  const raf = window.requestAnimationFrame.bind(window);
  const afterPaint = (f) =>
    raf(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => f();
      ch.port2.postMessage(0);
    });
  window.__blogAfterPaint = afterPaint;
  const ok = (img) => !!img && img.complete && img.naturalWidth > 0;
  const frameDoc = () => {
    try {
      return document.querySelector('iframe[data-synack]:not(synack-diagram iframe)')?.contentDocument ?? null;
    } catch {
      return null;
    }
  };
  window.__blogFrameDoc = frameDoc;
  const poll = () => {
    if (ok(document.querySelector('synack-diagram img')) && ok(frameDoc()?.querySelector('img'))) {
      afterPaint(() => performance.mark('blog:posters'));
    } else raf(poll);
  };
  raf(poll);
}

/** Clicks Play (in the page, at a known time) and resolves with the ms until the live
 *  diagram is drawn and painted. `which`: 'element' or 'frame'. */
function playToDrawn(which) {
  return new Promise((resolve, reject) => {
    const el = document.querySelector('synack-diagram');
    const t0 = performance.now();
    if (which === 'element') el.querySelector('button').click();
    else window.__blogFrameDoc().querySelector('button').click();
    const drawn = () => {
      if (which === 'element') {
        const d = el.querySelector('iframe')?.contentDocument;
        return !!d?.querySelector('svg.ladder [data-from]') && !el.querySelector('img');
      }
      const d = window.__blogFrameDoc();
      return !!d && d.location.pathname.endsWith('/index.html') && !!d.querySelector('svg.ladder [data-from]');
    };
    const poll = () => {
      if (performance.now() - t0 > 60_000) reject(new Error(`${which}: no live diagram after 60 s`));
      else if (drawn()) window.__blogAfterPaint(() => resolve(performance.now() - t0));
      else requestAnimationFrame(poll);
    };
    poll();
  });
}

/** One fresh load of the article at `base`; returns its figures. */
async function blogLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 4000 }, reducedMotion: 'no-preference' });
  await context.addInitScript(blogInit);
  const page = await context.newPage();
  const urls = [];
  const errors = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  try {
    await page.goto(new URL('examples/blog.html', base).href, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('blog:posters').length > 0, null, { timeout: 30_000 });
    const posters = await page.evaluate(() => performance.getEntriesByName('blog:posters')[0].startTime);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const before = [...new Set(urls)];
    const rows = [];
    for (const u of before) {
      if (!u.startsWith(base)) continue; // data: URLs
      const file = new URL(u).pathname;
      const buf = Buffer.from(await (await fetch(new URL(file, base))).arrayBuffer());
      rows.push({ file, raw: buf.length, gzip: gzip(buf), article: ARTICLE.test(file) });
    }
    const element = await page.evaluate(playToDrawn, 'element');
    const frame = await page.evaluate(playToDrawn, 'frame');
    return { posters, element, frame, rows, errors };
  } finally {
    await context.close();
  }
}

/** `loads` fresh loads; the bytes are the first load's (every load fetches the same). */
export async function blogBench(browser, base, loads) {
  const runs = [];
  const errors = new Set();
  for (let i = 0; i < loads; i++) {
    try {
      const r = await blogLoad(browser, base);
      r.errors.forEach((e) => errors.add(e));
      runs.push(r);
    } catch (e) {
      errors.add(`load ${i}: ${e.message.split('\n')[0]}`);
    }
  }
  if (!runs.length) return { error: [...errors].join('; ') };
  const rows = runs[0].rows;
  const ours = rows.filter((r) => !r.article);
  const med = (k) => quantile(runs.map((r) => r[k]), 0.5);
  return {
    loads: runs.length,
    rows,
    synackGzip: ours.reduce((a, r) => a + r.gzip, 0),
    synackRaw: ours.reduce((a, r) => a + r.raw, 0),
    articleGzip: rows.filter((r) => r.article).reduce((a, r) => a + r.gzip, 0),
    appBeforeClick: rows.filter((r) => /\.wasm$|\/index\.html$/.test(r.file)).map((r) => r.file),
    postersMs: med('posters'),
    elementPlayMs: med('element'),
    framePlayMs: med('frame'),
    every: runs.map((r) => ({ posters: r.posters, element: r.element, frame: r.frame })),
    errors: [...errors],
  };
}

/** The verdict rows: `verdict(name, value, target, pass, note)` as bench/run.mjs prints them. */
export function blogVerdicts(b, mermaidGzip, mermaidFirstMs, verdict) {
  const kb = (x) => `${(x / 1000).toFixed(1)} kB`;
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
  if (b.error) {
    verdict('blog page (2 embeds): gzip fetched for synack before any interaction', 'not measured', '≤ 23 kB', false, b.error);
    return;
  }
  verdict(
    'blog page (2 embeds): gzip fetched for synack before any interaction',
    kb(b.synackGzip),
    `≤ ${kb(BLOG_TARGET.gzipBytes)}`,
    b.synackGzip <= BLOG_TARGET.gzipBytes,
    `${b.rows.filter((r) => !r.article).length} files, ${kb(b.synackRaw)} raw; the article's own HTML and CSS (${kb(b.articleGzip)} gzip) not counted`,
  );
  verdict(
    'blog page (2 embeds) vs Mermaid (1 sequence diagram), gzip',
    `${kb(b.synackGzip)} vs ${kb(mermaidGzip)} = ${(b.synackGzip / mermaidGzip).toFixed(3)}×`,
    `≤ ${BLOG_TARGET.vsMermaid}×`,
    b.synackGzip / mermaidGzip <= BLOG_TARGET.vsMermaid,
  );
  verdict(
    'blog page: no WebAssembly and no app page before the reader presses Play',
    b.appBeforeClick.length ? b.appBeforeClick.join(', ') : 'none fetched',
    'none',
    b.appBeforeClick.length === 0,
  );
  verdict(
    'blog page: navigation → both posters painted, median',
    ms(b.postersMs),
    Number.isFinite(mermaidFirstMs) ? `≤ Mermaid's first drawn (${ms(mermaidFirstMs)})` : "≤ Mermaid's first drawn",
    b.postersMs <= mermaidFirstMs,
    `${b.loads} fresh loads: ${b.every.map((e) => e.posters.toFixed(0)).join(', ')} ms`,
  );
  verdict(
    'blog page: Play → live diagram drawn, median (element; snippet frame)',
    `${ms(b.elementPlayMs)}; ${ms(b.framePlayMs)}`,
    'reported (the app loads on Play)',
    null,
    `every load: ${b.every.map((e) => `${e.element.toFixed(0)}/${e.frame.toFixed(0)}`).join(', ')} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { values: opt } = parseArgs({
    options: {
      dist: { type: 'string', default: path.join(here, '..', '..', 'dist') },
      loads: { type: 'string', default: '3' },
      chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    },
  });
  await readFile(path.join(opt.dist, 'examples', 'blog.html'));
  const server = await startServer({ mounts: [{ prefix: '/', dir: opt.dist }] });
  const browser = await launch(opt.chromium);
  try {
    const b = await blogBench(browser, server.url, Number(opt.loads));
    console.log(JSON.stringify(b, null, 2));
    blogVerdicts(b, MERMAID_GZIP, NaN, (name, value, target, pass, note) =>
      console.log(`${pass === null ? 'INFO' : pass ? 'PASS' : 'FAIL'}  ${name}: ${value} (target ${target})${note ? ` — ${note}` : ''}`));
  } finally {
    await browser.close();
    await server.close();
  }
}
