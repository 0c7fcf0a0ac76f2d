#!/usr/bin/env bash
# Install what AP Planner needs to build (and, with "test", to test), from the package registries
# only, at pinned versions. Each tool is checked first and installed only when missing or at the
# wrong version, so a second run takes seconds. Usage: scripts/install-tools.sh [build|test]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-build}

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must equal the wasm-bindgen library the app links, as locked in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { echo "install-tools: $*"; }
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

if ! grep -qF "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  say "Trunk.toml's wasm_bindgen does not match Cargo.lock's wasm-bindgen $WASM_BINDGEN_VERSION: fix Trunk.toml" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown, because the app compiles to WebAssembly"
  rustup target add wasm32-unknown-unknown
fi

if ! have_version trunk "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (builds and serves the app; about 13 minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
  || ! have_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal the wasm-bindgen in Cargo.lock; also runs the browser component tests)"
  # Not --locked: its own lock file names a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-split-cli cuts the app's WebAssembly into the first-load module and the chunks of the views
# loaded on first use (scripts/split-wasm.sh, the trunk build's post-build step). It has no
# --version, so cargo's own list of installed packages says which version is there.
if ! cargo install --list | grep -qF "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (splits the app into modules loaded when first used)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

if ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm from Debian (they install wasm-opt and the browser test driver)"
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi

# wasm-opt comes from npm's binaryen (Debian's older one breaks the release build); terser
# minifies the app's JavaScript in the release build; playwright-core drives Debian's Chromium in
# the end-to-end tests and axe-core audits the pages they open for accessibility. All pinned in
# package-lock.json.
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -qF "version 132" \
  || ! node -e "const lock = require('./package-lock.json').packages;
      for (const name of ['axe-core', 'playwright-core', 'terser'])
        if (require('./node_modules/' + name + '/package.json').version !== lock['node_modules/' + name].version) process.exit(1);" 2>/dev/null; then
  say "installing wasm-opt (npm binaryen 132), terser, playwright-core and axe-core from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ "$purpose" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver (the browser the component and end-to-end tests run in)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
fi

say "all tools present"
