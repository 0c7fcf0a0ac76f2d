//! The documentation's JSON is a scenario the engine reads. (The examples in docs/examples are
//! checked where they are compiled in, in `engine/src/examples.rs`; the `ap-project` command's
//! tests are in `exports/tests/cli.rs`.)

use std::path::PathBuf;

use ap_engine::file::scenario_from_json;

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
