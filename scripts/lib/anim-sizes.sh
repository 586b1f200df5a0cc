#!/usr/bin/env bash
# The size table of docs/ANIMATED.md ("Sizes of every preset"), measured, never typed: for every
# preset of `synack presets`, its segment count and the bytes of its static (--svg) and animated
# (--animated-svg) SVG, raw and gzip -9, English, default options; KB = 1000 bytes.
#
#   scripts/lib/anim-sizes.sh           # prints the table
#   scripts/lib/anim-sizes.sh --write   # replaces it in docs/ANIMATED.md (between the markers)
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet -p synack-cli
bin=${CARGO_TARGET_DIR:-target}/debug/synack
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

kb() { # bytes → "12.3 KB" / "1.11 MB"
  awk -v b="$1" 'BEGIN { if (b >= 1e6) printf "%.2f MB", b / 1e6; else printf "%.1f KB", b / 1e3 }'
}

table() {
  echo '| preset | segments | static SVG | static, gzip | animated SVG | animated, gzip | animated, zh |'
  echo '|---|---:|---:|---:|---:|---:|---:|'
  for p in $("$bin" presets | awk '{print $1}'); do
    "$bin" run "$p" -q --svg "$tmp/s.svg" --animated-svg "$tmp/a.svg" --json "$tmp/t.json"
    "$bin" run "$p" -q --lang zh --animated-svg "$tmp/z.svg"
    n=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).segments.length)' "$tmp/t.json")
    s=$(wc -c <"$tmp/s.svg") sz=$(gzip -9c "$tmp/s.svg" | wc -c)
    a=$(wc -c <"$tmp/a.svg") az=$(gzip -9c "$tmp/a.svg" | wc -c) z=$(wc -c <"$tmp/z.svg")
    echo "| \`$p\` | $n | $(kb "$s") | $(kb "$sz") | $(kb "$a") | $(kb "$az") | $(kb "$z") |"
  done
}

if [ "${1:-}" = --write ]; then
  table >"$tmp/table.md"
  doc=docs/ANIMATED.md
  grep -q '^<!-- sizes: begin' "$doc" && grep -q '^<!-- sizes: end' "$doc" ||
    { echo "anim-sizes: no '<!-- sizes: begin/end' markers in $doc" >&2; exit 1; }
  awk -v t="$tmp/table.md" '
    /^<!-- sizes: begin/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
    /^<!-- sizes: end/ { skip = 0 }
    !skip { print }' "$doc" >"$tmp/doc.md"
  cp "$tmp/doc.md" "$doc"
  echo "[anim-sizes] wrote the table into $doc"
else
  table
fi
