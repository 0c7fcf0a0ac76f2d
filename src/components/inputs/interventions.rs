//! Interventions: the levers of an invest-to-save case.

use ap_engine::edit::Edit;
use ap_engine::fields::{Field, InterventionField};
use leptos::prelude::*;

use super::{apply, Section};
use crate::components::fields::{ChoiceField, FundingField, NumberRow, TextField};
use crate::dialog::then_if_yes;
use crate::state::use_app_state;

#[component]
pub fn Interventions() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.scenario.with(|s| s.interventions.len()));
    view! {
        <Section id="section-interventions" title="Interventions">
            <p class="section__intro">
                "Each intervention changes one thing in one tier by a percentage, growing to its full effect over its ramp-up years, and costs a sum each year from its first year. "
                "One already in the base budget stays in the unmitigated figures; a new one (the plan) is what mitigation takes out."
            </p>
            {move || (0..count.get()).map(|n| {
                let at = move |what| Field::Intervention { intervention: n, what };
                let name = Signal::derive(move || state.scenario.with(|s| s.interventions.get(n).map(|iv| iv.name.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state field=at(InterventionField::Name)/>
                        <div class="field-row">
                            <ChoiceField state field=at(InterventionField::Tier)/>
                            <ChoiceField state field=at(InterventionField::Phase)/>
                            <ChoiceField state field=at(InterventionField::Target)/>
                        </div>
                        <NumberRow state fields=[InterventionField::Change, InterventionField::FirstYear,
                            InterventionField::RampYears, InterventionField::AnnualCost].map(at).to_vec()/>
                        <div class="field-row">
                            <FundingField state field=at(InterventionField::Funder)/>
                            <ChoiceField state field=at(InterventionField::InBaseBudget)/>
                        </div>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove intervention {}", name.get())
                            on:click=move |_| then_if_yes(format!("Remove the intervention “{}”? You can undo this.", name.get_untracked()), "Remove",
                                move || apply(state, Edit::RemoveIntervention(n)))>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            <button type="button" class="button button--secondary"
                on:click=move |_| apply(state, Edit::AddIntervention)>"Add an intervention"</button>
        </Section>
    }
}
