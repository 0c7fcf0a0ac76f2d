//! The `ap-project` command: a scenario file in, the projection as CSV out; an invalid file lists
//! its problems and fails.

use std::path::PathBuf;
use std::process::Command;

use ap_engine::examples::EXAMPLES;
use ap_engine::file::{scenario_from_json, scenario_to_json};
use ap_engine::project;
use ap_engine::store::entry_text;
use ap_exports::csv::{projection_csv, HEADER};

fn docs_example(key: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/examples")
        .join(format!("{key}.json"))
}

fn ap_project(arg: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ap-project"))
        .arg(arg)
        .output()
        .unwrap()
}

#[test]
fn cli_prints_the_projection_as_csv() {
    let path = docs_example("dfe-three-tier");
    let out = ap_project(path.to_str().unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let s = scenario_from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(csv, projection_csv(&s, &project(&s).unwrap()));
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), HEADER.join(","));
    // 5 years × 3 tiers × 2 phases
    assert_eq!(lines.count(), 30);
}

#[test]
fn cli_projects_every_built_in_example_and_a_file_saved_from_the_app() {
    let dir = std::env::temp_dir().join(format!("ap-project-saved-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for ex in &EXAMPLES {
        let s = (ex.build)();
        let expected = projection_csv(&s, &project(&s).unwrap());
        let out = ap_project(docs_example(ex.key).to_str().unwrap());
        assert!(out.status.success(), "{}", ex.key);
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected,
            "{}",
            ex.key
        );
        // The same scenario in the envelope "Save as file" writes.
        let saved = dir.join(format!("{}.json", ex.key));
        std::fs::write(&saved, entry_text(&s, 1.0)).unwrap();
        let out = ap_project(saved.to_str().unwrap());
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            expected,
            "{}",
            ex.key
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_lists_validation_problems_and_fails() {
    let dir = std::env::temp_dir().join(format!("ap-project-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let mut s = (EXAMPLES[0].build)();
    s.timeline.horizon = 40;
    s.tiers[0].stay_weeks = 0.0;
    std::fs::write(&bad, scenario_to_json(&s)).unwrap();
    let out = ap_project(bad.to_str().unwrap());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("Years to project must be between 1 and 15 years"),
        "{err}"
    );
    assert!(
        err.contains("average length of stay must be between"),
        "{err}"
    );

    std::fs::write(&bad, "{ not json").unwrap();
    let out = ap_project(bad.to_str().unwrap());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a scenario file"));
    let _ = std::fs::remove_dir_all(dir);
}

/// A file in a fresh directory of its own; the directory is removed by the caller.
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("ap-project-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.json"));
    (dir, file)
}

#[test]
fn cli_accepts_a_byte_order_mark_and_warns_of_unknown_keys() {
    let (dir, file) = scratch("bom");
    let s = (EXAMPLES[0].build)();
    let text = scenario_to_json(&s).replacen("\"horizon\"", "\"horizn\": 9,\n    \"horizon\"", 1);
    std::fs::write(&file, format!("\u{feff}{text}")).unwrap();
    let out = ap_project(file.to_str().unwrap());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        projection_csv(&s, &project(&s).unwrap())
    );
    assert!(
        err.contains("warning: unknown field `horizn` in `timeline` (line ")
            && err.contains("did you mean `horizon`?"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_names_the_mistake_in_a_file_and_fails() {
    let (dir, file) = scratch("mistakes");
    let cases = [
        (
            "{\n  \"timeline\": {\n    \"horizon\": \"five\"\n  }\n}",
            "`timeline.horizon` on line 3: expected a whole number, 0 or more, found a string",
        ),
        (
            "{\n  \"timeline\": {\"horizon\": 5,\n \"horizon\": 6}\n}",
            "the key `horizon` appears twice in `timeline` (line 3)",
        ),
        (
            "{\"format\": \"1\", \"saved_at\": 0, \"scenario\": {}}",
            "`format` is `\"1\"`",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&file, text).unwrap();
        let out = ap_project(file.to_str().unwrap());
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{text}: {err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_refuses_a_file_over_the_size_limit_before_reading_it() {
    let (dir, file) = scratch("large");
    let max = ap_engine::file::MAX_FILE_BYTES;
    // Sparse: the file is large on disk but costs nothing to make.
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(12_300_000).unwrap();
    drop(f);
    let out = ap_project(file.to_str().unwrap());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("this file is 12.3 MB; a scenario file is at most 2 MB"),
        "{err}"
    );
    // At the limit it is read (and here fails as not JSON, being all zero bytes).
    std::fs::File::create(&file)
        .unwrap()
        .set_len(max as u64)
        .unwrap();
    let err = String::from_utf8(ap_project(file.to_str().unwrap()).stderr).unwrap();
    assert!(!err.contains("at most 2 MB"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cli_prints_financial_years_as_the_plan_lays_them_out() {
    let path = docs_example("dfe-three-tier");
    let out = Command::new(env!("CARGO_BIN_EXE_ap-project"))
        .args(["--financial-years", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    // Five academic years from 2026/27 span six financial years, the first and last partial.
    assert_eq!(
        lines.next().unwrap(),
        "line,2026-27 (part),2027-28,2028-29,2029-30,2030-31,2031-32 (part)"
    );
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Cumulative DSG position brought forward,"));
    // Transport is the council's (general fund), not the high-needs block's; the deficit rules
    // have their own lines.
    for line in [
        "Paid by the council (general fund),",
        "Deficit written off by grant (stability grant),",
        "Deficit outside the statutory override (mitigated),",
    ] {
        assert!(csv.lines().any(|l| l.starts_with(line)), "{line}");
    }
    let council = csv
        .lines()
        .find(|l| l.starts_with("Paid by the council"))
        .unwrap();
    assert!(council
        .split(',')
        .skip(1)
        .all(|v| v.parse::<f64>().unwrap() > 0.0));
    let net = csv
        .lines()
        .find(|l| l.starts_with("Net high-needs spend (mitigated),"))
        .unwrap();
    assert_eq!(net.split(',').count(), 7);
    let both = Command::new(env!("CARGO_BIN_EXE_ap-project"))
        .args(["--financial-years", "--draws", "10", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}
