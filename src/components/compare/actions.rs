//! Taking a comparison elsewhere: one link holding every scenario compared, and the comparison
//! as a CSV file or an Excel workbook, both written from the [`Comparison`] the page shows.

use ap_engine::compare::Comparison;
use ap_engine::link::SharedComparison;
use ap_exports::csv::comparison_csv;
use ap_exports::xlsx::comparison_workbook;
use leptos::prelude::*;

use super::picker::Choice;
use crate::download::{download, download_bytes};
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
    let export_xlsx = move |_| {
        export_with(&|c| {
            comparison_workbook(c)
                .map_err(|e| format!("The workbook could not be made ({e})."))
                .and_then(|bytes| {
                    download_bytes(
                        "comparison.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    )
                })
        });
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
        {move || message.get().map(|m| view! { <p class="notice notice--warning" role="alert">{m}</p> })}
    }
}
