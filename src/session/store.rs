//! Where saved scenarios and the draft are kept, as a small key–value trait: the browser's
//! localStorage in the app (`crate::storage::LocalStore`), [`MemoryStore`] in native tests. Every
//! failure is a [`StoreError`] the caller turns into a message; nothing here panics.

use std::collections::BTreeMap;

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum StoreError {
    #[error("This browser is not letting AP Planner save (storage is switched off, as in some private windows). Your work stays on this page while it is open.")]
    Unavailable,
    #[error("The browser's storage for AP Planner is full, so the latest change was not saved. Your work stays on this page while it is open.")]
    Full,
    #[error("Saving failed ({0}). Your work stays on this page while it is open.")]
    Other(String),
}

/// Text kept under keys, as localStorage keeps it.
pub trait Store {
    /// The text under `key`, if there is any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Keep `value` under `key`, replacing what was there.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Remove `key` (nothing happens if it is not there).
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// How a [`MemoryStore`] behaves, to test what happens when the browser's storage misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Condition {
    #[default]
    Working,
    /// Over quota: reading and removing work, every write fails with [`StoreError::Full`].
    Full,
    /// Switched off (as in some private windows): every call fails with
    /// [`StoreError::Unavailable`].
    SwitchedOff,
}

/// A store in memory, for native tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    pub condition: Condition,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything in the store, key by key, to check nothing was lost or changed.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.entries
    }

    fn check(&self) -> Result<(), StoreError> {
        match self.condition {
            Condition::SwitchedOff => Err(StoreError::Unavailable),
            _ => Ok(()),
        }
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if self.condition == Condition::Full {
            return Err(StoreError::Full);
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.entries.keys().cloned().collect())
    }
}
