//! How a scenario is kept in browser storage (and in `.json` files): a versioned envelope with
//! the time it was saved. Older forms are migrated when read; nothing here ever deletes.
//!
//! Format history:
//! - 0: the bare scenario JSON (the first app's autosaved draft), with no envelope;
//! - 1: `{"format": 1, "saved_at": <ms since 1970>, "scenario": {…}}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::file::{scenario_from_value, ReadError};
use crate::scenario::Scenario;

pub const STORE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub format: u32,
    /// When it was saved, in milliseconds since 1970 (0 when unknown, as for format 0).
    pub saved_at: f64,
    pub scenario: Scenario,
}

/// The text of a stored entry (or `.json` file) for `scenario` saved at `saved_at` (ms since 1970).
pub fn entry_text(scenario: &Scenario, saved_at: f64) -> String {
    let stored = Stored {
        format: STORE_FORMAT,
        saved_at,
        scenario: scenario.clone(),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&stored).unwrap_or_default()
}

/// Read a stored entry (or a `.json` file) of any known format, migrating older ones.
pub fn read_entry(text: &str) -> Result<Stored, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson(e.to_string()))?;
    let Some(object) = value.as_object() else {
        return Err(ReadError::BadShape("expected an object".into()));
    };
    match object.get("format").and_then(Value::as_u64) {
        // Format 0: a bare scenario.
        None => Ok(Stored {
            format: STORE_FORMAT,
            saved_at: 0.0,
            scenario: scenario_from_value(value)?,
        }),
        Some(1) => {
            let saved_at = object
                .get("saved_at")
                .and_then(Value::as_f64)
                .filter(|t| t.is_finite())
                .unwrap_or(0.0);
            let scenario = object
                .get("scenario")
                .cloned()
                .ok_or_else(|| ReadError::BadShape("no scenario in the saved entry".into()))?;
            Ok(Stored {
                format: STORE_FORMAT,
                saved_at,
                scenario: scenario_from_value(scenario)?,
            })
        }
        Some(found) => Err(ReadError::FutureVersion {
            found,
            supported: STORE_FORMAT,
        }),
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
            Err(ReadError::BadShape(_))
        ));
    }
}
