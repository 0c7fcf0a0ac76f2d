//! `ap-project calibrate HISTORY.csv SCENARIO.json`: the fit report, the calibrated scenario
//! written with `--write`, and bad rows listed with their line numbers.

use std::path::PathBuf;
use std::process::Command;

use ap_engine::file::scenario_from_json;
use ap_engine::history::{apply_edit, calibrate, report};

fn docs(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/examples")
        .join(name)
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ap-project"))
        .arg("calibrate")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn prints_the_report_and_writes_the_calibrated_scenario() {
    let history = docs("dfe-three-tier-history.csv");
    let scenario = docs("dfe-three-tier.json");
    let out_path = std::env::temp_dir().join(format!("calibrated-{}.json", std::process::id()));
    let out = run(&[
        history.to_str().expect("path"),
        scenario.to_str().expect("path"),
        "--ranges",
        "--write",
        out_path.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let s = scenario_from_json(&std::fs::read_to_string(&scenario).expect("read")).expect("ok");
    let c = calibrate(&s, &std::fs::read_to_string(&history).expect("read")).expect("reads");
    assert_eq!(text, report::text(&c));
    assert!(text.contains("Backtest: fitted on 2021/22 to 2024/25, projected 2025/26"));
    assert!(text.contains("Tier 3: transitional placements · demand trend"));
    let written =
        scenario_from_json(&std::fs::read_to_string(&out_path).expect("written")).expect("ok");
    let mut expected = s.clone();
    let chosen: Vec<_> = c.fit.suggestions.iter().collect();
    apply_edit(&s, &chosen, true)
        .apply(&mut expected)
        .expect("applies");
    assert_eq!(written, expected);
    let _ = std::fs::remove_file(out_path);
}

#[test]
fn bad_rows_are_listed_with_their_lines_and_fail() {
    let path = std::env::temp_dir().join(format!("bad-history-{}.csv", std::process::id()));
    std::fs::write(
        &path,
        "year,phase,tier,entries_direct\n2023,Primary,Tier 1,12\n2024,Primary,Tier 1,twelve\n20x5,Primary,Tier 1,3\n",
    )
    .expect("write");
    let out = run(&[
        path.to_str().expect("path"),
        docs("dfe-three-tier.json").to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("2 bad row(s)"), "{err}");
    assert!(
        err.contains("Line 3: entries_direct: “twelve” is not a number"),
        "{err}"
    );
    assert!(
        err.contains("Line 4: the year “20x5” is not an academic year"),
        "{err}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn wrong_arguments_say_how_to_call_it() {
    let out = run(&["only-one.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("calibrate needs a history file"));
}
