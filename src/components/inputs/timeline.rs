//! Timeline and pupils: the scenario's name, its years, and pupils on roll by phase.

use ap_engine::edit;
use ap_engine::format::academic_year;
use leptos::prelude::*;

use super::bind;
use super::{confirm, Section};
use crate::components::fields::{NumberField, TextField};
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
    view! {
        <Section id="section-timeline" title="Timeline and pupils">
            <TextField state path="meta.name" label="Scenario name"
                binding=bind::top_text(|s| &s.meta.name, |s, v| s.meta.name = v)/>
            <TextField state path="meta.area" label="Area (local authority)"
                binding=bind::top_text(|s| &s.meta.area, |s, v| s.meta.area = v)/>
            <TextField state path="meta.description" label="Description" multiline=true
                hint="What this scenario assumes, for whoever opens it next."
                binding=bind::top_text(|s| &s.meta.description, |s, v| s.meta.description = v)/>
            <div class="field-row">
                <NumberField state path="timeline.first_year" label="First academic year" unit="start year" plain_digits=true
                    hint="2026 means 2026/27."
                    binding=bind::top(|s| f64::from(s.timeline.first_year), |s, v| s.timeline.first_year = v.round() as i32)/>
                <NumberField state path="timeline.horizon" label="Years to project" unit="years"
                    hint="From 1 to 15."
                    binding=bind::top(|s| f64::from(s.timeline.horizon), |s, v| s.timeline.horizon = v.round().max(0.0) as u32)/>
                <NumberField state path="timeline.teaching_weeks" label="Teaching weeks" unit="weeks a year"
                    hint="Usually 39; turns stays in weeks into years."
                    binding=bind::top(|s| s.timeline.teaching_weeks, |s, v| s.timeline.teaching_weeks = v)/>
            </div>
            <h4 class="subheading">"Pupils on roll in " {first_year}</h4>
            {move || {
                let ids = phase_ids.get();
                let count = ids.len();
                ids.into_iter().enumerate().map(|(p, _)| {
                    let name = Signal::derive(move || state.scenario.with(|s| s.phases.get(p).map(|ph| ph.name.clone()).unwrap_or_default()));
                    view! {
                        <fieldset class="item">
                            <legend class="item__legend">{move || name.get()}</legend>
                            <div class="field-row">
                                <TextField state path=format!("phases.{p}.name") label="Phase name"
                                    binding=bind::phase_text(p, |ph| ph.name.clone(), |ph, v| ph.name = v)/>
                                <NumberField state path=format!("phases.{p}.pupils") label="Pupils on roll"
                                    unit="pupils" hint="From the school census." step=100.0
                                    binding=bind::phase(p, |ph| ph.pupils, |ph, v| ph.pupils = v)/>
                                <NumberField state path=format!("phases.{p}.growth_pct") label="Annual growth" unit="% a year"
                                    hint="Change in pupils on roll each year." step=0.1
                                    binding=bind::phase(p, |ph| ph.growth_pct, |ph, v| ph.growth_pct = v)/>
                            </div>
                            <button type="button" class="button button--small button--warning" disabled=count == 1
                                aria-label=move || format!("Remove phase {}", name.get())
                                on:click=move |_| {
                                    let n = name.get_untracked();
                                    if confirm(&format!("Remove the phase “{n}”? Its demand in every tier, and providers and interventions for it alone, are removed too. You can undo this.")) {
                                        state.edit("remove phase", |s| { edit::remove_phase(s, p); });
                                    }
                                }>"Remove phase"</button>
                        </fieldset>
                    }
                }).collect_view()
            }}
            <button type="button" class="button button--secondary"
                on:click=move |_| state.edit("add phase", |s| { edit::add_phase(s); })>"Add a phase"</button>
        </Section>
    }
}
