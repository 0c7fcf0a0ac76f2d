//! Under the charts: which inputs matter most (a tornado over the ranged inputs), and "What would
//! it take?" (goal seek on any number input). The engine does the arithmetic
//! (`ap_engine::simulate`); this only asks and shows.

use ap_engine::edit::Edit;
use ap_engine::fields::Field;
use ap_engine::format::{academic_year, count, financial_year, money};
use ap_engine::money::Basis;
use ap_engine::simulate::goal::{goal_seek, levers, say, Answer, Goal};
use ap_engine::simulate::tornado::{outputs, tornado, Output, Tornado};
use ap_engine::Scenario;
use leptos::prelude::*;

use super::measure::use_width;
use crate::charts::bars::Measure;
use crate::charts::figure::Figure;
use crate::charts::tornado::TornadoChart;
use crate::download::{download, download_png};
use crate::state::{use_app_state, AppState};

#[component]
pub fn WhatMatters() -> impl IntoView {
    let state = use_app_state();
    // The figure chosen, by its place in the engine's list of tornado outputs.
    let chosen = RwSignal::new(0usize);
    let result = Memo::new(move |_| {
        let n = chosen.get();
        state.last_good.with(|g| {
            g.as_ref()
                .filter(|(s, _)| !s.ranges.is_empty())
                .and_then(|(s, _)| {
                    let out = *outputs(s).get(n)?;
                    tornado(s, out).ok().map(|t| (t, out.is_money()))
                })
        })
    });
    let options = Memo::new(move |_| {
        state
            .scenario
            .with(|s| outputs(s).iter().map(|o| o.label(s)).collect::<Vec<_>>())
    });
    let output_label = Memo::new(move |_| {
        let n = chosen.get();
        options.with(|o| o.get(n).cloned().unwrap_or_default())
    });
    // Built once while there are ranges, not on every edit: the chart keeps its size observer
    // and the figure select keeps focus while the figures change.
    let shown = Memo::new(move |_| result.with(Option::is_some));
    move || {
        shown.get().then(|| {
            view! {
                <section class="panel-section" aria-labelledby="tornado-title">
                    <h3 class="subheading" id="tornado-title">"Which ranges matter most"</h3>
                    <p class="field__hint">
                        "Each ranged input moved to its low end and to its high end, with every other input at the value typed."
                    </p>
                    <div class="field">
                        <label class="field__label" for="tornado-output">"Figure"</label>
                        <select class="field__select" id="tornado-output" on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {move || options.get().into_iter().enumerate().map(|(n, label)| {
                                let selected = n == chosen.get_untracked();
                                view! { <option value=n.to_string() selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <TornadoFigure result title=output_label/>
                    {move || result.get().map(|(t, money_out)| view! { <TornadoTable tornado=t money_out/> })}
                </section>
            }
        })
    }
}

/// The tornado as a table whose rows carry bars: the swing of each input, largest first.
#[component]
pub fn TornadoTable(tornado: Tornado, money_out: bool) -> impl IntoView {
    let show = move |v: f64| if money_out { money(v) } else { count(v) };
    let widest = tornado
        .bars
        .iter()
        .map(|b| b.swing())
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let central = tornado.central;
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table tornado">
                <caption class="visually-hidden">"Which ranges matter most, largest swing first"</caption>
                <thead><tr>
                    <th scope="col">"Input"</th>
                    <th scope="col" class="num">"At its low end"</th>
                    <th scope="col" class="num">"At its high end"</th>
                    <th scope="col">"Swing"</th>
                </tr></thead>
                <tbody>
                    {tornado.bars.into_iter().map(|b| {
                        let share = b.swing() / widest * 100.0;
                        let up = b.at_high >= b.at_low;
                        view! {
                            <tr>
                                <th scope="row">{b.label.clone()}</th>
                                <td class="num">{show(b.at_low)}</td>
                                <td class="num">{show(b.at_high)}</td>
                                <td>
                                    <span class="tornado__bar" style:width=format!("{share:.1}%")></span>
                                    <span class="tornado__value">{format!("{} {}", show(b.swing()), if up { "higher at the high end" } else { "lower at the high end" })}</span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="field__hint">{format!("With every input at the value typed: {}.", show(central))}</p>
    }
}

/// The targets goal seek offers, by key.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    WithinBudget(Basis),
    Cumulative(Basis),
    NoShortfall,
}

impl Target {
    fn key(self) -> &'static str {
        match self {
            Target::WithinBudget(Basis::Academic) => "budget",
            Target::WithinBudget(Basis::Financial) => "budget-fy",
            Target::Cumulative(Basis::Academic) => "cumulative",
            Target::Cumulative(Basis::Financial) => "cumulative-fy",
            Target::NoShortfall => "shortfall",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Target::WithinBudget(Basis::Academic) => "Spend within the budget in the academic year",
            Target::WithinBudget(Basis::Financial) => {
                "Spend within the budget in the financial year"
            }
            Target::Cumulative(Basis::Academic) => {
                "No cumulative deficit at the end of the academic year"
            }
            Target::Cumulative(Basis::Financial) => {
                "No cumulative deficit at the end of the financial year (31 March)"
            }
            Target::NoShortfall => "No spot-purchased or unmet places in the tier in the year",
        }
    }

    /// The years the target can be met in, in its basis.
    fn financial(self) -> bool {
        matches!(
            self,
            Target::WithinBudget(Basis::Financial) | Target::Cumulative(Basis::Financial)
        )
    }
}

const TARGETS: [Target; 5] = [
    Target::WithinBudget(Basis::Academic),
    Target::WithinBudget(Basis::Financial),
    Target::Cumulative(Basis::Academic),
    Target::Cumulative(Basis::Financial),
    Target::NoShortfall,
];

/// The inputs a goal seek may move, as (address, name) for a choice.
fn lever_options(s: &Scenario) -> Vec<(String, String)> {
    levers(s)
        .into_iter()
        .map(|f| (f.to_string(), f.describe(s)))
        .collect()
}

#[component]
pub fn WhatWouldItTake() -> impl IntoView {
    let state = use_app_state();
    let target = RwSignal::new(Target::WithinBudget(Basis::Academic));
    let year_index = RwSignal::new(0usize);
    let tier = RwSignal::new(0usize);
    let lever = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<(Field, Answer, String)>);
    // Academic years, or the financial years they fall in (one more: the first and last are
    // only partly projected).
    let years = Memo::new(move |_| {
        let financial = target.get().financial();
        state.scenario.with(|s| {
            let n = s.timeline.horizon as usize + usize::from(financial);
            (0..n)
                .map(|t| {
                    let y = s.timeline.year(t);
                    if financial {
                        financial_year(y)
                    } else {
                        academic_year(y)
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let tiers = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.tiers.iter().map(|t| t.name.clone()).collect::<Vec<_>>())
    });
    let lever_options = Memo::new(move |_| state.scenario.with(lever_options));
    let find = move |_| {
        let Ok(field) = lever.get_untracked().parse::<Field>() else {
            answer.set(None);
            return;
        };
        let result = state.last_good.with_untracked(|g| {
            let (s, _) = g.as_ref()?;
            let year = s.timeline.year(year_index.get_untracked());
            let goal = match target.get_untracked() {
                Target::WithinBudget(basis) => Goal::WithinBudget { year, basis },
                Target::Cumulative(basis) => Goal::CumulativeWithinBudget { year, basis },
                Target::NoShortfall => Goal::NoShortfall {
                    tier: tier.get_untracked(),
                    year,
                },
            };
            let found = goal_seek(s, goal, field).ok()?;
            let words = say(s, goal, field, &found);
            Some((field, found, words))
        });
        answer.set(result);
    };
    let apply_answer = move |_| {
        if let Some((field, Answer::Reach { value, .. }, _)) = answer.get_untracked() {
            if apply(state, field, value) {
                answer.set(None);
            }
        }
    };
    view! {
        <section class="panel-section" aria-labelledby="goal-title">
            <h3 class="subheading" id="goal-title">"What would it take?"</h3>
            <p class="field__hint">"Choose a target and one input to change: the value that input must reach, inside its allowed range."</p>
            <div class="field-row">
                <div class="field">
                    <label class="field__label" for="goal-target">"Target"</label>
                    <select class="field__select" id="goal-target" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(t) = TARGETS.into_iter().find(|t| t.key() == key) { target.set(t); }
                    }>
                        {TARGETS.map(|t| view! { <option value=t.key()>{t.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="goal-year">"Year"</label>
                    <select class="field__select" id="goal-year" on:change=move |ev| year_index.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || years.get().into_iter().enumerate().map(|(t, y)| view! {
                            <option value=t.to_string() selected=move || year_index.get() == t>{y}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || (target.get() == Target::NoShortfall).then(|| view! {
                    <div class="field">
                        <label class="field__label" for="goal-tier">"Tier"</label>
                        <select class="field__select" id="goal-tier" on:change=move |ev| tier.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {move || tiers.get().into_iter().enumerate().map(|(k, name)| view! {
                                <option value=k.to_string() selected=move || tier.get() == k>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
            </div>
            <LeverChoice id="goal-lever".to_string() options=lever_options chosen=lever/>
            <button type="button" class="button button--secondary" on:click=find>"Find the value"</button>
            <div aria-live="polite">
                {move || answer.get().map(|(_, found, words)| view! {
                    <p class="goal__answer" data-testid="goal-answer">{words}</p>
                    {matches!(found, Answer::Reach { .. }).then(|| view! {
                        <button type="button" class="button" on:click=apply_answer>"Apply this value"</button>
                    })}
                })}
            </div>
        </section>
    }
}

/// Set `field` to the value goal seek found, as one undoable edit; false if it was refused.
fn apply(state: AppState, field: Field, value: f64) -> bool {
    state.apply(Edit::number(field, value)).is_ok()
}

/// For a scenario compared with a baseline: which of its ranges move the net saving most, and
/// what one input would have to be for it to pay back by a chosen year.
#[component]
pub fn CaseUncertainty(baseline: Scenario, scenario: Scenario) -> impl IntoView {
    let tornado = (!scenario.ranges.is_empty())
        .then(|| {
            tornado(
                &scenario,
                Output::NetSaving {
                    baseline: &baseline,
                },
            )
            .ok()
        })
        .flatten()
        .filter(|t| !t.bars.is_empty());
    let years: Vec<(i32, String)> = (0..scenario.timeline.horizon as usize)
        .map(|t| scenario.timeline.year(t))
        .map(|y| (y, academic_year(y)))
        .collect();
    let year = RwSignal::new(years.last().map_or(0, |(y, _)| *y));
    let lever = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<String>);
    let options = Signal::stored(lever_options(&scenario));
    // Each case on the page gets its own ids.
    static CASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id = |what: &str| format!("payback-{what}-{n}");
    let (year_id, lever_id) = (id("year"), id("lever"));
    let find = {
        let (baseline, scenario) = (baseline.clone(), scenario.clone());
        move |_| {
            let Ok(field) = lever.get_untracked().parse::<Field>() else {
                answer.set(None);
                return;
            };
            let goal = Goal::PaybackBy {
                year: year.get_untracked(),
                baseline: &baseline,
            };
            answer.set(
                goal_seek(&scenario, goal, field)
                    .ok()
                    .map(|found| say(&scenario, goal, field, &found)),
            );
        }
    };
    view! {
        {tornado.map(|t| view! {
            <h4 class="subheading">"Which ranges matter most for the net saving"</h4>
            <TornadoTable tornado=t money_out=true/>
        })}
        <h4 class="subheading">"What would it take to pay back?"</h4>
        <div class="field-row">
            <div class="field">
                <label class="field__label" for=year_id.clone()>"Pay back by"</label>
                <select class="field__select" id=year_id on:change=move |ev| year.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {years.into_iter().map(|(y, label)| view! {
                        <option value=y.to_string() selected=move || year.get() == y>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <LeverChoice id=lever_id options=options chosen=lever/>
        </div>
        <button type="button" class="button button--secondary" on:click=find>"Find the value"</button>
        <p class="goal__answer" aria-live="polite" data-testid="payback-answer">{move || answer.get()}</p>
    }
}

/// The tornado as a chart, with downloads for slides like the other charts. `result` is the
/// tornado and whether its figure is money; `title` names that figure.
#[component]
fn TornadoFigure(result: Memo<Option<(Tornado, bool)>>, title: Memo<String>) -> impl IntoView {
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = use_width(frame);
    // Drawn at the width it is shown at, so its text keeps the size it was drawn at.
    let drawn = Memo::new(move |_| {
        let width = width.get().unwrap_or(TORNADO_WIDTH).max(300);
        result.with(|r| {
            r.as_ref().and_then(|(tornado, money_out)| {
                Figure::from(tornado_chart(tornado, *money_out, title.get()))
                    .svg(width)
                    .ok()
            })
        })
    });
    let save_error = RwSignal::new(None::<String>);
    let summary = move || {
        format!(
            "Tornado chart of {}: for each ranged input, a bar from the figure with every input at its value to the figure with that input at its low end (filled) and at its high end (outlined), largest swing first. The table below gives the figures.",
            title.with(|t| t.to_lowercase())
        )
    };

    view! {
        <figure class="chart" id="chart-tornado">
            <figcaption class="chart__title">{move || format!("Which ranges matter most: {}", title.get())}</figcaption>
            <div class="chart__svg" role="img" aria-label=summary node_ref=frame inner_html=move || drawn.with(|d| d.as_ref().map(|(svg, _)| svg.clone()).unwrap_or_default())></div>
            <div class="chart__actions">
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| if let Some((svg, _)) = drawn.get_untracked() {
                        save_error.set(download("chart-tornado.svg", "image/svg+xml", &svg).err());
                    }>"Download SVG"</button>
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| if let Some((svg, size)) = drawn.get_untracked() {
                        let shown = download_png("chart-tornado.png", &svg, size, move |e| save_error.set(Some(e)));
                        save_error.set(shown.err());
                    }>"Download PNG"</button>
            </div>
            {move || save_error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
        </figure>
    }
}

/// The tornado's figures as a chart titled `title`.
fn tornado_chart(tornado: &Tornado, money_out: bool, title: String) -> TornadoChart {
    TornadoChart {
        title,
        measure: if money_out {
            Measure::Money
        } else {
            Measure::Pupils
        },
        central: tornado.central,
        rows: tornado
            .bars
            .iter()
            .map(|b| (b.label.clone(), b.at_low, b.at_high))
            .collect(),
    }
}

/// The width tornado charts are drawn at, in SVG user units (they scale to their container).
const TORNADO_WIDTH: u32 = 680;

/// "Input to change": the number inputs a goal seek may move, by address.
#[component]
fn LeverChoice(
    id: String,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>"Input to change"</label>
            <select class="field__select" id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"Choose an input"</option>
                {move || options.get().into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
            </select>
        </div>
    }
}
