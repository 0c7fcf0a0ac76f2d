//! One autosaved draft per tab, and what happens to drafts that tabs leave behind.
//!
//! Each tab has an id of its own (kept in the tab's sessionStorage by the page, so a reload keeps
//! it and a new tab gets a new one) and autosaves its working scenario under its own key,
//! [`draft_key`], with the library entry it came from under [`opened_key`]. Two tabs therefore
//! never overwrite each other's work.
//!
//! A draft whose tab is closed is *left behind*. At start-up the page asks which tabs are open
//! (`crate::session::tab`: a Web Lock each open tab holds, or heartbeats where locks are missing)
//! and [`left_behind`] sorts the other tabs' drafts:
//! - a draft identical to its saved copy (the library entry, or a built-in example) holds nothing
//!   unsaved: it is removed;
//! - a draft with unsaved changes is offered back ("Open", "Keep in library", "Discard"), and is
//!   removed only once the user has chosen ([`recover_open`], [`recover_keep`], [`discard`]);
//! - a draft that cannot be read is copied aside (see [`keep_aside`]) and listed under
//!   "Unreadable"; if there is no room to copy it, it stays where it is and is offered with
//!   "Download its text" and "Discard".
//!
//! The single draft of earlier versions (`ap-planner.draft`, with `ap-planner.opened`) is the
//! draft of a closed tab whose id is empty: it is offered back like any other.
//!
//! A draft that cannot be read is copied aside once, under a key made from a hash of its text
//! ([`UNREADABLE_PREFIX`]), so reloading never makes another copy.

use ap_engine::store::entry_text;
use ap_engine::Scenario;

use super::rules::{
    has_unsaved_changes, keep_as_unsaved, keep_unsaved, opened, saved_copy_of, set_opened, Answers,
    Clock, Opened, Outcome, Session, Unreadable,
};
use super::store::{Store, StoreError};
use super::trash;
use crate::scenario_text::{read_scenario, read_stored, Source};

/// The draft of the tab with id `tab` is under `ap-planner.draft.<tab>`; the draft of earlier
/// versions, shared by every tab, is under `ap-planner.draft` (a tab whose id is empty).
pub const DRAFT_PREFIX: &str = "ap-planner.draft";
/// Which library entry a tab's draft came from: `ap-planner.opened.<tab>`.
pub const OPENED_PREFIX: &str = "ap-planner.opened";
/// Prefix of the keys of drafts that could not be read, kept for the user to recover: a hash of
/// the text follows (earlier versions put the time there).
pub const UNREADABLE_PREFIX: &str = "ap-planner.unreadable.";
/// Where Web Locks are missing, each open tab writes the time under `ap-planner.alive.<tab>`
/// every [`BEAT_EVERY_MS`].
pub const ALIVE_PREFIX: &str = "ap-planner.alive.";
/// How often an open tab writes its heartbeat (where Web Locks are missing).
pub const BEAT_EVERY_MS: f64 = 20_000.0;
/// A tab whose heartbeat is older than this is taken as closed. Browsers run a hidden tab's
/// timers as rarely as once a minute, so this is three minutes, not a few seconds.
pub const CLOSED_AFTER_MS: f64 = 180_000.0;

fn keyed(prefix: &str, tab: &str) -> String {
    if tab.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}.{tab}")
    }
}

/// Where the tab `tab` autosaves its draft.
pub fn draft_key(tab: &str) -> String {
    keyed(DRAFT_PREFIX, tab)
}

/// Where the tab `tab` records the library entry its draft came from.
pub fn opened_key(tab: &str) -> String {
    keyed(OPENED_PREFIX, tab)
}

/// The tab whose key `key` is, for keys made with `prefix` (`Some("")` for the older single key).
fn tab_of<'k>(key: &'k str, prefix: &str) -> Option<&'k str> {
    let rest = key.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix('.').filter(|t| !t.is_empty())
    }
}

/// A draft that could neither be read nor copied aside (the browser's storage was full): it is
/// still under this tab's draft key, and nothing may write there until the user has chosen to
/// download it or overwrite it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldDraft {
    pub reason: String,
    pub raw: String,
}

/// What this tab's draft turned out to be.
// A scenario is larger than the other variants since it gained its money settings; a draft is
// loaded once per tab, so boxing it would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum DraftLoad {
    Found(Scenario),
    /// No draft saved yet.
    Empty,
    /// A draft exists but cannot be read. `kept` is where its text was copied aside (the draft
    /// key itself is then cleared), or why it could not be.
    Unreadable {
        reason: String,
        raw: String,
        kept: Result<String, StoreError>,
    },
    Failed(StoreError),
}

/// Read the draft of tab `tab`. One that cannot be read is first copied aside, so that
/// autosaving can never destroy it.
pub fn load_draft(store: &mut impl Store, tab: &str) -> DraftLoad {
    let key = draft_key(tab);
    let raw = match store.get(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return DraftLoad::Empty,
        Err(e) => return DraftLoad::Failed(e),
    };
    match read_scenario(&raw, Source::Stored) {
        Ok(scenario) => DraftLoad::Found(scenario),
        Err(e) => {
            let kept = keep_aside(store, &raw);
            if kept.is_ok() {
                // Its text is safe under the copy: this tab's key is free for the new draft.
                let _ = store.remove(&key);
            }
            DraftLoad::Unreadable {
                reason: e.to_string(),
                raw,
                kept,
            }
        }
    }
}

/// Autosave `s` as the draft of tab `tab`.
pub fn save_draft(
    store: &mut impl Store,
    tab: &str,
    s: &Scenario,
    now_ms: f64,
) -> Result<(), StoreError> {
    store.set(&draft_key(tab), &entry_text(s, now_ms))
}

/// FNV-1a, 64 bits: a short, stable name for a text (not a security measure).
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Keep `raw` (text that could not be read) under an `unreadable` key, exactly as it is, unless it
/// is already kept: the same text is never copied twice. Returns the key it is kept under.
pub fn keep_aside(store: &mut impl Store, raw: &str) -> Result<String, StoreError> {
    for key in store.keys()? {
        if key.starts_with(UNREADABLE_PREFIX) && store.get(&key)?.as_deref() == Some(raw) {
            return Ok(key);
        }
    }
    let base = format!("{UNREADABLE_PREFIX}{:016x}", text_hash(raw));
    let mut key = base.clone();
    let mut n = 1;
    // A different text with the same hash (never seen in practice) gets the next free key.
    while store.get(&key)?.is_some() {
        n += 1;
        key = format!("{base}-{n}");
    }
    store.set(&key, raw)?;
    // Only a copy read back intact counts as kept.
    if store.get(&key)?.as_deref() != Some(raw) {
        return Err(StoreError::Other("the copy could not be read back".into()));
    }
    Ok(key)
}

/// Text kept aside because it could not be read: its key, why, and the text as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptText {
    pub key: String,
    pub content: Unreadable,
}

/// Every text kept aside, in key order.
pub fn kept_aside(store: &impl Store) -> Result<Vec<KeptText>, StoreError> {
    let mut kept = Vec::new();
    for key in store.keys()? {
        if !key.starts_with(UNREADABLE_PREFIX) {
            continue;
        }
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        let reason = match read_scenario(&raw, Source::Stored) {
            Err(e) => e.to_string(),
            Ok(_) => "it could not be read when it was kept".into(),
        };
        kept.push(KeptText {
            key,
            content: Unreadable { reason, raw },
        });
    }
    kept.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(kept)
}

/// The work a closed tab left behind, to offer back.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftWork {
    pub scenario: Scenario,
    /// When it was last autosaved (ms since 1970; 0 if unknown).
    pub saved_at: f64,
    /// The library entry it came from.
    pub opened: Option<Opened>,
}

/// A draft of a closed tab with unsaved changes, or one that cannot be read and could not be
/// copied aside.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftDraft {
    /// The tab that left it (empty for the single draft of earlier versions).
    pub tab: String,
    pub content: Result<LeftWork, Unreadable>,
}

/// The drafts of closed tabs, sorted out at start-up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeftBehind {
    /// Drafts to offer back, most recently changed first.
    pub offers: Vec<LeftDraft>,
    /// How many unreadable drafts were copied aside (they are listed under "Unreadable").
    pub kept_aside: usize,
}

/// What the draft of tab `tab` holds now: `None` if there is none, or none worth offering (it
/// holds nothing unsaved). Reading does not change anything.
fn read_left(store: &impl Store, tab: &str) -> Result<Option<LeftDraft>, StoreError> {
    let Some(raw) = store.get(&draft_key(tab))? else {
        return Ok(None);
    };
    let content = match read_stored(&raw) {
        Ok(stored) => {
            let opened = opened(store, tab);
            let copy = saved_copy_of(store, &stored.scenario, opened.as_ref());
            if !has_unsaved_changes(&stored.scenario, copy.as_ref()) {
                return Ok(None);
            }
            Ok(LeftWork {
                scenario: stored.scenario,
                saved_at: stored.saved_at,
                opened,
            })
        }
        Err(e) => Err(Unreadable {
            reason: e.to_string(),
            raw,
        }),
    };
    Ok(Some(LeftDraft {
        tab: tab.to_string(),
        content,
    }))
}

/// Remove the draft and the opened-entry record of tab `tab`.
fn forget_tab(store: &mut impl Store, tab: &str) -> Result<(), StoreError> {
    store.remove(&draft_key(tab))?;
    store.remove(&opened_key(tab))?;
    store.remove(&format!("{ALIVE_PREFIX}{tab}"))
}

/// Sort out the drafts of tabs other than `this_tab` that are not open (`is_open` says which
/// are): remove those holding nothing unsaved, copy aside those that cannot be read, and return
/// the rest to offer back. A draft of an open tab is never touched.
pub fn left_behind(
    store: &mut impl Store,
    this_tab: &str,
    is_open: &dyn Fn(&str) -> bool,
) -> Result<LeftBehind, StoreError> {
    let mut found = LeftBehind::default();
    let keys = store.keys()?;
    let mut tabs: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            tab_of(k, DRAFT_PREFIX)
                .or_else(|| tab_of(k, OPENED_PREFIX))
                .or_else(|| k.strip_prefix(ALIVE_PREFIX))
        })
        .filter(|t| *t != this_tab && !is_open(t))
        .map(str::to_string)
        .collect();
    tabs.sort();
    tabs.dedup();
    for tab in tabs {
        match read_left(store, &tab)? {
            // Nothing unsaved (or no draft at all, only its records): nothing to keep.
            None => forget_tab(store, &tab)?,
            Some(LeftDraft {
                content: Err(unreadable),
                ..
            }) if keep_aside(store, &unreadable.raw).is_ok() => {
                forget_tab(store, &tab)?;
                found.kept_aside += 1;
            }
            Some(draft) => found.offers.push(draft),
        }
    }
    found.offers.sort_by(|a, b| {
        let when = |d: &LeftDraft| d.content.as_ref().map(|w| w.saved_at).unwrap_or(0.0);
        when(b).total_cmp(&when(a))
    });
    Ok(found)
}

/// The left-behind draft of `tab` as it is now, or why it cannot be acted on.
fn still_left(store: &impl Store, tab: &str, open_now: bool) -> Result<LeftDraft, Outcome> {
    if open_now {
        return Err(Outcome::say(
            "That window is open again, so its work stays there.",
        ));
    }
    match read_left(store, tab) {
        Ok(Some(draft)) => Ok(draft),
        Ok(None) => Err(Outcome::say(
            "That work is no longer waiting: it was opened, kept or discarded in another window.",
        )),
        Err(e) => Err(Outcome::say(format!("Nothing was changed: {e}"))),
    }
}

/// The readable work that tab `tab` left behind, or why it cannot be `done` ("opened", "kept as
/// a scenario").
fn still_left_work(
    store: &impl Store,
    tab: &str,
    open_now: bool,
    done: &str,
) -> Result<LeftWork, Outcome> {
    still_left(store, tab, open_now)?.content.map_err(|_| {
        Outcome::say(format!(
            "That draft cannot be read, so it cannot be {done}. Download its text to keep it."
        ))
    })
}

/// The name of a left-behind draft, for messages.
pub fn left_name(draft: &LeftDraft) -> String {
    match &draft.content {
        Ok(work) => work.scenario.meta.name.clone(),
        Err(_) => "the unreadable draft".into(),
    }
}

/// "Open": make the draft of closed tab `tab` this tab's working scenario (keeping this tab's
/// own unsaved work in the library first), then remove it from where the closed tab left it.
/// `open_now` is whether that tab has since turned out to be open: then nothing happens.
pub fn recover_open(
    store: &mut impl Store,
    session: &mut Session,
    tab: &str,
    open_now: bool,
    clock: &mut Clock,
) -> Outcome {
    let work = match still_left_work(store, tab, open_now, "opened") {
        Ok(work) => work,
        Err(said) => return said,
    };
    if session.held.is_some() {
        return Outcome::say("First choose what to do with this tab's unreadable draft (above): opening other work would overwrite it.");
    }
    let kept = match keep_unsaved(store, session, clock) {
        Ok(kept) => kept,
        Err(e) => {
            return Outcome::say(format!(
                "Nothing was opened, so your unsaved work is not lost: {e}"
            ))
        }
    };
    // This tab's own draft first: only once it holds the work is the other copy removed.
    if let Err(e) = save_draft(store, &session.tab, &work.scenario, clock.now_ms)
        .and_then(|_| set_opened(store, &session.tab, work.opened.as_ref()))
    {
        return Outcome {
            notice: Some(format!(
                "“{}” was not opened, so it stays where it was: {e}",
                work.scenario.meta.name
            )),
            library_changed: kept.is_some(),
            ..Outcome::default()
        };
    }
    let _ = forget_tab(store, tab);
    let name = work.scenario.meta.name.clone();
    session.saved_copy = saved_copy_of(store, &work.scenario, work.opened.as_ref());
    session.working = work.scenario;
    session.opened = work.opened;
    session.shared = false;
    Outcome {
        notice: Some(match kept {
            Some(k) => format!(
                "Opened your unsaved work “{name}”. This tab's unsaved changes were kept in the library as “{k}”."
            ),
            None => format!("Opened your unsaved work “{name}”."),
        }),
        library_changed: true,
        opened_another: true,
        ..Outcome::default()
    }
}

/// "Keep in library": save the draft of closed tab `tab` as a new library entry
/// ("<name> (unsaved changes)"), then remove the draft.
pub fn recover_keep(
    store: &mut impl Store,
    tab: &str,
    open_now: bool,
    clock: &mut Clock,
) -> Outcome {
    let work = match still_left_work(store, tab, open_now, "kept as a scenario") {
        Ok(work) => work,
        Err(said) => return said,
    };
    match keep_as_unsaved(store, work.scenario, clock) {
        Ok(name) => {
            let _ = forget_tab(store, tab);
            Outcome::say_library_changed(format!("Kept in your saved scenarios as “{name}”."))
        }
        Err(e) => Outcome::say(format!("It was not kept, so it stays where it was: {e}")),
    }
}

/// "Discard": remove the draft of closed tab `tab`, keeping it under "Recently deleted" (as a
/// library entry to restore, or its text if it cannot be read). If there is no room for that,
/// ask before removing it for good.
pub fn discard(
    store: &mut impl Store,
    tab: &str,
    open_now: bool,
    clock: &mut Clock,
    answers: &mut impl Answers,
) -> Outcome {
    let draft = match still_left(store, tab, open_now) {
        Ok(d) => d,
        Err(said) => return said,
    };
    let (name, key, raw) = match draft.content {
        Ok(mut work) => {
            work.scenario.meta.name = format!("{} (unsaved changes)", work.scenario.meta.name);
            let id = super::rules::fresh_id(store, clock);
            (
                work.scenario.meta.name.clone(),
                super::rules::entry_key(&id),
                entry_text(&work.scenario, work.saved_at),
            )
        }
        Err(unreadable) => (
            "Unreadable draft".to_string(),
            format!("{UNREADABLE_PREFIX}{:016x}", text_hash(&unreadable.raw)),
            unreadable.raw,
        ),
    };
    let undo = match trash::put(store, &name, &key, &raw, clock) {
        Ok(k) => Some(k),
        Err(StoreError::Full) => {
            if !answers.confirm(&format!("There is no room left in this browser's storage to keep “{name}” under Recently deleted, so it could not be put back. Discard it anyway?")) {
                return Outcome::say("Not discarded: it is still offered above.");
            }
            None
        }
        Err(e) => return Outcome::say(format!("Not discarded: {e}")),
    };
    match forget_tab(store, tab) {
        Ok(()) => Outcome {
            notice: Some(match &undo {
                Some(_) => {
                    format!("Discarded “{name}”. It stays under Recently deleted for a while.")
                }
                None => format!("Discarded “{name}”."),
            }),
            undo,
            library_changed: true,
            ..Outcome::default()
        },
        Err(e) => {
            if let Some(k) = undo {
                let _ = store.remove(&k);
            }
            Outcome::say(format!("Not discarded: {e}"))
        }
    }
}

/// Where Web Locks are missing: record that tab `tab` is open at `now_ms`.
pub fn beat(store: &mut impl Store, tab: &str, now_ms: f64) -> Result<(), StoreError> {
    store.set(&format!("{ALIVE_PREFIX}{tab}"), &format!("{now_ms:.0}"))
}

/// Where Web Locks are missing: tab `tab` is closing (or reloading: it beats again at once).
pub fn stop_beating(store: &mut impl Store, tab: &str) -> Result<(), StoreError> {
    store.remove(&format!("{ALIVE_PREFIX}{tab}"))
}

/// Where Web Locks are missing: whether tab `tab` beat less than [`CLOSED_AFTER_MS`] before
/// `now_ms`. An unreadable or future heartbeat counts as recent, so a tab is never wrongly taken
/// as closed.
pub fn beating(store: &impl Store, tab: &str, now_ms: f64) -> bool {
    match store.get(&format!("{ALIVE_PREFIX}{tab}")) {
        Ok(Some(t)) => t
            .parse::<f64>()
            .map_or(true, |t| now_ms - t < CLOSED_AFTER_MS),
        Ok(None) => false,
        // Storage cannot be read: take every tab as open, so nothing is offered or removed.
        Err(_) => true,
    }
}
