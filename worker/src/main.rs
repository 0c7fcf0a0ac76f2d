//! The export worker: AP Planner's second WebAssembly module. `assets/export-worker.js` loads it
//! in a Web Worker the first time the page asks for a workbook (`src/export_worker.rs`), so the
//! workbook writer (rust_xlsxwriter and its zip) is not part of the page's first load.
//!
//! One call: a job as JSON in ([`ap_exports::job::Job`]), the file's bytes or a message out.

use wasm_bindgen::prelude::*;

/// Make the file `job` (a [`ap_exports::job::Job`] as JSON) asks for. The error is a message
/// the page shows as it is.
#[wasm_bindgen]
pub fn make(job: &str) -> Result<Vec<u8>, String> {
    ap_exports::job::run_json(job)
}

fn main() {}
