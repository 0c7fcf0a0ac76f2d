//! A file chosen with the file picker or dropped on its box: the one way the app takes a file
//! in (a scenario, a history). Nothing leaves the browser.

use leptos::prelude::*;

/// A labelled file input in a box that also takes a dropped file; `on_file` gets the file.
#[component]
pub fn FileDrop<F>(
    /// The input's id (its label points at it).
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    /// The file types offered by the picker (`.json,application/json`).
    accept: &'static str,
    on_file: F,
) -> impl IntoView
where
    F: Fn(web_sys::File) + Copy + 'static,
{
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            on_file(file);
        }
        // The same file chosen again is read again.
        input.set_value("");
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            on_file(file);
        }
    };
    view! {
        <div class="dropzone" class:dropzone--active=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="field__label" for=id>{label}</label>
            <p class="field__hint">{hint}</p>
            <input type="file" id=id accept=accept on:change=on_change/>
        </div>
    }
}

/// Read `file`'s text, then call `then` with it (`None` if the browser could not read it).
pub fn read_text(file: web_sys::File, then: impl FnOnce(Option<String>) + 'static) {
    let promise = file.text();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string());
        then(text);
    });
}
