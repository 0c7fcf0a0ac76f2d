//! A labelled number input with its unit, a hint, and an error message tied to it for screen
//! readers. What the user typed is kept even when it is not a number, so nothing is lost.

use ap_engine::format::{parse_number, plain};
use leptos::prelude::*;

#[component]
pub fn NumberField(
    /// Element id; also the engine path of the field, so validation messages can find it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// Unit shown after the input ("pupils", "%", "weeks").
    #[prop(into)]
    unit: String,
    #[prop(into)] hint: String,
    /// Current value in the scenario.
    #[prop(into)]
    value: Signal<f64>,
    /// The engine's message for this field, if invalid.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with each number the user types.
    on_change: Callback<f64>,
    #[prop(default = 1.0)] step: f64,
    #[prop(default = 0.0)] min: f64,
) -> impl IntoView {
    let typed = RwSignal::new(plain(value.get_untracked(), 4));
    let parse_error = RwSignal::new(None::<String>);
    // Follow outside changes (undo, another field) unless the user's text already means it.
    Effect::new(move |_| {
        let v = value.get();
        let current = typed.get_untracked();
        if parse_number(&current).ok() != Some(v) {
            typed.set(plain(v, 4));
            parse_error.set(None);
        }
    });
    let message = move || parse_error.get().or_else(|| error.get());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if message().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let label_for_error = label.clone();
    view! {
        <div class="field" class:field--error=move || message().is_some()>
            <label class="field__label" for=id.clone()>{label}</label>
            <p class="field__hint" id=hint_id>{hint}</p>
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! {
                    <p class="field__error" id=error_id.clone()>
                        <span class="visually-hidden">"Error: "</span>{m}
                    </p>
                })
            }
            <div class="field__control">
                <input
                    class="field__input"
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    data-step=step
                    data-min=min
                    aria-describedby=described
                    aria-invalid=move || if message().is_some() { "true" } else { "false" }
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        typed.set(text.clone());
                        match parse_number(&text) {
                            Ok(v) => {
                                parse_error.set(None);
                                on_change.run(v);
                            }
                            Err(e) => parse_error.set(Some(format!("{label_for_error}: {e}"))),
                        }
                    }
                />
                <span class="field__unit">{unit}</span>
            </div>
        </div>
    }
}
