//! Comparing scenarios against a baseline: per-year differences and the invest-to-save case.
//!
//! Scenarios are matched year by year on the academic year, over the years the baseline and the
//! other scenario both project.
//!
//! The invest-to-save arithmetic, per year t, for a scenario S against the baseline B:
//! - extra investment = S's intervention spend − B's intervention spend;
//! - spend avoided = (B's spend − B's intervention spend) − (S's spend − S's intervention spend);
//! - net saving = spend avoided − extra investment (= B's spend − S's spend);
//! - cumulative net saving adds the net savings up year by year;
//! - payback year = the first year whose cumulative net saving is at or above zero, once there is
//!   any extra investment; "not within the horizon" if it never is.

use crate::results::Projection;
use crate::scenario::Scenario;

/// When an investment pays for itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Payback {
    /// The first academic year (start year) whose cumulative net saving is at or above zero.
    Year(i32),
    NotWithinHorizon,
    /// The scenario spends no more on interventions than the baseline in any year.
    NoExtraInvestment,
}

/// One year of one scenario against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct YearAgainstBaseline {
    pub academic_year: i32,
    pub places: f64,
    pub spend: f64,
    pub places_difference: f64,
    pub spend_difference: f64,
    pub extra_investment: f64,
    pub spend_avoided: f64,
    pub net_saving: f64,
    pub cumulative_net_saving: f64,
}

/// A scenario against the baseline over the years they share.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestToSave {
    pub years: Vec<YearAgainstBaseline>,
    pub payback: Payback,
    pub total_extra_investment: f64,
    pub total_spend_avoided: f64,
    /// Entries into the last tier the baseline has and this scenario avoids (negative: more).
    pub kept_out_of_last_tier: f64,
    pub exclusions_avoided: f64,
    pub extra_returned_to_mainstream: f64,
    /// Extra investment per extra pupil returned to mainstream; `None` when none extra return.
    pub cost_per_extra_returned: Option<f64>,
}

/// The year index of academic year `year` in a scenario's projection, if it projects that year.
pub fn year_index(s: &Scenario, pr: &Projection, year: i32) -> Option<usize> {
    let offset = i64::from(year) - i64::from(s.timeline.first_year);
    usize::try_from(offset).ok().filter(|t| *t < pr.years)
}

fn intervention_spend(pr: &Projection, t: usize) -> f64 {
    pr.year(t).spend.interventions
}

/// Entries into the last tier in year index `t`.
fn last_tier_entries(pr: &Projection, t: usize) -> f64 {
    match pr.tiers.checked_sub(1) {
        Some(last) => pr.tier_flow(t, last).entries(),
        None => 0.0,
    }
}

fn exclusions(pr: &Projection, t: usize) -> f64 {
    (0..pr.tiers)
        .map(|i| pr.tier_flow(t, i).entries_exclusion)
        .sum()
}

fn returned(pr: &Projection, t: usize) -> f64 {
    (0..pr.tiers)
        .map(|i| pr.tier_flow(t, i).exits_returned)
        .sum()
}

/// `scenario` (with its projection) against `baseline`.
pub fn against_baseline(
    baseline: (&Scenario, &Projection),
    scenario: (&Scenario, &Projection),
) -> InvestToSave {
    let (bs, bp) = baseline;
    let (ss, sp) = scenario;
    let mut years = Vec::new();
    let mut cumulative = 0.0;
    let mut payback = None;
    let mut any_investment = false;
    let (mut kept_out, mut exclusions_avoided, mut extra_returned) = (0.0, 0.0, 0.0);
    for bt in 0..bp.years {
        let year = bs.timeline.year(bt);
        let Some(st) = year_index(ss, sp, year) else {
            continue;
        };
        let (b, s) = (bp.year(bt), sp.year(st));
        let extra_investment = intervention_spend(sp, st) - intervention_spend(bp, bt);
        let spend_avoided = (b.total_spend - intervention_spend(bp, bt))
            - (s.total_spend - intervention_spend(sp, st));
        let net_saving = spend_avoided - extra_investment;
        cumulative += net_saving;
        any_investment |= extra_investment > 0.0;
        if any_investment && payback.is_none() && cumulative >= 0.0 {
            payback = Some(year);
        }
        kept_out += last_tier_entries(bp, bt) - last_tier_entries(sp, st);
        exclusions_avoided += exclusions(bp, bt) - exclusions(sp, st);
        extra_returned += returned(sp, st) - returned(bp, bt);
        years.push(YearAgainstBaseline {
            academic_year: year,
            places: sp.total_places(st),
            spend: s.total_spend,
            places_difference: sp.total_places(st) - bp.total_places(bt),
            spend_difference: s.total_spend - b.total_spend,
            extra_investment,
            spend_avoided,
            net_saving,
            cumulative_net_saving: cumulative,
        });
    }
    let total_extra_investment: f64 = years.iter().map(|y| y.extra_investment).sum();
    let total_spend_avoided = years.iter().map(|y| y.spend_avoided).sum();
    let payback = match (any_investment, payback) {
        (false, _) => Payback::NoExtraInvestment,
        (true, Some(year)) => Payback::Year(year),
        (true, None) => Payback::NotWithinHorizon,
    };
    InvestToSave {
        years,
        payback,
        total_extra_investment,
        total_spend_avoided,
        kept_out_of_last_tier: kept_out,
        exclusions_avoided,
        extra_returned_to_mainstream: extra_returned,
        cost_per_extra_returned: (extra_returned > 1e-9 && total_extra_investment > 0.0)
            .then(|| total_extra_investment / extra_returned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::project;
    use crate::scenario::{FixedCost, Intervention, Lever};

    fn compare(b: &Scenario, s: &Scenario) -> InvestToSave {
        let (bp, sp) = (project(b).unwrap(), project(s).unwrap());
        against_baseline((b, &bp), (s, &sp))
    }

    /// A baseline with no interventions, and a copy with one costing `cost` a year from `first`
    /// that changes Tier 3 secondary exclusions by `change` %.
    fn pair(cost: f64, change: f64, first: i32) -> (Scenario, Scenario) {
        let mut b = examples::dfe_three_tier();
        b.inflation_pct = 0.0;
        let mut s = b.clone();
        s.interventions.push(Intervention {
            id: "x".into(),
            name: "Outreach".into(),
            tier: "tier3".into(),
            phase: Some("secondary".into()),
            target: Lever::ExclusionRate,
            change_pct: change,
            first_year: first,
            ramp_years: 0,
            annual_cost: cost,
        });
        (b, s)
    }

    #[test]
    fn the_arithmetic_adds_up_year_by_year() {
        let (b, s) = pair(200_000.0, -30.0, 2027);
        let c = compare(&b, &s);
        assert_eq!(c.years.len(), 5);
        for y in &c.years {
            assert!((y.net_saving - (y.spend_avoided - y.extra_investment)).abs() < 1e-6);
            assert!(
                (y.net_saving + y.spend_difference).abs() < 1e-6,
                "net saving = −difference"
            );
        }
        assert_eq!(c.years[0].extra_investment, 0.0);
        assert_eq!(c.years[1].extra_investment, 200_000.0);
        let cum: f64 = c.years.iter().map(|y| y.net_saving).sum();
        assert!((c.years[4].cumulative_net_saving - cum).abs() < 1e-6);
        assert!(c.exclusions_avoided > 0.0);
        assert!(c.kept_out_of_last_tier > 0.0);
    }

    #[test]
    fn payback_in_the_first_year_of_investment() {
        // Cutting exclusions by 90% for £1,000 a year pays back at once.
        let (b, s) = pair(1_000.0, -90.0, 2027);
        assert_eq!(compare(&b, &s).payback, Payback::Year(2027));
    }

    #[test]
    fn payback_at_the_last_year_of_the_horizon() {
        // An investment whose cumulative position first turns non-negative in the last year:
        // find its cost by halving between "pays back at once" and "never".
        let (b, s) = pair(0.0, -30.0, 2027);
        let c = compare(&b, &s);
        let avoided: Vec<f64> = c.years.iter().map(|y| y.spend_avoided).collect();
        // Four years of investment (2027/28 to 2030/31) at `cost`: cumulative at the end is
        // Σ avoided − 4 × cost; choose cost so it is exactly zero at the end.
        let cost = avoided.iter().sum::<f64>() / 4.0;
        let (b, s) = pair(cost, -30.0, 2027);
        let c = compare(&b, &s);
        assert!(c.years[3].cumulative_net_saving < 0.0, "not yet in 2029/30");
        assert_eq!(c.payback, Payback::Year(2030));
    }

    #[test]
    fn an_investment_that_never_pays_back() {
        let (b, s) = pair(5_000_000.0, -5.0, 2027);
        let c = compare(&b, &s);
        assert_eq!(c.payback, Payback::NotWithinHorizon);
        // From the first year of investment the position is below zero and stays there.
        assert!(c.years[1..].iter().all(|y| y.cumulative_net_saving < 0.0));
    }

    #[test]
    fn payback_after_the_horizon_is_not_within_it() {
        // Savings from fewer exclusions grow as AP rolls shrink, so a cost set to the average
        // saving over fifteen years pays back only late in that period.
        let (mut b, mut s) = pair(0.0, -30.0, 2027);
        b.timeline.horizon = 15;
        s.timeline.horizon = 15;
        let avoided: f64 = compare(&b, &s).years.iter().map(|y| y.spend_avoided).sum();
        let cost = 0.999 * avoided / 14.0;
        let (mut b, mut s) = pair(cost, -30.0, 2027);
        b.timeline.horizon = 15;
        s.timeline.horizon = 15;
        let late = compare(&b, &s).payback;
        assert!(matches!(late, Payback::Year(y) if y > 2030), "{late:?}");
        b.timeline.horizon = 3;
        s.timeline.horizon = 3;
        assert_eq!(compare(&b, &s).payback, Payback::NotWithinHorizon);
    }

    #[test]
    fn no_investment_means_no_payback_year() {
        let b = examples::dfe_three_tier();
        let c = compare(&b, &b);
        assert_eq!(c.payback, Payback::NoExtraInvestment);
        assert!(c.years.iter().all(|y| y.net_saving == 0.0));
        assert_eq!(c.cost_per_extra_returned, None);

        // Spending more on a fixed line is not an investment in interventions.
        let mut s = b.clone();
        s.other_costs.push(FixedCost {
            name: "More".into(),
            amount: 1.0,
            first_year: 2026,
            last_year: 2030,
        });
        assert_eq!(compare(&b, &s).payback, Payback::NoExtraInvestment);
    }

    #[test]
    fn the_built_in_invest_to_save_example_pays_back() {
        let c = compare(
            &examples::dfe_three_tier(),
            &examples::dfe_early_intervention(),
        );
        assert!(matches!(c.payback, Payback::Year(_)), "{:?}", c.payback);
        assert!(c.total_extra_investment > 0.0);
        assert!(c.total_spend_avoided > c.total_extra_investment);
    }

    #[test]
    fn years_are_matched_on_the_academic_year() {
        let b = examples::dfe_three_tier();
        let mut s = b.clone();
        s.timeline.first_year = 2028;
        let c = compare(&b, &s);
        assert_eq!(
            c.years.iter().map(|y| y.academic_year).collect::<Vec<_>>(),
            vec![2028, 2029, 2030]
        );
    }
}

/// Columns of the comparison table (CSV and workbook).
pub const COMPARISON_HEADER: [&str; 12] = [
    "scenario",
    "is_baseline",
    "year",
    "academic_year",
    "places_needed",
    "total_spend",
    "budget",
    "places_difference",
    "spend_difference",
    "extra_investment",
    "spend_avoided",
    "cumulative_net_saving",
];

/// One row per scenario and year: (scenario name, is baseline, year, the eight figures).
pub fn comparison_rows(
    baseline: usize,
    scenarios: &[(&Scenario, &Projection)],
) -> Vec<(String, bool, i32, [f64; 8])> {
    let Some(&base) = scenarios.get(baseline) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (n, &(s, pr)) in scenarios.iter().enumerate() {
        for y in against_baseline(base, (s, pr)).years {
            let t = (y.academic_year - s.timeline.first_year) as usize;
            // `+ 0.0` turns −0.0 into 0.0.
            let figures = [
                y.places,
                y.spend,
                pr.year(t).budget,
                y.places_difference + 0.0,
                y.spend_difference + 0.0,
                y.extra_investment + 0.0,
                y.spend_avoided + 0.0,
                y.cumulative_net_saving + 0.0,
            ];
            rows.push((s.meta.name.clone(), n == baseline, y.academic_year, figures));
        }
    }
    rows
}

/// A comparison as CSV: one row per scenario and year, with its difference from the baseline
/// and the invest-to-save figures. Money in pounds, places to two decimals.
pub fn comparison_csv(baseline: usize, scenarios: &[(&Scenario, &Projection)]) -> String {
    use std::fmt::Write;
    let mut out = COMPARISON_HEADER.join(",");
    out.push('\n');
    for (name, is_baseline, year, figures) in comparison_rows(baseline, scenarios) {
        let _ = write!(
            out,
            "{},{is_baseline},{year},{}",
            crate::csv::text_cell(&name),
            crate::format::academic_year(year)
        );
        for v in figures {
            let _ = write!(out, ",{v:.2}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod csv_tests {
    use super::*;
    use crate::{examples, project};

    #[test]
    fn the_comparison_csv_has_a_row_per_scenario_and_year() {
        let (a, b) = (
            examples::dfe_three_tier(),
            examples::dfe_early_intervention(),
        );
        let (pa, pb) = (project(&a).unwrap(), project(&b).unwrap());
        let csv = comparison_csv(0, &[(&a, &pa), (&b, &pb)]);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 1 + 2 * 5);
        assert!(
            rows[1].starts_with("\"DfE three tiers, current trends\",true,2026,2026/27,"),
            "{}",
            rows[1]
        );
        // The baseline against itself differs by nothing.
        assert!(
            rows[1].ends_with(",0.00,0.00,0.00,0.00,0.00"),
            "{}",
            rows[1]
        );
        let last = rows.last().unwrap();
        let cumulative: f64 = last.rsplit(',').next().unwrap().parse().unwrap();
        let case = against_baseline((&a, &pa), (&b, &pb));
        assert!((cumulative - case.years[4].cumulative_net_saving).abs() < 0.01);
    }
}
