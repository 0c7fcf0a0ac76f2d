//! Timeline and pupils: the scenario's name, its years, and pupils on roll by phase.

use ap_engine::edit::Edit;
use ap_engine::fields::{Field, PhaseField, TopField};
use ap_engine::format::academic_year;
use leptos::prelude::*;

use super::{apply, Section};
use crate::components::fields::{NumberField, NumberRow, TextField};
use crate::dialog::then_if_yes;
use crate::state::use_app_state;

#[component]
pub fn TimelineAndPupils() -> impl IntoView {
    let state = use_app_state();
    let phase_ids = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.phases.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    });
    let first_year = move || {
        state
            .scenario
            .with(|s| academic_year(s.timeline.first_year))
    };
    let top = Field::Top;
    view! {
        <Section id="section-timeline" title="Timeline and pupils">
            <TextField state field=top(TopField::Name)/>
            <TextField state field=top(TopField::Area)/>
            <TextField state field=top(TopField::Description) multiline=true/>
            <NumberRow state fields=[TopField::FirstYear, TopField::Horizon, TopField::TeachingWeeks].map(top).to_vec()/>
            <h4 class="subheading">"Pupils on roll in " {first_year}</h4>
            {move || {
                let ids = phase_ids.get();
                let count = ids.len();
                ids.into_iter().enumerate().map(|(phase, _)| {
                    let at = move |what| Field::Phase { phase, what };
                    let name = Signal::derive(move || state.scenario.with(|s| s.phases.get(phase).map(|ph| ph.name.clone()).unwrap_or_default()));
                    view! {
                        <fieldset class="item">
                            <legend class="item__legend">{move || name.get()}</legend>
                            <div class="field-row">
                                <TextField state field=at(PhaseField::Name)/>
                                <NumberField state field=at(PhaseField::Pupils)/>
                                <NumberField state field=at(PhaseField::Growth)/>
                                <NumberField state field=at(PhaseField::Awpu)/>
                            </div>
                            <button type="button" class="button button--small button--warning" disabled=count == 1
                                aria-label=move || format!("Remove phase {}", name.get())
                                on:click=move |_| {
                                    let n = name.get_untracked();
                                    then_if_yes(format!("Remove the phase “{n}”? Its demand in every tier, and providers and interventions for it alone, are removed too. You can undo this."), "Remove",
                                        move || apply(state, Edit::RemovePhase(phase)));
                                }>"Remove phase"</button>
                        </fieldset>
                    }
                }).collect_view()
            }}
            <button type="button" class="button button--secondary"
                on:click=move |_| apply(state, Edit::AddPhase)>"Add a phase"</button>
        </Section>
    }
}
