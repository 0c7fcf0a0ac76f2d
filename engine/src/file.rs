//! Reading a scenario from JSON text, with the schema version checked first so that a file from
//! a newer app is refused with a clear reason rather than half-read. Older versions are migrated
//! here, one step at a time, as the format changes.

use serde_json::Value;
use thiserror::Error;

use crate::scenario::{Scenario, SCHEMA_VERSION};

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("this is not a scenario file: {0}")]
    NotJson(String),
    #[error("this scenario was made by a newer version of AP Planner (format {found}; this app reads up to {supported})")]
    FutureVersion { found: u64, supported: u32 },
    #[error("this scenario file is damaged: {0}")]
    BadShape(String),
}

/// Parse a scenario from JSON, migrating older formats. The result still needs validating.
pub fn scenario_from_json(text: &str) -> Result<Scenario, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson(e.to_string()))?;
    scenario_from_value(value)
}

/// As [`scenario_from_json`], from an already parsed value.
pub fn scenario_from_value(value: Value) -> Result<Scenario, ReadError> {
    if !value.is_object() {
        return Err(ReadError::BadShape("expected an object".into()));
    }
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .unwrap_or(u64::from(SCHEMA_VERSION));
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ReadError::FutureVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Version 1 is the first published format: nothing to migrate yet.
    let mut scenario: Scenario =
        serde_json::from_value(value).map_err(|e| ReadError::BadShape(e.to_string()))?;
    scenario.schema_version = SCHEMA_VERSION;
    Ok(scenario)
}

/// The scenario as pretty JSON, the format of saved files.
pub fn scenario_to_json(scenario: &Scenario) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(scenario).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn round_trips_the_examples() {
        for ex in examples::all() {
            let text = scenario_to_json(&ex);
            assert_eq!(scenario_from_json(&text).unwrap(), ex);
        }
    }

    #[test]
    fn refuses_future_versions_and_garbage() {
        assert!(matches!(
            scenario_from_json(r#"{"schema_version": 99}"#),
            Err(ReadError::FutureVersion { found: 99, .. })
        ));
        assert!(matches!(
            scenario_from_json("not json"),
            Err(ReadError::NotJson(_))
        ));
        assert!(matches!(
            scenario_from_json("[1,2]"),
            Err(ReadError::BadShape(_))
        ));
        assert!(matches!(
            scenario_from_json(r#"{"timeline": {"horizon": "five"}}"#),
            Err(ReadError::BadShape(_))
        ));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s = scenario_from_json(r#"{"meta": {"name": "Bare"}}"#).unwrap();
        assert_eq!(s.meta.name, "Bare");
        assert_eq!(s.timeline.horizon, 5);
        assert_eq!(s.schema_version, SCHEMA_VERSION);
    }
}
