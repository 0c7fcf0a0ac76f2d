//! With the `split` feature (the trunk build), the app's WebAssembly keeps the linker's
//! relocations, which scripts/split-wasm.sh needs to cut it into modules. Only the app: the export
//! worker and the tests are built without them, so wasm-opt can optimise those as usual.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if split && wasm {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
