#!/usr/bin/env bash
# Builds the app's second WebAssembly module (web/extras: packetdrill runs and the exports,
# fetched the first time a reader needs them; docs/WEB.md, "Two modules") into
# DIST/extras/<fingerprint>/ and points the page's `synackExtras()` loader at it.
#
# Run by Trunk as a post_build hook (Trunk.toml) on $TRUNK_STAGING_DIR, inside Trunk's
# environment: the same toolchain settings as the app's own module (scripts/lib/shipped-wasm.sh)
# and the same wasm-bindgen and wasm-opt. By hand: scripts/lib/extras.sh DIST [debug|release].
set -euo pipefail
cd "$(dirname "$0")/../.."
dist="${1:-${TRUNK_STAGING_DIR:?no output directory: pass one, or run as a Trunk hook}}"
profile="${2:-${TRUNK_PROFILE:-release}}"
if [ "$profile" = release ]; then flags=(--release); dir=release; else flags=(); dir=debug; fi
cargo build --quiet "${flags[@]}" -p synack-extras --target wasm32-unknown-unknown
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$dir/synack_extras.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --strip-debug --strip-producers --strip-target-features \
    "$out/synack_extras_bg.wasm" -o "$out/synack_extras_bg.wasm"
  terser "$out/synack_extras.js" --module --compress --mangle -o "$out/synack_extras.js"
fi
# The fingerprint names the folder, so a page always loads the module of its own build (the
# two modules hand each other bytes whose form only the same build knows).
fp=$(cat "$out/synack_extras.js" "$out/synack_extras_bg.wasm" | sha256sum | cut -c1-16)
mkdir -p "$dist/extras/$fp"
cp "$out/synack_extras.js" "$out/synack_extras_bg.wasm" "$dist/extras/$fp/"
grep -q 'extras/synack_extras.js' "$dist/index.html" ||
  { echo "[extras] $dist/index.html has no synackExtras() loader (extras/synack_extras.js)" >&2; exit 1; }
sed -i "s#extras/synack_extras.js#extras/$fp/synack_extras.js#" "$dist/index.html"
gz=$(gzip -9c "$dist/extras/$fp/synack_extras_bg.wasm" | wc -c)
echo "[extras] dist/extras/$fp: wasm $(wc -c <"$dist/extras/$fp/synack_extras_bg.wasm") bytes ($gz gzip)"
