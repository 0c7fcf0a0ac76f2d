//! Places needed by tier against commissioned capacity, as a chart.

use ap_engine::format::academic_year;
use ap_engine::{Projection, Scenario};
use leptos::prelude::*;

use crate::charts::places::{svg, PlacesData};
use crate::state::use_app_state;

/// Read the chart's figures from a projection.
pub fn places_data(s: &Scenario, pr: &Projection) -> PlacesData {
    PlacesData {
        years: (0..pr.years)
            .map(|t| academic_year(s.timeline.year(t)))
            .collect(),
        tiers: s
            .tiers
            .iter()
            .enumerate()
            .map(|(i, tier)| {
                let values = (0..pr.years).map(|t| pr.tier(t, i).places_needed).collect();
                (tier.name.clone(), values)
            })
            .collect(),
        capacity: (0..pr.years)
            .map(|t| (0..pr.tiers).map(|i| pr.tier(t, i).commissioned).sum())
            .collect(),
    }
}

#[component]
pub fn PlacesChart() -> impl IntoView {
    let state = use_app_state();
    // Keep the last good chart on screen while a field is invalid.
    let chart = Memo::new(move |previous: Option<&String>| {
        state.projection.with(|p| match p {
            Ok(pr) => {
                let data = state.scenario.with_untracked(|s| places_data(s, pr));
                svg(&data, 760, 380).unwrap_or_default()
            }
            Err(_) => previous.cloned().unwrap_or_default(),
        })
    });
    view! {
        <figure class="chart" aria-labelledby="places-chart-title">
            <figcaption id="places-chart-title" class="chart__title">
                "Places needed by tier, against commissioned places"
            </figcaption>
            <div class="chart__svg" role="img" aria-label="Stacked bars of places needed by tier for each academic year, with a line for commissioned places" inner_html=move || chart.get()></div>
        </figure>
    }
}
