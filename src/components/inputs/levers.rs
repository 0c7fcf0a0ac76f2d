//! Workshop levers: which inputs workshop mode offers as sliders, and over what range.

use ap_engine::edit::Edit;
use ap_engine::fields::{Field, LeverField};
use ap_engine::workshop::{candidates, suggested, MAX_LEVERS};
use leptos::prelude::*;

use super::{apply, Section};
use crate::components::fields::{NumberRow, TextField};
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
                    on:click=move |_| apply(state, Edit::ChooseLevers)>"Choose the levers myself"</button>
            })}
            {move || (0..count.get()).map(|lever| {
                let at = move |what| Field::Lever { lever, what };
                let name = Signal::derive(move || state.scenario.with(|s| s.workshop.get(lever).map(|l| l.label.clone())).unwrap_or_default());
                view! {
                    <fieldset class="item">
                        <legend class="item__legend">{move || name.get()}</legend>
                        <TextField state field=at(LeverField::Label)/>
                        <NumberRow state fields=[LeverField::Min, LeverField::Max, LeverField::Step].map(at).to_vec()/>
                        <button type="button" class="button button--small button--warning"
                            aria-label=move || format!("Remove lever {}", name.get())
                            on:click=move |_| apply(state, Edit::RemoveLever(lever))>"Remove"</button>
                    </fieldset>
                }
            }).collect_view()}
            {move || (count.get() > 0 && count.get() < MAX_LEVERS).then(|| view! {
                <div class="field-row library__new">
                    <div class="field">
                        <label class="field__label" for="add-lever">"Add a lever"</label>
                        <select class="field__select" id="add-lever" on:change=move |ev| choice.set(event_target_value(&ev))>
                            <option value="">"Choose an input"</option>
                            {available.get().into_iter().map(|c| view! { <option value=c.field.to_string()>{c.label}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button button--secondary button--inline"
                        on:click=move |_| {
                            if let Ok(field) = choice.get_untracked().parse::<Field>() {
                                apply(state, Edit::AddLever(field));
                            }
                        }>"Add"</button>
                </div>
            })}
        </Section>
    }
}
