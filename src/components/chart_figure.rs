//! A chart with its title, a "show as table" toggle giving the same figures, and a download of
//! the chart as SVG for slide decks.

use leptos::prelude::*;

use crate::charts::bars::{svg, StackedBars};
use crate::download::{download, download_png};

use super::measure::use_width;

/// The size charts are drawn at before their width is known, in CSS pixels.
pub const CHART_SIZE: (u32, u32) = (680, 400);

/// A chart's height for its width: wide charts are shallower, so the first screen shows one.
pub fn chart_height(width: u32) -> u32 {
    (width as f64 * 0.5).clamp(260.0, 400.0) as u32
}

#[component]
pub fn ChartFigure(
    /// Used for element ids and the downloaded file's name.
    #[prop(into)]
    id: String,
    /// The chart's figures; `None` before the first valid projection.
    #[prop(into)]
    data: Signal<Option<StackedBars>>,
    /// Whether the figures are out of date (a field is invalid).
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    let show_table = RwSignal::new(false);
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = use_width(frame);
    // Drawn at the width it is shown at, so its text keeps the size it was drawn at.
    let size = Memo::new(move |_| {
        let w = width.get().unwrap_or(CHART_SIZE.0).max(240);
        (w, chart_height(w))
    });
    let drawn = Memo::new(move |_| {
        let (w, h) = size.get();
        data.with(|d| d.as_ref().and_then(|d| svg(d, w, h).ok()))
    });
    let title = move || data.with(|d| d.as_ref().map(|d| d.title.clone()).unwrap_or_default());
    let summary = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    let names: Vec<&str> = d.series.iter().map(|s| s.name.as_str()).collect();
                    let lines: Vec<&str> = d.lines.iter().map(|l| l.name.as_str()).collect();
                    let what = format!("{} by {}", d.value_axis, d.category_axis.to_lowercase());
                    let band = d.band.as_ref().map_or(String::new(), |b| {
                        format!(" A shaded band shows how far {} could spread over the simulation's draws (the middle 80% and 50% of draws) and its median.", b.name.to_lowercase())
                    });
                    let text = match (names.is_empty(), lines.is_empty()) {
                        (true, _) => format!("Line chart. {what}: a line for each of {}. Use “Show as table” for the figures.", lines.join(", ")),
                        (false, true) => format!("Bar chart. {what}: stacked bars for {}. Use “Show as table” for the figures.", names.join(", ")),
                        (false, false) => format!(
                            "Bar chart. {what}: stacked bars for {}; lines for {}. Use “Show as table” for the figures.",
                            names.join(", "),
                            lines.join(", ")
                        ),
                    };
                    format!("{text}{band}")
                })
                .unwrap_or_default()
        })
    };
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
                inner_html=move || drawn.get().unwrap_or_default()></div>
            <div class="chart__actions">
                <button type="button" class="button button--small button--secondary"
                    aria-expanded=move || show_table.get().to_string() aria-controls=table_id.clone()
                    on:click=move |_| show_table.update(|v| *v = !*v)>
                    {move || if show_table.get() { "Hide table" } else { "Show as table" }}
                </button>
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| {
                        if let Some(svg) = drawn.get_untracked() {
                            save_error.set(download(&format!("{file}.svg"), "image/svg+xml", &svg).err());
                        }
                    }>"Download SVG"</button>
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| {
                        if let Some(svg) = drawn.get_untracked() {
                            let shown = download_png(&format!("{png_file}.png"), &svg, size.get_untracked(), move |e| save_error.set(Some(e)));
                            save_error.set(shown.err());
                        }
                    }>"Download PNG"</button>
            </div>
            {move || save_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
            <div id=table_id hidden=move || !show_table.get()>
                // Built only while shown: four hidden tables would be redrawn on every keystroke.
                {move || show_table.get().then(|| data.get().map(|d| view! { <ChartTable data=d/> }))}
            </div>
        </figure>
    }
}

/// The chart's figures as a table: one row per category, one column per series and line.
#[component]
fn ChartTable(data: StackedBars) -> impl IntoView {
    let m = data.measure;
    let rows: Vec<_> = data
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let cells: Vec<String> = data
                .series
                .iter()
                .map(|s| m.format(s.values.get(c).copied().unwrap_or(0.0)))
                .collect();
            let total = m.format(data.total(c));
            let mut lines: Vec<String> = data
                .lines
                .iter()
                .map(|l| m.format(l.values.get(c).copied().unwrap_or(0.0)))
                .collect();
            if let Some(band) = &data.band {
                for values in [&band.p10, &band.p50, &band.p90] {
                    lines.push(m.format(values.get(c).copied().unwrap_or(f64::NAN)));
                }
            }
            (category.clone(), cells, total, lines)
        })
        .collect();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table">
                <caption class="visually-hidden">{data.title.clone()}</caption>
                <thead><tr>
                    <th scope="col">{data.category_axis.clone()}</th>
                    {data.series.iter().map(|s| view! { <th scope="col" class="num">{s.name.clone()}</th> }).collect_view()}
                    <th scope="col" class="num">"Total"</th>
                    {data.lines.iter().map(|l| view! { <th scope="col" class="num">{l.name.clone()}</th> }).collect_view()}
                    {data.band.as_ref().map(|b| ["P10", "Median", "P90"].map(|p| view! {
                        <th scope="col" class="num">{format!("{}: {p}", b.name)}</th>
                    }).collect_view())}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(category, cells, total, lines)| view! {
                        <tr>
                            <th scope="row">{category}</th>
                            {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            <td class="num"><strong>{total}</strong></td>
                            {lines.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
