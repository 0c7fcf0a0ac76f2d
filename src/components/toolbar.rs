//! Actions on the whole scenario: undo, redo, export, print.

use ap_engine::simulate::{simulate, Simulation};
use ap_engine::Scenario;
use ap_exports::csv::projection_csv;
use ap_exports::job::Job;
use ap_exports::percentiles::simulation_csv;
use leptos::prelude::*;

use crate::download::{download, file_stem};
use crate::state::use_app_state;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app_state();
    let can_undo = Memo::new(move |_| state.can_undo());
    let can_redo = Memo::new(move |_| state.can_redo());
    let message = RwSignal::new(None::<String>);
    let export_csv = move |_| {
        let result = state.projection.with_untracked(|p| match p {
            Ok(pr) => state.scenario.with_untracked(|s| {
                download(&format!("{}-projection.csv", file_stem(&s.meta.name)), "text/csv", &projection_csv(s, pr))
            }),
            Err(_) => Err("Fix the problems listed at the top before exporting: the export would not match what you entered.".into()),
        });
        message.set(result.err());
    };
    // The workbook is made by the export worker (a second module, loaded on first use).
    let preparing = RwSignal::new(false);
    let export_xlsx = move |_| {
        if state.projection.with_untracked(Result::is_err) {
            message.set(Some("Fix the problems listed at the top before exporting: the export would not match what you entered.".into()));
            return;
        }
        let (scenario, filename) = state
            .scenario
            .with_untracked(|s| (s.clone(), format!("{}.xlsx", file_stem(&s.meta.name))));
        crate::export_worker::save_workbook(
            Job::Workbook {
                scenario: Box::new(scenario),
            },
            filename,
            preparing,
            message,
        );
    };
    let has_ranges = Memo::new(move |_| state.scenario.with(|s| !s.ranges.is_empty()));
    let export_ranges = move |_| {
        let result = state.scenario.with_untracked(|s| match ranges_of(s) {
            Some(sim) => download(
                &format!("{}-ranges.csv", file_stem(&s.meta.name)),
                "text/csv",
                &simulation_csv(s, &sim),
            ),
            None => Err("Fix the problems listed at the top before exporting: the export would not match what you entered.".into()),
        });
        message.set(result.err());
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Scenario actions">
            <button type="button" class="button button--small button--secondary" disabled=move || !can_undo.get()
                aria-keyshortcuts="Control+Z" on:click=move |_| state.undo()>"Undo"</button>
            <button type="button" class="button button--small button--secondary" disabled=move || !can_redo.get()
                aria-keyshortcuts="Control+Shift+Z" on:click=move |_| state.redo()>"Redo"</button>
            <button type="button" class="button button--small" on:click=export_csv>"Export CSV"</button>
            <button type="button" class="button button--small" on:click=export_xlsx>"Export Excel"</button>
            {move || has_ranges.get().then(|| view! {
                <button type="button" class="button button--small" on:click=export_ranges>"Export ranges CSV"</button>
            })}
            <button type="button" class="button button--small button--secondary" on:click=print>"Print summary"</button>
        </div>
        {move || preparing.get().then(|| view! { <p class="notice" role="status">"Preparing the workbook…"</p> })}
        {move || message.get().map(|m| view! { <p class="notice notice--warning" role="alert">{m}</p> })}
    }
}

/// The simulation of `s` for an export (run now: an export is a single click, and a file must
/// match the scenario exactly); `None` without ranges or while the scenario has problems.
fn ranges_of(s: &Scenario) -> Option<Simulation> {
    if s.ranges.is_empty() {
        return None;
    }
    simulate(s, s.simulation.draws as usize, s.simulation.seed).ok()
}
