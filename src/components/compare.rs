//! Compare two to four scenarios against a baseline: places and spend per year on one chart
//! each, the per-year differences, the invest-to-save case and which inputs differ.

use ap_engine::compare::{against_baseline, comparison_csv, year_index, Payback};
use ap_engine::diff::differences;
use ap_engine::examples::EXAMPLES;
use ap_engine::format::{academic_year, count, money, plain};
use ap_engine::{project, Projection, Scenario};
use leptos::prelude::*;

use super::chart_figure::ChartFigure;
use super::share::page_address;
use crate::charts::bars::Measure;
use crate::charts::data::compared;
use crate::download::{download, download_bytes};
use crate::library;
use crate::state::use_app_state;
use ap_engine::link::{encode_comparison, Comparison, COMPARISON_KEY};

/// A scenario that can be compared: a key for the form, a label, and the scenario.
#[derive(Clone, PartialEq)]
struct Candidate {
    key: String,
    label: String,
    scenario: Scenario,
}

/// An export of the compared scenarios: given the baseline's position and the projected scenarios.
type Export = dyn Fn(usize, &[(&Scenario, &Projection)]) -> Result<(), String>;

fn payback_text(p: Payback) -> String {
    match p {
        Payback::Year(y) => academic_year(y),
        Payback::NotWithinHorizon => "Not within the horizon".into(),
        Payback::NoExtraInvestment => "No extra investment".into(),
    }
}

#[component]
pub fn CompareView(
    /// A comparison opened from a link: only its scenarios, read-only.
    #[prop(optional)]
    shared: Option<Comparison>,
) -> impl IntoView {
    let state = use_app_state();
    let from_link: Option<Vec<Candidate>> = shared.as_ref().map(|c| {
        c.scenarios
            .iter()
            .enumerate()
            .map(|(n, s)| Candidate {
                key: format!("shared:{n}"),
                label: format!("{}. {}", n + 1, s.meta.name),
                scenario: s.clone(),
            })
            .collect()
    });
    let is_shared = from_link.is_some();
    let candidates = Memo::new(move |_| {
        if let Some(list) = &from_link {
            return list.clone();
        }
        state.library_version.track();
        let mut list = vec![Candidate {
            key: "working".into(),
            label: format!(
                "Working scenario: {}",
                state.scenario.with(|s| s.meta.name.clone())
            ),
            scenario: state.scenario.get(),
        }];
        if let Ok(entries) = library::list() {
            list.extend(entries.into_iter().filter_map(|e| {
                e.content.ok().map(|stored| Candidate {
                    key: format!("saved:{}", e.id),
                    label: format!("Saved: {}", stored.scenario.meta.name),
                    scenario: stored.scenario,
                })
            }));
        }
        list.extend(EXAMPLES.iter().map(|ex| Candidate {
            key: format!("example:{}", ex.key),
            label: format!("Example: {}", ex.title),
            scenario: (ex.build)(),
        }));
        list
    });
    let (first_chosen, first_baseline) = match &shared {
        Some(c) => (
            (0..c.scenarios.len())
                .map(|n| format!("shared:{n}"))
                .collect(),
            format!("shared:{}", c.baseline),
        ),
        None => (
            vec![
                "example:dfe-three-tier".to_string(),
                "example:dfe-early-intervention".to_string(),
            ],
            "example:dfe-three-tier".to_string(),
        ),
    };
    let chosen = RwSignal::new(first_chosen);
    let baseline = RwSignal::new(first_baseline);
    let selected = Memo::new(move |_| {
        let keys = chosen.get();
        candidates.with(|all| {
            keys.iter()
                .filter_map(|k| all.iter().find(|c| &c.key == k))
                .map(|c| {
                    (
                        c.key.clone(),
                        c.label.clone(),
                        c.scenario.clone(),
                        project(&c.scenario).ok(),
                    )
                })
                .collect::<Vec<(String, String, Scenario, Option<Projection>)>>()
        })
    });
    let link = RwSignal::new(None::<String>);
    let export_message = RwSignal::new(None::<String>);
    // Run `export` on the chosen scenarios that project, with the baseline's position among them.
    let export_with = move |export: &Export| {
        let base = baseline.get_untracked();
        let result = selected.with_untracked(|sel| {
            let projected: Vec<(&Scenario, &Projection)> = sel
                .iter()
                .filter_map(|(_, _, s, p)| p.as_ref().map(|p| (s, p)))
                .collect();
            let index = sel.iter().position(|(k, ..)| *k == base).unwrap_or(0);
            export(index, &projected)
        });
        export_message.set(result.err());
    };
    let export_xlsx = move |_| {
        export_with(&|index, projected| {
            ap_engine::xlsx::comparison_workbook(index, projected)
                .map_err(|e| format!("The workbook could not be made ({e})."))
                .and_then(|bytes| {
                    download_bytes(
                        "comparison.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    )
                })
        })
    };
    let share = move |_| {
        let base = baseline.get_untracked();
        let c = selected.with_untracked(|sel| Comparison {
            baseline: sel.iter().position(|(k, ..)| *k == base).unwrap_or(0),
            scenarios: sel.iter().map(|(_, _, s, _)| s.clone()).collect(),
        });
        let address = page_address();
        link.set(Some(format!(
            "{address}#{COMPARISON_KEY}{}",
            encode_comparison(&c)
        )));
    };
    let export = move |_| {
        export_with(&|index, projected| {
            download(
                "comparison.csv",
                "text/csv",
                &comparison_csv(index, projected),
            )
        })
    };
    let problem = move || {
        let n = chosen.with(Vec::len);
        if !(2..=4).contains(&n) {
            Some(format!(
                "Choose two to four scenarios to compare ({n} chosen)."
            ))
        } else {
            selected.with(|s| {
                s.iter()
                    .find(|(_, _, _, p)| p.is_none())
                    .map(|(_, label, _, _)| format!("“{label}” has problems to fix in the workspace before it can be compared."))
            })
        }
    };
    let chart = move |measure: Measure| {
        Signal::derive(move || {
            if problem().is_some() {
                return None;
            }
            selected.with(|sel| {
                let (_, _, first, first_pr) = sel.first()?;
                let first_pr = first_pr.as_ref()?;
                let years: Vec<String> = (0..first_pr.years)
                    .map(|t| academic_year(first.timeline.year(t)))
                    .collect();
                let lines = sel
                    .iter()
                    .filter_map(|(_, label, s, pr)| {
                        let pr = pr.as_ref()?;
                        let values = (0..first_pr.years)
                            .map(|t| {
                                year_index(s, pr, first.timeline.year(t)).map_or(f64::NAN, |st| {
                                    match measure {
                                        Measure::Pupils => pr.total_places(st),
                                        Measure::Money => pr.year(st).total_spend,
                                    }
                                })
                            })
                            .collect();
                        Some((label.clone(), values))
                    })
                    .collect();
                Some(match measure {
                    Measure::Pupils => compared(
                        "Places needed per year, all tiers",
                        measure,
                        "Places (average pupils in the year)",
                        years,
                        lines,
                    ),
                    Measure::Money => compared(
                        "Spend per year",
                        measure,
                        "Spend (£, each year's prices)",
                        years,
                        lines,
                    ),
                })
            })
        })
    };
    let comparisons = move || {
        if problem().is_some() {
            return Vec::new();
        }
        let base_key = baseline.get();
        selected.with(|sel| {
            let Some((_, base_label, bs, Some(bp))) =
                sel.iter().find(|(k, ..)| *k == base_key).or(sel.first())
            else {
                return Vec::new();
            };
            sel.iter()
                .filter(|(k, ..)| *k != base_key)
                .filter_map(|(_, label, s, pr)| {
                    let pr = pr.as_ref()?;
                    Some((
                        base_label.clone(),
                        label.clone(),
                        against_baseline((bs, bp), (s, pr)),
                        differences(bs, s),
                        s.tiers.last().map(|t| t.name.clone()).unwrap_or_default(),
                    ))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel compare" aria-labelledby="compare-title">
            <h2 id="compare-title" class="panel__title">{if is_shared { "Shared comparison" } else { "Compare scenarios" }}</h2>
            {is_shared.then(|| view! {
                <p class="shared-banner">"Opened from a link, read-only. Nothing in your saved scenarios has changed."</p>
            })}
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Scenarios to compare (two to four)"</legend>
                {move || candidates.get().into_iter().map(|c| {
                    let key = c.key.clone();
                    let checked_key = key.clone();
                    let id = format!("compare-{}", c.key.replace([':', '.'], "-"));
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone()
                                prop:checked=move || chosen.with(|k| k.contains(&checked_key))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|k| {
                                        k.retain(|x| *x != key);
                                        if on { k.push(key.clone()); }
                                    });
                                }/>
                            <label for=id>{c.label.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label class="field__label" for="compare-baseline">"Baseline"</label>
                <p class="field__hint">"The others are compared with this one."</p>
                <select class="field__select" id="compare-baseline" on:change=move |ev| baseline.set(event_target_value(&ev))>
                    {move || selected.get().into_iter().map(|(key, label, _, _)| {
                        let is_base = key == baseline.get();
                        view! { <option value=key selected=is_base>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || problem().map(|p| view! { <p class="notice notice--warning" role="status">{p}</p> })}
            {move || problem().is_none().then(|| view! {
                <div class="toolbar">
                    <button type="button" class="button button--secondary" on:click=share>"Share this comparison"</button>
                    <button type="button" class="button button--secondary" on:click=export>"Export comparison CSV"</button>
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
            {move || export_message.get().map(|m| view! { <p class="notice notice--warning" role="alert">{m}</p> })}
            <div class="flows__charts">
                <ChartFigure id="compare-places" data=chart(Measure::Pupils) stale=false/>
                <ChartFigure id="compare-spend" data=chart(Measure::Money) stale=false/>
            </div>
            {move || comparisons().into_iter().map(|(base, label, c, diffs, last_tier)| view! {
                <section class="compare__case">
                    <h3 class="subheading">{format!("{label} against {base}")}</h3>
                    <dl class="headline__cards">
                        <div class="card"><dt class="card__label">"Payback year"</dt><dd class="card__value" data-testid="payback">{payback_text(c.payback)}</dd></div>
                        <div class="card"><dt class="card__label">"Extra investment"</dt><dd class="card__value">{money(c.total_extra_investment)}</dd></div>
                        <div class="card"><dt class="card__label">"Spend avoided"</dt><dd class="card__value">{money(c.total_spend_avoided)}</dd></div>
                        <div class="card"><dt class="card__label">{format!("Pupils kept out of {last_tier}")}</dt><dd class="card__value">{count(c.kept_out_of_last_tier)}</dd></div>
                        <div class="card"><dt class="card__label">"Permanent exclusions avoided"</dt><dd class="card__value">{count(c.exclusions_avoided)}</dd></div>
                        <div class="card"><dt class="card__label">"Cost per extra pupil returned to mainstream"</dt>
                            <dd class="card__value">{c.cost_per_extra_returned.map(money).unwrap_or_else(|| "–".into())}</dd></div>
                    </dl>
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">{format!("{label} against {base}, year by year")}</caption>
                            <thead><tr>
                                <th scope="col">"Year"</th>
                                <th scope="col" class="num">"Places: difference"</th>
                                <th scope="col" class="num">"Spend: difference"</th>
                                <th scope="col" class="num">"Extra investment"</th>
                                <th scope="col" class="num">"Spend avoided"</th>
                                <th scope="col" class="num">"Cumulative net saving"</th>
                            </tr></thead>
                            <tbody>
                                {c.years.into_iter().map(|y| view! {
                                    <tr>
                                        <th scope="row">{academic_year(y.academic_year)}</th>
                                        <td class="num">{format!("{}{}", if y.places_difference > 0.0 { "+" } else { "" }, plain(y.places_difference, 0))}</td>
                                        <td class="num">{money(y.spend_difference)}</td>
                                        <td class="num">{money(y.extra_investment)}</td>
                                        <td class="num">{money(y.spend_avoided)}</td>
                                        <td class="num">{money(y.cumulative_net_saving)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h4 class="subheading">"Inputs that differ"</h4>
                    {if diffs.is_empty() {
                        view! { <p>"None: the inputs are the same."</p> }.into_any()
                    } else {
                        view! { <ul class="compare__diffs">{diffs.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }).collect_view()}
        </section>
    }
}
