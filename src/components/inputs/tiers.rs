//! Tiers: each tier's name, demand by phase, stays, exits and unit costs; add, remove, reorder.

use ap_engine::edit::{self, Move};
use ap_engine::scenario::OverCapacity;
use leptos::prelude::*;

use super::bind;
use super::{confirm, ItemActions, Section};
use crate::components::fields::{NumberField, SelectField, TextBinding, TextField};
use crate::state::{use_app_state, AppState};

fn policy_key(p: OverCapacity) -> &'static str {
    match p {
        OverCapacity::Spot => "spot",
        OverCapacity::WaitingList => "waiting_list",
        OverCapacity::NotManaged => "not_managed",
    }
}

/// Names of tiers and phases, re-read when they change, for labels and choices.
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
                on:click=move |_| state.edit("add tier", |s| { edit::add_tier(s); })>"Add a tier"</button>
        </Section>
    }
}

#[component]
fn TierCard(state: AppState, i: usize, count: usize) -> impl IntoView {
    let name = tier_name(state, i);
    let at = move |field: &str| format!("tiers.{i}.{field}");
    let demand = move || {
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
    };
    let is_last = i + 1 == count;
    let policies = Signal::derive(|| {
        OverCapacity::ALL
            .iter()
            .map(|p| (policy_key(*p).to_string(), p.label().to_string()))
            .collect()
    });
    view! {
        <fieldset class="item item--tier">
            <legend class="item__legend">{move || name.get()}</legend>
            <ItemActions name first=i == 0 last=is_last
                on_up=Callback::new(move |_| state.edit("move tier", |s| { edit::move_tier(s, i, Move::Up); }))
                on_down=Callback::new(move |_| state.edit("move tier", |s| { edit::move_tier(s, i, Move::Down); }))
                on_remove=Callback::new(move |_| {
                    let (n, ivs) = state.scenario.with_untracked(|s| (name.get_untracked(), edit::interventions_on_tier(s, i)));
                    let also = if ivs.is_empty() { String::new() } else { format!(" Its interventions ({}) are removed too.", ivs.join(", ")) };
                    if confirm(&format!("Remove the tier “{n}” and its providers?{also} You can undo this.")) {
                        state.edit("remove tier", |s| { edit::remove_tier(s, i); });
                    }
                })/>
            <TextField state path=at("name") label="Tier name"
                binding=bind::tier_text(i, |t| t.name.clone(), |t, v| t.name = v)/>
            <div class="table-wrap">
            <table class="demand">
                <caption class="demand__caption">"Demand by phase"</caption>
                <thead><tr>
                    <th scope="col">"Phase"</th>
                    <th scope="col">"Referrals" <span class="demand__unit">"per 1,000 pupils"</span></th>
                    <th scope="col">"Permanent exclusions" <span class="demand__unit">"per 1,000 pupils"</span></th>
                    <th scope="col">"Pupils in the tier" <span class="demand__unit">"at the start"</span></th>
                </tr></thead>
                <tbody>
                {move || demand().unwrap_or_default().into_iter().map(|(k, phase)| view! {
                    <tr>
                        <th scope="row">{phase.clone()}</th>
                        <td><NumberField state class="field--cell" path=format!("tiers.{i}.phases.{k}.referral_rate")
                            label=format!("{phase}: referral rate") unit="" hint="" step=0.1
                            binding=bind::demand(i, k, |d| d.referral_rate, |d, v| d.referral_rate = v)/></td>
                        <td><NumberField state class="field--cell" path=format!("tiers.{i}.phases.{k}.exclusion_rate")
                            label=format!("{phase}: exclusion rate") unit="" hint="" step=0.1
                            binding=bind::demand(i, k, |d| d.exclusion_rate, |d, v| d.exclusion_rate = v)/></td>
                        <td><NumberField state class="field--cell" path=format!("tiers.{i}.phases.{k}.start_pupils")
                            label=format!("{phase}: pupils at the start") unit="" hint=""
                            binding=bind::demand(i, k, |d| d.start_pupils, |d, v| d.start_pupils = v)/></td>
                    </tr>
                }).collect_view()}
                </tbody>
            </table>
            </div>
            <div class="field-row">
                <NumberField state path=at("trend_pct") label="Demand trend" unit="% a year" step=0.5
                    hint="Applied to referral and exclusion rates each year."
                    binding=bind::tier(i, |t| t.trend_pct, |t, v| t.trend_pct = v)/>
                <NumberField state path=at("stay_weeks") label="Average length of stay" unit="weeks"
                    hint="Teaching weeks, from 0.1 to 520."
                    binding=bind::tier(i, |t| t.stay_weeks, |t, v| t.stay_weeks = v)/>
            </div>
            <div class="field-row">
                <NumberField state path=at("returned_pct") label="Returned to mainstream" unit="% of exits"
                    hint="Of pupils leaving the tier."
                    binding=bind::tier(i, |t| t.returned_pct, |t, v| t.returned_pct = v)/>
                <NumberField state path=at("step_up_pct") label="Stepped up to the next tier" unit="% of exits"
                    hint=if is_last { "The last tier steps nobody up: this counts as other destinations." } else { "The rest go to other destinations." }
                    binding=bind::tier(i, |t| t.step_up_pct, |t, v| t.step_up_pct = v)/>
            </div>
            <div class="field-row">
                <NumberField state path=at("per_entry_cost") label="Cost per entry" unit="£ per pupil" step=100.0
                    hint="An outreach package or assessment, once per pupil entering."
                    binding=bind::tier(i, |t| t.per_entry_cost, |t, v| t.per_entry_cost = v)/>
                <NumberField state path=at("transport_per_place") label="Transport" unit="£ per place-year" step=100.0
                    hint="For each filled place."
                    binding=bind::tier(i, |t| t.transport_per_place, |t, v| t.transport_per_place = v)/>
            </div>
            <div class="field-row">
                <SelectField state path=at("over_capacity") label="Demand above commissioned places"
                    options=policies
                    binding=TextBinding::new(
                        move |s| s.tiers.get(i).map(|t| policy_key(t.over_capacity).to_string()),
                        move |s, key| if let Some(t) = s.tiers.get_mut(i) {
                            if let Some(p) = OverCapacity::ALL.into_iter().find(|p| policy_key(*p) == key) {
                                t.over_capacity = p;
                            }
                        })/>
                <NumberField state path=at("spot_price") label="Spot place price" unit="£ per place-year" step=1000.0
                    hint="Used when extra places are bought."
                    binding=bind::tier(i, |t| t.spot_price, |t, v| t.spot_price = v)/>
            </div>
        </fieldset>
    }
}
