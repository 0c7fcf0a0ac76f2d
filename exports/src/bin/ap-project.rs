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
//! `ap-project calibrate HISTORY.csv SCENARIO.json [--ranges] [--write OUT.json]`: fit the
//! scenario to the LA's history (`docs/history.md`) and print the fit report; with `--write`, save
//! the calibrated scenario (every fitted value applied, with `--ranges` their 80% intervals as
//! ranges). A history file with bad rows lists them (with line numbers) and exits 1.

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
  --seed S    the random seed for the draws (default: the scenario's own)
   or: ap-project calibrate HISTORY.csv FILE [--ranges] [--write OUT.json]
  calibrate   fit FILE to the history (docs/history.md) and print the fit and the backtest;
              --write saves the calibrated scenario, --ranges adds the 80% intervals as ranges";

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
    if args.first().map(String::as_str) == Some("calibrate") {
        return calibrate::run(&args[1..]);
    }
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

mod calibrate {
    //! `ap-project calibrate`.

    use std::process::ExitCode;

    use ap_engine::file::{check_file_size, scenario_to_json};
    use ap_engine::history::{apply_edit, calibrate, report, MAX_HISTORY_BYTES};
    use ap_engine::scenario::Scenario;
    use ap_engine::store::read_file;

    fn read_text(path: &str, max: u64) -> Result<String, String> {
        let len = std::fs::metadata(path)
            .map_err(|e| format!("cannot read {path}: {e}"))?
            .len();
        if len > max {
            return Err(format!(
                "cannot read {path}: it is {len} bytes, more than the {max} allowed"
            ));
        }
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
    }

    fn scenario(path: &str) -> Result<Scenario, String> {
        let text = read_text(path, ap_engine::file::MAX_FILE_BYTES as u64)?;
        check_file_size(text.len() as u64).map_err(|e| format!("cannot read {path}: {e}"))?;
        let read = read_file(&text).map_err(|e| format!("{path}: {e}"))?;
        for warning in &read.warnings {
            eprintln!("ap-project: {path}: warning: {warning}");
        }
        Ok(read.stored.scenario)
    }

    pub fn run(args: &[String]) -> ExitCode {
        let (mut files, mut write, mut ranges) = (Vec::new(), None, false);
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--ranges" => ranges = true,
                "--write" => match it.next() {
                    Some(out) => write = Some(out.clone()),
                    None => return usage("--write needs a file name"),
                },
                other if other.starts_with("--") => {
                    return usage(&format!("unknown option {other}"))
                }
                other => files.push(other.to_string()),
            }
        }
        let [history_path, scenario_path] = &files[..] else {
            return usage("calibrate needs a history file and a scenario file");
        };
        let result = scenario(scenario_path).and_then(|s| {
            let text = read_text(history_path, MAX_HISTORY_BYTES as u64)?;
            let c = calibrate(&s, &text).map_err(|e| format!("{history_path}: {e}"))?;
            Ok((s, c))
        });
        let (s, c) = match result {
            Ok(v) => v,
            Err(e) => {
                eprintln!("ap-project: {e}");
                return ExitCode::FAILURE;
            }
        };
        if !c.history.errors.is_empty() {
            eprintln!(
                "ap-project: {history_path}: {} bad row(s); fix them and run again:",
                c.history.errors.len()
            );
            for e in &c.history.errors {
                eprintln!("  {e}");
            }
            return ExitCode::FAILURE;
        }
        print!("{}", report::text(&c));
        if let Some(out) = write {
            let chosen: Vec<_> = c.fit.suggestions.iter().collect();
            let mut calibrated = s.clone();
            if let Err(e) = apply_edit(&s, &chosen, ranges).apply(&mut calibrated) {
                eprintln!("ap-project: the fit cannot be applied: {e}");
                return ExitCode::FAILURE;
            }
            if let Err(errors) = ap_engine::validate(&calibrated) {
                eprintln!("ap-project: the calibrated scenario is not valid:");
                for issue in &errors.0 {
                    eprintln!("  - {issue} [{}]", issue.path);
                }
                return ExitCode::FAILURE;
            }
            if let Err(e) = std::fs::write(&out, scenario_to_json(&calibrated)) {
                eprintln!("ap-project: cannot write {out}: {e}");
                return ExitCode::FAILURE;
            }
            eprintln!("ap-project: wrote the calibrated scenario to {out}");
        }
        ExitCode::SUCCESS
    }

    fn usage(problem: &str) -> ExitCode {
        eprintln!("ap-project: {problem}\n{}", super::USAGE);
        ExitCode::from(2)
    }
}
