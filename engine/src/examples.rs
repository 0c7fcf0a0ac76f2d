//! Built-in example scenarios. Figures are plausible for England and each carries its source or
//! the reasoning behind it; where no national figure exists (reintegration rates, the price of
//! independent AP) the value is an assumption for the user to replace with their own.
//!
//! Sources (see `docs/model.md` for links and dates):
//! - DfE, *Suspensions and permanent exclusions in England*: permanent exclusions 1.3 per 1,000
//!   pupils in 2023/24 (up 16% on 2022/23); about 2.0 per 1,000 in secondary and 0.2 in primary.
//! - DfE high-needs funding: £10,000 place funding per pre-16 AP place per year.
//! - One council's AP fee schedule: top-ups of £10.7k (KS1–2), £10.9k (KS3), £16k (KS4).
//! - A county's AP offer: a 16-week intervention placement charged at £1.7k–£2.4k.
//! - A county report: transport about £3.8k per excluded pupil a year (2019).
//! - Seeds: Hackney's "over-use of independent providers"; Norfolk's school-led KS3 centres; the
//!   2018 city strategy's four-level model.

use crate::scenario::{
    Budget, FixedCost, Intervention, Lever, Meta, OverCapacity, Phase, Provider, ProviderKind,
    Scenario, Tier, TierPhase, Timeline, SCHEMA_VERSION,
};

/// A built-in example: a stable key (used in links and the app), a title and the scenario.
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

/// Every built-in example scenario.
pub fn all() -> Vec<Scenario> {
    EXAMPLES.iter().map(|e| (e.build)()).collect()
}

/// The example a new user sees first.
pub fn default_scenario() -> Scenario {
    dfe_three_tier()
}

fn demand(phase: &str, referral_rate: f64, exclusion_rate: f64, start_pupils: f64) -> TierPhase {
    TierPhase {
        phase: phase.into(),
        referral_rate,
        exclusion_rate,
        start_pupils,
    }
}

fn provider(
    id: &str,
    name: &str,
    kind: ProviderKind,
    phase: Option<&str>,
    places: f64,
    place_funding: f64,
    top_up: f64,
) -> Provider {
    Provider {
        id: id.into(),
        name: name.into(),
        kind,
        phase: phase.map(Into::into),
        places: vec![places],
        place_funding,
        top_up,
    }
}

/// Place funding per commissioned AP place per year (DfE high-needs funding, unchanged since
/// 2015/16).
const PLACE_FUNDING: f64 = 10_000.0;
/// Transport per pupil placed in AP per year (a county's figure, 2019).
const TRANSPORT: f64 = 3_800.0;

/// (a) The DfE three-tier model for a mid-sized LA (125,000 pupils) with current trends.
pub fn dfe_three_tier() -> Scenario {
    Scenario {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            name: "DfE three tiers, current trends".into(),
            description: "A mid-sized LA with 125,000 pupils on the DfE's three-tier model, \
                demand rising as it has since 2021. Replace the figures with your own."
                .into(),
            area: "Example county".into(),
        },
        timeline: Timeline {
            first_year: 2026,
            horizon: 5,
            teaching_weeks: 39.0,
        },
        phases: vec![
            Phase {
                id: "primary".into(),
                name: "Primary".into(),
                pupils: 70_000.0,
                // Primary rolls are falling nationally (DfE national pupil projections).
                growth_pct: -1.0,
                overrides: vec![],
            },
            Phase {
                id: "secondary".into(),
                name: "Secondary".into(),
                pupils: 55_000.0,
                growth_pct: 0.5,
                overrides: vec![],
            },
        ],
        tiers: vec![
            Tier {
                id: "tier1".into(),
                name: "Tier 1: targeted support".into(),
                // Assumption: about 0.4% of primary and 0.8% of secondary pupils a year get a
                // targeted support package; starting caseload ≈ a year's entries × 16/39.
                phases: vec![
                    demand("primary", 4.0, 0.0, 110.0),
                    demand("secondary", 8.0, 0.0, 180.0),
                ],
                trend_pct: 3.0,
                // Intervention placements last about 16 weeks (LA documents).
                stay_weeks: 16.0,
                returned_pct: 80.0,
                step_up_pct: 15.0,
                // A 16-week package is charged at £1.7k–£2.4k (a county's AP offer).
                per_entry_cost: 2_000.0,
                transport_per_place: 0.0,
                providers: vec![],
                over_capacity: OverCapacity::NotManaged,
                spot_price: 0.0,
            },
            Tier {
                id: "tier2".into(),
                name: "Tier 2: time-limited placements".into(),
                phases: vec![
                    demand("primary", 0.5, 0.0, 30.0),
                    demand("secondary", 1.5, 0.0, 80.0),
                ],
                trend_pct: 3.0,
                stay_weeks: 20.0,
                // Assumption: no national reintegration rate is published.
                returned_pct: 60.0,
                step_up_pct: 25.0,
                per_entry_cost: 0.0,
                transport_per_place: TRANSPORT,
                providers: vec![provider(
                    "short-stay-pru",
                    "Short-stay PRU",
                    ProviderKind::LaMaintained,
                    None,
                    90.0,
                    PLACE_FUNDING,
                    10_800.0,
                )],
                over_capacity: OverCapacity::Spot,
                // Assumption: independent AP at about twice a PRU place's full cost.
                spot_price: 45_000.0,
            },
            Tier {
                id: "tier3".into(),
                name: "Tier 3: transitional placements".into(),
                // Exclusions: DfE rates (secondary ≈ 2.0, primary ≈ 0.2 per 1,000).
                phases: vec![
                    demand("primary", 0.1, 0.2, 15.0),
                    demand("secondary", 0.5, 2.0, 190.0),
                ],
                // Permanent exclusions rose 16% in 2023/24; 5% a year is a cautious trend.
                trend_pct: 5.0,
                // KS4 placements often last the rest of the key stage.
                stay_weeks: 39.0,
                returned_pct: 25.0,
                step_up_pct: 0.0,
                per_entry_cost: 0.0,
                transport_per_place: TRANSPORT,
                providers: vec![
                    provider(
                        "ap-school-secondary",
                        "County AP school (secondary)",
                        ProviderKind::LaMaintained,
                        Some("secondary"),
                        160.0,
                        PLACE_FUNDING,
                        16_000.0,
                    ),
                    provider(
                        "ap-school-primary",
                        "County AP school (primary)",
                        ProviderKind::LaMaintained,
                        Some("primary"),
                        20.0,
                        PLACE_FUNDING,
                        10_700.0,
                    ),
                    provider(
                        "independent-framework",
                        "Independent AP framework",
                        ProviderKind::Independent,
                        None,
                        30.0,
                        0.0,
                        42_000.0,
                    ),
                ],
                over_capacity: OverCapacity::Spot,
                spot_price: 55_000.0,
            },
        ],
        interventions: vec![],
        other_costs: vec![FixedCost {
            name: "AP commissioning and inclusion team".into(),
            amount: 350_000.0,
            first_year: 2026,
            last_year: 2040,
        }],
        inflation_pct: 2.0,
        budget: Budget {
            first_year: 12_500_000.0,
            growth_pct: 2.0,
        },
        workshop: vec![],
    }
}

/// (b) Example (a) with an early-intervention investment in Tier 1 that reduces step-ups and
/// permanent exclusions.
pub fn dfe_early_intervention() -> Scenario {
    let mut s = dfe_three_tier();
    s.meta.name = "DfE three tiers with early intervention".into();
    s.meta.description = "Example county investing in inclusion support in schools and \
        outreach from the AP school from 2027/28, against the current-trends scenario."
        .into();
    s.interventions = vec![
        Intervention {
            id: "inclusion-support".into(),
            name: "Inclusion support in schools".into(),
            tier: "tier1".into(),
            phase: None,
            target: Lever::StepUp,
            // Assumption: 40% fewer pupils need a placement after a Tier 1 package.
            change_pct: -40.0,
            first_year: 2027,
            ramp_years: 2,
            annual_cost: 450_000.0,
        },
        Intervention {
            id: "exclusion-outreach".into(),
            name: "Outreach to prevent permanent exclusion".into(),
            tier: "tier3".into(),
            phase: Some("secondary".into()),
            target: Lever::ExclusionRate,
            // A PRU's outreach cut one city's exclusions from ~100 to 22–25 a year; a quarter
            // is a cautious assumption.
            change_pct: -25.0,
            first_year: 2027,
            ramp_years: 3,
            annual_cost: 300_000.0,
        },
    ];
    s
}

/// (c) A four-level local model (after the 2018 city strategy) whose PRU is short of places, so
/// the shortfall is bought from independent providers.
pub fn four_level_local() -> Scenario {
    let ks = |id: &str, name: &str, pupils: f64, growth_pct: f64| Phase {
        id: id.into(),
        name: name.into(),
        pupils,
        growth_pct,
        overrides: vec![],
    };
    Scenario {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            name: "Four-level local model".into(),
            description: "A city of 42,000 pupils with four levels of support: whole-school, \
                AP in school, AP on another site, and the PRU. The PRU is full, so extra \
                places are bought from independent providers."
                .into(),
            area: "Example city".into(),
        },
        timeline: Timeline {
            first_year: 2026,
            horizon: 6,
            teaching_weeks: 39.0,
        },
        phases: vec![
            ks("ks12", "KS1-2", 24_000.0, -1.0),
            ks("ks3", "KS3", 11_000.0, 0.5),
            ks("ks4", "KS4", 7_000.0, 1.0),
        ],
        tiers: vec![
            Tier {
                id: "level1".into(),
                name: "Level 1: whole-school support".into(),
                phases: vec![
                    demand("ks12", 6.0, 0.0, 50.0),
                    demand("ks3", 12.0, 0.0, 40.0),
                    demand("ks4", 10.0, 0.0, 20.0),
                ],
                trend_pct: 3.0,
                // Managed moves and short packages usually last 12 weeks.
                stay_weeks: 12.0,
                returned_pct: 85.0,
                step_up_pct: 12.0,
                // Assumption: a school-delivered package with some specialist time.
                per_entry_cost: 800.0,
                transport_per_place: 0.0,
                providers: vec![],
                over_capacity: OverCapacity::NotManaged,
                spot_price: 0.0,
            },
            Tier {
                id: "level2".into(),
                name: "Level 2: AP in school".into(),
                phases: vec![
                    demand("ks12", 1.0, 0.0, 8.0),
                    demand("ks3", 3.0, 0.0, 12.0),
                    demand("ks4", 2.0, 0.0, 5.0),
                ],
                trend_pct: 3.0,
                stay_weeks: 12.0,
                returned_pct: 70.0,
                step_up_pct: 20.0,
                per_entry_cost: 0.0,
                transport_per_place: 0.0,
                providers: vec![provider(
                    "inclusion-units",
                    "In-school inclusion units",
                    ProviderKind::InSchool,
                    None,
                    40.0,
                    0.0,
                    // Assumption: staffing an in-school unit place.
                    6_000.0,
                )],
                over_capacity: OverCapacity::WaitingList,
                spot_price: 0.0,
            },
            Tier {
                id: "level3".into(),
                name: "Level 3: AP on another site".into(),
                phases: vec![
                    demand("ks12", 0.0, 0.0, 0.0),
                    demand("ks3", 1.0, 0.0, 6.0),
                    demand("ks4", 1.5, 0.0, 6.0),
                ],
                trend_pct: 4.0,
                stay_weeks: 16.0,
                returned_pct: 45.0,
                step_up_pct: 35.0,
                per_entry_cost: 0.0,
                transport_per_place: TRANSPORT,
                providers: vec![
                    provider(
                        "ks3-centre",
                        "School-led KS3 centre",
                        ProviderKind::SchoolLed,
                        Some("ks3"),
                        24.0,
                        PLACE_FUNDING,
                        // KS3 top-up from a council's fee schedule.
                        10_900.0,
                    ),
                    provider(
                        "ks4-independent",
                        "Independent AP (KS4)",
                        ProviderKind::Independent,
                        Some("ks4"),
                        12.0,
                        0.0,
                        38_000.0,
                    ),
                ],
                over_capacity: OverCapacity::Spot,
                spot_price: 48_000.0,
            },
            Tier {
                id: "level4".into(),
                name: "Level 4: PRU and inclusion centre".into(),
                // Exclusion rates a little above England's (the city's own concern).
                phases: vec![
                    demand("ks12", 0.0, 0.2, 5.0),
                    demand("ks3", 0.0, 1.6, 25.0),
                    demand("ks4", 0.0, 2.6, 40.0),
                ],
                trend_pct: 6.0,
                stay_weeks: 52.0,
                returned_pct: 20.0,
                step_up_pct: 0.0,
                per_entry_cost: 0.0,
                transport_per_place: TRANSPORT,
                providers: vec![provider(
                    "city-pru",
                    "City PRU",
                    ProviderKind::LaMaintained,
                    None,
                    60.0,
                    PLACE_FUNDING,
                    16_000.0,
                )],
                over_capacity: OverCapacity::Spot,
                // Assumption: independent places cost about twice a PRU place.
                spot_price: 55_000.0,
            },
        ],
        interventions: vec![],
        other_costs: vec![],
        inflation_pct: 2.0,
        budget: Budget {
            first_year: 3_400_000.0,
            growth_pct: 1.5,
        },
        workshop: vec![],
    }
}

/// A deliberately large scenario for benchmarks: 15 years, 8 tiers, 4 phases, 30 providers and
/// 10 interventions. Its figures are made up; only its size matters.
pub fn large_benchmark() -> Scenario {
    let phase_ids = ["ks1", "ks2", "ks3", "ks4"];
    let mut s = dfe_three_tier();
    s.meta.name = "Large benchmark scenario".into();
    s.timeline.horizon = 15;
    s.phases = phase_ids
        .iter()
        .enumerate()
        .map(|(n, id)| Phase {
            id: (*id).into(),
            name: id.to_uppercase(),
            pupils: 30_000.0 + 5_000.0 * n as f64,
            growth_pct: 0.5 - 0.3 * n as f64,
            overrides: vec![],
        })
        .collect();
    let kinds = ProviderKind::ALL;
    let mut provider_count = 0;
    s.tiers = (0..8)
        .map(|i| {
            let providers = (0..if i < 2 { 3 } else { 4 })
                .map(|k| {
                    provider_count += 1;
                    let phase = (k % 2 == 0).then(|| phase_ids[(i + k) % 4]);
                    let mut p = provider(
                        &format!("provider-{provider_count}"),
                        &format!("Provider {provider_count}"),
                        kinds[(i + k) % kinds.len()],
                        phase,
                        8.0 + 2.0 * k as f64,
                        PLACE_FUNDING,
                        9_000.0 + 1_000.0 * k as f64,
                    );
                    p.places = (0..15).map(|t| 8.0 + t as f64).collect();
                    p
                })
                .collect();
            Tier {
                id: format!("tier{i}"),
                name: format!("Tier {}", i + 1),
                phases: phase_ids
                    .iter()
                    .map(|id| demand(id, 1.0 + i as f64 * 0.2, 0.1 * i as f64, 10.0))
                    .collect(),
                trend_pct: 2.0,
                stay_weeks: 12.0 + 6.0 * i as f64,
                returned_pct: 60.0 - 5.0 * i as f64,
                step_up_pct: if i == 7 { 0.0 } else { 20.0 },
                per_entry_cost: 500.0,
                transport_per_place: TRANSPORT,
                providers,
                over_capacity: [OverCapacity::Spot, OverCapacity::WaitingList][i % 2],
                spot_price: 50_000.0,
            }
        })
        .collect();
    s.interventions = (0..10)
        .map(|n| Intervention {
            id: format!("iv{n}"),
            name: format!("Intervention {}", n + 1),
            tier: format!("tier{}", n % 8),
            phase: (n % 3 == 0).then(|| phase_ids[n % 4].to_string()),
            target: Lever::ALL[n % Lever::ALL.len()],
            change_pct: -10.0 - n as f64,
            first_year: 2027 + (n as i32 % 4),
            ramp_years: (n % 4) as u32,
            annual_cost: 100_000.0,
        })
        .collect();
    s
}

/// A nearly empty scenario to start from: one phase and one tier, all figures zero.
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
            phases: vec![demand("all", 0.0, 0.0, 0.0)],
            over_capacity: OverCapacity::Spot,
            ..Tier::default()
        }],
        interventions: vec![],
        other_costs: vec![],
        inflation_pct: 0.0,
        budget: Budget::default(),
        workshop: vec![],
    }
}
