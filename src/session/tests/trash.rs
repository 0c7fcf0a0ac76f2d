//! Recently deleted: a deletion can be undone long after its message has gone.

use super::super::trash::{list as deleted, KEEP};
use super::*;

fn saved(store: &mut MemoryStore, name: &str, now: f64) -> (Session, String) {
    let mut session = fresh(store);
    save_as_named(store, &mut session, name, now);
    let id = session.opened.clone().unwrap().id;
    (session, id)
}

#[test]
fn a_deleted_entry_waits_under_recently_deleted_and_comes_back_exactly() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Plan", 2_000.0);
    let raw = store.get(&format!("{ENTRY_PREFIX}{id}")).unwrap().unwrap();
    delete(
        &mut store,
        &mut session,
        &id,
        "Plan",
        &mut at(3_000.0),
        &mut Scripted::default(),
    );
    // Any number of other messages later (another save here), it is still listed.
    save_as_named(&mut store, &mut session, "Other", 4_000.0);
    let list = deleted(&store).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].1.name, "Plan");
    assert_eq!(list[0].1.deleted_at, 3_000.0);

    let outcome = undo_delete(&mut store, &list[0].0, &mut at(5_000.0));
    assert_eq!(
        outcome.notice.as_deref(),
        Some("Put back “Plan” in your saved scenarios.")
    );
    assert!(outcome.library_changed);
    assert_eq!(
        store.get(&format!("{ENTRY_PREFIX}{id}")).unwrap(),
        Some(raw)
    );
    assert!(deleted(&store).unwrap().is_empty());

    // Restoring it again (from another tab's list) changes nothing.
    let outcome = undo_delete(&mut store, &list[0].0, &mut at(6_000.0));
    assert!(outcome
        .notice
        .unwrap()
        .starts_with("It is no longer under Recently deleted"));
    assert_eq!(names(&store), ["Other", "Plan"]);
}

#[test]
fn a_restore_never_replaces_what_took_its_place() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Plan", 2_000.0);
    let outcome = delete(
        &mut store,
        &mut session,
        &id,
        "Plan",
        &mut at(3_000.0),
        &mut Scripted::default(),
    );
    let key = format!("{ENTRY_PREFIX}{id}");
    let other = entry_text(&examples::blank(), 4_000.0);
    store.set(&key, &other).unwrap();
    undo_delete(&mut store, &outcome.undo.unwrap(), &mut at(5_000.0));
    assert_eq!(store.get(&key).unwrap(), Some(other));
    assert_eq!(names(&store).len(), 2);
    assert!(names(&store).contains(&"Plan".to_string()));
}

#[test]
fn only_the_most_recent_deletions_are_kept() {
    let mut store = MemoryStore::new();
    for n in 0..KEEP + 3 {
        let (mut session, id) = saved(&mut store, &format!("Plan {n}"), 1_000.0 + n as f64);
        delete(
            &mut store,
            &mut session,
            &id,
            &format!("Plan {n}"),
            &mut at(10_000.0 + n as f64),
            &mut Scripted::default(),
        );
    }
    let list = deleted(&store).unwrap();
    assert_eq!(list.len(), KEEP);
    assert_eq!(
        list[0].1.name,
        format!("Plan {}", KEEP + 2),
        "most recent first"
    );
}

#[test]
fn with_no_room_for_recently_deleted_a_delete_asks_first() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Plan", 2_000.0);
    store.condition = Condition::Full;
    let mut no = Scripted::answering(false);
    let outcome = delete(
        &mut store,
        &mut session,
        &id,
        "Plan",
        &mut at(3_000.0),
        &mut no,
    );
    assert_eq!(no.asked, ["There is no room left in this browser's storage to keep “Plan” under Recently deleted, so it could not be put back. Delete it anyway?"]);
    assert_eq!(outcome.notice.as_deref(), Some("“Plan” was not deleted."));
    assert_eq!(names(&store), ["Plan"]);
    let outcome = delete(
        &mut store,
        &mut session,
        &id,
        "Plan",
        &mut at(3_000.0),
        &mut Scripted::answering(true),
    );
    assert_eq!(outcome.notice.as_deref(), Some("Deleted “Plan”."));
    assert_eq!(outcome.undo, None);
    assert!(names(&store).is_empty());
}

#[test]
fn unreadable_things_can_be_deleted_and_put_back_byte_for_byte() {
    let mut store = MemoryStore::new();
    let broken = "{\"format\": 1, \"scenario\": {oops";
    store.set("ap-planner.scenario.broken", broken).unwrap();
    let outcome = delete_key(
        &mut store,
        "ap-planner.scenario.broken",
        "Unreadable entry",
        &mut at(3_000.0),
        &mut Scripted::default(),
    );
    assert_eq!(
        outcome.notice.as_deref(),
        Some("Deleted “Unreadable entry”.")
    );
    assert!(list(&store).unwrap().is_empty());
    undo_delete(&mut store, &outcome.undo.unwrap(), &mut at(4_000.0));
    assert_eq!(
        store.get("ap-planner.scenario.broken").unwrap().as_deref(),
        Some(broken)
    );

    // Deleting what another tab already deleted says so.
    store.remove("ap-planner.scenario.broken").unwrap();
    let outcome = delete_key(
        &mut store,
        "ap-planner.scenario.broken",
        "Unreadable entry",
        &mut at(5_000.0),
        &mut Scripted::default(),
    );
    assert!(outcome.notice.unwrap().contains("already deleted"));
}
