//! `ap-project FILE`: project a scenario JSON file (as in docs/examples, or saved from the app
//! with "Save as file") and print the projection as CSV.
//! Exits 1 with the reason on stderr when the file cannot be read or is not a valid scenario:
//! larger than `ap_engine::file::MAX_FILE_BYTES` (checked before reading), not JSON, a key given
//! twice, a value of the wrong type (with its path and line), or validation problems. Keys that
//! no field reads are listed on stderr as warnings, and the projection is still printed.

use std::process::ExitCode;

use ap_engine::file::check_file_size;
use ap_engine::project;
use ap_engine::store::read_file;
use ap_exports::csv::projection_csv;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!(
            "usage: ap-project FILE\n  FILE  a scenario saved as JSON (see docs/scenario.md)"
        );
        return ExitCode::from(2);
    };
    // The size on disk first, so a huge file is refused without being read.
    let size = std::fs::metadata(path).map(|m| m.len());
    if let Err(e) = size
        .as_ref()
        .map_err(|e| e.to_string())
        .and_then(|&len| check_file_size(len).map_err(|e| e.to_string()))
    {
        eprintln!("ap-project: cannot read {path}: {e}");
        return ExitCode::FAILURE;
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("ap-project: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A bare scenario (docs/examples) or a file saved from the app (with its envelope); a
    // leading byte-order mark is ignored.
    let read = match read_file(&text) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("ap-project: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &read.warnings {
        eprintln!("ap-project: {path}: warning: {warning}");
    }
    let scenario = read.stored.scenario;
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
