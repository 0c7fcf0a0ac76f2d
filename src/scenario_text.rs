//! Reading scenario text, whatever it came from (a file, a saved entry or the draft, a link), with
//! one error type: parsed, older formats migrated, and, for anything from outside this browser,
//! validated exactly like typed values. Pure: no browser, so it is tested natively.

use ap_engine::file::ReadError;
use ap_engine::link::{self, LinkError, SharedComparison};
use ap_engine::store::{self, read_entry, Stored};
use ap_engine::{validate, Scenario, ValidationErrors};
use thiserror::Error;

/// Where scenario text came from, which decides how it is read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `.json` file chosen or dropped: a stored envelope or a bare scenario, validated.
    File,
    /// A saved entry or the autosaved draft in this browser. It is the user's own work and may
    /// be half-edited, so it is read but not validated: it opens with its problems listed, as it
    /// was left.
    Stored,
    /// The token of a share link (what follows `#s=`): bounded, decoded and validated.
    Link,
}

#[derive(Debug, Error)]
pub enum ScenarioTextError {
    /// Not a scenario this app can read (not JSON, damaged, or from a newer version).
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    /// A readable scenario that does not validate (files; links report theirs as
    /// [`LinkError::Invalid`]).
    #[error("the scenario in it has problems: {}", first_problems(.0))]
    Invalid(ValidationErrors),
    /// A damaged, cut-short, too-long or too-new link.
    #[error(transparent)]
    Link(#[from] LinkError),
}

/// The first three problems, for a one-line message.
fn first_problems(errors: &ValidationErrors) -> String {
    errors
        .0
        .iter()
        .take(3)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The scenario in `text` from `source`, read and checked.
pub fn read_scenario(text: &str, source: Source) -> Result<Scenario, ScenarioTextError> {
    match source {
        Source::File => Ok(read_file(text)?.scenario),
        Source::Stored => Ok(read_stored(text)?.scenario),
        Source::Link => Ok(link::decode(text)?),
    }
}

/// A file's scenario, with what was ignored in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub scenario: Scenario,
    /// Keys in the file that no field reads, one plain sentence each ("unknown field `horizn` in
    /// `timeline` (line 7), ignored — did you mean `horizon`?"), to show after opening it.
    pub warnings: Vec<String>,
    /// What bringing an older format up to date changed or kept, one sentence each.
    pub notes: Vec<String>,
}

/// The scenario in a file's `text` (as [`Source::File`]): refused if over
/// [`ap_engine::file::MAX_FILE_BYTES`] (check the file's size with
/// [`ap_engine::file::check_file_size`] before reading it, too), read strictly (a key given
/// twice or a value of the wrong type is an error naming it and its line), then validated; keys
/// nothing reads come back as warnings.
pub fn read_file(text: &str) -> Result<Opened, ScenarioTextError> {
    let read = store::read_file(text)?;
    let scenario = read.stored.scenario;
    validate(&scenario).map_err(ScenarioTextError::Invalid)?;
    Ok(Opened {
        scenario,
        warnings: read.warnings.iter().map(|w| w.to_string()).collect(),
        notes: read.notes,
    })
}

/// A saved entry or draft with the time it was saved (not validated: see [`Source::Stored`]).
pub fn read_stored(text: &str) -> Result<Stored, ScenarioTextError> {
    Ok(read_entry(text)?)
}

/// The scenarios of a comparison link's token (what follows `#c=`), each validated.
pub fn read_comparison(token: &str) -> Result<SharedComparison, ScenarioTextError> {
    Ok(link::decode_comparison(token)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ap_engine::examples;
    use ap_engine::store::entry_text;

    #[test]
    fn a_file_is_read_migrated_and_validated() {
        let s = examples::four_level_local();
        assert_eq!(
            read_scenario(&entry_text(&s, 5.0), Source::File).unwrap(),
            s
        );
        // A bare scenario (the first app's format) is read too.
        let bare = serde_json::to_string(&s).unwrap();
        assert_eq!(read_scenario(&bare, Source::File).unwrap(), s);

        let mut bad = s.clone();
        bad.timeline.horizon = 40;
        let e = read_scenario(&entry_text(&bad, 5.0), Source::File).unwrap_err();
        assert!(matches!(e, ScenarioTextError::Invalid(_)));
        assert!(
            e.to_string()
                .starts_with("the scenario in it has problems: "),
            "{e}"
        );
        assert!(matches!(
            read_scenario("{not json", Source::File),
            Err(ScenarioTextError::Unreadable(ReadError::NotJson(_)))
        ));
    }

    #[test]
    fn a_file_says_what_it_ignored_and_what_is_wrong_with_it() {
        let s = examples::dfe_three_tier();
        let text = format!(
            "\u{feff}{}",
            entry_text(&s, 5.0).replacen("\"horizon\"", "\"horizn\": 9,\n    \"horizon\"", 1)
        );
        let opened = read_file(&text).unwrap();
        assert_eq!(opened.scenario, s);
        assert_eq!(opened.warnings.len(), 1);
        assert!(
            opened.warnings[0].starts_with("unknown field `horizn` in `scenario.timeline` (line ")
                && opened.warnings[0].ends_with(", ignored — did you mean `horizon`?"),
            "{}",
            opened.warnings[0]
        );
        let e = read_file(r#"{"timeline": {"horizon": 5, "horizon": 6}}"#).unwrap_err();
        assert!(
            e.to_string().contains("the key `horizon` appears twice"),
            "{e}"
        );
        let e = read_file(r#"{"format": 1.0, "scenario": {}}"#).unwrap_err();
        assert!(e.to_string().contains("`format` is `1.0`"), "{e}");
        let big = " ".repeat(ap_engine::file::MAX_FILE_BYTES + 1);
        let e = read_scenario(&big, Source::File).unwrap_err();
        assert!(
            matches!(e, ScenarioTextError::Unreadable(ReadError::TooLarge { .. })),
            "{e}"
        );
        assert!(
            e.to_string().contains("a scenario file is at most 2 MB"),
            "{e}"
        );
    }

    #[test]
    fn a_stored_entry_keeps_its_problems_to_be_fixed() {
        let mut half_edited = examples::default_scenario();
        half_edited.timeline.horizon = 40;
        let text = entry_text(&half_edited, 7.0);
        assert_eq!(read_scenario(&text, Source::Stored).unwrap(), half_edited);
        assert_eq!(read_stored(&text).unwrap().saved_at, 7.0);
        let e = read_stored(r#"{"format": 7, "scenario": {}}"#).unwrap_err();
        assert!(e.to_string().contains("newer version"), "{e}");
    }

    #[test]
    fn a_link_says_what_is_wrong_with_it() {
        let s = examples::dfe_early_intervention();
        assert_eq!(read_scenario(&link::encode(&s), Source::Link).unwrap(), s);
        let e = read_scenario("9.abc", Source::Link).unwrap_err();
        assert!(matches!(
            e,
            ScenarioTextError::Link(LinkError::FutureFormat(9))
        ));
        assert!(e.to_string().contains("newer version of AP Planner"), "{e}");
        assert!(matches!(
            read_comparison(&link::encode(&s)),
            Err(ScenarioTextError::Link(_))
        ));
    }
}
