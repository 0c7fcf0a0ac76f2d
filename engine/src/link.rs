//! Share links: a whole scenario in the URL fragment (never sent to a server), as
//! `#s=1.<base64url of raw-deflate-compressed JSON>`. The number before the dot is the link
//! format, so a later app can read old links and refuse newer ones clearly.
//!
//! Decoding is bounded: a token longer than [`MAX_TOKEN_CHARS`] is refused before any work,
//! inflating stops at [`MAX_JSON_BYTES`], and parsing stops past [`crate::file::MAX_VALUES`]
//! values (with the file reader's strictness: a key given twice is refused), so a crafted link
//! cannot exhaust memory. A decoded scenario still goes through the same validation as anything
//! typed, which is bounded and linear: the slowest link these limits allow decodes and validates
//! in about 30 ms natively (`BENCHMARKS.md`, "Worst cases").

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use thiserror::Error;

use crate::file::{parse, scenario_from_value};
use crate::scenario::Scenario;
use crate::validate::{validate, ValidationErrors};

/// The link format this app writes.
pub const LINK_FORMAT: u32 = 1;
/// The fragment key: `#s=<token>`.
pub const FRAGMENT_KEY: &str = "s=";
/// The fragment key of a comparison: `#c=<token>`.
pub const COMPARISON_KEY: &str = "c=";
/// Longest token accepted (characters), far above any real scenario's.
pub const MAX_TOKEN_CHARS: usize = 200_000;
/// Largest scenario JSON a link may inflate to.
pub const MAX_JSON_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Error, PartialEq)]
pub enum LinkError {
    #[error("the link has no scenario in it")]
    Empty,
    #[error("the link is too long to be a scenario ({0} characters)")]
    TooLong(usize),
    #[error("the link was made by a newer version of AP Planner (link format {0}); open it in the newer version")]
    FutureFormat(u32),
    #[error("the link is damaged or incomplete (it may have been cut short when copied)")]
    Garbled,
    #[error("the scenario in the link is too large to open")]
    TooLarge,
    #[error("the link does not hold a readable scenario: {0}")]
    NotAScenario(String),
    #[error("the scenario in the link has problems: {}", .0.0.iter().take(3).map(|i| i.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(ValidationErrors),
}

/// The token for a scenario (what follows `#s=`).
pub fn encode(s: &Scenario) -> String {
    // Serialising plain structs cannot fail; compact JSON keeps links short.
    pack(&serde_json::to_vec(s).unwrap_or_default())
}

/// The JSON inside a token: format checked, size bounded.
fn unpack(token: &str) -> Result<String, LinkError> {
    let token = token.trim();
    if token.is_empty() {
        return Err(LinkError::Empty);
    }
    if token.len() > MAX_TOKEN_CHARS {
        return Err(LinkError::TooLong(token.len()));
    }
    let (format, body) = token.split_once('.').ok_or(LinkError::Garbled)?;
    let format: u32 = format.parse().map_err(|_| LinkError::Garbled)?;
    if format > LINK_FORMAT {
        return Err(LinkError::FutureFormat(format));
    }
    if format == 0 {
        return Err(LinkError::Garbled);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| LinkError::Garbled)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Garbled,
        })?;
    String::from_utf8(json).map_err(|_| LinkError::Garbled)
}

fn pack(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 9);
    format!("{LINK_FORMAT}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A scenario read from a link: parsed, migrated and validated like anything typed.
fn checked(value: serde_json::Value) -> Result<Scenario, LinkError> {
    let scenario =
        scenario_from_value(value).map_err(|e| LinkError::NotAScenario(e.to_string()))?;
    validate(&scenario).map_err(LinkError::Invalid)?;
    Ok(scenario)
}

/// The scenario in a token, checked and validated.
pub fn decode(token: &str) -> Result<Scenario, LinkError> {
    let text = unpack(token)?;
    let value = parse(&text).map_err(|e| LinkError::NotAScenario(e.to_string()))?;
    checked(value)
}

/// Scenarios compared in one link, and which is the baseline (the figures are worked out again
/// from them: see [`crate::compare::Comparison`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedComparison {
    pub baseline: usize,
    pub scenarios: Vec<Scenario>,
}

/// The token for a comparison (what follows `#c=`): every scenario in it, in one link.
pub fn encode_comparison(c: &SharedComparison) -> String {
    pack(&serde_json::to_vec(c).unwrap_or_default())
}

/// The comparison in a token: two to four valid scenarios and a baseline among them.
pub fn decode_comparison(token: &str) -> Result<SharedComparison, LinkError> {
    let text = unpack(token)?;
    let value = parse(&text).map_err(|e| LinkError::NotAScenario(e.to_string()))?;
    let baseline = value
        .get("baseline")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| LinkError::NotAScenario("no baseline".into()))? as usize;
    let list = value
        .get("scenarios")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| LinkError::NotAScenario("no scenarios".into()))?;
    if !(2..=4).contains(&list.len()) || baseline >= list.len() {
        return Err(LinkError::NotAScenario(format!(
            "a comparison needs two to four scenarios and a baseline among them ({} found)",
            list.len()
        )));
    }
    let scenarios = list
        .iter()
        .cloned()
        .map(checked)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SharedComparison {
        baseline,
        scenarios,
    })
}

/// The token in a URL fragment (`#s=…`, with or without the `#`), if the fragment is a share link.
pub fn token_in_fragment(fragment: &str) -> Option<&str> {
    fragment.trim_start_matches('#').strip_prefix(FRAGMENT_KEY)
}

/// The token in a URL fragment if it is a comparison link (`#c=…`).
pub fn comparison_in_fragment(fragment: &str) -> Option<&str> {
    fragment
        .trim_start_matches('#')
        .strip_prefix(COMPARISON_KEY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use proptest::prelude::*;

    #[test]
    fn the_examples_round_trip_and_stay_short() {
        for s in examples::all() {
            let token = encode(&s);
            assert!(token.starts_with("1."));
            assert!(token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
            assert_eq!(decode(&token), Ok(s));
        }
        let default = encode(&examples::default_scenario());
        assert!(default.len() < 1_900, "{} characters", default.len());
    }

    #[test]
    fn every_malformed_link_gets_its_own_error() {
        let good = encode(&examples::default_scenario());
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("1."), Err(LinkError::Garbled));
        // Truncated, as by an email client.
        assert_eq!(decode(&good[..good.len() / 2]), Err(LinkError::Garbled));
        // Altered: one character changed in the middle.
        let mut altered = good.clone().into_bytes();
        let mid = altered.len() / 2;
        altered[mid] = if altered[mid] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).unwrap();
        assert!(matches!(
            decode(&altered),
            Err(LinkError::Garbled | LinkError::NotAScenario(_) | LinkError::Invalid(_))
        ));
        assert_eq!(decode("not a link at all"), Err(LinkError::Garbled));
        assert_eq!(decode("x.AAAA"), Err(LinkError::Garbled));
        assert_eq!(decode("1.!!!!"), Err(LinkError::Garbled));
        assert_eq!(
            decode(&format!("2.{}", &good[2..])),
            Err(LinkError::FutureFormat(2))
        );
        assert!(matches!(
            decode(&"A".repeat(MAX_TOKEN_CHARS + 1)),
            Err(LinkError::TooLong(_))
        ));

        // A bomb: 3 MiB of zeros compresses to a few kilobytes.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 3 * 1024 * 1024], 9);
        let token = format!("1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(token.len() < MAX_TOKEN_CHARS);
        assert_eq!(decode(&token), Err(LinkError::TooLarge));

        // Valid compression of something that is not a scenario.
        let other = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 9))
        );
        assert!(matches!(decode(&other), Err(LinkError::NotAScenario(_))));

        // A scenario that does not validate.
        let mut bad = examples::default_scenario();
        bad.timeline.horizon = 99;
        assert!(matches!(decode(&encode(&bad)), Err(LinkError::Invalid(_))));

        // A scenario from a newer app.
        let mut newer = serde_json::to_value(examples::default_scenario()).unwrap();
        newer["schema_version"] = 9.into();
        let packed = miniz_oxide::deflate::compress_to_vec(newer.to_string().as_bytes(), 9);
        let token = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(
            matches!(decode(&token), Err(LinkError::NotAScenario(m)) if m.contains("newer version"))
        );
    }

    #[test]
    fn fragments_are_recognised() {
        assert_eq!(token_in_fragment("#s=1.abc"), Some("1.abc"));
        assert_eq!(token_in_fragment("s=1.abc"), Some("1.abc"));
        assert_eq!(token_in_fragment("#main"), None);
        assert_eq!(token_in_fragment(""), None);
    }

    #[test]
    fn a_comparison_travels_in_one_link() {
        let c = SharedComparison {
            baseline: 1,
            scenarios: vec![
                examples::dfe_early_intervention(),
                examples::dfe_three_tier(),
            ],
        };
        let token = encode_comparison(&c);
        // Well inside what browsers, mail and chat tools carry in a link (several thousand characters).
        assert!(token.len() < 2_400, "{}", token.len());
        assert_eq!(decode_comparison(&token), Ok(c));
        assert_eq!(comparison_in_fragment("#c=1.x"), Some("1.x"));

        let one = SharedComparison {
            baseline: 0,
            scenarios: vec![examples::dfe_three_tier()],
        };
        assert!(matches!(
            decode_comparison(&encode_comparison(&one)),
            Err(LinkError::NotAScenario(_))
        ));
        let out_of_range = SharedComparison {
            baseline: 5,
            scenarios: vec![examples::dfe_three_tier(), examples::blank()],
        };
        assert!(matches!(
            decode_comparison(&encode_comparison(&out_of_range)),
            Err(LinkError::NotAScenario(_))
        ));
        let mut bad = examples::dfe_three_tier();
        bad.tiers.clear();
        let invalid = SharedComparison {
            baseline: 0,
            scenarios: vec![examples::dfe_three_tier(), bad],
        };
        assert!(matches!(
            decode_comparison(&encode_comparison(&invalid)),
            Err(LinkError::Invalid(_))
        ));
        // A single-scenario link is not a comparison, and the other way round.
        assert!(decode_comparison(&encode(&examples::dfe_three_tier())).is_err());
        assert!(decode(&token).is_err());
    }

    proptest! {
        #[test]
        fn any_valid_scenario_round_trips(
            name in "[^\u{0}]{1,40}",
            pupils in 0.0..1_000_000.0f64,
            rate in 0.0..50.0f64,
            horizon in 1..=15u32,
        ) {
            let mut s = examples::dfe_early_intervention();
            s.meta.name = if name.trim().is_empty() { "x".into() } else { name };
            s.phases[0].pupils = pupils;
            s.tiers[1].phases[1].referral_rate = rate;
            s.timeline.horizon = horizon;
            prop_assert_eq!(decode(&encode(&s)), Ok(s));
        }

        #[test]
        fn decoding_never_panics(token in ".{0,400}") {
            let _ = decode(&token);
        }
    }
}
