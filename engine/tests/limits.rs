//! Nothing hangs: validation is bounded and linear in what it is given, every list and text has a
//! limit named in its message, the largest valid scenario fits in a file, and the hardest links
//! the decoder accepts are read without a panic. No assertion here depends on the machine's
//! speed: work is compared between sizes of the same input (a time ratio, with a bound far from
//! what quadratic work would give), never against a fixed time.

mod support;

use std::time::{Duration, Instant};

use ap_engine::address::Field;
use ap_engine::fields::{self, Kind, Value};
use ap_engine::file::MAX_FILE_BYTES;
use ap_engine::link::{self, LinkError};
use ap_engine::store::{entry_text, read_file};
use ap_engine::validate::{
    Problem, MAX_COST_LINES, MAX_DESCRIPTION, MAX_INTERVENTIONS, MAX_PHASES, MAX_PROVIDERS,
    MAX_RANGES, MAX_TEXT, MAX_TIERS,
};
use ap_engine::{examples, project, project_valid, validate, Issue};
use proptest::prelude::*;
use support::{adversarial, largest_valid, long_text, most_messages, worst_links};

fn issues(s: &ap_engine::Scenario) -> Vec<Issue> {
    validate(s).err().map(|e| e.0).unwrap_or_default()
}

/// The fastest of `runs` timings of `f` (the least disturbed by anything else on the machine).
fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn every_list_over_its_limit_is_reported_once_and_its_items_past_the_limit_are_not_checked() {
    let small = issues(&adversarial(400));
    let large = issues(&adversarial(4_000));
    for (path, max) in [
        ("phases", MAX_PHASES),
        ("tiers", MAX_TIERS),
        ("tiers.0.providers", MAX_PROVIDERS),
        ("tiers.0.phases", MAX_PHASES),
        ("interventions", MAX_INTERVENTIONS),
        ("other_costs", MAX_COST_LINES),
        ("workshop", ap_engine::workshop::MAX_LEVERS),
        ("ranges", MAX_RANGES),
        ("phases.0.overrides", 15),
        ("tiers.0.providers.0.places", 15),
    ] {
        let over: Vec<&Issue> = large
            .iter()
            .filter(|i| i.path == path && matches!(i.problem, Problem::TooMany { .. }))
            .collect();
        assert_eq!(over.len(), 1, "{path}: {over:?}");
        assert!(
            over[0].to_string().contains(&format!("at most {max} ")),
            "{}",
            over[0]
        );
    }
    // Ten times the items, the same messages: nothing past a limit is looked at.
    assert_eq!(small, large);
    // And no message grows with the input (ids, names and references are cut short).
    let longest = large.iter().map(|i| i.to_string().len()).max().unwrap();
    assert!(longest < 1_200, "{longest}");
}

#[test]
fn validation_time_grows_at_most_linearly_with_the_input() {
    // Eight times the items (and bytes): linear work takes at most about eight times as long, quadratic
    // work (what validation did before) sixty-four times. The bound sits between the two.
    let (small, large) = (adversarial(500), adversarial(4_000));
    let t_small = fastest(7, || drop(validate(&small)));
    let t_large = fastest(7, || drop(validate(&large)));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 24.0,
        "{t_small:?} → {t_large:?}: {ratio:.1} times for 8 times the input"
    );
}

#[test]
fn decoding_time_grows_at_most_linearly_with_the_link() {
    let phases = |n: usize| {
        support::token_for(format!("{{\"phases\":[{}]}}", vec!["{}"; n].join(",")).as_bytes())
    };
    let (small, large) = (phases(10_000), phases(80_000));
    let t_small = fastest(5, || drop(link::decode(&small)));
    let t_large = fastest(5, || drop(link::decode(&large)));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    assert!(ratio < 24.0, "{t_small:?} → {t_large:?}: {ratio:.1}");
}

#[test]
fn every_text_input_has_a_limit_named_in_its_message() {
    let mut s = examples::dfe_early_intervention();
    s.workshop = ap_engine::workshop::suggested(&s);
    s.other_costs.push(ap_engine::scenario::FixedCost {
        name: "Central team".into(),
        amount: 1.0,
        first_year: 2026,
        last_year: 2027,
        ..ap_engine::scenario::FixedCost::default()
    });
    assert_eq!(validate(&s), Ok(()));
    let texts: Vec<Field> = fields::all(&s)
        .into_iter()
        .filter(|f| matches!(f.spec().kind, Kind::Text { .. }))
        .collect();
    assert!(texts.len() > 10, "{texts:?}");
    for field in texts {
        let max = if field.to_string() == "meta.description" {
            MAX_DESCRIPTION
        } else {
            MAX_TEXT
        };
        for (len, wrong) in [(max, false), (max + 1, true)] {
            let mut t = s.clone();
            field
                .set(&mut t, Value::Text("x".repeat(len)))
                .unwrap_or_else(|e| panic!("{field}: {e}"));
            let found: Vec<Issue> = issues(&t)
                .into_iter()
                .filter(|i| i.field == Some(field))
                .collect();
            if wrong {
                assert_eq!(found.len(), 1, "{field}: {found:?}");
                let message = found[0].to_string();
                let limit = ap_engine::format::number(max as f64, 0);
                assert!(
                    message.ends_with(&format!("can have at most {limit} characters")),
                    "{message}"
                );
            } else {
                assert_eq!(found, vec![], "{field} at {len} characters");
            }
        }
    }
    // Ids and references have the same limit.
    let mut t = s.clone();
    t.phases[0].id = "x".repeat(MAX_TEXT + 1);
    t.tiers[0].id = "y".repeat(MAX_TEXT + 1);
    t.interventions[0].id = "z".repeat(MAX_TEXT + 1);
    t.tiers[1].providers[0].id = "w".repeat(MAX_TEXT + 1);
    let paths: Vec<String> = issues(&t)
        .into_iter()
        .filter(|i| matches!(i.problem, Problem::TooMany { .. }))
        .map(|i| i.path)
        .collect();
    for path in [
        "phases.0.id",
        "tiers.0.id",
        "interventions.0.id",
        "tiers.1.providers.0.id",
    ] {
        assert!(paths.iter().any(|p| p == path), "{path}: {paths:?}");
    }
}

#[test]
fn the_largest_valid_scenario_fits_in_a_file_and_reads_back() {
    let s = largest_valid();
    assert_eq!(validate(&s), Ok(()));
    let text = entry_text(&s, 1.0);
    assert!(
        text.len() < MAX_FILE_BYTES,
        "{} bytes, over the limit of {MAX_FILE_BYTES}",
        text.len()
    );
    let read = read_file(&text).unwrap();
    assert_eq!(read.stored.scenario, s);
    // It holds about 30,000 values (as the message for too many says): four fit in one link's
    // comparison within the reader's limit.
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(o) => o.len() + o.values().map(count).sum::<usize>(),
            _ => 0,
        }
    }
    let values = count(&serde_json::to_value(&s).unwrap());
    assert!((28_000..=32_000).contains(&values), "{values}");
    assert!(4 * values < ap_engine::file::MAX_VALUES);
    assert_eq!(read.warnings, vec![]);
    let pr = project(&s).unwrap();
    assert!(pr.summaries.iter().all(|y| y.total_spend.is_finite()));
    // Its link is longer than a link may be: refused as too long, never misread.
    match link::decode(&link::encode(&s)) {
        Ok(back) => assert_eq!(back, s),
        Err(e) => assert!(matches!(e, LinkError::TooLong(_)), "{e:?}"),
    }
}

#[test]
fn the_hardest_links_the_decoder_accepts_are_read_without_a_panic() {
    for (name, token) in worst_links() {
        match link::decode(&token) {
            Ok(s) => {
                let pr = project_valid(&s);
                assert!(
                    pr.summaries.iter().all(|y| y.total_spend.is_finite()),
                    "{name}"
                );
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.len() < 2_000, "{name}: {}", message.len());
            }
        }
    }
    // Every limit full of wrong values is the most messages there can be: all of them bounded.
    let all = issues(&most_messages());
    assert!(all.len() > 10_000 && all.len() < 20_000, "{}", all.len());
}

#[test]
fn long_names_are_cut_short_in_every_message_about_their_item() {
    let mut s = examples::dfe_three_tier();
    s.tiers[1].name = long_text(100_000);
    s.tiers[1].stay_weeks = -1.0;
    s.tiers[1].providers[0].places = vec![-1.0; 15];
    let found = issues(&s);
    assert!(found.len() > 10);
    for issue in found {
        assert!(issue.label.chars().count() < 500, "{}", issue.label.len());
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z]{1,8}",
        (190usize..210).prop_map(long_text),
        Just("p0".to_string()),
        Just("p1".to_string()),
    ]
}

fn arb_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -10.0..1_000.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-1e300),
        Just(0.0),
    ]
}

prop_compose! {
    /// A scenario with lists from empty to past their limit, ids from a small pool (so
    /// they repeat and dangle), and numbers in and out of range.
    fn arb_adversarial()(
        phases in prop::collection::vec((arb_text(), arb_text(), arb_number(), prop::collection::vec(prop::option::of(arb_number()), 0..18)), 0..(MAX_PHASES + 4)),
        tiers in prop::collection::vec((arb_text(), arb_number(), prop::collection::vec((arb_text(), arb_number()), 0..(MAX_PHASES + 4)), prop::collection::vec((arb_text(), prop::option::of(arb_text()), prop::collection::vec(arb_number(), 0..18)), 0..(MAX_PROVIDERS + 4))), 0..(MAX_TIERS + 4)),
        interventions in prop::collection::vec((arb_text(), arb_text(), prop::option::of(arb_text()), arb_number(), any::<i32>()), 0..(MAX_INTERVENTIONS + 4)),
        first_year in prop_oneof![Just(i32::MAX), Just(i32::MIN), 2000..2100i32],
        horizon in prop_oneof![Just(u32::MAX), 0..20u32],
    ) -> ap_engine::Scenario {
        use ap_engine::scenario::*;
        let mut s = examples::dfe_three_tier();
        s.timeline.first_year = first_year;
        s.timeline.horizon = horizon;
        s.phases = phases.into_iter().map(|(id, name, pupils, overrides)| Phase { id, name, pupils, growth_pct: 1.0, overrides, ..Phase::default() }).collect();
        s.tiers = tiers.into_iter().map(|(id, stay, lines, providers)| Tier {
            id,
            name: "T".into(),
            stay_weeks: stay,
            phases: lines.into_iter().map(|(phase, rate)| TierPhase { phase, referral_rate: rate, ..TierPhase::default() }).collect(),
            providers: providers.into_iter().map(|(id, phase, places)| Provider { id, name: "P".into(), phase, places, ..Provider::default() }).collect(),
            ..Tier::default()
        }).collect();
        s.interventions = interventions.into_iter().map(|(id, tier, phase, change_pct, first_year)| Intervention { id, name: "I".into(), tier, phase, change_pct, first_year, ..Intervention::default() }).collect();
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the shape: no panic, one message per list over its limit, a bounded number of
    /// bounded messages, and anything accepted projects to finite figures and round-trips.
    #[test]
    fn adversarial_scenarios_are_checked_within_bounds(s in arb_adversarial()) {
        let found = issues(&s);
        for (path, len, max) in [
            ("phases", s.phases.len(), MAX_PHASES),
            ("tiers", s.tiers.len(), MAX_TIERS),
            ("interventions", s.interventions.len(), MAX_INTERVENTIONS),
        ] {
            let reported = found.iter().filter(|i| i.path == path && matches!(i.problem, Problem::TooMany { .. })).count();
            prop_assert_eq!(reported, usize::from(len > max), "{}", path);
        }
        prop_assert!(found.len() < 20_000);
        for issue in &found {
            prop_assert!(issue.to_string().len() < 1_200, "{}", issue);
        }
        if found.is_empty() {
            let pr = project_valid(&s);
            prop_assert!(pr.summaries.iter().all(|y| y.total_spend.is_finite()));
            prop_assert_eq!(link::decode(&link::encode(&s)), Ok(s.clone()));
        }
    }
}
