#!/usr/bin/env bash
# Runs every check synack has, in layers, cheapest first, and stops at the first failure.
# The last line is always `N passed, N failed` (counting layers). CI runs exactly this
# (.ci/run). First run: scripts/setup.sh installs the tools (~10 minutes).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
. scripts/lib/shipped-wasm.sh

# Tools: cargo-installed trunk / wasm-bindgen first, then wasm-opt version_132 from npm ahead of
# anything else on PATH (Trunk --offline takes a tool from PATH only if its version matches).
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# wasm-bindgen-test-runner: use Chromium's driver (not geckodriver, should one be installed),
# and allow a loaded 2-core machine more than the default 20 s per test.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# Chromium flags for it (quiet, offline), for every crate's browser tests, not only web's.
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$ROOT/web/webdriver.json}"
# End-to-end tests read these (tests/e2e/harness.mjs).
export SYNACK_DIST="$ROOT/dist"
export SYNACK_SCREENSHOTS="$ROOT/target/screenshots"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

passed=0
failed=0
timings=()
LAYERS_TOTAL=11

if [ -t 1 ]; then B=$'\033[1m' R=$'\033[1;31m' N=$'\033[0m'; else B="" R="" N=""; fi
bold() { printf '%s%s%s\n' "$B" "$*" "$N"; }

summary() {
  echo
  bold "synack test layers:"
  for t in "${timings[@]}"; do echo "  $t"; done
  local not_run=$((LAYERS_TOTAL - passed - failed))
  [ "$not_run" -gt 0 ] && echo "  ($not_run later layer(s) not run)"
  echo "$passed passed, $failed failed"
}

# layer NAME COMMAND...: run one layer; on failure say which and how to re-run it, then stop.
layer() {
  local name=$1
  shift
  echo
  bold "=== [$((passed + failed + 1))/$LAYERS_TOTAL] $name"
  echo "\$ $*"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    timings+=("ok    $(printf '%4d' $((SECONDS - start)))s  $name")
  else
    local rc=$?
    failed=$((failed + 1))
    timings+=("FAIL  $(printf '%4d' $((SECONDS - start)))s  $name")
    echo
    printf '%sFAILED: layer "%s" (exit code %d).%s Re-run it alone with:\n  %s\n' "$R" "$name" "$rc" "$N" "$*"
    summary
    exit 1
  fi
}

layer "setup: tools (scripts/setup.sh)" ./scripts/setup.sh
layer "format (rustfmt)" cargo fmt --all -- --check
layer "lint: clippy, native, all targets" cargo clippy --workspace --all-targets -- -D warnings
layer "lint: clippy, web crates on wasm32" cargo clippy -p synack-web -p synack-extras --target wasm32-unknown-unknown --all-targets -- -D warnings
layer "tests: native crates (cargo test)" cargo test --workspace --exclude synack-web
# 10^6 mutated capture files through the whole reader and model (crates/capture/examples/fuzz.rs,
# seeded: the same inputs every run); about 30 s on 2 busy cores, plus its first build.
layer "fuzz: the capture reader, 10^6 inputs (release, overflow checks)" cargo run -q --profile fuzz -p synack-capture --example fuzz
layer "no_std: core builds for thumbv7em-none-eabihf" cargo build -p synack-core --target thumbv7em-none-eabihf --no-default-features
layer "sim in headless Chromium: same trace bytes as native" cargo test -p synack-sim --target wasm32-unknown-unknown --test wasm
layer "web component tests (wasm-bindgen-test, headless Chromium)" cargo test -p synack-web --target wasm32-unknown-unknown
layer "site: trunk build --release into dist/ (shipped toolchain)" shipped_wasm trunk build --release --offline --dist dist
layer "end-to-end: dist/ in Chromium (playwright-core, axe-core)" node --test --test-concurrency=1 tests/e2e/*.test.mjs

summary
