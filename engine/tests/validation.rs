//! Validation: every class of bad input is caught, all at once, with the field's path and a
//! plain-English message; and the engine never panics, whatever a file holds.

use ap_engine::examples;
use ap_engine::scenario::*;
use ap_engine::{project, project_valid, validate, Issue};
use proptest::prelude::*;

fn issues(s: &Scenario) -> Vec<Issue> {
    validate(s).err().map(|e| e.0).unwrap_or_default()
}

fn message_at(s: &Scenario, path: &str) -> String {
    issues(s)
        .iter()
        .find(|i| i.path == path)
        .map(|i| i.to_string())
        .unwrap_or_else(|| panic!("no issue at {path}: {:?}", issues(s)))
}

#[test]
fn every_example_validates_and_projects() {
    for ex in examples::EXAMPLES {
        let s = (ex.build)();
        assert_eq!(validate(&s), Ok(()), "{}", ex.key);
        let pr = project(&s).unwrap();
        assert_eq!(pr.years, s.timeline.horizon as usize);
        assert!(pr.headline.total_spend > 0.0, "{}", ex.key);
        assert!(pr.warnings.is_empty(), "{}: {:?}", ex.key, pr.warnings);
    }
}

#[test]
fn out_of_range_rates_name_the_field_and_the_range() {
    let mut s = examples::dfe_three_tier();
    s.tiers[1].phases[1].referral_rate = 1_500.0;
    assert_eq!(
        message_at(&s, "tiers.1.phases.1.referral_rate"),
        "Tier 2: time-limited placements · Secondary · referral rate must be between 0 and 1,000 per 1,000 pupils"
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let mut s = examples::dfe_three_tier();
    s.meta.name = "  ".into();
    s.timeline.horizon = 16;
    s.timeline.teaching_weeks = f64::NAN;
    s.phases[0].pupils = -1.0;
    s.tiers[0].stay_weeks = 0.0;
    s.tiers[0].returned_pct = 90.0;
    s.tiers[0].step_up_pct = 20.0;
    s.tiers[2].id = "tier1".into();
    s.tiers[2].providers[0].phase = Some("ks5".into());
    s.tiers[1].phases[0].phase = "secondary".into();
    s.interventions.push(Intervention {
        id: "x".into(),
        name: "Ghost".into(),
        tier: "tier9".into(),
        ..Intervention::default()
    });
    s.other_costs[0].last_year = 2020;
    let found: Vec<String> = issues(&s).iter().map(|i| i.to_string()).collect();
    let expect = [
        "Scenario name must not be empty",
        "Years to project must be between 1 and 15 years",
        "Teaching weeks per year must be a number",
        "Primary · pupils on roll must be between 0 and 5,000,000 pupils",
        "Tier 1: targeted support · average length of stay must be between 0.1 and 520 weeks",
        "Tier 1: targeted support · returned to mainstream and stepped up to the next tier add up to 110%, which is more than 100%",
        "Tier 3 · id uses the id \"tier1\", which another item already uses",
        "Tier 3: transitional placements · County AP school (secondary) · phases served refers to phase \"ks5\", which does not exist",
        "Tier 2: time-limited placements lists phase \"Secondary\" more than once",
        "Ghost · tier refers to tier \"tier9\", which does not exist",
        "AP commissioning and inclusion team · last year must not be before the first year",
    ];
    for e in expect {
        assert!(found.iter().any(|f| f == e), "missing {e:?} in {found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
}

#[test]
fn empty_lists_and_empty_ids_are_caught() {
    let s = Scenario {
        meta: Meta {
            name: "Empty".into(),
            ..Meta::default()
        },
        ..Scenario::default()
    };
    assert_eq!(
        message_at(&s, "phases"),
        "The scenario must have at least one phase"
    );
    assert_eq!(
        message_at(&s, "tiers"),
        "The scenario must have at least one tier"
    );

    let mut s = examples::dfe_three_tier();
    s.phases[1].id = String::new();
    assert_eq!(
        message_at(&s, "phases.1.id"),
        "Phase 2 · id must not be empty"
    );
}

#[test]
fn a_stay_cut_to_nothing_is_refused_but_rates_may_be_cut_to_zero() {
    let mut s = examples::dfe_early_intervention();
    // Edited here as a file would be, without the editor widening the input's range.
    s.ranges.clear();
    s.interventions[0].target = Target::LengthOfStay;
    s.interventions[0].change_pct = -100.0;
    assert_eq!(
        message_at(&s, "interventions.0.change_pct"),
        "Inclusion support in schools · change at full effect must be between -95% and 500%"
            .replace('-', "−")
    );
    s.interventions[0].target = Target::ReferralRate;
    assert_eq!(validate(&s), Ok(()));
}

#[test]
fn future_schema_versions_are_refused() {
    let mut s = examples::dfe_three_tier();
    s.schema_version = SCHEMA_VERSION + 1;
    assert!(message_at(&s, "schema_version").contains("newer than this app understands"));
}

fn wild_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-f64::INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1e308),
        Just(-1e308),
        Just(f64::MIN_POSITIVE),
        -1e6..1e6f64,
    ]
}

prop_compose! {
    /// Any scenario serde could produce (and more: NaN cannot come from JSON).
    fn wild_scenario()(
        horizon in any::<u32>(),
        first_year in any::<i32>(),
        weeks in wild_f64(),
        pupils in prop::collection::vec((wild_f64(), wild_f64()), 0..3),
        tiers in prop::collection::vec(
            (wild_f64(), wild_f64(), wild_f64(), wild_f64(), wild_f64(), prop::collection::vec(wild_f64(), 0..3), any::<bool>()),
            0..4),
        iv in prop::collection::vec((wild_f64(), any::<i32>(), any::<u32>(), 0..5usize), 0..3),
    ) -> Scenario {
        let phases: Vec<Phase> = pupils.iter().enumerate().map(|(n, (p, g))| Phase {
            id: format!("p{}", n % 2), name: "P".into(), pupils: *p, growth_pct: *g,
            overrides: vec![Some(*p), None],
            ..Phase::default()
        }).collect();
        Scenario {
            timeline: Timeline { first_year, horizon, teaching_weeks: weeks },
            tiers: tiers.iter().enumerate().map(|(i, (r, e, stay, ret, step, places, spot))| Tier {
                id: format!("t{}", i % 3),
                name: "T".into(),
                phases: vec![TierPhase { phase: "p0".into(), referral_rate: *r, exclusion_rate: *e, start_pupils: *r },
                             TierPhase { phase: "nope".into(), ..TierPhase::default() }],
                stay_weeks: *stay, returned_pct: *ret, step_up_pct: *step, trend_pct: *e,
                providers: vec![Provider { id: format!("pr{i}"), phase: Some("p1".into()), places: places.clone(), ..Provider::default() },
                                Provider { id: format!("q{i}"), phase: None, places: places.clone(), ..Provider::default() }],
                over_capacity: if *spot { OverCapacity::Spot } else { OverCapacity::WaitingList },
                ..Tier::default()
            }).collect(),
            interventions: iv.iter().map(|(c, y, ramp, lever)| Intervention {
                tier: "t0".into(), phase: Some("p1".into()), change_pct: *c, first_year: *y,
                ramp_years: *ramp, target: Target::ALL[*lever], ..Intervention::default()
            }).collect(),
            phases,
            ..Scenario::default()
        }
    }
}

proptest! {
    #[test]
    fn the_engine_never_panics(s in wild_scenario()) {
        let checked = project(&s);
        // Projecting without validating must not panic either.
        let _ = project_valid(&s);
        if let Ok(pr) = checked {
            prop_assert!(pr.summaries.iter().all(|y| y.total_spend.is_finite()));
        }
    }
}

#[test]
fn the_large_benchmark_scenario_is_valid_and_as_large_as_promised() {
    let s = examples::large_benchmark();
    assert_eq!(validate(&s), Ok(()));
    assert_eq!(s.timeline.horizon, 15);
    assert_eq!(s.tiers.len(), 8);
    assert_eq!(s.phases.len(), 4);
    assert_eq!(s.tiers.iter().map(|t| t.providers.len()).sum::<usize>(), 30);
    assert_eq!(s.interventions.len(), 10);
    project(&s).unwrap();
}

#[test]
fn the_blank_scenario_is_valid() {
    assert_eq!(validate(&examples::blank()), Ok(()));
    assert_eq!(
        project(&examples::blank()).unwrap().headline.total_spend,
        0.0
    );
}

#[test]
fn workshop_levers_must_name_a_movable_field_and_a_real_range() {
    use ap_engine::scenario::WorkshopLever;
    use ap_engine::workshop::suggested;
    let mut s = examples::dfe_three_tier();
    s.workshop = suggested(&s);
    assert_eq!(validate(&s), Ok(()));
    s.workshop.push(WorkshopLever {
        field: "tiers.7.trend_pct".parse().unwrap(),
        label: "Ghost".into(),
        min: 5.0,
        max: 1.0,
        step: 0.0,
    });
    let n = s.workshop.len() - 1;
    assert_eq!(
        message_at(&s, &format!("workshop.{n}.field")),
        format!(
            "Workshop lever {} · input refers to field \"tiers.7.trend_pct\", which does not exist",
            n + 1
        )
    );
    assert_eq!(
        message_at(&s, &format!("workshop.{n}.max")),
        format!(
            "Workshop lever {} · highest value must be more than the lowest value",
            n + 1
        )
    );
    assert!(message_at(&s, &format!("workshop.{n}.step")).contains("step must be between"));
    s.workshop = (0..7)
        .map(|_| suggested(&examples::dfe_three_tier())[0].clone())
        .collect();
    assert_eq!(
        message_at(&s, "workshop"),
        "Workshop levers can have at most 6 levers"
    );
}
