//! Pupils moving into, between and out of the tiers in a chosen year, as a flow diagram. Below
//! the first screen, so it comes with the results below the charts (`lazy::results_below`), and
//! the flow diagram's drawing code with it.

use ap_engine::format::academic_year;
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use crate::charts::data;
use crate::charts::figure::Figure;
use crate::state::use_app_state;

#[component]
pub fn Flows() -> impl IntoView {
    let state = use_app_state();
    let stale = Signal::derive(move || state.is_stale());
    let flow_year = RwSignal::new(0usize);
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
    let flows = Signal::derive(move || {
        let t = flow_year.get();
        state.last_good.with(|g| {
            g.as_ref()
                .map(|(s, pr)| Figure::from(data::flows(s, pr, t)))
        })
    });
    view! {
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
            <ChartFigure id="chart-flows" data=flows stale/>
        </div>
    }
}
