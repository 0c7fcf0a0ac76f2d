//! Pupils on roll in the first year, one input per phase.

use ap_engine::format::academic_year;
use leptos::prelude::*;

use super::number_field::NumberField;
use crate::state::use_app_state;

#[component]
pub fn PupilsOnRoll() -> impl IntoView {
    let state = use_app_state();
    let first_year = move || {
        state
            .scenario
            .with(|s| academic_year(s.timeline.first_year))
    };
    let phases = move || state.scenario.with(|s| s.phases.len());
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Pupils on roll in " {first_year}</legend>
            {move || (0..phases()).map(|p| {
                let name = state.scenario.with_untracked(|s| s.phases[p].name.clone());
                let path = format!("phases.{p}.pupils");
                let error_path = path.clone();
                view! {
                    <NumberField
                        id=path
                        label=format!("{name} pupils on roll")
                        unit="pupils"
                        hint="All pupils in state-funded schools in the area, from the school census."
                        value=Signal::derive(move || state.scenario.with(|s| s.phases.get(p).map_or(0.0, |ph| ph.pupils)))
                        error=Signal::derive(move || state.error_at(&error_path))
                        on_change=Callback::new(move |v: f64| state.scenario.update(|s| {
                            if let Some(ph) = s.phases.get_mut(p) { ph.pupils = v; }
                        }))
                        step=100.0
                    />
                }
            }).collect_view()}
        </fieldset>
    }
}
