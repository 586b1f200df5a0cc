# Sourced by scripts/{setup,test,serve,bench}.sh: how the shipped WebAssembly is compiled.
#
# The site's wasm is built by a pinned nightly with the standard library rebuilt
# (`-Z build-std`) and `-C panic=immediate-abort`: a panic becomes a bare trap, so no panic
# message formatting, locations or unwinding glue are linked in. That saves ~20 KB of gzip
# (~8 %) of the page's download (issue 7, bench/RESULTS.md). The code must not panic anyway: in
# WebAssembly a panic kills the page with or without a message. Everything else (clippy, native
# and wasm-bindgen tests, the CLI) uses the stable toolchain; the end-to-end tests test the
# nightly-built site, i.e. what ships.
#
# SYNACK_STABLE_WASM=1 builds the site with stable instead (bigger; for a machine where this
# nightly cannot be installed).
SYNACK_NIGHTLY=nightly-2026-05-20 # rustc 1.97.0-nightly (e50aa6fba 2026-05-19)

# shipped_wasm COMMAND...: runs COMMAND (trunk, cargo) with the shipped toolchain settings.
shipped_wasm() {
  if [ "${SYNACK_STABLE_WASM:-0}" = 1 ]; then
    "$@"
    return
  fi
  RUSTUP_TOOLCHAIN=$SYNACK_NIGHTLY \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    "$@"
}
