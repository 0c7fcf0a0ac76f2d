//! "Recently deleted": whatever the user deletes or discards is kept here first, exactly as it
//! was, so that it can be put back from the library panel long after the message about it has
//! gone (and from another tab, or after a reload). The [`KEEP`] most recent are kept; an older
//! one is removed when a newer one arrives.
//!
//! Each is a JSON record under `ap-planner.deleted.<time>-<n>`: its name, when it was deleted,
//! the key it is put back under, and its text.

use serde::{Deserialize, Serialize};

use super::rules::{entry_key, fresh_id, Clock, Outcome, ENTRY_PREFIX};
use super::store::{Store, StoreError};

/// Prefix of the keys of recently deleted things.
pub const DELETED_PREFIX: &str = "ap-planner.deleted.";
/// How many recent deletions are kept.
pub const KEEP: usize = 10;

/// Something deleted, as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    pub name: String,
    /// When it was deleted (ms since 1970).
    pub deleted_at: f64,
    /// The key it was under, and is put back under if that is still free.
    pub key: String,
    /// Its text, byte for byte.
    pub raw: String,
}

/// Keep `raw` (named `name`, to be put back under `key`) under Recently deleted; returns the
/// record's key. The oldest records beyond [`KEEP`] are removed.
pub fn put(
    store: &mut impl Store,
    name: &str,
    key: &str,
    raw: &str,
    clock: &mut Clock,
) -> Result<String, StoreError> {
    let record = Deleted {
        name: name.to_string(),
        deleted_at: clock.now_ms,
        key: key.to_string(),
        raw: raw.to_string(),
    };
    let trash_key = loop {
        let k = format!("{DELETED_PREFIX}{}", clock.new_id());
        if !matches!(store.get(&k), Ok(Some(_))) {
            break k;
        }
    };
    // Serialising strings and a number cannot fail.
    store.set(
        &trash_key,
        &serde_json::to_string(&record).unwrap_or_default(),
    )?;
    for (old, _) in list(store)?.into_iter().skip(KEEP) {
        if old != trash_key {
            let _ = store.remove(&old);
        }
    }
    Ok(trash_key)
}

/// Every record under Recently deleted, most recent first, with its key. A record that cannot
/// be read is skipped (and left as it is).
pub fn list(store: &impl Store) -> Result<Vec<(String, Deleted)>, StoreError> {
    let mut found = Vec::new();
    for key in store.keys()? {
        if !key.starts_with(DELETED_PREFIX) {
            continue;
        }
        if let Some(record) = store
            .get(&key)?
            .and_then(|t| serde_json::from_str::<Deleted>(&t).ok())
        {
            found.push((key, record));
        }
    }
    found.sort_by(|a, b| {
        b.1.deleted_at
            .total_cmp(&a.1.deleted_at)
            .then_with(|| b.0.cmp(&a.0))
    });
    Ok(found)
}

/// Put back the record under `trash_key` exactly as it was: under its old key if that is free
/// (or already holds the same text), else as a new library entry beside what is there.
pub fn restore(store: &mut impl Store, trash_key: &str, clock: &mut Clock) -> Outcome {
    let record = match store.get(trash_key) {
        Ok(Some(t)) => serde_json::from_str::<Deleted>(&t).ok(),
        Ok(None) => None,
        Err(e) => return Outcome::say(format!("It could not be put back: {e}")),
    };
    let Some(record) = record else {
        return Outcome::say_library_changed(
            "It is no longer under Recently deleted (it was put back in another tab or window).",
        );
    };
    let target = match store.get(&record.key) {
        Ok(None) => Some(record.key.clone()),
        Ok(Some(there)) if there == record.raw => None,
        // Taken since (by a restore in another tab, or anything else): never replace it.
        Ok(Some(_)) if record.key.starts_with(ENTRY_PREFIX) => {
            Some(entry_key(&fresh_id(store, clock)))
        }
        Ok(Some(_)) => Some(format!("{}-{}", record.key, clock.new_id())),
        Err(e) => return Outcome::say(format!("It could not be put back: {e}")),
    };
    if let Some(target) = target {
        if let Err(e) = store.set(&target, &record.raw) {
            return Outcome::say(format!("“{}” could not be put back: {e}", record.name));
        }
    }
    let _ = store.remove(trash_key);
    Outcome::say_library_changed(format!(
        "Put back “{}” in your saved scenarios.",
        record.name
    ))
}
