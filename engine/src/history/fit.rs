//! Fitting a scenario's demand inputs to an LA's history (the maths is in `docs/model.md`,
//! "Calibrating from history"). Everything here is consistent with the projection's stock-flow
//! (`crate::project`):
//!
//! - entries: direct_t = referral · g^(year − F) · P_t / 1000 (and the same for exclusions), g the
//!   tier's trend factor, F the scenario's first year. The trend is a weighted least-squares slope
//!   of log(entries / pupils on roll) on the year, one intercept per phase and route, weights the
//!   counts (so each cell counts as its Poisson information); rates are then Σ entries / Σ
//!   exposure, the Poisson maximum likelihood given the slope.
//! - stay: over a year the model's exits are exactly the average stock over the mean stay,
//!   X = N / τ (integrate dS/dt = E − S/τ). The census count is read as the average stock N, so
//!   τ = Σ N / Σ X when leavers are given; otherwise τ is fitted to the census through the exact
//!   yearly recursion S1 = S0·q + E·τ·(1 − q), N = E·τ + (S0 − E·τ)·τ·(1 − q), with each run of
//!   years' starting stock solved by least squares.
//! - shares: returned and stepped-up leavers over all leavers.
//! - starting pupils: the stock at the start of the scenario's first year carried from the latest
//!   census through the same recursion.

use std::collections::BTreeMap;

use crate::address::{DemandField, Field, PhaseField, TierField};
use crate::history::parse::{Column, History};
use crate::project::one_minus_q;
use crate::scenario::Scenario;

/// z for a two-sided 80% interval (the 90th percentile of the standard normal).
pub const Z80: f64 = 1.281_551_565_544_600_5;

/// The 90th percentile of Student's t with `df` degrees of freedom (for 80% intervals).
pub fn t80(df: usize) -> f64 {
    const T: [f64; 10] = [
        3.077_684, 1.885_618, 1.637_744, 1.533_206, 1.475_884, 1.439_756, 1.414_924, 1.396_815,
        1.383_029, 1.372_184,
    ];
    match df {
        0 => f64::INFINITY,
        1..=10 => T[df - 1],
        // Cornish–Fisher: z + (z³ + z) / 4df, within 0.001 of the table above 10.
        _ => Z80 + (Z80.powi(3) + Z80) / (4.0 * df as f64),
    }
}

/// A fitted value for one input, with the value it would replace.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub field: Field,
    /// The input in plain English ("Tier 2 · Demand trend").
    pub label: String,
    pub current: f64,
    pub fitted: f64,
    /// The 80% interval, where the data give one.
    pub interval: Option<(f64, f64)>,
    /// What the figure was fitted from.
    pub basis: String,
}

/// Something the data could not identify, or a choice the fit made; the input keeps its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub field: Option<Field>,
    pub message: String,
}

/// One year of a series: what happened and what the fit gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub year: i32,
    pub actual: f64,
    pub fitted: f64,
}

impl Point {
    /// How far the fit is from what happened, as a percentage of it; `None` when nothing
    /// happened.
    pub fn difference_pct(&self) -> Option<f64> {
        (self.actual > 0.0).then(|| 100.0 * (self.fitted - self.actual) / self.actual)
    }
}

/// What a series counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    PupilsOnRoll,
    /// Direct entries and entries via exclusion (the ones the rates and trend drive).
    Entries,
    Census,
    Leavers,
}

impl SeriesKind {
    pub fn label(self) -> &'static str {
        match self {
            SeriesKind::PupilsOnRoll => "Pupils on roll",
            SeriesKind::Entries => "Entries (direct and via exclusion)",
            SeriesKind::Census => "Pupils at the census",
            SeriesKind::Leavers => "Leavers",
        }
    }
}

/// Actual against fitted for one series, by year.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub kind: SeriesKind,
    /// The tier or phase it belongs to, by name.
    pub owner: String,
    pub tier: Option<usize>,
    pub phase: Option<usize>,
    pub points: Vec<Point>,
}

impl Series {
    pub fn title(&self) -> String {
        format!("{} · {}", self.owner, self.kind.label())
    }

    /// Mean absolute percentage error over the years with a count above zero.
    pub fn mape(&self) -> Option<f64> {
        mape(self.points.iter().map(|p| (p.actual, p.fitted)))
    }
}

/// Mean absolute percentage error of (actual, fitted) pairs, over actual values above zero.
pub fn mape(pairs: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0usize);
    for (a, f) in pairs {
        if a > 0.0 {
            sum += ((f - a) / a).abs();
            n += 1;
        }
    }
    (n > 0).then(|| 100.0 * sum / n as f64)
}

/// A log-linear trend: % a year, its standard error in percentage points, and the 80% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub pct: f64,
    /// Standard error of the slope on the log scale, as percentage points (≈ of the trend).
    pub se_pp: Option<f64>,
    pub interval: Option<(f64, f64)>,
    /// Cells (year × phase × route) used.
    pub cells: usize,
}

/// Names in the file that match nothing in the scenario, with the lines they are on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unmatched {
    pub phases: Vec<(String, Vec<usize>)>,
    pub tiers: Vec<(String, Vec<usize>)>,
}

impl Unmatched {
    pub fn is_empty(&self) -> bool {
        self.phases.is_empty() && self.tiers.is_empty()
    }
}

/// The whole fit: suggestions to apply, notes, series to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fit {
    pub years: Vec<i32>,
    pub suggestions: Vec<Suggestion>,
    pub notes: Vec<Note>,
    pub series: Vec<Series>,
    pub unmatched: Unmatched,
    /// Per tier, the fitted trend (also in the suggestions when it may be applied).
    pub tier_trends: Vec<Option<Trend>>,
    /// One trend for all tiers' direct and excluded entries together (each tier, phase and route
    /// keeps its own level): the LA's overall demand trend.
    pub la_trend: Option<Trend>,
}

impl Fit {
    pub fn suggestion(&self, field: Field) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| s.field == field)
    }

    /// The fitted value for `field`, if any.
    pub fn fitted(&self, field: Field) -> Option<f64> {
        self.suggestion(field).map(|s| s.fitted)
    }
}

/// Match a name from the file to a phase or tier: by name or id, case-insensitive.
pub(crate) fn matches(written: &str, name: &str, id: &str) -> bool {
    let w = written.trim().to_lowercase();
    w == name.trim().to_lowercase() || w == id.trim().to_lowercase()
}

/// The history laid out by tier × phase × year.
struct Table {
    years: Vec<i32>,
    /// `pupils[p][t]`
    pupils: Vec<Vec<Option<f64>>>,
    /// `exclusions[p][t]`: permanent exclusions on phase rows.
    exclusions: Vec<Vec<Option<f64>>>,
    /// `cells[(i * phases + p) * years + t]`
    cells: Vec<[Option<f64>; 9]>,
    phases: usize,
}

impl Table {
    fn cell(&self, i: usize, p: usize, t: usize) -> &[Option<f64>; 9] {
        &self.cells[(i * self.phases + p) * self.years.len() + t]
    }
    fn get(&self, i: usize, p: usize, t: usize, c: Column) -> Option<f64> {
        self.cell(i, p, t)[c.index()]
    }
    /// Total leavers, when all three destinations are given.
    fn leavers(&self, i: usize, p: usize, t: usize) -> Option<f64> {
        let c = self.cell(i, p, t);
        Some(
            c[Column::LeaversReturned.index()]?
                + c[Column::LeaversSteppedUp.index()]?
                + c[Column::LeaversOther.index()]?,
        )
    }
    /// All entries, when every route the file has a column for is given (stepped-up entries
    /// count as 0 in the first tier, which has none).
    fn entries(&self, i: usize, p: usize, t: usize, first_tier: bool) -> Option<f64> {
        let c = self.cell(i, p, t);
        let direct = c[Column::EntriesDirect.index()];
        let excluded = c[Column::EntriesExclusion.index()];
        let stepped = c[Column::EntriesSteppedUp.index()];
        if direct.is_none() && excluded.is_none() {
            return None;
        }
        let stepped = match stepped {
            Some(v) => v,
            None if first_tier => 0.0,
            None => return None,
        };
        Some(direct.unwrap_or(0.0) + excluded.unwrap_or(0.0) + stepped)
    }
}

fn fmt_count(v: f64) -> String {
    crate::format::count(v)
}

/// Fit `s`'s demand inputs to `h`. Pure: the scenario is not changed; apply the suggestions
/// with [`crate::history::apply_edit`].
pub fn fit(s: &Scenario, h: &History) -> Fit {
    let mut fit = Fit::default();
    let phases = s.phases.len();
    let tiers = s.tiers.len();

    // Match names, and lay the rows out.
    let mut unmatched_phases: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut unmatched_tiers: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut matched = Vec::new();
    for row in &h.rows {
        let p = s
            .phases
            .iter()
            .position(|ph| matches(&row.phase, &ph.name, &ph.id));
        let i = match &row.tier {
            None => Some(None),
            Some(t) => s
                .tiers
                .iter()
                .position(|tr| matches(t, &tr.name, &tr.id))
                .map(Some),
        };
        if p.is_none() {
            unmatched_phases
                .entry(row.phase.clone())
                .or_default()
                .push(row.line);
        }
        if i.is_none() {
            if let Some(t) = &row.tier {
                unmatched_tiers.entry(t.clone()).or_default().push(row.line);
            }
        }
        if let (Some(p), Some(i)) = (p, i) {
            matched.push((row, p, i));
        }
    }
    fit.unmatched = Unmatched {
        phases: unmatched_phases.into_iter().collect(),
        tiers: unmatched_tiers.into_iter().collect(),
    };
    let mut years: Vec<i32> = matched.iter().map(|(r, _, _)| r.year).collect();
    years.sort_unstable();
    years.dedup();
    fit.years = years.clone();
    fit.tier_trends = vec![None; tiers];
    let n = years.len();
    if n == 0 || phases == 0 {
        fit.notes.push(Note {
            field: None,
            message: "No row of the file matches a phase of this scenario, so nothing can be \
                      fitted; every input keeps its value."
                .into(),
        });
        return fit;
    }
    let index = |y: i32| years.binary_search(&y).unwrap_or(0);
    let mut table = Table {
        years: years.clone(),
        pupils: vec![vec![None; n]; phases],
        exclusions: vec![vec![None; n]; phases],
        cells: vec![[None; 9]; tiers * phases * n],
        phases,
    };
    // A row naming the same year, phase and tier as an earlier one by another name (its id
    // instead of its name) is not used; the parser catches repeats written the same way.
    let mut first_line: BTreeMap<(Option<usize>, usize, usize), usize> = BTreeMap::new();
    for (row, p, i) in &matched {
        let t = index(row.year);
        if let Some(earlier) = first_line.get(&(*i, *p, t)) {
            fit.notes.push(Note {
                field: None,
                message: format!(
                    "Line {}: the same year, phase and tier as line {} (under another name), so it is not used.",
                    row.line, earlier
                ),
            });
            continue;
        }
        first_line.insert((*i, *p, t), row.line);
        match i {
            None => {
                table.pupils[*p][t] = row.get(Column::PupilsOnRoll);
                table.exclusions[*p][t] = row.get(Column::PermanentExclusions);
            }
            Some(i) => table.cells[(i * phases + p) * n + t] = row.values,
        }
    }
    let first = s.timeline.first_year;
    let weeks = s.timeline.teaching_weeks;

    // Pupils on roll: the exposure for every rate.
    let exposure = fit_pupils(s, &table, &mut fit);

    // Permanent exclusions on phase rows, when no tier row gives entries via exclusion.
    attribute_exclusions(s, &mut table, &mut fit);

    // Trend and rates, per tier; and the LA's overall trend.
    let mut all_series = Vec::new();
    for i in 0..tiers {
        let series = route_series(s, &table, &exposure, i);
        all_series.extend(series.iter().cloned());
        fit_rates(s, i, &series, &years, &mut fit);
    }
    fit.la_trend = log_linear(&all_series, &years);

    // Stay, shares, starting pupils, and the series of each tier.
    for i in 0..tiers {
        let tau = fit_stay(s, &table, i, &mut fit);
        fit_shares(s, &table, i, &mut fit);
        let tau = tau.unwrap_or(s.tiers[i].stay_weeks / weeks);
        fit_start(s, &table, i, tau, first, &mut fit);
        tier_series(s, &table, &exposure, i, tau, &mut fit);
    }
    fit
}

/// Pupils on roll by phase and history year: the file's figures where given, else the phase's
/// log-linear fit, else the scenario's own pupils carried back by its growth. Suggests each
/// phase's pupils in the first year and growth.
fn fit_pupils(s: &Scenario, table: &Table, fit: &mut Fit) -> Vec<Vec<f64>> {
    let first = s.timeline.first_year;
    let years = &table.years;
    let mut exposure = Vec::new();
    for (p, phase) in s.phases.iter().enumerate() {
        let known: Vec<(f64, f64)> = years
            .iter()
            .zip(&table.pupils[p])
            .filter_map(|(y, v)| v.filter(|v| *v > 0.0).map(|v| (f64::from(*y), v.ln())))
            .collect();
        let pupils_field = Field::Phase {
            phase: p,
            what: PhaseField::Pupils,
        };
        let growth_field = Field::Phase {
            phase: p,
            what: PhaseField::Growth,
        };
        let carried = |y: i32, base_year: i32, base: f64, g: f64| {
            base * (1.0 + g / 100.0).powf(f64::from(y - base_year))
        };
        if known.is_empty() {
            fit.notes.push(Note {
                field: Some(pupils_field),
                message: format!(
                    "{}: no pupils on roll in the file; rates use the scenario's {} pupils \
                     carried back at {}% a year, and pupils on roll keep their value.",
                    phase.name,
                    fmt_count(phase.pupils),
                    phase.growth_pct
                ),
            });
            exposure.push(
                years
                    .iter()
                    .map(|y| carried(*y, first, phase.pupils, phase.growth_pct))
                    .collect(),
            );
            continue;
        }
        let line = ols(&known);
        let (last_year, last) = years
            .iter()
            .zip(&table.pupils[p])
            .rev()
            .find_map(|(y, v)| v.filter(|v| *v > 0.0).map(|v| (*y, v)))
            .unwrap_or((first, phase.pupils));
        let growth = line.map(|l| 100.0 * l.slope.exp_m1());
        let g = growth.unwrap_or(phase.growth_pct);
        exposure.push(
            years
                .iter()
                .zip(&table.pupils[p])
                .map(|(y, v)| match v {
                    Some(v) if *v > 0.0 => *v,
                    _ => match line {
                        Some(l) => (l.intercept + l.slope * f64::from(*y)).exp(),
                        None => carried(*y, last_year, last, g),
                    },
                })
                .collect(),
        );
        let pupils_now = match years.iter().position(|y| *y == first) {
            Some(t) if table.pupils[p][t].is_some_and(|v| v > 0.0) => last_at(table, p, t),
            _ => carried(first, last_year, last, g),
        };
        let basis = if last_year >= first {
            format!("pupils on roll in {}", crate::format::academic_year(first))
        } else {
            format!(
                "{} pupils on roll in {}, carried forward at {:.2}% a year",
                fmt_count(last),
                crate::format::academic_year(last_year),
                g
            )
        };
        push(fit, s, pupils_field, pupils_now, None, basis);
        match line {
            Some(l) => {
                let interval = l.se.map(|se| {
                    let half = t80(l.df) * se;
                    (
                        100.0 * (l.slope - half).exp_m1(),
                        100.0 * (l.slope + half).exp_m1(),
                    )
                });
                push(
                    fit,
                    s,
                    growth_field,
                    100.0 * l.slope.exp_m1(),
                    interval,
                    format!("log-linear fit to {} years of pupils on roll", known.len()),
                );
            }
            None => fit.notes.push(Note {
                field: Some(growth_field),
                message: format!(
                    "{}: pupils on roll for one year only, so their growth cannot be fitted; it \
                     keeps its value.",
                    phase.name
                ),
            }),
        }
    }
    exposure
}

fn last_at(table: &Table, p: usize, t: usize) -> f64 {
    table.pupils[p][t].unwrap_or(0.0)
}

/// Add a suggestion for `field` unless the fitted value is outside the input's allowed range or
/// not a number (then a note says so).
fn push(
    fit: &mut Fit,
    s: &Scenario,
    field: Field,
    fitted: f64,
    interval: Option<(f64, f64)>,
    basis: String,
) {
    let label = field.describe(s);
    let Some(current) = field.number(s) else {
        return;
    };
    let (min, max) = field.range(s).unwrap_or((f64::MIN, f64::MAX));
    if !fitted.is_finite() || fitted < min || fitted > max {
        fit.notes.push(Note {
            field: Some(field),
            message: format!(
                "{label}: the fit gives {}, outside what the input allows ({} to {}); it keeps \
                 its value.",
                round_sig(fitted, 4),
                min,
                max
            ),
        });
        return;
    }
    let interval = interval
        .filter(|(lo, hi)| lo.is_finite() && hi.is_finite())
        .map(|(lo, hi)| (lo.max(min), hi.min(max)));
    fit.suggestions.push(Suggestion {
        field,
        label,
        current,
        fitted,
        interval,
        basis,
    });
}

/// `v` rounded to `digits` significant figures.
pub fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// An unweighted straight line through (x, y), with the slope's standard error when there are
/// three points or more.
#[derive(Debug, Clone, Copy)]
struct Line {
    slope: f64,
    intercept: f64,
    se: Option<f64>,
    df: usize,
}

fn ols(points: &[(f64, f64)]) -> Option<Line> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n as f64;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n as f64;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let df = n - 2;
    let se = (df > 0).then(|| {
        let sse: f64 = points
            .iter()
            .map(|p| (p.1 - intercept - slope * p.0).powi(2))
            .sum();
        (sse / df as f64 / sxx).sqrt()
    });
    Some(Line {
        slope,
        intercept,
        se,
        df,
    })
}

/// If the file gives permanent exclusions on phase rows but no tier row gives entries via
/// exclusion for that phase, they are the entries via exclusion of the one tier that takes
/// exclusions in that phase; with none or several such tiers they cannot be placed.
fn attribute_exclusions(s: &Scenario, table: &mut Table, fit: &mut Fit) {
    let n = table.years.len();
    for p in 0..s.phases.len() {
        if table.exclusions[p].iter().all(Option::is_none) {
            continue;
        }
        let tier_given = (0..s.tiers.len())
            .any(|i| (0..n).any(|t| table.get(i, p, t, Column::EntriesExclusion).is_some()));
        if tier_given {
            continue;
        }
        let takers: Vec<usize> = (0..s.tiers.len())
            .filter(|&i| {
                line_of(s, i, p).is_some_and(|k| s.tiers[i].phases[k].exclusion_rate > 0.0)
            })
            .collect();
        let phase = &s.phases[p].name;
        if let [i] = takers[..] {
            for t in 0..n {
                let v = table.exclusions[p][t];
                table.cells[(i * table.phases + p) * n + t][Column::EntriesExclusion.index()] = v;
            }
            fit.notes.push(Note {
                field: None,
                message: format!(
                    "{phase}: permanent exclusions are taken as entries via exclusion to {}, the \
                     only tier that takes exclusions in this phase.",
                    s.tiers[i].name
                ),
            });
        } else {
            fit.notes.push(Note {
                field: None,
                message: format!(
                    "{phase}: permanent exclusions are given but no tier's entries via exclusion, \
                     and {} tiers take exclusions in this phase, so they cannot be placed.",
                    takers.len()
                ),
            });
        }
    }
}

/// The demand line of tier `i` for phase `p`.
fn line_of(s: &Scenario, i: usize, p: usize) -> Option<usize> {
    let id = &s.phases.get(p)?.id;
    s.tiers.get(i)?.phases.iter().position(|tp| &tp.phase == id)
}

/// One route (direct or via exclusion) of one tier and phase: counts and exposure by year.
#[derive(Debug, Clone)]
struct RouteSeries {
    phase: usize,
    route: DemandField,
    /// (year index, count, pupils on roll)
    cells: Vec<(usize, f64, f64)>,
}

fn route_series(s: &Scenario, table: &Table, exposure: &[Vec<f64>], i: usize) -> Vec<RouteSeries> {
    let mut out = Vec::new();
    for (p, pupils) in exposure.iter().enumerate().take(s.phases.len()) {
        if line_of(s, i, p).is_none() {
            continue;
        }
        for (route, column) in [
            (DemandField::ReferralRate, Column::EntriesDirect),
            (DemandField::ExclusionRate, Column::EntriesExclusion),
        ] {
            let cells: Vec<(usize, f64, f64)> = (0..table.years.len())
                .filter_map(|t| {
                    let y = table.get(i, p, t, column)?;
                    let pop = pupils[t];
                    (pop > 0.0).then_some((t, y, pop))
                })
                .collect();
            if !cells.is_empty() {
                out.push(RouteSeries {
                    phase: p,
                    route,
                    cells,
                });
            }
        }
    }
    out
}

/// The shared log-linear slope of entries per pupil over the years, one intercept per series,
/// weighted by the counts; `None` without two years of counts above zero in some series.
fn log_linear(series: &[RouteSeries], years: &[i32]) -> Option<Trend> {
    let (mut sxx, mut sxy, mut used, mut groups) = (0.0, 0.0, 0usize, 0usize);
    let mut fitted_groups = Vec::new();
    for rs in series {
        let pts: Vec<(f64, f64, f64)> = rs
            .cells
            .iter()
            .filter(|c| c.1 > 0.0)
            .map(|&(t, y, pop)| (f64::from(years[t]), (y / pop).ln(), y))
            .collect();
        let w: f64 = pts.iter().map(|p| p.2).sum();
        if pts.len() < 2 || w <= 0.0 {
            continue;
        }
        let mx = pts.iter().map(|p| p.2 * p.0).sum::<f64>() / w;
        let mz = pts.iter().map(|p| p.2 * p.1).sum::<f64>() / w;
        let gx: f64 = pts.iter().map(|p| p.2 * (p.0 - mx).powi(2)).sum();
        if gx == 0.0 {
            continue;
        }
        sxx += gx;
        sxy += pts
            .iter()
            .map(|p| p.2 * (p.0 - mx) * (p.1 - mz))
            .sum::<f64>();
        used += pts.len();
        groups += 1;
        fitted_groups.push((pts, mx, mz));
    }
    if groups == 0 || sxx <= 0.0 {
        return None;
    }
    let b = sxy / sxx;
    let df = used.saturating_sub(groups + 1);
    let se = (df > 0).then(|| {
        let sse: f64 = fitted_groups
            .iter()
            .flat_map(|(pts, mx, mz)| {
                pts.iter()
                    .map(move |p| p.2 * (p.1 - mz - b * (p.0 - mx)).powi(2))
            })
            .sum();
        (sse / df as f64 / sxx).sqrt()
    });
    let interval = se.map(|se| {
        let half = t80(df) * se;
        (100.0 * (b - half).exp_m1(), 100.0 * (b + half).exp_m1())
    });
    Some(Trend {
        pct: 100.0 * b.exp_m1(),
        se_pp: se.map(|se| 100.0 * se),
        interval,
        cells: used,
    })
}

/// Trend and rates of tier `i` (see the module documentation).
fn fit_rates(s: &Scenario, i: usize, series: &[RouteSeries], years: &[i32], fit: &mut Fit) {
    let tier = &s.tiers[i];
    let trend_field = Field::Tier {
        tier: i,
        what: TierField::Trend,
    };
    if series.is_empty() {
        fit.notes.push(Note {
            field: Some(trend_field),
            message: format!(
                "{}: no direct entries or entries via exclusion in the file, so its rates and \
                 trend keep their values.",
                tier.name
            ),
        });
        return;
    }
    let trend = log_linear(series, years);
    fit.tier_trends[i] = trend;
    let pct = match trend {
        Some(tr) => {
            let basis = match tr.se_pp {
                Some(se) => format!(
                    "log-linear fit to {} yearly counts (standard error {:.2} percentage points)",
                    tr.cells, se
                ),
                None => format!(
                    "log-linear fit to {} yearly counts (too few for a standard error)",
                    tr.cells
                ),
            };
            push(fit, s, trend_field, tr.pct, tr.interval, basis);
            tr.pct
        }
        None => {
            fit.notes.push(Note {
                field: Some(trend_field),
                message: format!(
                    "{}: entries for fewer than two years, so the trend cannot be fitted; it \
                     keeps {}% a year, and the rates are fitted with it.",
                    tier.name, tier.trend_pct
                ),
            });
            tier.trend_pct
        }
    };
    let g = 1.0 + pct / 100.0;
    let first = s.timeline.first_year;
    for rs in series {
        let Some(line) = line_of(s, i, rs.phase) else {
            continue;
        };
        let count: f64 = rs.cells.iter().map(|c| c.1).sum();
        let field = Field::Demand {
            tier: i,
            line,
            what: rs.route,
        };
        // No entries by a route the scenario already has at zero: nothing to suggest.
        if count == 0.0 && field.number(s) == Some(0.0) {
            continue;
        }
        let exposure: f64 = rs
            .cells
            .iter()
            .map(|&(t, _, pop)| pop * g.powf(f64::from(years[t] - first)) / 1000.0)
            .sum();
        if exposure <= 0.0 {
            continue;
        }
        let rate = count / exposure;
        // Poisson: the count's standard error is its square root (half a count when it is 0).
        let se = count.max(0.25).sqrt() / exposure;
        push(
            fit,
            s,
            field,
            rate,
            Some(((rate - Z80 * se).max(0.0), rate + Z80 * se)),
            format!(
                "{} entries over {} years of pupils on roll",
                fmt_count(count),
                rs.cells.len()
            ),
        );
    }
}

/// Mean stay of tier `i` (in years) if the data identify it; suggests it in weeks.
fn fit_stay(s: &Scenario, table: &Table, i: usize, fit: &mut Fit) -> Option<f64> {
    let weeks = s.timeline.teaching_weeks;
    let tier = &s.tiers[i];
    let field = Field::Tier {
        tier: i,
        what: TierField::Stay,
    };
    let n = table.years.len();
    // From leavers: τ = Σ N / Σ X.
    let pairs: Vec<(f64, f64)> = (0..s.phases.len())
        .flat_map(|p| (0..n).map(move |t| (p, t)))
        .filter_map(|(p, t)| {
            let census = table.get(i, p, t, Column::CensusPupils)?;
            let leavers = table.leavers(i, p, t)?;
            Some((census, leavers))
        })
        .filter(|(c, x)| *c > 0.0 || *x > 0.0)
        .collect();
    let sum_n: f64 = pairs.iter().map(|p| p.0).sum();
    let sum_x: f64 = pairs.iter().map(|p| p.1).sum();
    if sum_n > 0.0 && sum_x > 0.0 {
        let tau = sum_n / sum_x;
        let m = pairs.len();
        let interval = (m >= 2).then(|| {
            let mean_x = sum_x / m as f64;
            let var: f64 = pairs
                .iter()
                .map(|(c, x)| (c - tau * x).powi(2))
                .sum::<f64>()
                / ((m - 1) as f64 * m as f64 * mean_x * mean_x);
            let half = t80(m - 1) * var.sqrt();
            ((tau - half).max(0.0) * weeks, (tau + half) * weeks)
        });
        push(
            fit,
            s,
            field,
            tau * weeks,
            interval,
            format!(
                "pupils at the census ({}) over leavers ({}): exits are the average stock over \
                 the mean stay",
                fmt_count(sum_n),
                fmt_count(sum_x)
            ),
        );
        return Some(tau);
    }
    // From census and entries, through the yearly recursion.
    let segments: Vec<Vec<(f64, f64)>> = (0..s.phases.len())
        .flat_map(|p| runs(table, i, p))
        .map(|run| run.iter().map(|&(_, e, n)| (e, n)).collect())
        .collect();
    let dof: usize = segments.iter().map(|s| s.len().saturating_sub(1)).sum();
    let has_flow = segments
        .iter()
        .any(|seg| seg.iter().any(|(e, _)| *e > 0.0) && seg.len() >= 2);
    if dof == 0 || !has_flow {
        fit.notes.push(Note {
            field: Some(field),
            message: format!(
                "{}: the stay needs pupils at the census with leavers, or with entries for two \
                 years running; it keeps {} weeks.",
                tier.name, tier.stay_weeks
            ),
        });
        return None;
    }
    let (lo, hi) = ((0.1 / weeks).ln(), (520.0 / weeks).ln());
    let sse = |log_tau: f64| {
        residuals(&segments, log_tau.exp())
            .iter()
            .map(|r| r * r)
            .sum::<f64>()
    };
    // A coarse grid, golden sections around its best point, then Gauss–Newton to finish.
    let grid = 80;
    let step = (hi - lo) / grid as f64;
    let best = (0..=grid)
        .map(|k| lo + step * k as f64)
        .min_by(|a, b| sse(*a).total_cmp(&sse(*b)))
        .unwrap_or(lo);
    let (mut a, mut b) = ((best - step).max(lo), (best + step).min(hi));
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let c = b - ratio * (b - a);
        let d = a + ratio * (b - a);
        if sse(c) < sse(d) {
            b = d;
        } else {
            a = c;
        }
    }
    let mut x = (a + b) / 2.0;
    let mut jtj = 0.0;
    for _ in 0..20 {
        let h = 1e-6;
        let r = residuals(&segments, x.exp());
        let up = residuals(&segments, (x + h).exp());
        let down = residuals(&segments, (x - h).exp());
        let j: Vec<f64> = up
            .iter()
            .zip(&down)
            .map(|(u, d)| (u - d) / (2.0 * h))
            .collect();
        jtj = j.iter().map(|v| v * v).sum::<f64>();
        if jtj <= 0.0 {
            break;
        }
        let jtr: f64 = j.iter().zip(&r).map(|(a, b)| a * b).sum();
        let next = (x - jtr / jtj).clamp(lo, hi);
        if sse(next) > sse(x) {
            break;
        }
        let done = (next - x).abs() < 1e-14;
        x = next;
        if done {
            break;
        }
    }
    let tau = x.exp();
    let interval = (jtj > 0.0).then(|| {
        let sigma2 = sse(x) / dof as f64;
        let half = t80(dof) * (sigma2 / jtj).sqrt();
        ((x - half).exp() * weeks, (x + half).exp() * weeks)
    });
    let note = if i > 0 && !table_has(table, Column::EntriesSteppedUp) {
        " (no stepped-up entries in the file, so the stay may be too long)"
    } else {
        ""
    };
    push(
        fit,
        s,
        field,
        tau * weeks,
        interval,
        format!(
            "fitted to pupils at the census and entries through the model's yearly stock-flow{note}"
        ),
    );
    Some(tau)
}

fn table_has(table: &Table, c: Column) -> bool {
    table.cells.iter().any(|cell| cell[c.index()].is_some())
}

/// Runs of consecutive years in which tier `i`, phase `p` has both a census count and all its
/// entries: (year index, entries, census).
fn runs(table: &Table, i: usize, p: usize) -> Vec<Vec<(usize, f64, f64)>> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, f64, f64)> = Vec::new();
    for t in 0..table.years.len() {
        let pair = table
            .get(i, p, t, Column::CensusPupils)
            .zip(table.entries(i, p, t, i == 0));
        let follows = run
            .last()
            .is_some_and(|&(u, _, _)| table.years[t] == table.years[u] + 1);
        if !follows && !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        if let Some((n, e)) = pair {
            run.push((t, e, n));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The census path of one run through the recursion with stay `tau` years, its starting stock
/// chosen by least squares weighted by 1/N (a count's variance): (weighted residuals, fitted).
fn census_path(run: &[(f64, f64)], tau: f64) -> (Vec<f64>, Vec<f64>) {
    let omq = one_minus_q(tau);
    let q = 1.0 - omq;
    let k = tau * omq;
    // N_t = c_t·S0 + d_t.
    let (mut a, mut b) = (1.0, 0.0);
    let mut cd = Vec::with_capacity(run.len());
    for &(e, n) in run {
        let steady = e * tau;
        cd.push((a * k, steady + (b - steady) * k, n, 1.0 / n.max(1.0).sqrt()));
        a *= q;
        b = b * q + steady * omq;
    }
    let scc: f64 = cd.iter().map(|v| (v.0 * v.3).powi(2)).sum();
    let s0 = if scc > 0.0 {
        cd.iter()
            .map(|v| v.0 * v.3 * v.3 * (v.2 - v.1))
            .sum::<f64>()
            / scc
    } else {
        0.0
    };
    let fitted: Vec<f64> = cd.iter().map(|v| v.0 * s0 + v.1).collect();
    let residuals = cd
        .iter()
        .zip(&fitted)
        .map(|(v, f)| (v.2 - f) * v.3)
        .collect();
    (residuals, fitted)
}

/// The weighted census residuals of every run with stay `tau` years.
fn residuals(segments: &[Vec<(f64, f64)>], tau: f64) -> Vec<f64> {
    segments
        .iter()
        .flat_map(|seg| census_path(seg, tau).0)
        .collect()
}

/// Returned and stepped-up shares of tier `i` from its leavers.
fn fit_shares(s: &Scenario, table: &Table, i: usize, fit: &mut Fit) {
    let tier = &s.tiers[i];
    let n = table.years.len();
    let (mut returned, mut stepped, mut total, mut cells) = (0.0, 0.0, 0.0, 0);
    for p in 0..s.phases.len() {
        for t in 0..n {
            if let Some(x) = table.leavers(i, p, t) {
                returned += table.get(i, p, t, Column::LeaversReturned).unwrap_or(0.0);
                stepped += table.get(i, p, t, Column::LeaversSteppedUp).unwrap_or(0.0);
                total += x;
                cells += 1;
            }
        }
    }
    let returned_field = Field::Tier {
        tier: i,
        what: TierField::Returned,
    };
    if total <= 0.0 {
        fit.notes.push(Note {
            field: Some(returned_field),
            message: format!(
                "{}: no leavers with all three destinations (returned, stepped up, other), so \
                 its returned and stepped-up shares keep their values.",
                tier.name
            ),
        });
        return;
    }
    let share = |k: f64| {
        let p = k / total;
        let half = Z80 * (p * (1.0 - p) / total).sqrt();
        (
            100.0 * p,
            Some((
                (100.0 * (p - half)).max(0.0),
                (100.0 * (p + half)).min(100.0),
            )),
        )
    };
    let basis = format!("{} leavers in {} tier-phase-years", fmt_count(total), cells);
    let (r, ri) = share(returned);
    push(fit, s, returned_field, r, ri, basis.clone());
    let step_field = Field::Tier {
        tier: i,
        what: TierField::StepUp,
    };
    if i + 1 == s.tiers.len() {
        if stepped > 0.0 {
            fit.notes.push(Note {
                field: Some(step_field),
                message: format!(
                    "{}: {} leavers stepped up, but it is the last tier, so the model counts \
                     them as other destinations; its stepped-up share keeps its value.",
                    tier.name,
                    fmt_count(stepped)
                ),
            });
        }
        return;
    }
    let (u, ui) = share(stepped);
    push(fit, s, step_field, u, ui, basis);
}

/// Pupils in tier `i` at the start of the scenario's first year, per phase, from the latest
/// census carried through the stock-flow with stay `tau` years.
fn fit_start(s: &Scenario, table: &Table, i: usize, tau: f64, first: i32, fit: &mut Fit) {
    let omq = one_minus_q(tau);
    let k = tau * omq;
    for p in 0..s.phases.len() {
        let Some(line) = line_of(s, i, p) else {
            continue;
        };
        let field = Field::Demand {
            tier: i,
            line,
            what: DemandField::StartPupils,
        };
        let latest = (0..table.years.len()).rev().find(|&t| {
            table.years[t] <= first && table.get(i, p, t, Column::CensusPupils).is_some()
        });
        let Some(t) = latest else {
            if table_has(table, Column::CensusPupils) {
                fit.notes.push(Note {
                    field: Some(field),
                    message: format!(
                        "{}: no census count up to {}, so pupils at the start keep their value.",
                        field.describe(s),
                        crate::format::academic_year(first)
                    ),
                });
            }
            continue;
        };
        let year = table.years[t];
        let census = table.get(i, p, t, Column::CensusPupils).unwrap_or(0.0);
        let entries = table.entries(i, p, t, i == 0);
        let (value, basis) = match entries {
            Some(e) if tau > 0.0 => {
                let steady = e * tau;
                // From N = Eτ + (S0 − Eτ)·τ(1 − q).
                let s0 = (steady + (census - steady) / k).max(0.0);
                if year == first {
                    (
                        s0,
                        format!(
                            "the {} census and entries, as the stock at the year's start",
                            crate::format::academic_year(year)
                        ),
                    )
                } else {
                    let end = (s0 * (1.0 - omq) + steady * omq).max(0.0);
                    let gap = if year + 1 < first {
                        format!(
                            " (the file ends in {}, before the scenario starts)",
                            crate::format::academic_year(year)
                        )
                    } else {
                        String::new()
                    };
                    (
                        end,
                        format!(
                            "the {} census and entries, carried to the year's end{gap}",
                            crate::format::academic_year(year)
                        ),
                    )
                }
            }
            _ => (
                census,
                format!(
                    "the {} census count (no entries that year to carry it through the year)",
                    crate::format::academic_year(year)
                ),
            ),
        };
        push(fit, s, field, value, None, basis);
    }
}

/// Actual against fitted series of tier `i` (its phases added up), and of each phase's pupils.
fn tier_series(
    s: &Scenario,
    table: &Table,
    exposure: &[Vec<f64>],
    i: usize,
    tau: f64,
    fit: &mut Fit,
) {
    let n = table.years.len();
    let tier = &s.tiers[i];
    let trend = fit
        .fitted(Field::Tier {
            tier: i,
            what: TierField::Trend,
        })
        .unwrap_or(tier.trend_pct);
    let g = 1.0 + trend / 100.0;
    let first = s.timeline.first_year;
    let mut out = Vec::new();
    let rate = |line: usize, what: DemandField| {
        let field = Field::Demand {
            tier: i,
            line,
            what,
        };
        fit.fitted(field).or_else(|| field.number(s)).unwrap_or(0.0)
    };
    // Pupils on roll, once per phase (with the first tier).
    if i == 0 {
        for (p, phase) in s.phases.iter().enumerate() {
            let g = fit
                .fitted(Field::Phase {
                    phase: p,
                    what: PhaseField::Growth,
                })
                .unwrap_or(phase.growth_pct);
            let base = fit
                .fitted(Field::Phase {
                    phase: p,
                    what: PhaseField::Pupils,
                })
                .unwrap_or(phase.pupils);
            let points: Vec<Point> = (0..n)
                .filter_map(|t| {
                    let actual = table.pupils[p][t]?;
                    let year = table.years[t];
                    let fitted = base * (1.0 + g / 100.0).powf(f64::from(year - first));
                    Some(Point {
                        year,
                        actual,
                        fitted,
                    })
                })
                .collect();
            if !points.is_empty() {
                out.push(Series {
                    kind: SeriesKind::PupilsOnRoll,
                    owner: phase.name.clone(),
                    tier: None,
                    phase: Some(p),
                    points,
                });
            }
        }
    }
    let mut entries = vec![(0.0, 0.0, false); n];
    let mut census = vec![(0.0, 0.0, false); n];
    let mut leavers = vec![(0.0, 0.0, false); n];
    for (p, pupils) in exposure.iter().enumerate().take(s.phases.len()) {
        let Some(line) = line_of(s, i, p) else {
            continue;
        };
        for (t, e) in entries.iter_mut().enumerate() {
            let factor = g.powf(f64::from(table.years[t] - first)) * pupils[t] / 1000.0;
            for (what, column) in [
                (DemandField::ReferralRate, Column::EntriesDirect),
                (DemandField::ExclusionRate, Column::EntriesExclusion),
            ] {
                if let Some(actual) = table.get(i, p, t, column) {
                    *e = (e.0 + actual, e.1 + rate(line, what) * factor, true);
                }
            }
        }
        // Census through the recursion from each run's least-squares start.
        for run in runs(table, i, p) {
            let pairs: Vec<(f64, f64)> = run.iter().map(|&(_, e, n)| (e, n)).collect();
            let (_, fitted) = census_path(&pairs, tau);
            for (&(t, _, actual), f) in run.iter().zip(fitted) {
                census[t] = (census[t].0 + actual, census[t].1 + f, true);
            }
        }
        for (t, l) in leavers.iter_mut().enumerate() {
            let actual = table.get(i, p, t, Column::CensusPupils);
            if let (Some(x), Some(c)) = (table.leavers(i, p, t), actual) {
                *l = (l.0 + x, l.1 + c / tau, true);
            }
        }
    }
    for (kind, values) in [
        (SeriesKind::Entries, entries),
        (SeriesKind::Census, census),
        (SeriesKind::Leavers, leavers),
    ] {
        let points: Vec<Point> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.2)
            .map(|(t, v)| Point {
                year: table.years[t],
                actual: v.0,
                fitted: v.1,
            })
            .collect();
        if !points.is_empty() {
            out.push(Series {
                kind,
                owner: tier.name.clone(),
                tier: Some(i),
                phase: None,
                points,
            });
        }
    }
    fit.series.extend(out);
}
