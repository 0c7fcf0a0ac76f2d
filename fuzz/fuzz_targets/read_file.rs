//! Any bytes as a scenario file (or a stored entry): reading must return a scenario with its
//! warnings or an error, never panic; whatever reads and validates also projects, to finite
//! figures, and writes back to a file that reads the same. `cargo +nightly fuzz run read_file`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(read) = ap_engine::store::read_file(text) else {
        return;
    };
    for warning in &read.warnings {
        let _ = warning.to_string();
    }
    let scenario = read.stored.scenario;
    match ap_engine::project(&scenario) {
        Ok(projection) => {
            assert!(projection
                .summaries
                .iter()
                .all(|y| y.total_spend.is_finite()));
            let again = ap_engine::store::entry_text(&scenario, 0.0);
            let back = ap_engine::store::read_file(&again).expect("a file the app wrote reads");
            assert_eq!(back.stored.scenario, scenario);
            assert!(back.warnings.is_empty());
        }
        Err(errors) => {
            for issue in &errors.0 {
                let _ = issue.to_string();
            }
        }
    }
});
