//! The error summary (GOV.UK pattern): every problem at the top of the page, each a link that
//! opens its section and moves focus to the field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::use_app_state;

/// Open every collapsed section around the element with `id`, then focus it.
fn reveal_and_focus(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(target) = document.get_element_by_id(id) else {
        return;
    };
    let mut node = target.parent_element();
    while let Some(el) = node {
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        node = el.parent_element();
    }
    if let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = use_app_state();
    let issues = move || {
        state.projection.with(|p| match p {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.iter()
                    .map(|i| (i.path.clone(), i.to_string()))
                    .collect()
            }
        })
    };
    view! {
        <div aria-live="polite">
            {move || {
                let list = issues();
                (!list.is_empty()).then(|| view! {
                    <div class="error-summary" aria-labelledby="error-summary-title" tabindex="-1">
                        <h2 class="error-summary__title" id="error-summary-title">
                            {if list.len() == 1 { "There is a problem".to_string() } else { format!("There are {} problems", list.len()) }}
                        </h2>
                        <p>"The figures below are from the last valid version of the scenario until these are fixed."</p>
                        <ul class="error-summary__list">
                            {list.into_iter().map(|(path, message)| {
                                let target = path.clone();
                                view! {
                                    <li><a href=format!("#{path}") on:click=move |ev| {
                                        ev.prevent_default();
                                        reveal_and_focus(&target);
                                    }>{message}</a></li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </div>
    }
}
