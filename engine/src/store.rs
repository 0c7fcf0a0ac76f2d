//! How a scenario is kept in browser storage (and in `.json` files): a versioned envelope with
//! the time it was saved. Older forms are migrated when read; nothing here ever deletes.
//!
//! Format history:
//! - 0: the bare scenario JSON (the first app's autosaved draft), with no envelope;
//! - 1: `{"format": 1, "saved_at": <ms since 1970>, "scenario": {…}}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::file::{self, read_value, ReadError, ReadWarning};
use crate::scenario::{Scenario, SCHEMA_VERSION};

pub const STORE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub format: u32,
    /// When it was saved, in milliseconds since 1970 (0 when unknown, as for format 0).
    pub saved_at: f64,
    pub scenario: Scenario,
}

/// A stored entry or file read from text, with the keys in it that nothing read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadEntry {
    pub stored: Stored,
    /// Unknown keys, in the envelope or the scenario (see [`file::ReadWarning`]).
    pub warnings: Vec<ReadWarning>,
    /// What migrating an older format changed or kept (see [`file::Read::notes`]).
    pub notes: Vec<String>,
}

/// The text of a stored entry (or `.json` file) for `scenario` saved at `saved_at` (ms since 1970).
#[inline]
pub fn entry_text(scenario: &Scenario, saved_at: f64) -> String {
    let stored = Stored {
        format: STORE_FORMAT,
        saved_at,
        scenario: scenario.clone(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&stored).unwrap_or_default()
}

/// An entry exactly as this app writes it ([`entry_text`]), read with plain serde: the quick read
/// the page makes when it opens, before the strict reader (with its exact messages) is fetched.
/// `None` for any other text (an older format, a hand-edited file, anything unreadable): read
/// those with [`read_entry`]. Because the text is the very writing of what was read, it has no
/// repeated or unknown keys and nothing to migrate, so [`read_entry`] gives the same entry for
/// every text this accepts (tested).
// `#[inline]` here and on `entry_text`: compiled in the crate that calls it, so the app builds
// this serde code for size (the engine itself is built for speed, see Cargo.toml); the page's
// first module is 16 KB (gzipped) smaller for it (BENCHMARKS.md).
#[inline]
pub fn read_as_written(text: &str) -> Option<Stored> {
    let stored: Stored = serde_json::from_str(text).ok()?;
    let current = stored.format == STORE_FORMAT && stored.scenario.schema_version == SCHEMA_VERSION;
    (current && entry_text(&stored.scenario, stored.saved_at) == text).then_some(stored)
}

/// Read a stored entry (or a `.json` file) of any known format, migrating older ones.
pub fn read_entry(text: &str) -> Result<Stored, ReadError> {
    read_entry_with_warnings(text).map(|read| read.stored)
}

/// Read a `.json` file the user chose (an entry saved from the app, or a bare scenario): refused
/// if its text is over [`file::MAX_FILE_BYTES`], then read as [`read_entry_with_warnings`].
/// The scenario still needs validating.
pub fn read_file(text: &str) -> Result<ReadEntry, ReadError> {
    file::check_file_size(text.len() as u64)?;
    read_entry_with_warnings(text)
}

/// As [`read_entry`], with the keys nothing read. Strict about the envelope: `format` must be a
/// whole number this app knows (`"1"`, `1.0` or `null` make the entry unreadable, never an empty
/// scenario), and an object with a `scenario` but no `format` is not taken for a bare scenario.
pub fn read_entry_with_warnings(text: &str) -> Result<ReadEntry, ReadError> {
    let text = file::without_bom(text);
    let value = file::parse(text)?;
    let Value::Object(mut object) = value else {
        return Err(ReadError::BadShape("expected an object".into()));
    };
    let Some(format) = object.get("format") else {
        if object.contains_key("scenario") {
            return Err(ReadError::BadShape(
                "the saved entry has a `scenario` but no `format`".into(),
            ));
        }
        // Format 0: a bare scenario.
        let read = read_value(Value::Object(object), Some(text), "")?;
        return Ok(ReadEntry {
            stored: Stored {
                format: STORE_FORMAT,
                saved_at: 0.0,
                scenario: read.scenario,
            },
            warnings: read.warnings,
            notes: read.notes,
        });
    };
    match format.as_u64() {
        Some(1) => {}
        Some(found) if found > u64::from(STORE_FORMAT) => {
            return Err(ReadError::FutureVersion {
                found,
                supported: STORE_FORMAT,
            })
        }
        _ => {
            return Err(ReadError::BadShape(format!(
                "the saved entry's `format` is {}, which is not a format this app wrote (a whole number, 1)",
                shown(format)
            )))
        }
    }
    let saved_at = match object.get("saved_at") {
        None | Some(Value::Null) => 0.0,
        Some(Value::Number(n)) => n.as_f64().filter(|t| t.is_finite()).unwrap_or(0.0),
        Some(other) => {
            return Err(ReadError::BadShape(format!(
                "the saved entry's `saved_at` is {}, not a time",
                shown(other)
            )))
        }
    };
    let scenario = object
        .remove("scenario")
        .ok_or_else(|| ReadError::BadShape("no scenario in the saved entry".into()))?;
    let read = read_value(scenario, Some(text), "scenario")?;
    // The envelope's own unknown keys come first, as they come first in the file.
    let mut warnings: Vec<ReadWarning> = object
        .keys()
        .filter(|k| !matches!(k.as_str(), "format" | "saved_at"))
        .take(20)
        .map(|key| ReadWarning {
            key: key.clone(),
            parent: String::new(),
            line: file::line_of(text, &[file::Seg::Key(key.clone())]),
            suggestion: None,
            more: 0,
        })
        .collect();
    warnings.extend(read.warnings);
    Ok(ReadEntry {
        stored: Stored {
            format: STORE_FORMAT,
            saved_at,
            scenario: read.scenario,
        },
        warnings,
        notes: read.notes,
    })
}

/// A JSON value as written, cut short: for a message about it.
fn shown(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 40 {
        format!("`{}…`", text.chars().take(39).collect::<String>())
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    /// The first app's autosaved draft: a bare scenario, as written before envelopes existed.
    const V0_FIXTURE: &str = include_str!("../tests/fixtures/v0-draft.json");

    #[test]
    fn a_v0_draft_is_migrated() {
        let stored = read_entry(V0_FIXTURE).unwrap();
        assert_eq!(stored.format, STORE_FORMAT);
        assert_eq!(stored.saved_at, 0.0);
        assert_eq!(stored.scenario.meta.name, "Draft from the first version");
        assert_eq!(stored.scenario.phases[1].pupils, 80_000.0);
        assert_eq!(crate::validate(&stored.scenario), Ok(()));
    }

    #[test]
    fn entry_text_and_read_entry_round_trip() {
        let s = examples::four_level_local();
        let stored = read_entry(&entry_text(&s, 1_764_000_000_000.0)).unwrap();
        assert_eq!(stored.scenario, s);
        assert_eq!(stored.saved_at, 1_764_000_000_000.0);
    }

    #[test]
    fn the_quick_read_takes_only_text_exactly_as_written() {
        let s = examples::four_level_local();
        let text = entry_text(&s, 1_764_000_000_000.0);
        let strict = read_entry(&text).unwrap();
        assert_eq!(read_as_written(&text), Some(strict.clone()));
        // Anything else goes to the strict reader, even when plain serde would read it: the same
        // entry written differently, with a key nothing reads, a key given twice, or an older form.
        let mut other_keys = serde_json::to_value(&strict).unwrap();
        other_keys["note"] = Value::from("kept by hand");
        let twice = text.replacen("\"saved_at\"", "\"saved_at\": 1,\n  \"saved_at\"", 1);
        let older = serde_json::to_string_pretty(&s).unwrap();
        let previous_schema = text.replacen(
            &format!("\"schema_version\": {SCHEMA_VERSION}"),
            &format!("\"schema_version\": {}", SCHEMA_VERSION - 1),
            1,
        );
        for other in [
            serde_json::to_string(&strict).unwrap(),
            text.replace("  ", "\t"),
            serde_json::to_string_pretty(&other_keys).unwrap(),
            twice,
            older,
            previous_schema,
            V0_FIXTURE.to_string(),
            format!("\u{feff}{text}"),
            String::new(),
        ] {
            assert_ne!(other, text);
            assert_eq!(read_as_written(&other), None, "{other:.80}");
        }
    }

    #[test]
    fn unreadable_and_future_entries_are_errors_not_guesses() {
        assert!(matches!(
            read_entry("{not json"),
            Err(ReadError::NotJson(_))
        ));
        assert!(matches!(read_entry("42"), Err(ReadError::BadShape(_))));
        assert!(matches!(
            read_entry(r#"{"format": 1}"#),
            Err(ReadError::BadShape(_))
        ));
        assert!(matches!(
            read_entry(r#"{"format": 7, "scenario": {}}"#),
            Err(ReadError::FutureVersion { found: 7, .. })
        ));
        assert!(matches!(
            read_entry(r#"{"format": 1, "scenario": {"timeline": {"horizon": "five"}}}"#),
            Err(ReadError::Mistake { path, .. }) if path == "scenario.timeline.horizon"
        ));
    }

    #[test]
    fn a_format_that_is_not_a_whole_number_makes_the_entry_unreadable() {
        let scenario = serde_json::to_string(&examples::dfe_three_tier()).unwrap();
        for format in ["\"1\"", "1.0", "null", "-1", "0", "true", "[1]", "{}"] {
            let text = format!(r#"{{"format": {format}, "saved_at": 5, "scenario": {scenario}}}"#);
            let e = read_entry(&text).unwrap_err();
            assert!(
                matches!(&e, ReadError::BadShape(m) if m.contains("`format`")),
                "{format}: {e:?}"
            );
        }
        // An envelope that lost its format is not a bare (empty) scenario.
        let text = format!(r#"{{"saved_at": 5, "scenario": {scenario}}}"#);
        assert!(matches!(read_entry(&text), Err(ReadError::BadShape(_))));
        let text = format!(r#"{{"format": 1, "saved_at": "yesterday", "scenario": {scenario}}}"#);
        assert!(matches!(read_entry(&text), Err(ReadError::BadShape(m)) if m.contains("saved_at")));
        let text = format!(r#"{{"format": 1, "saved_at": null, "scenario": {scenario}}}"#);
        assert_eq!(read_entry(&text).unwrap().saved_at, 0.0);
    }

    #[test]
    fn unknown_keys_in_an_entry_are_warnings_with_their_place() {
        let s = examples::dfe_three_tier();
        let mut text = entry_text(&s, 9.0);
        text = text.replacen("\"saved_at\"", "\"note\": \"hello\",\n  \"saved_at\"", 1);
        text = text.replacen("\"horizon\"", "\"horizn\": 3,\n    \"horizon\"", 1);
        let read = read_entry_with_warnings(&format!("\u{feff}{text}")).unwrap();
        assert_eq!(read.stored.scenario, s);
        let shown: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert_eq!(
            shown[0],
            "unknown field `note` at the top level (line 3), ignored"
        );
        assert!(
            shown[1].starts_with("unknown field `horizn` in `scenario.timeline` (line ")
                && shown[1].ends_with("ignored — did you mean `horizon`?"),
            "{}",
            shown[1]
        );
        let e = read_entry(r#"{"format": 1, "format": 1, "scenario": {}}"#).unwrap_err();
        assert!(matches!(e, ReadError::DuplicateKey { .. }), "{e:?}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let big = format!(
            "{{\"meta\": {{\"description\": \"{}\"}}}}",
            "x".repeat(file::MAX_FILE_BYTES)
        );
        assert!(matches!(read_file(&big), Err(ReadError::TooLarge { .. })));
        // A stored entry is the user's own work: it is read whatever its size.
        assert!(read_entry(&big).is_ok());
    }
}
