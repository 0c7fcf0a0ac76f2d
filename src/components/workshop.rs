//! Workshop mode: a full-screen view for a projector. Large type, the two main charts with the
//! starting scenario as a faint dashed line, the headline figures, and a few big sliders. Moving
//! a slider changes a copy of the scenario, never the one it started from.

use ap_engine::fields::Unit;
use ap_engine::format::{against_budget, count, money, plain};
use ap_engine::simulate::Simulation;
use ap_engine::workshop::suggested;
use ap_engine::{project, Projection, Scenario};
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use crate::charts::bars::{RefLine, StackedBars};
use crate::charts::data;
use crate::charts::figure::Figure;
use crate::session;
use crate::simulation::SimulationState;
use crate::state::use_app_state;

/// Draws while a slider is being dragged: enough for the bands' shape, quick enough to follow.
const DRAGGING_DRAWS: usize = 300;

#[component]
pub fn Workshop(on_leave: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let start: Scenario = state.scenario.get_untracked();
    let levers = if start.workshop.is_empty() {
        suggested(&start)
    } else {
        start.workshop.clone()
    };
    let live = RwSignal::new(start.clone());
    let start_projection = project(&start).ok();
    let projection = Memo::new(move |_| live.with(project).ok());
    // Ranges follow the sliders: fewer draws while one is being dragged, the full run on release.
    let dragging = RwSignal::new(false);
    let simulation = SimulationState::start_on(
        Signal::derive(move || projection.with(Option::is_some).then(|| live.get())),
        Signal::derive(move || dragging.get().then_some(DRAGGING_DRAWS)),
    );

    let baseline_places: Option<Vec<f64>> = start_projection
        .as_ref()
        .map(|pr| data::ap_places(&start, pr));
    let baseline_spend: Option<Vec<f64>> = start_projection
        .as_ref()
        .map(|pr| pr.summaries.iter().map(|y| y.total_spend).collect());
    // A chart of the live scenario (with its bands once simulated) and the starting scenario's
    // line, faint and dashed.
    type Plain = fn(&Scenario, &Projection) -> StackedBars;
    type Banded = fn(&Scenario, &Projection, &Simulation) -> StackedBars;
    let chart = move |plain: Plain, banded: Banded, start: Option<Vec<f64>>, name: &'static str| {
        Signal::derive(move || {
            projection.with(|p| {
                p.as_ref().map(|pr| {
                    let mut chart = simulation.current.with(|sim| {
                        live.with(|s| match sim {
                            Some(sim) => banded(s, pr, sim),
                            None => plain(s, pr),
                        })
                    });
                    if let Some(values) = start.clone() {
                        chart.lines.push(RefLine {
                            name: name.into(),
                            values,
                            faint: true,
                            colour: None,
                        });
                    }
                    Figure::from(chart)
                })
            })
        })
    };
    let places = chart(
        data::places,
        data::places_with_bands,
        baseline_places,
        "Starting scenario",
    );
    let spend = chart(
        data::spend,
        data::spend_with_bands,
        baseline_spend,
        "Starting scenario's spend",
    );
    let figure = move |f: fn(&ap_engine::results::Headline) -> String| {
        move || {
            projection.with(|p| {
                p.as_ref()
                    .map(|pr| f(&pr.headline))
                    .unwrap_or_else(|| "–".into())
            })
        }
    };
    let start_for_reset = start.clone();
    // Move focus into the view so the keyboard (and Esc) work at once.
    let title = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(el) = title.get() {
            let _ = el.focus();
        }
    });
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_leave.run(());
        }
    };
    view! {
        <div class="workshop" role="dialog" aria-modal="true" aria-labelledby="workshop-title" on:keydown=keydown>
            <div class="workshop__bar">
                <h2 id="workshop-title" class="workshop__title" tabindex="-1" node_ref=title>{format!("Workshop: {}", start.meta.name)}</h2>
                <div class="toolbar">
                    <button type="button" class="button button--secondary" on:click=move |_| live.set(start_for_reset.clone())>"Reset"</button>
                    <button type="button" class="button"
                        on:click=move |_| {
                            let mut kept = live.get_untracked();
                            kept.meta.name = format!("{} (workshop)", kept.meta.name);
                            session::add_and_open(state, kept, "The workshop scenario");
                            on_leave.run(());
                        }>"Keep this as a scenario"</button>
                    <button type="button" class="button button--secondary" aria-keyshortcuts="Escape"
                        on:click=move |_| on_leave.run(())>"Leave workshop (Esc)"</button>
                </div>
            </div>
            <dl class="workshop__figures">
                <div class="card"><dt class="card__label">"High-needs spend"</dt><dd class="card__value" data-testid="workshop-spend">{figure(|h| money(h.total_spend))}</dd></div>
                <div class="card"><dt class="card__label">"Against the high-needs budget"</dt><dd class="card__value">{figure(|h| against_budget(h.total_variance))}</dd></div>
                <div class="card"><dt class="card__label">"Peak places needed"</dt><dd class="card__value" data-testid="workshop-places">{figure(|h| count(h.peak_total_places))}</dd></div>
            </dl>
            <div class="workshop__charts">
                <ChartFigure id="workshop-places" data=places stale=false/>
                <ChartFigure id="workshop-spend" data=spend stale=false/>
            </div>
            <div class="workshop__levers">
                {levers.into_iter().enumerate().map(|(n, lever)| {
                    let field = lever.field;
                    let value = Memo::new(move |_| live.with(|s| field.number(s)).unwrap_or(0.0));
                    let id = format!("lever-{n}");
                    // Pounds read as money (£1.2m); every other unit as a plain number.
                    let is_money = field.spec().unit() == Some(Unit::Pounds);
                    let show = move |v: f64| if is_money { money(v) } else { plain(v, 2) };
                    view! {
                        <div class="lever">
                            <label class="lever__label" for=id.clone()>{lever.label.clone()}</label>
                            <output class="lever__value" for=id.clone()>{move || show(value.get())}</output>
                            <input class="lever__input" type="range" id=id
                                min=lever.min max=lever.max step=lever.step
                                prop:value=move || value.get().to_string()
                                on:change=move |_| dragging.set(false)
                                on:input=move |ev| {
                                    dragging.set(true);
                                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                        // The lever's input exists (validation checked it), so
                                        // setting it cannot fail; if it did, nothing changes.
                                        live.update(|s| { let _ = field.set_number(s, v); });
                                    }
                                }/>
                            <span class="lever__range">{format!("{} to {}", show(lever.min), show(lever.max))}</span>
                        </div>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
