//! The saved scenarios in this browser, for views that list them (the library panel, the
//! comparison's candidates). The rules about them are in [`crate::session::rules`].

use crate::session::rules;
pub use crate::session::rules::{Entry, Opened, Unreadable};
use crate::session::store::StoreError;
use crate::storage::LocalStore;

/// Every saved scenario in this browser, newest first; unreadable ones last.
pub fn list() -> Result<Vec<Entry>, StoreError> {
    rules::list(&LocalStore)
}
