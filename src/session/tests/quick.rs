//! The page's quick start (before the strict reader is fetched) gives exactly what the full start
//! gives whenever it gives anything, and changes nothing in the store.

use ap_engine::examples;
use ap_engine::store::entry_text;

use super::super::drafts::{draft_key, save_draft};
use super::super::rules::*;
use super::super::store::{Condition, MemoryStore, Store};
use super::support::*;

/// `quick_start` on `store`: `Some` only if it equals `start`, and the store is untouched.
fn quick(store: &MemoryStore) -> Option<Start> {
    let before = store.clone();
    let quick = quick_start(store, TAB);
    assert_eq!(*store, before, "the quick start only reads");
    if let Some(q) = &quick {
        let mut full = store.clone();
        assert_eq!(
            *q,
            start(&mut full, TAB),
            "the quick start is the full start"
        );
    }
    quick
}

#[test]
fn a_browser_with_nothing_stored_starts_quickly_on_the_example() {
    let store = MemoryStore::new();
    let q = quick(&store).expect("quick");
    assert_eq!(q.session.working, examples::default_scenario());
}

#[test]
fn a_draft_and_the_entry_it_was_opened_from_start_quickly() {
    let mut store = MemoryStore::new();
    let (session, _) = saved_then_edited(&mut store, "County plan A");
    save_draft(&mut store, TAB, &session.working, 3_000.0).unwrap();
    let q = quick(&store).expect("quick");
    assert_eq!(q.session.working, session.working);
    assert!(
        q.session.has_unsaved_changes(),
        "the saved copy is the entry"
    );

    // The entry it was opened from has been deleted since: no saved copy, as the full start says.
    let id = session.opened.clone().unwrap().id;
    store.remove(&library_key(&id)).unwrap();
    assert_eq!(quick(&store).expect("quick").session.saved_copy, None);
}

#[test]
fn anything_not_as_this_app_writes_it_waits_for_the_full_start() {
    let mut store = MemoryStore::new();
    let (session, id) = saved_then_edited(&mut store, "County plan A");
    save_draft(&mut store, TAB, &session.working, 3_000.0).unwrap();

    // The opened entry hand-edited (tabs for spaces): still readable, but only strictly.
    let entry = store.get(&library_key(&id)).unwrap().unwrap();
    let mut edited = store.clone();
    edited
        .set(&library_key(&id), &entry.replace("  ", "\t"))
        .unwrap();
    assert!(quick(&edited).is_none());

    // A draft from the first version (a bare scenario), one that cannot be read at all, and a
    // draft at the previous schema.
    let bare = serde_json::to_string(&session.working).unwrap();
    let current = ap_engine::scenario::SCHEMA_VERSION;
    let previous = entry_text(&session.working, 1.0).replacen(
        &format!("\"schema_version\": {current}"),
        &format!("\"schema_version\": {}", current - 1),
        1,
    );
    for draft in [bare, "{not json".to_string(), previous] {
        let mut other = store.clone();
        other.set(&draft_key(TAB), &draft).unwrap();
        assert!(quick(&other).is_none(), "{draft:.60}");
    }

    // Storage switched off.
    let mut off = store.clone();
    off.condition = Condition::SwitchedOff;
    assert!(quick_start(&off, TAB).is_none());
}
