//! A chart with its title, a "show as table" toggle giving the same figures, and a download of
//! the chart as SVG for slide decks.

use leptos::prelude::*;

use crate::charts::figure::{Figure, Table};
use crate::download::{download, download_png};

use super::measure::use_width;

/// The width charts are drawn at before their shown width is known, in CSS pixels.
pub const CHART_WIDTH: u32 = 680;
/// Narrower than this, a chart is drawn at this width and scaled down.
const MIN_WIDTH: u32 = 280;

#[component]
pub fn ChartFigure(
    /// Used for element ids and the downloaded file's name.
    #[prop(into)]
    id: String,
    /// The chart's figures; `None` before the first valid projection.
    #[prop(into)]
    data: Signal<Option<Figure>>,
    /// Whether the figures are out of date (a field is invalid).
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let show_table = RwSignal::new(false);
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = use_width(frame);
    // Drawn at the width it is shown at, so its text keeps the size it was drawn at.
    let drawn = Memo::new(move |_| {
        let w = width.get().unwrap_or(CHART_WIDTH).max(MIN_WIDTH);
        data.with(|d| d.as_ref().and_then(|d| d.svg(w).ok()))
    });
    let title = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| d.title().to_string())
                .unwrap_or_default()
        })
    };
    let summary = move || data.with(|d| d.as_ref().map(Figure::summary).unwrap_or_default());
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let table_id = format!("{id}-table");
    let save_error = RwSignal::new(None::<String>);
    let file = id.clone();
    let png_file = id.clone();
    view! {
        <figure class="chart" id=id.clone() class:chart--stale=move || stale.get() aria-labelledby=labelled_by>
            <figcaption class="chart__title" id=title_id>{title}</figcaption>
            <div class="chart__svg" role="img" aria-label=summary node_ref=frame
                inner_html=move || drawn.with(|d| d.as_ref().map(|(svg, _)| svg.clone()).unwrap_or_default())></div>
            <div class="chart__actions">
                <button type="button" class="button button--small button--secondary"
                    aria-expanded=move || show_table.get().to_string() aria-controls=table_id.clone()
                    on:click=move |_| show_table.update(|v| *v = !*v)>
                    {move || if show_table.get() { "Hide table" } else { "Show as table" }}
                </button>
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| {
                        if let Some((svg, _)) = drawn.get_untracked() {
                            save_error.set(download(&format!("{file}.svg"), "image/svg+xml", &svg).err());
                        }
                    }>"Download SVG"</button>
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| {
                        if let Some((svg, size)) = drawn.get_untracked() {
                            let shown = download_png(&format!("{png_file}.png"), &svg, size, move |e| save_error.set(Some(e)));
                            save_error.set(shown.err());
                        }
                    }>"Download PNG"</button>
            </div>
            {move || save_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            <div id=table_id hidden=move || !show_table.get()>
                // Built only while shown: hidden tables would be redrawn on every keystroke.
                {move || show_table.get().then(|| data.with(|d| d.as_ref().map(|d| view! { <FigureTable table=d.table()/> })))}
            </div>
        </figure>
    }
}

/// A chart's figures as a table: one row per category (or tier, or input).
#[component]
pub fn FigureTable(table: Table) -> impl IntoView {
    let Table {
        caption,
        head,
        rows,
    } = table;
    let mut head = head.into_iter();
    let corner = head.next().unwrap_or_default();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{corner}</th>
                    {head.map(|h| view! { <th scope="col" class="num">{h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(row, cells)| view! {
                        <tr>
                            <th scope="row">{row}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
