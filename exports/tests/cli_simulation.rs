//! `ap-project --draws N [--seed S] FILE`: the simulation in batch.

use std::path::PathBuf;
use std::process::{Command, Output};

fn example(key: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/examples")
        .join(format!("{key}.json"))
        .to_string_lossy()
        .into_owned()
}

fn ap_project(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ap-project"))
        .args(args)
        .output()
        .expect("the command runs")
}

#[test]
fn draws_print_percentiles_that_repeat_with_the_seed() {
    let file = example("dfe-early-intervention");
    let a = ap_project(&["--draws", "400", "--seed", "7", &file]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let text = String::from_utf8(a.stdout.clone()).unwrap();
    assert!(text.starts_with("year,academic_year,tier,places_needed_p10,"));
    assert_eq!(text.lines().count(), 1 + 5 * 4);
    assert_eq!(
        a.stdout,
        ap_project(&["--draws", "400", "--seed", "7", &file]).stdout
    );
    assert_ne!(
        a.stdout,
        ap_project(&["--draws", "400", "--seed", "8", &file]).stdout
    );
    // Without --seed, the scenario's own seed: the same as giving it.
    assert_eq!(
        ap_project(&["--draws", "400", &file]).stdout,
        ap_project(&["--draws", "400", "--seed", "2026", &file]).stdout
    );
}

#[test]
fn bad_options_say_what_is_wrong_and_exit_2() {
    let file = example("dfe-three-tier");
    for (args, says) in [
        (vec!["--draws", "0", file.as_str()], "between 1 and 100,000"),
        (vec!["--draws", "many", file.as_str()], "not a whole number"),
        (
            vec!["--seed", "3", file.as_str()],
            "--seed goes with --draws",
        ),
        (vec!["--fast", file.as_str()], "unknown option --fast"),
        (vec!["--draws", "10"], "no file given"),
    ] {
        let out = ap_project(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
