//! The width a chart is shown at, so that it is drawn at that size: its text is then the size
//! it was drawn at (never shrunk below 12 px by scaling), and nothing is stretched.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Widths are rounded to this many pixels, so a chart is not redrawn for every pixel of a drag.
const STEP: u32 = 8;

/// The CSS width of the element behind `node`, following its size as the window or layout
/// changes; `None` until it is first laid out (or where the browser cannot tell).
pub fn use_width(node: NodeRef<Div>) -> ReadSignal<Option<u32>> {
    let width = RwSignal::new(None::<u32>);
    let observer = StoredValue::new_local(
        None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>,
    );
    Effect::new(move |_| {
        let Some(el) = node.get() else {
            return;
        };
        let set = move |w: f64| {
            if w > 0.0 {
                let w = ((w as u32) / STEP).max(1) * STEP;
                if width.get_untracked() != Some(w) {
                    width.set(Some(w));
                }
            }
        };
        set(el.client_width() as f64);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                set(entry.content_rect().width());
            }
        });
        if let Ok(ro) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            ro.observe(&el);
            observer.set_value(Some((ro, on_resize)));
        }
    });
    on_cleanup(move || {
        if let Some((ro, _)) = observer.try_update_value(Option::take).flatten() {
            ro.disconnect();
        }
    });
    width.read_only()
}
