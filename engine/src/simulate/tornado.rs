//! Which inputs matter most: each ranged input moved to its low end and to its high end with
//! every other input at its central value, and the output read at both ends. Bars are sorted by
//! swing (the distance between the two readings), largest first.

use crate::address::Field;
use crate::compare::against_baseline;
use crate::project::project_valid;
use crate::results::Projection;
use crate::scenario::{InputRange, Scenario};
use crate::validate::{validate, ValidationErrors};

/// The most bars a tornado shows.
pub const TOP: usize = 10;

/// The figure a tornado (or goal seek) reads.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// Spend over the whole horizon.
    TotalSpend,
    /// Budget minus spend, added up to the last year (negative: over budget).
    FinalCumulativeVariance,
    /// Peak places needed in tier `k`.
    PeakPlaces(usize),
    /// Net saving against a baseline over the years compared.
    NetSaving { baseline: &'a Scenario },
}

/// The figures a tornado of one scenario can read: total spend, the budget position by the last
/// year, and each tier's peak places.
pub fn outputs(s: &Scenario) -> Vec<Output<'static>> {
    let mut out = vec![Output::TotalSpend, Output::FinalCumulativeVariance];
    out.extend((0..s.tiers.len()).map(Output::PeakPlaces));
    out
}

impl Output<'_> {
    /// Whether the figure is money (the others are places).
    pub fn is_money(&self) -> bool {
        !matches!(self, Output::PeakPlaces(_))
    }

    /// The figure for scenario `s` projected as `pr`.
    pub fn read(&self, s: &Scenario, pr: &Projection) -> f64 {
        match *self {
            Output::TotalSpend => pr.headline.total_spend,
            Output::FinalCumulativeVariance => {
                pr.summaries.last().map_or(0.0, |y| y.cumulative_variance)
            }
            Output::PeakPlaces(k) => pr.headline.peak_places.get(k).copied().unwrap_or(0.0),
            Output::NetSaving { baseline } => net_saving(baseline, s, pr),
        }
    }

    /// What the figure is called, for a chart's title.
    pub fn label(&self, s: &Scenario) -> String {
        match *self {
            Output::TotalSpend => "Total spend over the years projected".into(),
            Output::FinalCumulativeVariance => {
                "Budget minus spend, added up to the last year".into()
            }
            Output::PeakPlaces(k) => format!(
                "Peak places needed: {}",
                s.tiers.get(k).map_or("", |t| t.name.as_str())
            ),
            Output::NetSaving { baseline } => {
                format!("Net saving against “{}”", baseline.meta.name)
            }
        }
    }
}

/// Cumulative net saving of `s` (projected as `pr`) against `baseline` over the compared years.
fn net_saving(baseline: &Scenario, s: &Scenario, pr: &Projection) -> f64 {
    let bp = project_valid(baseline);
    against_baseline((baseline, &bp), (s, pr))
        .years
        .last()
        .map_or(0.0, |y| y.cumulative_net_saving)
}

/// One input's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub field: Field,
    /// The input in plain English.
    pub label: String,
    /// The input's low and high ends.
    pub low: f64,
    pub high: f64,
    /// The output with the input at its low and at its high end.
    pub at_low: f64,
    pub at_high: f64,
}

impl Bar {
    pub fn swing(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// The output with every input at its central value.
    pub central: f64,
    /// The [`TOP`] inputs with the largest swing, largest first.
    pub bars: Vec<Bar>,
}

/// The tornado of `output` over `s`'s ranged inputs.
pub fn tornado(s: &Scenario, output: Output) -> Result<Tornado, ValidationErrors> {
    validate(s)?;
    if let Output::NetSaving { baseline } = output {
        validate(baseline)?;
    }
    let central = output.read(s, &project_valid(s));
    let mut bars: Vec<Bar> = s
        .ranges
        .iter()
        .filter_map(|r| {
            // Every end lies inside its input's allowed range (validation), so setting it cannot
            // fail and the scenario stays valid.
            let at = |end: fn(&InputRange) -> f64| {
                let mut work = s.clone();
                r.field.set_number(&mut work, end(r)).ok()?;
                let pr = project_valid(&work);
                Some(match output {
                    // An input the baseline also ranges moves to the same end there too, as in
                    // the paired simulation: the comparison is of like with like.
                    Output::NetSaving { baseline } => {
                        let mut base = baseline.clone();
                        if let Some(b) = baseline.range_on(r.field) {
                            r.field.set_number(&mut base, end(b)).ok()?;
                        }
                        net_saving(&base, &work, &pr)
                    }
                    _ => output.read(&work, &pr),
                })
            };
            Some(Bar {
                field: r.field,
                label: r.field.describe(s),
                low: r.low,
                high: r.high,
                at_low: at(|r| r.low)?,
                at_high: at(|r| r.high)?,
            })
        })
        .collect();
    bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    bars.truncate(TOP);
    Ok(Tornado { central, bars })
}
