//! Golden figures worked independently of the engine (by hand with a calculator, checked with a
//! short script that applies the formulas in docs/model.md line by line). Every formula appears:
//! growth and overrides, trends, ramped interventions, the stock equations, exit shares and their
//! scaling, step-ups between tiers, phase-specific then all-phase providers, spot and waiting-list
//! policies, per-entry, transport, fixed and intervention costs, inflation and budget.

use ap_engine::project;
use ap_engine::results::Warning;
use ap_engine::scenario::*;

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected}"
    );
}

fn demand(phase: &str, referral_rate: f64, exclusion_rate: f64, start_pupils: f64) -> TierPhase {
    TierPhase {
        phase: phase.into(),
        referral_rate,
        exclusion_rate,
        start_pupils,
    }
}

fn phase(id: &str, pupils: f64, growth_pct: f64, overrides: Vec<Option<f64>>) -> Phase {
    Phase {
        id: id.into(),
        name: id.into(),
        pupils,
        growth_pct,
        overrides,
        ..Phase::default()
    }
}

/// One tier, one phase, two years.
/// τ = 19.5 / 39 = 0.5, so q = e^−2 = 0.1353352832366127 and 1 − q = 0.8646647167633873.
fn one_tier() -> Scenario {
    Scenario {
        meta: Meta {
            name: "One tier".into(),
            ..Meta::default()
        },
        timeline: Timeline {
            first_year: 2026,
            horizon: 2,
            teaching_weeks: 39.0,
        },
        phases: vec![phase("all", 10_000.0, 10.0, vec![])],
        tiers: vec![Tier {
            id: "t".into(),
            name: "Only tier".into(),
            phases: vec![demand("all", 2.0, 1.0, 10.0)],
            trend_pct: 10.0,
            stay_weeks: 19.5,
            returned_pct: 50.0,
            step_up_pct: 20.0,
            per_entry_cost: 100.0,
            transport_per_place: 1_000.0,
            transport_funder: Funding::One(Funder::HighNeeds),
            providers: vec![Provider {
                id: "p".into(),
                name: "PRU".into(),
                kind: ProviderKind::LaMaintained,
                phase: None,
                places: vec![10.0],
                place_funding: 10_000.0,
                top_up: 5_000.0,
                ..Provider::default()
            }],
            over_capacity: OverCapacity::Spot,
            spot_price: 40_000.0,
            ..Tier::default()
        }],
        interventions: vec![Intervention {
            id: "i".into(),
            name: "Halve referrals".into(),
            tier: "t".into(),
            phase: None,
            target: Target::ReferralRate,
            change_pct: -50.0,
            first_year: 2027,
            ramp_years: 2,
            annual_cost: 20_000.0,
            ..Intervention::default()
        }],
        other_costs: vec![FixedCost {
            name: "Set-up".into(),
            amount: 50_000.0,
            first_year: 2026,
            last_year: 2026,
            ..FixedCost::default()
        }],
        // Every index at 5%, place funding too (its default is flat cash: see
        // `place_funding_is_flat_cash_by_default`).
        money: Money {
            place_funding_index_pct: 5.0,
            ..Money::from_inflation(5.0)
        },
        budget: Budget {
            first_year: 300_000.0,
            growth_pct: 0.0,
            basis: BudgetBasis::Academic,
        },
        ..Scenario::default()
    }
}

#[test]
fn one_tier_year_one() {
    let pr = project(&one_tier()).unwrap();
    let f = pr.flow(0, 0, 0);
    close(f.population, 10_000.0, "population");
    close(f.entries_direct, 20.0, "direct = 2 × 10,000 / 1,000");
    close(f.entries_exclusion, 10.0, "excluded = 1 × 10,000 / 1,000");
    close(f.start, 10.0, "S0");
    // S1 = 10 q + 30 × 0.5 × (1 − q)
    close(f.end, 14.323323583816936, "S1");
    // X = 10 + 30 − S1
    close(f.exits(), 25.676676416183064, "exits");
    // N = 15 + (10 − 15) × 0.5 × (1 − q)
    close(f.places_needed, 12.838338208091532, "places needed");
    close(
        f.exits_returned,
        12.838338208091532,
        "returned = 50% of exits",
    );
    // The last tier's 20% step-up becomes other destinations.
    close(f.exits_stepped_up, 0.0, "no step-up from the last tier");
    close(f.exits_other, 12.838338208091532, "other");

    let ty = pr.tier(0, 0);
    close(ty.occupied, 10.0, "PRU full");
    close(ty.spot, 2.838338208091532, "spot = N − 10");
    close(ty.spend.place_funding, 100_000.0, "10 × £10,000");
    close(ty.spend.top_up, 50_000.0, "10 × £5,000");
    close(ty.spend.spot, 113_533.52832366127, "spot × £40,000");
    close(ty.spend.per_entry, 3_000.0, "30 × £100");
    close(ty.spend.transport, 12_838.338208091533, "N × £1,000");
    let y = pr.year(0);
    close(y.spend.fixed, 50_000.0, "set-up cost in 2026/27 only");
    close(y.spend.interventions, 0.0, "intervention starts 2027/28");
    close(y.total_spend, 329_371.86653175286, "total");
    close(y.variance, -29_371.866531752865, "budget − spend");
    assert!(pr
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::LastTierStepUp { .. })));
}

#[test]
fn one_tier_year_two_has_growth_trend_ramp_and_inflation() {
    let pr = project(&one_tier()).unwrap();
    let f = pr.flow(1, 0, 0);
    close(f.population, 11_000.0, "10,000 × 1.1");
    // 2 × 1.1 (trend) × 0.75 (half of a −50% ramp) × 11,000 / 1,000
    close(f.entries_direct, 18.15, "direct");
    close(f.entries_exclusion, 12.1, "1 × 1.1 × 11");
    close(f.start, 14.323323583816936, "S0 = last year's S1");
    close(f.end, 15.016504895151751, "S1");
    close(f.places_needed, 14.778409344332593, "places needed");
    let ty = pr.tier(1, 0);
    close(ty.spot, 4.778409344332593, "spot");
    close(ty.spend.place_funding, 105_000.0, "inflated 5%");
    close(ty.spend.top_up, 52_500.0, "inflated 5%");
    close(ty.spend.spot, 200_693.1924619689, "spot × £42,000");
    close(ty.spend.per_entry, 3_176.25, "30.25 × £105");
    close(ty.spend.transport, 15_517.329811549223, "N × £1,050");
    let y = pr.year(1);
    close(y.spend.fixed, 0.0, "set-up ended");
    close(y.spend.interventions, 21_000.0, "£20,000 inflated");
    close(y.total_spend, 397_886.7722735181, "total");
    close(y.cumulative_variance, -127_258.63880527095, "cumulative");
    close(
        pr.headline.total_spend,
        329_371.86653175286 + 397_886.7722735181,
        "headline",
    );
}

/// Three tiers, two phases, three years (2030/31 to 2032/33), no inflation.
/// X: τ = 1, not capacity-managed; Y: τ = 0.5, waiting list, a phase-A provider then an all-phase
/// one; Z: τ = 2, spot places, a phase-B independent provider.
fn three_tier() -> Scenario {
    let tier = |id: &str, phases, stay, returned, step| Tier {
        id: String::from(id),
        name: String::from(id),
        phases,
        stay_weeks: stay,
        returned_pct: returned,
        step_up_pct: step,
        ..Tier::default()
    };
    let provider = |id: &str, kind, phase: Option<&str>, places, place_funding, top_up| Provider {
        id: id.into(),
        name: id.into(),
        kind,
        phase: phase.map(Into::into),
        places: vec![places],
        place_funding,
        top_up,
        ..Provider::default()
    };
    let mut x = tier(
        "X",
        vec![demand("A", 10.0, 0.0, 0.0), demand("B", 5.0, 0.0, 0.0)],
        39.0,
        50.0,
        40.0,
    );
    x.per_entry_cost = 10.0;
    let mut y = tier(
        "Y",
        vec![demand("A", 0.0, 0.0, 0.0), demand("B", 2.0, 0.0, 0.0)],
        19.5,
        30.0,
        50.0,
    );
    y.providers = vec![
        provider(
            "P1",
            ProviderKind::LaMaintained,
            Some("A"),
            1.0,
            1_000.0,
            100.0,
        ),
        provider("P2", ProviderKind::Academy, None, 3.0, 2_000.0, 200.0),
    ];
    y.over_capacity = OverCapacity::WaitingList;
    let mut z = tier(
        "Z",
        vec![demand("A", 0.0, 1.0, 0.0), demand("B", 0.0, 2.0, 5.0)],
        78.0,
        10.0,
        0.0,
    );
    z.providers = vec![provider(
        "P3",
        ProviderKind::Independent,
        Some("B"),
        2.0,
        0.0,
        1_000.0,
    )];
    z.over_capacity = OverCapacity::Spot;
    z.spot_price = 5_000.0;
    Scenario {
        meta: Meta {
            name: "Three tiers".into(),
            ..Meta::default()
        },
        timeline: Timeline {
            first_year: 2030,
            horizon: 3,
            teaching_weeks: 39.0,
        },
        phases: vec![
            phase("A", 1_000.0, 0.0, vec![]),
            phase("B", 2_000.0, 0.0, vec![None, Some(2_500.0)]),
        ],
        tiers: vec![x, y, z],
        interventions: vec![
            Intervention {
                id: "double-step-up".into(),
                name: "Double X's step-up".into(),
                tier: "X".into(),
                phase: None,
                target: Target::StepUp,
                change_pct: 100.0,
                first_year: 2031,
                ramp_years: 0,
                annual_cost: 100.0,
                ..Intervention::default()
            },
            Intervention {
                id: "halve-exclusions".into(),
                name: "Halve B's exclusions into Z".into(),
                tier: "Z".into(),
                phase: Some("B".into()),
                target: Target::ExclusionRate,
                change_pct: -50.0,
                first_year: 2030,
                ramp_years: 3,
                annual_cost: 0.0,
                ..Intervention::default()
            },
        ],
        budget: Budget {
            first_year: 10_000.0,
            growth_pct: 10.0,
            basis: BudgetBasis::Academic,
        },
        ..Scenario::default()
    }
}

#[test]
fn three_tier_first_year_steps_up_and_allocates_capacity() {
    let pr = project(&three_tier()).unwrap();
    let (x, y, z) = (0, 1, 2);
    let (a, b) = (0, 1);
    // X, τ = 1, S0 = 0: S1 = E (1 − e^−1), N = X = E e^−1.
    close(pr.flow(0, x, a).end, 6.321205588285577, "X·A S1");
    close(pr.flow(0, x, a).places_needed, 3.6787944117144233, "X·A N");
    close(
        pr.flow(0, x, a).exits_stepped_up,
        1.4715177646857693,
        "40% of X·A exits",
    );
    close(pr.flow(0, x, b).entries_direct, 10.0, "5 × 2,000 / 1,000");
    close(
        pr.tier(0, x).uncapped,
        7.357588823428847,
        "X serves all demand",
    );
    close(pr.tier(0, x).spend.per_entry, 200.0, "20 entries × £10");

    close(
        pr.flow(0, y, a).entries_stepped_up,
        1.4715177646857693,
        "stepped up into Y·A",
    );
    close(
        pr.flow(0, y, b).entries(),
        5.471517764685769,
        "4 direct + 1.47 stepped up",
    );
    close(pr.flow(0, y, a).places_needed, 0.4176665095393063, "Y·A N");
    close(pr.flow(0, y, b).places_needed, 1.553001792775919, "Y·B N");
    close(
        pr.providers(0, y)[0].occupied,
        0.4176665095393063,
        "P1 takes phase A",
    );
    close(
        pr.providers(0, y)[1].occupied,
        1.553001792775919,
        "P2 takes the rest",
    );
    close(pr.tier(0, y).unmet, 0.0, "room for all");
    close(pr.tier(0, y).spend.total(), 7_352.367009509114, "Y spend");

    // Z·B exclusions: 2 × (1 − 0.5 × 1/3) × 2,000 / 1,000.
    close(
        pr.flow(0, z, b).entries_exclusion,
        3.3333333333333335,
        "ramped cut",
    );
    close(pr.flow(0, z, b).end, 6.877899415549555, "Z·B S1");
    close(pr.flow(0, z, b).places_needed, 6.016871421119395, "Z·B N");
    close(pr.providers(0, z)[0].occupied, 2.0, "P3 full with phase B");
    close(
        pr.tier(0, z).spot,
        4.620971215174309,
        "spot = rest of A and B",
    );
    close(pr.tier(0, z).independent, 2.0, "P3 is independent");
    close(pr.tier(0, z).spend.total(), 25_104.856075871547, "Z spend");
    close(pr.year(0).total_spend, 32_657.22308538066, "2030/31 spend");
}

#[test]
fn three_tier_later_years_scale_exit_shares_and_use_overrides() {
    let pr = project(&three_tier()).unwrap();
    // 2031/32: X's step-up doubles to 80%, so 50% + 80% = 130% is scaled to 38.5% + 61.5%.
    let f = pr.flow(1, 0, 1);
    close(f.population, 2_500.0, "override replaces growth");
    close(f.exits_returned, 3.305483470607811, "returned scaled");
    close(f.exits_stepped_up, 5.288773552972498, "stepped up scaled");
    close(f.exits_other, 0.0, "nothing left for other destinations");
    assert!(pr.warnings.iter().any(|w| matches!(
        w,
        Warning::ExitSharesScaled { year, .. } if year == "2031/32"
    )));
    close(pr.tier(1, 1).unmet, 1.5585253239926171, "Y waiting list");
    close(
        pr.tier(1, 1).spend.total(),
        7_700.0,
        "Y: 7,000 funding + 700 top-up",
    );
    close(pr.tier(1, 2).spot, 8.505551870471855, "Z spot");
    close(pr.year(1).total_spend, 52_552.75935235927, "2031/32 spend");
    close(pr.year(1).budget, 11_000.0, "budget grows 10%");
    close(
        pr.flow(2, 2, 1).entries_exclusion,
        2.0,
        "full −50% in the third year",
    );
    close(pr.year(2).total_spend, 72_046.52235530067, "2032/33 spend");
    close(
        pr.year(2).cumulative_variance,
        -124_156.5047930406,
        "cumulative variance",
    );
    close(
        pr.headline.peak_places[2],
        3.6509798560142017 + 10.758324615045932,
        "Z peaks in the last year",
    );
}

#[test]
fn tier_flow_adds_the_phases() {
    let pr = project(&three_tier()).unwrap();
    let f = pr.tier_flow(0, 1);
    close(
        f.entries(),
        1.4715177646857693 + 5.471517764685769,
        "Y entries",
    );
    close(
        f.places_needed,
        0.4176665095393063 + 1.553001792775919,
        "Y places",
    );
}
