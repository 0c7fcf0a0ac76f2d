//! The page's side of the session rules: each action runs a pure rule from [`rules`] on the
//! browser's storage ([`LocalStore`]) and a snapshot of the page's state, asks the user through
//! [`crate::dialog`] when the rule needs an answer, and then shows what the rule did.

pub mod rules;
pub mod store;
#[cfg(test)]
mod tests;

use ap_engine::edit::Edit;
use ap_engine::fields::{Field, TopField};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::dialog;
use crate::route;
use crate::state::{AppState, Mode, Notice};
use crate::storage::LocalStore;
use rules::{Answers, Clock, Opened, Outcome, Session};

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Now, with a random seed so that two tabs never pick the same new id.
fn clock() -> Clock {
    Clock {
        now_ms: now_ms(),
        seed: (js_sys::Math::random() * 1e9) as u64,
    }
}

/// The browser's dialogs answer the rules' questions.
struct Dialogs;

impl Answers for Dialogs {
    fn confirm(&mut self, question: &str) -> bool {
        dialog::confirm(question)
    }

    fn prompt(&mut self, question: &str, default: &str) -> Option<String> {
        dialog::prompt(question, default)
    }
}

/// Show `text` as the library's message.
pub fn tell(state: AppState, text: impl Into<String>) {
    state.notice.set(Some(Notice {
        text: text.into(),
        undo: None,
    }));
}

/// The page's state for the rules, as plain data.
fn snapshot(state: AppState) -> Session {
    Session {
        working: state.scenario.get_untracked(),
        saved_copy: state.saved_copy.get_untracked(),
        opened: state.opened.get_untracked(),
        shared: state.mode.get_untracked() == Mode::Shared,
    }
}

/// The page's state for a session the app starts with.
pub fn into_state(session: Session) -> AppState {
    let state = AppState::new(session.working);
    state.saved_copy.set(session.saved_copy);
    state.opened.set(session.opened);
    state.mode.set(if session.shared {
        Mode::Shared
    } else {
        Mode::Working
    });
    state
}

/// The session on the user's own work at start-up, and anything to tell them.
pub fn start() -> (Session, Option<String>) {
    rules::start(&mut LocalStore, now_ms())
}

/// Autosave the working scenario; `Some` says why it could not be.
pub fn autosave(scenario: &Scenario) -> Option<String> {
    rules::save_draft(&mut LocalStore, scenario, now_ms())
        .err()
        .map(|e| e.to_string())
}

/// Run `rule` on the browser's storage and the page's state, then show what it did.
fn run(state: AppState, rule: impl FnOnce(&mut LocalStore, &mut Session) -> Outcome) {
    let before = snapshot(state);
    let mut after = before.clone();
    let outcome = rule(&mut LocalStore, &mut after);
    let Session {
        working,
        saved_copy,
        opened,
        shared,
    } = after;
    if before.shared && !shared {
        route::leave_shared_link();
    }
    if shared != before.shared {
        state
            .mode
            .set(if shared { Mode::Shared } else { Mode::Working });
    }
    if outcome.opened_another {
        state.replace(working);
    } else if working.meta.name != before.working.meta.name {
        // The one change a rule makes in place (save as, rename): an undoable step.
        let _ = state.apply(Edit::text(Field::Top(TopField::Name), working.meta.name));
    }
    if saved_copy != before.saved_copy {
        state.saved_copy.set(saved_copy);
    }
    if opened != before.opened {
        state.opened.set(opened);
    }
    if outcome.library_changed {
        state.library_version.update(|v| *v += 1);
    }
    if let Some(text) = outcome.notice {
        state.notice.set(Some(Notice {
            text,
            undo: outcome.undo,
        }));
    }
}

/// Make `scenario` the working scenario, first keeping any unsaved work in the library.
pub fn open(state: AppState, scenario: Scenario, opened: Option<Opened>) {
    run(state, |store, session| {
        rules::open(store, session, scenario, opened, &mut clock())
    });
}

/// Save the working scenario to the entry it came from (or as a new one, asking for a name).
pub fn save(state: AppState) {
    run(state, |store, session| {
        rules::save(store, session, &mut clock(), &mut Dialogs)
    });
}

/// Save the working scenario as a new entry, asking for its name.
pub fn save_as(state: AppState) {
    run(state, |store, session| {
        rules::save_as(store, session, &mut clock(), &mut Dialogs)
    });
}

/// Rename entry `id`, now called `name`, asking for the new name.
pub fn rename(state: AppState, id: &str, name: &str) {
    run(state, |store, session| {
        rules::rename(store, session, id, name, &mut clock(), &mut Dialogs)
    });
}

/// Add a copy of entry `id`, called `name`.
pub fn duplicate(state: AppState, id: &str, name: &str) {
    run(state, |store, _| {
        rules::duplicate(store, id, name, &mut clock())
    });
}

/// Delete entry `id`, offering Undo.
pub fn delete(state: AppState, id: &str, name: &str) {
    run(state, |store, session| {
        rules::delete(store, session, id, name)
    });
}

/// Put back a deleted entry.
pub fn undo_delete(state: AppState, id: &str, raw: &str) {
    run(state, |store, _| rules::undo_delete(store, id, raw));
}

/// Add `scenario` to the library as a new entry and open it (a shared link's "Save a copy", the
/// workshop's result). Nothing already in the library is replaced.
pub fn add_and_open(state: AppState, scenario: Scenario, what: &str) {
    run(state, |store, session| {
        rules::add_and_open(store, session, scenario, what, &mut clock())
    });
}

/// Add the scenario in a file (named `file_name`, holding `text`) to the library and open it.
pub fn import(state: AppState, file_name: &str, text: &str) {
    run(state, |store, session| {
        rules::import(store, session, file_name, text, &mut clock())
    });
}
