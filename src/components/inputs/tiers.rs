//! Tiers: each tier's name, demand by phase, stays, exits and unit costs; add, remove, reorder.

use ap_engine::edit::{interventions_on_tier, Edit, Move};
use ap_engine::fields::{DemandField, Field, TierField};
use leptos::prelude::*;

use super::{apply, ItemActions, Section};
use crate::components::fields::{ChoiceField, FundingField, NumberField, NumberRow, TextField};
use crate::dialog::then_if_yes;
use crate::state::{use_app_state, AppState};

/// Names of tiers, re-read when they change, for labels and choices.
pub fn tier_name(state: AppState, i: usize) -> Signal<String> {
    Signal::derive(move || {
        state
            .scenario
            .with(|s| s.tiers.get(i).map(|t| t.name.clone()))
            .unwrap_or_default()
    })
}

#[component]
pub fn Tiers() -> impl IntoView {
    let state = use_app_state();
    let shape = Memo::new(move |_| {
        state.scenario.with(|s| {
            (
                s.tiers.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
                s.phases.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
            )
        })
    });
    view! {
        <Section id="section-tiers" title="Tiers">
            <p class="section__intro">
                "Tiers in order: pupils stepped up leave a tier for the next one in this list. "
                "Rates are new pupils per 1,000 pupils on roll each year."
            </p>
            {move || {
                let (tiers, _) = shape.get();
                let count = tiers.len();
                (0..count).map(|i| view! { <TierCard state i count/> }).collect_view()
            }}
            <button type="button" class="button button--secondary"
                on:click=move |_| apply(state, Edit::AddTier)>"Add a tier"</button>
        </Section>
    }
}

#[component]
fn TierCard(state: AppState, i: usize, count: usize) -> impl IntoView {
    let name = tier_name(state, i);
    let at = move |what| Field::Tier { tier: i, what };
    // A memo: the rows are rebuilt only when the phases change, not on every keystroke (a
    // rebuilt input anywhere on the page also ends the browser's grouping of typing for undo).
    let demand = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.tiers.get(i).map(|t| {
                t.phases
                    .iter()
                    .enumerate()
                    .map(|(k, tp)| {
                        let phase = s
                            .phases
                            .iter()
                            .find(|p| p.id == tp.phase)
                            .map(|p| p.name.clone())
                            .unwrap_or_else(|| tp.phase.clone());
                        (k, phase)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <fieldset class="item item--tier">
            <legend class="item__legend">{move || name.get()}</legend>
            <ItemActions name first=i == 0 last=i + 1 == count
                on_up=Callback::new(move |_| apply(state, Edit::MoveTier(i, Move::Up)))
                on_down=Callback::new(move |_| apply(state, Edit::MoveTier(i, Move::Down)))
                on_remove=Callback::new(move |_| {
                    let (n, ivs) = state.scenario.with_untracked(|s| (name.get_untracked(), interventions_on_tier(s, i)));
                    let also = if ivs.is_empty() { String::new() } else { format!(" Its interventions ({}) are removed too.", ivs.join(", ")) };
                    then_if_yes(format!("Remove the tier “{n}” and its providers?{also} You can undo this."), "Remove",
                        move || apply(state, Edit::RemoveTier(i)));
                })/>
            <TextField state field=at(TierField::Name)/>
            <div class="table-wrap" tabindex="0">
            <table class="demand">
                <caption class="demand__caption">"Demand by phase"</caption>
                <thead><tr>
                    <th scope="col">"Phase"</th>
                    <th scope="col">"Referrals" <span class="demand__unit">"per 1,000 pupils"</span></th>
                    <th scope="col">"Exclusions" <span class="demand__unit">"permanent, per 1,000 pupils"</span></th>
                    <th scope="col">"Pupils in the tier" <span class="demand__unit">"at the start"</span></th>
                </tr></thead>
                <tbody>
                {move || demand.get().unwrap_or_default().into_iter().map(|(line, phase)| {
                    let cell = move |what| Field::Demand { tier: i, line, what };
                    view! {
                        <tr>
                            <th scope="row">{phase.clone()}</th>
                            <td><NumberField state class="field--cell" bare=true field=cell(DemandField::ReferralRate)
                                label=format!("{phase}: referral rate")/></td>
                            <td><NumberField state class="field--cell" bare=true field=cell(DemandField::ExclusionRate)
                                label=format!("{phase}: exclusion rate")/></td>
                            <td><NumberField state class="field--cell" bare=true field=cell(DemandField::StartPupils)
                                label=format!("{phase}: pupils at the start")/></td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            </div>
            <NumberRow state fields=vec![at(TierField::Trend), at(TierField::Stay)]/>
            <NumberRow state fields=vec![at(TierField::Returned), at(TierField::StepUp)]/>
            <NumberRow state fields=vec![at(TierField::PerEntryCost), at(TierField::Transport)]/>
            <div class="field-row">
                <FundingField state field=at(TierField::PerEntryFunder)/>
                <FundingField state field=at(TierField::TransportFunder)/>
            </div>
            <div class="field-row">
                <ChoiceField state field=at(TierField::OverCapacity)/>
                <NumberField state field=at(TierField::SpotPrice)/>
                <FundingField state field=at(TierField::SpotFunder)/>
            </div>
            <div class="field-row">
                <NumberField state field=at(TierField::WaitingCost)/>
                <FundingField state field=at(TierField::WaitingFunder)/>
            </div>
        </fieldset>
    }
}
