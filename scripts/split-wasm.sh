#!/usr/bin/env bash
# Trunk's post-build step (Trunk.toml): cut the app's WebAssembly into the module the page loads
# first and one chunk per view in src/lazy.rs, fetched the first time that view is shown.
#
# Trunk builds the app with the `split` feature (index.html), which keeps the linker's relocations
# (build.rs), then runs wasm-bindgen on it as usual; the split has to happen between
# cargo and wasm-bindgen, so this reruns wasm-bindgen on the split main module and replaces
# trunk's app files in the staging directory. wasm-opt runs here too (trunk's is off for the
# app: it would renumber the functions the split relies on), on every module, as trunk would,
# and terser on the JavaScript.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post-build hook}"
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"

profile=release
[ "${TRUNK_PROFILE:-release}" = debug ] && profile=debug
built="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/ap-planner.wasm"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wasm-split-cli "$built" "$work/split" --target web --out-name ap-planner
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-name ap-planner \
  --out-dir "$work/out" "$work/split/ap-planner.wasm"
rm "$work/split/ap-planner.wasm"
cp "$work/split/"* "$work/out/"

# Chunk names carry the build's id, so a page still open from an earlier deployment never gets a
# chunk cut from another build (its functions would not match the page's module): it asks for
# its own build's names, which the host either still has or answers with "not found", and the
# app then says the part could not be fetched. The first module and its JS keep fixed names
# (assets/boot.js loads them; they are always revalidated, deploy/_headers).
build=$(cat "$work/out/"*.wasm | sha256sum | cut -c1-10)
for chunk in "$work/out/"split_*.wasm "$work/out/"chunk_*.wasm; do
  [ -f "$chunk" ] || continue
  name=$(basename "$chunk" .wasm)
  mv "$chunk" "$work/out/$name.$build.wasm"
  sed -i "s|\"\./$name\.wasm\"|\"./$name.$build.wasm\"|" "$work/out/__wasm_split.js"
done
if grep -qE '"\./(split|chunk)_[A-Za-z0-9_]+\.wasm"' "$work/out/__wasm_split.js"; then
  echo "split-wasm.sh: a chunk the loader names was not renamed" >&2
  exit 1
fi

if [ "$profile" = release ]; then
  for wasm in "$work/out/"*.wasm; do
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$wasm" -o "$wasm"
  done
  # The JavaScript the page loads first (wasm-bindgen's glue and the chunk loader), minified:
  # ES modules, so their own top-level names can be shortened; exports and the import object's
  # keys, which the WebAssembly refers to, are left as they are.
  for js in ap-planner.js __wasm_split.js; do
    node_modules/.bin/terser "$work/out/$js" --module --compress --mangle -o "$work/out/$js"
  done
fi

rm -f "$TRUNK_STAGING_DIR"/ap-planner.js "$TRUNK_STAGING_DIR"/ap-planner_bg.wasm
cp "$work/out/"*.js "$work/out/"*.wasm "$TRUNK_STAGING_DIR/"
