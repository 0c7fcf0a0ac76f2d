//! What happens to the user's work when a scenario is opened, saved, renamed, duplicated,
//! deleted, imported or copied from a link: the rules that keep every piece of work somewhere.
//! Pure code over a [`Store`]: the time and fresh ids come in a [`Clock`], a question to the user
//! is answered through [`Answers`], and the page's state is a plain [`Session`] the rule changes
//! in place. `crate::session` runs these rules on localStorage and the page's signals.
//!
//! Storage layout (localStorage; every key starts `ap-planner.`):
//! - `scenario.<id>`: a saved scenario, a versioned envelope (`ap_engine::store`);
//! - `draft.<tab>` and `opened.<tab>`: each tab's autosaved draft and the entry it came from
//!   ([`super::drafts`]; the single `draft` and `opened` of earlier versions are read as a closed
//!   tab's);
//! - `unreadable.<hash>`: drafts that could not be read, kept byte for byte;
//! - `deleted.<time>-<n>`: Recently deleted ([`super::trash`]);
//! - `alive.<tab>`: heartbeats, only where the browser has no Web Locks.
//!
//! An entry that cannot be read is listed with its raw text and is never overwritten or deleted
//! without asking; when the user agrees to replace it, its text is first kept aside.

use ap_engine::examples;
use ap_engine::store::{entry_text, read_as_written, Stored};
use ap_engine::Scenario;
use serde::{Deserialize, Serialize};

use super::drafts::{draft_key, keep_aside, load_draft, opened_key, DraftLoad, HeldDraft};
use super::store::{Store, StoreError};
use super::trash;
use crate::scenario_text::{read_file, read_stored};

/// Prefix of the key of each saved scenario.
pub const ENTRY_PREFIX: &str = "ap-planner.scenario.";

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
    /// from another tab in between. Renaming does not change it.
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
    /// A scenario opened from a link, read-only: nothing is autosaved, and the tab's own draft
    /// is still in storage, untouched.
    pub shared: bool,
    /// This tab's id: its draft and opened entry are kept under keys of its own.
    pub tab: String,
    /// This tab's draft could not be read nor copied aside: nothing may write over it until the
    /// user chooses (download it, or overwrite it).
    pub held: Option<HeldDraft>,
}

impl Session {
    /// A scenario opened from a link in tab `tab`.
    pub fn shared(scenario: Scenario, tab: &str) -> Self {
        Session {
            working: scenario,
            saved_copy: None,
            opened: None,
            shared: true,
            tab: tab.to_string(),
            held: None,
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        has_unsaved_changes(&self.working, self.saved_copy.as_ref())
    }

    /// Whether the page may autosave the working scenario over this tab's draft.
    pub fn may_autosave(&self) -> bool {
        !self.shared && self.held.is_none()
    }
}

/// What a rule did, beyond the changes to the [`Session`], for the page to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// What to tell the user (`None`: leave the last message as it is).
    pub notice: Option<String>,
    /// Something just deleted: its key under Recently deleted, for Undo.
    pub undo: Option<String>,
    /// The list of saved scenarios (or Recently deleted, or the unreadable list) changed.
    pub library_changed: bool,
    /// Another scenario replaced the working one (its undo history starts afresh).
    pub opened_another: bool,
}

impl Outcome {
    pub(crate) fn say(text: impl Into<String>) -> Self {
        Outcome {
            notice: Some(text.into()),
            ..Outcome::default()
        }
    }

    /// Says `text`, and that the library changed (so the page lists it again).
    pub(crate) fn say_library_changed(text: impl Into<String>) -> Self {
        Outcome {
            library_changed: true,
            ..Outcome::say(text)
        }
    }
}

pub(crate) fn entry_key(id: &str) -> String {
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

/// What is stored now under entry `id`, whatever its state.
// Read once per action and matched at once: boxing the scenario would gain nothing.
#[allow(clippy::large_enum_variant)]
enum Current {
    Missing,
    Readable(Stored),
    Unreadable { reason: String, raw: String },
}

fn current(store: &impl Store, id: &str) -> Result<Current, StoreError> {
    Ok(match store.get(&entry_key(id))? {
        None => Current::Missing,
        Some(raw) => match read_stored(&raw) {
            Ok(stored) => Current::Readable(stored),
            Err(e) => Current::Unreadable {
                reason: e.to_string(),
                raw,
            },
        },
    })
}

/// Save `scenario` as entry `id` at `saved_at`.
fn write_entry(
    store: &mut impl Store,
    id: &str,
    scenario: &Scenario,
    saved_at: f64,
) -> Result<f64, StoreError> {
    store.set(&entry_key(id), &entry_text(scenario, saved_at))?;
    Ok(saved_at)
}

/// An id no entry has yet, so a new entry can never replace one (not even an unreadable one).
pub(crate) fn fresh_id(store: &impl Store, clock: &mut Clock) -> String {
    loop {
        let id = clock.new_id();
        if !matches!(store.get(&entry_key(&id)), Ok(Some(_))) {
            return id;
        }
    }
}

/// Which entry tab `tab`'s draft was opened from, as recorded in storage.
pub fn opened(store: &impl Store, tab: &str) -> Option<Opened> {
    store
        .get(&opened_key(tab))
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
}

pub(crate) fn set_opened(
    store: &mut impl Store,
    tab: &str,
    opened: Option<&Opened>,
) -> Result<(), StoreError> {
    match opened {
        Some(o) => store.set(
            &opened_key(tab),
            &serde_json::to_string(o).unwrap_or_default(),
        ),
        None => store.remove(&opened_key(tab)),
    }
}

/// What a draft was opened from or last saved as: its library entry, or else the built-in
/// example it is identical to.
pub(crate) fn saved_copy_of(
    store: &impl Store,
    draft: &Scenario,
    opened: Option<&Opened>,
) -> Option<Scenario> {
    opened
        .and_then(|o| read(store, &o.id))
        .map(|stored| stored.scenario)
        .or_else(|| examples::all().into_iter().find(|e| e == draft))
}

/// The session a tab starts with on the user's own work, and anything to tell them.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub session: Session,
    pub notice: Option<String>,
}

/// A tab's own session, not a shared one.
fn own_session(
    tab: &str,
    working: Scenario,
    saved_copy: Option<Scenario>,
    opened: Option<Opened>,
    held: Option<HeldDraft>,
) -> Session {
    Session {
        working,
        saved_copy,
        opened,
        shared: false,
        tab: tab.to_string(),
        held,
    }
}

/// A tab with no draft yet starts on the example, which counts as saved.
fn start_on_example(tab: &str) -> Start {
    let s = examples::default_scenario();
    Start {
        session: own_session(tab, s.clone(), Some(s), None, None),
        notice: None,
    }
}

/// [`start`] without the strict reader, for the page's first paint: `Some` when everything
/// [`start`] reads is as this app wrote it ([`read_as_written`]), and then exactly what [`start`]
/// gives; `None` otherwise (an older format, a hand-edited or unreadable entry, storage that
/// fails), and then [`start`] must run. It only reads: the store is never changed.
pub fn quick_start(store: &impl Store, tab: &str) -> Option<Start> {
    let Some(raw) = store.get(&draft_key(tab)).ok()? else {
        return Some(start_on_example(tab));
    };
    let working = read_as_written(&raw)?.scenario;
    let opened = opened(store, tab);
    // As `saved_copy_of`: the entry it was opened from, if it is still there.
    let entry = opened
        .as_ref()
        .and_then(|o| store.get(&entry_key(&o.id)).ok().flatten());
    let saved = match entry {
        Some(text) => Some(read_as_written(&text)?.scenario),
        None => examples::all().into_iter().find(|e| *e == working),
    };
    Some(Start {
        session: own_session(tab, working, saved, opened, None),
        notice: None,
    })
}

/// The session tab `tab` starts with: its draft, or the example if it has none (or the draft
/// cannot be read: then it is copied aside first, or held if that fails).
pub fn start(store: &mut impl Store, tab: &str) -> Start {
    let session = |working: Scenario, saved_copy, opened, held| {
        own_session(tab, working, saved_copy, opened, held)
    };
    let example = examples::default_scenario;
    match load_draft(store, tab) {
        DraftLoad::Found(s) => {
            let opened = opened(store, tab);
            let saved = saved_copy_of(store, &s, opened.as_ref());
            Start {
                session: session(s, saved, opened, None),
                notice: None,
            }
        }
        DraftLoad::Empty => start_on_example(tab),
        DraftLoad::Unreadable {
            reason,
            kept: Ok(_),
            ..
        } => Start {
            session: session(example(), None, None, None),
            notice: Some(format!("The working scenario last open in this tab could not be read ({reason}). Its text is kept unchanged under “Unreadable” in Saved scenarios, where you can download it; the example scenario is open instead.")),
        },
        // No room to copy it aside: it stays under this tab's key, and autosave is held off.
        DraftLoad::Unreadable {
            reason,
            raw,
            kept: Err(_),
        } => Start {
            session: session(example(), None, None, Some(HeldDraft { reason, raw })),
            notice: None,
        },
        DraftLoad::Failed(e) => Start {
            session: session(example(), None, None, None),
            notice: Some(e.to_string()),
        },
    }
}

/// Keep `s` as a new library entry named "<name> (unsaved changes)"; returns that name.
pub(crate) fn keep_as_unsaved(
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
pub(crate) fn keep_unsaved(
    store: &mut impl Store,
    session: &Session,
    clock: &mut Clock,
) -> Result<Option<String>, StoreError> {
    if session.shared || !session.has_unsaved_changes() {
        return Ok(None);
    }
    keep_as_unsaved(store, session.working.clone(), clock).map(Some)
}

/// In the shared view this tab's own draft is still in storage, untouched: before anything
/// replaces it, keep it in the library if it has unsaved changes, or copy it aside if it cannot
/// be read. Fails (so that nothing replaces it) if that cannot be done.
fn keep_stored_draft(
    store: &mut impl Store,
    tab: &str,
    clock: &mut Clock,
) -> Result<(), StoreError> {
    match load_draft(store, tab) {
        DraftLoad::Found(draft) => {
            let copy = saved_copy_of(store, &draft, opened(store, tab).as_ref());
            if !has_unsaved_changes(&draft, copy.as_ref()) {
                return Ok(());
            }
            keep_as_unsaved(store, draft, clock).map(|_| ())
        }
        DraftLoad::Empty => Ok(()),
        DraftLoad::Unreadable { kept, .. } => kept.map(|_| ()),
        DraftLoad::Failed(e) => Err(e),
    }
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
            let _ = set_opened(store, &session.tab, opened.as_ref());
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

const NOT_SAVED: &str = "Not saved. Use “Save as” to keep this version separately.";

/// Save the working scenario to the entry it was opened from, or as a new entry if it has none.
/// What is stored there now is read first, whatever its state, and the user is asked before it
/// is replaced if another tab saved it since, deleted it, or left something this app cannot read
/// there (damaged, or from a newer version). Text that cannot be read is kept aside first.
pub fn save(
    store: &mut impl Store,
    session: &mut Session,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let Some(opened) = session.opened.clone() else {
        return save_as(store, session, clock, answers);
    };
    let name = session.working.meta.name.clone();
    let now = match current(store, &opened.id) {
        Ok(now) => now,
        Err(e) => return not_saved(&name, &e),
    };
    let question = match &now {
        Current::Readable(stored) if stored.saved_at > opened.saved_at => Some(format!(
            "“{}” was saved from another tab or window after you opened it here. Replace that version with this one?",
            stored.scenario.meta.name
        )),
        Current::Readable(_) => None,
        Current::Missing => Some(format!(
            "“{name}” was deleted from your saved scenarios in another tab or window. Save it again?"
        )),
        Current::Unreadable { reason, .. } => Some(format!(
            "The saved copy of “{name}” cannot be read here: {reason}. Replace it with this version? Its text will be kept under “Unreadable” in Saved scenarios."
        )),
    };
    if let Some(q) = question {
        if !answers.confirm(&q) {
            return Outcome::say(NOT_SAVED);
        }
    }
    if let Current::Unreadable { raw, .. } = &now {
        if let Err(e) = keep_aside(store, raw) {
            return Outcome::say(format!("“{name}” was not saved: its unreadable saved copy could not be kept first ({e}) Use “Save as” or “Save as file” to keep this version."));
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

fn not_saved(name: &str, e: &StoreError) -> Outcome {
    Outcome::say(format!(
        "“{name}” was not saved: {e} You can still save it as a file with “Save as file”."
    ))
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
            let _ = set_opened(store, &session.tab, Some(&opened));
            session.opened = Some(opened);
            session.saved_copy = Some(session.working.clone());
            Outcome::say_library_changed(notice)
        }
        Err(e) => not_saved(name, &e),
    }
}

/// Rename entry `id` (listed as `name`, saved at `listed_saved_at`) to a name the user is asked
/// for. What is stored now is read first: a deleted or unreadable entry is left alone, and if
/// another tab saved it since it was listed the user is asked first. Only the name changes: the
/// entry keeps its saved time, and so does this tab's record of when it opened it, so the next
/// Save still notices a save from another tab. If it is the entry the working scenario came
/// from, the working scenario takes the new name too.
pub fn rename(
    store: &mut impl Store,
    session: &mut Session,
    id: &str,
    name: &str,
    listed_saved_at: f64,
    answers: &mut impl Answers,
) -> Outcome {
    let Some(new_name) = answers
        .prompt("New name", name)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
    else {
        return Outcome::default();
    };
    let not_renamed =
        |why: String| Outcome::say_library_changed(format!("“{name}” was not renamed: {why}"));
    let mut stored = match current(store, id) {
        Err(e) => return Outcome::say(format!("“{name}” was not renamed: {e}")),
        Ok(Current::Missing) => {
            return not_renamed("it was deleted in another tab or window.".into())
        }
        Ok(Current::Unreadable { reason, .. }) => {
            return not_renamed(format!(
                "its saved copy can no longer be read here ({reason}), so it is kept as it is."
            ))
        }
        Ok(Current::Readable(stored)) => stored,
    };
    if stored.saved_at > listed_saved_at
        && !answers.confirm(&format!(
            "“{}” was saved from another tab or window since this list was shown. Rename that version to “{new_name}”?",
            stored.scenario.meta.name
        ))
    {
        return Outcome::say_library_changed("Not renamed.");
    }
    stored.scenario.meta.name = new_name.clone();
    match write_entry(store, id, &stored.scenario, stored.saved_at) {
        Ok(_) => {
            if session.opened.as_ref().is_some_and(|o| o.id == id) {
                session.working.meta.name = new_name.clone();
                if let Some(copy) = &mut session.saved_copy {
                    copy.meta.name = new_name;
                }
            }
            Outcome {
                library_changed: true,
                ..Outcome::default()
            }
        }
        Err(e) => Outcome::say(format!("“{name}” was not renamed: {e}")),
    }
}

/// Add a copy of entry `id` (called `name`) as "<name> (copy)".
pub fn duplicate(store: &mut impl Store, id: &str, name: &str, clock: &mut Clock) -> Outcome {
    let Some(mut stored) = read(store, id) else {
        return Outcome::say_library_changed(format!(
            "“{name}” was not duplicated: it was deleted or changed in another tab or window."
        ));
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

/// Delete the text under `key` (called `name`), keeping it under Recently deleted first. If
/// there is no room for that, ask before deleting it for good.
pub fn delete_key(
    store: &mut impl Store,
    key: &str,
    name: &str,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let raw = match store.get(key) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Outcome::say_library_changed(format!(
                "“{name}” was already deleted in another tab or window."
            ))
        }
        Err(e) => return Outcome::say(format!("“{name}” was not deleted: {e}")),
    };
    let undo = match trash::put(store, name, key, &raw, clock) {
        Ok(k) => Some(k),
        Err(StoreError::Full) => {
            if !answers.confirm(&format!("There is no room left in this browser's storage to keep “{name}” under Recently deleted, so it could not be put back. Delete it anyway?")) {
                return Outcome::say(format!("“{name}” was not deleted."));
            }
            None
        }
        Err(e) => return Outcome::say(format!("“{name}” was not deleted: {e}")),
    };
    match store.remove(key) {
        Ok(()) => Outcome {
            notice: Some(format!("Deleted “{name}”.")),
            undo,
            library_changed: true,
            opened_another: false,
        },
        Err(e) => {
            if let Some(k) = undo {
                let _ = store.remove(&k);
            }
            Outcome::say(format!("“{name}” was not deleted: {e}"))
        }
    }
}

/// Delete entry `id` (called `name`), keeping it under Recently deleted. If it is the entry the
/// working scenario came from, the working scenario is now saved nowhere.
pub fn delete(
    store: &mut impl Store,
    session: &mut Session,
    id: &str,
    name: &str,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let outcome = delete_key(store, &entry_key(id), name, clock, answers);
    let gone = !matches!(store.get(&entry_key(id)), Ok(Some(_)));
    if gone && session.opened.as_ref().is_some_and(|o| o.id == id) {
        session.opened = None;
        session.saved_copy = None;
        let _ = set_opened(store, &session.tab, None);
    }
    outcome
}

/// Put back something deleted (its key under Recently deleted) exactly as it was.
pub fn undo_delete(store: &mut impl Store, trash_key: &str, clock: &mut Clock) -> Outcome {
    trash::restore(store, trash_key, clock)
}

/// Add `scenario` to the library as a new entry and open it (a shared link's "Save a copy", the
/// workshop's result, an imported file); `what` names it in messages. Nothing already in the
/// library is replaced (the entry gets an id nothing has), and from a shared link this tab's
/// own draft is kept first (in the library if it has unsaved changes, or copied aside if it
/// cannot be read); if that cannot be done, nothing happens.
pub fn add_and_open(
    store: &mut impl Store,
    session: &mut Session,
    scenario: Scenario,
    what: &str,
    clock: &mut Clock,
) -> Outcome {
    if session.shared {
        if let Err(e) = keep_stored_draft(store, &session.tab, clock) {
            return Outcome::say(format!("{what} was not opened, so nothing is lost: {e}"));
        }
    } else if session.held.is_some() {
        return Outcome::say(format!("{what} was not opened: first choose what to do with this tab's unreadable draft (above), which it would overwrite."));
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

/// Why a file of `bytes` bytes is refused before it is read (over
/// [`ap_engine::file::MAX_FILE_BYTES`]), if it is.
pub fn file_too_large(file_name: &str, bytes: f64) -> Option<String> {
    // A size the browser reports as negative or not a number is taken as too large.
    let bytes = if bytes.is_finite() && bytes >= 0.0 {
        bytes as u64
    } else {
        u64::MAX
    };
    ap_engine::file::check_file_size(bytes)
        .err()
        .map(|e| format!("“{file_name}” was not opened: {e}. Nothing in your library was changed."))
}

/// Add the scenario in a file's `text` to the library and open it, or say why it cannot be.
pub fn import(
    store: &mut impl Store,
    session: &mut Session,
    file_name: &str,
    text: &str,
    clock: &mut Clock,
) -> Outcome {
    if let Some(why) = file_too_large(file_name, text.len() as f64) {
        return Outcome::say(why);
    }
    match read_file(text) {
        Ok(file) => {
            let mut outcome = add_and_open(
                store,
                session,
                file.scenario,
                &format!("“{file_name}”"),
                clock,
            );
            // What an older format's migration kept or changed, and keys nothing reads, are
            // said once it is open: the figures are the user's to check.
            let said: Vec<String> = file.notes.into_iter().chain(file.warnings).collect();
            if outcome.opened_another && !said.is_empty() {
                let opened = outcome.notice.take().unwrap_or_default();
                outcome.notice = Some(format!("{opened} {}", said.join(" ")));
            }
            outcome
        }
        Err(reason) => Outcome::say(format!(
            "“{file_name}” was not opened: {reason}. Nothing in your library was changed."
        )),
    }
}
