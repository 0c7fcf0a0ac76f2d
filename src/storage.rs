//! The browser's localStorage (through gloo-storage) as a [`Store`] for the session rules. Never
//! panics: each failure is a [`StoreError`] the rules turn into a message.

use gloo_storage::{LocalStorage, Storage};

use crate::session::store::{Store, StoreError};

/// localStorage, if the browser lets the app use it.
fn local() -> Result<web_sys::Storage, StoreError> {
    // Check first: gloo-storage's own accessor throws when storage is switched off.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StoreError::Unavailable),
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> StoreError {
    use wasm_bindgen::JsCast;
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into());
    if name.contains("Quota") {
        StoreError::Full
    } else {
        StoreError::Other(name)
    }
}

/// This browser's localStorage.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStore;

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        local()?.get_item(key).map_err(js_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        local()?.set_item(key, value).map_err(js_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        local()?.remove_item(key).map_err(js_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let store = local()?;
        let count = store.length().map_err(js_error)?;
        Ok((0..count)
            .filter_map(|n| store.key(n).ok().flatten())
            .collect())
    }
}
