//! Form fields: a visible label, a one-line hint, the unit, and the engine's message tied to the
//! input for screen readers. Each input's id is the engine path of its field, so the error
//! summary can link straight to it. What the user typed is kept even when it is not a number.

use ap_engine::format::{parse_number, plain};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::state::AppState;

type Getter<T> = dyn Fn(&Scenario) -> Option<T> + Send + Sync;
type Setter<T> = dyn Fn(&mut Scenario, T) + Send + Sync;

/// How a field reads and writes its value in the scenario.
pub struct Binding<T> {
    pub get: Box<Getter<T>>,
    pub set: Box<Setter<T>>,
}

impl<T> Binding<T> {
    pub fn new(
        get: impl Fn(&Scenario) -> Option<T> + Send + Sync + 'static,
        set: impl Fn(&mut Scenario, T) + Send + Sync + 'static,
    ) -> Self {
        Binding {
            get: Box::new(get),
            set: Box::new(set),
        }
    }
}

pub type NumberBinding = Binding<f64>;
pub type TextBinding = Binding<String>;

/// What every field shares: its hint and error ids, and the engine's message for its path.
struct FieldIds {
    hint_id: String,
    error_id: String,
}

impl FieldIds {
    fn new(path: &str) -> Self {
        FieldIds {
            hint_id: format!("{path}-hint"),
            error_id: format!("{path}-error"),
        }
    }

    /// `aria-describedby`: the hint, and the error while there is one.
    fn described_by(
        &self,
        message: impl Fn() -> bool + Copy + Send + Sync + 'static,
    ) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let (hint, error) = (self.hint_id.clone(), self.error_id.clone());
        move || {
            if message() {
                format!("{hint} {error}")
            } else {
                hint.clone()
            }
        }
    }
}

/// The engine's message for the field at `path`, recomputed only when the projection changes.
fn engine_message(state: AppState, path: &str) -> Memo<Option<String>> {
    let path = path.to_string();
    Memo::new(move |_| state.error_at(&path))
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

/// A number input bound to the scenario. Arrow Up / Down step the value by `step`.
#[component]
pub fn NumberField(
    state: AppState,
    /// Engine path of the field; also the input's id.
    #[prop(into)]
    path: String,
    #[prop(into)] label: String,
    /// Unit shown after the input ("pupils", "%", "weeks", "£ per place-year").
    #[prop(into)]
    unit: String,
    #[prop(into)] hint: String,
    binding: NumberBinding,
    #[prop(default = 1.0)] step: f64,
    /// A year or other code: shown without thousands separators.
    #[prop(optional)]
    plain_digits: bool,
    /// Extra class for the field, e.g. a compact table cell.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let NumberBinding { get, set } = binding;
    let value = Memo::new(move |_| state.scenario.with(|s| get(s)));
    let show = move |v: f64| {
        if plain_digits {
            format!("{v}")
        } else {
            plain(v, 4)
        }
    };
    // What the user typed, kept even when it is not a number.
    let typed = RwSignal::new(value.get_untracked().map(show).unwrap_or_default());
    // A typing error, with the value the field had when it was made: once the value changes
    // (undo, another tab) the error no longer applies.
    let parse_error = RwSignal::new(None::<(String, Option<f64>)>);
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
    let engine_error = engine_message(state, &path);
    let message = Memo::new(move |_| {
        let typing = parse_error
            .get()
            .filter(|(_, at)| *at == value.get())
            .map(|(m, _)| m);
        typing.or_else(|| engine_error.get())
    });
    let ids = FieldIds::new(&path);
    let described = ids.described_by(move || message.with(Option::is_some));
    let FieldIds { hint_id, error_id } = ids;
    let set = std::sync::Arc::new(set);
    let commit = {
        let (path, label, set) = (path.clone(), label.clone(), set.clone());
        move |text: String| {
            typed.set(text.clone());
            match parse_number(&text) {
                Ok(v) => {
                    parse_error.set(None);
                    state.edit(&path, |s| set(s, v));
                }
                Err(e) => {
                    let at = value.get_untracked();
                    parse_error.set(Some((format!("{label}: {e}"), at)));
                }
            }
        }
    };
    let commit_key = commit.clone();
    let shown_now = move || untrack(shown);
    view! {
        <div class=format!("field {class}") class:field--error=move || message.with(Option::is_some)>
            <label class="field__label" for=path.clone()>{label.clone()}</label>
            <p class="field__hint" id=hint_id>{hint}</p>
            <FieldMessage id=error_id message=message/>
            <div class="field__control">
                <input
                    class="field__input"
                    id=path
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                    prop:value=shown
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
                <span class="field__unit">{unit}</span>
            </div>
        </div>
    }
}

/// A text input (names). Text is never interpreted as markup.
#[component]
pub fn TextField(
    state: AppState,
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: String,
    binding: TextBinding,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let TextBinding { get, set } = binding;
    let value = Memo::new(move |_| state.scenario.with(|s| get(s)).unwrap_or_default());
    let message = engine_message(state, &path);
    let ids = FieldIds::new(&path);
    let described = ids.described_by(move || message.with(Option::is_some));
    let FieldIds { hint_id, error_id } = ids;
    let edit_path = path.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        state.edit(&edit_path, |s| set(s, text));
    };
    let input = if multiline {
        view! {
            <textarea class="field__textarea" id=path.clone() rows="2" aria-describedby=described
                prop:value=move || value.get() on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="field__input field__input--text" id=path.clone() type="text" autocomplete="off"
                aria-describedby=described
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || value.get() on:input=on_input/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=move || message.with(Option::is_some)>
            <label class="field__label" for=path.clone()>{label}</label>
            <p class="field__hint" id=hint_id>{hint}</p>
            <FieldMessage id=error_id message=message/>
            {input}
        </div>
    }
}

/// A choice from a fixed list; values are keys, labels are what people read.
#[component]
pub fn SelectField(
    state: AppState,
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: String,
    /// (key, label) pairs, re-read when they change (e.g. tier names).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    binding: TextBinding,
) -> impl IntoView {
    let TextBinding { get, set } = binding;
    let value = Memo::new(move |_| state.scenario.with(|s| get(s)).unwrap_or_default());
    let message = engine_message(state, &path);
    let ids = FieldIds::new(&path);
    let described = ids.described_by(move || message.with(Option::is_some));
    let FieldIds { hint_id, error_id } = ids;
    let edit_path = path.clone();
    view! {
        <div class="field" class:field--error=move || message.with(Option::is_some)>
            <label class="field__label" for=path.clone()>{label}</label>
            <p class="field__hint" id=hint_id>{hint}</p>
            <FieldMessage id=error_id message=message/>
            <select class="field__select" id=path.clone() aria-describedby=described
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    state.edit(&edit_path, |s| set(s, key));
                }>
                {move || options.get().into_iter().map(|(key, text)| {
                    let selected = key == value.get();
                    view! { <option value=key selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
