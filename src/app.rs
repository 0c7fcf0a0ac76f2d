//! The page: header, toolbar, library, error summary, the assumptions beside the results. A
//! share link in the address opens that scenario read-only instead, leaving the user's own work
//! untouched.

use ap_engine::{examples, link, Scenario};
use leptos::prelude::*;

use crate::components::compare::CompareView;
use crate::components::error_summary::ErrorSummary;
use crate::components::inputs::costs::CostsAndBudget;
use crate::components::inputs::interventions::Interventions;
use crate::components::inputs::levers::WorkshopLevers;
use crate::components::inputs::providers::Providers;
use crate::components::inputs::tiers::Tiers;
use crate::components::inputs::timeline::TimelineAndPupils;
use crate::components::library_panel::{LibraryNotice, LibraryPanel, SharedBanner};
use crate::components::print_summary::PrintSummary;
use crate::components::results::Results;
use crate::components::share::ShareLink;
use crate::components::toolbar::Toolbar;
use crate::components::workshop::Workshop;
use crate::library;
use crate::session::now_ms;
use crate::state::{AppState, Mode};
use crate::storage::{self, DraftLoad};

/// The working scenario from storage, what it was last saved as, and anything to tell the user.
fn load_working() -> (Scenario, Option<Scenario>, Option<String>) {
    match storage::load_draft(now_ms()) {
        DraftLoad::Found(s) => {
            let saved = library::opened()
                .and_then(|o| library::read(&o.id))
                .map(|stored| stored.scenario)
                .or_else(|| examples::all().into_iter().find(|e| *e == s));
            (s, saved, None)
        }
        DraftLoad::Empty => {
            let s = examples::default_scenario();
            (s.clone(), Some(s), None)
        }
        DraftLoad::Unreadable { reason, kept_as } => (
            examples::default_scenario(),
            None,
            Some(match kept_as {
                Some(key) => format!("Your last working scenario could not be read ({reason}). It has been kept unchanged in this browser as “{key}”, and the example scenario is open instead."),
                None => format!("Your last working scenario could not be read ({reason}). It has been left untouched, and the example scenario is open instead."),
            }),
        ),
        DraftLoad::Failed(e) => (examples::default_scenario(), None, Some(e.to_string())),
    }
}

/// The address's fragment (`#s=…` for a shared scenario, `#c=…` for a comparison).
fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let mut notices = Vec::new();
    let hash = fragment();
    let shared = link::token_in_fragment(&hash).map(link::decode);
    let comparison = match link::comparison_in_fragment(&hash).map(link::decode_comparison) {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            notices.push(format!(
                "This comparison link cannot be opened: {e}. Your own scenarios are unchanged."
            ));
            None
        }
        None => None,
    };
    let (initial, mode) = match (shared, &comparison) {
        (_, Some(c)) => (c.scenarios.get(c.baseline).cloned(), Mode::Shared),
        (Some(Ok(s)), None) => (Some(s), Mode::Shared),
        (Some(Err(e)), None) => {
            notices.push(format!(
                "This share link cannot be opened: {e}. Your own scenarios are unchanged."
            ));
            (None, Mode::Working)
        }
        (None, None) => (None, Mode::Working),
    };
    let state = match initial {
        Some(s) => AppState::new(s),
        None => {
            let (working, saved, notice) = load_working();
            notices.extend(notice);
            let state = AppState::new(working);
            state.baseline.set(saved);
            state.opened.set(library::opened());
            state
        }
    };
    state.mode.set(mode);
    provide_context(state);

    let save_error = RwSignal::new(None::<String>);
    Effect::new(move |first: Option<()>| {
        let scenario = state.scenario.get();
        // Nothing to save at start-up: the draft in storage is what was just read (or there is
        // none and the example is open). A shared scenario is read-only: it never replaces the
        // user's own draft.
        if first.is_some() && state.mode.get() == Mode::Working {
            save_error.set(
                storage::save_draft(&scenario, now_ms())
                    .err()
                    .map(|e| e.to_string()),
            );
        }
    });

    // Another tab saved or deleted a scenario: show the library as it now is.
    let storage_events = window_event_listener(leptos::ev::storage, move |_| {
        state.library_version.update(|v| *v += 1);
    });
    // Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes edits to the scenario, wherever focus is.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || state.mode.get_untracked() == Mode::Shared {
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
    on_cleanup(move || {
        keys.remove();
        storage_events.remove();
    });

    let working = move || state.mode.get() == Mode::Working;
    // The workspace, or the comparison of several scenarios.
    let comparing = RwSignal::new(comparison.is_some());
    let workshop = RwSignal::new(false);
    let shared_comparison = comparison.clone();
    let workspace = move || working() && !comparing.get();
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
            {notices.into_iter().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> }).collect_view()}
            {move || save_error.get().map(|e| view! { <p class="notice notice--warning" role="alert">{e}</p> })}
            {move || (!comparing.get()).then(|| view! { <SharedBanner/> })}
            <div class="page__head">
                <div>
                    <h1 class="page__title">{name}</h1>
                    <p class="page__subtitle">{area}</p>
                </div>
                {move || workspace().then(|| view! { <Toolbar/> })}
            </div>
            {move || working().then(|| view! {
                <nav class="page-nav" aria-label="Views">
                    <button type="button" class="button button--secondary" aria-pressed=move || (!comparing.get()).to_string()
                        on:click=move |_| comparing.set(false)>"Workspace"</button>
                    <button type="button" class="button button--secondary" aria-pressed=move || comparing.get().to_string()
                        on:click=move |_| comparing.set(true)>"Compare scenarios"</button>
                    <button type="button" class="button button--secondary"
                        disabled=move || state.is_stale()
                        on:click=move |_| workshop.set(true)>"Workshop mode"</button>
                </nav>
            })}
            {move || workshop.get().then(|| view! {
                <Workshop on_leave=Callback::new(move |_| workshop.set(false))/>
            })}
            {move || comparing.get().then(|| match shared_comparison.clone() {
                Some(c) => view! { <CompareView shared=c/> }.into_any(),
                None => view! { <CompareView/> }.into_any(),
            })}
            {move || workspace().then(|| view! {
                <ShareLink/>
                <LibraryNotice/>
                <LibraryPanel/>
                <ErrorSummary/>
            })}
            <div class="layout" class:layout--results-only=move || !working() hidden=move || comparing.get()>
                {move || working().then(|| view! {
                    <section class="panel layout__inputs" aria-labelledby="inputs-title">
                        <h2 id="inputs-title" class="panel__title">"Assumptions"</h2>
                        <TimelineAndPupils/>
                        <Tiers/>
                        <Providers/>
                        <CostsAndBudget/>
                        <Interventions/>
                        <WorkshopLevers/>
                    </section>
                })}
                <section class="panel layout__results" aria-labelledby="results-title">
                    <h2 id="results-title" class="panel__title" tabindex="-1">"Results"</h2>
                    <Results/>
                    <PrintSummary/>
                </section>
            </div>
        </main>
    }
}
