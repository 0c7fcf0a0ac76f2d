//! Undo inside a field the user types in: the browser's own undo of the typing comes first, as
//! in any form, and the scenario's undo only when the field has nothing left to undo. (See the
//! keyboard rule in `app.rs`.)

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The field `target` and its text, if it is one the user types in (a text-like input or a
/// text area); sliders, checkboxes, buttons and the page are not.
fn field_text(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, String)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let typed_in = match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => matches!(
            el.get_attribute("type").as_deref().unwrap_or("text"),
            "text" | "number" | "search" | "email" | "url" | "tel"
        ),
        _ => false,
    };
    if !typed_in {
        return None;
    }
    let text = js_sys::Reflect::get(&el, &JsValue::from_str("value"))
        .ok()?
        .as_string()?;
    Some((el, text))
}

/// Handle Ctrl+Z (or Ctrl+Y) pressed on `target`: in a typing field, leave the key to the
/// browser and run `app_undo` afterwards only if the field's text did not change (its own undo
/// had nothing to take back); anywhere else, `true` tells the caller to stop the browser's
/// handling and undo in the app at once.
pub fn field_first(target: Option<web_sys::EventTarget>, app_undo: impl FnOnce() + 'static) -> bool {
    let Some((el, before)) = field_text(target) else {
        return true;
    };
    // The browser applies its undo while handling this key, before any task runs.
    let after_key = Closure::once_into_js(move || {
        let now = field_text(Some(el.into())).map(|(_, t)| t);
        if now.as_deref() == Some(before.as_str()) {
            app_undo();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(after_key.unchecked_ref(), 0);
    }
    false
}
