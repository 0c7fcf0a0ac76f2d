//! How sure are we: a scenario's ranged inputs drawn many times, each draw projected, and the
//! spread of the figures read as percentiles and chances.
//!
//! - Every ranged input is drawn with a Latin hypercube design ([`draw`]) from its own seeded
//!   stream, so the same seed and inputs give identical results on every machine, native and
//!   wasm, and the same input in two scenarios gets the same draws (a paired comparison).
//! - Validation guarantees every draw is a valid scenario (each range lies inside its input's
//!   allowed range, and shares at the top of their ranges still fit), so draws are projected
//!   without validating each one again.
//! - Percentiles interpolate between the sorted draws (the usual "type 7" rule).
//!
//! [`tornado`] moves each ranged input to its low and high ends alone; [`goal`] finds what one
//! input must be for a target to be met.

pub mod draw;
pub mod goal;
pub mod tornado;

use crate::address::Field;
use crate::compare::{against_baseline, Payback};
use crate::money::{positions, Basis};
use crate::project::{project_counted, project_valid};
use crate::results::Projection;
use crate::scenario::{Group, OverCapacity, Scenario};
use crate::validate::{validate, ValidationErrors};
use draw::{latin_hypercube, Counts, Sampler};

/// Most draws one run may ask for.
pub const MAX_DRAWS: usize = 100_000;

/// The spread of one figure over the draws.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bands {
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub mean: f64,
}

impl Bands {
    /// The bands of `values` (reordered in place). Only the order statistics the percentiles
    /// need are found (selection, not a full sort), each in the part not yet ruled out.
    pub fn of(values: &mut [f64]) -> Bands {
        let n = values.len();
        if n == 0 {
            return Bands::default();
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let positions = [0.10, 0.25, 0.50, 0.75, 0.90].map(|p| {
            let h = (n - 1) as f64 * p;
            (h.floor() as usize, h - h.floor())
        });
        // The k-th and (k+1)-th smallest for each percentile, in increasing k.
        let mut from = 0;
        let mut at = [0.0; 5];
        for (slot, (k, frac)) in at.iter_mut().zip(positions) {
            let (_, v, rest) = values[from..].select_nth_unstable_by(k - from, f64::total_cmp);
            let v = *v;
            let next = rest.iter().copied().fold(f64::INFINITY, f64::min);
            let next = if next.is_finite() { next } else { v };
            *slot = v + frac * (next - v);
            from = k;
        }
        Bands {
            p10: at[0],
            p25: at[1],
            p50: at[2],
            p75: at[3],
            p90: at[4],
            mean,
        }
    }
}

/// One tier's places over the draws, per year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierBands {
    pub places_needed: Vec<Bands>,
    /// Places above capacity (spot-purchased or unmet).
    pub above_capacity: Vec<Bands>,
    /// The chance that places needed exceed commissioned places, per year (`None` for a tier
    /// that is not capacity-managed: it has no places to fall short of).
    pub chance_short: Vec<Option<f64>>,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Simulation {
    pub draws: usize,
    pub seed: u64,
    /// Inputs that carried a range.
    pub ranged: usize,
    pub years: Vec<i32>,
    /// Spend per year.
    pub spend: Vec<Bands>,
    /// Budget minus spend per year (negative: over budget).
    pub variance: Vec<Bands>,
    pub cumulative_variance: Vec<Bands>,
    /// The chance that spend exceeds the budget, per year.
    pub chance_overspend: Vec<f64>,
    /// The chance that spend over the whole horizon exceeds the budget over it.
    pub chance_overspend_horizon: f64,
    pub total_spend: Bands,
    /// Places needed in all tiers together, per year.
    pub total_places: Vec<Bands>,
    pub tiers: Vec<TierBands>,
    /// The money in financial years (April to March), each figure of each draw summed from
    /// that draw's academic years, never from percentiles.
    pub financial: MoneyBands,
}

impl Simulation {
    /// The money's spread in academic or financial years, for the view's "show the money by".
    pub fn money(&self, basis: Basis) -> MoneyBands {
        match basis {
            Basis::Financial => self.financial.clone(),
            Basis::Academic => MoneyBands {
                years: self.years.clone(),
                partial: vec![false; self.years.len()],
                spend: self.spend.clone(),
                variance: self.variance.clone(),
                cumulative_variance: self.cumulative_variance.clone(),
                chance_overspend: self.chance_overspend.clone(),
            },
        }
    }
}

/// The money's spread over the draws, year by year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MoneyBands {
    /// Start years of the financial years (2026 is 2026-27).
    pub years: Vec<i32>,
    /// Whether each is only partly inside the projection.
    pub partial: Vec<bool>,
    /// Net high-needs spend.
    pub spend: Vec<Bands>,
    /// Budget minus net spend.
    pub variance: Vec<Bands>,
    pub cumulative_variance: Vec<Bands>,
    /// The chance that net spend exceeds the budget.
    pub chance_overspend: Vec<f64>,
}

/// Each ranged input of a scenario with its sampler and its draws' probabilities.
pub(crate) struct Design {
    inputs: Vec<(Field, Sampler, Vec<f64>)>,
}

impl Design {
    pub(crate) fn new(s: &Scenario, draws: usize, seed: u64) -> Design {
        Design::with(s, draws, seed, latin_hypercube)
    }

    /// A design whose probabilities come from `sample` (seed, input, draws).
    pub(crate) fn with(
        s: &Scenario,
        draws: usize,
        seed: u64,
        sample: fn(u64, Field, usize) -> Vec<f64>,
    ) -> Design {
        let rho = s.simulation.group_correlation_pct * 0.01;
        let mut factors: Vec<(Group, Vec<f64>)> = Vec::new();
        let inputs = s
            .ranges
            .iter()
            .filter_map(|r| {
                let central = r.field.number(s)?;
                let mut u = sample(seed, r.field, draws);
                if r.group != Group::None && rho > 0.0 {
                    let k = match factors.iter().position(|(g, _)| *g == r.group) {
                        Some(k) => k,
                        None => {
                            factors.push((r.group, draw::group_factor(seed, r.group, draws)));
                            factors.len() - 1
                        }
                    };
                    draw::correlate(&mut u, &factors[k].1, rho);
                }
                Some((r.field, Sampler::new(r, central), u))
            })
            .collect();
        Design { inputs }
    }

    /// Set every ranged input of `work` to its value in draw `i`.
    pub(crate) fn apply(&self, work: &mut Scenario, i: usize) {
        for (field, sampler, u) in &self.inputs {
            // The field exists (the design was read from this scenario), so this cannot fail.
            let _ = field.set_number(work, sampler.value(u[i]));
        }
    }
}

fn clamp_draws(draws: usize) -> usize {
    draws.clamp(1, MAX_DRAWS)
}

/// Simulate `s` over `draws` draws (1 to [`MAX_DRAWS`]) from `seed`. A scenario with no ranges
/// gives bands of zero width at the deterministic figures.
pub fn simulate(s: &Scenario, draws: usize, seed: u64) -> Result<Simulation, ValidationErrors> {
    let mut runner = Runner::new(s, draws, seed)?;
    runner.advance(usize::MAX);
    Ok(runner.finish())
}

/// A whole run with a given design (the tests compare designs).
#[cfg(test)]
fn run(
    s: &Scenario,
    design: Design,
    draws: usize,
    seed: u64,
) -> Result<Simulation, ValidationErrors> {
    let mut runner = Runner::with_design(s, design, draws, seed)?;
    runner.advance(usize::MAX);
    Ok(runner.finish())
}

/// A simulation run a few draws at a time, so a browser can keep answering the user between
/// steps. The result is the same however the draws are split.
pub struct Runner {
    design: Design,
    work: Scenario,
    draws: usize,
    seed: u64,
    done: usize,
    years: Vec<i32>,
    tiers: usize,
    /// Whether each tier is capacity-managed (has places to fall short of).
    managed: Vec<bool>,
    spend: Vec<Vec<f64>>,
    variance: Vec<Vec<f64>>,
    cumulative: Vec<Vec<f64>>,
    all_places: Vec<Vec<f64>>,
    places: Vec<Vec<f64>>,
    above: Vec<Vec<f64>>,
    short: Vec<usize>,
    over: Vec<usize>,
    over_horizon: usize,
    total: Vec<f64>,
    fy_years: Vec<(i32, bool)>,
    fy_spend: Vec<Vec<f64>>,
    fy_variance: Vec<Vec<f64>>,
    fy_cumulative: Vec<Vec<f64>>,
    fy_over: Vec<usize>,
}

impl Runner {
    /// A run of `draws` draws of `s` from `seed`; `s` must be valid.
    pub fn new(s: &Scenario, draws: usize, seed: u64) -> Result<Runner, ValidationErrors> {
        let draws = clamp_draws(draws);
        Runner::with_design(s, Design::new(s, draws, seed), draws, seed)
    }

    fn with_design(
        s: &Scenario,
        design: Design,
        draws: usize,
        seed: u64,
    ) -> Result<Runner, ValidationErrors> {
        validate(s)?;
        let first = project_valid(s);
        let (years, tiers) = (first.years, first.tiers);
        let fy_years: Vec<(i32, bool)> = positions(s, &first, Basis::Financial)
            .iter()
            .map(|p| (p.start_year, p.partial))
            .collect();
        let fys = fy_years.len();
        let series = |n: usize| vec![Vec::with_capacity(draws); n];
        Ok(Runner {
            design,
            work: s.clone(),
            draws,
            seed,
            done: 0,
            years: first.summaries.iter().map(|y| y.academic_year).collect(),
            tiers,
            managed: s
                .tiers
                .iter()
                .map(|t| t.over_capacity != OverCapacity::NotManaged)
                .collect(),
            spend: series(years),
            variance: series(years),
            cumulative: series(years),
            all_places: series(years),
            places: series(years * tiers),
            above: series(years * tiers),
            short: vec![0; years * tiers],
            over: vec![0; years],
            over_horizon: 0,
            total: Vec::with_capacity(draws),
            fy_years,
            fy_spend: series(fys),
            fy_variance: series(fys),
            fy_cumulative: series(fys),
            fy_over: vec![0; fys],
        })
    }

    /// Draws done so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.draws)
    }

    /// Project up to `n` more draws; true once every draw is done.
    pub fn advance(&mut self, n: usize) -> bool {
        let (years, tiers) = (self.years.len(), self.tiers);
        let end = self.draws.min(self.done.saturating_add(n));
        for i in self.done..end {
            self.design.apply(&mut self.work, i);
            let pr = if self.work.simulation.count_noise {
                let mut counts = Counts::new(self.seed, i);
                project_counted(&self.work, &mut |expected| counts.poisson(expected))
            } else {
                project_valid(&self.work)
            };
            for t in 0..years {
                let y = pr.year(t);
                self.spend[t].push(y.total_spend);
                self.variance[t].push(y.variance);
                self.cumulative[t].push(y.cumulative_variance);
                self.over[t] += usize::from(y.variance < 0.0);
                self.all_places[t].push(pr.total_places(t));
                for k in 0..tiers {
                    let ty = pr.tier(t, k);
                    self.places[t * tiers + k].push(ty.places_needed);
                    self.above[t * tiers + k].push(ty.spot + ty.unmet);
                    self.short[t * tiers + k] +=
                        usize::from(ty.places_needed > ty.commissioned + 1e-9);
                }
            }
            self.total.push(pr.headline.total_spend);
            self.over_horizon += usize::from(pr.headline.total_variance < 0.0);
            for (k, p) in positions(&self.work, &pr, Basis::Financial)
                .iter()
                .enumerate()
            {
                self.fy_spend[k].push(p.net);
                self.fy_variance[k].push(p.in_year);
                self.fy_cumulative[k].push(p.cumulative);
                self.fy_over[k] += usize::from(p.in_year < 0.0);
            }
        }
        self.done = end;
        self.done == self.draws
    }

    /// The figures of the draws done (all of them, once [`Runner::advance`] has said so).
    pub fn finish(mut self) -> Simulation {
        let n = self.done.max(1) as f64;
        let (years, tiers) = (self.years.len(), self.tiers);
        let bands = |v: &mut Vec<Vec<f64>>| v.iter_mut().map(|x| Bands::of(x)).collect::<Vec<_>>();
        let places = bands(&mut self.places);
        let above = bands(&mut self.above);
        Simulation {
            draws: self.done,
            seed: self.seed,
            ranged: self.design.inputs.len(),
            spend: bands(&mut self.spend),
            variance: bands(&mut self.variance),
            cumulative_variance: bands(&mut self.cumulative),
            chance_overspend: self.over.iter().map(|c| *c as f64 / n).collect(),
            chance_overspend_horizon: self.over_horizon as f64 / n,
            total_spend: Bands::of(&mut self.total),
            total_places: bands(&mut self.all_places),
            tiers: (0..tiers)
                .map(|k| TierBands {
                    places_needed: (0..years).map(|t| places[t * tiers + k]).collect(),
                    above_capacity: (0..years).map(|t| above[t * tiers + k]).collect(),
                    chance_short: (0..years)
                        .map(|t| self.managed[k].then(|| self.short[t * tiers + k] as f64 / n))
                        .collect(),
                })
                .collect(),
            years: self.years,
            financial: MoneyBands {
                years: self.fy_years.iter().map(|(y, _)| *y).collect(),
                partial: self.fy_years.iter().map(|(_, p)| *p).collect(),
                spend: bands(&mut self.fy_spend),
                variance: bands(&mut self.fy_variance),
                cumulative_variance: bands(&mut self.fy_cumulative),
                chance_overspend: self.fy_over.iter().map(|c| *c as f64 / n).collect(),
            },
        }
    }
}

/// One scenario against the baseline over the draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairedCase {
    /// Cumulative net saving over the years compared (the baseline's years both project).
    pub cumulative_net_saving: Bands,
    /// Whether the scenario invests more than the baseline in any draw.
    pub invests: bool,
    /// The chance that it pays back within the years compared.
    pub chance_payback: f64,
    /// The chance that it has paid back by each of those years: (academic year, chance).
    pub chance_payback_by: Vec<(i32, f64)>,
}

/// Each scenario against `scenarios[baseline]`, every draw projecting all of them with the same
/// random numbers for the inputs they share (the baseline's seed). The baseline's own entry is
/// `None`.
pub fn simulate_comparison(
    baseline: usize,
    scenarios: &[&Scenario],
    draws: usize,
) -> Result<Vec<Option<PairedCase>>, ValidationErrors> {
    let Some(base) = scenarios.get(baseline) else {
        return Ok(Vec::new());
    };
    for s in scenarios {
        validate(s)?;
    }
    let draws = clamp_draws(draws);
    let seed = base.simulation.seed;
    let designs: Vec<Design> = scenarios
        .iter()
        .map(|s| Design::new(s, draws, seed))
        .collect();
    let mut work: Vec<Scenario> = scenarios.iter().map(|s| (*s).clone()).collect();
    let mut saving: Vec<Vec<f64>> = vec![Vec::with_capacity(draws); scenarios.len()];
    let mut invests = vec![false; scenarios.len()];
    let mut paid: Vec<Vec<(i32, usize)>> = vec![Vec::new(); scenarios.len()];
    let mut paid_at_all = vec![0usize; scenarios.len()];
    for i in 0..draws {
        let projected: Vec<Projection> = work
            .iter_mut()
            .zip(&designs)
            .map(|(w, d)| {
                d.apply(w, i);
                project_valid(w)
            })
            .collect();
        let b = (&work[baseline], &projected[baseline]);
        for n in (0..scenarios.len()).filter(|n| *n != baseline) {
            let case = against_baseline(b, (&work[n], &projected[n]));
            saving[n].push(case.years.last().map_or(0.0, |y| y.cumulative_net_saving));
            if paid[n].is_empty() {
                paid[n] = case.years.iter().map(|y| (y.academic_year, 0)).collect();
            }
            match case.payback {
                Payback::Year(year) => {
                    invests[n] = true;
                    paid_at_all[n] += 1;
                    for (y, count) in &mut paid[n] {
                        *count += usize::from(*y >= year);
                    }
                }
                Payback::NotWithinHorizon => invests[n] = true,
                Payback::NoExtraInvestment => {}
            }
        }
    }
    let n_draws = draws as f64;
    Ok((0..scenarios.len())
        .map(|n| {
            (n != baseline).then(|| PairedCase {
                cumulative_net_saving: Bands::of(&mut saving[n]),
                invests: invests[n],
                chance_payback: paid_at_all[n] as f64 / n_draws,
                chance_payback_by: paid[n]
                    .iter()
                    .map(|(y, c)| (*y, *c as f64 / n_draws))
                    .collect(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests;
