//! The `ap-project` command, and the JSON examples in docs/ (kept equal to the built-in examples).

use std::path::PathBuf;
use std::process::Command;

use ap_engine::csv::{projection_csv, HEADER};
use ap_engine::examples::EXAMPLES;
use ap_engine::file::{scenario_from_json, scenario_to_json};
use ap_engine::project;

fn docs_example(key: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/examples")
        .join(format!("{key}.json"))
}

/// The files in docs/examples are the built-in examples (and the large benchmark scenario, which
/// the browser latency measurement loads). Run with UPDATE_DOCS=1 to rewrite them.
#[test]
fn docs_examples_are_the_built_in_examples() {
    let large = ap_engine::examples::Example {
        key: "large-benchmark",
        title: "Large benchmark scenario",
        build: ap_engine::examples::large_benchmark,
    };
    for ex in EXAMPLES.iter().chain([&large]) {
        let path = docs_example(ex.key);
        let json = scenario_to_json(&(ex.build)());
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{json}\n")).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_DOCS=1)", path.display()));
        assert_eq!(
            scenario_from_json(&on_disk).unwrap(),
            (ex.build)(),
            "{} differs from the built-in example (run with UPDATE_DOCS=1)",
            path.display()
        );
    }
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

#[test]
fn the_json_example_in_docs_is_a_valid_scenario() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/scenario.md"),
    )
    .unwrap();
    let json = doc
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```json block in docs/scenario.md");
    let s = scenario_from_json(json).unwrap();
    assert_eq!(ap_engine::validate(&s), Ok(()));
    assert_eq!(
        s.tiers[0].providers[0].places_in(7),
        180.0,
        "last figure repeats"
    );
}
