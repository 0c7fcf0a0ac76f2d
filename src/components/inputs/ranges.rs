//! Ranges of uncertainty: every range in the scenario in one place, to set, review and clear,
//! and the simulation's seed and number of draws.

use ap_engine::edit::{default_range, Edit};
use ap_engine::fields::{self, Field, TopField, Unit};
use ap_engine::format::{parse_number, plain};
use ap_engine::scenario::{Group, InputRange, Shape};
use leptos::prelude::*;

use super::{apply, Section};
use crate::components::fields::{ChoiceField, NumberRow};
use crate::state::{use_app_state, AppState};

/// The id of a range end's input, so "Add a range" beside a field can move focus to it.
pub fn end_id(field: Field, end: &str) -> String {
    format!("range-{field}-{end}")
}

/// "£31,500 to £58,500, triangular": a range as people read it.
pub fn range_text(range: &InputRange) -> String {
    let unit = range.field.spec().unit().unwrap_or(Unit::Plain);
    format!(
        "{} to {}, {}",
        unit.show(range.low),
        unit.show(range.high),
        range.shape.key()
    )
}

/// Put a first range on `field` and move focus to its low end.
pub fn add_range(state: AppState, field: Field) {
    let range = state.scenario.with_untracked(|s| default_range(s, field));
    if let Some(range) = range {
        if state.apply(Edit::SetRange(range)).is_ok() {
            focus_later(end_id(field, "low"));
        }
    }
}

/// Focus the element with `id` once the page has drawn it.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // Open the section it sits in, if it was folded away.
            if let Some(details) = el.closest("details").ok().flatten() {
                let _ = details.set_attribute("open", "");
            }
            let _ = el.focus();
        }
    });
}

#[component]
pub fn Ranges() -> impl IntoView {
    let state = use_app_state();
    let fields = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.ranges.iter().map(|r| r.field).collect::<Vec<_>>())
    });
    let available = Memo::new(move |_| {
        state.scenario.with(|s| {
            fields::all(s)
                .into_iter()
                .filter(|f| f.spec().uncertain && s.range_on(*f).is_none())
                .map(|f| (f.to_string(), f.describe(s)))
                .collect::<Vec<_>>()
        })
    });
    let choice = RwSignal::new(String::new());
    view! {
        <Section id="section-ranges" title="Ranges of uncertainty">
            <p class="section__intro">
                "A range says how sure you are of an input: the value typed is the most likely, and "
                "the low and high ends the least and most it could plausibly be. With ranges, the "
                "results show how far the figures could spread and the chance of overspending."
            </p>
            {move || fields.with(Vec::is_empty).then(|| view! { <p>"No ranges yet."</p> })}
            {move || fields.get().into_iter().map(|field| view! { <RangeRow state field/> }).collect_view()}
            <div class="field-row library__new">
                <div class="field">
                    <label class="field__label" for="add-range">"Add a range to"</label>
                    <select class="field__select" id="add-range" on:change=move |ev| choice.set(event_target_value(&ev))>
                        <option value="">"Choose an input"</option>
                        {move || available.get().into_iter().map(|(key, label)| view! { <option value=key>{label}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button button--secondary button--inline"
                    on:click=move |_| {
                        if let Ok(field) = choice.get_untracked().parse::<Field>() {
                            add_range(state, field);
                        }
                    }>"Add range"</button>
            </div>
            {move || (!fields.with(Vec::is_empty)).then(|| view! {
                <button type="button" class="button button--small button--warning"
                    on:click=move |_| apply(state, Edit::ClearRanges)>"Clear all ranges"</button>
            })}
            <h4 class="subheading">"Simulation"</h4>
            <NumberRow state fields=vec![Field::Top(TopField::Draws), Field::Top(TopField::Seed), Field::Top(TopField::GroupCorrelation)]/>
            <ChoiceField state field=Field::Top(TopField::CountNoise)/>
        </Section>
    }
}

/// One range: its low and high ends, its shape, the engine's message, and Clear.
#[component]
fn RangeRow(state: AppState, field: Field) -> impl IntoView {
    let range = Memo::new(move |_| state.scenario.with(|s| s.range_on(field).cloned()));
    let label = Memo::new(move |_| state.scenario.with(|s| field.describe(s)));
    let unit = field.spec().suffix;
    let message = Memo::new(move |_| state.error_for(field));
    let set = move |change: &dyn Fn(&mut InputRange)| {
        if let Some(mut r) = range.get_untracked() {
            change(&mut r);
            let _ = state.apply(Edit::SetRange(r));
        }
    };
    let central = Memo::new(move |_| {
        state
            .scenario
            .with(|s| field.number(s).map(|v| plain(v, 4)).unwrap_or_default())
    });
    view! {
        <fieldset class="item item--range" class:field--error=move || message.with(Option::is_some)>
            <legend class="item__legend">{move || label.get()}</legend>
            <p class="field__hint">{move || format!("Value typed: {} {unit}", central.get())}</p>
            {move || message.get().map(|m| view! {
                <p class="field__error"><span class="visually-hidden">"Error: "</span>{m}</p>
            })}
            <div class="range-ends">
                <RangeEnd field end="low" label="Low" range
                    on_set=Callback::new(move |v| set(&|r: &mut InputRange| r.low = v))/>
                <RangeEnd field end="high" label="High" range
                    on_set=Callback::new(move |v| set(&|r: &mut InputRange| r.high = v))/>
            </div>
            <div class="field">
                    <label class="field__label" for=end_id(field, "shape")>"Shape"</label>
                    <select class="field__select" id=end_id(field, "shape")
                        on:change=move |ev| {
                            if let Some(shape) = Shape::from_key(&event_target_value(&ev)) {
                                set(&|r: &mut InputRange| r.shape = shape);
                            }
                        }>
                        {Shape::ALL.map(|shape| view! {
                            <option value=shape.key() selected=move || range.with(|r| r.as_ref().is_some_and(|r| r.shape == shape))>
                                {shape.label()}
                            </option>
                        }).collect_view()}
                    </select>
            </div>
            <div class="field">
                    <label class="field__label" for=end_id(field, "group")>"Drawn"</label>
                    <p class="field__hint" id=end_id(field, "group-hint")>"Inputs in one group move together (see the correlation under Simulation)."</p>
                    <select class="field__select" id=end_id(field, "group") aria-describedby=end_id(field, "group-hint")
                        on:change=move |ev| {
                            if let Some(group) = Group::from_key(&event_target_value(&ev)) {
                                set(&|r: &mut InputRange| r.group = group);
                            }
                        }>
                        {Group::ALL.map(|group| view! {
                            <option value=group.key() selected=move || range.with(|r| r.as_ref().is_some_and(|r| r.group == group))>
                                {group.label()}
                            </option>
                        }).collect_view()}
                    </select>
            </div>
            <button type="button" class="button button--small button--warning"
                on:click=move |_| apply(state, Edit::ClearRange(field))>
                "Clear range"<span class="visually-hidden">{move || format!(" on {}", label.get())}</span>
            </button>
        </fieldset>
    }
}

/// One end of a range: typed as people write numbers, kept as typed until it reads as one.
#[component]
fn RangeEnd(
    field: Field,
    end: &'static str,
    label: &'static str,
    range: Memo<Option<InputRange>>,
    on_set: Callback<f64>,
) -> impl IntoView {
    let value = Memo::new(move |_| {
        range.with(|r| {
            r.as_ref()
                .map(|r| if end == "low" { r.low } else { r.high })
        })
    });
    let typed = RwSignal::new(
        value
            .get_untracked()
            .map(|v| plain(v, 4))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let shown = move || {
        let t = typed.get_untracked();
        match value.get() {
            Some(v) if parse_number(&t).ok() != Some(v) => plain(v, 4),
            _ => t,
        }
    };
    let unit = field.spec().suffix;
    let id = end_id(field, end);
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
            <div class="field__control">
                <input class="field__input" id=id type="text" inputmode="decimal" autocomplete="off"
                    prop:value=shown
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        typed.set(text.clone());
                        match parse_number(&text) {
                            Ok(v) => {
                                error.set(None);
                                on_set.run(v);
                            }
                            Err(e) => error.set(Some(format!("{label}: {e}"))),
                        }
                    }/>
                <span class="field__unit">{unit}</span>
            </div>
        </div>
    }
}
