#!/usr/bin/env bash
# Print the raw and gzipped (gzip -9) size of the release wasm in dist/ (run after trunk build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
for f in dist/*.wasm dist/*.js; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  awk -v f="$(basename "$f")" -v r="$raw" -v g="$gz" 'BEGIN { printf "%s\t%d bytes (%.1f KiB)\tgzipped %d bytes (%.1f KiB)\n", f, r, r/1024, g, g/1024 }'
done
