//! What happens to the working scenario when another is opened, saved, shared or imported: the
//! rules that keep every piece of work somewhere.

use ap_engine::Scenario;
use leptos::prelude::*;

use crate::library::{self, Opened};
use crate::state::{AppState, Mode, Notice};
use crate::storage::StoreError;

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn say(state: AppState, text: impl Into<String>) {
    state.notice.set(Some(Notice {
        text: text.into(),
        undo: None,
    }));
}

/// Keep `s` as a new library entry named "<name> (unsaved changes)"; returns that name.
fn keep_as_unsaved(mut s: Scenario) -> Result<String, StoreError> {
    s.meta.name = format!("{} (unsaved changes)", s.meta.name);
    library::save(&library::new_id(now_ms()), &s, now_ms())?;
    Ok(s.meta.name)
}

/// If the working scenario has changes not saved anywhere, keep them as a new library entry.
/// Returns the name they were kept under.
fn keep_unsaved(state: AppState) -> Result<Option<String>, StoreError> {
    if state.mode.get_untracked() != Mode::Working || !untrack(|| state.has_unsaved_changes()) {
        return Ok(None);
    }
    let name = keep_as_unsaved(state.scenario.get_untracked())?;
    state.library_version.update(|v| *v += 1);
    Ok(Some(name))
}

/// Make `scenario` the working scenario, first keeping any unsaved work in the library.
pub fn open(state: AppState, scenario: Scenario, opened: Option<Opened>) {
    match keep_unsaved(state) {
        Ok(kept) => {
            let name = scenario.meta.name.clone();
            state.mode.set(Mode::Working);
            state.replace(scenario.clone());
            state.baseline.set(Some(scenario));
            let _ = library::set_opened(opened.as_ref());
            state.opened.set(opened);
            say(
                state,
                match kept {
                    Some(k) => format!(
                        "Opened “{name}”. Your unsaved changes were kept in the library as “{k}”."
                    ),
                    None => format!("Opened “{name}”."),
                },
            );
        }
        Err(e) => say(
            state,
            format!("Nothing was opened, so your unsaved work is not lost: {e}"),
        ),
    }
}

/// Save the working scenario to the entry it was opened from (asking first if another tab saved
/// that entry since), or as a new entry if it has none.
pub fn save(state: AppState) {
    let Some(opened) = state.opened.get_untracked() else {
        save_as(state, None);
        return;
    };
    let name = state.scenario.with_untracked(|s| s.meta.name.clone());
    if let Some(stored) = library::read(&opened.id) {
        if stored.saved_at > opened.saved_at
            && !crate::components::inputs::confirm(&format!(
                "“{}” was saved from another tab or window after you opened it here. Replace that version with this one?",
                stored.scenario.meta.name
            ))
        {
            say(state, "Not saved. Use “Save as” to keep this version separately.");
            return;
        }
    }
    write(state, &opened.id, &name);
}

/// Save the working scenario as a new library entry named `name` (asked for if `None`).
pub fn save_as(state: AppState, name: Option<String>) {
    let current = state.scenario.with_untracked(|s| s.meta.name.clone());
    let name = match name {
        Some(n) => n,
        None => match web_sys::window()
            .and_then(|w| {
                w.prompt_with_message_and_default("Name for the saved scenario", &current)
                    .ok()
            })
            .flatten()
        {
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            Some(_) => {
                say(state, "Not saved: a saved scenario needs a name.");
                return;
            }
            None => return,
        },
    };
    if name != current {
        state.edit("meta.name", |s| s.meta.name = name.clone());
    }
    write(state, &library::new_id(now_ms()), &name);
}

fn write(state: AppState, id: &str, name: &str) {
    let scenario = state.scenario.get_untracked();
    match library::save(id, &scenario, now_ms()) {
        Ok(saved_at) => {
            let opened = Opened {
                id: id.to_string(),
                saved_at,
            };
            let _ = library::set_opened(Some(&opened));
            state.opened.set(Some(opened));
            state.baseline.set(Some(scenario));
            state.library_version.update(|v| *v += 1);
            say(state, format!("Saved “{name}” in this browser."));
        }
        Err(e) => say(
            state,
            format!(
                "“{name}” was not saved: {e} You can still save it as a file with “Save as file”."
            ),
        ),
    }
}

/// Delete entry `id`, offering Undo.
pub fn delete(state: AppState, id: &str, name: &str) {
    match library::remove(id) {
        Ok(raw) => {
            if state
                .opened
                .with_untracked(|o| o.as_ref().is_some_and(|o| o.id == id))
            {
                state.opened.set(None);
                state.baseline.set(None);
                let _ = library::set_opened(None);
            }
            state.library_version.update(|v| *v += 1);
            state.notice.set(Some(Notice {
                text: format!("Deleted “{name}”."),
                undo: raw.map(|r| (id.to_string(), r)),
            }));
        }
        Err(e) => say(state, format!("“{name}” was not deleted: {e}")),
    }
}

/// Put back a deleted entry.
pub fn undo_delete(state: AppState, id: &str, raw: &str) {
    match library::restore(id, raw) {
        Ok(()) => {
            state.library_version.update(|v| *v += 1);
            say(state, "Put back in your saved scenarios.");
        }
        Err(e) => say(state, format!("It could not be put back: {e}")),
    }
}

/// Add `scenario` to the library as a new entry and open it (a shared link's "Save a copy", an
/// imported file). Nothing already in the library is replaced.
pub fn add_and_open(state: AppState, scenario: Scenario, what: &str) {
    // In the shared view the working draft is still in storage, untouched: keep it if unsaved.
    if state.mode.get_untracked() == Mode::Shared {
        if let Err(e) = keep_stored_draft() {
            say(
                state,
                format!("{what} was not opened, so nothing is lost: {e}"),
            );
            return;
        }
    }
    let id = library::new_id(now_ms());
    match library::save(&id, &scenario, now_ms()) {
        Ok(saved_at) => {
            state.library_version.update(|v| *v += 1);
            if state.mode.get_untracked() == Mode::Shared {
                // Leave the shared link behind so a reload opens the library copy.
                if let Some(w) = web_sys::window() {
                    let _ = w.history().and_then(|h| {
                        h.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&w.location().pathname().unwrap_or_default()),
                        )
                    });
                }
            }
            open(state, scenario, Some(Opened { id, saved_at }));
        }
        Err(e) => say(state, format!("{what} was not saved in the library: {e}")),
    }
}

/// The autosaved draft of the working scenario, kept in the library if it has unsaved changes.
fn keep_stored_draft() -> Result<(), StoreError> {
    let draft = match crate::storage::load_draft(now_ms()) {
        crate::storage::DraftLoad::Found(s) => s,
        _ => return Ok(()),
    };
    let opened = library::opened();
    let saved = opened
        .and_then(|o| library::read(&o.id))
        .map(|s| s.scenario);
    if saved.as_ref() == Some(&draft) || ap_engine::examples::all().contains(&draft) {
        return Ok(());
    }
    keep_as_unsaved(draft).map(|_| ())
}
