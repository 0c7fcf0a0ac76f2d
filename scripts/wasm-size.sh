#!/usr/bin/env bash
# Print the raw and gzipped (gzip -9) size of the release build's wasm and JS in dist/ (run after
# trunk build --release), then the first load (what the page fetches before the first chart: the
# app's first module, its JS glue, the chunk loader it imports and boot.js), the chunks fetched
# after the first chart or on first use (scripts/split-wasm.sh), and the export worker.
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9 -c "$1" | wc -c; }
show() {
  local raw g
  raw=$(wc -c < "$1")
  g=$(gz "$1")
  awk -v f="$(basename "$1")" -v r="$raw" -v g="$g" 'BEGIN { printf "%s\t%d bytes (%.1f KiB)\tgzipped %d bytes (%.1f KiB)\n", f, r, r/1024, g, g/1024 }'
}
first=0
for f in dist/ap-planner_bg.wasm dist/ap-planner.js dist/__wasm_split.js dist/boot.js; do
  [ -f "$f" ] || continue
  show "$f"
  first=$(( first + $(gz "$f") ))
done
chunks=0
count=0
for f in dist/split_*.wasm dist/chunk_*.wasm; do
  [ -f "$f" ] || continue
  case "$f" in dist/split_*) show "$f" ;; esac
  chunks=$(( chunks + $(gz "$f") ))
  count=$(( count + 1 ))
done
worker=0
for f in dist/ap-export-worker_bg.wasm dist/ap-export-worker.js dist/export-worker.js; do
  [ -f "$f" ] || continue
  show "$f"
  worker=$(( worker + $(gz "$f") ))
done
awk -v g="$first" 'BEGIN { printf "first load (first module + JS glue + chunk loader + boot.js)\tgzipped %d bytes (%.1f KiB)\n", g, g/1024 }'
awk -v g="$chunks" -v n="$count" 'BEGIN { printf "%d chunks, after the first chart or on first use (all of them)\tgzipped %d bytes (%.1f KiB)\n", n, g, g/1024 }'
awk -v g="$worker" 'BEGIN { printf "export worker, on first use (wasm + JS)\tgzipped %d bytes (%.1f KiB)\n", g, g/1024 }'
