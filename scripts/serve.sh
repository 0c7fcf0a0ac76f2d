#!/usr/bin/env bash
# Install whatever is missing, then build the app and serve it on http://127.0.0.1:8080
# (rebuilding when a source file changes). Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh build
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "serve: building; the app opens at http://127.0.0.1:8080 when trunk says it is serving"
exec trunk serve
