//! Choosing what to compare: the scenarios on offer (the working scenario, saved ones and the
//! built-in examples, or only those in a shared link), which of them are chosen, and the baseline.

use ap_engine::examples::EXAMPLES;
use ap_engine::link::SharedComparison;
use ap_engine::{project, Projection, Scenario};
use leptos::prelude::*;

use crate::library;
use crate::state::AppState;

/// A scenario that can be compared: a key for the form, a label, and the scenario.
#[derive(Clone, PartialEq)]
pub struct Candidate {
    pub key: String,
    pub label: String,
    pub scenario: Scenario,
}

/// A chosen scenario and its projection (`None` while it has problems to fix).
#[derive(Clone, PartialEq)]
pub struct Chosen {
    pub key: String,
    pub label: String,
    pub scenario: Scenario,
    pub projection: Option<Projection>,
}

/// What is on offer and what is chosen.
#[derive(Clone, Copy)]
pub struct Choice {
    pub candidates: Memo<Vec<Candidate>>,
    /// Keys of the chosen candidates, in the order they were picked.
    pub chosen: RwSignal<Vec<String>>,
    /// Key of the baseline.
    pub baseline: RwSignal<String>,
    /// The chosen candidates, projected.
    pub selected: Memo<Vec<Chosen>>,
}

impl Choice {
    /// The scenarios of a shared comparison (read-only) or, without one, the working scenario,
    /// the saved ones and the examples; to begin with, the two DfE examples against current trends.
    pub fn new(state: AppState, shared: Option<&SharedComparison>) -> Self {
        let from_link: Option<Vec<Candidate>> = shared.map(|c| {
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
        let candidates = Memo::new(move |_| match &from_link {
            Some(list) => list.clone(),
            None => local_candidates(state),
        });
        let (first_chosen, first_baseline) = match shared {
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
        let selected = Memo::new(move |_| {
            let keys = chosen.get();
            candidates.with(|all| {
                keys.iter()
                    .filter_map(|k| all.iter().find(|c| &c.key == k))
                    .map(|c| Chosen {
                        key: c.key.clone(),
                        label: c.label.clone(),
                        scenario: c.scenario.clone(),
                        projection: project(&c.scenario).ok(),
                    })
                    .collect()
            })
        });
        Self {
            candidates,
            chosen,
            baseline: RwSignal::new(first_baseline),
            selected,
        }
    }

    /// Why nothing can be compared yet, if so: the wrong number chosen, or one with problems.
    pub fn problem(self) -> Option<String> {
        let n = self.chosen.with(Vec::len);
        if !(2..=4).contains(&n) {
            Some(format!(
                "Choose two to four scenarios to compare ({n} chosen)."
            ))
        } else {
            self.selected.with(|s| {
                s.iter().find(|c| c.projection.is_none()).map(|c| {
                    format!(
                        "“{}” has problems to fix in the workspace before it can be compared.",
                        c.label
                    )
                })
            })
        }
    }

    /// The baseline's position among the chosen scenarios (the first when it is not chosen).
    pub fn baseline_index(self) -> usize {
        let base = self.baseline.get();
        self.selected
            .with(|sel| sel.iter().position(|c| c.key == base).unwrap_or(0))
    }
}

/// The working scenario, every readable saved scenario, and the built-in examples.
fn local_candidates(state: AppState) -> Vec<Candidate> {
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
}

/// The checkboxes choosing two to four scenarios, and the baseline among those chosen.
#[component]
pub fn Picker(choice: Choice) -> impl IntoView {
    let Choice {
        candidates,
        chosen,
        baseline,
        selected,
    } = choice;
    view! {
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
                {move || selected.get().into_iter().map(|c| {
                    let is_base = c.key == baseline.get();
                    view! { <option value=c.key selected=is_base>{c.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
