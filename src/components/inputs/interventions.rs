//! Interventions: the levers of an invest-to-save case.

use ap_engine::edit;
use ap_engine::scenario::Lever;
use leptos::prelude::*;

use super::bind;
use super::{confirm, Section};
use crate::components::fields::{NumberField, SelectField, TextBinding, TextField};
use crate::state::use_app_state;

fn lever_key(l: Lever) -> &'static str {
    match l {
        Lever::ReferralRate => "referral_rate",
        Lever::ExclusionRate => "exclusion_rate",
        Lever::StepUp => "step_up",
        Lever::Returned => "returned",
        Lever::LengthOfStay => "length_of_stay",
    }
}

#[component]
pub fn Interventions() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.scenario.with(|s| s.interventions.len()));
    let tiers = Signal::derive(move || {
        state.scenario.with(|s| {
            s.tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect()
        })
    });
    let phases = Signal::derive(move || {
        let mut options = vec![(String::new(), "All phases".to_string())];
        state
            .scenario
            .with(|s| options.extend(s.phases.iter().map(|p| (p.id.clone(), p.name.clone()))));
        options
    });
    let levers = Signal::derive(|| {
        Lever::ALL
            .iter()
            .map(|l| (lever_key(*l).to_string(), capitalise(l.label())))
            .collect()
    });
    view! {
        <Section id="section-interventions" title="Interventions">
            <p class="section__intro">
                "Each intervention changes one thing in one tier by a percentage, growing to its full effect over its ramp-up years, and costs a sum each year from its first year."
            </p>
            {move || (0..count.get()).map(|n| {
                let at = move |field: &str| format!("interventions.{n}.{field}");
                let name = Signal::derive(move || state.scenario.with(|s| s.interventions.get(n).map(|iv| iv.name.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state path=at("name") label="Name"
                            binding=bind::intervention_text(n, |iv| iv.name.clone(), |iv, v| iv.name = v)/>
                        <div class="field-row">
                            <SelectField state path=at("tier") label="Tier" options=tiers
                                binding=TextBinding::new(
                                    move |s| s.interventions.get(n).map(|iv| iv.tier.clone()),
                                    move |s, v| if let Some(iv) = s.interventions.get_mut(n) { iv.tier = v; })/>
                            <SelectField state path=at("phase") label="Phase" options=phases
                                binding=TextBinding::new(
                                    move |s| s.interventions.get(n).map(|iv| iv.phase.clone().unwrap_or_default()),
                                    move |s, v| if let Some(iv) = s.interventions.get_mut(n) { iv.phase = (!v.is_empty()).then_some(v); })/>
                            <SelectField state path=at("target") label="Changes" options=levers
                                binding=TextBinding::new(
                                    move |s| s.interventions.get(n).map(|iv| lever_key(iv.target).to_string()),
                                    move |s, key| if let Some(iv) = s.interventions.get_mut(n) {
                                        if let Some(l) = Lever::ALL.into_iter().find(|l| lever_key(*l) == key) { iv.target = l; }
                                    })/>
                        </div>
                        <div class="field-row">
                            <NumberField state path=at("change_pct") label="Change at full effect" unit="%" step=1.0
                                hint="−20 cuts it by a fifth; +10 raises it by a tenth."
                                binding=bind::intervention(n, |iv| iv.change_pct, |iv, v| iv.change_pct = v)/>
                            <NumberField state path=at("first_year") label="First year" unit="start year" plain_digits=true hint="2027 means 2027/28."
                                binding=bind::intervention(n, |iv| f64::from(iv.first_year), |iv, v| iv.first_year = v.round() as i32)/>
                            <NumberField state path=at("ramp_years") label="Ramp-up" unit="years" hint="0 means full effect at once."
                                binding=bind::intervention(n, |iv| f64::from(iv.ramp_years), |iv, v| iv.ramp_years = v.round().max(0.0) as u32)/>
                            <NumberField state path=at("annual_cost") label="Annual cost" unit="£ a year" step=10000.0 hint="From its first year."
                                binding=bind::intervention(n, |iv| iv.annual_cost, |iv, v| iv.annual_cost = v)/>
                        </div>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove intervention {}", name.get())
                            on:click=move |_| if confirm(&format!("Remove the intervention “{}”? You can undo this.", name.get_untracked())) {
                                state.edit("remove intervention", |s| { edit::remove_intervention(s, n); });
                            }>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            <button type="button" class="button button--secondary"
                on:click=move |_| state.edit("add intervention", |s| { edit::add_intervention(s); })>"Add an intervention"</button>
        </Section>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
