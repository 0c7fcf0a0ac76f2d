//! What would it take: the value one input (the lever) must reach for a target to be met, found
//! by bisection inside the input's allowed range, or word that no value there meets it.
//!
//! The target is read as a margin that is at or above zero when met (budget minus spend; minus
//! the places above capacity; cumulative net saving). The search starts from the value typed:
//! if the target is not met there, each end of the allowed range is tried (stepping back towards
//! the value typed where an end would make the scenario invalid, e.g. shares over 100%), and the
//! crossing between the value typed and the nearer end that meets the target is narrowed to
//! within a millionth of the range. It assumes the margin moves one way as the lever moves,
//! which holds for every lever and target here over the ranges people use.

use crate::address::Field;
use crate::compare::against_baseline;
use crate::format::{academic_year, financial_year};
use crate::money::{positions, Basis};
use crate::project::project;
use crate::scenario::Scenario;

/// A target to meet in one year.
#[derive(Debug, Clone, Copy)]
pub enum Goal<'a> {
    /// Spend within the budget in year `year` (an academic or financial year by its start).
    WithinBudget { year: i32, basis: Basis },
    /// No spot-purchased or unmet places in tier `tier` in `year`.
    NoShortfall { tier: usize, year: i32 },
    /// The cumulative position (from the opening balance) at the end of `year` at or above zero.
    CumulativeWithinBudget { year: i32, basis: Basis },
    /// Cumulative net saving against `baseline` at or above zero by `year`.
    PaybackBy { year: i32, baseline: &'a Scenario },
}

impl Goal<'_> {
    /// The target in words: "spend within the budget in 2028/29".
    pub fn describe(&self, s: &Scenario) -> String {
        match *self {
            Goal::WithinBudget { year, basis } => {
                format!("spend within the budget in {}", year_label(year, basis))
            }
            Goal::NoShortfall { tier, year } => format!(
                "no spot-purchased or unmet places in {} in {}",
                s.tiers.get(tier).map_or("the tier", |t| t.name.as_str()),
                academic_year(year)
            ),
            Goal::CumulativeWithinBudget { year, basis } => format!(
                "no cumulative deficit at the end of {}",
                year_label(year, basis)
            ),
            Goal::PaybackBy { year, baseline } => format!(
                "paying back against “{}” by {}",
                baseline.meta.name,
                academic_year(year)
            ),
        }
    }

    /// The margin in `s` (at or above zero: met); `None` if `s` is not valid or does not
    /// project the year.
    pub fn margin(&self, s: &Scenario) -> Option<f64> {
        let pr = project(s).ok()?;
        let t = |year: i32| {
            usize::try_from(i64::from(year) - i64::from(s.timeline.first_year))
                .ok()
                .filter(|t| *t < pr.years)
        };
        let position = |year: i32| {
            positions(s, &pr, Basis::Financial)
                .into_iter()
                .find(|p| p.start_year == year)
        };
        Some(match *self {
            Goal::WithinBudget {
                year,
                basis: Basis::Academic,
            } => pr.year(t(year)?).variance,
            Goal::WithinBudget {
                year,
                basis: Basis::Financial,
            } => position(year)?.in_year,
            Goal::CumulativeWithinBudget {
                year,
                basis: Basis::Financial,
            } => position(year)?.cumulative,
            Goal::NoShortfall { tier, year } => {
                let ty = pr.tier(t(year)?, tier.min(pr.tiers.checked_sub(1)?));
                // A hundredth of a place is noise, not a shortfall.
                0.01 - (ty.spot + ty.unmet)
            }
            Goal::CumulativeWithinBudget {
                year,
                basis: Basis::Academic,
            } => pr.year(t(year)?).cumulative_variance,
            Goal::PaybackBy { year, baseline } => {
                let bp = project(baseline).ok()?;
                against_baseline((baseline, &bp), (s, &pr))
                    .years
                    .iter()
                    .find(|y| y.academic_year == year)?
                    .cumulative_net_saving
            }
        })
    }
}

/// A year as written in its basis: 2028/29 or 2028-29.
fn year_label(year: i32, basis: Basis) -> String {
    match basis {
        Basis::Academic => academic_year(year),
        Basis::Financial => financial_year(year),
    }
}

/// The answer of a goal seek.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The target is met at the value typed.
    AlreadyMet { value: f64 },
    /// The lever must reach `value`: at or below it when `fall`, at or above it otherwise.
    Reach { value: f64, fall: bool },
    /// No value in the allowed range meets the target; `nearest` comes closest, leaving the
    /// margin `short` (negative) from it.
    Unreachable { nearest: f64, short: f64 },
}

/// Why a goal seek could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GoalError {
    #[error("the lever must be a number input of this scenario")]
    NotANumber,
    #[error("the scenario has problems to fix first, or does not project that year")]
    CannotProject,
}

/// The value `lever` must take in `s` for `goal` to be met.
pub fn goal_seek(s: &Scenario, goal: Goal, lever: Field) -> Result<Answer, GoalError> {
    let x0 = lever.number(s).ok_or(GoalError::NotANumber)?;
    let (min, max) = lever.range(s).ok_or(GoalError::NotANumber)?;
    let margin = |x: f64| {
        let mut work = s.clone();
        lever.set_number(&mut work, x).ok()?;
        goal.margin(&work)
    };
    let m0 = margin(x0).ok_or(GoalError::CannotProject)?;
    if m0 >= 0.0 {
        return Ok(Answer::AlreadyMet { value: x0 });
    }
    // A billionth of the allowed range: to the pound on a budget allowed up to billions.
    let tolerance = (max - min).abs().max(1e-9) * 1e-9;
    // The farthest valid value from x0 towards `end`.
    let reach = |end: f64| -> f64 {
        if margin(end).is_some() {
            return end;
        }
        let (mut ok, mut bad) = (x0, end);
        while (bad - ok).abs() > tolerance {
            let mid = 0.5 * (ok + bad);
            if margin(mid).is_some() {
                ok = mid;
            } else {
                bad = mid;
            }
        }
        ok
    };
    let ends = [reach(min), reach(max)];
    let crossing = |end: f64| -> f64 {
        let (mut unmet, mut met) = (x0, end);
        while (met - unmet).abs() > tolerance {
            let mid = 0.5 * (unmet + met);
            if margin(mid).is_some_and(|m| m >= 0.0) {
                met = mid;
            } else {
                unmet = mid;
            }
        }
        met
    };
    let answers: Vec<f64> = ends
        .iter()
        .filter(|end| margin(**end).is_some_and(|m| m >= 0.0))
        .map(|end| crossing(*end))
        .collect();
    if let Some(value) = answers
        .into_iter()
        .min_by(|a, b| (a - x0).abs().total_cmp(&(b - x0).abs()))
    {
        let fall = value < x0;
        return Ok(Answer::Reach {
            value: clean(lever, s, value, fall).clamp(min, max),
            fall,
        });
    }
    // Unreachable: the best of the two ends and a few points between them.
    let (lo, hi) = (ends[0], ends[1]);
    let best = (0..=20)
        .map(|k| lo + (hi - lo) * f64::from(k) / 20.0)
        .filter_map(|x| margin(x).map(|m| (x, m)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((x0, m0));
    Ok(Answer::Unreachable {
        nearest: best.0,
        short: best.1,
    })
}

/// A value found by bisection carries noise in its last digits: keep six significant figures
/// (pounds to the pound), rounded towards the side that meets the target, so that the value
/// said and applied is clean and still meets it.
fn clean(lever: Field, s: &Scenario, value: f64, fall: bool) -> f64 {
    let digits = match lever.unit(s) {
        Some(crate::fields::Unit::Pounds) => 0,
        _ => (6 - value.abs().max(1e-12).log10().ceil() as i32).clamp(0, 12),
    };
    let scale = 10f64.powi(digits);
    if fall {
        (value * scale).floor() / scale
    } else {
        (value * scale).ceil() / scale
    }
}

/// The inputs a goal seek may move in `s`: every number that is not a whole-number code (a
/// year, a count of years), a workshop lever's setting or the simulation's own.
pub fn levers(s: &Scenario) -> Vec<Field> {
    use crate::address::TopField;
    use crate::fields::Kind;
    crate::fields::all(s)
        .into_iter()
        .filter(|f| matches!(f.spec().kind, Kind::Number { whole: false, .. }))
        .filter(|f| {
            !matches!(
                f,
                Field::Lever { .. }
                    | Field::Share { .. }
                    | Field::Top(TopField::Seed | TopField::Draws | TopField::GroupCorrelation)
            )
        })
        .collect()
}

/// The answer in plain words: "Tier 3 · Secondary · referral rate must fall to 0.38 per 1,000
/// pupils or below for spend within the budget in 2028/29."
pub fn say(s: &Scenario, goal: Goal, lever: Field, answer: &Answer) -> String {
    let name = lever.describe(s);
    let unit = lever.unit(s).unwrap_or(crate::fields::Unit::Plain);
    let target = goal.describe(s);
    match *answer {
        Answer::AlreadyMet { value } => format!(
            "The target ({target}) is already met with {name} at {}.",
            unit.show(value)
        ),
        Answer::Reach { value, fall } => format!(
            "{name} must {} to {} or {} for {target}.",
            if fall { "fall" } else { "rise" },
            unit.show(value),
            if fall { "below" } else { "above" }
        ),
        Answer::Unreachable { nearest, short } => format!(
            "No value of {name} in its allowed range gives {target}. The nearest is {}, which still leaves it {} short.",
            unit.show(nearest),
            match goal {
                Goal::NoShortfall { .. } => format!("{} places", crate::format::plain(-short + 0.01, 1)),
                _ => crate::format::money(-short),
            }
        ),
    }
}
