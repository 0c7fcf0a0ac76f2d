//! The scenario library in localStorage: one key per saved scenario, each a versioned envelope
//! (`ap-planner.scenario.<id>`). Never panics; an entry that cannot be read is listed with its
//! raw text and is never overwritten or deleted by the app on its own.

use ap_engine::store::{unwrap, wrap, Stored};
use ap_engine::Scenario;
use serde::{Deserialize, Serialize};

use crate::storage::{self, StoreError};

pub const PREFIX: &str = "ap-planner.scenario.";
/// Which library entry the working scenario was opened from, and when that entry was saved.
pub const OPENED_KEY: &str = "ap-planner.opened";

/// One entry of the library as found in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub content: Result<Stored, Unreadable>,
}

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

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// A new id: the time and a random suffix, so two tabs never pick the same one.
pub fn new_id(now_ms: f64) -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{now_ms:.0}-{random}")
}

/// Every entry, newest first; unreadable ones last.
pub fn list() -> Result<Vec<Entry>, StoreError> {
    let store = storage::local()?;
    let count = store.length().unwrap_or(0);
    let mut entries: Vec<Entry> = (0..count)
        .filter_map(|n| store.key(n).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_string))
        .map(|id| {
            let raw = store.get_item(&key(&id)).ok().flatten().unwrap_or_default();
            let content = unwrap(&raw).map_err(|e| Unreadable {
                reason: e.to_string(),
                raw,
            });
            Entry { id, content }
        })
        .collect();
    entries.sort_by(|a, b| match (&a.content, &b.content) {
        (Ok(x), Ok(y)) => y.saved_at.total_cmp(&x.saved_at),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.id.cmp(&b.id),
    });
    Ok(entries)
}

/// The entry `id`, if it exists and can be read.
pub fn read(id: &str) -> Option<Stored> {
    storage::read(&key(id))
        .ok()
        .flatten()
        .and_then(|raw| unwrap(&raw).ok())
}

/// The raw text of entry `id` (to restore it after a delete, or to download it).
pub fn raw(id: &str) -> Option<String> {
    storage::read(&key(id)).ok().flatten()
}

/// Save `scenario` as entry `id` at `now_ms`; returns the time saved.
pub fn save(id: &str, scenario: &Scenario, now_ms: f64) -> Result<f64, StoreError> {
    storage::write(&key(id), &wrap(scenario, now_ms))?;
    Ok(now_ms)
}

/// Remove entry `id`, returning its raw text so it can be put back.
pub fn remove(id: &str) -> Result<Option<String>, StoreError> {
    let raw = raw(id);
    storage::remove(&key(id))?;
    Ok(raw)
}

/// Put back an entry removed by [`remove`], exactly as it was.
pub fn restore(id: &str, raw: &str) -> Result<(), StoreError> {
    storage::write(&key(id), raw)
}

pub fn opened() -> Option<Opened> {
    storage::read(OPENED_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
}

pub fn set_opened(opened: Option<&Opened>) -> Result<(), StoreError> {
    match opened {
        Some(o) => storage::write(OPENED_KEY, &serde_json::to_string(o).unwrap_or_default()),
        None => storage::remove(OPENED_KEY),
    }
}
