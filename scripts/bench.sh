#!/usr/bin/env bash
# Benchmarks: size, speed and smoothness of synack, side by side with Mermaid 12. Builds the
# release site and the benchmark programs, measures, prints every figure and writes
# bench/RESULTS.md (machine, date, figures, PASS/FAIL per target). Takes a few minutes.
#
# These are benchmarks, not tests: scripts/test.sh never runs them, and a missed target does
# not fail this script (it exits non-zero only if something could not be measured at all).
# Numbers from a busy machine are noisy: read the medians, p99s and the same-run ratios.
#
#   ./scripts/bench.sh                 # everything; ~10 page loads each for first-drawn times
#   BENCH_LOADS=20 ./scripts/bench.sh  # more page loads
#   BENCH_ONLY=seek,frames ./scripts/bench.sh  # only some sections (bench/run.mjs --only: sizes,
#                                      # loads, blog, frames, seek, slider, capture, profiles,
#                                      # throughput, native); prints, does not write RESULTS.md
#
# Installs what it lacks, only from package registries: scripts/setup.sh (Trunk, wasm-bindgen,
# Chromium, playwright-core, wasm-opt), then Mermaid from npm into bench/node_modules
# (`npm ci` against bench/package-lock.json, skipped when already done for that lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }

./scripts/setup.sh
. scripts/lib/shipped-wasm.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# --- benchmark-only npm packages (Mermaid), in bench/ with their own lockfile ----------------
stamp=bench/node_modules/.synack-bench-lock.sha256
want=$(sha256sum bench/package-lock.json | awk '{print $1}')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "npm ci in bench/ (Mermaid 12, benchmark only)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
else
  say "bench/node_modules: up to date"
fi

TD=${CARGO_TARGET_DIR:-$ROOT/target}
case $TD in /*) ;; *) TD=$ROOT/$TD ;; esac
OUT=$TD/bench
rm -rf "$OUT"
mkdir -p "$OUT/simwasm/shipped" "$OUT/simwasm/o3" "$OUT/named"

# --- the release site, exactly as scripts/test.sh builds it (into its own folder) -------------
say "trunk build --release (the site as shipped)"
shipped_wasm trunk build --release --offline --dist "$OUT/dist"

# --- native: simulation throughput (also presets' sizes) and seek ----------------------------
say "native benchmarks (--profile release-native)"
cargo build --quiet --profile release-native -p synack-sim --example throughput -p synack-diagram --example seek
# The CLI writes the 10,000-segment capture the page opens (bench/capture-10k.json, issue 19).
cargo build --quiet --profile release-native -p synack-cli
"$TD/release-native/examples/throughput" --json --presets --min-secs 1 >"$OUT/sim.json"
"$TD/release-native/examples/seek" --json --mermaid "$OUT/handshake-and-close.mmd" >"$OUT/seek.json"

# --- the simulator as bare WebAssembly: as the site ships it (opt-level z, LTO, wasm-opt -Oz,
#     the shipped toolchain of scripts/lib/shipped-wasm.sh)
#     and at opt-level 3, to tell compiler settings from WebAssembly itself -------------------
say "simulator in WebAssembly (bench/simwasm)"
shipped_wasm cargo build --quiet --release -p synack-bench-simwasm --target wasm32-unknown-unknown
cargo build --quiet --profile release-native -p synack-bench-simwasm --target wasm32-unknown-unknown
wasm-opt -Oz "$TD/wasm32-unknown-unknown/release/synack_bench_simwasm.wasm" -o "$OUT/simwasm/shipped/simwasm.wasm"
cp "$TD/wasm32-unknown-unknown/release-native/synack_bench_simwasm.wasm" "$OUT/simwasm/o3/simwasm.wasm"

# --- the app's wasm with its function names kept, to see which crates its bytes come from ----
wasm-bindgen --target web --no-typescript --out-dir "$OUT/named" "$TD/wasm32-unknown-unknown/release/synack-web.wasm"
wasm-opt -Oz -g "$OUT/named/synack-web_bg.wasm" -o "$OUT/named/synack-web.named.wasm"
# ... and a copy of the site running that wasm, for CPU profiles (names in the profile). The
# shipped wasm's import and export names are minified and its glue rewritten to match
# (scripts/lib/shrink-site.mjs), so the named wasm comes with the glue of its own wasm-bindgen
# run; both replace the shipped files, and the integrity hashes go.
cp -r "$OUT/dist" "$OUT/dist-named"
named_wasm=("$OUT"/dist-named/*_bg.wasm)
[ ${#named_wasm[@]} = 1 ] && [ -f "${named_wasm[0]}" ] ||
  { echo "bench: expected one *_bg.wasm in $OUT/dist-named, found: ${named_wasm[*]}" >&2; exit 1; }
cp "$OUT/named/synack-web.named.wasm" "${named_wasm[0]}"
cp "$OUT/named/synack-web.js" "${named_wasm[0]%_bg.wasm}.js"
sed -i -E 's/ integrity=("[^"]*"|[^ >]*)//g' "$OUT/dist-named/index.html"

# --- measure (headless Chromium), print, write bench/RESULTS.md -----------------------------
say "measuring (headless Chromium, Node)"
BENCH_RUSTC=$(rustc --version) node bench/run.mjs \
  --dist "$OUT/dist" \
  --native-sim "$OUT/sim.json" \
  --native-bin "$TD/release-native/examples/throughput" \
  --native-seek "$OUT/seek.json" \
  --mermaid-text "$OUT/handshake-and-close.mmd" \
  --wasm-shipped "$OUT/simwasm/shipped/simwasm.wasm" \
  --wasm-o3 "$OUT/simwasm/o3/simwasm.wasm" \
  --wasm-named "$OUT/named/synack-web.named.wasm" \
  --profile-dist "$OUT/dist-named" \
  --cli "$TD/release-native/synack" \
  --loads "${BENCH_LOADS:-10}" \
  --out bench/RESULTS.md
