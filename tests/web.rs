//! Component tests in headless Chromium (wasm-bindgen-test). Each test mounts into its own fresh
//! element, so the runner's own output is never touched, and asserts on what a person sees.
#![cfg(target_arch = "wasm32")]

use ap_engine::examples;
use ap_planner::components::headline::Headline;
use ap_planner::components::pupils::PupilsOnRoll;
use ap_planner::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount one component into.
fn fresh_root() -> HtmlElement {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn input_labelled(root: &HtmlElement, label: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let label_el: web_sys::HtmlLabelElement = labels.get(i).unwrap().unchecked_into();
        if label_el.text_content().unwrap_or_default() == label {
            let id = label_el.html_for();
            return document().get_element_by_id(&id).unwrap().unchecked_into();
        }
    }
    panic!("no input labelled {label:?}");
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
}

async fn settle() {
    // Let effects scheduled by the reactive system run.
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn headline_shows_figures_that_follow_pupils_on_roll() {
    let root = fresh_root();
    let state = AppState::new(examples::default_scenario());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <PupilsOnRoll/> <Headline/> }
    });
    settle().await;

    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Peak places needed"), "{text}");
    let peak = || {
        root.query_selector("[data-testid=peak-places]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    };
    let before = peak();
    assert!(!before.is_empty());

    let secondary = input_labelled(&root, "Secondary pupils on roll");
    assert_eq!(secondary.value(), "55,000");
    type_into(&secondary, "110000");
    settle().await;
    let after = peak();
    let as_number = |s: &str| s.replace(',', "").parse::<f64>().unwrap();
    assert!(
        as_number(&after) > as_number(&before),
        "{before} -> {after}"
    );
    assert_eq!(
        state.scenario.with_untracked(|s| s.phases[1].pupils),
        110_000.0
    );
}

#[wasm_bindgen_test]
async fn a_bad_value_gets_a_message_and_keeps_the_last_good_scenario() {
    let root = fresh_root();
    let state = AppState::new(examples::default_scenario());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <PupilsOnRoll/> }
    });
    settle().await;

    let primary = input_labelled(&root, "Primary pupils on roll");
    type_into(&primary, "seventy");
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("Primary pupils on roll: enter a number"),
        "{text}"
    );
    assert_eq!(
        primary.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(primary.value(), "seventy", "what was typed is kept");
    assert_eq!(
        state.scenario.with_untracked(|s| s.phases[0].pupils),
        70_000.0
    );

    type_into(&primary, "-5");
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("Primary · pupils on roll must be between 0 and 5,000,000 pupils"),
        "{text}"
    );
}
