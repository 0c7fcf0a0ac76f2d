//! A draft that cannot be read at start-up is copied aside once and listed; if it cannot be
//! copied (storage full), that is said truthfully and nothing writes over it until the user
//! chooses.

use super::*;

const BROKEN: &str = "{\"format\": 1, \"scenario\": [";

#[test]
fn an_unreadable_draft_is_copied_aside_once_and_listed() {
    let mut store = MemoryStore::new();
    store.set(&draft_key(TAB), BROKEN).unwrap();
    let Start { session, notice } = start(&mut store, TAB);
    let notice = notice.unwrap();
    assert!(notice.starts_with("The working scenario last open in this tab could not be read (this is not a scenario file"), "{notice}");
    assert!(
        notice.contains("kept unchanged under “Unreadable” in Saved scenarios"),
        "{notice}"
    );
    assert_eq!(session.working, examples::default_scenario());
    assert_eq!(session.opened, None);
    assert!(
        session.may_autosave(),
        "its text is safe: autosave may go on"
    );
    let kept = kept_aside(&store).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].content.raw, BROKEN);
    assert!(kept[0].key.starts_with(UNREADABLE_PREFIX));
    assert!(
        kept[0].content.reason.contains("not a scenario file"),
        "{:?}",
        kept[0]
    );
    assert!(
        store.get(&draft_key(TAB)).unwrap().is_none(),
        "the tab's key is free"
    );

    // The same text again (another tab's, or a reload before anything was saved): not copied
    // twice, nor is a copy an earlier version made under its own key.
    store.set(&draft_key(TAB), BROKEN).unwrap();
    start(&mut store, TAB);
    store
        .set("ap-planner.unreadable.1700000000000", "{oops")
        .unwrap();
    store.set(&draft_key(TAB), "{oops").unwrap();
    start(&mut store, TAB);
    assert_eq!(kept_aside(&store).unwrap().len(), 2);
}

#[test]
fn newer_and_old_format_drafts_at_start_up() {
    // From a newer version: kept aside, never read as something else.
    let mut store = MemoryStore::new();
    let newer = r#"{"format": 7, "saved_at": 5, "scenario": {"tiers": "new"}}"#;
    store.set(&draft_key(TAB), newer).unwrap();
    let Start { notice, .. } = start(&mut store, TAB);
    assert!(notice.unwrap().contains("newer version of AP Planner"));
    assert_eq!(kept_aside(&store).unwrap()[0].content.raw, newer);

    // The first version's bare scenario: migrated and opened.
    let mut store = MemoryStore::new();
    let mut old = examples::dfe_three_tier();
    old.meta.name = "First version".into();
    store
        .set(&draft_key(TAB), &serde_json::to_string(&old).unwrap())
        .unwrap();
    let Start { session, notice } = start(&mut store, TAB);
    assert_eq!(notice, None);
    assert_eq!(session.working, old);
}

#[test]
fn with_no_room_to_copy_it_the_draft_is_held_and_nothing_writes_over_it() {
    let mut store = MemoryStore::new();
    store.set(&draft_key(TAB), BROKEN).unwrap();
    store.condition = Condition::Full;
    let Start {
        mut session,
        notice,
    } = start(&mut store, TAB);
    assert_eq!(
        notice, None,
        "the held draft has its own message, with its choices"
    );
    let held = session.held.clone().unwrap();
    assert_eq!(held.raw, BROKEN);
    assert!(held.reason.contains("not a scenario file"));
    assert!(!session.may_autosave());
    assert_eq!(store.get(&draft_key(TAB)).unwrap().as_deref(), Some(BROKEN));

    // Rules that would write this tab's draft refuse while it is held.
    store.condition = Condition::Working;
    tab_draft(&mut store, "other", 2_000.0);
    let outcome = recover_open(&mut store, &mut session, "other", false, &mut at(3_000.0));
    assert_says_first(
        &outcome,
        "First choose what to do with this tab's unreadable draft",
    );
    let outcome = add_and_open(
        &mut store,
        &mut session,
        examples::blank(),
        "“x.json”",
        &mut at(3_000.0),
    );
    assert!(outcome
        .notice
        .unwrap()
        .contains("first choose what to do with this tab's unreadable draft"));
    assert_eq!(store.get(&draft_key(TAB)).unwrap().as_deref(), Some(BROKEN));
    assert!(store.get("ap-planner.draft.other").unwrap().is_some());
}

/// Tab `tab` left an edited draft.
fn tab_draft(store: &mut MemoryStore, tab: &str, now: f64) {
    let mut s = examples::blank();
    s.meta.name = format!("Work of {tab}");
    save_draft(store, tab, &s, now).unwrap();
}

#[test]
fn save_a_copy_over_an_unreadable_draft_keeps_it_aside_first_or_does_nothing() {
    // The issue's case: a shared link's "Save a copy" while this tab's draft cannot be read.
    let mut store = MemoryStore::new();
    store.set(&draft_key(TAB), BROKEN).unwrap();
    let outcome = save_a_copy(&mut store, &mut shared_link());
    assert!(outcome.opened_another);
    assert_eq!(kept_aside(&store).unwrap()[0].content.raw, BROKEN);

    // Storage full: copying it aside fails, so nothing opens and the draft is as it was.
    let mut store = MemoryStore::new();
    store.set(&draft_key(TAB), BROKEN).unwrap();
    store.condition = Condition::Full;
    let session = save_a_copy_refused(
        &mut store,
        "The shared scenario was not opened, so nothing is lost: The browser's storage for AP Planner is full",
    );
    assert!(session.shared, "still read-only: nothing will autosave");
    assert_eq!(store.get(&draft_key(TAB)).unwrap().as_deref(), Some(BROKEN));
}

#[test]
fn a_file_far_too_large_is_refused_before_it_is_read() {
    use ap_engine::file::MAX_FILE_BYTES;
    assert!(file_too_large("a.json", 300_000.0).is_none());
    assert!(file_too_large("a.json", MAX_FILE_BYTES as f64).is_none());
    let said = file_too_large("huge.json", 50e6).unwrap();
    assert_starts_and_ends(
        &said,
        "“huge.json” was not opened: this file is ",
        ". Nothing in your library was changed.",
    );
    assert!(file_too_large("odd.json", f64::NAN).is_some());
    let mut store = MemoryStore::new();
    let mut session = fresh(&mut store);
    let text = " ".repeat(MAX_FILE_BYTES + 1);
    let outcome = import(
        &mut store,
        &mut session,
        "huge.json",
        &text,
        &mut at(2_000.0),
    );
    assert_says_first(&outcome, "“huge.json” was not opened: this file is ");
    assert!(store.entries().is_empty());
}
