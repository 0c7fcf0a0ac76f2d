//! The one-year hold-out backtest: fit on every year but the last, project the last year with
//! the engine's own projection from the fitted inputs, and compare with what happened.

use thiserror::Error;

use crate::format::academic_year;
use crate::history::fit::{fit, mape, matches, SeriesKind};
use crate::history::parse::{Column, History};
use crate::project::project_valid;
use crate::scenario::Scenario;
use crate::validate::validate;

/// One tier's figure in the held-out year: what happened and what the fit projected.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestLine {
    pub tier: usize,
    pub owner: String,
    pub kind: SeriesKind,
    pub actual: f64,
    pub projected: f64,
}

impl BacktestLine {
    /// Error as a percentage of the actual figure (positive: projected too high).
    pub fn error_pct(&self) -> Option<f64> {
        (self.actual > 0.0).then(|| 100.0 * (self.projected - self.actual) / self.actual)
    }
}

/// The backtest's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// The held-out year.
    pub year: i32,
    /// The years the fit was made on.
    pub fitted_on: Vec<i32>,
    pub lines: Vec<BacktestLine>,
}

impl Backtest {
    /// Mean absolute percentage error over every line with an actual figure above zero.
    pub fn mape(&self) -> Option<f64> {
        mape(self.lines.iter().map(|l| (l.actual, l.projected)))
    }
}

/// Why there is no backtest.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BacktestError {
    #[error(
        "the backtest needs at least three years (two to fit a trend, one to hold out); the file has {0}"
    )]
    TooFewYears(usize),
    #[error("the inputs fitted without {year} do not make a valid scenario: {problem}")]
    Invalid { year: i32, problem: String },
}

/// Fit `s` to every year of `h` but the last, project the last year from that fit (pupils on
/// roll included: they are extrapolated too), and compare each tier's entries, census and
/// leavers with the file's.
pub fn backtest(s: &Scenario, h: &History) -> Result<Backtest, BacktestError> {
    let years = h.years();
    let Some(&last) = years.last() else {
        return Err(BacktestError::TooFewYears(0));
    };
    if years.len() < 3 {
        return Err(BacktestError::TooFewYears(years.len()));
    }
    // The scenario as it would have stood at the start of the held-out year, before any
    // intervention (the history is what happened without the scenario's plans).
    let mut held = s.clone();
    held.timeline.first_year = last;
    held.timeline.horizon = 1;
    held.interventions.clear();
    held.ranges.clear();
    held.workshop.clear();
    for phase in &mut held.phases {
        phase.overrides.clear();
    }
    let earlier = h.without_year(last);
    let f = fit(&held, &earlier);
    for sg in &f.suggestions {
        // Fitted values are inside each input's range (the fit checks), so this cannot fail.
        let _ = sg.field.set_number(&mut held, sg.fitted);
    }
    if let Err(e) = validate(&held) {
        return Err(BacktestError::Invalid {
            year: last,
            problem: e.0.first().map(|i| i.to_string()).unwrap_or_default(),
        });
    }
    let pr = project_valid(&held);
    let mut lines = Vec::new();
    for (i, tier) in held.tiers.iter().enumerate() {
        // (actual, projected, seen) for entries, census, leavers.
        let mut sums = [(0.0, 0.0, false); 3];
        for row in h.rows.iter().filter(|r| r.year == last) {
            let Some(t) = &row.tier else { continue };
            if !matches(t, &tier.name, &tier.id) {
                continue;
            }
            let Some(p) = held
                .phases
                .iter()
                .position(|ph| matches(&row.phase, &ph.name, &ph.id))
            else {
                continue;
            };
            let flow = pr.flow(0, i, p);
            if let Some(v) = row.get(Column::EntriesDirect) {
                sums[0] = (sums[0].0 + v, sums[0].1 + flow.entries_direct, true);
            }
            if let Some(v) = row.get(Column::EntriesExclusion) {
                sums[0] = (sums[0].0 + v, sums[0].1 + flow.entries_exclusion, true);
            }
            if let Some(v) = row.get(Column::CensusPupils) {
                sums[1] = (sums[1].0 + v, sums[1].1 + flow.places_needed, true);
            }
            let leavers = [
                Column::LeaversReturned,
                Column::LeaversSteppedUp,
                Column::LeaversOther,
            ]
            .iter()
            .map(|c| row.get(*c))
            .sum::<Option<f64>>();
            if let Some(v) = leavers {
                let exits = flow.exits_returned + flow.exits_stepped_up + flow.exits_other;
                sums[2] = (sums[2].0 + v, sums[2].1 + exits, true);
            }
        }
        for (kind, (actual, projected, seen)) in
            [SeriesKind::Entries, SeriesKind::Census, SeriesKind::Leavers]
                .into_iter()
                .zip(sums)
        {
            if seen {
                lines.push(BacktestLine {
                    tier: i,
                    owner: tier.name.clone(),
                    kind,
                    actual,
                    projected,
                });
            }
        }
    }
    Ok(Backtest {
        year: last,
        fitted_on: years[..years.len() - 1].to_vec(),
        lines,
    })
}

/// "2024/25", for messages.
pub fn held_out_label(b: &Backtest) -> String {
    academic_year(b.year)
}
