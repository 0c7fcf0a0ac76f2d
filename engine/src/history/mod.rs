//! Calibrating a scenario from the LA's own history: read a history file ([`parse()`]), fit
//! the scenario's demand inputs to it ([`fit()`]), check the fit on the last year it was not
//! told ([`backtest()`]), and turn the chosen fitted values into one undoable [`Edit`]
//! ([`apply_edit`]). The template is in `docs/history.md`, the maths in `docs/model.md`
//! ("Calibrating from history"). [`generate`] writes synthetic histories from a scenario (the
//! built-in examples' history files and the tests).

pub mod backtest;
pub mod fit;
pub mod generate;
pub mod parse;
pub mod report;

pub use backtest::{backtest, Backtest, BacktestError, BacktestLine};
pub use fit::{fit, Fit, Note, Point, Series, SeriesKind, Suggestion, Trend, Unmatched};
pub use parse::{
    parse, Column, History, HistoryFileError, Row, RowError, RowProblem, MAX_HISTORY_BYTES,
};

use crate::address::{Field, TierField};
use crate::edit::Edit;
use crate::fields::Unit;
use crate::scenario::{InputRange, Scenario, Shape};

/// The value a suggestion sets: pupils to a whole number, everything else to four significant
/// figures (the fit is not more precise than that, and the form stays readable).
pub fn applied_value(s: &Suggestion) -> f64 {
    match s.field.spec().unit() {
        Some(Unit::Pupils) => s.fitted.round(),
        _ => fit::round_sig(s.fitted, 4),
    }
}

/// One edit setting every chosen suggestion, and, with `ranges`, the 80% interval of each that
/// has one as the input's range of uncertainty (triangular, most likely at the fitted value).
/// Applied through the editor it is one undo step; it fails as a whole or not at all.
pub fn apply_edit(s: &Scenario, chosen: &[&Suggestion], ranges: bool) -> Edit {
    let mut values: Vec<(Field, f64)> = chosen
        .iter()
        .map(|sg| (sg.field, applied_value(sg)))
        .collect();
    // Rounding must not push a tier's returned and stepped-up shares over 100% together.
    for k in 0..values.len() {
        if let (
            Field::Tier {
                what: TierField::StepUp,
                ..
            },
            Some(partner),
        ) = (values[k].0, share_partner(values[k].0))
        {
            if let Some(returned) = values.iter().find(|(f, _)| *f == partner).map(|v| v.1) {
                values[k].1 = values[k].1.min(100.0 - returned).max(0.0);
            }
        }
    }
    let mut edits: Vec<Edit> = values
        .iter()
        .map(|&(field, v)| Edit::number(field, v))
        .collect();
    if ranges {
        let mut highs: Vec<(Field, f64, f64)> = Vec::new();
        for sg in chosen {
            let Some((lo, hi)) = sg.interval else {
                continue;
            };
            if !sg.field.spec().uncertain {
                continue;
            }
            let v = applied_value(sg);
            let (min, max) = sg.field.range(s).unwrap_or((f64::MIN, f64::MAX));
            let low = fit::round_sig(lo, 4).min(v).max(min);
            let high = fit::round_sig(hi, 4).max(v).min(max);
            if high > low {
                highs.push((sg.field, low, high));
            }
        }
        // Returned and stepped-up shares at the top of their ranges must fit in 100%.
        let value_of = |f: Field| {
            chosen
                .iter()
                .find(|sg| sg.field == f)
                .map(|sg| applied_value(sg))
                .or_else(|| f.number(s))
                .unwrap_or(0.0)
        };
        for k in 0..highs.len() {
            let Some(other) = share_partner(highs[k].0) else {
                continue;
            };
            let v = value_of(highs[k].0);
            match highs.iter().position(|(f, _, _)| *f == other) {
                Some(j) => {
                    let over = highs[k].2 + highs[j].2 - 100.0;
                    if over > 0.0 {
                        // Each gives up half the excess, never below its own value.
                        highs[k].2 = (highs[k].2 - over / 2.0).max(v);
                        highs[j].2 = (100.0 - highs[k].2).max(value_of(other));
                    }
                }
                None => {
                    let top = s
                        .range_on(other)
                        .map(|r| r.high)
                        .unwrap_or_else(|| value_of(other));
                    highs[k].2 = highs[k].2.min(100.0 - top).max(v);
                }
            }
        }
        for (field, low, high) in highs {
            if high > low {
                edits.push(Edit::SetRange(InputRange {
                    field,
                    low,
                    high,
                    shape: Shape::Triangular,
                    group: crate::edit::default_group(s, field),
                }));
            }
        }
    }
    Edit::Many(edits)
}

/// The other exit share of the same tier, for a returned or stepped-up share.
fn share_partner(field: Field) -> Option<Field> {
    match field {
        Field::Tier {
            tier,
            what: TierField::Returned,
        } => Some(Field::Tier {
            tier,
            what: TierField::StepUp,
        }),
        Field::Tier {
            tier,
            what: TierField::StepUp,
        } => Some(Field::Tier {
            tier,
            what: TierField::Returned,
        }),
        _ => None,
    }
}

/// Read `text` and fit `s` to it, with the backtest: what the app and the command line show.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub history: History,
    pub fit: Fit,
    pub backtest: Result<Backtest, BacktestError>,
}

/// [`parse()`], [`fit()`] and [`backtest()`] in one call.
pub fn calibrate(s: &Scenario, text: &str) -> Result<Calibration, HistoryFileError> {
    let history = parse(text)?;
    let fit = fit(s, &history);
    let backtest = backtest(s, &history);
    Ok(Calibration {
        history,
        fit,
        backtest,
    })
}
