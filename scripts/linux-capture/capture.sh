#!/bin/sh
# Capture real Linux TCP runs of one or more presets (or "all"); see README.md.
#   sudo scripts/linux-capture/capture.sh PRESET... [--runs 2] [--out DIR]
set -e
here=$(dirname "$0")
if [ "$(id -u)" != 0 ]; then echo "needs root (network namespaces, TUN, SCHED_FIFO)" >&2; exit 1; fi
command -v tcpdump >/dev/null || apt-get install -y tcpdump
exec python3 "$here/capture.py" "$@"
