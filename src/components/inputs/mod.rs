//! The assumptions, in the sections a commissioner scans: timeline and pupils, tiers, providers
//! and capacity, costs and budget, interventions.

pub mod costs;
pub mod interventions;
pub mod levers;
pub mod providers;
pub mod ranges;
pub mod tiers;
pub mod timeline;

use ap_engine::edit::Edit;
use leptos::prelude::*;

use crate::state::AppState;

/// A collapsible section of the inputs, open at first.
#[component]
pub fn Section(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="section" id=id open>
            <summary class="section__summary"><h3 class="section__title">{title}</h3></summary>
            <div class="section__body">{children()}</div>
        </details>
    }
}

/// Small buttons to move an item up or down and remove it.
#[component]
pub fn ItemActions(
    /// What the item is called, for the buttons' accessible names ("Tier 2").
    #[prop(into)]
    name: Signal<String>,
    first: bool,
    last: bool,
    on_up: Callback<()>,
    on_down: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="item-actions">
            <button type="button" class="button button--small button--secondary" disabled=first
                aria-label=move || format!("Move up: {}", name.get())
                on:click=move |_| on_up.run(())>"Move up"</button>
            <button type="button" class="button button--small button--secondary" disabled=last
                aria-label=move || format!("Move down: {}", name.get())
                on:click=move |_| on_down.run(())>"Move down"</button>
            <button type="button" class="button button--small button--warning"
                aria-label=move || format!("Remove: {}", name.get())
                on:click=move |_| on_remove.run(())>"Remove"</button>
        </div>
    }
}

/// Make a structural edit (add, remove, move) through the one door. These edits name positions
/// the page has just drawn, so a refusal means the item is already gone: nothing to do.
pub fn apply(state: AppState, edit: Edit) {
    let _ = state.apply(edit);
}
