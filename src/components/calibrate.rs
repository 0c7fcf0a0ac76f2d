//! "Calibrate from history…": read an LA's history file (chosen or dropped; read in this
//! browser, never sent anywhere), list its bad rows with their line numbers and the names that
//! match nothing, and show the fit against the working scenario: each series' actual against
//! fitted (chart and table, MAPE), the one-year hold-out backtest, and the fitted values with
//! checkboxes. "Apply" sets the chosen values (and, if asked, their 80% intervals as ranges) as
//! one edit, which one Undo takes back. The reading and fitting are the engine's
//! (`ap_engine::history`); this file only shows them.

use std::collections::HashSet;

use ap_engine::examples::EXAMPLES;
use ap_engine::fields::Field;
use ap_engine::format::{academic_year, percent, plain, signed_percent};
use ap_engine::history::{
    applied_value, apply_edit, backtest, fit, parse, Backtest, BacktestError, Fit, History, Series,
    MAX_HISTORY_BYTES,
};
use leptos::prelude::*;

use crate::charts::data;
use crate::charts::figure::Figure;
use crate::components::chart_figure::CHART_WIDTH;
use crate::components::file_drop::{read_text, FileDrop};
use crate::components::measure::use_width;
use crate::lazy::FoldedLater;
use crate::state::{use_app_state, AppState};

/// The file read, or why it could not be.
type Loaded = (String, Result<History, String>);

fn read_file(loaded: RwSignal<Option<Loaded>>, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_HISTORY_BYTES as f64 {
        loaded.set(Some((
            name,
            Err(
                "the file is larger than 2 MB, more than any history file needs; it was not read"
                    .into(),
            ),
        )));
        return;
    }
    read_text(file, move |text| {
        let result = match text {
            Some(text) => parse(&text).map_err(|e| e.to_string()),
            None => Err("the file could not be read".into()),
        };
        loaded.set(Some((name, result)));
    });
}

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), percent)
}

/// "Calibrate from history…", folded: its body is fetched the first time it is opened
/// (`crate::lazy`).
#[component]
pub fn Calibrate() -> impl IntoView {
    view! {
        <FoldedLater id="section-calibrate" class="calibrate" title="Calibrate from history…"
            load=crate::lazy::calibrate/>
    }
}

/// Choosing a history file, what was read, the fit and applying it.
#[component]
pub fn CalibrateBody() -> impl IntoView {
    let state = use_app_state();
    let loaded = RwSignal::new(None::<Loaded>);
    let unchosen = RwSignal::new(HashSet::<Field>::new());
    let with_ranges = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    // The fit follows the working scenario, so after Apply its current values are the fitted ones.
    let result = Memo::new(move |_| {
        loaded.with(|l| match l {
            Some((_, Ok(h))) => {
                let s = state.scenario.get();
                Some((fit(&s, h), backtest(&s, h)))
            }
            _ => None,
        })
    });
    let take = move |file: web_sys::File| {
        unchosen.set(HashSet::new());
        message.set(None);
        read_file(loaded, file);
    };
    view! {
            <div class="section__body">
                <p class="field__hint">
                    "Fit this scenario's rates, trends, stays, exit shares and starting pupils to your own counts: one row per academic year, phase and tier, in the template described in docs/history.md. The file is read in this browser; nothing is sent anywhere."
                </p>
                <p class="field__hint">"Example history files (synthetic, made from each built-in example): "
                    {EXAMPLES.iter().map(|e| view! {
                        <a class="calibrate__example" href=format!("{}-history.csv", e.key) download=format!("{}-history.csv", e.key)>
                            {format!("{} (CSV)", e.title)}
                        </a>" "
                    }).collect_view()}
                </p>
                <FileDrop id="history-file" label="History file (CSV)"
                    hint="Choose a .csv file here or drop it on this box." accept=".csv,text/csv" on_file=take/>
                {move || loaded.with(|l| l.as_ref().map(|(name, r)| match r {
                    Err(e) => view! {
                        <p class="notice notice--warning" role="alert">{format!("“{name}” cannot be used: {e}.")}</p>
                    }.into_any(),
                    Ok(h) => view! { <FileSummary name=name.clone() history=h.clone()/> }.into_any(),
                }))}
                {move || result.get().map(|(f, b)| view! {
                    <FitView state fit=f backtest=b unchosen with_ranges message/>
                })}
            </div>
    }
}

/// What was read: rows, bad rows with their lines, columns not in the template.
#[component]
fn FileSummary(name: String, history: History) -> impl IntoView {
    let bad = history.errors.len();
    view! {
        <p role="status">{format!(
            "“{name}”: {} rows read{}.",
            history.rows.len(),
            if bad == 0 { String::new() } else { format!(", {bad} left out (below)") }
        )}</p>
        {(bad > 0).then(|| view! {
            <div class="notice notice--warning" role="alert">
                <h3 class="calibrate__heading">{format!("Rows left out ({bad})")}</h3>
                <ul class="calibrate__list">
                    {history.errors.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}
                </ul>
            </div>
        })}
        {(!history.ignored_columns.is_empty()).then(|| view! {
            <p class="field__hint">{format!("Columns not in the template, ignored: {}.", history.ignored_columns.join(", "))}</p>
        })}
    }
}

#[component]
fn FitView(
    state: AppState,
    fit: Fit,
    backtest: Result<Backtest, BacktestError>,
    unchosen: RwSignal<HashSet<Field>>,
    with_ranges: RwSignal<bool>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let suggestions = StoredValue::new(fit.suggestions.clone());
    let fields: Vec<Field> = fit.suggestions.iter().map(|s| s.field).collect();
    let count_chosen = {
        let fields = fields.clone();
        move || unchosen.with(|u| fields.iter().filter(|f| !u.contains(f)).count())
    };
    let all = fields.clone();
    let apply = move |_| {
        let chosen: Vec<_> = suggestions.with_value(|list| {
            unchosen.with(|u| {
                list.iter()
                    .filter(|s| !u.contains(&s.field))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        if chosen.is_empty() {
            message.set(Some("Choose at least one value to apply.".into()));
            return;
        }
        let refs: Vec<_> = chosen.iter().collect();
        let edit = state
            .scenario
            .with_untracked(|s| apply_edit(s, &refs, with_ranges.get_untracked()));
        message.set(Some(match state.apply(edit) {
            Ok(()) => format!(
                "Applied {} fitted value{}. Undo takes them all back in one step.",
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" }
            ),
            Err(e) => format!("The fit could not be applied: {e}. Nothing was changed."),
        }));
    };
    let unmatched = fit.unmatched.clone();
    let la = fit.la_trend;
    view! {
        {(!unmatched.is_empty()).then(|| view! {
            <div class="notice notice--warning" role="alert">
                <h3 class="calibrate__heading">"Names that match nothing in this scenario (those rows are not used)"</h3>
                <ul class="calibrate__list">
                    {unmatched.phases.iter().map(|(n, lines)| view! {
                        <li>{format!("Phase “{n}” (lines {})", lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", "))}</li>
                    }).collect_view()}
                    {unmatched.tiers.iter().map(|(n, lines)| view! {
                        <li>{format!("Tier “{n}” (lines {})", lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", "))}</li>
                    }).collect_view()}
                </ul>
                <p class="field__hint">"Names are matched to the scenario's phase and tier names or ids, ignoring capitals."</p>
            </div>
        })}
        <h3 class="calibrate__heading">"How well the fit does"</h3>
        <ul class="calibrate__list">
            {la.map(|t| view! { <li>{format!(
                "Demand trend of all tiers together: {}% a year{}.",
                plain(t.pct, 2),
                t.se_pp.map_or(String::new(), |se| format!(" (standard error {} percentage points)", plain(se, 2)))
            )}</li> })}
            {match &backtest {
                Ok(b) => view! { <li data-testid="backtest-summary">{format!(
                    "Backtest: fitted on {} to {} and projected {}: mean absolute error {}.",
                    b.fitted_on.first().map_or("–".into(), |y| academic_year(*y)),
                    b.fitted_on.last().map_or("–".into(), |y| academic_year(*y)),
                    academic_year(b.year),
                    pct(b.mape())
                )}</li> }.into_any(),
                Err(e) => view! { <li>{format!("No backtest: {e}.")}</li> }.into_any(),
            }}
        </ul>
        <h3 class="calibrate__heading">"Fitted values"</h3>
        {(!fit.notes.is_empty()).then(|| view! {
            <ul class="calibrate__list calibrate__notes">
                {fit.notes.iter().map(|n| view! { <li>{n.message.clone()}</li> }).collect_view()}
            </ul>
        })}
        <div class="toolbar">
            <button type="button" class="button button--small button--secondary"
                on:click=move |_| unchosen.set(HashSet::new())>"Choose all"</button>
            <button type="button" class="button button--small button--secondary"
                on:click=move |_| unchosen.set(all.iter().copied().collect())>"Choose none"</button>
        </div>
        <div class="table-wrap" tabindex="0">
            <table class="table calibrate__table">
                <caption class="visually-hidden">"Fitted values to apply"</caption>
                <thead><tr>
                    <th scope="col">"Apply"</th>
                    <th scope="col">"Input"</th>
                    <th scope="col" class="num">"Now"</th>
                    <th scope="col" class="num">"Fitted"</th>
                    <th scope="col" class="num">"80% interval"</th>
                    <th scope="col">"Fitted from"</th>
                </tr></thead>
                <tbody>
                    {fit.suggestions.iter().enumerate().map(|(n, sg)| {
                        let field = sg.field;
                        let id = format!("calibrate-choose-{n}");
                        let suffix = sg.field.spec().suffix;
                        view! {
                            <tr>
                                <td>
                                    <input type="checkbox" id=id.clone()
                                        prop:checked=move || unchosen.with(|u| !u.contains(&field))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            unchosen.update(|u| { if on { u.remove(&field); } else { u.insert(field); } });
                                        }/>
                                    <label class="visually-hidden" for=id>{format!("Apply {}", sg.label)}</label>
                                </td>
                                <th scope="row">{sg.label.clone()}</th>
                                <td class="num">{format!("{} {suffix}", plain(sg.current, 3))}</td>
                                <td class="num">{format!("{} {suffix}", plain(applied_value(sg), 3))}</td>
                                <td class="num">{sg.interval.map_or("–".into(), |(lo, hi)| format!("{} to {}", plain(lo, 3), plain(hi, 3)))}</td>
                                <td>{sg.basis.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <div class="checkbox">
            <input type="checkbox" id="calibrate-ranges"
                prop:checked=move || with_ranges.get()
                on:change=move |ev| with_ranges.set(event_target_checked(&ev))/>
            <label for="calibrate-ranges">"Also set each fitted value's 80% interval as the input's range of uncertainty"</label>
        </div>
        <div class="toolbar">
            <button type="button" class="button" on:click=apply>
                {move || format!("Apply {} chosen value{}", count_chosen(), if count_chosen() == 1 { "" } else { "s" })}
            </button>
        </div>
        {move || message.get().map(|m| view! { <p role="status" class="calibrate__message">{m}</p> })}
        <h3 class="calibrate__heading">"Actual against fitted"</h3>
        <p class="field__hint">"Each chart starts at zero. MAPE is the mean absolute percentage error over the years shown."</p>
        {fit.series.iter().map(|s| view! { <SeriesView series=s.clone()/> }).collect_view()}
        {backtest.ok().map(|b| view! { <BacktestTable backtest=b/> })}
    }
}

#[component]
fn SeriesView(series: Series) -> impl IntoView {
    let figure = Figure::from(data::fit_series(&series));
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = use_width(frame);
    // Drawn at the width it is shown at, so its text keeps the size it was drawn at.
    let drawn = Memo::new(move |_| {
        let w = width.get().unwrap_or(CHART_WIDTH).max(280);
        figure.svg(w).map(|(svg, _)| svg).unwrap_or_default()
    });
    let title = format!("{} (MAPE {})", series.title(), pct(series.mape()));
    let summary = format!(
        "Line chart of {} by academic year: actual (circles) against fitted (triangles). The table below gives the figures.",
        series.title()
    );
    view! {
        <figure class="chart calibrate__series">
            <figcaption class="chart__title">{title.clone()}</figcaption>
            <div class="chart__svg" role="img" aria-label=summary node_ref=frame inner_html=move || drawn.get()></div>
            <div class="table-wrap" tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr>
                        <th scope="col">"Academic year"</th>
                        <th scope="col" class="num">"Actual"</th>
                        <th scope="col" class="num">"Fitted"</th>
                        <th scope="col" class="num">"Difference"</th>
                    </tr></thead>
                    <tbody>
                        {series.points.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{academic_year(p.year)}</th>
                                <td class="num">{plain(p.actual, 1)}</td>
                                <td class="num">{plain(p.fitted, 1)}</td>
                                <td class="num">{signed_percent(p.difference_pct())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

#[component]
fn BacktestTable(backtest: Backtest) -> impl IntoView {
    let caption = format!(
        "Backtest: {} projected from the fit to the years before it",
        academic_year(backtest.year)
    );
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table" data-testid="backtest">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">"Figure"</th>
                    <th scope="col" class="num">"Actual"</th>
                    <th scope="col" class="num">"Projected"</th>
                    <th scope="col" class="num">"Error"</th>
                </tr></thead>
                <tbody>
                    {backtest.lines.iter().map(|l| view! {
                        <tr>
                            <th scope="row">{format!("{} · {}", l.owner, l.kind.label())}</th>
                            <td class="num">{plain(l.actual, 1)}</td>
                            <td class="num">{plain(l.projected, 1)}</td>
                            <td class="num">{signed_percent(l.error_pct())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
