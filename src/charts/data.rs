//! The figures each chart and its table show, read from a projection (nothing is computed here
//! that the engine has not already computed).

use ap_engine::format::academic_year;
use ap_engine::results::{PhaseFlow, SpendByCategory};
use ap_engine::{Projection, Scenario};

use ap_engine::simulate::{Bands, Simulation};

use super::bars::{Band, Measure, RefLine, Series, StackedBars};

/// A named part of a tier's flows (a route in, or a destination out).
type FlowPart = (&'static str, fn(&PhaseFlow) -> f64);

fn years(s: &Scenario, pr: &Projection) -> Vec<String> {
    (0..pr.years)
        .map(|t| academic_year(s.timeline.year(t)))
        .collect()
}

/// Places needed by tier per year against commissioned places.
pub fn places(s: &Scenario, pr: &Projection) -> StackedBars {
    StackedBars {
        title: "Places needed by tier, against commissioned places".into(),
        categories: years(s, pr),
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: "Places (average pupils in the year)".into(),
        series: s
            .tiers
            .iter()
            .enumerate()
            .map(|(i, tier)| Series {
                name: tier.name.clone(),
                values: (0..pr.years).map(|t| pr.tier(t, i).places_needed).collect(),
                colour: i,
            })
            .collect(),
        lines: vec![RefLine {
            name: "Commissioned places".into(),
            values: (0..pr.years).map(|t| pr.total_commissioned(t)).collect(),
            faint: false,
            colour: None,
        }],
        band: None,
    }
}

/// The spend chart's line of net high-needs spend (after income): the figure the budget is set
/// against.
pub const NET_HIGH_NEEDS: &str = "Net high-needs spend";
/// The spend chart's budget line.
pub const HIGH_NEEDS_BUDGET: &str = "High-needs budget";
/// The spend chart's faint line: the same scenario without its interventions.
pub const UNMITIGATED: &str = "Net high-needs spend without interventions (unmitigated)";

/// High-needs spend by category per year against the high-needs budget, with the net spend
/// after income and, when the scenario has interventions, the unmitigated net spend as a faint
/// line. Spend paid by schools, grants or other budgets is in the Money view, not here.
pub fn spend(s: &Scenario, pr: &Projection) -> StackedBars {
    let by_year: Vec<[f64; 8]> = pr.summaries.iter().map(|y| y.high_needs.values()).collect();
    let mut lines = vec![
        RefLine {
            name: HIGH_NEEDS_BUDGET.into(),
            values: pr.summaries.iter().map(|y| y.budget).collect(),
            faint: false,
            colour: None,
        },
        RefLine {
            name: NET_HIGH_NEEDS.into(),
            values: pr.summaries.iter().map(|y| y.total_spend).collect(),
            faint: false,
            colour: Some(1),
        },
    ];
    if !s.interventions.is_empty() {
        let un = ap_engine::money::unmitigated(s);
        lines.push(RefLine {
            name: UNMITIGATED.into(),
            values: un.summaries.iter().map(|y| y.total_spend).collect(),
            faint: true,
            colour: None,
        });
    }
    StackedBars {
        title: "High-needs spend by category, against the high-needs budget".into(),
        categories: years(s, pr),
        category_axis: "Academic year".into(),
        measure: Measure::Money,
        value_axis: "Spend (£, each year's prices)".into(),
        series: SpendByCategory::LABELS
            .iter()
            .enumerate()
            .map(|(c, label)| Series {
                name: (*label).into(),
                values: by_year.iter().map(|v| v[c]).collect(),
                colour: c,
            })
            .filter(|series| series.values.iter().any(|v| *v != 0.0))
            .collect(),
        lines,
        band: None,
    }
}

/// Entries by route for each tier in year index `t`.
pub fn entries(s: &Scenario, pr: &Projection, t: usize) -> StackedBars {
    let t = t.min(pr.years.saturating_sub(1));
    let routes: [FlowPart; 3] = [
        ("Referred directly", |f| f.entries_direct),
        ("Via permanent exclusion", |f| f.entries_exclusion),
        ("Stepped up from the tier below", |f| f.entries_stepped_up),
    ];
    StackedBars {
        title: format!(
            "Pupils entering each tier in {}",
            academic_year(s.timeline.year(t))
        ),
        categories: s.tiers.iter().map(|t| t.name.clone()).collect(),
        category_axis: "Tier".into(),
        measure: Measure::Pupils,
        value_axis: "Pupils entering in the year".into(),
        series: routes
            .iter()
            .enumerate()
            .map(|(r, (name, f))| Series {
                name: (*name).into(),
                values: (0..pr.tiers).map(|i| f(&pr.tier_flow(t, i))).collect(),
                colour: r,
            })
            .collect(),
        lines: vec![],
        band: None,
    }
}

/// Exits by destination for each tier in year index `t`.
pub fn exits(s: &Scenario, pr: &Projection, t: usize) -> StackedBars {
    let t = t.min(pr.years.saturating_sub(1));
    let destinations: [FlowPart; 3] = [
        ("Returned to mainstream", |f| f.exits_returned),
        ("Stepped up to the next tier", |f| f.exits_stepped_up),
        ("Other destinations", |f| f.exits_other),
    ];
    StackedBars {
        title: format!(
            "Pupils leaving each tier in {}",
            academic_year(s.timeline.year(t))
        ),
        categories: s.tiers.iter().map(|t| t.name.clone()).collect(),
        category_axis: "Tier".into(),
        measure: Measure::Pupils,
        value_axis: "Pupils leaving in the year".into(),
        series: destinations
            .iter()
            .enumerate()
            .map(|(d, (name, f))| Series {
                name: (*name).into(),
                values: (0..pr.tiers).map(|i| f(&pr.tier_flow(t, i))).collect(),
                colour: d + 3,
            })
            .collect(),
        lines: vec![],
        band: None,
    }
}

/// One measure per year for several scenarios, one line each (the comparison charts).
pub fn compared(
    title: &str,
    measure: Measure,
    value_axis: &str,
    years: Vec<String>,
    lines: Vec<(String, Vec<f64>)>,
) -> StackedBars {
    StackedBars {
        title: title.into(),
        categories: years,
        category_axis: "Academic year".into(),
        measure,
        value_axis: value_axis.into(),
        series: vec![],
        lines: lines
            .into_iter()
            .enumerate()
            .map(|(n, (name, values))| RefLine {
                name,
                values,
                faint: false,
                colour: Some(n),
            })
            .collect(),
        band: None,
    }
}

/// A simulation's spread of one figure per year as a chart band.
pub fn band(name: &str, bands: &[Bands]) -> Band {
    let pick = |f: fn(&Bands) -> f64| bands.iter().map(f).collect();
    Band {
        name: name.into(),
        p10: pick(|b| b.p10),
        p25: pick(|b| b.p25),
        p50: pick(|b| b.p50),
        p75: pick(|b| b.p75),
        p90: pick(|b| b.p90),
    }
}

/// Places needed by tier, with the spread of all tiers' places over the simulation.
pub fn places_with_bands(s: &Scenario, pr: &Projection, sim: &Simulation) -> StackedBars {
    let mut chart = places(s, pr);
    let totals: Vec<Bands> = (0..pr.years)
        .map(|t| {
            // Percentiles do not add across tiers; the band is of the total, drawn per year.
            sim.total_places.get(t).copied().unwrap_or_default()
        })
        .collect();
    chart.band = Some(band("Places needed in all tiers", &totals));
    chart
}

/// Spend by category, with the spread of total spend over the simulation.
pub fn spend_with_bands(s: &Scenario, pr: &Projection, sim: &Simulation) -> StackedBars {
    let mut chart = spend(s, pr);
    chart.band = Some(band(NET_HIGH_NEEDS, &sim.spend));
    chart
}

/// One tier's places needed against its own commissioned places, with the spread of its places
/// over the simulation. A tier that is not capacity-managed (support in school) has no places
/// to compare with, so it gets no commissioned line.
pub fn tier_places_with_bands(
    s: &Scenario,
    pr: &Projection,
    sim: &Simulation,
    i: usize,
) -> Option<StackedBars> {
    let tier = s.tiers.get(i)?;
    let bands = sim.tiers.get(i)?;
    let managed = tier.over_capacity != ap_engine::scenario::OverCapacity::NotManaged;
    Some(StackedBars {
        title: format!("{}: places needed, with their range", tier.name),
        categories: years(s, pr),
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: if managed {
            "Places (average pupils in the year)".into()
        } else {
            "Pupils supported (average in the year)".into()
        },
        series: vec![Series {
            name: if managed {
                "Places needed".into()
            } else {
                "Pupils supported in school".into()
            },
            values: (0..pr.years).map(|t| pr.tier(t, i).places_needed).collect(),
            colour: i,
        }],
        lines: if managed {
            vec![RefLine {
                name: "Commissioned places".into(),
                values: (0..pr.years).map(|t| pr.tier(t, i).commissioned).collect(),
                faint: false,
                colour: None,
            }]
        } else {
            Vec::new()
        },
        band: Some(band(
            if managed {
                "Places needed"
            } else {
                "Pupils supported"
            },
            &bands.places_needed,
        )),
    })
}
