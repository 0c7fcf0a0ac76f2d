#!/usr/bin/env bash
# Install whatever is missing, then run every check and test:
#   format and lints (native and wasm32), native engine tests (unit, golden, property),
#   component tests in headless Chromium (wasm-bindgen-test), the release build (wasm-opt applied),
#   and end-to-end tests that drive that release build in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "lints (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "lints (wasm32)"
cargo clippy -p ap-planner -p ap-export-worker --target wasm32-unknown-unknown --all-targets -- -D warnings
# As trunk builds the app: with the views split into modules of their own (src/lazy.rs).
cargo clippy -p ap-planner --target wasm32-unknown-unknown --all-targets --features split -- -D warnings

step "native tests: engine, codecs, CLI"
cargo test --workspace

step "component tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p ap-planner --target wasm32-unknown-unknown --tests

step "release build (wasm-opt applied)"
trunk build --release

step "end-to-end tests against dist/ in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
