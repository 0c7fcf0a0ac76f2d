//! Views that are not on the first screen, each fetched the first time it is shown: with the
//! `split` feature (on in the trunk build, see `scripts/split-wasm.sh`), Leptos's `#[lazy]` puts
//! each function below in a WebAssembly chunk of its own, so the first load carries only the
//! workspace and its charts. Without the feature (native and wasm-bindgen tests) they are plain
//! async functions in the one module, so the components are tested the same way either way.
//!
//! Each function only builds its view; the view reads the app's state from context as before
//! (the chunk shares the page's memory, so signals and context are the page's own).

use std::future::Future;

use ap_engine::link::SharedComparison;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::calibrate::CalibrateBody;
use crate::components::compare::CompareView;
use crate::components::inputs::costs::CostsAndBudget;
use crate::components::inputs::interventions::Interventions;
use crate::components::inputs::levers::WorkshopLevers;
use crate::components::inputs::providers::Providers;
use crate::components::inputs::ranges::Ranges;
use crate::components::inputs::tiers::Tiers;
use crate::components::inputs::timeline::TimelineAndPupils;
use crate::components::library_panel::{HeldDraftNotice, LeftWork, LibraryBody, SharedBanner};
use crate::components::money::MoneyView;
use crate::components::print_summary::PrintSummary;
use crate::components::results_table::ResultsTable;
use crate::components::share::ShareLink;
use crate::components::toolbar::Toolbar;
use crate::components::uncertainty::{WhatMatters, WhatWouldItTake};
use crate::components::workshop::Workshop;
use crate::route::{Address, Route};
use crate::session::{self, rules::Start};
use crate::state::AppState;

/// The comparison of two to four scenarios (a `#c=` link's, when `shared`).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn compare(shared: Option<SharedComparison>) -> AnyView {
    match shared {
        Some(c) => view! { <CompareView shared=c/> }.into_any(),
        None => view! { <CompareView/> }.into_any(),
    }
}

/// This tab's session started with the strict reader (`session::start`), for when the quick
/// start cannot be used: an older or hand-edited entry, or one that cannot be read.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn full_start() -> Start {
    session::start()
}

/// Claim this tab and offer work that closed tabs left (both read with the strict reader).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn claim_tab(state: AppState) {
    session::claim_tab_and_offer_left_work(state);
}

/// The undo and redo keys (`typing::listen_for_undo`), for as long as the workspace is shown.
/// Nothing can be edited before the assumptions arrive, so they come with them.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn undo_keys() -> AnyView {
    crate::typing::listen_for_undo(crate::state::use_app_state());
    ().into_any()
}

/// What a share link's address holds, decoded and read strictly.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn read_link(address: Address) -> Route {
    address.read()
}

/// What to do about this tab's draft that could not be read and kept aside, and about work
/// that closed tabs left.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn tab_notices() -> AnyView {
    view! { <HeldDraftNotice/> <LeftWork/> }.into_any()
}

/// The line above a scenario opened from a share link ("Save a copy").
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn shared_banner() -> AnyView {
    view! { <SharedBanner/> }.into_any()
}

/// The workspace's actions: undo, redo, save, exports, and the share link.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn actions() -> AnyView {
    view! { <Toolbar/> <ShareLink/> }.into_any()
}

/// Workshop mode, full screen; `on_leave` goes back to the workspace.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn workshop(on_leave: Callback<()>) -> AnyView {
    view! { <Workshop on_leave/> }.into_any()
}

/// The body of "Saved scenarios".
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn library() -> AnyView {
    view! { <LibraryBody/> }.into_any()
}

/// The body of "Calibrate from history…".
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn calibrate() -> AnyView {
    view! { <CalibrateBody/> }.into_any()
}

/// The results below the charts: what matters most, what it would take, the year-by-year table
/// and the money laid out as the high-needs plan.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn results_below() -> AnyView {
    view! {
        <WhatMatters/>
        <WhatWouldItTake/>
        <ResultsTable/>
        <MoneyView/>
    }
    .into_any()
}

/// The assumptions, every section of inputs. Fetched right after the first chart is drawn: the
/// answer first, then what it rests on.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn assumptions() -> AnyView {
    view! {
        <TimelineAndPupils/>
        <Tiers/>
        <Providers/>
        <CostsAndBudget/>
        <Interventions/>
        <Ranges/>
        <WorkshopLevers/>
    }
    .into_any()
}

/// The assumptions as tables, for paper only.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn print_summary() -> AnyView {
    view! { <PrintSummary/> }.into_any()
}

/// `load`, started once the page has painted, so what is below the first screen never delays
/// the first chart.
pub async fn after_first_paint(load: impl Future<Output = AnyView>) -> AnyView {
    after_paint().await;
    load.await
}

/// Marks a folded section as opened (its `toggle` event), so its body is fetched and kept.
pub fn note_open(ev: &web_sys::Event, opened: RwSignal<bool>) {
    let open = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.has_attribute("open"));
    if open && !opened.get_untracked() {
        opened.set(true);
    }
}

/// Resolves once the browser has painted (the next animation frame, then a task), or after
/// 200 ms if no frame comes (a tab opened in the background).
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
        let next_task = resolve.clone();
        let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&next_task, 0);
            }
        });
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&on_frame));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Shows what `load` builds once its chunk is here, and a short status line until then.
pub fn when_loaded<F>(load: F) -> impl IntoView
where
    F: Future<Output = AnyView> + 'static,
{
    // The future touches only this thread's page; the wrapper lets Suspense hold it.
    let load = send_wrapper::SendWrapper::new(load);
    view! {
        <Suspense fallback=|| view! { <p class="notice" role="status">"Loading…"</p> }>
            {Suspend::new(load)}
        </Suspense>
    }
}

/// As [`when_loaded`], showing nothing until then: for parts of the page that are often empty.
pub fn quietly<F>(load: F) -> impl IntoView
where
    F: Future<Output = AnyView> + 'static,
{
    let load = send_wrapper::SendWrapper::new(load);
    view! { <Suspense fallback=|| ()>{Suspend::new(load)}</Suspense> }
}
