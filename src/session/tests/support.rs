//! What the session tests share: the tab they run in, scripted answers, a clock, and the steps
//! (and checks) that a user's story takes again and again.

use std::collections::VecDeque;

use ap_engine::examples;
use ap_engine::Scenario;

use super::super::drafts::discard;
use super::super::rules::*;
use super::super::store::MemoryStore;

/// The tab the tests run in.
pub(super) const TAB: &str = "tab-a";

/// What Save and Save as say when the user chose not to replace what is stored.
pub(super) const NOT_SAVED: &str = "Not saved. Use “Save as” to keep this version separately.";

/// Answers given in advance, and every question asked.
#[derive(Default)]
pub(super) struct Scripted {
    pub(super) confirms: VecDeque<bool>,
    pub(super) prompts: VecDeque<Option<String>>,
    pub(super) asked: Vec<String>,
}

impl Scripted {
    pub(super) fn typing(text: &str) -> Self {
        Scripted {
            prompts: VecDeque::from([Some(text.to_string())]),
            ..Scripted::default()
        }
    }

    pub(super) fn answering(yes: bool) -> Self {
        Scripted {
            confirms: VecDeque::from([yes]),
            ..Scripted::default()
        }
    }
}

impl Answers for Scripted {
    fn confirm(&mut self, question: &str) -> bool {
        self.asked.push(question.to_string());
        self.confirms.pop_front().expect("an unexpected question")
    }

    fn prompt(&mut self, question: &str, _default: &str) -> Option<String> {
        self.asked.push(question.to_string());
        self.prompts.pop_front().expect("an unexpected question")
    }
}

pub(super) fn at(now_ms: f64) -> Clock {
    Clock { now_ms, seed: 0 }
}

/// Where the library entry `id` is stored.
pub(super) fn library_key(id: &str) -> String {
    format!("{ENTRY_PREFIX}{id}")
}

/// The app as it starts on an empty browser: the example, saved as nothing yet.
pub(super) fn fresh(store: &mut MemoryStore) -> Session {
    start(store, TAB).session
}

/// The readable entries' names, newest first.
pub(super) fn names(store: &MemoryStore) -> Vec<String> {
    list(store)
        .unwrap()
        .into_iter()
        .filter_map(|e| e.content.ok().map(|s| s.scenario.meta.name))
        .collect()
}

pub(super) fn stored_as(store: &MemoryStore, name: &str) -> Scenario {
    list(store)
        .unwrap()
        .into_iter()
        .filter_map(|e| e.content.ok())
        .find(|s| s.scenario.meta.name == name)
        .unwrap_or_else(|| panic!("no entry {name:?} in {:?}", names(store)))
        .scenario
}

/// An edit a user might make.
pub(super) fn edit(session: &mut Session) {
    session.working.phases[1].pupils = 60_000.0;
}

/// "Save as" at `now_ms`, typing `name` when asked for one.
pub(super) fn save_as_typing(
    store: &mut MemoryStore,
    session: &mut Session,
    name: &str,
    now_ms: f64,
) -> Outcome {
    save_as(store, session, &mut at(now_ms), &mut Scripted::typing(name))
}

/// Save the working scenario as `name` at `now_ms`.
pub(super) fn save_as_named(
    store: &mut MemoryStore,
    session: &mut Session,
    name: &str,
    now_ms: f64,
) {
    let outcome = save_as_typing(store, session, name, now_ms);
    assert_eq!(
        outcome.notice.as_deref(),
        Some(format!("Saved “{name}” in this browser.").as_str())
    );
}

/// A fresh session with its working scenario saved as `name` at `now_ms`, and that entry's id.
pub(super) fn saved(store: &mut MemoryStore, name: &str, now_ms: f64) -> (Session, String) {
    let mut session = fresh(store);
    save_as_named(store, &mut session, name, now_ms);
    let id = session.opened.clone().unwrap().id;
    (session, id)
}

/// A fresh session with its working scenario saved as `name` at 2,000 and edited since, and
/// that entry's id.
pub(super) fn saved_then_edited(store: &mut MemoryStore, name: &str) -> (Session, String) {
    let (mut session, id) = saved(store, name, 2_000.0);
    edit(&mut session);
    (session, id)
}

/// Save at `now_ms`, answering `yes` to the one question it must ask.
pub(super) fn save_answering(
    store: &mut MemoryStore,
    session: &mut Session,
    now_ms: f64,
    yes: bool,
) -> Outcome {
    save(
        store,
        session,
        &mut at(now_ms),
        &mut Scripted::answering(yes),
    )
}

/// Save at `now_ms`, asking nothing (a question fails the test).
pub(super) fn save_asking_nothing(
    store: &mut MemoryStore,
    session: &mut Session,
    now_ms: f64,
) -> Outcome {
    save(store, session, &mut at(now_ms), &mut Scripted::default())
}

/// Delete the entry `id` called `name` at `now_ms`, asking nothing (a question fails the test).
pub(super) fn delete_asking_nothing(
    store: &mut MemoryStore,
    session: &mut Session,
    id: &str,
    name: &str,
    now_ms: f64,
) -> Outcome {
    delete(
        store,
        session,
        id,
        name,
        &mut at(now_ms),
        &mut Scripted::default(),
    )
}

/// Open `scenario`, which no library entry holds, at `now_ms`.
pub(super) fn open_not_in_library(
    store: &mut MemoryStore,
    session: &mut Session,
    scenario: Scenario,
    now_ms: f64,
) -> Outcome {
    open(store, session, scenario, None, &mut at(now_ms))
}

/// Delete the unreadable entry `ap-planner.scenario.broken` at `now_ms`, asking nothing.
pub(super) fn delete_broken(store: &mut MemoryStore, now_ms: f64) -> Outcome {
    delete_key(
        store,
        "ap-planner.scenario.broken",
        "Unreadable entry",
        &mut at(now_ms),
        &mut Scripted::default(),
    )
}

/// Discard the draft that tab `tab` left (`open_now`: that tab turned out to be open) at
/// `now_ms`, asking nothing (a question fails the test).
pub(super) fn discard_asking_nothing(
    store: &mut MemoryStore,
    tab: &str,
    open_now: bool,
    now_ms: f64,
) -> Outcome {
    discard(
        store,
        tab,
        open_now,
        &mut at(now_ms),
        &mut Scripted::default(),
    )
}

/// "Save a copy" of the linked example at 4,000 is refused, saying first `start`, and leaves the
/// tab as it was; the tab after.
pub(super) fn save_a_copy_refused(store: &mut MemoryStore, start: &str) -> Session {
    let mut session = shared_link();
    let before = session.clone();
    let outcome = save_a_copy(store, &mut session);
    assert_says_first(&outcome, start);
    assert_eq!(session, before);
    session
}

/// Delete the entry `id` called "Plan" at 3,000, with `answers` to any question.
pub(super) fn delete_plan(
    store: &mut MemoryStore,
    session: &mut Session,
    id: &str,
    answers: &mut Scripted,
) -> Outcome {
    delete(store, session, id, "Plan", &mut at(3_000.0), answers)
}

/// A tab showing the example `four_level_local` from a shared link.
pub(super) fn shared_link() -> Session {
    Session::shared(examples::four_level_local(), TAB)
}

/// "Save a copy" of the linked `four_level_local` at 4,000.
pub(super) fn save_a_copy(store: &mut MemoryStore, session: &mut Session) -> Outcome {
    add_and_open(
        store,
        session,
        examples::four_level_local(),
        "The shared scenario",
        &mut at(4_000.0),
    )
}

/// The outcome says exactly `said`.
#[track_caller]
pub(super) fn assert_says(outcome: &Outcome, said: &str) {
    assert_eq!(outcome.notice.as_deref(), Some(said));
}

/// The outcome says something, starting with `start`.
#[track_caller]
pub(super) fn assert_says_first(outcome: &Outcome, start: &str) {
    let said = outcome.notice.as_deref().unwrap();
    assert!(said.starts_with(start), "{said}");
}

/// `said` starts with `start` and ends with `end`.
#[track_caller]
pub(super) fn assert_starts_and_ends(said: &str, start: &str, end: &str) {
    assert!(said.starts_with(start), "{said}");
    assert!(said.ends_with(end), "{said}");
}
