// Where a WebAssembly module's bytes go: code bytes per Rust crate (from the "name" section's
// mangled function names), the data section, and everything else. A profile for the size
// target: run it on a module that still has its names (cargo's output, optimized with
// `wasm-opt -Oz -g`), since the shipped one is stripped.

/** @param {Uint8Array} b */
function reader(b) {
  let p = 0;
  const r = {
    get pos() {
      return p;
    },
    set pos(v) {
      p = v;
    },
    u8: () => b[p++],
    uleb() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = b[p++];
        result += (byte & 0x7f) * 2 ** shift;
        if ((byte & 0x80) === 0) return result;
        shift += 7;
      }
    },
    bytes(n) {
      const out = b.subarray(p, p + n);
      p += n;
      return out;
    },
    name() {
      return new TextDecoder().decode(r.bytes(r.uleb()));
    },
  };
  return r;
}

/** The crate a Rust symbol belongs to: legacy (`_ZN…E`), v0 (`_R…`) or demangled (`a::b`). */
export function crateOf(name) {
  if (/^_?_?wbg|^__wbindgen|wasm_bindgen\.\.|^__wbg/.test(name)) return 'wasm-bindgen glue';
  let crate;
  if (name.startsWith('_R')) {
    // v0: the first crate root is `C`, an optional disambiguator `s<base62>_`, `<len><ident>`.
    const m = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(name);
    if (m) crate = name.substr(m.index + m[0].length, Number(m[1]));
  } else {
    let s = name;
    const m = /^_ZN(\d+)/.exec(s);
    if (m) s = s.slice(m[0].length, m[0].length + Number(m[1]));
    // `<T as Trait>` impls (`_$LT$T$u20$as$u20$core..any..Any$GT$` or `<T as core::any::Any>`)
    s = s.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
    const impl = /^_?<&?(?:mut )?([^ >]*)(?: as ([^>]*))?>/.exec(s);
    if (impl) s = /::/.test(impl[1]) || !impl[2] ? impl[1] : impl[2];
    crate = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.replace(/^[&*]+/, ''))?.[0];
  }
  if (!crate) return '(unnamed)';
  if (['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins', '__rustc', '___rustc'].includes(crate)) return 'Rust std (core, alloc, std, dlmalloc)';
  if (crate === 'wasm_bindgen') return 'wasm-bindgen glue';
  return crate;
}

/**
 * @param {Uint8Array} wasm
 * @returns {{total: number, sections: Record<string, number>, crates: {crate: string, bytes: number, functions: number}[]}}
 */
export function wasmSizes(wasm) {
  const r = reader(wasm);
  r.pos = 8;
  const sections = {};
  const bodies = [];
  const names = new Map();
  let imported = 0;
  const ids = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
  while (r.pos < wasm.length) {
    const id = r.u8();
    const size = r.uleb();
    const start = r.pos;
    let label = ids[id] ?? `section ${id}`;
    if (id === 0) {
      const n = r.name();
      label = `custom "${n}"`;
      if (n === 'name') {
        while (r.pos < start + size) {
          const sub = r.u8();
          const len = r.uleb();
          const end = r.pos + len;
          if (sub === 1) {
            const count = r.uleb();
            for (let i = 0; i < count; i++) names.set(r.uleb(), r.name());
          }
          r.pos = end;
        }
      }
    } else if (id === 2) {
      const count = r.uleb();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = r.u8();
        if (kind === 0) {
          r.uleb();
          imported++;
        } else if (kind === 1) {
          r.u8();
          const f = r.u8();
          r.uleb();
          if (f & 1) r.uleb();
        } else if (kind === 2) {
          const f = r.u8();
          r.uleb();
          if (f & 1) r.uleb();
        } else if (kind === 3) {
          r.u8();
          r.u8();
        } else if (kind === 4) {
          r.u8();
          r.uleb();
        }
      }
    } else if (id === 10) {
      const count = r.uleb();
      for (let i = 0; i < count; i++) {
        const len = r.uleb();
        bodies.push(len);
        r.pos += len;
      }
    }
    sections[label] = (sections[label] ?? 0) + size;
    r.pos = start + size;
  }
  const byCrate = new Map();
  bodies.forEach((len, i) => {
    const c = crateOf(names.get(imported + i) ?? '');
    const e = byCrate.get(c) ?? { crate: c, bytes: 0, functions: 0 };
    e.bytes += len;
    e.functions++;
    byCrate.set(c, e);
  });
  return { total: wasm.length, sections, crates: [...byCrate.values()].sort((a, b) => b.bytes - a.bytes) };
}
