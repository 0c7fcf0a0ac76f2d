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
