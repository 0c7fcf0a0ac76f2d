//! `ap-project FILE`: project a scenario JSON file (as in docs/examples, or saved from the app
//! with "Save as file") and print the projection as CSV.
//! `ap-project --draws N [--seed S] FILE`: simulate its ranges over N draws (seed S, or the
//! scenario's own) and print the percentiles and chances as CSV instead
//! (`ap_exports::percentiles`).
//! `ap-project --financial-years FILE`: print the money table instead, one line per figure and
//! one column per financial year (April to March, the partial first and last marked "(part)"),
//! as the DSG management plan's summary lays it out (`ap_exports::csv::money_csv`).
//! Exits 1 with the reason on stderr when the file cannot be read or is not a valid scenario:
//! larger than `ap_engine::file::MAX_FILE_BYTES` (checked before reading), not JSON, a key given
//! twice, a value of the wrong type (with its path and line), or validation problems. Keys that
//! no field reads are listed on stderr as warnings, and the projection is still printed.

use std::process::ExitCode;

use ap_engine::file::check_file_size;
use ap_engine::money::{money_table, unmitigated, Basis};
use ap_engine::simulate::simulate;
use ap_engine::store::read_file;
use ap_engine::{project, ValidationErrors};
use ap_exports::csv::{money_csv, projection_csv};
use ap_exports::percentiles::simulation_csv;

const USAGE: &str = "usage: ap-project [--draws N [--seed S] | --financial-years] FILE
  FILE        a scenario saved as JSON (see docs/scenario.md)
  --financial-years  print the money by financial year (as the DSG plan's summary) instead
  --draws N   simulate the scenario's ranges over N draws (1 to 100,000) and print percentiles
  --seed S    the random seed for the draws (default: the scenario's own)";

/// What the command was asked: the file, and the draws and seed of a simulation if any.
struct Args {
    path: String,
    draws: Option<usize>,
    seed: Option<u64>,
    financial_years: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let (mut path, mut draws, mut seed) = (None, None, None);
    let mut financial_years = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--draws" => {
                let v = it.next().ok_or("--draws needs a number")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("--draws {v}: not a whole number"))?;
                if !(1..=ap_engine::simulate::MAX_DRAWS).contains(&n) {
                    return Err(format!("--draws {v}: must be between 1 and 100,000"));
                }
                draws = Some(n);
            }
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed {v}: not a whole number"))?,
                );
            }
            "--financial-years" => financial_years = true,
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other if path.is_none() => path = Some(other.to_string()),
            other => return Err(format!("one file at a time ({other} is a second one)")),
        }
    }
    if seed.is_some() && draws.is_none() {
        return Err("--seed goes with --draws".into());
    }
    if financial_years && draws.is_some() {
        return Err("--financial-years and --draws print different tables: choose one".into());
    }
    Ok(Args {
        path: path.ok_or("no file given")?,
        draws,
        seed,
        financial_years,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Args {
        path,
        draws,
        seed,
        financial_years,
    } = match parse_args(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ap-project: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let path = &path;
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
    if let Some(draws) = draws {
        let seed = seed.unwrap_or(scenario.simulation.seed);
        return match simulate(&scenario, draws, seed) {
            Ok(sim) => {
                print!("{}", simulation_csv(&scenario, &sim));
                ExitCode::SUCCESS
            }
            Err(errors) => invalid(path, &errors),
        };
    }
    match project(&scenario) {
        Ok(projection) if financial_years => {
            let table = money_table(
                &scenario,
                &projection,
                &unmitigated(&scenario),
                Basis::Financial,
            );
            print!("{}", money_csv(&table));
            ExitCode::SUCCESS
        }
        Ok(projection) => {
            print!("{}", projection_csv(&scenario, &projection));
            ExitCode::SUCCESS
        }
        Err(errors) => invalid(path, &errors),
    }
}

/// Every problem of an invalid scenario on stderr, one per line, with the input's address.
fn invalid(path: &str, errors: &ValidationErrors) -> ExitCode {
    eprintln!("ap-project: {path} is not a valid scenario:");
    for issue in &errors.0 {
        eprintln!("  - {issue} [{}]", issue.path);
    }
    ExitCode::FAILURE
}
