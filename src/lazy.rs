//! Parts of the app that are not needed for the first chart, each in a WebAssembly chunk of its
//! own: fetched right after the first chart, or the first time they are shown. With the `split`
//! feature (on in the trunk build, see `scripts/split-wasm.sh`), wasm-split's attribute (the one
//! Leptos's `#[lazy]` uses) makes each function below fetch its chunk before it runs; without
//! the feature (native and wasm-bindgen tests) they are plain async functions in the one module,
//! so the components are tested the same way either way. The chunks share the page's memory, so
//! the views read the app's state from context as before.
//!
//! A chunk that cannot be fetched (offline, or a server error) gives `Err(Unavailable)`, never a
//! panic, which would stop the whole app: the place it would fill says so, and nothing saved is
//! touched. Once the page is up, [`fetch_the_rest`] fetches every chunk in the background, so
//! the app works offline once loaded, as it did when it was one module.

use std::future::Future;

use ap_engine::link::SharedComparison;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::calibrate::CalibrateBody;
use crate::components::compare::CompareView;
use crate::components::flows::Flows;
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

/// A part of the app that could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this part of AP Planner could not be fetched (the connection may be down). Your work is unchanged; reload the page when the connection is back")]
pub struct Unavailable;

impl Unavailable {
    /// The message on its own, as a sentence (the error's text is meant to follow a colon).
    pub fn sentence(&self) -> String {
        let text = self.to_string();
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => format!("{}{}.", first.to_ascii_uppercase(), chars.as_str()),
            None => String::new(),
        }
    }
}

impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Defines `fn $name`, run from a chunk of its own (with `split`), as an `async fn` giving
/// `Result<$ret, Unavailable>`, and `$preload`, which fetches that chunk without running it.
macro_rules! later {
    ($(#[doc = $doc:literal])* $preload:ident: $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload($preload), fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::Unavailable> {
            Ok($body)
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::Unavailable> {
            Ok($body)
        }

        /// Fetches the chunk of the function above without running it.
        #[cfg(not(feature = "split"))]
        $vis async fn $preload() -> Result<(), $crate::lazy::Unavailable> {
            Ok(())
        }
    };
}
pub(crate) use later;

later! {
/// The comparison of two to four scenarios (a `#c=` link's, when `shared`).
    preload_compare: pub fn compare(shared: Option<SharedComparison>) -> AnyView {
        match shared {
            Some(c) => view! { <CompareView shared=c/> }.into_any(),
            None => view! { <CompareView/> }.into_any(),
        }
    }
}

later! {
/// This tab's session started with the strict reader (`session::start`), for when the quick
/// start cannot be used: an older or hand-edited entry, or one that cannot be read.
    preload_full_start: pub fn full_start() -> Start {
        session::start()
    }
}

later! {
/// Claim this tab and offer work that closed tabs left (both read with the strict reader).
    preload_claim_tab: pub fn claim_tab(state: AppState) -> () {
        session::claim_tab_and_offer_left_work(state);
    }
}

later! {
/// The undo and redo keys (`typing::listen_for_undo`), for as long as the workspace is shown.
/// Nothing can be edited before the assumptions arrive, so they come with them.
    preload_undo_keys: pub fn undo_keys() -> AnyView {
        crate::typing::listen_for_undo(crate::state::use_app_state());
        ().into_any()
    }
}

later! {
/// What a share link's address holds, decoded and read strictly.
    preload_read_link: pub fn read_link(address: Address) -> Route {
        address.read()
    }
}

later! {
/// What to do about this tab's draft that could not be read and kept aside, and about work
/// that closed tabs left.
    preload_tab_notices: pub fn tab_notices() -> AnyView {
        view! { <HeldDraftNotice/> <LeftWork/> }.into_any()
    }
}

later! {
/// The line above a scenario opened from a share link ("Save a copy").
    preload_shared_banner: pub fn shared_banner() -> AnyView {
        view! { <SharedBanner/> }.into_any()
    }
}

later! {
/// The workspace's actions: undo, redo, save, exports, and the share link.
    preload_actions: pub fn actions() -> AnyView {
        view! { <Toolbar/> <ShareLink/> }.into_any()
    }
}

later! {
/// Workshop mode, full screen; `on_leave` goes back to the workspace.
    preload_workshop: pub fn workshop(on_leave: Callback<()>) -> AnyView {
        view! { <Workshop on_leave/> }.into_any()
    }
}

later! {
/// The body of "Saved scenarios".
    preload_library: pub fn library() -> AnyView {
        view! { <LibraryBody/> }.into_any()
    }
}

later! {
/// The body of "Calibrate from history…".
    preload_calibrate: pub fn calibrate() -> AnyView {
        view! { <CalibrateBody/> }.into_any()
    }
}

later! {
/// The results below the charts: the flows between tiers, what matters most, what it would
/// take, the year-by-year table and the money laid out as the high-needs plan.
    preload_results_below: pub fn results_below() -> AnyView {
        view! {
            <Flows/>
            <WhatMatters/>
            <WhatWouldItTake/>
            <ResultsTable/>
            <MoneyView/>
        }
        .into_any()
    }
}

later! {
/// The assumptions, every section of inputs. Fetched right after the first chart is drawn: the
/// answer first, then what it rests on.
    preload_assumptions: pub fn assumptions() -> AnyView {
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
}

later! {
/// The assumptions as tables, for paper only.
    preload_print_summary: pub fn print_summary() -> AnyView {
        view! { <PrintSummary/> }.into_any()
    }
}

/// A view from a chunk, or why it is not there.
pub type Later = Result<AnyView, Unavailable>;

/// `load`, started once the page has painted, so what is below the first screen never delays
/// the first chart.
pub async fn after_first_paint(load: impl Future<Output = Later>) -> Later {
    after_paint().await;
    load.await
}

/// Fetches every chunk not fetched yet, one after another, so the app works offline once
/// loaded. Started once the page is up; a chunk that cannot be fetched now is simply fetched
/// again when it is first used.
pub async fn fetch_the_rest() {
    after_paint().await;
    let _ = preload_results_below().await;
    let _ = preload_library().await;
    let _ = preload_compare().await;
    let _ = preload_workshop().await;
    let _ = preload_calibrate().await;
    let _ = preload_full_start().await;
    let _ = preload_read_link().await;
    let _ = preload_print_summary().await;
    let _ = crate::simulation::preload_run_in_slices().await;
}

/// A folded section (`<details>`) whose body, `load`'s view, is fetched and built the first time
/// it is opened, then kept. `children` go in its summary after the title.
#[component]
pub fn FoldedLater<L, F>(
    id: &'static str,
    class: &'static str,
    title: &'static str,
    load: L,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    L: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Later> + 'static,
{
    let opened = RwSignal::new(false);
    // The `toggle` event follows every opening, by a click or by setting `open`.
    let note_open = move |ev: web_sys::Event| {
        let open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.has_attribute("open"));
        if open && !opened.get_untracked() {
            opened.set(true);
        }
    };
    view! {
        <details class=format!("section {class}") id=id on:toggle=note_open>
            <summary class="section__summary">
                <h2 class="section__title">{title}</h2>
                {children.map(|c| c())}
            </summary>
            {move || opened.get().then(|| when_loaded(load()))}
        </details>
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

/// Shows what `load` builds once its chunk is here, a short status line until then, and why if
/// it cannot be fetched.
pub fn when_loaded<F>(load: F) -> impl IntoView
where
    F: Future<Output = Later> + 'static,
{
    shown(load, true)
}

/// As [`when_loaded`], showing nothing until then: for parts of the page that are often empty.
pub fn quietly<F>(load: F) -> impl IntoView
where
    F: Future<Output = Later> + 'static,
{
    shown(load, false)
}

fn shown<F>(load: F, say_loading: bool) -> impl IntoView
where
    F: Future<Output = Later> + 'static,
{
    // The future touches only this thread's page; the wrapper lets Suspense hold it.
    let load = send_wrapper::SendWrapper::new(async move {
        load.await.unwrap_or_else(|e| {
            view! { <p class="notice notice--warning" role="alert">{e.sentence()}</p> }.into_any()
        })
    });
    view! {
        <Suspense fallback=move || say_loading.then(|| view! { <p class="notice" role="status">"Loading…"</p> })>
            {Suspend::new(load)}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unavailable_message_reads_as_a_sentence_on_its_own_and_after_a_colon() {
        assert_eq!(
            Unavailable.sentence(),
            "This part of AP Planner could not be fetched (the connection may be down). Your work is unchanged; reload the page when the connection is back."
        );
        assert!(Unavailable.to_string().starts_with("this part"));
    }
}
