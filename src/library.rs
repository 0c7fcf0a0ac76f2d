//! The saved scenarios in this browser, for views that list them (the library panel, the
//! comparison's candidates), with the unreadable texts kept aside and Recently deleted. The rules
//! about them are in [`crate::session::rules`].

use crate::session::drafts;
pub use crate::session::drafts::KeptText;
use crate::session::rules;
pub use crate::session::rules::{Entry, Opened, Unreadable};
use crate::session::store::StoreError;
use crate::session::trash;
pub use crate::session::trash::Deleted;
use crate::storage::LocalStore;

/// Every saved scenario in this browser, newest first; unreadable ones last.
pub fn list() -> Result<Vec<Entry>, StoreError> {
    rules::list(&LocalStore)
}

/// Drafts that could not be read, kept aside as they were.
pub fn kept_aside() -> Result<Vec<KeptText>, StoreError> {
    drafts::kept_aside(&LocalStore)
}

/// Recently deleted, most recent first, each with its key.
pub fn recently_deleted() -> Result<Vec<(String, Deleted)>, StoreError> {
    trash::list(&LocalStore)
}

/// The key of saved entry `id`.
pub fn entry_key(id: &str) -> String {
    rules::entry_key(id)
}
