//! The results panel: headline figures, the three charts and the year-by-year table.

use ap_engine::format::academic_year;
use ap_engine::simulate::Simulation;

use crate::charts::bars::StackedBars;
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use super::headline::Headline;
use super::results_table::ResultsTable;
use super::uncertainty::{WhatMatters, WhatWouldItTake};
use crate::charts::data;
use crate::simulation::SimulationState;
use crate::state::use_app_state;

#[component]
pub fn Results() -> impl IntoView {
    let state = use_app_state();
    let simulation = SimulationState::start(state);
    provide_context(simulation);
    let stale = Signal::derive(move || state.is_stale());
    let flow_year = RwSignal::new(0usize);
    // A chart with the simulation's band once it has run, without it until then.
    let banded = move |plain: fn(&ap_engine::Scenario, &ap_engine::Projection) -> StackedBars,
                       with: fn(
        &ap_engine::Scenario,
        &ap_engine::Projection,
        &Simulation,
    ) -> StackedBars| {
        Signal::derive(move || {
            let sim = simulation.current.get();
            state.last_good.with(|g| {
                g.as_ref().map(|(s, pr)| match &sim {
                    Some(sim) => with(s, pr, sim),
                    None => plain(s, pr),
                })
            })
        })
    };
    let years = Memo::new(move |_| {
        state.last_good.with(|g| {
            g.as_ref()
                .map(|(s, pr)| {
                    (0..pr.years)
                        .map(|t| academic_year(s.timeline.year(t)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let entries = Signal::derive(move || {
        let t = flow_year.get();
        state
            .last_good
            .with(|g| g.as_ref().map(|(s, pr)| data::entries(s, pr, t)))
    });
    let exits = Signal::derive(move || {
        let t = flow_year.get();
        state
            .last_good
            .with(|g| g.as_ref().map(|(s, pr)| data::exits(s, pr, t)))
    });
    view! {
        <div class="results" class:results--stale=move || stale.get()>
            {move || stale.get().then(|| view! {
                <p class="stale-marker" role="status">
                    <strong>"Out of date: "</strong>
                    "these figures are from before the change that needs fixing."
                </p>
            })}
            <Headline/>
            {move || simulation.running.get().then(|| view! {
                <p class="ranges-running" role="status">"Working out the ranges…"</p>
            })}
            <ChartFigure id="chart-places" data=banded(data::places, data::places_with_bands) stale/>
            <ChartFigure id="chart-spend" data=banded(data::spend, data::spend_with_bands) stale/>
            // Once simulated: each tier's places against its own capacity, with their range.
            {move || {
                let tiers = simulation.current.with(|sim| sim.as_ref().map_or(0, |s| s.tiers.len()));
                (tiers > 0).then(|| view! {
                    <div class="flows__charts">
                        {(0..tiers).map(|i| view! {
                            <ChartFigure id=format!("chart-tier-{i}") stale data=Signal::derive(move || {
                                let sim = simulation.current.get()?;
                                state.last_good.with(|g| g.as_ref().and_then(|(s, pr)| data::tier_places_with_bands(s, pr, &sim, i)))
                            })/>
                        }).collect_view()}
                    </div>
                })
            }}
            <div class="flows">
                <div class="field flows__year">
                    <label class="field__label" for="flow-year">"Year for pupil flows"</label>
                    <select class="field__select" id="flow-year"
                        on:change=move |ev| flow_year.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || years.get().into_iter().enumerate().map(|(t, y)| view! {
                            <option value=t.to_string() selected=move || flow_year.get() == t>{y}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="flows__charts">
                    <ChartFigure id="chart-entries" data=entries stale/>
                    <ChartFigure id="chart-exits" data=exits stale/>
                </div>
            </div>
            <WhatMatters/>
            <WhatWouldItTake/>
            <ResultsTable/>
            <super::money::MoneyView/>
        </div>
    }
}
