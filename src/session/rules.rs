//! What happens to the user's work when a scenario is opened, saved, renamed, duplicated,
//! deleted, imported or copied from a link: the rules that keep every piece of work somewhere.
//! Pure code over a [`Store`]: the time and fresh ids come in a [`Clock`], a question to the user
//! is answered through [`Answers`], and the page's state is a plain [`Session`] the rule changes
//! in place. `crate::session` runs these rules on localStorage and the page's signals.
//!
//! Storage layout: one key per saved scenario (`ap-planner.scenario.<id>`), each a versioned
//! envelope (`ap_engine::store`); the autosaved draft (`ap-planner.draft`); which entry the draft
//! was opened from (`ap-planner.opened`); and copies of drafts that could not be read
//! (`ap-planner.unreadable.<time>`). An entry that cannot be read is listed with its raw text and
//! is never overwritten or deleted by the app on its own.

use ap_engine::examples;
use ap_engine::store::{entry_text, Stored};
use ap_engine::Scenario;
use serde::{Deserialize, Serialize};

use super::store::{Store, StoreError};
use crate::scenario_text::{read_scenario, read_stored, Source};

/// Prefix of the key of each saved scenario.
pub const ENTRY_PREFIX: &str = "ap-planner.scenario.";
/// Which library entry the working scenario was opened from, and when that entry was saved.
pub const OPENED_KEY: &str = "ap-planner.opened";
/// Where the working scenario is autosaved.
pub const DRAFT_KEY: &str = "ap-planner.draft";
/// Prefix of keys holding drafts that could not be read, kept for the user to recover.
pub const UNREADABLE_PREFIX: &str = "ap-planner.unreadable.";

/// One entry of the library as found in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub content: Result<Stored, Unreadable>,
}

/// An entry that cannot be read: why, and its text exactly as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub reason: String,
    pub raw: String,
}

/// The library entry the working scenario belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub id: String,
    /// The entry's `saved_at` when it was opened or last saved from this tab, to notice a save
    /// from another tab in between.
    pub saved_at: f64,
}

/// The one rule for "unsaved changes": the working scenario differs from the copy it was opened
/// from or last saved as (or there is no such copy).
pub fn has_unsaved_changes(working: &Scenario, saved_copy: Option<&Scenario>) -> bool {
    saved_copy != Some(working)
}

/// The time, and a seed for new ids, passed in so that the rules are deterministic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    /// Milliseconds since 1970.
    pub now_ms: f64,
    /// A random number (in the app) so that two tabs never pick the same id; each new id takes
    /// the next one.
    pub seed: u64,
}

impl Clock {
    /// A new id: the time and the seed.
    pub fn new_id(&mut self) -> String {
        let id = format!("{:.0}-{}", self.now_ms, self.seed);
        self.seed = self.seed.wrapping_add(1);
        id
    }
}

/// The user's answers to the questions a rule may ask (in the app, the browser's dialogs).
pub trait Answers {
    /// Yes or no to `question`.
    fn confirm(&mut self, question: &str) -> bool;
    /// Text typed in answer to `question`, starting from `default`; `None` if cancelled.
    fn prompt(&mut self, question: &str, default: &str) -> Option<String>;
}

/// What the page holds: the working scenario and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub working: Scenario,
    /// The scenario as last opened or saved, to tell unsaved changes.
    pub saved_copy: Option<Scenario>,
    /// The library entry the working scenario came from.
    pub opened: Option<Opened>,
    /// A scenario opened from a link, read-only: nothing is autosaved, and the user's own
    /// draft is still in storage, untouched.
    pub shared: bool,
}

impl Session {
    /// A scenario opened from a link.
    pub fn shared(scenario: Scenario) -> Self {
        Session {
            working: scenario,
            saved_copy: None,
            opened: None,
            shared: true,
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        has_unsaved_changes(&self.working, self.saved_copy.as_ref())
    }
}

/// What a rule did, beyond the changes to the [`Session`], for the page to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// What to tell the user (`None`: leave the last message as it is).
    pub notice: Option<String>,
    /// An entry just deleted, as its id and raw text, to put back with Undo.
    pub undo: Option<(String, String)>,
    /// The list of saved scenarios changed.
    pub library_changed: bool,
    /// Another scenario replaced the working one (its undo history starts afresh).
    pub opened_another: bool,
}

impl Outcome {
    fn say(text: impl Into<String>) -> Self {
        Outcome {
            notice: Some(text.into()),
            ..Outcome::default()
        }
    }
}

fn entry_key(id: &str) -> String {
    format!("{ENTRY_PREFIX}{id}")
}

/// Every entry, newest first; unreadable ones last.
pub fn list(store: &impl Store) -> Result<Vec<Entry>, StoreError> {
    let mut entries = Vec::new();
    for key in store.keys()? {
        let Some(id) = key.strip_prefix(ENTRY_PREFIX) else {
            continue;
        };
        // Gone since the keys were listed (another tab deleted it): not an entry any more.
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        let content = read_stored(&raw).map_err(|e| Unreadable {
            reason: e.to_string(),
            raw,
        });
        entries.push(Entry {
            id: id.to_string(),
            content,
        });
    }
    entries.sort_by(|a, b| match (&a.content, &b.content) {
        (Ok(x), Ok(y)) => y.saved_at.total_cmp(&x.saved_at),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.id.cmp(&b.id),
    });
    Ok(entries)
}

/// The entry `id`, if it exists and can be read.
pub fn read(store: &impl Store, id: &str) -> Option<Stored> {
    let raw = store.get(&entry_key(id)).ok().flatten()?;
    read_stored(&raw).ok()
}

/// Save `scenario` as entry `id` at `now_ms`; returns the time saved.
fn write_entry(
    store: &mut impl Store,
    id: &str,
    scenario: &Scenario,
    now_ms: f64,
) -> Result<f64, StoreError> {
    store.set(&entry_key(id), &entry_text(scenario, now_ms))?;
    Ok(now_ms)
}

/// An id no entry has yet, so a new entry can never replace one (not even an unreadable one).
fn fresh_id(store: &impl Store, clock: &mut Clock) -> String {
    loop {
        let id = clock.new_id();
        if !matches!(store.get(&entry_key(&id)), Ok(Some(_))) {
            return id;
        }
    }
}

/// Which entry the draft was opened from, as recorded in storage.
pub fn opened(store: &impl Store) -> Option<Opened> {
    store
        .get(OPENED_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
}

fn set_opened(store: &mut impl Store, opened: Option<&Opened>) -> Result<(), StoreError> {
    match opened {
        Some(o) => store.set(OPENED_KEY, &serde_json::to_string(o).unwrap_or_default()),
        None => store.remove(OPENED_KEY),
    }
}

/// What the autosaved draft turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftLoad {
    Found(Scenario),
    /// No draft saved yet.
    Empty,
    /// A draft exists but cannot be read; its text was kept under `kept_as`.
    Unreadable {
        reason: String,
        kept_as: Option<String>,
    },
    Failed(StoreError),
}

/// Read the autosaved draft. An unreadable one is copied to an `unreadable` key before the app
/// goes on, so the next autosave cannot destroy it.
pub fn load_draft(store: &mut impl Store, now_ms: f64) -> DraftLoad {
    let text = match store.get(DRAFT_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return DraftLoad::Empty,
        Err(e) => return DraftLoad::Failed(e),
    };
    match read_scenario(&text, Source::Stored) {
        Ok(scenario) => DraftLoad::Found(scenario),
        Err(e) => {
            let key = format!("{UNREADABLE_PREFIX}{now_ms:.0}");
            let kept_as = store.set(&key, &text).ok().map(|_| key);
            DraftLoad::Unreadable {
                reason: e.to_string(),
                kept_as,
            }
        }
    }
}

/// Autosave the working scenario.
pub fn save_draft(store: &mut impl Store, s: &Scenario, now_ms: f64) -> Result<(), StoreError> {
    store.set(DRAFT_KEY, &entry_text(s, now_ms))
}

/// What a draft was opened from or last saved as: its library entry, or else the built-in
/// example it is identical to.
fn saved_copy_of(store: &impl Store, draft: &Scenario) -> Option<Scenario> {
    opened(store)
        .and_then(|o| read(store, &o.id))
        .map(|stored| stored.scenario)
        .or_else(|| examples::all().into_iter().find(|e| e == draft))
}

/// The session the app starts with on the user's own work (the draft, or the example if there
/// is none), and anything to tell the user.
pub fn start(store: &mut impl Store, now_ms: f64) -> (Session, Option<String>) {
    let session = |working: Scenario, saved_copy, opened| Session {
        working,
        saved_copy,
        opened,
        shared: false,
    };
    match load_draft(store, now_ms) {
        DraftLoad::Found(s) => {
            let saved = saved_copy_of(store, &s);
            (session(s, saved, opened(store)), None)
        }
        DraftLoad::Empty => {
            let s = examples::default_scenario();
            (session(s.clone(), Some(s), None), None)
        }
        DraftLoad::Unreadable { reason, kept_as } => (
            session(examples::default_scenario(), None, None),
            Some(match kept_as {
                Some(key) => format!("Your last working scenario could not be read ({reason}). It has been kept unchanged in this browser as “{key}”, and the example scenario is open instead."),
                None => format!("Your last working scenario could not be read ({reason}). It has been left untouched, and the example scenario is open instead."),
            }),
        ),
        DraftLoad::Failed(e) => (
            session(examples::default_scenario(), None, None),
            Some(e.to_string()),
        ),
    }
}

/// Keep `s` as a new library entry named "<name> (unsaved changes)"; returns that name.
fn keep_as_unsaved(
    store: &mut impl Store,
    mut s: Scenario,
    clock: &mut Clock,
) -> Result<String, StoreError> {
    s.meta.name = format!("{} (unsaved changes)", s.meta.name);
    let id = fresh_id(store, clock);
    write_entry(store, &id, &s, clock.now_ms)?;
    Ok(s.meta.name)
}

/// If the working scenario has changes not saved anywhere, keep them as a new library entry.
/// Returns the name they were kept under.
fn keep_unsaved(
    store: &mut impl Store,
    session: &Session,
    clock: &mut Clock,
) -> Result<Option<String>, StoreError> {
    if session.shared || !session.has_unsaved_changes() {
        return Ok(None);
    }
    keep_as_unsaved(store, session.working.clone(), clock).map(Some)
}

/// In the shared view the user's draft is still in storage, untouched: keep it in the library
/// if it has unsaved changes, before anything replaces it.
fn keep_stored_draft(store: &mut impl Store, clock: &mut Clock) -> Result<(), StoreError> {
    let DraftLoad::Found(draft) = load_draft(store, clock.now_ms) else {
        return Ok(());
    };
    if !has_unsaved_changes(&draft, saved_copy_of(store, &draft).as_ref()) {
        return Ok(());
    }
    keep_as_unsaved(store, draft, clock).map(|_| ())
}

/// Make `scenario` the working scenario, first keeping any unsaved work in the library.
pub fn open(
    store: &mut impl Store,
    session: &mut Session,
    scenario: Scenario,
    opened: Option<Opened>,
    clock: &mut Clock,
) -> Outcome {
    match keep_unsaved(store, session, clock) {
        Ok(kept) => {
            let name = scenario.meta.name.clone();
            session.working = scenario.clone();
            session.saved_copy = Some(scenario);
            let _ = set_opened(store, opened.as_ref());
            session.opened = opened;
            session.shared = false;
            Outcome {
                notice: Some(match &kept {
                    Some(k) => format!(
                        "Opened “{name}”. Your unsaved changes were kept in the library as “{k}”."
                    ),
                    None => format!("Opened “{name}”."),
                }),
                undo: None,
                library_changed: kept.is_some(),
                opened_another: true,
            }
        }
        Err(e) => Outcome::say(format!(
            "Nothing was opened, so your unsaved work is not lost: {e}"
        )),
    }
}

/// Save the working scenario to the entry it was opened from (asking first if another tab saved
/// that entry since, and never over an entry that can no longer be read), or as a new entry if
/// it has none.
pub fn save(
    store: &mut impl Store,
    session: &mut Session,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let Some(opened) = session.opened.clone() else {
        return save_as(store, session, clock, answers);
    };
    if let Ok(Some(raw)) = store.get(&entry_key(&opened.id)) {
        match read_stored(&raw) {
            Ok(stored) => {
                if stored.saved_at > opened.saved_at
                    && !answers.confirm(&format!(
                        "“{}” was saved from another tab or window after you opened it here. Replace that version with this one?",
                        stored.scenario.meta.name
                    ))
                {
                    return Outcome::say(
                        "Not saved. Use “Save as” to keep this version separately.",
                    );
                }
            }
            Err(_) => {
                return Outcome::say(format!(
                    "“{}” was not saved: its saved copy can no longer be read here, so it is kept as it is. Use “Save as” to keep this version separately.",
                    session.working.meta.name
                ))
            }
        }
    }
    write_working(store, session, &opened.id, clock.now_ms)
}

/// Save the working scenario as a new library entry, under a name the user is asked for.
pub fn save_as(
    store: &mut impl Store,
    session: &mut Session,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let current = &session.working.meta.name;
    let name = match answers.prompt("Name for the saved scenario", current) {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        Some(_) => return Outcome::say("Not saved: a saved scenario needs a name."),
        None => return Outcome::default(),
    };
    session.working.meta.name = name;
    let id = fresh_id(store, clock);
    write_working(store, session, &id, clock.now_ms)
}

fn write_working(store: &mut impl Store, session: &mut Session, id: &str, now_ms: f64) -> Outcome {
    let name = &session.working.meta.name;
    match write_entry(store, id, &session.working, now_ms) {
        Ok(saved_at) => {
            let notice = format!("Saved “{name}” in this browser.");
            let opened = Opened {
                id: id.to_string(),
                saved_at,
            };
            let _ = set_opened(store, Some(&opened));
            session.opened = Some(opened);
            session.saved_copy = Some(session.working.clone());
            Outcome {
                notice: Some(notice),
                library_changed: true,
                ..Outcome::default()
            }
        }
        Err(e) => Outcome::say(format!(
            "“{name}” was not saved: {e} You can still save it as a file with “Save as file”."
        )),
    }
}

/// Rename entry `id` (now called `name`) to a name the user is asked for. If it is the entry
/// the working scenario came from, the working scenario takes the new name too.
pub fn rename(
    store: &mut impl Store,
    session: &mut Session,
    id: &str,
    name: &str,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let Some(new_name) = answers
        .prompt("New name", name)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    else {
        return Outcome::default();
    };
    let Some(mut stored) = read(store, id) else {
        return Outcome::default();
    };
    stored.scenario.meta.name = new_name.clone();
    match write_entry(store, id, &stored.scenario, clock.now_ms) {
        Ok(saved_at) => {
            if session.opened.as_ref().is_some_and(|o| o.id == id) {
                session.working.meta.name = new_name.clone();
                if let Some(copy) = &mut session.saved_copy {
                    copy.meta.name = new_name;
                }
                let opened = Opened {
                    id: id.to_string(),
                    saved_at,
                };
                let _ = set_opened(store, Some(&opened));
                session.opened = Some(opened);
            }
            Outcome {
                library_changed: true,
                ..Outcome::default()
            }
        }
        Err(e) => Outcome::say(format!("Not renamed: {e}")),
    }
}

/// Add a copy of entry `id` (called `name`) as "<name> (copy)".
pub fn duplicate(store: &mut impl Store, id: &str, name: &str, clock: &mut Clock) -> Outcome {
    let Some(mut stored) = read(store, id) else {
        return Outcome::default();
    };
    stored.scenario.meta.name = format!("{name} (copy)");
    let new_id = fresh_id(store, clock);
    match write_entry(store, &new_id, &stored.scenario, clock.now_ms) {
        Ok(_) => Outcome {
            library_changed: true,
            ..Outcome::default()
        },
        Err(e) => Outcome::say(format!("Not duplicated: {e}")),
    }
}

/// Delete entry `id` (called `name`), offering its exact text back for Undo.
pub fn delete(store: &mut impl Store, session: &mut Session, id: &str, name: &str) -> Outcome {
    let key = entry_key(id);
    let raw = store.get(&key).ok().flatten();
    match store.remove(&key) {
        Ok(()) => {
            if session.opened.as_ref().is_some_and(|o| o.id == id) {
                session.opened = None;
                session.saved_copy = None;
                let _ = set_opened(store, None);
            }
            Outcome {
                notice: Some(format!("Deleted “{name}”.")),
                undo: raw.map(|r| (id.to_string(), r)),
                library_changed: true,
                opened_another: false,
            }
        }
        Err(e) => Outcome::say(format!("“{name}” was not deleted: {e}")),
    }
}

/// Put back a deleted entry exactly as it was.
pub fn undo_delete(store: &mut impl Store, id: &str, raw: &str) -> Outcome {
    match store.set(&entry_key(id), raw) {
        Ok(()) => Outcome {
            notice: Some("Put back in your saved scenarios.".into()),
            library_changed: true,
            ..Outcome::default()
        },
        Err(e) => Outcome::say(format!("It could not be put back: {e}")),
    }
}

/// Add `scenario` to the library as a new entry and open it (a shared link's "Save a copy", the
/// workshop's result, an imported file); `what` names it in messages. Nothing already in the
/// library is replaced, and from a shared link the user's own unsaved draft is kept first.
pub fn add_and_open(
    store: &mut impl Store,
    session: &mut Session,
    scenario: Scenario,
    what: &str,
    clock: &mut Clock,
) -> Outcome {
    if session.shared {
        if let Err(e) = keep_stored_draft(store, clock) {
            return Outcome::say(format!("{what} was not opened, so nothing is lost: {e}"));
        }
    }
    let id = fresh_id(store, clock);
    match write_entry(store, &id, &scenario, clock.now_ms) {
        Ok(saved_at) => {
            let outcome = open(
                store,
                session,
                scenario,
                Some(Opened { id, saved_at }),
                clock,
            );
            Outcome {
                library_changed: true,
                ..outcome
            }
        }
        Err(e) => Outcome::say(format!("{what} was not saved in the library: {e}")),
    }
}

/// Add the scenario in a file's `text` to the library and open it, or say why it cannot be.
pub fn import(
    store: &mut impl Store,
    session: &mut Session,
    file_name: &str,
    text: &str,
    clock: &mut Clock,
) -> Outcome {
    match read_scenario(text, Source::File) {
        Ok(scenario) => add_and_open(store, session, scenario, &format!("“{file_name}”"), clock),
        Err(reason) => Outcome::say(format!(
            "“{file_name}” was not opened: {reason}. Nothing in your library was changed."
        )),
    }
}
