//! Providers and capacity: for each tier, its providers in priority order with commissioned
//! places (the same every year, or year by year), place funding and top-up.

use ap_engine::edit::{self, Move};
use ap_engine::format::academic_year;
use ap_engine::scenario::ProviderKind;
use leptos::prelude::*;

use super::bind;
use super::tiers::tier_name;
use super::{confirm, ItemActions, Section};
use crate::components::fields::{NumberBinding, NumberField, SelectField, TextBinding, TextField};
use crate::state::{use_app_state, AppState};

fn kind_key(k: ProviderKind) -> &'static str {
    match k {
        ProviderKind::LaMaintained => "la_maintained",
        ProviderKind::Academy => "academy",
        ProviderKind::SchoolLed => "school_led",
        ProviderKind::Independent => "independent",
        ProviderKind::InSchool => "in_school",
        ProviderKind::Other => "other",
    }
}

#[component]
pub fn Providers() -> impl IntoView {
    let state = use_app_state();
    let shape = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.tiers
                .iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        t.providers.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Section id="section-providers" title="Providers and capacity">
            <p class="section__intro">
                "Providers fill places in the order listed: those for one phase first, then those for all phases."
            </p>
            {move || shape.get().into_iter().enumerate().map(|(i, (_, providers))| {
                let name = tier_name(state, i);
                let count = providers.len();
                view! {
                    <div class="provider-group">
                        <h4 class="subheading">{move || name.get()}</h4>
                        {if count == 0 {
                            Some(view! { <p class="hint">"No providers: all demand goes to the tier's policy above capacity."</p> })
                        } else { None }}
                        {(0..count).map(|k| view! { <ProviderCard state i k count/> }).collect_view()}
                        <button type="button" class="button button--secondary"
                            aria-label=move || format!("Add a provider to {}", name.get())
                            on:click=move |_| state.edit("add provider", |s| { edit::add_provider(s, i); })>
                            "Add a provider"
                        </button>
                    </div>
                }
            }).collect_view()}
        </Section>
    }
}

#[component]
fn ProviderCard(state: AppState, i: usize, k: usize, count: usize) -> impl IntoView {
    let at = move |field: &str| format!("tiers.{i}.providers.{k}.{field}");
    let name = Signal::derive(move || {
        state
            .scenario
            .with(|s| {
                s.tiers
                    .get(i)
                    .and_then(|t| t.providers.get(k))
                    .map(|p| p.name.clone())
            })
            .unwrap_or_default()
    });
    let kinds = Signal::derive(|| {
        ProviderKind::ALL
            .iter()
            .map(|k| (kind_key(*k).to_string(), k.label().to_string()))
            .collect()
    });
    let phases = Signal::derive(move || {
        let mut options = vec![(String::new(), "All phases".to_string())];
        state.scenario.with(|s| {
            options.extend(s.phases.iter().map(|p| (p.id.clone(), p.name.clone())));
        });
        options
    });
    let yearly = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.tiers
                .get(i)
                .and_then(|t| t.providers.get(k))
                .is_some_and(|p| p.places.len() > 1)
        })
    });
    let years = Memo::new(move |_| {
        state.scenario.with(|s| {
            (0..s.timeline.horizon.min(15) as usize)
                .map(|t| academic_year(s.timeline.year(t)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <fieldset class="item">
            <legend class="item__legend">{move || format!("{}. {}", k + 1, name.get())}</legend>
            <ItemActions name first=k == 0 last=k + 1 == count
                on_up=Callback::new(move |_| state.edit("move provider", |s| { edit::move_provider(s, i, k, Move::Up); }))
                on_down=Callback::new(move |_| state.edit("move provider", |s| { edit::move_provider(s, i, k, Move::Down); }))
                on_remove=Callback::new(move |_| {
                    if confirm(&format!("Remove the provider “{}”? You can undo this.", name.get_untracked())) {
                        state.edit("remove provider", |s| { edit::remove_provider(s, i, k); });
                    }
                })/>
            <TextField state path=at("name") label="Provider name"
                binding=bind::provider_text(i, k, |p| p.name.clone(), |p, v| p.name = v)/>
            <div class="field-row">
                <SelectField state path=at("kind") label="Type" options=kinds
                    binding=TextBinding::new(
                        move |s| s.tiers.get(i).and_then(|t| t.providers.get(k)).map(|p| kind_key(p.kind).to_string()),
                        move |s, key| if let Some(p) = s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k)) {
                            if let Some(kind) = ProviderKind::ALL.into_iter().find(|x| kind_key(*x) == key) { p.kind = kind; }
                        })/>
                <SelectField state path=at("phase") label="Phases served" options=phases
                    binding=TextBinding::new(
                        move |s| s.tiers.get(i).and_then(|t| t.providers.get(k)).map(|p| p.phase.clone().unwrap_or_default()),
                        move |s, key| if let Some(p) = s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k)) {
                            p.phase = (!key.is_empty()).then_some(key);
                        })/>
            </div>
            {move || if yearly.get() {
                view! {
                    <div class="places-by-year" role="group" aria-label=move || format!("Commissioned places by year, {}", name.get())>
                        <p class="field__label">"Commissioned places by year"</p>
                        <div class="field-row field-row--years">
                        {years.get().into_iter().enumerate().map(|(t, year)| view! {
                            <NumberField state class="field--cell" path=format!("tiers.{i}.providers.{k}.places.{t}")
                                label=year unit="places" hint=""
                                binding=NumberBinding::new(
                                    move |s| s.tiers.get(i).and_then(|tr| tr.providers.get(k)).map(|p| p.places_in(t)),
                                    move |s, v| {
                                        let horizon = s.timeline.horizon as usize;
                                        if let Some(p) = s.tiers.get_mut(i).and_then(|tr| tr.providers.get_mut(k)) {
                                            edit::set_places(p, t, v, horizon);
                                        }
                                    })/>
                        }).collect_view()}
                        </div>
                        <button type="button" class="button button--small button--secondary"
                            on:click=move |_| state.edit("places same every year", |s| {
                                if let Some(p) = s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k)) {
                                    p.places = vec![p.places_in(0)];
                                }
                            })>"Same every year"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="field-row">
                        <NumberField state path=format!("tiers.{i}.providers.{k}.places.0") label="Commissioned places"
                            unit="places, every year" hint="Places paid for whether filled or not."
                            binding=NumberBinding::new(
                                move |s| s.tiers.get(i).and_then(|t| t.providers.get(k)).map(|p| p.places_in(0)),
                                move |s, v| if let Some(p) = s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k)) { p.places = vec![v]; })/>
                        <button type="button" class="button button--small button--secondary button--inline"
                            on:click=move |_| state.edit("places year by year", |s| {
                                let horizon = s.timeline.horizon as usize;
                                if let Some(p) = s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k)) {
                                    let first = p.places_in(0);
                                    edit::set_places(p, 0, first, horizon.max(2));
                                }
                            })>"Set places year by year"</button>
                    </div>
                }.into_any()
            }}
            <div class="field-row">
                <NumberField state path=at("place_funding") label="Place funding" unit="£ per place-year" step=500.0
                    hint="Per commissioned place (£10,000 for state-funded AP)."
                    binding=bind::provider(i, k, |p| p.place_funding, |p, v| p.place_funding = v)/>
                <NumberField state path=at("top_up") label="Top-up" unit="£ per pupil-year" step=500.0
                    hint="Per occupied place."
                    binding=bind::provider(i, k, |p| p.top_up, |p, v| p.top_up = v)/>
            </div>
        </fieldset>
    }
}
