//! The figures each chart and its table show, read from a projection (nothing is computed here
//! that the engine has not already computed).

use ap_engine::format::academic_year;
use ap_engine::results::{PhaseFlow, SpendByCategory};
use ap_engine::{Projection, Scenario};

use ap_engine::simulate::{Bands, Simulation};

use super::bars::{Band, Measure, Note, RefLine, Series, StackedBars};
use super::flow::{FlowDiagram, FlowTier};
use ap_engine::history::Series as FitSeries;
use ap_engine::money::{headings, Basis, MoneyTable};
use ap_engine::scenario::{Funder, OverCapacity};

/// A named part of a tier's flows (a route in, or a destination out).
type FlowPart = (&'static str, fn(&PhaseFlow) -> f64);

fn years(s: &Scenario, pr: &Projection) -> Vec<String> {
    (0..pr.years)
        .map(|t| academic_year(s.timeline.year(t)))
        .collect()
}

/// Places needed per year in the capacity-managed tiers (the AP places), stacked by tier,
/// against commissioned places. Tiers that are not capacity-managed (support in school) need no
/// place, so they are not stacked against the line: that would show a shortfall that is not there.
pub fn places(s: &Scenario, pr: &Projection) -> StackedBars {
    StackedBars {
        title: "AP places needed by tier, against commissioned places".into(),
        categories: years(s, pr),
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: "Places (average pupils in the year)".into(),
        series: managed_tiers(s)
            .into_iter()
            .filter(|&i| i < pr.tiers)
            .map(|i| Series {
                name: s.tiers[i].name.clone(),
                values: (0..pr.years).map(|t| pr.tier(t, i).places_needed).collect(),
                colour: i,
                hatched: false,
            })
            .collect(),
        lines: vec![RefLine {
            name: "Commissioned places".into(),
            values: (0..pr.years).map(|t| pr.total_commissioned(t)).collect(),
            faint: false,
            colour: None,
        }],
        band: None,
        notes: Vec::new(),
        small: false,
    }
}

/// The first year index in which net high-needs spend exceeds the budget, if any.
pub fn over_budget_from(pr: &Projection) -> Option<usize> {
    pr.summaries.iter().position(|y| y.total_spend > y.budget)
}

/// The spend chart's line of net high-needs spend (after income): the figure the budget is set
/// against.
pub const NET_HIGH_NEEDS: &str = "Net high-needs spend";
/// The spend chart's budget line.
pub const HIGH_NEEDS_BUDGET: &str = "High-needs budget";
/// The spend chart's faint line: the same scenario without its interventions.
pub const UNMITIGATED: &str = "Net high-needs spend without interventions (unmitigated)";

/// The lines both spend charts draw over their bars: the high-needs budget, the net high-needs
/// spend and, faint, the net spend without the interventions (when there is one to show).
fn budget_lines(budget: Vec<f64>, net: Vec<f64>, unmitigated: Option<Vec<f64>>) -> Vec<RefLine> {
    let mut lines = vec![
        RefLine {
            name: HIGH_NEEDS_BUDGET.into(),
            values: budget,
            faint: false,
            colour: None,
        },
        RefLine {
            name: NET_HIGH_NEEDS.into(),
            values: net,
            faint: false,
            colour: Some(5),
        },
    ];
    lines.extend(unmitigated.map(|values| RefLine {
        name: UNMITIGATED.into(),
        values,
        faint: true,
        colour: None,
    }));
    lines
}

/// High-needs spend by category per year against the high-needs budget, with the net spend
/// after income and, when the scenario has interventions, the unmitigated net spend as a faint
/// line; the budget's last value is written at the end of its line and the first year over
/// budget marked. Spend paid by schools, grants or other budgets is in the Money view, not here.
pub fn spend(s: &Scenario, pr: &Projection) -> StackedBars {
    let by_year: Vec<[f64; 8]> = pr.summaries.iter().map(|y| y.high_needs.values()).collect();
    let unmitigated = (!s.interventions.is_empty()).then(|| {
        let un = ap_engine::money::unmitigated(s);
        un.summaries.iter().map(|y| y.total_spend).collect()
    });
    let lines = budget_lines(
        pr.summaries.iter().map(|y| y.budget).collect(),
        pr.summaries.iter().map(|y| y.total_spend).collect(),
        unmitigated,
    );
    let mut notes = Vec::new();
    if let Some((last, y)) = pr.summaries.iter().enumerate().next_back() {
        notes.push(Note {
            category: last,
            value: y.budget,
            text: format!("Budget {}", ap_engine::format::money(y.budget)),
            rule: false,
        });
    }
    if let Some(t) = over_budget_from(pr) {
        notes.push(Note {
            category: t,
            value: pr.summaries[t].budget,
            text: format!("Over budget from {}", academic_year(s.timeline.year(t))),
            rule: true,
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
                hatched: false,
            })
            .filter(|series| series.values.iter().any(|v| *v != 0.0))
            .collect(),
        lines,
        band: None,
        notes,
        small: false,
    }
}

/// Entries by route for each tier in year index `t` (superseded by [`flows`]).
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
                hatched: false,
            })
            .collect(),
        lines: vec![],
        band: None,
        notes: Vec::new(),
        small: false,
    }
}

/// Exits by destination for each tier in year index `t` (superseded by [`flows`]).
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
                hatched: false,
            })
            .collect(),
        lines: vec![],
        band: None,
        notes: Vec::new(),
        small: false,
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
        notes: Vec::new(),
        small: false,
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
    // Percentiles do not add across tiers: the simulation keeps the spread of each tier and of
    // all tiers together, so a band is drawn only where one of those is the stack shown.
    let managed = managed_tiers(s);
    let bands: Option<Vec<Bands>> = match managed[..] {
        [i] => sim.tiers.get(i).map(|b| b.places_needed.clone()),
        _ if managed.len() == s.tiers.len() => Some(sim.total_places.clone()),
        _ => None,
    };
    chart.band = bands.map(|b| band("AP places needed", &b));
    chart
}

/// The AP places needed each year: the total of the capacity-managed tiers (what
/// [`places`] stacks).
pub fn ap_places(s: &Scenario, pr: &Projection) -> Vec<f64> {
    let managed = managed_tiers(s);
    (0..pr.years)
        .map(|t| {
            managed
                .iter()
                .filter(|&&i| i < pr.tiers)
                .map(|&i| pr.tier(t, i).places_needed)
                .sum()
        })
        .collect()
}

/// Spend by category, with the spread of total spend over the simulation.
pub fn spend_with_bands(s: &Scenario, pr: &Projection, sim: &Simulation) -> StackedBars {
    let mut chart = spend(s, pr);
    chart.band = Some(band(NET_HIGH_NEEDS, &sim.spend));
    chart
}

/// Whether tier `i` has places to fill (its demand above them is bought or waits), rather than
/// being a caseload served without a place limit (Tier 1 support in school).
fn is_managed(s: &Scenario, i: usize) -> bool {
    s.tiers
        .get(i)
        .is_some_and(|t| t.over_capacity != OverCapacity::NotManaged)
}

/// The capacity-managed tiers, in tier order: one places chart each.
pub fn managed_tiers(s: &Scenario) -> Vec<usize> {
    (0..s.tiers.len()).filter(|&i| is_managed(s, i)).collect()
}

/// The first year index with the largest of `values` (none when there are no values).
fn peak(values: &[f64]) -> Option<usize> {
    values
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (t, &v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((t, v)),
        })
        .map(|(t, _)| t)
}

/// One capacity-managed tier's places needed against its own commissioned places: the places
/// filled within them, the part not in them (bought as spot places or left waiting) hatched,
/// the tier's commissioned places as a line, and the peak year's figure written on the chart.
/// The hatched part is the engine's spot or unmet figure: usually the demand above the line, but
/// a tier whose providers serve one phase each can have pupils of one phase without a place
/// while places for the other phase stand empty, so it can show below the line too; hence "not
/// in commissioned places" rather than "above".
/// `None` for a tier that is not capacity-managed (see [`caseload`]) or does not exist.
pub fn tier_places(s: &Scenario, pr: &Projection, i: usize) -> Option<StackedBars> {
    if !is_managed(s, i) || i >= pr.tiers {
        return None;
    }
    let tier = &s.tiers[i];
    let years = years(s, pr);
    let year = |t: usize| pr.tier(t, i);
    let needed: Vec<f64> = (0..pr.years).map(|t| year(t).places_needed).collect();
    let within: Vec<f64> = (0..pr.years).map(|t| year(t).occupied).collect();
    let above: Vec<f64> = (0..pr.years)
        .map(|t| year(t).spot + year(t).unmet)
        .collect();
    let commissioned: Vec<f64> = (0..pr.years).map(|t| year(t).commissioned).collect();
    let above_name = match tier.over_capacity {
        OverCapacity::WaitingList => "Not in commissioned places: waiting",
        _ => "Not in commissioned places: bought as spot places",
    };
    let mut notes = Vec::new();
    if let Some(t) = peak(&needed) {
        let mut text = format!(
            "Peak {}: {} places",
            years[t],
            ap_engine::format::count(needed[t])
        );
        if let Some(a) = peak(&above).filter(|&a| above[a] >= 0.5) {
            let short = ap_engine::format::count(above[a]);
            if a == t {
                text.push_str(&format!(", {short} not in commissioned places"));
            } else {
                text.push_str(&format!(
                    "; most not in commissioned places: {short} in {}",
                    years[a]
                ));
            }
        }
        notes.push(Note {
            category: t,
            value: needed[t].max(commissioned[t]),
            text,
            rule: false,
        });
    }
    Some(StackedBars {
        title: format!("{}: places needed against commissioned places", tier.name),
        categories: years,
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: "Places (average pupils in the year)".into(),
        series: vec![
            Series {
                name: "Places filled within commissioned places".into(),
                values: within,
                colour: i,
                hatched: false,
            },
            Series {
                name: above_name.into(),
                values: above,
                // Vermilion, or orange for the tier that is itself vermilion.
                colour: if i % 7 == 5 { 1 } else { 5 },
                hatched: true,
            },
        ],
        lines: vec![RefLine {
            name: "Commissioned places".into(),
            values: commissioned,
            faint: false,
            colour: None,
        }],
        band: None,
        notes,
        small: true,
    })
}

/// [`tier_places`] with the spread of the tier's places needed over the simulation.
pub fn tier_places_with_bands(
    s: &Scenario,
    pr: &Projection,
    sim: &Simulation,
    i: usize,
) -> Option<StackedBars> {
    let mut chart = tier_places(s, pr, i)?;
    let bands = sim.tiers.get(i)?;
    chart.title = format!(
        "{}: places needed against commissioned places, with their range",
        s.tiers[i].name
    );
    chart.band = Some(band("Places needed", &bands.places_needed));
    Some(chart)
}

/// The tiers that are not capacity-managed (support in school) as pupils supported, one series
/// each, with no capacity line: they have no places to fall short of. `None` if every tier is
/// capacity-managed.
pub fn caseload(s: &Scenario, pr: &Projection) -> Option<StackedBars> {
    let tiers: Vec<usize> = (0..s.tiers.len().min(pr.tiers))
        .filter(|&i| !is_managed(s, i))
        .collect();
    let first = *tiers.first()?;
    let years = years(s, pr);
    let series: Vec<Series> = tiers
        .iter()
        .map(|&i| Series {
            name: s.tiers[i].name.clone(),
            values: (0..pr.years).map(|t| pr.tier(t, i).places_needed).collect(),
            colour: i,
            hatched: false,
        })
        .collect();
    let totals: Vec<f64> = (0..pr.years)
        .map(|t| tiers.iter().map(|&i| pr.tier(t, i).places_needed).sum())
        .collect();
    let notes = peak(&totals)
        .map(|t| Note {
            category: t,
            value: totals[t],
            text: format!(
                "Peak {}: {} pupils",
                years[t],
                ap_engine::format::count(totals[t])
            ),
            rule: false,
        })
        .into_iter()
        .collect();
    Some(StackedBars {
        title: if tiers.len() == 1 {
            format!("{}: pupils supported (no place limit)", s.tiers[first].name)
        } else {
            "Pupils supported in tiers without a place limit".into()
        },
        categories: years,
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: "Pupils supported (average in the year)".into(),
        series,
        lines: Vec::new(),
        band: None,
        notes,
        small: true,
    })
}

/// [`caseload`] with the spread of pupils supported over the simulation. The simulation keeps
/// a spread per tier, and percentiles do not add across tiers, so the band is drawn only when
/// there is one such tier.
pub fn caseload_with_bands(s: &Scenario, pr: &Projection, sim: &Simulation) -> Option<StackedBars> {
    let mut chart = caseload(s, pr)?;
    let tiers: Vec<usize> = (0..s.tiers.len()).filter(|&i| !is_managed(s, i)).collect();
    if let [i] = tiers[..] {
        if let Some(bands) = sim.tiers.get(i) {
            chart.title = format!(
                "{}: pupils supported (no place limit), with their range",
                s.tiers[i].name
            );
            chart.band = Some(band("Pupils supported", &bands.places_needed));
        }
    }
    Some(chart)
}

/// How pupils move into, between and out of the tiers in year index `t` (the last year if `t`
/// is past it), every figure the projection's own.
pub fn flows(s: &Scenario, pr: &Projection, t: usize) -> FlowDiagram {
    let t = t.min(pr.years.saturating_sub(1));
    let n = s.tiers.len().min(pr.tiers);
    let year = if pr.years == 0 {
        String::new()
    } else {
        academic_year(s.timeline.year(t))
    };
    let flow: Vec<PhaseFlow> = (0..n)
        .map(|i| {
            if pr.years == 0 {
                PhaseFlow::default()
            } else {
                pr.tier_flow(t, i)
            }
        })
        .collect();
    FlowDiagram {
        title: format!("Pupils moving into, between and out of the tiers in {year}"),
        year,
        routes: FlowDiagram::ROUTES.iter().map(|r| (*r).into()).collect(),
        destinations: FlowDiagram::DESTINATIONS
            .iter()
            .map(|d| (*d).into())
            .collect(),
        tiers: (0..n)
            .map(|i| FlowTier {
                name: s.tiers[i].name.clone(),
                colour: i,
                start: flow[i].start,
                end: flow[i].end,
            })
            .collect(),
        entries: vec![
            flow.iter().map(|f| f.entries_direct).collect(),
            flow.iter().map(|f| f.entries_exclusion).collect(),
        ],
        // Pupils stepped up out of tier i are the ones stepped up into tier i + 1.
        step_ups: flow
            .iter()
            .take(n.saturating_sub(1))
            .map(|f| f.exits_stepped_up)
            .collect(),
        exits: flow
            .iter()
            .map(|f| vec![f.exits_returned, f.exits_other])
            .collect(),
    }
}

/// Spend by funder against the high-needs budget, with the net high-needs spend and, faint, the
/// unmitigated net spend.
pub fn money(table: &MoneyTable) -> StackedBars {
    let funders = [
        (Funder::HighNeeds, "High-needs block"),
        (Funder::Schools, "Schools"),
        (Funder::Grant, "Grants"),
        (Funder::Other, "Other budgets"),
        (Funder::Council, "Council (general fund)"),
    ];
    StackedBars {
        title: format!(
            "Spend by who pays it, against the high-needs budget ({})",
            table.basis.label().to_lowercase()
        ),
        categories: headings(table),
        category_axis: match table.basis {
            Basis::Academic => "Academic year".into(),
            Basis::Financial => "Financial year".into(),
        },
        measure: Measure::Money,
        value_axis: "Spend (£, each year's prices)".into(),
        series: funders
            .iter()
            .enumerate()
            .map(|(c, (f, name))| Series {
                name: (*name).into(),
                values: table.rows.iter().map(|r| r.by_funder[f.index()]).collect(),
                colour: c,
                hatched: false,
            })
            .filter(|s| s.values.iter().any(|v| *v != 0.0))
            .collect(),
        lines: budget_lines(
            table.rows.iter().map(|r| r.budget).collect(),
            table.rows.iter().map(|r| r.net).collect(),
            Some(table.rows.iter().map(|r| r.unmitigated_net).collect()),
        ),
        band: None,
        notes: Vec::new(),
        small: false,
    }
}

/// Actual against fitted for one series, as a two-line chart (each line with its own marker).
pub fn fit_series(series: &FitSeries) -> StackedBars {
    let years = series
        .points
        .iter()
        .map(|p| academic_year(p.year))
        .collect();
    let line = |name: &str, values: Vec<f64>, n: usize| RefLine {
        name: name.into(),
        values,
        faint: false,
        colour: Some(n),
    };
    StackedBars {
        title: series.title(),
        categories: years,
        category_axis: "Academic year".into(),
        measure: Measure::Pupils,
        value_axis: series.kind.label().into(),
        series: vec![],
        lines: vec![
            line(
                "Actual",
                series.points.iter().map(|p| p.actual).collect(),
                0,
            ),
            line(
                "Fitted",
                series.points.iter().map(|p| p.fitted).collect(),
                1,
            ),
        ],
        band: None,
        notes: Vec::new(),
        small: true,
    }
}
