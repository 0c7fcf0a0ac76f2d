//! Component tests in headless Chromium (wasm-bindgen-test). Each test mounts into its own fresh
//! element, so the runner's own output is never touched, and asserts on what a person sees.
#![cfg(target_arch = "wasm32")]

use ap_engine::edit::Edit;
use ap_engine::examples;
use ap_engine::fields::{Field, TierField};
use ap_planner::components::chart_figure::ChartFigure;
use ap_planner::components::error_summary::ErrorSummary;
use ap_planner::components::headline::Headline;
use ap_planner::components::inputs::tiers::Tiers;
use ap_planner::components::inputs::timeline::TimelineAndPupils;
use ap_planner::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount one component into.
fn fresh_root() -> HtmlElement {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The input labelled `label` inside the fieldset whose legend is `group`.
fn input_in_group(root: &Element, group: &str, label: &str) -> HtmlInputElement {
    let fieldset = all(root, "fieldset")
        .into_iter()
        .find(|f| {
            f.query_selector("legend")
                .unwrap()
                .is_some_and(|l| text(&l) == group)
        })
        .unwrap_or_else(|| panic!("no group {group:?}"));
    let label_el = all(&fieldset, "label")
        .into_iter()
        .find(|l| text(l) == label)
        .unwrap_or_else(|| panic!("no label {label:?} in {group:?}"));
    // Look inside this test's own root: other tests' components may use the same ids.
    let id = label_el.get_attribute("for").unwrap();
    root.query_selector(&format!("[id=\"{id}\"]"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

async fn settle() {
    // Let effects scheduled by the reactive system run, and the effects they schedule.
    for _ in 0..4 {
        leptos::task::tick().await;
    }
}

fn mount(view: impl Fn() -> AnyView + 'static) -> (HtmlElement, AppState) {
    let root = fresh_root();
    let state = AppState::new(examples::default_scenario());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view()
    });
    handle.forget();
    (root, state)
}

fn figure(root: &Element, testid: &str) -> String {
    text(
        &root
            .query_selector(&format!("[data-testid={testid}]"))
            .unwrap()
            .unwrap(),
    )
}

#[wasm_bindgen_test]
async fn headline_figures_follow_pupils_on_roll_and_undo() {
    let (root, state) = mount(|| view! { <TimelineAndPupils/> <Headline/> }.into_any());
    settle().await;
    assert!(text(&root).contains("Peak places needed"));
    let before = figure(&root, "peak-places");

    let secondary = input_in_group(&root, "Secondary", "Pupils on roll");
    assert_eq!(secondary.value(), "55,000");
    type_into(&secondary, "110000");
    settle().await;
    let after = figure(&root, "peak-places");
    let n = |s: &str| s.replace(',', "").parse::<f64>().unwrap();
    assert!(n(&after) > n(&before), "{before} -> {after}");
    assert_eq!(
        state.scenario.with_untracked(|s| s.phases[1].pupils),
        110_000.0
    );

    state.undo();
    settle().await;
    assert_eq!(figure(&root, "peak-places"), before);
    assert_eq!(secondary.value(), "55,000", "the field follows undo");
}

#[wasm_bindgen_test]
async fn a_bad_value_gets_a_message_and_keeps_the_last_good_scenario() {
    let (root, state) = mount(|| view! { <TimelineAndPupils/> }.into_any());
    settle().await;
    let primary = input_in_group(&root, "Primary", "Pupils on roll");
    type_into(&primary, "seventy");
    settle().await;
    assert!(text(&root).contains("Pupils on roll: enter a number"));
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
    assert!(text(&root).contains("Primary · pupils on roll must be between 0 and 5,000,000 pupils"));
    let described = primary.get_attribute("aria-describedby").unwrap();
    assert!(described.contains("phases.0.pupils-error"), "{described}");
}

#[wasm_bindgen_test]
async fn the_error_summary_links_to_each_invalid_field() {
    let (root, state) = mount(|| view! { <ErrorSummary/> <Tiers/> }.into_any());
    settle().await;
    assert!(root.query_selector(".error-summary").unwrap().is_none());
    let tier = |tier, what| Field::Tier { tier, what };
    state
        .apply(Edit::number(tier(0, TierField::Stay), 0.0))
        .unwrap();
    state
        .apply(Edit::number(tier(1, TierField::Returned), 120.0))
        .unwrap();
    settle().await;
    let summary = root.query_selector(".error-summary").unwrap().unwrap();
    assert!(
        text(&summary).contains("There are 3 problems"),
        "{}",
        text(&summary)
    );
    let links: Vec<String> = all(&summary, "a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert!(
        links.contains(&"#tiers.0.stay_weeks".to_string()),
        "{links:?}"
    );
    for href in &links {
        assert!(
            root.query_selector(&format!("[id=\"{}\"]", &href[1..]))
                .unwrap()
                .is_some(),
            "{href} points at a field on the page"
        );
    }
}

#[wasm_bindgen_test]
async fn a_chart_can_be_read_as_a_table_with_the_same_figures() {
    let (root, state) = mount(|| {
        let state = ap_planner::state::use_app_state();
        let data = Signal::derive(move || {
            state.last_good.with(|g| {
                g.as_ref()
                    .map(|(s, pr)| ap_planner::charts::data::places(s, pr).into())
            })
        });
        view! { <ChartFigure id="t-places" data stale=false/> }.into_any()
    });
    settle().await;
    assert!(root.query_selector("svg").unwrap().is_some());
    let table = root.query_selector("#t-places-table").unwrap().unwrap();
    assert!(table.has_attribute("hidden"));
    let button = all(&root, "button")
        .into_iter()
        .find(|b| text(b) == "Show as table")
        .unwrap();
    button.unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert!(!table.has_attribute("hidden"));
    let expected = state.last_good.with_untracked(|g| {
        let (_, pr) = g.as_ref().unwrap();
        ap_engine::format::count(pr.tier(0, 2).places_needed)
    });
    let first_row = text(&table.query_selector("tbody tr").unwrap().unwrap());
    assert!(first_row.starts_with("2026/27"), "{first_row}");
    assert!(first_row.contains(&expected), "{first_row} has {expected}");
}

#[wasm_bindgen_test]
async fn a_folded_section_builds_its_body_only_once_opened() {
    use ap_planner::components::library_panel::LibraryPanel;
    let (root, _state) = mount(|| view! { <LibraryPanel/> }.into_any());
    settle().await;
    let details = root.query_selector("details").unwrap().unwrap();
    assert!(text(&root).contains("Saved scenarios"));
    assert!(
        all(&root, "button").is_empty(),
        "nothing built while folded"
    );
    // Opening it (as a click on its summary does) fires `toggle`, which fetches and shows the body.
    details.set_attribute("open", "").unwrap();
    for _ in 0..20 {
        if !all(&root, "button").is_empty() {
            break;
        }
        next_task().await;
    }
    let buttons: Vec<String> = all(&root, "button").iter().map(text).collect();
    assert!(buttons.iter().any(|b| b == "Save as file"), "{buttons:?}");
}

/// One turn of the browser's event loop (the `toggle` event is queued as a task).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_library_lists_saved_and_unreadable_entries_and_keeps_the_broken_one() {
    use ap_planner::components::library_panel::LibraryBody;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(
            "ap-planner.scenario.good",
            &ap_engine::store::entry_text(&examples::four_level_local(), 1.0),
        )
        .unwrap();
    storage
        .set_item(
            "ap-planner.scenario.broken",
            "{\"format\": 1, \"scenario\": [",
        )
        .unwrap();
    let (root, _state) = mount(|| view! { <LibraryBody/> }.into_any());
    settle().await;
    let rows: Vec<String> = all(&root, "tbody tr").iter().map(text).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("Four-level local model"), "{rows:?}");
    assert!(rows[1].starts_with("Unreadable entry"), "{rows:?}");
    assert_eq!(
        storage
            .get_item("ap-planner.scenario.broken")
            .unwrap()
            .as_deref(),
        Some("{\"format\": 1, \"scenario\": ["),
        "listing never rewrites an entry"
    );
    storage.remove_item("ap-planner.scenario.good").unwrap();
    storage.remove_item("ap-planner.scenario.broken").unwrap();
}

#[wasm_bindgen_test]
async fn the_library_lists_kept_copies_and_recently_deleted_and_restores_one() {
    use ap_planner::components::library_panel::LibraryBody;
    use ap_planner::session::trash::Deleted;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let raw = ap_engine::store::entry_text(&examples::four_level_local(), 1.0);
    storage
        .set_item(
            "ap-planner.unreadable.0123abcd",
            "{\"format\": 1, \"scenario\": [",
        )
        .unwrap();
    let deleted = Deleted {
        name: "Old plan".into(),
        deleted_at: 1_700_000_000_000.0,
        key: "ap-planner.scenario.restored".into(),
        raw: raw.clone(),
    };
    storage
        .set_item(
            "ap-planner.deleted.1-0",
            &serde_json::to_string(&deleted).unwrap(),
        )
        .unwrap();
    let (root, _state) = mount(|| view! { <LibraryBody/> }.into_any());
    settle().await;
    let rows: Vec<String> = all(&root, ".library__table tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].starts_with("Unreadable copy (kept aside)"),
        "{rows:?}"
    );
    assert!(
        rows[0].contains("Download its text") && rows[0].contains("Delete"),
        "{rows:?}"
    );
    assert!(text(&root).contains("Recently deleted"));
    let restore = all(&root, "button")
        .into_iter()
        .find(|b| b.get_attribute("aria-label").as_deref() == Some("Restore Old plan"))
        .expect("a Restore button for the deleted plan");
    restore.unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(
        storage
            .get_item("ap-planner.scenario.restored")
            .unwrap()
            .as_deref(),
        Some(raw.as_str()),
        "put back byte for byte"
    );
    assert_eq!(storage.get_item("ap-planner.deleted.1-0").unwrap(), None);
    let rows: Vec<String> = all(&root, ".library__table tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(rows[0].starts_with("Four-level local model"), "{rows:?}");
    assert!(!text(&root).contains("Recently deleted"));
    for key in [
        "ap-planner.unreadable.0123abcd",
        "ap-planner.scenario.restored",
    ] {
        storage.remove_item(key).unwrap();
    }
}

#[wasm_bindgen_test]
async fn unsaved_work_from_a_closed_window_is_offered_with_three_choices() {
    use ap_planner::components::library_panel::LeftWork;
    use ap_planner::session::drafts::{self, LeftDraft};
    let (root, state) = mount(|| view! { <LeftWork/> }.into_any());
    settle().await;
    assert!(!text(&root).contains("unsaved work"), "nothing to offer");
    let mut scenario = examples::dfe_early_intervention();
    scenario.meta.name = "Left in a closed tab".into();
    state.left_behind.set(vec![LeftDraft {
        tab: "closed".into(),
        content: Ok(drafts::LeftWork {
            scenario,
            saved_at: 1_700_000_000_000.0,
            opened: None,
        }),
    }]);
    settle().await;
    let section = root.query_selector("section").unwrap().unwrap();
    assert!(text(&section).starts_with("You have unsaved work from another window"));
    assert!(text(&section).contains("Left in a closed tab"));
    let labels: Vec<String> = all(&section, "button")
        .iter()
        .map(|b| b.get_attribute("aria-label").unwrap_or_default())
        .collect();
    assert_eq!(
        labels,
        [
            "Open: unsaved work Left in a closed tab",
            "Keep in library: unsaved work Left in a closed tab",
            "Discard: unsaved work Left in a closed tab",
        ]
    );
    state.left_behind.set(Vec::new());
    settle().await;
    assert!(root.query_selector("section").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_cost_split_between_funders_shows_its_shares_and_says_when_they_do_not_add_up() {
    let (root, state) = mount(|| view! { <Tiers/> }.into_any());
    settle().await;
    let tier = "Tier 3: transitional placements";
    let choice: web_sys::HtmlSelectElement =
        input_in_group(&root, tier, "Transport paid by").unchecked_into();
    assert_eq!(choice.value(), "council");
    assert!(
        all(
            &root,
            "[role=group][aria-label='Shares: Transport paid by']"
        )
        .is_empty(),
        "no shares for a single funder"
    );
    state
        .apply(Edit::text(
            Field::Tier {
                tier: 2,
                what: TierField::TransportFunder,
            },
            "split",
        ))
        .unwrap();
    settle().await;
    let share = |label: &str| input_in_group(&root, tier, label);
    assert_eq!(
        share("Share paid by the council (general fund)").value(),
        "100"
    );
    type_into(&share("Share paid by schools"), "30");
    settle().await;
    assert!(
        text(&root).contains("transport paid by is split between funders whose shares add up to 130%: they must add up to 100%"),
        "the sum is said"
    );
    assert_eq!(
        choice.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&share("Share paid by the council (general fund)"), "70");
    settle().await;
    assert!(!text(&root).contains("shares add up to"));
    assert_eq!(
        state
            .scenario
            .with_untracked(|s| s.tiers[2].transport_funder.shares()),
        [0.0, 30.0, 0.0, 0.0, 70.0]
    );
}
