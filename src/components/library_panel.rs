//! The scenario library: save, save as, open, rename, duplicate, delete (kept under Recently
//! deleted), new from an example or blank, scenario files (save as file, open a file by picker or
//! drag and drop), and what is kept because it could not be read. Also the two offers above the
//! workspace: unsaved work left by a closed window, and this tab's held (unreadable) draft.

use ap_engine::examples::{self, EXAMPLES};
use ap_engine::format::academic_year;
use ap_engine::store::entry_text;
use leptos::prelude::*;

use crate::components::file_drop::{read_text, FileDrop};
use crate::dialog;
use crate::download::{download, file_stem};
use crate::lazy::FoldedLater;
use crate::library::{self, Entry, KeptText, Opened};
use crate::session::drafts::LeftDraft;
use crate::session::rules::file_too_large;
use crate::session::{self, now_ms, LeftChoice};
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

/// Read a scenario file the user chose or dropped, and add it to the library. A file far larger
/// than any scenario is refused from its size, before it is read.
fn import_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    if let Some(why) = file_too_large(&name, file.size()) {
        session::tell(state, why);
        return;
    }
    read_text(file, move |text| match text {
        Some(text) => session::import(state, &name, &text),
        None => session::tell(state, format!("“{name}” could not be read.")),
    });
}

/// "Saved scenarios", folded: its body (the list, examples, files) is fetched the first time it
/// is opened (`crate::lazy`).
#[component]
pub fn LibraryPanel() -> impl IntoView {
    let state = use_app_state();
    let unsaved = Memo::new(move |_| state.has_unsaved_changes());
    view! {
        <FoldedLater id="section-library" class="library" title="Saved scenarios" load=crate::lazy::library>
            {move || unsaved.get().then(|| view! { <span class="tag" data-testid="unsaved">"Unsaved changes"</span> })}
        </FoldedLater>
    }
}

/// The library's body: saving, examples, opening a file, the saved and recently deleted lists.
#[component]
pub fn LibraryBody() -> impl IntoView {
    let state = use_app_state();
    let entries = Memo::new(move |_| {
        state.library_version.track();
        library::list()
    });
    let kept = Memo::new(move |_| {
        state.library_version.track();
        library::kept_aside().unwrap_or_default()
    });
    let deleted = Memo::new(move |_| {
        state.library_version.track();
        library::recently_deleted().unwrap_or_default()
    });
    let opened_id = move || state.opened.with(|o| o.as_ref().map(|o| o.id.clone()));
    let chosen_example = RwSignal::new(EXAMPLES[0].key.to_string());

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
    view! {
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
                <FileDrop id="import-file" label="Open a scenario file"
                    hint="A .json file saved from AP Planner, chosen here or dropped on this box. It is added to your saved scenarios; nothing is replaced."
                    accept=".json,application/json" on_file=move |file| import_file(state, file)/>
                {move || match entries.get() {
                    Err(e) => view! { <p class="notice notice--warning">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() && kept.with(Vec::is_empty) => view! { <p class="hint">"No saved scenarios in this browser yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap" tabindex="0">
                            <table class="table library__table">
                                <caption class="visually-hidden">"Saved scenarios"</caption>
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Area"</th><th scope="col">"Saved"</th><th scope="col">"Actions"</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|entry| view! { <LibraryRow state entry is_open=opened_id()/> }).collect_view()}
                                    {kept.get().into_iter().map(|k| view! { <KeptRow state kept=k/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
                {move || (!deleted.with(Vec::is_empty)).then(|| view! {
                    <div class="library__deleted">
                        <h3 class="library__subtitle" id="recently-deleted">"Recently deleted"</h3>
                        <p class="hint">"The last ten things deleted or discarded in this browser. “Restore” puts one back in your saved scenarios."</p>
                        <div class="table-wrap" tabindex="0">
                            <table class="table" aria-labelledby="recently-deleted">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Deleted"</th><th scope="col">"Actions"</th></tr></thead>
                                <tbody>
                                    {deleted.get().into_iter().map(|(key, d)| {
                                        let label = format!("Restore {}", d.name);
                                        view! {
                                            <tr>
                                                <th scope="row">{d.name.clone()}</th>
                                                <td>{when(d.deleted_at)}</td>
                                                <td class="library__actions">
                                                    <button type="button" class="button button--small button--secondary" aria-label=label
                                                        on:click=move |_| session::restore(state, &key)>"Restore"</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                })}
            </div>
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
            let listed_at = stored.saved_at;
            view! {
                <tr>
                    <th scope="row">{name.clone()}{open_now.then(|| view! { <span class="tag">"Open"</span> })}</th>
                    <td>{stored.scenario.meta.area.clone()}</td>
                    <td>{when(stored.saved_at)}</td>
                    <td class="library__actions">
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Open {name}")
                            on:click=move |_| session::open(state, stored_open.scenario.clone(), Some(Opened { id: id_open.clone(), saved_at: stored_open.saved_at }))>"Open"</button>
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Rename {name}")
                            on:click=move |_| session::rename(state, &id_rename, &n_rename, listed_at)>"Rename"</button>
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Duplicate {name}")
                            on:click=move |_| session::duplicate(state, &id_dup, &n_dup)>"Duplicate"</button>
                        <button type="button" class="button button--small button--warning" aria-label=format!("Delete {name}")
                            on:click=move |_| session::delete(state, &id_del, &n_del)>"Delete"</button>
                    </td>
                </tr>
            }
            .into_any()
        }
        Err(unreadable) => view! {
            <UnreadableRow state title="Unreadable entry" key=library::entry_key(&id)
                file=format!("unreadable-{id}.txt") content=unreadable/>
        }
        .into_any(),
    }
}

/// A draft that could not be read, kept aside.
#[component]
fn KeptRow(state: AppState, kept: KeptText) -> impl IntoView {
    let short: String = kept
        .key
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    view! {
        <UnreadableRow state title="Unreadable copy (kept aside)" key=kept.key.clone()
            file=format!("unreadable-draft-{short}.txt") content=kept.content/>
    }
}

/// Something that cannot be read, kept exactly as it is: its text can be downloaded, and it can
/// be deleted (to Recently deleted).
#[component]
fn UnreadableRow(
    state: AppState,
    title: &'static str,
    key: String,
    file: String,
    content: library::Unreadable,
) -> impl IntoView {
    let raw = content.raw.clone();
    view! {
        <tr class="library__unreadable">
            <th scope="row">{title}</th>
            <td colspan="2">{format!("It cannot be opened ({}). It is kept as it is.", content.reason)}</td>
            <td class="library__actions">
                <button type="button" class="button button--small button--secondary"
                    on:click=move |_| { let _ = download(&file, "text/plain", &raw); }>"Download its text"</button>
                <button type="button" class="button button--small button--warning" aria-label=format!("Delete {title}")
                    on:click=move |_| session::delete_unreadable(state, &key, title)>"Delete"</button>
            </td>
        </tr>
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
                        {undo.map(|key| view! {
                            <button type="button" class="button button--small button--secondary"
                                on:click=move |_| session::restore(state, &key)>"Undo"</button>
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

/// Unsaved work left by windows that are now closed, offered back: "Open", "Keep in library" or
/// "Discard" for each. Nothing is removed until the user chooses.
#[component]
pub fn LeftWork() -> impl IntoView {
    let state = use_app_state();
    move || {
        let left = state.left_behind.get();
        (!left.is_empty()).then(|| {
            view! {
                <section class="left-work" aria-labelledby="left-work-title">
                    <h2 class="left-work__title" id="left-work-title">"You have unsaved work from another window"</h2>
                    <p class="left-work__intro">"A window of AP Planner that is now closed had changes that were never saved. Choose what to do with each; nothing is removed until you do."</p>
                    <ul class="left-work__list">
                        {left.into_iter().map(|draft| view! { <LeftRow state draft/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn LeftRow(state: AppState, draft: LeftDraft) -> impl IntoView {
    let tab = draft.tab.clone();
    let choose = move |choice| {
        let tab = tab.clone();
        move |_| session::choose_left(state, tab.clone(), choice)
    };
    match draft.content {
        Ok(work) => {
            let name = work.scenario.meta.name.clone();
            let area = work.scenario.meta.area.clone();
            view! {
                <li class="left-work__item">
                    <p class="left-work__name"><strong>{name.clone()}</strong>
                        {(!area.is_empty()).then(|| format!(" · {area}"))}
                        {format!(" · last changed {}", when(work.saved_at))}</p>
                    <div class="library__actions">
                        <button type="button" class="button button--small" aria-label=format!("Open: unsaved work {name}")
                            on:click=choose(LeftChoice::Open)>"Open"</button>
                        <button type="button" class="button button--small button--secondary" aria-label=format!("Keep in library: unsaved work {name}")
                            on:click=choose(LeftChoice::Keep)>"Keep in library"</button>
                        <button type="button" class="button button--small button--warning" aria-label=format!("Discard: unsaved work {name}")
                            on:click=choose(LeftChoice::Discard)>"Discard"</button>
                    </div>
                </li>
            }
            .into_any()
        }
        Err(unreadable) => {
            let raw = unreadable.raw.clone();
            view! {
                <li class="left-work__item">
                    <p class="left-work__name"><strong>"A draft that cannot be read"</strong>
                        {format!(" ({}). There was no room to keep a copy of it, so it is left where it was.", unreadable.reason)}</p>
                    <div class="library__actions">
                        <button type="button" class="button button--small button--secondary"
                            on:click=move |_| { let _ = download("unreadable-draft.txt", "text/plain", &raw); }>"Download its text"</button>
                        <button type="button" class="button button--small button--warning" aria-label="Discard the unreadable draft"
                            on:click=choose(LeftChoice::Discard)>"Discard"</button>
                    </div>
                </li>
            }
            .into_any()
        }
    }
}

/// This tab's draft could not be read, and there was no room to copy it aside: autosave is off
/// until the user downloads it or lets this tab overwrite it.
#[component]
pub fn HeldDraftNotice() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.held.get().map(|held| {
            let raw = held.raw.clone();
            let overwrite = move |_| {
                dialog::then_if_yes("Overwrite the unreadable draft with the scenario on screen? Its text is lost unless you have downloaded it.", "Overwrite", move || session::overwrite_held(state));
            };
            view! {
                <div class="notice notice--warning held-draft" role="alert">
                    <p><strong>"Changes in this tab are not being saved."</strong>
                        {format!(" The working scenario last open in this tab could not be read ({}), and there is no room left in this browser's storage to keep a copy of it, so it has been left exactly as it was. Download it to keep it, or let this tab save over it.", held.reason)}</p>
                    <div class="toolbar">
                        <button type="button" class="button button--secondary"
                            on:click=move |_| { let _ = download("unreadable-draft.txt", "text/plain", &raw); }>"Download the unreadable draft"</button>
                        <button type="button" class="button button--warning" on:click=overwrite>"Overwrite it"</button>
                    </div>
                </div>
            }
        })
    }
}
