//! `ap-project FILE`: project a scenario JSON file (as in docs/examples, or saved from the app
//! with "Save as file") and print the projection as CSV.
//! Exits 1 with the validation messages on stderr when the file is not a valid scenario.

use std::process::ExitCode;

use ap_engine::project;
use ap_engine::store::read_entry;
use ap_exports::csv::projection_csv;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!(
            "usage: ap-project FILE\n  FILE  a scenario saved as JSON (see docs/scenario.md)"
        );
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("ap-project: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A bare scenario (docs/examples) or a file saved from the app (with its envelope).
    let scenario = match read_entry(&text) {
        Ok(stored) => stored.scenario,
        Err(e) => {
            eprintln!("ap-project: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match project(&scenario) {
        Ok(projection) => {
            print!("{}", projection_csv(&scenario, &projection));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("ap-project: {path} is not a valid scenario:");
            for issue in &errors.0 {
                eprintln!("  - {issue} [{}]", issue.path);
            }
            ExitCode::FAILURE
        }
    }
}
