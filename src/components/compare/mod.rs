//! Compare two to four scenarios against a baseline: places and spend per year on one chart
//! each, then each scenario against the baseline. Every figure shown or exported is read from one
//! engine [`Comparison`], so the charts, the tables and the files cover the same years (the
//! baseline's; see `ap_engine::compare`).
//!
//! - `picker.rs`: what can be compared, choosing two to four scenarios and the baseline;
//! - `case.rs`: one scenario against the baseline (cards, year-by-year table, inputs that differ);
//! - `actions.rs`: sharing the comparison as a link and exporting it as CSV or Excel.

mod actions;
mod case;
mod picker;

use ap_engine::compare::Comparison;
use ap_engine::diff::differences;
use ap_engine::format::academic_year;
use ap_engine::link::SharedComparison;
use ap_engine::simulate::simulate_comparison;
use ap_engine::{Projection, Scenario};
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use crate::charts::bars::Measure;
use crate::charts::data::compared;
use crate::charts::figure::Figure;
use crate::state::use_app_state;
use actions::Actions;
use case::Case;
use picker::{Choice, Picker};

#[component]
pub fn CompareView(
    /// A comparison opened from a link: only its scenarios, read-only.
    #[prop(optional)]
    shared: Option<SharedComparison>,
) -> impl IntoView {
    let is_shared = shared.is_some();
    let choice = Choice::new(use_app_state(), shared.as_ref());
    // The one comparison everything below reads; `None` while there is a problem to show.
    let comparison = Memo::new(move |_| {
        if choice.problem().is_some() {
            return None;
        }
        let baseline = choice.baseline_index();
        choice.selected.with(|sel| {
            let projected: Vec<(&Scenario, &Projection)> = sel
                .iter()
                .filter_map(|c| c.projection.as_ref().map(|p| (&c.scenario, p)))
                .collect();
            Some(Comparison::new(baseline, &projected))
        })
    });
    let chart = move |measure: Measure| {
        Signal::derive(move || {
            comparison.with(|c| {
                let c = c.as_ref()?;
                let years = c.years.iter().map(|&y| academic_year(y)).collect();
                // With no problem every chosen scenario projects, so they line up one to one.
                let lines = choice.selected.with(|sel| {
                    c.scenarios
                        .iter()
                        .zip(sel)
                        .map(|(s, chosen)| {
                            let values = match measure {
                                Measure::Pupils => s.places(),
                                Measure::Money => s.spend(),
                            };
                            (chosen.label.clone(), values)
                        })
                        .collect()
                });
                Some(Figure::from(match measure {
                    Measure::Pupils => compared(
                        "Places needed per year, all tiers",
                        measure,
                        "Places (average pupils in the year)",
                        years,
                        lines,
                    ),
                    Measure::Money => compared(
                        "Spend per year",
                        measure,
                        "Spend (£, each year's prices)",
                        years,
                        lines,
                    ),
                }))
            })
        })
    };
    // The same comparison over the simulation's draws, when any scenario compared has ranges.
    let paired = Memo::new(move |_| {
        if comparison.with(Option::is_none) {
            return None;
        }
        let baseline = choice.baseline_index();
        choice.selected.with(|sel| {
            let scenarios: Vec<&Scenario> = sel.iter().map(|c| &c.scenario).collect();
            if scenarios.iter().all(|s| s.ranges.is_empty()) {
                return None;
            }
            let draws = scenarios.get(baseline)?.simulation.draws as usize;
            simulate_comparison(baseline, &scenarios, draws).ok()
        })
    });
    let cases = move || {
        let paired = paired.get();
        comparison.with(|c| {
            let Some(c) = c else {
                return Vec::new();
            };
            choice.selected.with(|sel| {
                let Some(base) = sel.get(c.baseline) else {
                    return Vec::new();
                };
                c.scenarios
                    .iter()
                    .zip(sel)
                    .enumerate()
                    .filter_map(|(n, (s, chosen))| {
                        Some((
                            base.label.clone(),
                            chosen.label.clone(),
                            s.case.clone()?,
                            differences(&base.scenario, &chosen.scenario),
                            chosen
                                .scenario
                                .tiers
                                .last()
                                .map(|t| t.name.clone())
                                .unwrap_or_default(),
                            paired.as_ref().and_then(|p| p.get(n).cloned().flatten()),
                            (base.scenario.clone(), chosen.scenario.clone()),
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="panel compare" aria-labelledby="compare-title">
            <h2 id="compare-title" class="panel__title">{if is_shared { "Shared comparison" } else { "Compare scenarios" }}</h2>
            {is_shared.then(|| view! {
                <p class="shared-banner">"Opened from a link, read-only. Nothing in your saved scenarios has changed."</p>
            })}
            <Picker choice/>
            {move || choice.problem().map(|p| view! { <p class="notice notice--warning" role="status">{p}</p> })}
            <Actions choice comparison/>
            <div class="flows__charts">
                <ChartFigure id="compare-places" data=chart(Measure::Pupils) stale=false/>
                <ChartFigure id="compare-spend" data=chart(Measure::Money) stale=false/>
            </div>
            {move || cases().into_iter().map(|(base, label, case, diffs, last_tier, paired, scenarios)| view! {
                <Case base label case diffs last_tier paired scenarios/>
            }).collect_view()}
        </section>
    }
}
