//! Undo inside a field the user types in: the browser's own undo of the typing comes first, as
//! in any form, and the scenario's undo only when the field has nothing left to undo. (See the
//! keyboard rule, [`listen_for_undo`].)

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::{AppState, Mode};

thread_local! {
    /// Whether the browser's own undo or redo changed any field since the key was pressed.
    static NATIVE_ACTED: Cell<bool> = const { Cell::new(false) };
}

/// Note an `input` event: one made by the browser's undo or redo (in any field: its undo
/// history is the page's, not the field's) means the key was handled.
pub fn note_input(ev: &web_sys::Event) {
    let kind = js_sys::Reflect::get(ev, &JsValue::from_str("inputType"))
        .ok()
        .and_then(|k| k.as_string())
        .unwrap_or_default();
    if kind.starts_with("history") {
        NATIVE_ACTED.with(|n| n.set(true));
    }
}

/// Whether `target` is a field the user types in (a text-like input or a text area);
/// sliders, checkboxes, buttons and the page are not.
fn is_typing_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => matches!(
            el.get_attribute("type").as_deref().unwrap_or("text"),
            "text" | "number" | "search" | "email" | "url" | "tel"
        ),
        _ => false,
    }
}

/// Handle Ctrl+Z (or Ctrl+Y) pressed on `target`: in a typing field, leave the key to the
/// browser and run `app_undo` afterwards only if the browser's undo changed nothing (it had
/// no typing left to take back); anywhere else, `true` tells the caller to stop the browser's
/// handling and undo in the app at once.
pub fn field_first(
    target: Option<web_sys::EventTarget>,
    app_undo: impl FnOnce() + 'static,
) -> bool {
    if !is_typing_field(target) {
        return true;
    }
    NATIVE_ACTED.with(|n| n.set(false));
    // The browser applies its undo (and fires `input`) while handling this key, before any
    // task runs.
    let after_key = Closure::once_into_js(move || {
        if !NATIVE_ACTED.with(Cell::get) {
            app_undo();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(after_key.unchecked_ref(), 0);
    }
    false
}

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes edits to the scenario, for as long as the
/// current reactive owner lives. In a field the user types in, the browser's own undo of the
/// typing goes first, and the scenario's only once the field has nothing left to take back.
pub fn listen_for_undo(state: AppState) {
    let native_undo = window_event_listener(leptos::ev::input, move |ev| note_input(&ev));
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || state.mode.get_untracked() == Mode::Shared {
            return;
        }
        let redo = match ev.key().to_lowercase().as_str() {
            "z" => ev.shift_key(),
            "y" => true,
            _ => return,
        };
        let act = move || if redo { state.redo() } else { state.undo() };
        if field_first(ev.target(), act) {
            ev.prevent_default();
            act();
        }
    });
    on_cleanup(move || {
        native_undo.remove();
        keys.remove();
    });
}
