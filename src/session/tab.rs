//! This tab's id, and which other tabs are open (browser only: the rest of `session/` is pure).
//!
//! **The id** is kept in the tab's sessionStorage (`ap-planner.tab`): a reload keeps it (and so
//! reopens the tab's own draft), a new tab starts without one and makes a new one.
//!
//! **Which tabs are open** decides which drafts are offered back, so it must never take an open
//! tab for a closed one. Each tab holds a Web Lock named `ap-planner.tab.<id>` for as long as it
//! is open: the browser itself releases it when the tab closes, crashes or is discarded, and
//! lists every lock held (or waited for) by any tab of this site. Nothing depends on timers, so
//! a hidden tab whose timers the browser slows down still counts as open. Where the browser has
//! no Web Locks (an old browser, or the app served over plain http from another machine, which
//! browsers do not give locks), each tab instead writes a heartbeat every 20 seconds and removes
//! it when the page goes away; a tab counts as open while its heartbeat is under three minutes
//! old (hidden tabs may beat only once a minute), so a draft is offered late rather than
//! wrongly.
//!
//! **A duplicated tab** (the browser's "Duplicate" copies sessionStorage) starts with the same
//! id as its original: it finds the lock (or a fresh heartbeat) taken, and takes a new id. A tab
//! that is reloading may find its own old lock not yet released, so it asks three times, 150 ms
//! apart, before deciding it is a duplicate.
//!
//! Starting tabs (a browser restoring a session) may not hold their locks yet when another tab
//! looks, so the page checks again before acting on a choice, and keeps re-checking while an
//! offer is on screen (`crate::session`).

use std::collections::BTreeSet;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::drafts;
use crate::storage::LocalStore;

/// Where this tab's id is kept, in sessionStorage.
const TAB_KEY: &str = "ap-planner.tab";
/// Prefix of the Web Lock each open tab holds.
const LOCK_PREFIX: &str = "ap-planner.tab.";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn new_id() -> String {
    format!(
        "{:.0}-{:.0}",
        js_sys::Date::now(),
        js_sys::Math::random() * 1e9
    )
}

/// A new id for this tab, kept in its sessionStorage.
fn take_new_id() -> String {
    let id = new_id();
    if let Some(s) = session_storage() {
        let _ = s.set_item(TAB_KEY, &id);
    }
    id
}

/// This tab's id: the one in its sessionStorage, or a new one. (Without sessionStorage every
/// page load is a new tab: its draft is then offered back after a reload rather than lost.)
pub fn this_tab() -> String {
    session_storage()
        .and_then(|s| s.get_item(TAB_KEY).ok().flatten())
        .filter(|id| !id.is_empty() && id.len() < 100)
        .unwrap_or_else(take_new_id)
}

/// How this page tells open tabs from closed ones.
#[derive(Clone)]
pub enum Liveness {
    /// The browser's Web Locks (`navigator.locks`).
    Locks(JsValue),
    /// Heartbeats in localStorage.
    Heartbeat,
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    let usable = locks.is_object()
        && Reflect::get(&locks, &"request".into()).is_ok_and(|f| f.is_function())
        && Reflect::get(&locks, &"query".into()).is_ok_and(|f| f.is_function());
    usable.then_some(locks)
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into().ok()
}

/// Wait `ms` milliseconds without blocking the page.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Ask for the Web Lock `name` (only if nobody holds it, with `if_available`); resolves to
/// whether it was granted. A granted lock is held until the page goes away.
async fn hold(locks: &JsValue, name: &str, if_available: bool) -> bool {
    let Some(request) = method(locks, "request") else {
        return false;
    };
    let mut resolver: Option<Function> = None;
    let granted = Promise::new(&mut |resolve, _| resolver = Some(resolve));
    let Some(resolve) = resolver else {
        return false;
    };
    let on_refused = resolve.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let got = !lock.is_null() && !lock.is_undefined();
        let _ = resolve.call1(&JsValue::NULL, &got.into());
        if got {
            // A promise that never settles: the lock is released only when the page goes.
            Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &if_available.into());
    let asked = request
        .call3(locks, &name.into(), &options, &callback)
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let Some(asked) = asked else {
        return false;
    };
    // A refused request must not leave an unhandled rejection (nor a wait for ever).
    let on_error = Closure::once_into_js(move |_: JsValue| {
        let _ = on_refused.call1(&JsValue::NULL, &false.into());
    });
    if let Some(catch) = method(&asked, "catch") {
        let _ = catch.call1(&asked, &on_error);
    }
    JsFuture::from(granted)
        .await
        .map(|v| v.as_bool() == Some(true))
        .unwrap_or(false)
}

/// The ids of tabs holding (or waiting for) their lock, or `None` if the browser would not say.
async fn locked_tabs(locks: &JsValue) -> Option<BTreeSet<String>> {
    let query = method(locks, "query")?;
    let promise: Promise = query.call0(locks).ok()?.dyn_into().ok()?;
    let snapshot = JsFuture::from(promise).await.ok()?;
    let mut tabs = BTreeSet::new();
    for part in ["held", "pending"] {
        let list: Array = Reflect::get(&snapshot, &part.into())
            .ok()?
            .dyn_into()
            .ok()?;
        tabs.extend(list.iter().filter_map(|lock| {
            let name = Reflect::get(&lock, &"name".into()).ok()?.as_string()?;
            name.strip_prefix(LOCK_PREFIX).map(str::to_string)
        }));
    }
    Some(tabs)
}

/// Where Web Locks are missing: beat now and every [`drafts::BEAT_EVERY_MS`], and stop when the
/// page goes away (a reload beats again at once).
fn keep_beating(tab: &str) {
    let _ = drafts::beat(&mut LocalStore, tab, js_sys::Date::now());
    let Some(window) = web_sys::window() else {
        return;
    };
    let beating = tab.to_string();
    let every = Closure::<dyn FnMut()>::new(move || {
        let _ = drafts::beat(&mut LocalStore, &beating, js_sys::Date::now());
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        every.as_ref().unchecked_ref(),
        drafts::BEAT_EVERY_MS as i32,
    );
    every.forget();
    let leaving = tab.to_string();
    let on_hide = Closure::<dyn FnMut()>::new(move || {
        let _ = drafts::stop_beating(&mut LocalStore, &leaving);
    });
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    on_hide.forget();
    // Back from the browser's back-forward cache: open again at once.
    let back = tab.to_string();
    let on_show = Closure::<dyn FnMut()>::new(move || {
        let _ = drafts::beat(&mut LocalStore, &back, js_sys::Date::now());
    });
    let _ = window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
    on_show.forget();
}

/// Claim `tab` as this page's id for as long as it is open, or a new id if another open tab
/// has it (a duplicated tab). Returns the id this page now has, and how it tells open tabs.
pub async fn claim(tab: String) -> (String, Liveness) {
    match lock_manager() {
        Some(locks) => {
            for attempt in 0..3 {
                if attempt > 0 {
                    sleep(150).await;
                }
                if hold(&locks, &format!("{LOCK_PREFIX}{tab}"), true).await {
                    return (tab, Liveness::Locks(locks));
                }
            }
            let id = take_new_id();
            // Nobody else has this new id: the lock is granted at once.
            hold(&locks, &format!("{LOCK_PREFIX}{id}"), false).await;
            (id, Liveness::Locks(locks))
        }
        None => {
            let id = if drafts::beating(&LocalStore, &tab, js_sys::Date::now()) {
                take_new_id()
            } else {
                tab
            };
            keep_beating(&id);
            (id, Liveness::Heartbeat)
        }
    }
}

/// Which tabs are open now, as a test on a tab's id; `None` if that cannot be told (then
/// nothing is offered or removed).
pub async fn open_tabs(liveness: &Liveness) -> Option<Box<dyn Fn(&str) -> bool>> {
    match liveness {
        Liveness::Locks(locks) => {
            let tabs = locked_tabs(locks).await?;
            Some(Box::new(move |t: &str| tabs.contains(t)))
        }
        Liveness::Heartbeat => {
            let now = js_sys::Date::now();
            Some(Box::new(move |t: &str| {
                drafts::beating(&LocalStore, t, now)
            }))
        }
    }
}
