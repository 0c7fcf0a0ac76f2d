//! Browser storage (localStorage through gloo-storage) that never panics: each failure is a
//! variant the caller turns into a message, and an entry that cannot be read is kept, not
//! overwritten.

use ap_engine::store::{unwrap, wrap};
use ap_engine::Scenario;
use gloo_storage::{LocalStorage, Storage};
use thiserror::Error;

/// Where the working scenario is autosaved.
pub const DRAFT_KEY: &str = "ap-planner.draft";
/// Prefix of keys holding entries that could not be read, kept for the user to recover.
pub const UNREADABLE_PREFIX: &str = "ap-planner.unreadable.";

#[derive(Debug, Clone, Error, PartialEq)]
pub enum StoreError {
    #[error("This browser is not letting AP Planner save (storage is switched off, as in some private windows). Your work stays on this page while it is open.")]
    Unavailable,
    #[error("The browser's storage for AP Planner is full, so the latest change was not saved. Your work stays on this page while it is open.")]
    Full,
    #[error("Saving failed ({0}). Your work stays on this page while it is open.")]
    Other(String),
}

/// localStorage, if the browser lets the app use it.
pub fn local() -> Result<web_sys::Storage, StoreError> {
    // Check first: gloo-storage's own accessor throws when storage is switched off.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StoreError::Unavailable),
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> StoreError {
    let name = js_sys_name(&e);
    if name.contains("Quota") {
        StoreError::Full
    } else {
        StoreError::Other(name)
    }
}

fn js_sys_name(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub fn read(key: &str) -> Result<Option<String>, StoreError> {
    local()?.get_item(key).map_err(js_error)
}

pub fn write(key: &str, text: &str) -> Result<(), StoreError> {
    local()?.set_item(key, text).map_err(js_error)
}

pub fn remove(key: &str) -> Result<(), StoreError> {
    local()?.remove_item(key).map_err(js_error)
}

/// What starting the app found in storage.
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
pub fn load_draft(now_ms: f64) -> DraftLoad {
    let text = match read(DRAFT_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return DraftLoad::Empty,
        Err(e) => return DraftLoad::Failed(e),
    };
    match unwrap(&text) {
        Ok(stored) => DraftLoad::Found(stored.scenario),
        Err(e) => {
            let key = format!("{UNREADABLE_PREFIX}{now_ms:.0}");
            let kept_as = write(&key, &text).ok().map(|_| key);
            DraftLoad::Unreadable {
                reason: e.to_string(),
                kept_as,
            }
        }
    }
}

pub fn save_draft(s: &Scenario, now_ms: f64) -> Result<(), StoreError> {
    write(DRAFT_KEY, &wrap(s, now_ms))
}
