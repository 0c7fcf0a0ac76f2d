//! Golden figures for the money rules, worked by hand from the one-tier scenario of
//! `golden.rs` (whose year-one figures are worked there): funders, flat-cash place funding,
//! AWPU income, the cost of waiting, the occupancy rule, the opening balance, financial years
//! and the unmitigated run. Every formula is in docs/model.md ("Money").

mod support;

use ap_engine::money::{lines, money_table, unmitigated, Basis};
use ap_engine::project;
use ap_engine::scenario::*;

fn close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-9 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected}"
    );
}

/// The one-tier scenario of `golden.rs`: 10,000 pupils growing 10%, referrals 2 and exclusions
/// 1 per 1,000, 10 pupils at the start, stay 19.5 of 39 weeks, a 10-place PRU (£10,000 +
/// £5,000), spot places at £40,000, £100 per entry, £1,000 transport, a £50,000 set-up line in
/// 2026/27 and an intervention halving referrals from 2027/28 (ramp 2 years, £20,000 a year);
/// every index 5%, place funding too; budget £300,000.
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
        phases: vec![Phase {
            id: "all".into(),
            name: "All".into(),
            pupils: 10_000.0,
            growth_pct: 10.0,
            ..Phase::default()
        }],
        tiers: vec![Tier {
            id: "t".into(),
            name: "Only tier".into(),
            phases: vec![TierPhase {
                phase: "all".into(),
                referral_rate: 2.0,
                exclusion_rate: 1.0,
                start_pupils: 10.0,
            }],
            trend_pct: 10.0,
            stay_weeks: 19.5,
            returned_pct: 50.0,
            per_entry_cost: 100.0,
            transport_per_place: 1_000.0,
            transport_funder: Funding::One(Funder::HighNeeds),
            providers: vec![Provider {
                id: "p".into(),
                name: "PRU".into(),
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

/// Year one's total in `golden.rs`: £100,000 place funding + £50,000 top-up + £113,533.53 spot
/// + £3,000 per entry + £12,838.34 transport + £50,000 set-up.
const YEAR_ONE: f64 = 329_371.866_531_752_86;
/// Year two's total in `golden.rs`.
const YEAR_TWO: f64 = 397_886.772_273_518_1;

#[test]
fn every_cost_is_high_needs_spend_by_default() {
    let pr = project(&one_tier()).unwrap();
    let y = pr.year(0);
    close(y.whole_system_spend, YEAR_ONE, "whole system");
    close(y.by_funder[0], YEAR_ONE, "all high-needs block");
    close(y.total_spend, YEAR_ONE, "net high-needs spend");
    assert_eq!(&y.by_funder[1..], &[0.0, 0.0, 0.0, 0.0]);
}

#[test]
fn a_cost_paid_by_schools_leaves_high_needs_spend_and_the_whole_system_unchanged() {
    let mut s = one_tier();
    s.tiers[0].per_entry_funder = Funding::One(Funder::Schools); // £3,000
    s.other_costs[0].funder = Funding::One(Funder::Grant); // £50,000
    s.tiers[0].providers[0].place_funding_funder = Funding::One(Funder::Other); // £100,000
    let pr = project(&s).unwrap();
    let y = pr.year(0);
    close(y.whole_system_spend, YEAR_ONE, "whole system unchanged");
    close(y.by_funder[1], 3_000.0, "schools: 30 entries × £100");
    close(y.by_funder[2], 50_000.0, "grant: the set-up line");
    close(y.by_funder[3], 100_000.0, "other: 10 places × £10,000");
    let high_needs = YEAR_ONE - 3_000.0 - 50_000.0 - 100_000.0;
    close(y.by_funder[0], high_needs, "high-needs block");
    close(y.total_spend, high_needs, "set against the budget");
    close(
        y.variance,
        300_000.0 - high_needs,
        "budget − high-needs spend",
    );
    // The intervention in year two, paid by a grant, is no longer high-needs spend.
    s.interventions[0].funder = Funding::One(Funder::Grant);
    let y2 = *project(&s).unwrap().year(1);
    close(y2.by_funder[2], 21_000.0, "£20,000 × 1.05 on the grant");
    close(
        y2.high_needs.interventions,
        0.0,
        "none on the high-needs block",
    );
}

#[test]
fn place_funding_is_flat_cash_by_default() {
    let mut s = one_tier();
    s.money = Money::from_inflation(5.0);
    let ty = *project(&s).unwrap().tier(1, 0);
    close(
        ty.spend.place_funding,
        100_000.0,
        "10 × £10,000, not inflated",
    );
    close(ty.spend.top_up, 52_500.0, "10 × £5,000 × 1.05");
    close(ty.spend.spot, 200_693.192_461_968_9, "as before: × £42,000");
}

#[test]
fn each_category_has_its_own_index() {
    let mut s = one_tier();
    s.money = Money {
        place_funding_index_pct: 0.0,
        top_up_index_pct: 10.0,
        spot_index_pct: 0.0,
        per_entry_index_pct: 20.0,
        transport_index_pct: -10.0,
        fixed_index_pct: 0.0,
        interventions_index_pct: 50.0,
        ..Money::default()
    };
    let pr = project(&s).unwrap();
    let (ty, y) = (pr.tier(1, 0), pr.year(1));
    close(ty.spend.top_up, 55_000.0, "10 × £5,000 × 1.1");
    close(ty.spend.spot, 4.778_409_344_332_593 * 40_000.0, "spot flat");
    close(
        ty.spend.per_entry,
        30.25 * 120.0,
        "30.25 entries × £100 × 1.2",
    );
    close(
        ty.spend.transport,
        14.778_409_344_332_593 * 900.0,
        "N × £1,000 × 0.9",
    );
    close(y.spend.interventions, 30_000.0, "£20,000 × 1.5");
}

#[test]
fn awpu_recovered_from_excluding_schools_is_income() {
    let mut s = one_tier();
    s.phases[0].awpu = 4_000.0;
    let pr = project(&s).unwrap();
    // 10 exclusions × £4,000 × half a year left.
    close(pr.year(0).income, 20_000.0, "year one income");
    close(pr.year(0).total_spend, YEAR_ONE - 20_000.0, "net of income");
    close(
        pr.year(0).whole_system_spend,
        YEAR_ONE,
        "spend itself unchanged",
    );
    // 12.1 exclusions in year two; AWPU held flat.
    close(pr.year(1).income, 24_200.0, "year two income");
    s.money.awpu_year_left_pct = 25.0;
    close(
        project(&s).unwrap().year(0).income,
        10_000.0,
        "a quarter left",
    );
}

#[test]
fn pupils_waiting_cost_interim_provision() {
    let mut s = one_tier();
    s.tiers[0].over_capacity = OverCapacity::WaitingList;
    s.tiers[0].waiting_cost_per_week = 300.0;
    let pr = project(&s).unwrap();
    let ty = pr.tier(0, 0);
    close(ty.unmet, 2.838_338_208_091_532, "unmet = N − 10");
    // 2.838338 pupil-years × 39 weeks × £300.
    close(ty.spend.waiting, 33_208.557_034_670_92, "interim provision");
    close(ty.spend.spot, 0.0, "nothing bought");
    close(ty.spend.transport, 10_000.0, "10 filled places × £1,000");
    close(
        pr.year(0).spend.waiting,
        33_208.557_034_670_92,
        "in the year's categories",
    );
    close(
        pr.year(0).total_spend,
        246_208.557_034_671,
        "100k + 50k + 3k + 10k + 50k + 33,208.56",
    );
    // Year two: 4.778409 × 39 × £300 × 1.05 (independent and spot index).
    close(
        pr.tier(1, 0).spend.waiting,
        58_702.758_795_125_9,
        "year two",
    );
    assert!(pr
        .warnings
        .iter()
        .all(|w| !matches!(w, ap_engine::results::Warning::WaitingCostsNothing { .. })));
    s.tiers[0].waiting_funder = Funding::One(Funder::Other);
    let y = *project(&s).unwrap().year(0);
    close(
        y.by_funder[3],
        33_208.557_034_670_92,
        "paid by another budget",
    );
}

#[test]
fn a_waiting_list_of_excluded_pupils_that_costs_nothing_is_a_warning() {
    let mut s = one_tier();
    s.tiers[0].over_capacity = OverCapacity::WaitingList;
    let pr = project(&s).unwrap();
    let shown: Vec<String> = pr.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        shown.iter().any(|w| w.starts_with("Only tier takes excluded pupils and keeps a waiting list, but interim provision costs nothing")),
        "{shown:?}"
    );
    // Without exclusions (support in school), a free waiting list is the user's choice.
    s.tiers[0].phases[0].exclusion_rate = 0.0;
    let pr = project(&s).unwrap();
    assert!(pr
        .warnings
        .iter()
        .all(|w| !matches!(w, ap_engine::results::Warning::WaitingCostsNothing { .. })));
}

#[test]
fn the_occupancy_rule_pays_top_up_on_a_share_of_commissioned_places() {
    let mut s = one_tier();
    s.tiers[0].providers[0].places = vec![20.0];
    s.tiers[0].providers[0].min_occupancy_pct = 80.0;
    let pr = project(&s).unwrap();
    close(
        pr.tier(0, 0).occupied,
        12.838_338_208_091_532,
        "occupied = N",
    );
    close(
        pr.tier(0, 0).spend.top_up,
        80_000.0,
        "16 (80% of 20) × £5,000",
    );
    close(
        pr.tier(0, 0).spend.place_funding,
        200_000.0,
        "place funding unchanged",
    );
    s.tiers[0].providers[0].min_occupancy_pct = 50.0;
    let pr = project(&s).unwrap();
    close(
        pr.tier(0, 0).spend.top_up,
        64_191.691_040_457_66,
        "occupied (12.84) > 10",
    );
}

#[test]
fn the_opening_balance_starts_the_cumulative_position() {
    let mut s = one_tier();
    s.money.opening_balance = -1_000_000.0;
    let pr = project(&s).unwrap();
    close(
        pr.year(0).variance,
        300_000.0 - YEAR_ONE,
        "in-year unchanged",
    );
    close(
        pr.year(0).cumulative_variance,
        -1_000_000.0 + 300_000.0 - YEAR_ONE,
        "opening + in-year",
    );
    close(
        pr.year(1).cumulative_variance,
        -1_000_000.0 + 600_000.0 - YEAR_ONE - YEAR_TWO,
        "year two",
    );
}

#[test]
fn financial_years_take_seven_and_five_twelfths() {
    let s = one_tier();
    let pr = project(&s).unwrap();
    let un = unmitigated(&s);
    let fy = money_table(&s, &pr, &un, Basis::Financial);
    let labels: Vec<&str> = fy.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["2026-27", "2027-28", "2028-29"]);
    assert_eq!(
        fy.rows.iter().map(|r| r.partial).collect::<Vec<_>>(),
        [true, false, true]
    );
    close(fy.rows[0].net, 192_133.588_810_189_16, "7/12 of 2026/27");
    close(
        fy.rows[1].net,
        369_338.894_881_115_9,
        "7/12 of 2027/28 + 5/12 of 2026/27",
    );
    close(fy.rows[2].net, 165_786.155_113_965_88, "5/12 of 2027/28");
    close(fy.rows[0].budget, 175_000.0, "7/12 of £300,000");
    close(fy.rows[1].budget, 300_000.0, "a whole year's budget");
    close(
        fy.rows[2].cumulative,
        600_000.0 - YEAR_ONE - YEAR_TWO,
        "ends where the academic years end",
    );

    let mut s = s;
    s.money.fy_split = FySplit::TeachingWeeks;
    let fy = money_table(&s, &pr, &un, Basis::Financial);
    close(fy.rows[0].net, 219_581.244_354_501_92, "26/39 of 2026/27");
    close(
        fy.rows[1].net,
        375_048.470_359_596_37,
        "26/39 of 2027/28 + 13/39 of 2026/27",
    );
    close(fy.rows[2].net, 132_628.924_091_172_7, "13/39 of 2027/28");

    let ay = money_table(&s, &pr, &un, Basis::Academic);
    assert_eq!(ay.rows[0].label, "2026/27");
    close(ay.rows[1].net, YEAR_TWO, "academic years as projected");
}

#[test]
fn the_unmitigated_run_has_no_interventions() {
    let s = one_tier();
    let pr = project(&s).unwrap();
    let un = unmitigated(&s);
    // Year one: the intervention has not started, so both runs agree.
    close(un.year(0).total_spend, YEAR_ONE, "year one");
    // Year two: referrals not halved (2 × 1.1 × 11 = 24.2) and no £21,000 cost.
    close(un.flow(1, 0, 0).entries_direct, 24.2, "full referrals");
    close(un.year(1).spend.interventions, 0.0, "no intervention cost");
    let table = money_table(&s, &pr, &un, Basis::Academic);
    let r = &table.rows[1];
    close(r.net, YEAR_TWO, "mitigated");
    close(r.unmitigated_net, un.year(1).total_spend, "unmitigated");
    close(
        r.mitigation(),
        un.year(1).total_spend - YEAR_TWO,
        "the difference",
    );
    // The plan-shaped lines carry the same figures.
    let l = lines(&table);
    let find = |name: &str| l.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    close(
        find("Net high-needs spend (unmitigated)")[1],
        r.unmitigated_net,
        "line",
    );
    close(
        find("Cumulative position (mitigated)")[1],
        r.cumulative,
        "line",
    );
}

/// A version 2 scenario with the old single inflation rate, as old links and saved entries hold.
const V2: &str = r#"{"schema_version": 2, "meta": {"name": "Old plan"},
  "phases": [{"id": "all", "name": "All", "pupils": 1000}],
  "tiers": [{"id": "t", "name": "T", "phases": [{"phase": "all", "referral_rate": 1}],
             "providers": [{"id": "p", "name": "P", "places": [5], "place_funding": 10000}]}],
  "inflation_pct": 3}"#;

#[test]
fn an_old_share_link_and_saved_entry_open_migrated() {
    let from_link = ap_engine::link::decode(&support::token_for(V2.as_bytes())).unwrap();
    let entry = format!(r#"{{"format": 1, "saved_at": 1, "scenario": {V2}}}"#);
    let from_entry = ap_engine::store::read_file(&entry).unwrap().stored.scenario;
    for s in [from_link, from_entry] {
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.money.top_up_index_pct, 3.0);
        assert_eq!(s.money.place_funding_index_pct, 0.0);
        let pr = project(&s).unwrap();
        close(pr.tier(1, 0).spend.place_funding, 50_000.0, "flat cash");
    }
}

/// The year-one transport in `golden.rs`: 12.838338 places × £1,000.
const TRANSPORT_ONE: f64 = 12_838.338_208_091_532;

#[test]
fn transport_paid_by_the_council_is_not_high_needs_spend() {
    let mut s = one_tier();
    s.tiers[0].transport_funder = Funding::One(Funder::Council);
    let pr = project(&s).unwrap();
    let y = pr.year(0);
    close(
        y.by_funder[Funder::Council.index()],
        TRANSPORT_ONE,
        "council",
    );
    close(
        y.total_spend,
        YEAR_ONE - TRANSPORT_ONE,
        "net high-needs spend",
    );
    close(y.whole_system_spend, YEAR_ONE, "whole system unchanged");
    // New tiers charge transport to the council; the money table has its own line.
    assert_eq!(
        Tier::default().transport_funder,
        Funding::One(Funder::Council)
    );
    let table = money_table(&s, &pr, &unmitigated(&s), Basis::Academic);
    let l = lines(&table);
    let council = &l
        .iter()
        .find(|(n, _)| *n == "Paid by the council (general fund)")
        .unwrap()
        .1;
    close(council[0], TRANSPORT_ONE, "the council's line");
}

#[test]
fn a_split_cost_is_paid_by_each_funder_in_its_share() {
    let mut s = one_tier();
    // £3,000 of per-entry cost: 40% high-needs, 60% schools.
    s.tiers[0].per_entry_funder = Funding::Split([40.0, 60.0, 0.0, 0.0, 0.0]);
    // £10,000 × 10 place funding: a quarter from a grant.
    s.tiers[0].providers[0].place_funding_funder = Funding::Split([75.0, 0.0, 25.0, 0.0, 0.0]);
    assert_eq!(ap_engine::validate(&s), Ok(()));
    let y = *project(&s).unwrap().year(0);
    close(y.by_funder[1], 1_800.0, "schools: 60% of £3,000");
    close(y.by_funder[2], 25_000.0, "grant: 25% of £100,000");
    close(
        y.by_funder[0],
        YEAR_ONE - 1_800.0 - 25_000.0,
        "the rest on the high-needs block",
    );
    close(y.whole_system_spend, YEAR_ONE, "whole system unchanged");
    // Shares that do not add up to 100% are refused, with what they add up to.
    s.tiers[0].per_entry_funder = Funding::Split([40.0, 50.0, 0.0, 0.0, 0.0]);
    let issues = ap_engine::validate(&s).unwrap_err().0;
    let shown: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        shown,
        ["Only tier · cost per entry paid by is split between funders whose shares add up to 90%: they must add up to 100%"],
    );
    assert_eq!(issues[0].path, "tiers.0.per_entry_funder");
}

#[test]
fn a_budget_typed_per_financial_year_gives_the_academic_years() {
    let mut s = one_tier();
    // 2026-27 £300,000, growing 10% a financial year: 2027-28 £330,000, 2028-29 £363,000.
    s.budget = Budget {
        first_year: 300_000.0,
        growth_pct: 10.0,
        basis: BudgetBasis::Financial,
    };
    let pr = project(&s).unwrap();
    close(
        pr.year(0).budget,
        312_500.0,
        "7/12 × 300,000 + 5/12 × 330,000",
    );
    close(
        pr.year(1).budget,
        343_750.0,
        "7/12 × 330,000 + 5/12 × 363,000",
    );
    let fy = money_table(&s, &pr, &unmitigated(&s), Basis::Financial);
    let budgets: Vec<f64> = fy.rows.iter().map(|r| r.budget).collect();
    close(
        budgets[0],
        175_000.0,
        "2026-27 from September: 7/12 of £300,000",
    );
    close(budgets[1], 330_000.0, "2027-28 whole");
    close(budgets[2], 151_250.0, "2028-29 to August: 5/12 of £363,000");
    close(
        fy.rows[2].cumulative,
        312_500.0 + 343_750.0 - YEAR_ONE - YEAR_TWO,
        "financial and academic years end in the same place",
    );
    close(
        pr.year(1).cumulative_variance,
        fy.rows[2].cumulative,
        "the projection's own cumulative",
    );
}

#[test]
fn the_stability_grant_writes_off_a_share_of_the_deficit_brought_forward() {
    let mut s = one_tier();
    s.money.opening_balance = -1_000_000.0;
    s.money.write_off_pct = 90.0;
    s.money.write_off_year = 2027;
    let pr = project(&s).unwrap();
    close(
        pr.year(0).cumulative_variance,
        -1_000_000.0 + 300_000.0 - YEAR_ONE,
        "nothing in 2026/27",
    );
    close(
        pr.year(1).cumulative_variance,
        -1_000_000.0 + 600_000.0 - YEAR_ONE - YEAR_TWO + 900_000.0,
        "90% of £1m in 2027/28",
    );
    close(
        pr.year(1).variance,
        300_000.0 - YEAR_TWO,
        "in-year unchanged",
    );
    let table = money_table(&s, &pr, &unmitigated(&s), Basis::Financial);
    let written: Vec<f64> = table.rows.iter().map(|r| r.write_off).collect();
    assert_eq!(written, [0.0, 900_000.0, 0.0], "received in 2027-28");
    let l = lines(&table);
    let line = &l
        .iter()
        .find(|(n, _)| *n == "Deficit written off by grant (stability grant)")
        .unwrap()
        .1;
    assert_eq!(line, &written);
    close(
        table.rows[2].cumulative - table.rows[2].unmitigated_cumulative,
        table.rows.iter().map(|r| r.mitigation()).sum::<f64>(),
        "the write-off is in both runs",
    );
    // A surplus brought forward has nothing to write off.
    s.money.opening_balance = 500_000.0;
    close(
        project(&s).unwrap().year(1).cumulative_variance,
        500_000.0 + 600_000.0 - YEAR_ONE - YEAR_TWO,
        "surplus",
    );
}

#[test]
fn a_deficit_after_the_statutory_override_ends_is_shown_on_its_own_line() {
    let mut s = one_tier();
    s.money.opening_balance = -1_000_000.0;
    s.money.override_last_year = 2026; // to 31 March 2027
    let pr = project(&s).unwrap();
    let un = unmitigated(&s);
    let fy = money_table(&s, &pr, &un, Basis::Financial);
    let outside: Vec<f64> = fy.rows.iter().map(|r| r.outside_override).collect();
    close(outside[0], 0.0, "2026-27 is inside the override");
    close(
        outside[1],
        -fy.rows[1].cumulative,
        "2027-28: the whole deficit",
    );
    close(outside[2], -fy.rows[2].cumulative, "2028-29");
    // Academic year 2026/27 runs past 31 March 2027, so its deficit at August is outside.
    let ay = money_table(&s, &pr, &un, Basis::Academic);
    close(
        ay.rows[0].outside_override,
        1_000_000.0 - 300_000.0 + YEAR_ONE,
        "2026/27",
    );
    // Inside the override (the default runs to 2027-28), nothing is outside.
    s.money.override_last_year = 2027;
    let fy = money_table(&s, &pr, &un, Basis::Financial);
    assert_eq!(fy.rows[1].outside_override, 0.0);
    assert!(fy.rows[2].outside_override > 0.0);
}

#[test]
fn unmitigated_takes_out_only_the_plans_new_interventions() {
    let mut s = one_tier();
    // The intervention halving referrals is already running (in the base budget); a second,
    // new one cuts exclusions by a fifth and carries a range.
    s.interventions[0].in_base_budget = true;
    s.interventions.push(Intervention {
        id: "new".into(),
        name: "Cut exclusions".into(),
        tier: "t".into(),
        target: Target::ExclusionRate,
        change_pct: -20.0,
        first_year: 2027,
        annual_cost: 10_000.0,
        ..Intervention::default()
    });
    let pr = project(&s).unwrap();
    let only_base = {
        let mut b = s.clone();
        b.interventions.truncate(1);
        project(&b).unwrap()
    };
    let un = unmitigated(&s);
    close(
        un.year(1).total_spend,
        only_base.year(1).total_spend,
        "unmitigated keeps the base budget's intervention",
    );
    close(
        un.year(1).spend.interventions,
        21_000.0,
        "and its cost: £20,000 × 1.05",
    );
    assert!(un.year(1).total_spend > pr.year(1).total_spend);
    // Ranges move with the interventions kept: one on the base intervention stays on it.
    let mut r = s.clone();
    r.interventions.swap(0, 1);
    r.ranges = vec![InputRange {
        field: "interventions.1.change_pct".parse().unwrap(),
        low: -60.0,
        high: -40.0,
        shape: Shape::Triangular,
        group: Group::None,
    }];
    let kept = ap_engine::money::without_interventions(&r);
    assert_eq!(kept.interventions.len(), 1);
    assert_eq!(kept.interventions[0].name, "Halve referrals");
    assert_eq!(
        kept.ranges[0].field.to_string(),
        "interventions.0.change_pct"
    );
}

/// A version 3 file: its budget was typed per academic year and transport named no funder
/// (the high-needs block then).
const V3: &str = r#"{"schema_version": 3, "meta": {"name": "Plan of 2025"},
  "phases": [{"id": "all", "name": "All", "pupils": 10000}],
  "tiers": [{"id": "t", "name": "T", "phases": [{"phase": "all", "referral_rate": 2}],
             "stay_weeks": 19.5, "transport_per_place": 1000,
             "providers": [{"id": "p", "name": "P", "places": [10], "place_funding": 10000}]}],
  "budget": {"first_year": 300000, "growth_pct": 10}}"#;

#[test]
fn a_version_3_file_keeps_its_figures_and_says_what_changed() {
    let read = ap_engine::file::read_scenario(V3).unwrap();
    let s = &read.scenario;
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(s.budget.basis, BudgetBasis::Academic);
    assert_eq!(s.tiers[0].transport_funder, Funding::One(Funder::HighNeeds));
    let pr = project(s).unwrap();
    close(pr.year(1).budget, 330_000.0, "academic years as typed");
    close(
        pr.year(0).by_funder[Funder::Council.index()],
        0.0,
        "nothing moved to the council",
    );
    assert!(read.notes[0].starts_with("This scenario was saved in an earlier format (3)"));
    assert!(read.notes.iter().any(|n| n.contains("per academic year")));
    assert!(read.notes.iter().any(|n| n.contains("transport")));
    // Read as the current format, the same text gives the new defaults.
    let now = ap_engine::file::read_scenario(
        &V3.replace("\"schema_version\": 3", "\"schema_version\": 4"),
    )
    .unwrap();
    assert!(now.notes.is_empty());
    assert_eq!(now.scenario.budget.basis, BudgetBasis::Financial);
    assert_eq!(
        now.scenario.tiers[0].transport_funder,
        Funding::One(Funder::Council)
    );
}

#[test]
fn moving_the_examples_transport_to_the_council_moves_the_high_needs_position() {
    // The issue's figure: about £9.7m over five years in dfe-three-tier.
    let s = ap_engine::examples::dfe_three_tier();
    let mut hn = s.clone();
    for t in &mut hn.tiers {
        t.transport_funder = Funding::One(Funder::HighNeeds);
    }
    let (a, b) = (project(&s).unwrap(), project(&hn).unwrap());
    let moved = a.year(4).cumulative_variance - b.year(4).cumulative_variance;
    let transport: f64 = (0..5).map(|t| a.year(t).spend.transport).sum();
    close(moved, transport, "exactly the transport spend");
    println!("transport moved to the council: £{moved:.0} over five years");
    assert!((9.0e6..10.5e6).contains(&moved), "{moved}");
}
