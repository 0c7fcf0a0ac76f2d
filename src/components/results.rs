//! The results panel: headline figures, the three charts and the year-by-year table.

use ap_engine::format::academic_year;
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use super::headline::Headline;
use super::results_table::ResultsTable;
use crate::charts::data;
use crate::state::use_app_state;

#[component]
pub fn Results() -> impl IntoView {
    let state = use_app_state();
    let stale = Signal::derive(move || state.is_stale());
    let flow_year = RwSignal::new(0usize);
    let chart = move |f: fn(
        &ap_engine::Scenario,
        &ap_engine::Projection,
    ) -> crate::charts::bars::StackedBars| {
        Signal::derive(move || state.last_good.with(|g| g.as_ref().map(|(s, pr)| f(s, pr))))
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
            <ChartFigure id="chart-places" data=chart(data::places) stale/>
            <ChartFigure id="chart-spend" data=chart(data::spend) stale/>
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
            <ResultsTable/>
        </div>
    }
}
