//! Workshop levers: which inputs workshop mode offers as sliders, and over what range.

use ap_engine::workshop::{candidates, suggested, MAX_LEVERS};
use leptos::prelude::*;

use super::bind;
use super::Section;
use crate::components::fields::{NumberField, TextField};
use crate::state::use_app_state;

#[component]
pub fn WorkshopLevers() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.scenario.with(|s| s.workshop.len()));
    let suggestions = move || {
        state.scenario.with(|s| {
            suggested(s)
                .into_iter()
                .map(|l| l.label)
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let available = Memo::new(move |_| {
        state.scenario.with(|s| {
            candidates(s)
                .into_iter()
                .filter(|c| s.workshop.iter().all(|l| l.field != c.field))
                .collect::<Vec<_>>()
        })
    });
    let choice = RwSignal::new(String::new());
    view! {
        <Section id="section-levers" title="Workshop levers">
            <p class="section__intro">
                "The sliders workshop mode shows (up to six), each moving one input over the range you set."
            </p>
            {move || (count.get() == 0).then(|| view! {
                <p>"Workshop mode will offer the suggested levers: " {suggestions} "."</p>
                <button type="button" class="button button--secondary"
                    on:click=move |_| state.edit("choose levers", |s| s.workshop = suggested(s))>"Choose the levers myself"</button>
            })}
            {move || (0..count.get()).map(|n| {
                let name = Signal::derive(move || state.scenario.with(|s| s.workshop.get(n).map(|l| l.label.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state path=format!("workshop.{n}.label") label="Label on the slider"
                            binding=bind::lever_text(n, |l| l.label.clone(), |l, v| l.label = v)/>
                        <div class="field-row">
                            <NumberField state path=format!("workshop.{n}.min") label="Lowest value" unit="" hint=""
                                binding=bind::lever(n, |l| l.min, |l, v| l.min = v)/>
                            <NumberField state path=format!("workshop.{n}.max") label="Highest value" unit="" hint=""
                                binding=bind::lever(n, |l| l.max, |l, v| l.max = v)/>
                            <NumberField state path=format!("workshop.{n}.step") label="Step" unit="" hint=""
                                binding=bind::lever(n, |l| l.step, |l, v| l.step = v)/>
                        </div>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove lever {}", name.get())
                            on:click=move |_| state.edit("remove lever", |s| { if n < s.workshop.len() { s.workshop.remove(n); } })>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            {move || (count.get() > 0 && count.get() < MAX_LEVERS).then(|| view! {
                <div class="field-row library__new">
                    <div class="field">
                        <label class="field__label" for="add-lever">"Add a lever"</label>
                        <select class="field__select" id="add-lever" on:change=move |ev| choice.set(event_target_value(&ev))>
                            <option value="">"Choose an input"</option>
                            {available.get().into_iter().map(|c| view! { <option value=c.field.clone()>{c.label}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button button--secondary button--inline"
                        on:click=move |_| {
                            let field = choice.get_untracked();
                            if let Some(c) = available.with_untracked(|a| a.iter().find(|c| c.field == field).cloned()) {
                                state.edit("add lever", |s| s.workshop.push(c));
                            }
                        }>"Add"</button>
                </div>
            })}
        </Section>
    }
}
