#!/usr/bin/env bash
# Print the raw and gzipped (gzip -9) size of the release build's wasm and JS in dist/ (run after
# trunk build --release), then the first load (what the page fetches before the first chart: the
# app's wasm, its JS glue and boot.js) and the export worker (fetched on first use only).
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9 -c "$1" | wc -c; }
for f in dist/*.wasm dist/*.js; do
  raw=$(wc -c < "$f")
  g=$(gz "$f")
  awk -v f="$(basename "$f")" -v r="$raw" -v g="$g" 'BEGIN { printf "%s\t%d bytes (%.1f KiB)\tgzipped %d bytes (%.1f KiB)\n", f, r, r/1024, g, g/1024 }'
done
first=$(( $(gz dist/ap-planner_bg.wasm) + $(gz dist/ap-planner.js) + $(gz dist/boot.js) ))
worker=0
for f in dist/ap-export-worker_bg.wasm dist/ap-export-worker.js dist/export-worker.js; do
  [ -f "$f" ] && worker=$(( worker + $(gz "$f") ))
done
awk -v g="$first" 'BEGIN { printf "first load (ap-planner wasm + JS + boot.js)\tgzipped %d bytes (%.1f KiB)\n", g, g/1024 }'
awk -v g="$worker" 'BEGIN { printf "export worker, on first use (wasm + JS)\tgzipped %d bytes (%.1f KiB)\n", g, g/1024 }'
