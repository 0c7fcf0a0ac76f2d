//! The results panel, answer first: the headline figures beside spend against the budget; then
//! each capacity-managed tier's places against its own commissioned places (small multiples),
//! the pupils supported in school apart (never against a capacity line); then, fetched once
//! these are drawn (`lazy::results_below`), the flows between tiers for a chosen year, what
//! matters most, and the year-by-year table.

use ap_engine::simulate::Simulation;
use ap_engine::{Projection, Scenario};
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use super::headline::Headline;
use crate::charts::bars::StackedBars;
use crate::charts::data;
use crate::charts::figure::Figure;
use crate::simulation::SimulationState;
use crate::state::use_app_state;

type Plain = fn(&Scenario, &Projection) -> Option<StackedBars>;
type Banded = fn(&Scenario, &Projection, &Simulation) -> Option<StackedBars>;

#[component]
pub fn Results() -> impl IntoView {
    let state = use_app_state();
    let simulation = SimulationState::start(state);
    provide_context(simulation);
    let stale = Signal::derive(move || state.is_stale());
    // A chart with the simulation's band once it has run, without it until then.
    let banded = move |plain: Plain, with: Banded| {
        Signal::derive(move || {
            let sim = simulation.current.get();
            state.last_good.with(|g| {
                g.as_ref()
                    .and_then(|(s, pr)| match &sim {
                        Some(sim) => with(s, pr, sim),
                        None => plain(s, pr),
                    })
                    .map(Figure::from)
            })
        })
    };
    // The tiers with places to plan; the list changes only when tiers are added or re-managed.
    let managed = Memo::new(move |_| {
        state.last_good.with(|g| {
            g.as_ref()
                .map(|(s, _)| data::managed_tiers(s))
                .unwrap_or_default()
        })
    });
    let has_caseload = Memo::new(move |_| {
        state.last_good.with(|g| {
            g.as_ref()
                .is_some_and(|(s, _)| data::managed_tiers(s).len() < s.tiers.len())
        })
    });
    view! {
        <div class="results" class:results--stale=move || stale.get()>
            {move || stale.get().then(|| view! {
                <p class="stale-marker" role="status">
                    <strong>"Out of date: "</strong>
                    "these figures are from before the change that needs fixing."
                </p>
            })}
            <div class="results__top">
                <Headline/>
                <ChartFigure id="chart-spend" data=banded(|s, pr| Some(data::spend(s, pr)), |s, pr, sim| Some(data::spend_with_bands(s, pr, sim))) stale/>
            </div>
            {move || simulation.running.get().then(|| view! {
                <p class="ranges-running" role="status">"Working out the ranges…"</p>
            })}
            {move || simulation.unavailable.get().map(|e| view! {
                <p class="notice notice--warning" role="alert">{format!("The ranges could not be worked out: {e}.")}</p>
            })}
            <h3 class="results__heading">"Places by tier, against each tier's commissioned places"</h3>
            <div class="results__grid">
                // Rebuilt only when the managed tiers change (a memo): a plain list, not a keyed
                // <For>, whose diffing would add a hash map to the first load.
                {move || managed.get().into_iter().map(|i| view! {
                    <ChartFigure id=format!("chart-tier-{i}") stale data=Signal::derive(move || {
                        let sim = simulation.current.get();
                        state.last_good.with(|g| g.as_ref().and_then(|(s, pr)| match &sim {
                            Some(sim) => data::tier_places_with_bands(s, pr, sim, i),
                            None => data::tier_places(s, pr, i),
                        }).map(Figure::from))
                    })/>
                }).collect_view()}
                {move || has_caseload.get().then(|| view! {
                    <ChartFigure id="chart-caseload" data=banded(data::caseload, data::caseload_with_bands) stale/>
                })}
            </div>
            {crate::lazy::when_loaded(crate::lazy::after_first_paint(crate::lazy::results_below()))}
        </div>
    }
}
