//! Recently deleted: a deletion can be undone long after its message has gone.

use super::super::trash::{list as deleted, KEEP};
use super::*;

#[test]
fn a_deleted_entry_waits_under_recently_deleted_and_comes_back_exactly() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Plan", 2_000.0);
    let raw = store.get(&library_key(&id)).unwrap().unwrap();
    delete_asking_nothing(&mut store, &mut session, &id, "Plan", 3_000.0);
    // Any number of other messages later (another save here), it is still listed.
    save_as_named(&mut store, &mut session, "Other", 4_000.0);
    let list = deleted(&store).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].1.name, "Plan");
    assert_eq!(list[0].1.deleted_at, 3_000.0);

    let outcome = undo_delete(&mut store, &list[0].0, &mut at(5_000.0));
    assert_says(&outcome, "Put back “Plan” in your saved scenarios.");
    assert!(outcome.library_changed);
    assert_eq!(store.get(&library_key(&id)).unwrap(), Some(raw));
    assert!(deleted(&store).unwrap().is_empty());

    // Restoring it again (from another tab's list) changes nothing.
    let outcome = undo_delete(&mut store, &list[0].0, &mut at(6_000.0));
    assert_says_first(&outcome, "It is no longer under Recently deleted");
    assert_eq!(names(&store), ["Other", "Plan"]);
}

#[test]
fn a_restore_never_replaces_what_took_its_place() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Plan", 2_000.0);
    let outcome = delete_asking_nothing(&mut store, &mut session, &id, "Plan", 3_000.0);
    let key = library_key(&id);
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
        let name = format!("Plan {n}");
        let (mut session, id) = saved(&mut store, &name, 1_000.0 + n as f64);
        let now = 10_000.0 + n as f64;
        delete_asking_nothing(&mut store, &mut session, &id, &name, now);
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
    let outcome = delete_plan(&mut store, &mut session, &id, &mut no);
    assert_eq!(no.asked, ["There is no room left in this browser's storage to keep “Plan” under Recently deleted, so it could not be put back. Delete it anyway?"]);
    assert_says(&outcome, "“Plan” was not deleted.");
    assert_eq!(names(&store), ["Plan"]);
    let mut yes = Scripted::answering(true);
    let outcome = delete_plan(&mut store, &mut session, &id, &mut yes);
    assert_says(&outcome, "Deleted “Plan”.");
    assert_eq!(outcome.undo, None);
    assert!(names(&store).is_empty());
}

#[test]
fn unreadable_things_can_be_deleted_and_put_back_byte_for_byte() {
    let mut store = MemoryStore::new();
    let broken = "{\"format\": 1, \"scenario\": {oops";
    store.set("ap-planner.scenario.broken", broken).unwrap();
    let outcome = delete_broken(&mut store, 3_000.0);
    assert_says(&outcome, "Deleted “Unreadable entry”.");
    assert!(list(&store).unwrap().is_empty());
    undo_delete(&mut store, &outcome.undo.unwrap(), &mut at(4_000.0));
    assert_eq!(
        store.get("ap-planner.scenario.broken").unwrap().as_deref(),
        Some(broken)
    );

    // Deleting what another tab already deleted says so.
    store.remove("ap-planner.scenario.broken").unwrap();
    let outcome = delete_broken(&mut store, 5_000.0);
    assert!(outcome.notice.unwrap().contains("already deleted"));
}
