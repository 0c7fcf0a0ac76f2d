//! Form fields for the inputs of the engine's catalogue: `<NumberField field=…/>`,
//! `<TextField field=…/>` and `<ChoiceField field=…/>` take their label, unit, hint, step and
//! options from [`Field::spec`], and write through the one door ([`AppState::apply`]). Each
//! input's id is the field's text form, so the error summary can link straight to it; the
//! engine's message is tied to the input for screen readers. What the user typed is kept even
//! when it is not a number.

use ap_engine::edit::Edit;
use ap_engine::fields::{Field, InterventionField, Paid, ProviderField, TierField, Unit};
use ap_engine::format::{parse_number, plain};
use ap_engine::scenario::{Funder, Funding};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::components::inputs::ranges::{add_range, end_id, focus_later, range_text};
use crate::state::AppState;

/// `aria-describedby` of the input with `id`: its hint, and its error while there is one.
fn described_by(
    id: &str,
    message: Memo<Option<String>>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let (hint, error) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        if message.with(Option::is_some) {
            format!("{hint} {error}")
        } else {
            hint.clone()
        }
    }
}

/// The text or choice key `field` holds in the working scenario.
fn text_value(state: AppState, field: Field) -> Memo<String> {
    Memo::new(move |_| {
        state
            .scenario
            .with(|s| field.get(s))
            .and_then(|v| v.as_text().map(str::to_string))
            .unwrap_or_default()
    })
}

/// What every field shares around its input: the label, the hint and the message.
#[component]
fn FieldFrame(
    /// The input's id.
    id: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: Signal<String>,
    message: Memo<Option<String>>,
    #[prop(optional, into)] class: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=format!("field {class}") class:field--error=move || message.with(Option::is_some)>
            <label class="field__label" for=id.clone()>{label}</label>
            <p class="field__hint" id=format!("{id}-hint")>{move || hint.get()}</p>
            <FieldMessage id=format!("{id}-error") message=message/>
            {children()}
        </div>
    }
}

/// The engine's message for `field`, recomputed only when the projection changes.
fn engine_message(state: AppState, field: Field) -> Memo<Option<String>> {
    Memo::new(move |_| state.error_for(field))
}

#[component]
fn FieldMessage(id: String, message: Memo<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="field__error" id=id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

/// A number input for `field`. Arrow Up / Down step the value by the catalogue's step.
#[component]
pub fn NumberField(
    state: AppState,
    field: Field,
    /// The label, when the catalogue's reads wrongly out of context (a table cell: "Secondary:
    /// referral rate"; a year column: "2027/28").
    #[prop(optional, into)]
    label: Option<String>,
    /// Leave out the hint and unit (a compact table cell whose column heading says them).
    #[prop(optional)]
    bare: bool,
    /// Extra class for the field, e.g. a compact table cell.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let spec = field.spec();
    let id = field.to_string();
    let label = label.unwrap_or_else(|| spec.label.to_string());
    let step = spec.step();
    let year = spec.unit().is_some_and(Unit::is_year);
    let value = Memo::new(move |_| state.scenario.with(|s| field.number(s)));
    let show = move |v: f64| if year { format!("{v}") } else { plain(v, 4) };
    // What the user typed, kept even when it is not a number.
    let typed = RwSignal::new(value.get_untracked().map(show).unwrap_or_default());
    // A typing error, with the value the field had when it was made: once the value changes
    // (undo, another tab) the error no longer applies.
    let typing_error = RwSignal::new(None::<(String, Option<f64>)>);
    // The text shown follows outside changes (undo) unless what was typed already means the new
    // value. No effect is needed: with hundreds of fields, effects per field cost a frame.
    let shown = move || {
        let v = value.get();
        let t = typed.get_untracked();
        match v {
            Some(v) if parse_number(&t).ok() != Some(v) => show(v),
            _ => t,
        }
    };
    let engine_error = engine_message(state, field);
    let message = Memo::new(move |_| {
        let typing = typing_error
            .get()
            .filter(|(_, at)| *at == value.get())
            .map(|(m, _)| m);
        typing.or_else(|| engine_error.get())
    });
    // Most hints and units never change. The few that depend on the rest of the scenario (the
    // last tier's step-up, a lever's bounds) follow it; the others are read once, so an edit
    // does not recompute hundreds of them.
    let follows = matches!(
        field,
        Field::Tier {
            what: TierField::StepUp,
            ..
        } | Field::Lever { .. }
    );
    let read = move |f: fn(Field, &Scenario) -> String| -> Signal<String> {
        if bare {
            Signal::stored(String::new())
        } else if follows {
            Signal::derive(move || state.scenario.with(|s| f(field, s)))
        } else {
            Signal::stored(state.scenario.with_untracked(|s| f(field, s)))
        }
    };
    let hint = read(|field, s| field.hint(s));
    let unit = read(|field, s| field.suffix(s).to_string());
    let described = described_by(&id, message);
    let commit = {
        let label = label.clone();
        move |text: String| {
            typed.set(text.clone());
            let at = value.get_untracked();
            match parse_number(&text) {
                Ok(v) => match state.apply(Edit::number(field, v)) {
                    Ok(()) => typing_error.set(None),
                    Err(e) => typing_error.set(Some((e.to_string(), at))),
                },
                Err(e) => typing_error.set(Some((format!("{label}: {e}"), at))),
            }
        }
    };
    let commit_key = commit.clone();
    let shown_now = move || untrack(shown);
    // For an input that is a guess: its range, or a button to give it one.
    let range = Memo::new(move |_| {
        (!bare && spec.uncertain).then(|| {
            state
                .ranges
                .with(|ranges| ranges.iter().find(|r| r.field == field).map(range_text))
        })
    });
    let range_label = label.clone();
    let number_input = NodeRef::<leptos::html::Input>::new();
    sync_value(number_input, shown);
    view! {
        <FieldFrame id=id.clone() label=label.clone() hint=hint message=message class=class>
            <div class="field__control">
                <input
                    class="field__input"
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                    node_ref=number_input
                    on:input=move |ev| commit(event_target_value(&ev))
                    on:keydown=move |ev| {
                        let delta = match ev.key().as_str() {
                            "ArrowUp" => step,
                            "ArrowDown" => -step,
                            _ => return,
                        };
                        if let Ok(v) = parse_number(&shown_now()) {
                            ev.prevent_default();
                            commit_key(show(v + delta));
                        }
                    }
                />
                <span class="field__unit">{move || unit.get()}</span>
                {move || range.get().map(|r| {
                    let name = range_label.clone();
                    let set = r.is_some();
                    view! {
                        <button type="button" class="button button--small button--secondary field__range-button"
                            on:click=move |_| if set { focus_later(end_id(field, "low")) } else { add_range(state, field) }>
                            {if set { "Edit range" } else { "Add range" }}
                            // Named by its text and, for screen readers, the input it is for.
                            <span class="visually-hidden">{format!(" for {name}")}</span>
                        </button>
                    }
                })}
            </div>
            {move || range.get().flatten().map(|text| view! {
                <p class="field__range">{format!("Range: {text}")}</p>
            })}
        </FieldFrame>
    }
}

/// A text input (names) for `field`. Text is never interpreted as markup.
#[component]
pub fn TextField(
    state: AppState,
    field: Field,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let spec = field.spec();
    let id = field.to_string();
    let value = text_value(state, field);
    let message = engine_message(state, field);
    let described = described_by(&id, message);
    let on_input = move |ev: leptos::ev::Event| {
        // A text input always exists while its item does; an edit of a removed item is dropped.
        let _ = state.apply(Edit::text(field, event_target_value(&ev)));
    };
    let input = if multiline {
        let area = NodeRef::<leptos::html::Textarea>::new();
        sync_value(area, move || value.get());
        view! {
            <textarea class="field__textarea" id=id.clone() rows="2" aria-describedby=described
                node_ref=area on:input=on_input></textarea>
        }
        .into_any()
    } else {
        let line = NodeRef::<leptos::html::Input>::new();
        sync_value(line, move || value.get());
        view! {
            <input class="field__input field__input--text" id=id.clone() type="text" autocomplete="off"
                aria-describedby=described
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                node_ref=line on:input=on_input/>
        }
        .into_any()
    };
    view! {
        <FieldFrame id=id label=spec.label hint=spec.hint.to_string() message=message>
            {input}
        </FieldFrame>
    }
}

/// A choice from the catalogue's options for `field` (re-read when they change, e.g. tier
/// names); values are keys, labels are what people read.
#[component]
pub fn ChoiceField(state: AppState, field: Field) -> impl IntoView {
    let spec = field.spec();
    let id = field.to_string();
    let value = text_value(state, field);
    // Fixed lists (types, policies) are read once; lists of the scenario's own phases and tiers
    // follow it.
    let fixed = matches!(
        field,
        Field::Tier { .. }
            | Field::Intervention {
                what: InterventionField::Target,
                ..
            }
            | Field::Top(_)
    ) || matches!(
        field,
        Field::Provider {
            what: ProviderField::Kind,
            ..
        }
    );
    let options: Signal<Vec<(String, String)>> = if fixed {
        Signal::stored(state.scenario.with_untracked(|s| field.options(s)))
    } else {
        Memo::new(move |_| state.scenario.with(|s| field.options(s))).into()
    };
    let message = engine_message(state, field);
    let described = described_by(&id, message);
    view! {
        <FieldFrame id=id.clone() label=spec.label hint=spec.hint.to_string() message=message>
            <select class="field__select" id=id.clone() aria-describedby=described
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                on:change=move |ev| {
                    // The options are the catalogue's own, so a refusal can only mean the item
                    // has just been removed: nothing to change.
                    let _ = state.apply(Edit::text(field, event_target_value(&ev)));
                }>
                {move || options.get().into_iter().map(|(key, text)| {
                    let selected = key == value.get();
                    view! { <option value=key selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}

/// Who pays a cost (`field` is its funder input): one funder, or, when "split between funders"
/// is chosen, each funder's share typed beside it. The message that shares do not add up to
/// 100% is the choice's own.
#[component]
pub fn FundingField(state: AppState, field: Field) -> impl IntoView {
    let split = Memo::new(move |_| {
        state.scenario.with(|s| {
            field
                .get(s)
                .is_some_and(|v| v.as_text() == Some(Funding::SPLIT_KEY))
        })
    });
    let cost = Paid::of(field);
    let shares = move || {
        let cost = cost?;
        split.get().then(|| {
            let name = field.spec().label;
            view! {
                <div class="field-row funding__shares" role="group" aria-label=format!("Shares: {name}")>
                    {Funder::ALL.map(|funder| view! {
                        <NumberField state field=Field::Share { cost, funder }/>
                    }).collect_view()}
                </div>
            }
        })
    };
    view! {
        <div class="funding" class:funding--split=move || split.get()>
            <ChoiceField state field/>
            {shares}
        </div>
    }
}

/// Number inputs side by side, one for each of `fields`.
#[component]
pub fn NumberRow(state: AppState, fields: Vec<Field>) -> impl IntoView {
    view! {
        <div class="field-row">
            {fields.into_iter().map(|field| view! { <NumberField state field/> }).collect_view()}
        </div>
    }
}

/// Show `value` in the field behind `node`, writing it only when it differs from what the field
/// holds: writing a field's text, even unchanged, ends the browser's grouping of typing into
/// one undo step, so Ctrl+Z in the field would take back one letter at a time.
fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let v = value();
        let Some(el) = node.get() else {
            return;
        };
        let el: &wasm_bindgen::JsValue = wasm_bindgen::JsCast::unchecked_ref(&el);
        let key = wasm_bindgen::JsValue::from_str("value");
        let now = js_sys::Reflect::get(el, &key)
            .ok()
            .and_then(|x| x.as_string());
        if now.as_deref() != Some(v.as_str()) {
            let _ = js_sys::Reflect::set(el, &key, &wasm_bindgen::JsValue::from_str(&v));
        }
    });
}
