//! The page's side of the session rules: each action runs a pure rule from [`rules`] (or
//! [`drafts`], [`trash`]) on the browser's storage ([`LocalStore`]) and a snapshot of the page's
//! state, asks the user through [`crate::dialog`] when the rule needs an answer, and then shows
//! what the rule did. [`tab`] tells this tab's id and which other tabs are open.

pub mod drafts;
pub mod rules;
pub mod store;
pub mod tab;
#[cfg(test)]
mod tests;
pub mod trash;

use ap_engine::Scenario;
use leptos::prelude::*;

use crate::dialog::{self, Ask};
use crate::route;
use crate::state::{AppState, Mode, Notice};
use crate::storage::LocalStore;
use rules::{Answers, Clock, Opened, Outcome, Session, Start};

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

/// The user's answers to a rule's questions so far, replayed each time the rule runs again. The
/// rules are synchronous and the page's dialogs are not, so a rule that asks something not yet
/// answered is told "no" (every rule changes nothing when declined), the page asks, and the rule
/// runs again from the start with one more answer.
struct Replay {
    given: Vec<(Ask, Option<String>)>,
    at: usize,
    /// The first question the answers did not cover.
    asked: Option<Ask>,
}

impl Replay {
    fn new(given: Vec<(Ask, Option<String>)>) -> Self {
        Replay {
            given,
            at: 0,
            asked: None,
        }
    }

    /// The recorded answer to `ask`, if it is the next one asked; otherwise note the question
    /// and decline.
    fn answer(&mut self, ask: Ask) -> Option<String> {
        if self.asked.is_some() {
            return None;
        }
        match self.given.get(self.at) {
            Some((q, a)) if *q == ask => {
                self.at += 1;
                a.clone()
            }
            _ => {
                self.asked = Some(ask);
                None
            }
        }
    }
}

impl Answers for Replay {
    fn confirm(&mut self, question: &str) -> bool {
        self.answer(Ask::Confirm {
            question: question.into(),
            yes: "Yes".into(),
        })
        .is_some()
    }

    fn prompt(&mut self, question: &str, default: &str) -> Option<String> {
        self.answer(Ask::Prompt {
            question: question.into(),
            default: default.into(),
            ok: "Save".into(),
        })
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
        tab: state.tab.get_untracked(),
        held: state.held.get_untracked(),
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
    state.tab.set(session.tab);
    state.held.set(session.held);
    state
}

/// This tab's id (a reload keeps it; a new tab gets a new one).
pub fn this_tab() -> String {
    tab::this_tab()
}

/// The session on this tab's own work at start-up, and anything to tell the user.
pub fn start() -> Start {
    rules::start(&mut LocalStore, &this_tab())
}

/// [`start`] without the strict reader, when everything it reads is as this app wrote it
/// ([`rules::quick_start`]); `None` when [`start`] must run.
pub fn quick_start() -> Option<Start> {
    rules::quick_start(&LocalStore, &this_tab())
}

/// Autosave the working scenario as this tab's draft, unless it is a shared scenario or this
/// tab's unreadable draft is held; `Some` says why it could not be saved.
pub fn autosave(state: AppState) -> Option<String> {
    if !snapshot(state).may_autosave() {
        return None;
    }
    let tab = state.tab.get_untracked();
    state
        .scenario
        .with_untracked(|s| drafts::save_draft(&mut LocalStore, &tab, s, now_ms()))
        .err()
        .map(|e| e.to_string())
}

/// Run `rule` on the browser's storage and the page's state, then show what it did.
fn run(state: AppState, rule: impl FnOnce(&mut LocalStore, &mut Session) -> Outcome) {
    let before = snapshot(state);
    let mut after = before.clone();
    let outcome = rule(&mut LocalStore, &mut after);
    show(state, before, after, outcome);
}

/// Run `rule`, which may ask the user questions: each one is asked in the page's dialog and
/// the rule is run again with the answers (see [`Replay`]), until it asks nothing new.
fn run_asking(
    state: AppState,
    rule: impl Fn(&mut LocalStore, &mut Session, &mut Replay) -> Outcome + 'static,
) {
    leptos::task::spawn_local(run_answered(state, rule));
}

/// [`run_asking`], finished when the rule has run with every answer it needs.
async fn run_answered(
    state: AppState,
    rule: impl Fn(&mut LocalStore, &mut Session, &mut Replay) -> Outcome,
) {
    let mut given = Vec::new();
    loop {
        let before = snapshot(state);
        let mut after = before.clone();
        let mut replay = Replay::new(given.clone());
        let outcome = rule(&mut LocalStore, &mut after, &mut replay);
        match replay.asked {
            None => return show(state, before, after, outcome),
            Some(ask) => {
                let answer = dialog::ask(ask.clone()).await;
                given.push((ask, answer));
            }
        }
    }
}

/// Show on the page what a rule did: `before` and `after` are the page's state either side.
fn show(state: AppState, before: Session, after: Session, outcome: Outcome) {
    let Session {
        working,
        saved_copy,
        opened,
        shared,
        tab: _,
        held,
    } = after;
    if before.shared && !shared {
        route::leave_shared_link();
    }
    if shared != before.shared {
        state
            .mode
            .set(if shared { Mode::Shared } else { Mode::Working });
    }
    if held != before.held {
        state.held.set(held);
    }
    if outcome.opened_another {
        state.replace(working);
    } else if working.meta.name != before.working.meta.name {
        // The one change a rule makes in place (save as, rename): an undoable step.
        state.rename(&working.meta.name);
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
    run_asking(state, |store, session, answers| {
        rules::save(store, session, &mut clock(), answers)
    });
}

/// Save the working scenario as a new entry, asking for its name.
pub fn save_as(state: AppState) {
    run_asking(state, |store, session, answers| {
        rules::save_as(store, session, &mut clock(), answers)
    });
}

/// Rename entry `id`, listed as `name` saved at `saved_at`, asking for the new name.
pub fn rename(state: AppState, id: &str, name: &str, saved_at: f64) {
    let (id, name) = (id.to_string(), name.to_string());
    run_asking(state, move |store, session, answers| {
        rules::rename(store, session, &id, &name, saved_at, answers)
    });
}

/// Add a copy of entry `id`, called `name`.
pub fn duplicate(state: AppState, id: &str, name: &str) {
    run(state, |store, _| {
        rules::duplicate(store, id, name, &mut clock())
    });
}

/// Delete entry `id`, keeping it under Recently deleted (and offering Undo).
pub fn delete(state: AppState, id: &str, name: &str) {
    let (id, name) = (id.to_string(), name.to_string());
    run_asking(state, move |store, session, answers| {
        rules::delete(store, session, &id, &name, &mut clock(), answers)
    });
}

/// Delete the unreadable text under `key` (an entry or a kept draft), keeping it under Recently
/// deleted.
pub fn delete_unreadable(state: AppState, key: &str, name: &str) {
    let (key, name) = (key.to_string(), name.to_string());
    run_asking(state, move |store, _, answers| {
        rules::delete_key(store, &key, &name, &mut clock(), answers)
    });
}

/// Put back something deleted, from its key under Recently deleted.
pub fn restore(state: AppState, trash_key: &str) {
    run(state, |store, _| {
        rules::undo_delete(store, trash_key, &mut clock())
    });
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

thread_local! {
    /// How this page tells open tabs from closed ones, once it has claimed its id.
    static LIVENESS: std::cell::RefCell<Option<tab::Liveness>> = const { std::cell::RefCell::new(None) };
}

/// After the first paint: claim this tab's id (taking a new one if this is a duplicated tab),
/// then look for work closed tabs left behind and offer it back. While an offer is on screen it
/// is re-checked every few seconds, so a tab that turns out to be open (one still starting when
/// this one looked) drops out of it.
pub fn claim_tab_and_offer_left_work(state: AppState) {
    leptos::task::spawn_local(async move {
        let first = state.tab.get_untracked();
        let (id, liveness) = tab::claim(first.clone()).await;
        LIVENESS.with(|l| *l.borrow_mut() = Some(liveness.clone()));
        if id != first {
            // A duplicated tab: from now on it keeps its work under an id of its own.
            state.tab.set(id.clone());
            if let Some(opened) = state.opened.get_untracked() {
                let _ = rules::set_opened(&mut LocalStore, &id, Some(&opened));
            }
            if state.has_unsaved_changes() {
                let _ = autosave(state);
            }
        }
        if state.mode.get_untracked() != Mode::Working {
            return;
        }
        let Some(is_open) = tab::open_tabs(&liveness).await else {
            return;
        };
        match drafts::left_behind(&mut LocalStore, &id, &*is_open) {
            Ok(found) => {
                if found.kept_aside > 0 {
                    tell(state, format!(
                        "{} draft(s) left by a closed window could not be read. Their text is kept under “Unreadable” in Saved scenarios.",
                        found.kept_aside
                    ));
                    state.library_version.update(|v| *v += 1);
                }
                state.left_behind.set(found.offers);
            }
            // Storage that is switched off was already reported at start-up.
            Err(store::StoreError::Unavailable) => {}
            Err(e) => tell(state, e.to_string()),
        }
        while !state.left_behind.with_untracked(Vec::is_empty) {
            tab::sleep(3_000).await;
            prune_left(state).await;
        }
    });
}

/// Whether tab `tab` is open now (`true` if that cannot be told, so nothing is taken from it).
async fn tab_open_now(tab_id: &str) -> bool {
    let liveness = LIVENESS.with(|l| l.borrow().clone());
    let Some(liveness) = liveness else {
        return true;
    };
    match tab::open_tabs(&liveness).await {
        Some(is_open) => is_open(tab_id),
        None => true,
    }
}

/// Drop from the offer the drafts that are gone (taken in another window) or whose tab is open.
async fn prune_left(state: AppState) {
    let tabs: Vec<String> = state
        .left_behind
        .with_untracked(|l| l.iter().map(|d| d.tab.clone()).collect());
    let mut keep = Vec::new();
    for t in tabs {
        let there = matches!(
            store::Store::get(&LocalStore, &drafts::draft_key(&t)),
            Ok(Some(_))
        );
        if there && !tab_open_now(&t).await {
            keep.push(t);
        }
    }
    state
        .left_behind
        .update(|l| l.retain(|d| keep.contains(&d.tab)));
}

/// What the user chose for work a closed tab left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftChoice {
    Open,
    Keep,
    Discard,
}

/// Act on the user's choice for the draft left by tab `left_tab`, checking first that the tab
/// is still closed.
pub fn choose_left(state: AppState, left_tab: String, choice: LeftChoice) {
    leptos::task::spawn_local(async move {
        let open_now = tab_open_now(&left_tab).await;
        if choice == LeftChoice::Discard {
            run_answered(state, |store, _, answers| {
                drafts::discard(store, &left_tab, open_now, &mut clock(), answers)
            })
            .await;
            prune_left(state).await;
            return;
        }
        run(state, |store, session| match choice {
            LeftChoice::Open => {
                drafts::recover_open(store, session, &left_tab, open_now, &mut clock())
            }
            LeftChoice::Keep => drafts::recover_keep(store, &left_tab, open_now, &mut clock()),
            LeftChoice::Discard => Outcome::default(),
        });
        prune_left(state).await;
    });
}

/// "Overwrite it": the user lets autosave replace this tab's unreadable draft, which is saved
/// at once.
pub fn overwrite_held(state: AppState) {
    state.held.set(None);
    match autosave(state) {
        Some(e) => tell(state, e),
        None => tell(
            state,
            "Your work in this tab is being saved again as you go.",
        ),
    }
}
