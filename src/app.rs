//! The page: header, toolbar, error summary, the assumptions beside the results.

use ap_engine::examples;
use leptos::prelude::*;

use crate::components::error_summary::ErrorSummary;
use crate::components::inputs::costs::CostsAndBudget;
use crate::components::inputs::interventions::Interventions;
use crate::components::inputs::providers::Providers;
use crate::components::inputs::tiers::Tiers;
use crate::components::inputs::timeline::TimelineAndPupils;
use crate::components::print_summary::PrintSummary;
use crate::components::results::Results;
use crate::components::toolbar::Toolbar;
use crate::state::AppState;
use crate::storage::{self, DraftLoad};

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.time_origin() + p.now())
        .unwrap_or(0.0)
}

#[component]
pub fn App() -> impl IntoView {
    let (initial, notice) = match storage::load_draft(now_ms()) {
        DraftLoad::Found(s) => (s, None),
        DraftLoad::Empty => (examples::default_scenario(), None),
        DraftLoad::Unreadable { reason, kept_as } => (
            examples::default_scenario(),
            Some(match kept_as {
                Some(key) => format!("Your last working scenario could not be read ({reason}). It has been kept unchanged in this browser as “{key}”, and the example scenario is open instead."),
                None => format!("Your last working scenario could not be read ({reason}). It has been left untouched, and the example scenario is open instead."),
            }),
        ),
        DraftLoad::Failed(e) => (examples::default_scenario(), Some(e.to_string())),
    };
    let state = AppState::new(initial);
    provide_context(state);

    let save_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let result = state.scenario.with(storage::save_draft);
        save_error.set(result.err().map(|e| e.to_string()));
    });

    // Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes edits to the scenario, wherever focus is.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => {
                ev.prevent_default();
                state.redo();
            }
            "z" => {
                ev.prevent_default();
                state.undo();
            }
            "y" => {
                ev.prevent_default();
                state.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let name = move || state.scenario.with(|s| s.meta.name.clone());
    let area = move || state.scenario.with(|s| s.meta.area.clone());
    view! {
        <a class="skip-link" href="#results-title">"Skip to results"</a>
        <header class="app-header">
            <div class="app-header__inner">
                <p class="app-header__name">"AP Planner"</p>
                <p class="app-header__tagline">
                    "Plan alternative provision places, capacity and spend, year by year. Everything stays in this browser."
                </p>
            </div>
        </header>
        <main class="page" id="main">
            {notice.map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> })}
            {move || save_error.get().map(|e| view! { <p class="notice notice--warning" role="alert">{e}</p> })}
            <div class="page__head">
                <div>
                    <h1 class="page__title">{name}</h1>
                    <p class="page__subtitle">{area}</p>
                </div>
                <Toolbar/>
            </div>
            <ErrorSummary/>
            <div class="layout">
                <section class="panel layout__inputs" aria-labelledby="inputs-title">
                    <h2 id="inputs-title" class="panel__title">"Assumptions"</h2>
                    <TimelineAndPupils/>
                    <Tiers/>
                    <Providers/>
                    <CostsAndBudget/>
                    <Interventions/>
                </section>
                <section class="panel layout__results" aria-labelledby="results-title">
                    <h2 id="results-title" class="panel__title" tabindex="-1">"Results"</h2>
                    <Results/>
                    <PrintSummary/>
                </section>
            </div>
        </main>
    }
}
