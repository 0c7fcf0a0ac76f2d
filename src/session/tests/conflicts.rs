//! Save, Rename and Save a copy read what is stored now, whatever its state, and ask before
//! replacing it (with the reason in the question).

use super::*;

#[test]
fn saving_over_an_entry_made_unreadable_in_another_tab_asks_and_keeps_its_text() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");
    let broken = "{\"format\": 1, \"scenario\": {oops";
    store.set(&library_key(&id), broken).unwrap();

    let mut no = Scripted::answering(false);
    let outcome = save(&mut store, &mut session, &mut at(3_000.0), &mut no);
    assert_eq!(no.asked.len(), 1);
    assert!(
        no.asked[0].starts_with(
            "The saved copy of “Plan” cannot be read here: this is not a scenario file"
        ),
        "{:?}",
        no.asked
    );
    assert!(no.asked[0].contains("Replace it with this version?"));
    assert_says(&outcome, NOT_SAVED);
    assert_eq!(
        store.get(&library_key(&id)).unwrap().as_deref(),
        Some(broken)
    );

    let outcome = save_answering(&mut store, &mut session, 4_000.0, true);
    assert_says(&outcome, "Saved “Plan” in this browser.");
    assert_eq!(read(&store, &id).unwrap().scenario, session.working);
    let kept = kept_aside(&store).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].content.raw, broken, "the replaced text is kept");
}

#[test]
fn saving_over_an_entry_from_a_newer_version_asks_and_keeps_it() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");
    let newer = r#"{"format": 7, "saved_at": 9000, "scenario": {"new": true}}"#;
    store.set(&library_key(&id), newer).unwrap();
    let mut no = Scripted::answering(false);
    save(&mut store, &mut session, &mut at(3_000.0), &mut no);
    assert!(
        no.asked[0].contains("newer version of AP Planner"),
        "{:?}",
        no.asked
    );
    assert_eq!(
        store.get(&library_key(&id)).unwrap().as_deref(),
        Some(newer)
    );

    // Storage is full: the newer text cannot be kept first, so nothing is replaced.
    store.condition = Condition::Full;
    let outcome = save_answering(&mut store, &mut session, 4_000.0, true);
    assert_says_first(
        &outcome,
        "“Plan” was not saved: its unreadable saved copy could not be kept first",
    );
    assert_eq!(
        store.get(&library_key(&id)).unwrap().as_deref(),
        Some(newer)
    );
}

#[test]
fn saving_an_entry_deleted_in_another_tab_asks_before_saving_it_again() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");
    store.remove(&library_key(&id)).unwrap();
    let mut no = Scripted::answering(false);
    let outcome = save(&mut store, &mut session, &mut at(3_000.0), &mut no);
    assert_eq!(
        no.asked,
        ["“Plan” was deleted from your saved scenarios in another tab or window. Save it again?"]
    );
    assert_says(&outcome, NOT_SAVED);
    assert!(list(&store).unwrap().is_empty());
    save_answering(&mut store, &mut session, 4_000.0, true);
    assert_eq!(read(&store, &id).unwrap().scenario, session.working);
}

#[test]
fn rename_then_save_still_notices_another_tabs_newer_save() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");

    // Another tab saves its own version at 3,000; this tab's list shows it (a storage event).
    let mut theirs = read(&store, &id).unwrap().scenario;
    theirs.phases[0].pupils = 71_000.0;
    store
        .set(&library_key(&id), &entry_text(&theirs, 3_000.0))
        .unwrap();

    // This tab renames the entry from its list: nothing asked (the list is up to date).
    let mut answers = Scripted::typing("Plan B");
    rename(&mut store, &mut session, &id, "Plan", 3_000.0, &mut answers);
    assert_eq!(answers.asked, ["New name"]);
    let stored = read(&store, &id).unwrap();
    assert_eq!(stored.scenario.meta.name, "Plan B");
    assert_eq!(
        stored.scenario.phases[0].pupils, 71_000.0,
        "their version, renamed"
    );
    assert_eq!(stored.saved_at, 3_000.0);
    assert_eq!(session.opened.as_ref().unwrap().saved_at, 2_000.0);

    // The next Save asks before replacing the other tab's version; Cancel keeps it.
    let mut no = Scripted::answering(false);
    save(&mut store, &mut session, &mut at(4_000.0), &mut no);
    assert_eq!(
        no.asked,
        ["“Plan B” was saved from another tab or window after you opened it here. Replace that version with this one?"]
    );
    assert_eq!(
        read(&store, &id).unwrap().scenario.phases[0].pupils,
        71_000.0
    );
}

#[test]
fn rename_asks_if_the_entry_was_saved_since_it_was_listed_and_says_why_it_cannot() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");
    let theirs = entry_text(&read(&store, &id).unwrap().scenario, 3_000.0);
    store.set(&library_key(&id), &theirs).unwrap();
    let mut answers = Scripted {
        prompts: VecDeque::from([Some("Plan B".to_string())]),
        confirms: VecDeque::from([false]),
        ..Scripted::default()
    };
    let outcome = rename(&mut store, &mut session, &id, "Plan", 2_000.0, &mut answers);
    assert_eq!(
        answers.asked[1],
        "“Plan” was saved from another tab or window since this list was shown. Rename that version to “Plan B”?"
    );
    assert_says(&outcome, "Not renamed.");
    assert_eq!(store.get(&library_key(&id)).unwrap(), Some(theirs));

    store.remove(&library_key(&id)).unwrap();
    let outcome = rename(
        &mut store,
        &mut session,
        &id,
        "Plan",
        3_000.0,
        &mut Scripted::typing("Plan C"),
    );
    assert_says(
        &outcome,
        "“Plan” was not renamed: it was deleted in another tab or window.",
    );
    assert!(
        store.get(&library_key(&id)).unwrap().is_none(),
        "not brought back"
    );
}

#[test]
fn save_a_copy_never_replaces_anything() {
    let mut store = MemoryStore::new();
    // Entries under the very ids the clock would give next, readable or not.
    store
        .set(
            "ap-planner.scenario.4000-0",
            "{\"format\": 1, \"scenario\": {oops",
        )
        .unwrap();
    store
        .set(
            "ap-planner.scenario.4000-1",
            &entry_text(&examples::blank(), 1.0),
        )
        .unwrap();
    let before = store.entries().clone();
    save_a_copy(&mut store, &mut shared_link());
    for (k, v) in &before {
        assert_eq!(store.get(k).unwrap().as_ref(), Some(v), "{k} untouched");
    }
    assert_eq!(list(&store).unwrap().len(), 3);
}
