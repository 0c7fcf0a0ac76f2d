//! The scenario library: save, save as, open, rename, duplicate, delete (with undo), new from an
//! example or blank, and scenario files (save as file, open a file by picker or drag and drop).

use ap_engine::examples::{self, EXAMPLES};
use ap_engine::format::academic_year;
use ap_engine::store::entry_text;
use leptos::prelude::*;

use crate::download::{download, file_stem};
use crate::library::{self, Entry, Opened};
use crate::session::{self, now_ms};
use crate::state::{use_app_state, AppState, Mode};

/// "24 Nov 2026, 10:41" in the browser's time zone.
fn when(ms: f64) -> String {
    if ms <= 0.0 {
        return "before saved times were recorded".into();
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        MONTHS[(d.get_month() as usize).min(11)],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Read a scenario file the user chose or dropped, and add it to the library.
fn import_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    let promise = file.text();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string());
        match text {
            Some(text) => session::import(state, &name, &text),
            None => session::tell(state, format!("“{name}” could not be read.")),
        }
    });
}

#[component]
pub fn LibraryPanel() -> impl IntoView {
    let state = use_app_state();
    let entries = Memo::new(move |_| {
        state.library_version.track();
        library::list()
    });
    let unsaved = Memo::new(move |_| state.has_unsaved_changes());
    let opened_id = move || state.opened.with(|o| o.as_ref().map(|o| o.id.clone()));
    let chosen_example = RwSignal::new(EXAMPLES[0].key.to_string());
    let dragging = RwSignal::new(false);

    let open_example = move |_| {
        let key = chosen_example.get_untracked();
        if let Some(ex) = EXAMPLES.iter().find(|e| e.key == key) {
            session::open(state, (ex.build)(), None);
        }
    };
    let save_file = move |_| {
        let (name, text) = state
            .scenario
            .with_untracked(|s| (file_stem(&s.meta.name), entry_text(s, now_ms())));
        if let Err(e) = download(&format!("{name}.json"), "application/json", &text) {
            session::tell(state, e);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(state, file);
        }
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
            import_file(state, file);
        }
    };

    view! {
        <details class="section library" id="section-library">
            <summary class="section__summary">
                <h2 class="section__title">"Saved scenarios"</h2>
                {move || unsaved.get().then(|| view! { <span class="tag" data-testid="unsaved">"Unsaved changes"</span> })}
            </summary>
            <div class="section__body">
                <div class="toolbar">
                    <button type="button" class="button" on:click=move |_| session::save(state)>"Save"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| session::save_as(state)>"Save as"</button>
                    <button type="button" class="button button--secondary" on:click=save_file>"Save as file"</button>
                </div>
                <div class="field-row library__new">
                    <div class="field">
                        <label class="field__label" for="example-choice">"Built-in example"</label>
                        <select class="field__select" id="example-choice" on:change=move |ev| chosen_example.set(event_target_value(&ev))>
                            {EXAMPLES.iter().map(|e| view! { <option value=e.key>{e.title}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button button--secondary button--inline" on:click=open_example>"Open example"</button>
                    <button type="button" class="button button--secondary button--inline"
                        on:click=move |_| session::open(state, examples::blank(), None)>"New blank scenario"</button>
                </div>
                <div class="dropzone" class:dropzone--active=move || dragging.get()
                    on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop>
                    <label class="field__label" for="import-file">"Open a scenario file"</label>
                    <p class="field__hint">"A .json file saved from AP Planner, chosen here or dropped on this box. It is added to your saved scenarios; nothing is replaced."</p>
                    <input type="file" id="import-file" accept=".json,application/json" on:change=on_file/>
                </div>
                {move || match entries.get() {
                    Err(e) => view! { <p class="notice notice--warning">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="hint">"No saved scenarios in this browser yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="table library__table">
                                <caption class="visually-hidden">"Saved scenarios"</caption>
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Area"</th><th scope="col">"Saved"</th><th scope="col">"Actions"</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|entry| view! { <LibraryRow state entry is_open=opened_id()/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
            </div>
        </details>
    }
}

#[component]
fn LibraryRow(state: AppState, entry: Entry, is_open: Option<String>) -> impl IntoView {
    let Entry { id, content } = entry;
    match content {
        Ok(stored) => {
            let name = stored.scenario.meta.name.clone();
            let open_now = is_open.as_deref() == Some(id.as_str());
            let (id_open, id_rename, id_dup, id_del) =
                (id.clone(), id.clone(), id.clone(), id.clone());
            let (n_rename, n_dup, n_del) = (name.clone(), name.clone(), name.clone());
            let stored_open = stored.clone();
            view! {
                <tr>
                    <th scope="row">{name.clone()}{open_now.then(|| view! { <span class="tag">"Open"</span> })}</th>
                    <td>{stored.scenario.meta.area.clone()}</td>
                    <td>{when(stored.saved_at)}</td>
                    <td class="library__actions">
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Open {name}")
                            on:click=move |_| session::open(state, stored_open.scenario.clone(), Some(Opened { id: id_open.clone(), saved_at: stored_open.saved_at }))>"Open"</button>
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Rename {name}")
                            on:click=move |_| session::rename(state, &id_rename, &n_rename)>"Rename"</button>
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Duplicate {name}")
                            on:click=move |_| session::duplicate(state, &id_dup, &n_dup)>"Duplicate"</button>
                        <button type="button" class="button button--small button--warning" aria-label=format!("Delete {name}")
                            on:click=move |_| session::delete(state, &id_del, &n_del)>"Delete"</button>
                    </td>
                </tr>
            }
            .into_any()
        }
        Err(unreadable) => {
            let raw = unreadable.raw.clone();
            let file = format!("unreadable-{id}.txt");
            view! {
                <tr class="library__unreadable">
                    <th scope="row">"Unreadable entry"</th>
                    <td colspan="2">{format!("It cannot be opened ({}). It is kept as it is.", unreadable.reason)}</td>
                    <td class="library__actions">
                        <button type="button" class="button button--small button--secondary"
                            on:click=move |_| { let _ = download(&file, "text/plain", &raw); }>"Download its text"</button>
                    </td>
                </tr>
            }
            .into_any()
        }
    }
}

/// Messages about the library, with Undo after a deletion.
#[component]
pub fn LibraryNotice() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div aria-live="polite">
            {move || state.notice.get().map(|n| {
                let undo = n.undo.clone();
                view! {
                    <p class="notice" data-testid="library-notice">
                        {n.text.clone()} " "
                        {undo.map(|(id, raw)| view! {
                            <button type="button" class="button button--small button--secondary"
                                on:click=move |_| session::undo_delete(state, &id, &raw)>"Undo"</button>
                        })}
                    </p>
                }
            })}
        </div>
    }
}

/// The banner over a scenario opened from a link.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let state = use_app_state();
    let name = move || state.scenario.with(|s| s.meta.name.clone());
    let first = move || {
        state
            .scenario
            .with(|s| academic_year(s.timeline.first_year))
    };
    view! {
        {move || (state.mode.get() == Mode::Shared).then(|| view! {
            <div class="shared-banner" role="region" aria-label="Shared scenario">
                <p class="shared-banner__title"><strong>"Shared scenario: " {name}</strong></p>
                <p>"Opened from a link, read-only, from " {first} ". Nothing in your saved scenarios has changed."</p>
                <button type="button" class="button"
                    on:click=move |_| {
                        let s = state.scenario.get_untracked();
                        session::add_and_open(state, s, "The shared scenario");
                    }>"Save a copy"</button>
            </div>
        })}
    }
}
