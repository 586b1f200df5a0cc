#!/usr/bin/env node
// Shrinks the release site after Trunk has built it, without changing what it does. Run by
// Trunk itself as a post_build hook (Trunk.toml), so every `trunk build --release` and
// `trunk serve --release` gets it: scripts/test.sh, scripts/serve.sh and scripts/bench.sh.
//
//   1. wasm-opt, on the module Trunk already ran `wasm-opt -Oz` on:
//      --minify-imports-and-exports-and-modules: the ~170 imports `./synack-web_bg.js`
//        `__wbg_set_value_cb7e77c93a95e491` etc. become `a` `b`, the exports `Ac` etc.;
//        wasm-opt prints the old -> new mapping, which step 2 applies to the JS glue;
//      --strip-producers --strip-target-features: custom sections nothing reads at run time;
//      -Oz again: reading a binary back makes binaryen add scratch locals, which only its
//        optimisation passes remove again (a bare read-and-write grows the code ~580 bytes).
//   2. The wasm-bindgen JS glue: the same names in its import object and in its `wasm.NAME`
//      calls; then checked (instantiated in Node against the new wasm: every import must be
//      there, and every export the glue calls must exist); then minified with terser, since
//      Trunk's own JS minifier fails on wasm-bindgen's glue (`export { ... as default }`).
//   3. index.html: the subresource-integrity hashes (sha384) of the two rewritten files are
//      replaced, and then every `integrity` in the page is checked against its file.
//
// Usage: as a Trunk hook it works on $TRUNK_STAGING_DIR (release builds only: a debug build
// keeps its readable names); by hand: node scripts/lib/shrink-site.mjs --dir DIST.
// Any failure exits non-zero with a message saying what failed, and Trunk fails the build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TAG = '[shrink-site]';

class Failure extends Error {}
const fail = (msg) => {
  throw new Failure(msg);
};
const say = (msg) => console.log(`${TAG} ${msg}`);

const sha384 = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The wasm-opt of node_modules (npm binaryen, the version Trunk.toml pins), never another. */
function wasmOptPath() {
  const p = path.join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(p)) fail(`${p} not found: run scripts/setup.sh (npm ci installs binaryen)`);
  return p;
}

async function loadTerser() {
  try {
    return await import('terser');
  } catch (e) {
    fail(`cannot load terser from node_modules (${e.message}): run scripts/setup.sh`);
  }
}

/** Step 1: returns the new wasm bytes and wasm-opt's mapping { imports, exports }. */
async function shrinkWasm(wasmFile, tmp) {
  const out = path.join(tmp, 'out.wasm');
  const args = [
    wasmFile,
    '-Oz',
    '--minify-imports-and-exports-and-modules',
    '--strip-producers',
    '--strip-target-features',
    '-o',
    out,
  ];
  const r = spawnSync(wasmOptPath(), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) fail(`could not run wasm-opt: ${r.error.message}`);
  if (r.status !== 0) fail(`wasm-opt ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  const start = r.stdout.indexOf('{');
  let map;
  try {
    map = JSON.parse(r.stdout.slice(start));
  } catch (e) {
    fail(`wasm-opt printed no import/export mapping that parses as JSON (${e.message}):\n${r.stdout.slice(0, 500)}`);
  }
  if (!Array.isArray(map.imports) || !Array.isArray(map.exports)) {
    fail('wasm-opt mapping has no "imports" / "exports" lists');
  }
  return { bytes: await readFile(out), map };
}

/** Step 2a: the glue with wasm-opt's new names. */
function renameInGlue(js, map, oldModule, newModule) {
  // The import object: `"./synack-web_bg.js": import0` -> `"a": import0`.
  const modRe = new RegExp(`(["'])${escapeRe(oldModule)}\\1(\\s*:)`, 'g');
  const modHits = js.match(modRe)?.length ?? 0;
  if (modHits !== 1) fail(`glue names import module "${oldModule}" ${modHits} times, expected once`);
  js = js.replace(modRe, (_, _q, colon) => `${JSON.stringify(newModule)}${colon}`);
  // Its keys: `    __wbg_set_value_cb7e77c93a95e491: function(arg0, arg1) {` -> `    b: function...`,
  // and the exports it calls: `wasm.__wbindgen_malloc` -> `wasm.wc`. One pass each, so that a
  // new name can never be renamed again; longest names first in the alternation.
  const alternation = (names) => names.sort((x, y) => y.length - x.length).map(escapeRe).join('|');
  const imports = new Map(map.imports.map(([, oldName, newName]) => [oldName, newName]));
  const seen = new Map();
  js = js.replace(new RegExp(`(^|[\\s{,])(${alternation([...imports.keys()])})(\\s*:)`, 'gm'), (_, before, name, colon) => {
    seen.set(name, (seen.get(name) ?? 0) + 1);
    return `${before}${imports.get(name)}${colon}`;
  });
  for (const name of imports.keys()) {
    if (seen.get(name) !== 1) fail(`glue defines import "${name}" ${seen.get(name) ?? 0} times, expected once`);
  }
  const exports = new Map(map.exports);
  js = js.replace(new RegExp(`\\bwasm\\.(${alternation([...exports.keys()])})\\b`, 'g'), (_, name) => `wasm.${exports.get(name)}`);
  return js;
}

/** Whether the module has a start section (id 8). */
function hasStartSection(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++];
      r += (b & 127) * 2 ** shift;
      if (!(b & 128)) return r;
    }
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    if (id === 8) return true;
    p += len;
  }
  return false;
}

/** Step 2b: the renamed glue links with the new wasm, before anything is written. */
async function checkGlueLinks(js, wasmBytes, tmp) {
  const module = new WebAssembly.Module(wasmBytes);
  const exportNames = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const called = new Set([...js.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
  const missing = [...called].filter((n) => !exportNames.has(n));
  if (missing.length) fail(`glue calls exports the new wasm lacks: ${missing.join(', ')}`);
  if (!/^function __wbg_get_imports\(/m.test(js)) {
    fail('glue has no `function __wbg_get_imports(` (a new wasm-bindgen?): cannot check it');
  }
  // Instantiation checks every import (module, name, kind). Without a start function
  // (wasm-bindgen calls __wbindgen_start itself) no app code runs here.
  if (hasStartSection(wasmBytes)) fail('the wasm has a start function: cannot instantiate it to check the glue');
  const probe = path.join(tmp, 'probe.mjs');
  await writeFile(probe, `${js}\nexport { __wbg_get_imports as __probeImports };\n`);
  const glue = await import(pathToFileURL(probe).href);
  try {
    new WebAssembly.Instance(module, glue.__probeImports());
  } catch (e) {
    fail(`the renamed glue does not link with the new wasm: ${e.message}`);
  }
}

/** Step 2c: terser; the result must still load as an ES module exporting what it did. */
async function minifyGlue(js, tmp) {
  const terser = await loadTerser();
  let res;
  try {
    res = await terser.minify(js, {
      module: true,
      ecma: 2020,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
  } catch (e) {
    fail(`terser could not minify the glue: ${e.message ?? e}`);
  }
  const probe = path.join(tmp, 'min.mjs');
  await writeFile(probe, res.code);
  const mod = await import(pathToFileURL(probe).href);
  for (const name of ['default', 'initSync']) {
    if (typeof mod[name] !== 'function') fail(`minified glue no longer exports ${name}`);
  }
  return res.code;
}

/** Step 3: every integrity attribute in the page matches the file it names. */
async function verifyAllIntegrity(dir, publicUrl) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  let checked = 0;
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/gi)) {
    const attrs = {};
    for (const m of tag.matchAll(/([\w:-]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
      attrs[m[1].toLowerCase()] = (m[2] ?? '').replace(/^["']|["']$/g, '');
    }
    if (!attrs.integrity) continue;
    const ref = attrs.href || attrs.src;
    if (!ref) fail(`integrity without href/src in ${tag}`);
    const file = path.join(dir, ref.startsWith(publicUrl) ? ref.slice(publicUrl.length) : ref);
    if (!existsSync(file)) fail(`index.html has an integrity hash for ${ref}, but ${file} does not exist`);
    const have = sha384(await readFile(file));
    if (!attrs.integrity.split(/\s+/).includes(have)) {
      fail(`integrity of ${ref} in index.html is ${attrs.integrity}, the file's is ${have}`);
    }
    checked++;
  }
  return checked;
}

async function shrinkDir(dir) {
  const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
  if (!existsSync(dir)) fail(`${dir}: no such folder (the built site to shrink)`);
  const names = await readdir(dir);
  const wasms = names.filter((n) => n.endsWith('_bg.wasm'));
  if (wasms.length !== 1) fail(`expected one *_bg.wasm in ${dir}, found ${wasms.length}: ${wasms.join(', ')}`);
  const wasmName = wasms[0];
  const jsName = wasmName.replace(/_bg\.wasm$/, '.js');
  if (!names.includes(jsName)) fail(`${jsName} (wasm-bindgen's glue for ${wasmName}) not in ${dir}`);
  const wasmFile = path.join(dir, wasmName);
  const jsFile = path.join(dir, jsName);
  const htmlFile = path.join(dir, 'index.html');

  const wasmIn = await readFile(wasmFile);
  const jsIn = await readFile(jsFile);
  const modules = [...new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasmIn)).map((i) => i.module))];
  if (modules.length === 1 && modules[0].length <= 2) {
    say(`${wasmName} already has minified import names: nothing to do`);
    return;
  }
  if (modules.length !== 1) fail(`expected the wasm to import from one module, found ${modules.join(', ')}`);

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'synack-shrink-'));
  try {
    const { bytes: wasmOut, map } = await shrinkWasm(wasmFile, tmp);
    const newModules = [...new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasmOut)).map((i) => i.module))];
    if (newModules.length !== 1) fail(`wasm-opt output imports from ${newModules.length} modules, expected 1`);
    const renamed = renameInGlue(jsIn.toString('utf8'), map, modules[0], newModules[0]);
    await checkGlueLinks(renamed, wasmOut, tmp);
    const jsOut = Buffer.from(await minifyGlue(renamed, tmp));

    let html = await readFile(htmlFile, 'utf8');
    for (const [before, after] of [
      [jsIn, jsOut],
      [wasmIn, wasmOut],
    ]) {
      html = html.split(sha384(before)).join(sha384(after));
    }
    await writeFile(wasmFile, wasmOut);
    await writeFile(jsFile, jsOut);
    await writeFile(htmlFile, html);
    const checked = await verifyAllIntegrity(dir, publicUrl);

    const row = (name, a, b) => `${name}: ${a.length} -> ${b.length} bytes, gzip ${gz(a)} -> ${gz(b)}`;
    say(row(wasmName, wasmIn, wasmOut));
    say(row(jsName, jsIn, jsOut));
    say(`index.html: ${checked} integrity hash(es) checked against their files`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const argv = process.argv.slice(2);
  let dir;
  if (argv[0] === '--dir' && argv[1] && argv.length === 2) {
    dir = argv[1];
  } else if (argv.length === 0 && process.env.TRUNK_STAGING_DIR) {
    if (process.env.TRUNK_PROFILE !== 'release') {
      say(`${process.env.TRUNK_PROFILE} build: left as wasm-bindgen and Trunk wrote it`);
      return;
    }
    dir = process.env.TRUNK_STAGING_DIR;
  } else {
    fail('usage: node scripts/lib/shrink-site.mjs --dir DIST (or as a Trunk post_build hook)');
  }
  await shrinkDir(path.resolve(dir));
}

main().catch((e) => {
  console.error(`${TAG} error: ${e instanceof Failure ? e.message : e.stack}`);
  process.exit(1);
});
