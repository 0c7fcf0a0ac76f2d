//! Built-in example scenarios. Their one source is the JSON files in `docs/examples/`, compiled
//! into the engine with `include_str!` and read by the engine's own file reader, so the app, the
//! `ap-project` command, the browser tests and the documentation all use the same figures.
//! `docs/examples/README.md` gives each figure's source or the reasoning behind it; where no
//! national figure exists (reintegration rates, the price of independent AP) the value is an
//! assumption for the user to replace with their own.
//!
//! A bundled file that does not read is a programming error, caught before release by the tests
//! below (every example parses, validates, projects and round-trips). At run time a failure
//! falls back to [`blank`] rather than panicking: the texts are constants, so the fallback can
//! only be reached by a build that those tests would have failed, and an app that opens on a
//! blank scenario is still usable where a panic would stop it.

use crate::scenario::{
    Budget, Meta, OverCapacity, Phase, Scenario, Tier, TierPhase, Timeline, SCHEMA_VERSION,
};

/// A built-in example: a stable key (used in links and the app, and the name of its file in
/// `docs/examples/`), a title and the scenario.
pub struct Example {
    pub key: &'static str,
    pub title: &'static str,
    pub build: fn() -> Scenario,
}

pub const EXAMPLES: [Example; 3] = [
    Example {
        key: "dfe-three-tier",
        title: "DfE three tiers, current trends",
        build: dfe_three_tier,
    },
    Example {
        key: "dfe-early-intervention",
        title: "DfE three tiers with early intervention",
        build: dfe_early_intervention,
    },
    Example {
        key: "four-level-local",
        title: "Four-level local model with a capacity shortfall",
        build: four_level_local,
    },
];

const DFE_THREE_TIER: &str = include_str!("../../docs/examples/dfe-three-tier.json");
const DFE_EARLY_INTERVENTION: &str =
    include_str!("../../docs/examples/dfe-early-intervention.json");
const FOUR_LEVEL_LOCAL: &str = include_str!("../../docs/examples/four-level-local.json");
const LARGE_BENCHMARK: &str = include_str!("../../docs/examples/large-benchmark.json");

/// The scenario in a bundled file (see the module documentation for why not `expect`), read
/// with plain serde: the files are this crate's own, at the current schema, and a test checks
/// that the strict reader gives exactly the same scenarios. So the page can open an example
/// without the strict reader, which it fetches later.
// `#[inline]` on this and the examples below: see `store::read_as_written`.
#[inline]
fn bundled(json: &str) -> Scenario {
    serde_json::from_str(json).unwrap_or_else(|_| blank())
}

/// Every built-in example scenario.
#[inline]
pub fn all() -> Vec<Scenario> {
    EXAMPLES.iter().map(|e| (e.build)()).collect()
}

/// The example a new user sees first.
#[inline]
pub fn default_scenario() -> Scenario {
    dfe_three_tier()
}

/// (a) The DfE three-tier model for a mid-sized LA (125,000 pupils) with current trends.
#[inline]
pub fn dfe_three_tier() -> Scenario {
    bundled(DFE_THREE_TIER)
}

/// (b) Example (a) with an early-intervention investment in Tier 1 that reduces step-ups and
/// permanent exclusions.
#[inline]
pub fn dfe_early_intervention() -> Scenario {
    bundled(DFE_EARLY_INTERVENTION)
}

/// (c) A four-level local model (after the 2018 city strategy) whose PRU is short of places, so
/// the shortfall is bought from independent providers.
#[inline]
pub fn four_level_local() -> Scenario {
    bundled(FOUR_LEVEL_LOCAL)
}

/// A deliberately large scenario for benchmarks and the browser latency measurement: 15 years,
/// 8 tiers, 4 phases, 30 providers and 10 interventions. Its figures are made up; only its size
/// matters.
pub fn large_benchmark() -> Scenario {
    bundled(LARGE_BENCHMARK)
}

/// A nearly empty scenario to start from: one phase and one tier, all figures zero. Kept in
/// Rust, not JSON: it is small, and it is the fallback should a bundled file not read.
pub fn blank() -> Scenario {
    Scenario {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            name: "New scenario".into(),
            description: String::new(),
            area: String::new(),
        },
        timeline: Timeline::default(),
        phases: vec![Phase {
            id: "all".into(),
            name: "All pupils".into(),
            ..Phase::default()
        }],
        tiers: vec![Tier {
            id: "tier1".into(),
            name: "Tier 1".into(),
            phases: vec![TierPhase {
                phase: "all".into(),
                referral_rate: 0.0,
                exclusion_rate: 0.0,
                start_pupils: 0.0,
            }],
            over_capacity: OverCapacity::Spot,
            ..Tier::default()
        }],
        interventions: vec![],
        other_costs: vec![],
        budget: Budget::default(),
        ..Scenario::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::{scenario_from_json, scenario_to_json};

    /// Every bundled file, by key: the three examples and the large benchmark scenario.
    const BUNDLED: [(&str, &str); 4] = [
        ("dfe-three-tier", DFE_THREE_TIER),
        ("dfe-early-intervention", DFE_EARLY_INTERVENTION),
        ("four-level-local", FOUR_LEVEL_LOCAL),
        ("large-benchmark", LARGE_BENCHMARK),
    ];

    #[test]
    fn every_bundled_example_parses_validates_projects_and_round_trips() {
        for (key, json) in BUNDLED {
            // Read strictly here: the run-time fallback must never be what a user gets.
            let s = scenario_from_json(json).unwrap_or_else(|e| panic!("{key}: {e}"));
            assert_eq!(crate::validate(&s), Ok(()), "{key}");
            let pr = crate::project(&s).unwrap_or_else(|e| panic!("{key}: {e:?}"));
            assert!(pr.warnings.is_empty(), "{key}: {:?}", pr.warnings);
            assert_eq!(
                scenario_from_json(&scenario_to_json(&s)).unwrap(),
                s,
                "{key}"
            );
            // The page reads them with plain serde (`bundled`): it must give the same scenario.
            assert_eq!(bundled(json), s, "{key}: plain and strict reads differ");
            assert!(!s.meta.name.is_empty(), "{key} has a name");
            assert!(!s.meta.description.is_empty(), "{key} says what it is");
            assert_ne!(s, blank(), "{key}");
        }
        assert_eq!(crate::validate(&blank()), Ok(()));
    }

    #[test]
    fn each_key_is_its_file() {
        for ex in &EXAMPLES {
            let (_, json) = BUNDLED
                .iter()
                .find(|(key, _)| *key == ex.key)
                .unwrap_or_else(|| panic!("no file for {}", ex.key));
            assert_eq!(
                (ex.build)(),
                scenario_from_json(json).unwrap(),
                "{}",
                ex.key
            );
        }
        assert_eq!(
            large_benchmark(),
            scenario_from_json(LARGE_BENCHMARK).unwrap()
        );
    }

    #[test]
    fn the_benchmark_scenario_is_large() {
        let s = large_benchmark();
        assert_eq!(s.timeline.horizon, 15);
        assert_eq!((s.tiers.len(), s.phases.len()), (8, 4));
        let providers: usize = s.tiers.iter().map(|t| t.providers.len()).sum();
        assert_eq!((providers, s.interventions.len()), (30, 10));
    }
}
