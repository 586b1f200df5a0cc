#!/usr/bin/env bash
# Installs everything that building, serving and testing synack needs, only from the package
# registries (Debian apt, rustup, crates.io, npm). Idempotent: every step checks first and
# skips what is already there, so a second run installs nothing and takes a few seconds.
#
# Needs, already on the machine: rustup (with a stable toolchain), Node >= 20 with npm, and
# apt-get (run as root, or with sudo). A first run takes ~10 minutes, mostly `cargo install`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/shipped-wasm.sh

TRUNK_VERSION=0.21.14           # 0.22.x needs rustc >= 1.96.1
WASM_BINDGEN_DEFAULT=0.2.130    # must equal the wasm-bindgen crate in Cargo.lock
export PATH="$HOME/.cargo/bin:$PATH"

if [ -t 1 ]; then B=$'\033[1m' R=$'\033[1;31m' N=$'\033[0m'; else B="" R="" N=""; fi
say() { printf '%s[setup]%s %s\n' "$B" "$N" "$*"; }
die() { printf '%s[setup] error:%s %s\n' "$R" "$N" "$*" >&2; exit 1; }

command -v rustup >/dev/null 2>&1 || die "rustup not found: install Rust with rustup first"
command -v cargo >/dev/null 2>&1 || die "cargo not found (is ~/.cargo/bin on PATH?)"
command -v npm >/dev/null 2>&1 || die "npm not found: install Node >= 20 with npm first"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node >= 20 needed (found $(node --version))"

# --- Debian packages: Chromium + driver for browser tests, tshark for pcap checks, cc -------
# Never install Debian's binaryen: Trunk would find its old wasm-opt (108) first.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v tshark >/dev/null 2>&1 || need_apt+=(tshark)
# A C compiler: rustc links with it, and `ring` (in trunk and wasm-bindgen-cli) compiles C.
command -v cc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
# A CJK font, so that screenshots of the Chinese UI show characters rather than boxes.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 \
  || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to apt-get install ${need_apt[*]}"
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer "no" without a prompt.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections || true
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
else
  say "chromium, chromedriver, tshark, cc: present"
fi

# --- Rust targets and components -------------------------------------------------------------
installed_targets=$(rustup target list --installed)
for t in wasm32-unknown-unknown thumbv7em-none-eabihf; do
  if ! grep -qx "$t" <<<"$installed_targets"; then
    say "rustup target add $t"
    rustup target add "$t"
  fi
done
installed_components=$(rustup component list --installed)
for c in rustfmt clippy; do
  grep -q "^$c" <<<"$installed_components" || { say "rustup component add $c"; rustup component add "$c"; }
done

# --- the pinned nightly that compiles the shipped wasm (scripts/lib/shipped-wasm.sh) ----------
if [ "${SYNACK_STABLE_WASM:-0}" != 1 ]; then
  if ! rustup run "$SYNACK_NIGHTLY" rustc --version >/dev/null 2>&1 ||
     ! rustup component list --toolchain "$SYNACK_NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
    say "rustup toolchain install $SYNACK_NIGHTLY (minimal + rust-src, for the shipped wasm)"
    rustup toolchain install "$SYNACK_NIGHTLY" --profile minimal --component rust-src
  else
    say "$SYNACK_NIGHTLY with rust-src: present"
  fi
fi

# --- Trunk -----------------------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk@$TRUNK_VERSION (takes ~6 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
else
  say "trunk $TRUNK_VERSION: present"
fi

# --- wasm-bindgen CLI (+ wasm-bindgen-test-runner): must equal the crate in Cargo.lock -------
WB_VERSION=""
if [ -f Cargo.lock ]; then
  WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
fi
WB_VERSION=${WB_VERSION:-$WASM_BINDGEN_DEFAULT}
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli@$WB_VERSION (~2 minutes)"
  # Not --locked: its lockfile pins a webpki-roots version missing from the index.
  cargo install --force "wasm-bindgen-cli@$WB_VERSION"
else
  say "wasm-bindgen-cli $WB_VERSION: present"
fi

# --- npm: playwright-core, axe-core, binaryen (wasm-opt version_132), terser (JS glue) -------
# `npm ci` only when package-lock.json changed since the last install (a stamp holds its hash).
stamp=node_modules/.synack-lock.sha256
want=$(sha256sum package-lock.json | awk '{print $1}')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
else
  say "node_modules: up to date"
fi

# --- crates: download once, so `trunk --offline` (cargo --offline) finds everything ---------
if ! cargo fetch --locked --quiet 2>/dev/null; then
  say "Cargo.lock is missing or out of date: cargo fetch (commit the updated Cargo.lock)"
  cargo fetch --quiet
fi
# ... and the crates the standard library's own build needs (build-std), for --offline.
if [ "${SYNACK_STABLE_WASM:-0}" != 1 ]; then
  std_manifest="$(rustc +"$SYNACK_NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
  cargo +"$SYNACK_NIGHTLY" fetch --quiet --manifest-path "$std_manifest"
fi
say "ready"
