#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): builds the packetdrill runner (web/pkt, a bare
# WebAssembly module with no imports and no JS glue) into the site as pkt/synack-pkt.wasm.
# The app fetches it only when a reader opens a .pkt script or exports one, so the reader and
# runner (~43 KB gzip) are not part of every first load (docs/PACKETDRILL.md, "In the web app").
# Runs with Trunk's environment: the shipped toolchain settings (scripts/lib/shipped-wasm.sh)
# apply to it as to the app.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TRUNK_STAGING_DIR:?run by Trunk as a hook (TRUNK_STAGING_DIR unset)}"
target_dir=${CARGO_TARGET_DIR:-target}
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  cargo build --quiet --release -p synack-web-pkt --target wasm32-unknown-unknown
  wasm=$target_dir/wasm32-unknown-unknown/release/synack_web_pkt.wasm
else
  cargo build --quiet -p synack-web-pkt --target wasm32-unknown-unknown
  wasm=$target_dir/wasm32-unknown-unknown/debug/synack_web_pkt.wasm
fi
mkdir -p "$TRUNK_STAGING_DIR/pkt"
out=$TRUNK_STAGING_DIR/pkt/synack-pkt.wasm
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --strip-target-features \
    "$wasm" -o "$out"
else
  cp "$wasm" "$out"
fi
echo "[build-pkt] $out: $(wc -c <"$out") bytes, gzip $(gzip -9c "$out" | wc -c)"
