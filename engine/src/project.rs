//! The projection: a validated scenario turned into flows, places and spend, year by year.
//!
//! The model (documented with worked figures in `docs/model.md`):
//! - each tier in each phase is a stock of pupils with a constant inflow E over the year and
//!   exponentially distributed stays of mean τ = stay / W years, solved exactly over the year:
//!   q = e^(−1/τ), S1 = S0·q + E·τ·(1−q), exits X = S0 + E − S1, and the average stock over the year
//!   (the places needed) N = E·τ + (S0 − E·τ)·τ·(1−q);
//! - tiers are processed in order so that pupils stepped up out of tier i this year enter tier
//!   i+1 this year;
//! - capacity and money are per tier: providers fill places in priority order, the rest is
//!   bought as spot places, left waiting, or served without a place limit.

use crate::format::academic_year;
use crate::results::{
    Headline, PhaseFlow, Projection, ProviderYear, SpendByCategory, TierSpend, TierYear, Warning,
    YearSummary,
};
use crate::scenario::{
    growth, Funder, Funding, OverCapacity, ProviderKind, Scenario, Target, FUNDERS,
};
use crate::validate::{validate, ValidationErrors};

const LEVERS: usize = 5;

/// Validate `scenario` and project it.
pub fn project(scenario: &Scenario) -> Result<Projection, ValidationErrors> {
    validate(scenario)?;
    Ok(project_valid(scenario))
}

/// The share of an intervention's full effect reached in year index `t`, for an intervention
/// starting at year index `start` and ramping up over `ramp` years.
pub fn ramp_share(t: i64, start: i64, ramp: u32) -> f64 {
    if t < start {
        0.0
    } else if ramp == 0 {
        1.0
    } else {
        (((t - start + 1) as f64) / f64::from(ramp)).min(1.0)
    }
}

/// Index lookups resolved once, so the yearly loop compares no strings.
struct Resolved {
    /// `tier_phase[i * phases + p]`: index into `tiers[i].phases` for phase p.
    tier_phase: Vec<Option<usize>>,
    /// Per tier, per provider: the phase served (`None` = all phases).
    provider_phase: Vec<Vec<Option<usize>>>,
    /// Per intervention: (tier, phase, start year index); `None` if its tier does not exist.
    interventions: Vec<Option<(usize, Option<usize>, i64)>>,
}

fn resolve(s: &Scenario) -> Resolved {
    let phases = s.phases.len();
    let mut tier_phase = vec![None; s.tiers.len() * phases];
    for (i, tier) in s.tiers.iter().enumerate() {
        for (k, tp) in tier.phases.iter().enumerate() {
            if let Some(p) = s.phase_index(&tp.phase) {
                tier_phase[i * phases + p].get_or_insert(k);
            }
        }
    }
    let provider_phase = s
        .tiers
        .iter()
        .map(|tier| {
            tier.providers
                .iter()
                .map(|pr| pr.phase.as_deref().and_then(|id| s.phase_index(id)))
                .collect()
        })
        .collect();
    let interventions = s
        .interventions
        .iter()
        .map(|iv| {
            let tier = s.tier_index(&iv.tier)?;
            let phase = iv.phase.as_deref().and_then(|id| s.phase_index(id));
            let start = i64::from(iv.first_year) - i64::from(s.timeline.first_year);
            Some((tier, phase, start))
        })
        .collect();
    Resolved {
        tier_phase,
        provider_phase,
        interventions,
    }
}

/// Project a scenario that has passed [`validate`]. On an unvalidated scenario it does not panic
/// but its figures may be meaningless.
pub fn project_valid(s: &Scenario) -> Projection {
    project_counted(s, &mut |expected| expected)
}

/// [`project_valid`] with each year's direct and excluded entries of each tier and phase turned
/// into counts by `count` (the expected number in, the number used out): the simulation's count
/// noise draws them from a Poisson distribution. The identity gives [`project_valid`].
pub fn project_counted(s: &Scenario, count: &mut impl FnMut(f64) -> f64) -> Projection {
    let years = s.timeline.horizon.min(crate::scenario::MAX_HORIZON) as usize;
    let tiers = s.tiers.len();
    let phases = s.phases.len();
    let per_week = 1.0 / s.timeline.teaching_weeks;
    let resolved = resolve(s);

    let mut provider_offsets = Vec::with_capacity(tiers);
    let mut providers_per_year = 0;
    for tier in &s.tiers {
        provider_offsets.push(providers_per_year);
        providers_per_year += tier.providers.len();
    }

    let mut flows = Vec::with_capacity(years * tiers * phases);
    let mut tier_years = Vec::with_capacity(years * tiers);
    let mut provider_years = Vec::with_capacity(years * providers_per_year);
    let mut summaries = Vec::with_capacity(years);
    let mut warnings = Vec::new();

    // Stock carried from one year's end to the next year's start, per tier × phase.
    let mut stock: Vec<f64> = (0..tiers * phases)
        .map(|k| resolved.tier_phase[k].map_or(0.0, |j| s.tiers[k / phases].phases[j].start_pupils))
        .collect();
    let mut multipliers = vec![1.0; tiers * phases * LEVERS];
    // Per tier × phase: the last τ seen and its 1 − q, so e^x is evaluated only when a stay changes.
    let mut decay = vec![(f64::NAN, f64::NAN); tiers * phases];
    let mut population = vec![0.0; phases];
    let mut stepped_in = vec![0.0; phases];
    let mut remaining = vec![0.0; phases];
    let mut scaled_warned = vec![false; tiers * phases];
    let mut cumulative_variance = s.money.opening_balance;
    let m = &s.money;
    let weeks = s.timeline.teaching_weeks;
    let year_left = m.awpu_year_left_pct * 0.01;

    for tier in &s.tiers {
        let takes_excluded = tier.phases.iter().any(|d| d.exclusion_rate > 0.0);
        if tier.over_capacity == OverCapacity::WaitingList
            && takes_excluded
            && tier.waiting_cost_per_week == 0.0
        {
            warnings.push(Warning::WaitingCostsNothing {
                tier: tier.name.clone(),
            });
        }
    }
    if let Some(last) = s.tiers.last() {
        if last.step_up_pct > 0.0 {
            warnings.push(Warning::LastTierStepUp {
                tier: last.name.clone(),
                pct: last.step_up_pct,
            });
        }
    }

    for t in 0..years {
        let pf_price = growth(m.place_funding_index_pct, t);
        let top_up_price = growth(m.top_up_index_pct, t);
        let spot_price = growth(m.spot_index_pct, t);
        let entry_price = growth(m.per_entry_index_pct, t);
        let transport_price = growth(m.transport_index_pct, t);
        let mut by_funder = [0.0; FUNDERS];
        // The high-needs block's spend by category, in the order of `SpendByCategory::LABELS`.
        let mut high_needs = [0.0; 8];
        let mut pay = |funding: Funding, category: usize, amount: f64| {
            funding.pay(amount, |funder, part| {
                by_funder[funder.index()] += part;
                if funder == Funder::HighNeeds {
                    high_needs[category] += part;
                }
            });
        };
        let mut income = 0.0;
        for (p, pop) in population.iter_mut().enumerate() {
            *pop = s.population(p, t);
        }
        fill_multipliers(s, &resolved, t as i64, phases, &mut multipliers);

        let mut spend = SpendByCategory::default();
        stepped_in.iter_mut().for_each(|x| *x = 0.0);

        for (i, tier) in s.tiers.iter().enumerate() {
            let is_last = i + 1 == tiers;
            let trend = growth(tier.trend_pct, t);
            let mut tier_year = TierYear::default();
            let mut entries_total = 0.0;

            for p in 0..phases {
                let k = i * phases + p;
                let m = &multipliers[k * LEVERS..(k + 1) * LEVERS];
                let (referral, exclusion) = resolved.tier_phase[k]
                    .map(|j| &tier.phases[j])
                    .map_or((0.0, 0.0), |tp| (tp.referral_rate, tp.exclusion_rate));
                let pop = population[p];
                // Multiplying by reciprocals: divisions are slow and this loop is the hot path.
                let per_pupil = trend * pop * 0.001;
                let direct = count(referral * m[Target::ReferralRate.index()] * per_pupil);
                let excluded = count(exclusion * m[Target::ExclusionRate.index()] * per_pupil);
                let stepped = stepped_in[p];
                let entries = direct + excluded + stepped;

                let tau = tier.stay_weeks * m[Target::LengthOfStay.index()] * per_week;
                if tau != decay[k].0 {
                    decay[k] = (tau, one_minus_q(tau));
                }
                let (end, places) = stock_with_decay(stock[k], entries, tau, decay[k].1);
                let exits = (stock[k] + entries - end).max(0.0);

                let mut returned_pct = tier.returned_pct * m[Target::Returned.index()];
                let mut step_pct = if is_last {
                    0.0
                } else {
                    tier.step_up_pct * m[Target::StepUp.index()]
                };
                let shares = returned_pct + step_pct;
                if shares > 100.0 {
                    let scale = 100.0 / shares;
                    returned_pct *= scale;
                    step_pct *= scale;
                    if !scaled_warned[k] {
                        scaled_warned[k] = true;
                        warnings.push(Warning::ExitSharesScaled {
                            tier: tier.name.clone(),
                            phase: s.phases[p].name.clone(),
                            year: academic_year(s.timeline.year(t)),
                            total_pct: shares,
                        });
                    }
                }
                let exits_returned = exits * returned_pct * 0.01;
                let exits_stepped_up = exits * step_pct * 0.01;
                let exits_other = (exits - exits_returned - exits_stepped_up).max(0.0);

                flows.push(PhaseFlow {
                    population: pop,
                    start: stock[k],
                    entries_direct: direct,
                    entries_exclusion: excluded,
                    entries_stepped_up: stepped,
                    exits_returned,
                    exits_stepped_up,
                    exits_other,
                    end,
                    places_needed: places,
                });
                stock[k] = end;
                stepped_in[p] = exits_stepped_up;
                remaining[p] = places;
                tier_year.places_needed += places;
                entries_total += entries;
                income += excluded * s.phases[p].awpu * year_left;
            }

            // Capacity: phase-specific providers first for their phase, then all-phase ones.
            let first_provider = provider_years.len();
            for (provider, phase) in tier.providers.iter().zip(&resolved.provider_phase[i]) {
                let commissioned = provider.places_in(t);
                let occupied = match phase {
                    Some(p) => {
                        let filled = remaining[*p].min(commissioned);
                        remaining[*p] -= filled;
                        filled
                    }
                    None => 0.0,
                };
                provider_years.push(ProviderYear {
                    commissioned,
                    occupied,
                });
            }
            let mut left: f64 = remaining.iter().sum();
            for (py, phase) in provider_years[first_provider..]
                .iter_mut()
                .zip(&resolved.provider_phase[i])
            {
                if phase.is_none() {
                    py.occupied = left.min(py.commissioned);
                    left -= py.occupied;
                }
            }
            let left = left.max(0.0);
            match tier.over_capacity {
                OverCapacity::Spot => tier_year.spot = left,
                OverCapacity::WaitingList => tier_year.unmet = left,
                OverCapacity::NotManaged => tier_year.uncapped = left,
            }

            let mut cost = TierSpend::default();
            for (provider, py) in tier.providers.iter().zip(&provider_years[first_provider..]) {
                tier_year.commissioned += py.commissioned;
                tier_year.occupied += py.occupied;
                if provider.kind == ProviderKind::Independent {
                    tier_year.independent += py.occupied;
                }
                let place_funding = py.commissioned * provider.place_funding * pf_price;
                pay(provider.place_funding_funder, 0, place_funding);
                cost.place_funding += place_funding;
                // The LA's occupancy rule: top-up on at least a share of commissioned places.
                let paid = py
                    .occupied
                    .max(py.commissioned * provider.min_occupancy_pct * 0.01);
                let price = if provider.kind == ProviderKind::Independent {
                    spot_price
                } else {
                    top_up_price
                };
                let top_up = paid * provider.top_up * price;
                pay(provider.top_up_funder, 1, top_up);
                cost.top_up += top_up;
            }
            cost.spot = tier_year.spot * tier.spot_price * spot_price;
            pay(tier.spot_funder, 2, cost.spot);
            cost.per_entry = entries_total * tier.per_entry_cost * entry_price;
            pay(tier.per_entry_funder, 3, cost.per_entry);
            let filled = tier_year.places_needed - tier_year.unmet;
            cost.transport = filled.max(0.0) * tier.transport_per_place * transport_price;
            pay(tier.transport_funder, 4, cost.transport);
            cost.waiting = tier_year.unmet * weeks * tier.waiting_cost_per_week * spot_price;
            pay(tier.waiting_funder, 5, cost.waiting);
            tier_year.spend = cost;

            spend.place_funding += cost.place_funding;
            spend.top_up += cost.top_up;
            spend.spot += cost.spot;
            spend.per_entry += cost.per_entry;
            spend.transport += cost.transport;
            spend.waiting += cost.waiting;
            tier_years.push(tier_year);
        }

        let year = s.timeline.year(t);
        let intervention_price = growth(m.interventions_index_pct, t);
        for iv in s.interventions.iter().filter(|iv| year >= iv.first_year) {
            let cost = iv.annual_cost * intervention_price;
            pay(iv.funder, 6, cost);
            spend.interventions += cost;
        }
        let fixed_price = growth(m.fixed_index_pct, t);
        for c in s
            .other_costs
            .iter()
            .filter(|c| (c.first_year..=c.last_year).contains(&year))
        {
            let cost = c.amount * fixed_price;
            pay(c.funder, 7, cost);
            spend.fixed += cost;
        }
        let whole_system_spend = spend.total();
        let total_spend = by_funder[Funder::HighNeeds.index()] - income;
        let high_needs = SpendByCategory::from_values(high_needs);
        let budget = s.budget.academic_year(t);
        let variance = budget - total_spend;
        let write_off = crate::money::write_off(s, year);
        cumulative_variance += variance + write_off;
        summaries.push(YearSummary {
            academic_year: year,
            spend,
            total_spend,
            whole_system_spend,
            by_funder,
            income,
            high_needs,
            budget,
            variance,
            write_off,
            cumulative_variance,
        });
    }

    let mut projection = Projection {
        years,
        tiers,
        phases,
        provider_offsets,
        providers_per_year,
        flows,
        tier_years,
        provider_years,
        summaries,
        headline: Headline::default(),
        warnings,
    };
    projection.headline = headline(&projection);
    projection
}

/// End stock and average stock over one year for a stock `s0` with constant inflow `entries` and
/// exponential stays of mean `tau` years.
pub fn stock_over_year(s0: f64, entries: f64, tau: f64) -> (f64, f64) {
    stock_with_decay(s0, entries, tau, one_minus_q(tau))
}

/// 1 − q = 1 − e^(−1/τ), computed with `exp_m1` to stay accurate for long stays where q is close
/// to 1.
pub fn one_minus_q(tau: f64) -> f64 {
    -(-1.0 / tau).exp_m1()
}

/// [`stock_over_year`] with 1 − q already known (it changes only when the stay does).
fn stock_with_decay(s0: f64, entries: f64, tau: f64, one_minus_q: f64) -> (f64, f64) {
    if tau <= 0.0 || !tau.is_finite() {
        // Validation forbids this; a stay of nothing holds nobody.
        return (0.0, 0.0);
    }
    let q = 1.0 - one_minus_q;
    let steady = entries * tau;
    let end = s0 * q + steady * one_minus_q;
    let average = steady + (s0 - steady) * tau * one_minus_q;
    (end, average.max(0.0))
}

fn fill_multipliers(s: &Scenario, r: &Resolved, t: i64, phases: usize, m: &mut [f64]) {
    m.iter_mut().for_each(|x| *x = 1.0);
    for (iv, resolved) in s.interventions.iter().zip(&r.interventions) {
        let Some((tier, phase, start)) = *resolved else {
            continue;
        };
        let share = ramp_share(t, start, iv.ramp_years);
        if share == 0.0 {
            continue;
        }
        let factor = 1.0 + share * iv.change_pct / 100.0;
        let lever = iv.target.index();
        let mut apply = |p: usize| m[(tier * phases + p) * LEVERS + lever] *= factor;
        match phase {
            Some(p) => apply(p),
            None => (0..phases).for_each(apply),
        }
    }
}

fn headline(pr: &Projection) -> Headline {
    let mut h = Headline {
        peak_places: vec![0.0; pr.tiers],
        ..Headline::default()
    };
    let mut filled = 0.0;
    let mut independent_or_spot = 0.0;
    for t in 0..pr.years {
        let y = pr.year(t);
        h.total_spend += y.total_spend;
        h.total_whole_system_spend += y.whole_system_spend;
        h.total_income += y.income;
        h.total_budget += y.budget;
        for i in 0..pr.tiers {
            let ty = pr.tier(t, i);
            h.peak_places[i] = h.peak_places[i].max(ty.places_needed);
            filled += ty.places_needed - ty.unmet;
            independent_or_spot += ty.independent + ty.spot;
            for p in 0..pr.phases {
                let f = pr.flow(t, i, p);
                h.returned_to_mainstream += f.exits_returned;
                h.permanent_exclusions += f.entries_exclusion;
            }
        }
        h.peak_total_places = h.peak_total_places.max(pr.total_places(t));
        h.peak_unmet_or_spot = h.peak_unmet_or_spot.max(pr.total_unmet_or_spot(t));
    }
    h.total_variance = h.total_budget - h.total_spend;
    h.independent_or_spot_share_pct = (filled > 0.0).then(|| 100.0 * independent_or_spot / filled);
    h
}
