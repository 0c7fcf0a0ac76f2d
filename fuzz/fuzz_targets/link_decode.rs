//! Any text as a share-link token: decoding must return a value or an error, never panic,
//! and never use unbounded memory. `cargo +nightly fuzz run link_decode`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        if let Ok(scenario) = ap_engine::link::decode(token) {
            // Whatever decodes also projects.
            let _ = ap_engine::project(&scenario);
        }
    }
    // Also as a well-formed link around arbitrary compressed bytes.
    let token = format!("1.{}", base64_url(data));
    let _ = ap_engine::link::decode(&token);
});

fn base64_url(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}
