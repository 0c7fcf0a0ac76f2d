//! The page: a header, then what the address asks for (`crate::route`): the user's own
//! workspace (toolbar, library, error summary, the assumptions beside the results), a scenario
//! from a share link read-only, or a comparison from a link read-only. A link never touches the
//! user's own work.

use ap_engine::examples;
use ap_engine::link::SharedComparison;
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::components::calibrate::Calibrate;
use crate::components::error_summary::ErrorSummary;
use crate::components::library_panel::{LibraryNotice, LibraryPanel};
use crate::components::results::Results;
use crate::dialog::DialogHost;
use crate::lazy::Unavailable;
use crate::route::{Address, Route};
use crate::session::{
    self,
    rules::{Session, Start},
};
use crate::state::{use_app_state, Mode};

#[component]
pub fn App() -> impl IntoView {
    let loaded = Address::current();
    // A page reads its address once, when it loads. A share link pasted into the address bar of
    // a tab already showing the app (or Back from a link to the app) only changes the fragment,
    // so load the page again: it then opens exactly as in a new tab. The working scenario is
    // saved as it is edited (this tab's draft), so reloading loses nothing.
    let pasted = loaded.clone();
    let hash_changes = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(w) = web_sys::window() else {
            return;
        };
        let fragment = w.location().hash().unwrap_or_default();
        if Address::from_fragment(&fragment).opens_another(&pasted) || pasted.leaves_link(&fragment)
        {
            let _ = w.location().reload();
        }
    });
    on_cleanup(move || hash_changes.remove());
    view! {
        <Header/>
        <DialogHost/>
        {match loaded {
            Address::Workspace => view! { <ScenarioPage/> }.into_any(),
            link => view! { <LinkPage address=link/> }.into_any(),
        }}
    }
}

/// A shared link: painted at once with a line saying it is being opened, then read after the
/// first paint, so that even a large (or crafted) link never leaves a blank page.
#[component]
fn LinkPage(address: Address) -> impl IntoView {
    // The decoded link, taken once by the view when `read` turns true.
    let route = StoredValue::new(None::<Result<Route, Unavailable>>);
    let read = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::lazy::after_paint().await;
        route.set_value(Some(crate::lazy::read_link(address).await));
        read.set(true);
    });
    move || {
        let decoded = read
            .get()
            .then(|| route.try_update_value(Option::take).flatten())
            .flatten();
        match decoded {
            None => view! {
                <main class="page" id="main">
                    <p class="notice" role="status">"Opening the shared link…"</p>
                </main>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <ScenarioPage problem=format!("This link cannot be opened now: {e}.")/>
            }
            .into_any(),
            Some(Ok(Route::Workspace)) => view! { <ScenarioPage/> }.into_any(),
            Some(Ok(Route::Shared(Ok(s)))) => view! { <ScenarioPage shared=s/> }.into_any(),
            Some(Ok(Route::Shared(Err(e)))) => view! {
                <ScenarioPage problem=format!("This share link cannot be opened: {e}. Your own scenarios are unchanged.")/>
            }
            .into_any(),
            Some(Ok(Route::Comparison(Ok(c)))) => view! { <ComparisonPage comparison=c/> }.into_any(),
            Some(Ok(Route::Comparison(Err(e)))) => view! {
                <ScenarioPage problem=format!("This comparison link cannot be opened: {e}. Your own scenarios are unchanged.")/>
            }
            .into_any(),
        }
    }
}

#[component]
fn Header() -> impl IntoView {
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
    }
}

/// The open scenario's name and area.
#[component]
fn PageHead() -> impl IntoView {
    let state = use_app_state();
    let name = move || state.scenario.with(|s| s.meta.name.clone());
    let area = move || state.scenario.with(|s| s.meta.area.clone());
    view! {
        <div class="page__name">
            <h1 class="page__title">{name}</h1>
            <p class="page__subtitle">{area}</p>
        </div>
    }
}

/// A comparison opened from a link: only its scenarios, read-only; nothing is saved.
#[component]
fn ComparisonPage(comparison: SharedComparison) -> impl IntoView {
    let baseline = comparison
        .scenarios
        .get(comparison.baseline)
        .cloned()
        .unwrap_or_else(examples::default_scenario);
    provide_context(session::into_state(Session::shared(
        baseline,
        &session::this_tab(),
    )));
    view! {
        <main class="page" id="main">
            <div class="page__head">
                <PageHead/>
            </div>
            {crate::lazy::when_loaded(crate::lazy::compare(Some(comparison)))}
        </main>
    }
}

/// The user's own workspace, or a scenario opened from a share link (read-only until "Save a
/// copy" makes it the user's own). `problem` is a link that could not be opened.
#[component]
fn ScenarioPage(
    #[prop(optional)] shared: Option<Scenario>,
    #[prop(optional)] problem: Option<String>,
) -> impl IntoView {
    if let Some(s) = shared {
        let start = Start {
            session: Session::shared(s, &session::this_tab()),
            notice: None,
        };
        return view! { <Workspace start problem/> }.into_any();
    }
    // This tab's own work. Read quickly when it is as this app wrote it (nearly always); else
    // with the strict reader, fetched first, which can copy aside what it cannot read.
    match session::quick_start() {
        Some(start) => view! { <Workspace start problem/> }.into_any(),
        None => crate::lazy::when_loaded(async move {
            let start = crate::lazy::full_start().await?;
            Ok(view! { <Workspace start problem/> }.into_any())
        })
        .into_any(),
    }
}

/// The page on a session that has started.
#[component]
fn Workspace(start: Start, problem: Option<String>) -> impl IntoView {
    let notices: Vec<String> = problem.into_iter().chain(start.notice).collect();
    let state = session::into_state(start.session);
    provide_context(state);
    // Claiming this tab and looking for work other tabs left behind need the strict reader:
    // after the first chart, with the rest of the workspace.
    leptos::task::spawn_local(async move {
        crate::lazy::after_paint().await;
        // Not fetched: this tab is claimed, and left work offered, on the next load.
        if crate::lazy::claim_tab(state).await.is_ok() {
            crate::lazy::fetch_the_rest().await;
        }
    });

    let save_error = RwSignal::new(None::<String>);
    // Autosave this tab's draft whenever the working scenario changes. The value carried from
    // run to run is what the draft holds: at start-up, what was just read from it (or the
    // example, with no draft yet), so nothing is written until something changes. A shared
    // scenario is read-only and never replaces the tab's draft, and a held (unreadable) draft
    // is never written over until the user chooses.
    Effect::new(move |written: Option<Scenario>| {
        let scenario = state.scenario.get();
        let Some(written) = written else {
            return scenario;
        };
        let may = state.mode.get() == Mode::Working && state.held.with(Option::is_none);
        if !may || written == scenario {
            return written;
        }
        save_error.set(session::autosave(state));
        scenario
    });

    // Another tab saved, deleted or restored a scenario: show the library as it now is. (Other
    // tabs' drafts and heartbeats change nothing here.)
    let storage_events = window_event_listener(leptos::ev::storage, move |ev| {
        let affects_library = ev.key().is_none_or(|k| {
            ["scenario.", "unreadable.", "deleted."]
                .iter()
                .any(|p| k.starts_with(&format!("ap-planner.{p}")))
        });
        if affects_library {
            state.library_version.update(|v| *v += 1);
        }
    });
    on_cleanup(move || storage_events.remove());

    let working = move || state.mode.get() == Mode::Working;
    // The workspace, or the comparison of several scenarios.
    let comparing = RwSignal::new(false);
    let workshop = RwSignal::new(false);
    let workspace = move || working() && !comparing.get();
    // The assumptions panel can be folded away so the results take the whole width.
    let show_inputs = RwSignal::new(true);
    view! {
        <main class="page" id="main">
            {notices.into_iter().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> }).collect_view()}
            {move || save_error.get().map(|e| view! { <p class="notice notice--warning" role="alert">{e}</p> })}
            {move || working().then(|| crate::lazy::quietly(crate::lazy::after_first_paint(crate::lazy::tab_notices())))}
            {move || (!comparing.get()).then(|| crate::lazy::quietly(crate::lazy::after_first_paint(crate::lazy::shared_banner())))}
            <div class="page__head">
                <PageHead/>
                {move || working().then(|| view! {
                    <nav class="views" aria-label="Views">
                        <button type="button" class="views__tab" aria-pressed=move || (!comparing.get()).to_string()
                            on:click=move |_| comparing.set(false)>"Workspace"</button>
                        <button type="button" class="views__tab" aria-pressed=move || comparing.get().to_string()
                            on:click=move |_| comparing.set(true)>"Compare scenarios"</button>
                        <button type="button" class="views__tab"
                            disabled=move || state.is_stale()
                            on:click=move |_| workshop.set(true)>"Workshop mode"</button>
                    </nav>
                })}
            </div>
            {move || workspace().then(|| view! {
                <div class="actionbar">
                    {crate::lazy::quietly(crate::lazy::after_first_paint(crate::lazy::actions()))}
                    <button type="button" class="button button--small button--secondary actionbar__fold"
                        aria-expanded=move || show_inputs.get().to_string() aria-controls="inputs-panel"
                        on:click=move |_| show_inputs.update(|v| *v = !*v)>
                        {move || if show_inputs.get() { "Hide assumptions" } else { "Show assumptions" }}
                    </button>
                </div>
            })}
            {move || workshop.get().then(|| crate::lazy::when_loaded(crate::lazy::workshop(Callback::new(move |_| workshop.set(false)))))}
            {move || comparing.get().then(|| crate::lazy::when_loaded(crate::lazy::compare(None)))}
            {move || workspace().then(|| view! {
                <LibraryNotice/>
                <div class="drawers">
                    <LibraryPanel/>
                    <Calibrate/>
                </div>
                <ErrorSummary/>
            })}
            <div class="layout" class:layout--results-only=move || !working() || !show_inputs.get() hidden=move || comparing.get()>
                {move || working().then(|| view! {
                    <section class="panel layout__inputs" id="inputs-panel" aria-labelledby="inputs-title" hidden=move || !show_inputs.get()>
                        <h2 id="inputs-title" class="panel__title">"Assumptions"</h2>
                        {crate::lazy::when_loaded(crate::lazy::after_first_paint(crate::lazy::assumptions()))}
                    </section>
                })}
                <section class="panel layout__results" aria-labelledby="results-title">
                    <h2 id="results-title" class="panel__title" tabindex="-1">"Results"</h2>
                    <Results/>
                    {crate::lazy::when_loaded(crate::lazy::after_first_paint(crate::lazy::print_summary()))}
                </section>
            </div>
            {crate::lazy::quietly(crate::lazy::after_first_paint(crate::lazy::undo_keys()))}
        </main>
    }
}
