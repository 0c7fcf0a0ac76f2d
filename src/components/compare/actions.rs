//! Taking a comparison elsewhere: one link holding every scenario compared, and the comparison
//! as a CSV file or an Excel workbook, both written from the [`Comparison`] the page shows.

use ap_engine::compare::Comparison;
use ap_engine::link::SharedComparison;
use ap_exports::csv::comparison_csv;
use ap_exports::job::Job;
use leptos::prelude::*;

use super::picker::Choice;
use crate::download::download;
use crate::route::comparison_address;

/// "Share this comparison", the two exports, the link once made, and any export failure.
#[component]
pub fn Actions(
    choice: Choice,
    /// What is being compared; `None` while it cannot be (nothing to share or export).
    comparison: Memo<Option<Comparison>>,
) -> impl IntoView {
    let link = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let export_with = move |export: &dyn Fn(&Comparison) -> Result<(), String>| {
        let result = comparison.with_untracked(|c| c.as_ref().map_or(Ok(()), export));
        message.set(result.err());
    };
    let export_csv = move |_| {
        export_with(&|c| download("comparison.csv", "text/csv", &comparison_csv(c)));
    };
    // The workbook is made by the export worker from the scenarios compared (a second module,
    // loaded on first use), which works out the same comparison again.
    let preparing = RwSignal::new(false);
    let export_xlsx = move |_| {
        if comparison.with_untracked(Option::is_none) {
            return;
        }
        let job = Job::ComparisonWorkbook {
            baseline: untrack(|| choice.baseline_index()),
            scenarios: choice
                .selected
                .with_untracked(|sel| sel.iter().map(|c| c.scenario.clone()).collect()),
        };
        crate::export_worker::save_workbook(job, "comparison.xlsx".into(), preparing, message);
    };
    let share = move |_| {
        let shared = SharedComparison {
            baseline: untrack(|| choice.baseline_index()),
            scenarios: choice
                .selected
                .with_untracked(|sel| sel.iter().map(|c| c.scenario.clone()).collect()),
        };
        link.set(Some(comparison_address(&shared)));
    };
    view! {
        {move || comparison.with(Option::is_some).then(|| view! {
            <div class="toolbar">
                <button type="button" class="button button--secondary" on:click=share>"Share this comparison"</button>
                <button type="button" class="button button--secondary" on:click=export_csv>"Export comparison CSV"</button>
                <button type="button" class="button button--secondary" on:click=export_xlsx>"Export comparison Excel"</button>
            </div>
        })}
        {move || link.get().map(|url| view! {
            <div class="field share__field">
                <label class="field__label" for="comparison-link">"Comparison link"</label>
                <p class="field__hint">"Holds every scenario compared. Select it and copy it."</p>
                <input class="field__input field__input--text" id="comparison-link" type="text" readonly prop:value=url/>
            </div>
        })}
        {move || preparing.get().then(|| view! { <p class="notice" role="status">"Preparing the workbook…"</p> })}
        {move || message.get().map(|m| view! { <p class="notice notice--warning" role="alert">{m}</p> })}
    }
}
