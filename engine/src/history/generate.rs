//! Synthetic histories made by the engine itself: a scenario carried back `years` years (pupils
//! on roll by its growth, rates by its trend, no interventions) and projected over those years
//! with the projection's own stock-flow, written in the history template. With a seed, entries
//! are Poisson counts (the simulation's count noise) and the census and leavers are Poisson
//! counts around the model's figures: what an LA's records would show. The built-in examples'
//! history files are made this way (`docs/history.md`), and the tests fit them back.

use crate::project::{project_counted, project_valid};
use crate::results::Projection;
use crate::scenario::Scenario;
use crate::simulate::draw::Counts;

/// The header the generator writes: every column of the template.
pub const HEADER: &str = "year,phase,tier,pupils_on_roll,permanent_exclusions,entries_direct,\
entries_exclusion,entries_stepped_up,census_pupils,leavers_returned,leavers_stepped_up,leavers_other";

/// `s` as it stood `years` years before its first year: the same inputs, pupils on roll and
/// rates divided by `years` years of growth and trend, no interventions, overrides or ranges, and
/// a horizon of `years` (so its projection ends where `s` starts).
pub fn backcast(s: &Scenario, years: u32) -> Scenario {
    let mut b = s.clone();
    let n = years as i32;
    b.timeline.first_year = s.timeline.first_year.saturating_sub(n);
    b.timeline.horizon = years;
    b.interventions.clear();
    b.ranges.clear();
    b.workshop.clear();
    for phase in &mut b.phases {
        phase.pupils /= (1.0 + phase.growth_pct / 100.0).powi(n);
        phase.overrides.clear();
    }
    for tier in &mut b.tiers {
        let back = (1.0 + tier.trend_pct / 100.0).powi(n);
        for tp in &mut tier.phases {
            tp.referral_rate /= back;
            tp.exclusion_rate /= back;
        }
    }
    b
}

/// The projection of [`backcast`]: exact, or with entries drawn as Poisson counts from `seed`.
pub fn history_projection(s: &Scenario, years: u32, seed: Option<u64>) -> (Scenario, Projection) {
    let b = backcast(s, years);
    let pr = match seed {
        None => project_valid(&b),
        Some(seed) => {
            let mut counts = Counts::new(seed, 0);
            project_counted(&b, &mut |x| counts.poisson(x))
        }
    };
    (b, pr)
}

/// A history file for `s` over the `years` years before its first year (see the module
/// documentation): exact figures without a seed, counts with one.
pub fn synthetic_history(s: &Scenario, years: u32, seed: Option<u64>) -> String {
    let (b, pr) = history_projection(s, years, seed);
    let mut observe = seed.map(|seed| Counts::new(seed, 1));
    let mut count = |x: f64| match observe.as_mut() {
        Some(c) => c.poisson(x),
        None => x,
    };
    let exact = seed.is_none();
    let show = |v: f64| {
        if exact {
            format!("{v}")
        } else {
            format!("{}", v.round())
        }
    };
    let mut out = String::from(HEADER);
    out.push('\n');
    for t in 0..pr.years {
        let year = b.timeline.year(t);
        let label = crate::format::academic_year(year);
        // Stepped-up leavers observed in the tier below are the next tier's stepped-up entries.
        let mut stepped_in = vec![0.0; b.phases.len()];
        let mut rows = Vec::new();
        let mut exclusions = vec![0.0; b.phases.len()];
        for (i, tier) in b.tiers.iter().enumerate() {
            for (p, phase) in b.phases.iter().enumerate() {
                let has_line = tier.phases.iter().any(|tp| tp.phase == phase.id);
                let f = pr.flow(t, i, p);
                let returned = count(f.exits_returned);
                let stepped = count(f.exits_stepped_up);
                let other = count(f.exits_other);
                let census = count(f.places_needed);
                let entries_stepped = if exact {
                    f.entries_stepped_up
                } else {
                    stepped_in[p]
                };
                stepped_in[p] = stepped;
                exclusions[p] += f.entries_exclusion;
                if !has_line {
                    continue;
                }
                rows.push(format!(
                    "{label},{},{},,,{},{},{},{},{},{},{}",
                    csv_text(&phase.name),
                    csv_text(&tier.name),
                    show(f.entries_direct),
                    show(f.entries_exclusion),
                    show(entries_stepped),
                    show(census),
                    show(returned),
                    show(stepped),
                    show(other),
                ));
            }
        }
        for (p, phase) in b.phases.iter().enumerate() {
            out.push_str(&format!(
                "{label},{},,{},{},,,,,,,\n",
                csv_text(&phase.name),
                show(b.population(p, t)),
                show(exclusions[p]),
            ));
        }
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

/// A cell's text, quoted when it holds a comma, a quote or a line end.
pub fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
