//! Comparing scenarios against a baseline: per-year figures, differences and the invest-to-save
//! case.
//!
//! One rule for years: **a comparison covers the baseline's academic years**. Every scenario's
//! figures are given for exactly those years (nothing where it does not project a year), and its
//! invest-to-save case covers the years among them that it projects. Scenarios are matched on the
//! academic year, not on their position in the projection, so scenarios starting in different
//! years line up. [`Comparison`] is the one value the compare view's charts and tables and the
//! comparison exports all read, so they always show the same years.
//!
//! The invest-to-save arithmetic, per year t, for a scenario S against the baseline B:
//! - extra investment = S's intervention spend − B's intervention spend;
//! - spend avoided = (B's spend − B's intervention spend) − (S's spend − S's intervention spend);
//! - net saving = spend avoided − extra investment (= B's spend − S's spend);
//! - cumulative net saving adds the net savings up year by year;
//! - payback year = the first year whose cumulative net saving is at or above zero, once there is
//!   any extra investment; "not within the horizon" if it never is;
//! - a positive net saving splits into **cashable** (S's spend below S's own spend the year
//!   before: money that can actually come out of the budget), at most the net saving, and
//!   **avoided** (the rest: below the baseline, but not below last year's spend). In the first
//!   year compared (no year before it) the whole saving counts as avoided. A negative net saving
//!   is all "avoided" (an extra cost), with nothing cashable.
//!
//! Spend here is high-needs spend net of income (`YearSummary::total_spend`), and investment is
//! what the high-needs block pays for interventions: a cost schools pay neither costs nor saves
//! the high-needs block anything.

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
    /// The part of the net saving that is spend below this scenario's previous year.
    pub cashable: f64,
    /// The rest of the net saving: growth avoided against the baseline.
    pub avoided: f64,
}

/// Split a year's net saving into (cashable, avoided), given the scenario's spend this year and
/// (if it projects it) the year before.
pub fn cashable_split(net_saving: f64, spend: f64, previous: Option<f64>) -> (f64, f64) {
    let fall = previous.map_or(0.0, |p| (p - spend).max(0.0));
    let cashable = if net_saving > 0.0 {
        fall.min(net_saving)
    } else {
        0.0
    };
    (cashable, net_saving - cashable)
}

/// A scenario against the baseline over the years they share.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestToSave {
    pub years: Vec<YearAgainstBaseline>,
    pub payback: Payback,
    pub total_extra_investment: f64,
    pub total_spend_avoided: f64,
    /// Net saving that is cashable, over the years compared.
    pub total_cashable: f64,
    /// Net saving that is growth avoided, over the years compared.
    pub total_avoided: f64,
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
    pr.year(t).high_needs.interventions
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
        let previous = year
            .checked_sub(1)
            .and_then(|y| year_index(ss, sp, y))
            .map(|t| sp.year(t).total_spend);
        let (cashable, avoided) = cashable_split(net_saving, s.total_spend, previous);
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
            cashable,
            avoided,
        });
    }
    let total_extra_investment: f64 = years.iter().map(|y| y.extra_investment).sum();
    let total_spend_avoided = years.iter().map(|y| y.spend_avoided).sum();
    let total_cashable = years.iter().map(|y| y.cashable).sum();
    let total_avoided = years.iter().map(|y| y.avoided).sum();
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
        total_cashable,
        total_avoided,
        kept_out_of_last_tier: kept_out,
        exclusions_avoided,
        extra_returned_to_mainstream: extra_returned,
        cost_per_extra_returned: (extra_returned > 1e-9 && total_extra_investment > 0.0)
            .then(|| total_extra_investment / extra_returned),
    }
}

/// One scenario's figures in one academic year of a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearFigures {
    /// Places needed, all tiers (average pupils in the year).
    pub places: f64,
    /// Total spend, at that year's prices.
    pub spend: f64,
    pub budget: f64,
}

/// One scenario in a [`Comparison`].
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedScenario {
    pub name: String,
    /// Its figures for each of the comparison's years, in the same order; `None` where this
    /// scenario does not project that year.
    pub years: Vec<Option<YearFigures>>,
    /// This scenario against the baseline, over the years it has figures for; `None` for the
    /// baseline itself.
    pub case: Option<InvestToSave>,
}

impl ComparedScenario {
    /// Places needed per year of the comparison, NaN where it does not project the year (a gap
    /// in a chart's line).
    pub fn places(&self) -> Vec<f64> {
        self.series(|y| y.places)
    }

    /// Spend per year of the comparison, NaN where it does not project the year.
    pub fn spend(&self) -> Vec<f64> {
        self.series(|y| y.spend)
    }

    fn series(&self, figure: impl Fn(&YearFigures) -> f64) -> Vec<f64> {
        self.years
            .iter()
            .map(|y| y.as_ref().map_or(f64::NAN, &figure))
            .collect()
    }

    /// This scenario's difference from the baseline in academic year `year` (`None` for the
    /// baseline, or a year it does not project).
    pub fn against_baseline_in(&self, year: i32) -> Option<&YearAgainstBaseline> {
        self.case
            .as_ref()?
            .years
            .iter()
            .find(|y| y.academic_year == year)
    }
}

/// Two or more scenarios against one of them, the baseline, over the baseline's years.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The baseline's position in `scenarios`.
    pub baseline: usize,
    /// The academic years compared (each year's start year): the baseline's, in order.
    pub years: Vec<i32>,
    /// Every scenario, in the order given, the baseline among them.
    pub scenarios: Vec<ComparedScenario>,
}

impl Comparison {
    /// Compare `scenarios` (each with its projection) against the one at position `baseline`.
    /// A `baseline` outside the list gives an empty comparison (no years, no scenarios).
    pub fn new(baseline: usize, scenarios: &[(&Scenario, &Projection)]) -> Self {
        let Some(&(bs, bp)) = scenarios.get(baseline) else {
            return Self {
                baseline,
                years: Vec::new(),
                scenarios: Vec::new(),
            };
        };
        let years: Vec<i32> = (0..bp.years).map(|t| bs.timeline.year(t)).collect();
        let scenarios = scenarios
            .iter()
            .enumerate()
            .map(|(n, &(s, pr))| ComparedScenario {
                name: s.meta.name.clone(),
                years: years
                    .iter()
                    .map(|&year| {
                        year_index(s, pr, year).map(|t| YearFigures {
                            places: pr.total_places(t),
                            spend: pr.year(t).total_spend,
                            budget: pr.year(t).budget,
                        })
                    })
                    .collect(),
                case: (n != baseline).then(|| against_baseline((bs, bp), (s, pr))),
            })
            .collect();
        Self {
            baseline,
            years,
            scenarios,
        }
    }

    pub fn is_baseline(&self, n: usize) -> bool {
        n == self.baseline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::project;
    use crate::scenario::{FixedCost, Intervention, Target};

    fn compare(b: &Scenario, s: &Scenario) -> InvestToSave {
        let (bp, sp) = (project(b).unwrap(), project(s).unwrap());
        against_baseline((b, &bp), (s, &sp))
    }

    /// A baseline with no interventions, and a copy with one costing `cost` a year from `first`
    /// that changes Tier 3 secondary exclusions by `change` %.
    fn pair(cost: f64, change: f64, first: i32) -> (Scenario, Scenario) {
        let mut b = examples::dfe_three_tier();
        b.money = crate::scenario::Money::default();
        let mut s = b.clone();
        s.interventions.push(Intervention {
            id: "x".into(),
            name: "Outreach".into(),
            tier: "tier3".into(),
            phase: Some("secondary".into()),
            target: Target::ExclusionRate,
            change_pct: change,
            first_year: first,
            ramp_years: 0,
            annual_cost: cost,
            ..Intervention::default()
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
    fn a_saving_splits_into_cashable_and_avoided() {
        // Worked by hand. Spend falls from £10.0m to £9.4m while the baseline would have been
        // £10.2m: net saving £0.8m, of which £0.6m is below last year (cashable) and £0.2m is
        // growth avoided.
        assert_eq!(
            cashable_split(800_000.0, 9_400_000.0, Some(10_000_000.0)),
            (600_000.0, 200_000.0)
        );
        // Spend still rising (£10.0m → £10.1m) but below a baseline of £10.5m: all avoided.
        assert_eq!(
            cashable_split(400_000.0, 10_100_000.0, Some(10_000_000.0)),
            (0.0, 400_000.0)
        );
        // A fall larger than the saving: the cashable part is at most the saving.
        assert_eq!(
            cashable_split(100_000.0, 9_000_000.0, Some(10_000_000.0)),
            (100_000.0, 0.0)
        );
        // An extra cost is never cashable; the first year has no year before it.
        assert_eq!(
            cashable_split(-50_000.0, 9_000_000.0, Some(10_000_000.0)),
            (0.0, -50_000.0)
        );
        assert_eq!(cashable_split(70_000.0, 1.0, None), (0.0, 70_000.0));

        let (b, s) = pair(200_000.0, -30.0, 2027);
        let c = compare(&b, &s);
        for y in &c.years {
            assert!((y.cashable + y.avoided - y.net_saving).abs() < 1e-6);
        }
        assert!(
            (c.total_cashable + c.total_avoided
                - c.years.iter().map(|y| y.net_saving).sum::<f64>())
            .abs()
                < 1e-6
        );
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
            ..FixedCost::default()
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

    /// The years a scenario has figures for (its chart line has points) in a comparison.
    fn charted_years(c: &Comparison, n: usize) -> Vec<i32> {
        c.years
            .iter()
            .zip(c.scenarios[n].places())
            .filter(|(_, v)| !v.is_nan())
            .map(|(y, _)| *y)
            .collect()
    }

    #[test]
    fn charts_and_invest_to_save_cover_the_baselines_years() {
        // Picked first but not the baseline, starting two years later: 2028/29 to 2032/33.
        let mut later = examples::dfe_early_intervention();
        later.timeline.first_year = 2028;
        // The baseline: 2026/27 to 2030/31.
        let base = examples::dfe_three_tier();
        // Starting earlier and stopping sooner: 2024/25 to 2027/28.
        let mut earlier = examples::four_level_local();
        earlier.timeline.first_year = 2024;
        earlier.timeline.horizon = 4;
        let (pl, pb, pe) = (
            project(&later).unwrap(),
            project(&base).unwrap(),
            project(&earlier).unwrap(),
        );
        let picked = [(&later, &pl), (&base, &pb), (&earlier, &pe)];
        let c = Comparison::new(1, &picked);

        assert_eq!(
            c.years,
            vec![2026, 2027, 2028, 2029, 2030],
            "the baseline's years"
        );
        for s in &c.scenarios {
            assert_eq!(s.places().len(), c.years.len());
            assert_eq!(s.spend().len(), c.years.len());
        }
        assert!(c.is_baseline(1));
        assert_eq!(c.scenarios[1].case, None);
        assert_eq!(charted_years(&c, 1), c.years);
        assert_eq!(charted_years(&c, 0), vec![2028, 2029, 2030]);
        assert_eq!(charted_years(&c, 2), vec![2026, 2027]);
        for n in [0, 2] {
            let case = c.scenarios[n].case.as_ref().unwrap();
            let case_years: Vec<i32> = case.years.iter().map(|y| y.academic_year).collect();
            assert_eq!(case_years, charted_years(&c, n), "scenario {n}");
            assert_eq!(case, &against_baseline(picked[1], picked[n]));
            // The chart's points are the table's figures.
            for y in &case.years {
                let k = c.years.iter().position(|&t| t == y.academic_year).unwrap();
                assert_eq!(c.scenarios[n].places()[k], y.places);
                assert_eq!(c.scenarios[n].spend()[k], y.spend);
            }
        }
        // Spend in 2028/29 is the later scenario's first year, not the baseline's.
        assert_eq!(c.scenarios[0].spend()[2], pl.year(0).total_spend);
        assert_eq!(c.scenarios[0].years[2].unwrap().budget, pl.year(0).budget);
        assert!(c.scenarios[0].against_baseline_in(2027).is_none());
        assert!(c.scenarios[0].against_baseline_in(2028).is_some());
    }

    #[test]
    fn a_baseline_outside_the_list_compares_nothing() {
        let s = examples::dfe_three_tier();
        let pr = project(&s).unwrap();
        let c = Comparison::new(2, &[(&s, &pr), (&s, &pr)]);
        assert!(c.years.is_empty() && c.scenarios.is_empty());
    }
}
