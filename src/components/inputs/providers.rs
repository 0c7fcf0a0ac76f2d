//! Providers and capacity: for each tier, its providers in priority order with commissioned
//! places (the same every year, or year by year), place funding and top-up.

use ap_engine::edit::{Edit, Move};
use ap_engine::fields::{Field, ProviderField};
use ap_engine::format::academic_year;
use ap_engine::scenario::MAX_HORIZON;
use leptos::prelude::*;

use super::tiers::tier_name;
use super::{apply, ItemActions, Section};
use crate::components::fields::{ChoiceField, FundingField, NumberField, NumberRow, TextField};
use crate::dialog::then_if_yes;
use crate::state::{use_app_state, AppState};

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
                            on:click=move |_| apply(state, Edit::AddProvider { tier: i })>
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
    let at = move |what| Field::Provider {
        tier: i,
        provider: k,
        what,
    };
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
            (0..s.timeline.horizon.min(MAX_HORIZON) as usize)
                .map(|t| academic_year(s.timeline.year(t)))
                .collect::<Vec<_>>()
        })
    });
    let places = move |year| Field::Places {
        tier: i,
        provider: k,
        year,
    };
    view! {
        <fieldset class="item">
            <legend class="item__legend">{move || format!("{}. {}", k + 1, name.get())}</legend>
            <ItemActions name first=k == 0 last=k + 1 == count
                on_up=Callback::new(move |_| apply(state, Edit::MoveProvider { tier: i, provider: k, to: Move::Up }))
                on_down=Callback::new(move |_| apply(state, Edit::MoveProvider { tier: i, provider: k, to: Move::Down }))
                on_remove=Callback::new(move |_| {
                    then_if_yes(format!("Remove the provider “{}”? You can undo this.", name.get_untracked()), "Remove",
                        move || apply(state, Edit::RemoveProvider { tier: i, provider: k }));
                })/>
            <TextField state field=at(ProviderField::Name)/>
            <div class="field-row">
                <ChoiceField state field=at(ProviderField::Kind)/>
                <ChoiceField state field=at(ProviderField::Phase)/>
            </div>
            {move || if yearly.get() {
                view! {
                    <div class="places-by-year" role="group" aria-label=move || format!("Commissioned places by year, {}", name.get())>
                        <p class="field__label">"Commissioned places by year"</p>
                        <div class="field-row field-row--years">
                        {years.get().into_iter().enumerate().map(|(t, year)| view! {
                            <NumberField state class="field--cell" field=places(Some(t)) label=year/>
                        }).collect_view()}
                        </div>
                        <button type="button" class="button button--small button--secondary"
                            on:click=move |_| apply(state, Edit::PlacesSameEveryYear { tier: i, provider: k })>"Same every year"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="field-row">
                        <NumberField state field=places(None)/>
                        <button type="button" class="button button--small button--secondary button--inline"
                            on:click=move |_| apply(state, Edit::PlacesYearByYear { tier: i, provider: k })>"Set places year by year"</button>
                    </div>
                }.into_any()
            }}
            <NumberRow state fields=vec![at(ProviderField::PlaceFunding), at(ProviderField::TopUp), at(ProviderField::MinOccupancy)]/>
            <div class="field-row">
                <FundingField state field=at(ProviderField::PlaceFundingFunder)/>
                <FundingField state field=at(ProviderField::TopUpFunder)/>
            </div>
        </fieldset>
    }
}
