//! One draft per tab: two tabs never overwrite each other's draft, and the unsaved work of a
//! closed tab is offered back, never dropped, and removed only once the user has chosen.

use super::*;

/// Tab `tab` starts, changes the number of secondary pupils to `pupils` and autosaves.
fn tab_edits(store: &mut MemoryStore, tab: &str, name: &str, pupils: f64, now: f64) -> Session {
    let mut session = start(store, tab).session;
    session.working.meta.name = name.into();
    session.working.phases[1].pupils = pupils;
    save_draft(store, tab, &session.working, now).unwrap();
    session
}

fn open_tabs(open: &'static [&'static str]) -> impl Fn(&str) -> bool {
    move |t| open.contains(&t)
}

fn offered_names(found: &LeftBehind) -> Vec<String> {
    found.offers.iter().map(left_name).collect()
}

#[test]
fn two_tabs_keep_two_drafts() {
    let mut store = MemoryStore::new();
    let a = tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    let b = tab_edits(&mut store, "b", "Plan B", 62_000.0, 3_000.0);
    assert_eq!(start(&mut store, "a").session.working, a.working);
    assert_eq!(start(&mut store, "b").session.working, b.working);
    assert!(store.entries().contains_key("ap-planner.draft.a"));
    assert!(store.entries().contains_key("ap-planner.draft.b"));
}

#[test]
fn a_closed_tabs_unsaved_work_is_offered_and_an_open_tabs_never() {
    let mut store = MemoryStore::new();
    tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    tab_edits(&mut store, "b", "Plan B", 62_000.0, 3_000.0);
    // Tab a is closed; tab b is open; tab c starts.
    let found = left_behind(&mut store, "c", &open_tabs(&["b", "c"])).unwrap();
    assert_eq!(offered_names(&found), ["Plan A"]);
    assert_eq!(found.offers[0].tab, "a");
    let work = found.offers[0].content.as_ref().unwrap();
    assert_eq!(work.scenario.phases[1].pupils, 61_000.0);
    assert_eq!(work.saved_at, 2_000.0);
    // Offering removes nothing.
    assert!(store.entries().contains_key("ap-planner.draft.a"));
    // A tab never offers its own draft, even if it looks closed.
    let found = left_behind(&mut store, "a", &open_tabs(&[])).unwrap();
    assert_eq!(offered_names(&found), ["Plan B"]);
}

#[test]
fn a_closed_tabs_draft_with_nothing_unsaved_is_cleared_quietly() {
    let mut store = MemoryStore::new();
    // Tab a: the example as it comes. Tab b: a saved entry, unchanged since.
    save_draft(&mut store, "a", &examples::default_scenario(), 1_000.0).unwrap();
    let mut b = start(&mut store, "b").session;
    save_as_typing(&mut store, &mut b, "Saved plan", 2_000.0);
    save_draft(&mut store, "b", &b.working, 2_000.0).unwrap();
    assert!(store.entries().contains_key("ap-planner.opened.b"));
    let found = left_behind(&mut store, "c", &open_tabs(&[])).unwrap();
    assert!(found.offers.is_empty(), "{found:?}");
    let left: Vec<_> = store.entries().keys().cloned().collect();
    assert_eq!(left.len(), 1, "only the saved entry is left: {left:?}");
    assert_eq!(names(&store), ["Saved plan"]);
}

#[test]
fn the_single_draft_of_earlier_versions_is_offered_like_a_closed_tabs() {
    let mut store = MemoryStore::new();
    let mut old = examples::four_level_local();
    old.meta.name = "From the old app".into();
    old.phases[0].pupils = 33_000.0;
    // Format 0: a bare scenario, as the first version wrote it.
    store
        .set("ap-planner.draft", &serde_json::to_string(&old).unwrap())
        .unwrap();
    let session = start(&mut store, "new-tab").session;
    assert_eq!(
        session.working,
        examples::default_scenario(),
        "not silently adopted"
    );
    let found = left_behind(&mut store, "new-tab", &open_tabs(&["new-tab"])).unwrap();
    assert_eq!(found.offers.len(), 1);
    assert_eq!(found.offers[0].tab, "");
    assert_eq!(found.offers[0].content.as_ref().unwrap().scenario, old);
}

#[test]
fn open_takes_the_work_into_this_tab_and_only_then_removes_it() {
    let mut store = MemoryStore::new();
    let a = tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    let mut c = start(&mut store, "c").session;
    let outcome = recover_open(&mut store, &mut c, "a", false, &mut at(5_000.0));
    assert_says(&outcome, "Opened your unsaved work “Plan A”.");
    assert!(outcome.opened_another);
    assert_eq!(c.working, a.working);
    assert!(c.has_unsaved_changes());
    assert!(!store.entries().contains_key("ap-planner.draft.a"));
    // It is this tab's draft now: a reload of tab c finds it.
    assert_eq!(start(&mut store, "c").session.working, a.working);

    // Asked again (another window took it meanwhile): nothing happens.
    let before = c.clone();
    let outcome = recover_open(&mut store, &mut c, "a", false, &mut at(6_000.0));
    assert_says_first(&outcome, "That work is no longer waiting");
    assert_eq!(c, before);
}

#[test]
fn open_keeps_this_tabs_own_unsaved_work_first_and_the_saved_entry_it_came_from() {
    let mut store = MemoryStore::new();
    let mut a = start(&mut store, "a").session;
    save_as_typing(&mut store, &mut a, "Plan A", 2_000.0);
    edit(&mut a);
    save_draft(&mut store, "a", &a.working, 3_000.0).unwrap();
    let mut c = start(&mut store, "c").session;
    c.working.phases[0].pupils = 1.0;
    let outcome = recover_open(&mut store, &mut c, "a", false, &mut at(5_000.0));
    assert!(
        outcome.notice.unwrap().ends_with("This tab's unsaved changes were kept in the library as “DfE three tiers, current trends (unsaved changes)”."),
    );
    assert_eq!(c.opened, a.opened, "Save goes to the entry it came from");
    assert_eq!(opened(&store, "c"), a.opened);
    assert_eq!(c.saved_copy.as_ref().unwrap().meta.name, "Plan A");
}

#[test]
fn a_tab_that_turns_out_to_be_open_keeps_its_draft() {
    let mut store = MemoryStore::new();
    tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    let before = store.clone();
    let mut c = start(&mut store, "c").session;
    for outcome in [
        recover_open(&mut store, &mut c, "a", true, &mut at(5_000.0)),
        recover_keep(&mut store, "a", true, &mut at(5_000.0)),
        discard_asking_nothing(&mut store, "a", true, 5_000.0),
    ] {
        assert_says(
            &outcome,
            "That window is open again, so its work stays there.",
        );
    }
    assert_eq!(store, before);
}

#[test]
fn keep_in_library_saves_it_as_an_entry_before_removing_the_draft() {
    let mut store = MemoryStore::new();
    let a = tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    let outcome = recover_keep(&mut store, "a", false, &mut at(5_000.0));
    assert_says(
        &outcome,
        "Kept in your saved scenarios as “Plan A (unsaved changes)”.",
    );
    let mut kept = stored_as(&store, "Plan A (unsaved changes)");
    kept.meta.name = "Plan A".into();
    assert_eq!(kept, a.working);
    assert!(!store.entries().contains_key("ap-planner.draft.a"));

    // With full storage it cannot be kept: the draft stays where it was.
    let mut store = MemoryStore::new();
    tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    store.condition = Condition::Full;
    let before = store.clone();
    let outcome = recover_keep(&mut store, "a", false, &mut at(5_000.0));
    assert_says_first(&outcome, "It was not kept, so it stays where it was");
    assert_eq!(store, before);
}

#[test]
fn discard_can_be_undone_from_recently_deleted() {
    let mut store = MemoryStore::new();
    let a = tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    let outcome = discard_asking_nothing(&mut store, "a", false, 5_000.0);
    assert_says(
        &outcome,
        "Discarded “Plan A (unsaved changes)”. It stays under Recently deleted for a while.",
    );
    assert!(!store.entries().contains_key("ap-planner.draft.a"));
    assert!(list(&store).unwrap().is_empty());
    undo_delete(&mut store, &outcome.undo.unwrap(), &mut at(6_000.0));
    let mut back = stored_as(&store, "Plan A (unsaved changes)");
    back.meta.name = "Plan A".into();
    assert_eq!(back, a.working);
}

#[test]
fn discard_with_no_room_for_recently_deleted_asks_first() {
    let mut store = MemoryStore::new();
    tab_edits(&mut store, "a", "Plan A", 61_000.0, 2_000.0);
    store.condition = Condition::Full;
    let mut no = Scripted::answering(false);
    let outcome = discard(&mut store, "a", false, &mut at(5_000.0), &mut no);
    assert!(no.asked[0].contains("no room left"), "{:?}", no.asked);
    assert_says(&outcome, "Not discarded: it is still offered above.");
    assert!(store.entries().contains_key("ap-planner.draft.a"));
    let outcome = discard(
        &mut store,
        "a",
        false,
        &mut at(5_000.0),
        &mut Scripted::answering(true),
    );
    assert_says(&outcome, "Discarded “Plan A (unsaved changes)”.");
    assert!(store.entries().is_empty());
}

#[test]
fn an_unreadable_draft_of_a_closed_tab_is_kept_aside_or_offered_never_dropped() {
    let mut store = MemoryStore::new();
    let broken = "{\"format\": 1, \"scenario\": [";
    store.set("ap-planner.draft.a", broken).unwrap();
    let found = left_behind(&mut store, "c", &open_tabs(&[])).unwrap();
    assert_eq!(found.kept_aside, 1);
    assert!(found.offers.is_empty());
    assert!(!store.entries().contains_key("ap-planner.draft.a"));
    assert_eq!(kept_aside(&store).unwrap()[0].content.raw, broken);

    // No room to copy it: it stays, and is offered (to download or discard).
    let mut store = MemoryStore::new();
    store.set("ap-planner.draft.a", broken).unwrap();
    store.condition = Condition::Full;
    let found = left_behind(&mut store, "c", &open_tabs(&[])).unwrap();
    assert_eq!(found.kept_aside, 0);
    assert_eq!(found.offers.len(), 1);
    assert_eq!(found.offers[0].content.as_ref().unwrap_err().raw, broken);
    assert_eq!(
        store.get("ap-planner.draft.a").unwrap().as_deref(),
        Some(broken)
    );
    let mut c = start(&mut store, "c").session;
    let outcome = recover_open(&mut store, &mut c, "a", false, &mut at(5_000.0));
    assert!(outcome.notice.unwrap().contains("cannot be opened"));
    assert_eq!(
        store.get("ap-planner.draft.a").unwrap().as_deref(),
        Some(broken)
    );
}

#[test]
fn heartbeats_tell_open_tabs_where_web_locks_are_missing() {
    let mut store = MemoryStore::new();
    beat(&mut store, "a", 10_000.0).unwrap();
    assert!(beating(&store, "a", 10_000.0 + CLOSED_AFTER_MS - 1.0));
    assert!(!beating(&store, "a", 10_000.0 + CLOSED_AFTER_MS));
    assert!(!beating(&store, "b", 10_000.0));
    // A hidden tab whose timers run once a minute is still open.
    const { assert!(CLOSED_AFTER_MS > 2.0 * 60_000.0 && BEAT_EVERY_MS < 60_000.0) };
    stop_beating(&mut store, "a").unwrap();
    assert!(!beating(&store, "a", 10_000.0));
    // A heartbeat that cannot be read counts as open: nothing is taken from that tab.
    store.set("ap-planner.alive.x", "soon").unwrap();
    assert!(beating(&store, "x", 1e15));
}
