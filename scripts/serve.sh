#!/usr/bin/env bash
# Builds synack (release, wasm-opt -Oz) and serves it at http://127.0.0.1:8080 with live reload.
# First run: scripts/setup.sh installs the tools (~10 minutes); later runs start in seconds.
# Another port: PORT=9000 ./scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. scripts/lib/shipped-wasm.sh
# Trunk --offline uses tools from PATH only: wasm-opt version_132 comes from node_modules.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# target/serve-dist, not dist/: `trunk serve` injects a live-reload script that the
# end-to-end tests of dist/ must not see.
# Trunk.toml's [watch] ignore lists dist/, and trunk serve refuses to start if an ignored
# path does not exist (it canonicalizes it): on a fresh clone dist/ is not there yet.
mkdir -p dist
shipped_wasm exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}" --dist target/serve-dist
