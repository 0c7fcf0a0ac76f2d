//! The session rules on a store in memory: nothing the user made is lost, whatever they open,
//! whatever another tab did, and however the browser's storage fails.

use std::collections::VecDeque;

use ap_engine::examples;
use ap_engine::store::entry_text;

use super::drafts::*;
use super::rules::*;
use super::store::{Condition, MemoryStore, Store, StoreError};
use support::*;

mod conflicts;
mod quick;
mod support;
mod tabs;
mod trash;
mod unreadable;

#[test]
fn one_rule_for_unsaved_changes() {
    let a = examples::dfe_three_tier();
    let mut b = a.clone();
    assert!(!has_unsaved_changes(&a, Some(&b)));
    b.phases[0].pupils += 1.0;
    assert!(has_unsaved_changes(&a, Some(&b)));
    assert!(has_unsaved_changes(&a, None), "never saved anywhere");
}

#[test]
fn unsaved_work_is_kept_before_another_scenario_opens() {
    let mut store = MemoryStore::new();
    let (mut session, _) = saved_then_edited(&mut store, "County plan A");
    assert!(session.has_unsaved_changes());
    let edited = session.working.clone();

    let outcome = open_not_in_library(&mut store, &mut session, examples::blank(), 3_000.0);
    assert_says(
        &outcome,
        &format!(
            "Opened “{}”. Your unsaved changes were kept in the library as “County plan A (unsaved changes)”.",
            examples::blank().meta.name
        ),
    );
    assert!(outcome.library_changed && outcome.opened_another);
    let mut kept = stored_as(&store, "County plan A (unsaved changes)");
    kept.meta.name = edited.meta.name.clone();
    assert_eq!(kept, edited, "the edit itself is kept");
    assert_ne!(
        stored_as(&store, "County plan A"),
        edited,
        "the saved copy is as saved"
    );
    assert_eq!(session.working, examples::blank());
    assert!(!session.has_unsaved_changes());
    assert_eq!(session.opened, None);
    assert_eq!(opened(&store, TAB), None);
}

#[test]
fn nothing_is_kept_when_nothing_is_unsaved() {
    let mut store = MemoryStore::new();
    let mut session = fresh(&mut store);
    assert!(
        !session.has_unsaved_changes(),
        "the example is its own saved copy"
    );
    let outcome = open_not_in_library(
        &mut store,
        &mut session,
        examples::four_level_local(),
        2_000.0,
    );
    assert_says(
        &outcome,
        &format!("Opened “{}”.", examples::four_level_local().meta.name),
    );
    assert!(!outcome.library_changed);
    assert!(list(&store).unwrap().is_empty());

    // A scenario opened from a link is not the user's work: nothing is kept from it either.
    let mut shared = examples::dfe_early_intervention();
    shared.meta.name = "From a colleague".into();
    let mut session = Session::shared(shared, TAB);
    open_not_in_library(&mut store, &mut session, examples::blank(), 3_000.0);
    assert!(list(&store).unwrap().is_empty());
    assert!(!session.shared);
}

#[test]
fn saving_over_a_version_another_tab_saved_asks_first() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved(&mut store, "Shared plan", 2_000.0);

    // Another tab saves its own version of the same entry later.
    let mut theirs = session.working.clone();
    theirs.phases[0].pupils = 71_000.0;
    store
        .set(&library_key(&id), &entry_text(&theirs, 3_000.0))
        .unwrap();
    let their_text = store.get(&library_key(&id)).unwrap();

    // This tab's change: "Cancel" keeps the other tab's version.
    session.working.phases[0].pupils = 69_000.0;
    let mut answers = Scripted::answering(false);
    let outcome = save(&mut store, &mut session, &mut at(4_000.0), &mut answers);
    assert_eq!(answers.asked, ["“Shared plan” was saved from another tab or window after you opened it here. Replace that version with this one?"]);
    assert_says(&outcome, NOT_SAVED);
    assert_eq!(store.get(&library_key(&id)).unwrap(), their_text);
    assert!(session.has_unsaved_changes());

    // "OK" replaces it.
    let mut answers = Scripted::answering(true);
    let outcome = save(&mut store, &mut session, &mut at(5_000.0), &mut answers);
    assert_eq!(answers.asked.len(), 1);
    assert_says(&outcome, "Saved “Shared plan” in this browser.");
    assert_eq!(stored_as(&store, "Shared plan").phases[0].pupils, 69_000.0);
    assert!(!session.has_unsaved_changes());
    assert_eq!(session.opened.as_ref().unwrap().saved_at, 5_000.0);
    assert_eq!(opened(&store, TAB), session.opened);
}

#[test]
fn saving_asks_nothing_when_no_other_tab_saved() {
    let mut store = MemoryStore::new();
    let (mut session, _) = saved_then_edited(&mut store, "Mine");
    let mut answers = Scripted::default();
    let outcome = save(&mut store, &mut session, &mut at(3_000.0), &mut answers);
    assert!(answers.asked.is_empty(), "{:?}", answers.asked);
    assert_says(&outcome, "Saved “Mine” in this browser.");
    assert_eq!(names(&store), ["Mine"]);
    assert_eq!(stored_as(&store, "Mine"), session.working);
}

#[test]
fn save_without_an_entry_asks_for_a_name_and_needs_one() {
    let mut store = MemoryStore::new();
    let mut session = fresh(&mut store);
    let before = session.clone();
    let outcome = save(
        &mut store,
        &mut session,
        &mut at(2_000.0),
        &mut Scripted::typing("   "),
    );
    assert_says(&outcome, "Not saved: a saved scenario needs a name.");
    let cancelled = Scripted {
        prompts: VecDeque::from([None]),
        ..Scripted::default()
    };
    let outcome = save_as(&mut store, &mut session, &mut at(2_000.0), &mut {
        cancelled
    });
    assert_eq!(outcome, Outcome::default());
    assert_eq!(session, before);
    assert!(store.entries().is_empty());

    let outcome = save_as_typing(&mut store, &mut session, "  Named  ", 3_000.0);
    assert_says(&outcome, "Saved “Named” in this browser.");
    assert_eq!(session.working.meta.name, "Named");
    assert_eq!(names(&store), ["Named"]);
}

#[test]
fn unreadable_entries_are_listed_kept_byte_for_byte_and_never_overwritten() {
    let mut store = MemoryStore::new();
    let broken = "{\"format\": 1, \"scenario\": {oops";
    let newer = r#"{"format": 7, "scenario": {}}"#;
    store.set("ap-planner.scenario.broken", broken).unwrap();
    // Exactly the id the next new entry would get.
    store.set("ap-planner.scenario.2000-0", newer).unwrap();
    let mut session = fresh(&mut store);

    let entries = list(&store).unwrap();
    assert_eq!(entries.len(), 2);
    let unreadable: Vec<_> = entries
        .iter()
        .map(|e| e.content.clone().unwrap_err())
        .collect();
    assert_eq!(unreadable[0].raw, newer);
    assert!(
        unreadable[0].reason.contains("newer version"),
        "{unreadable:?}"
    );
    assert_eq!(unreadable[1].raw, broken);

    save_as_named(&mut store, &mut session, "Another", 2_000.0);
    assert_ne!(session.opened.as_ref().unwrap().id, "2000-0");
    assert_eq!(
        list(&store).unwrap()[0]
            .content
            .as_ref()
            .unwrap()
            .scenario
            .meta
            .name,
        "Another"
    );
    edit(&mut session);
    save_asking_nothing(&mut store, &mut session, 3_000.0);

    // A working scenario that came from an entry now unreadable is not saved over it without
    // asking ("Cancel" here; `conflicts.rs` has the rest).
    session.opened = Some(Opened {
        id: "broken".into(),
        saved_at: 0.0,
    });
    let outcome = save_answering(&mut store, &mut session, 4_000.0, false);
    assert_says(&outcome, NOT_SAVED);
    // Rename and duplicate leave it alone too, saying why.
    let outcome = rename(
        &mut store,
        &mut session,
        "broken",
        "Unreadable entry",
        0.0,
        &mut Scripted::typing("Fixed"),
    );
    assert!(
        outcome
            .notice
            .as_deref()
            .unwrap()
            .contains("was not renamed: its saved copy can no longer be read here"),
        "{outcome:?}"
    );
    let outcome = duplicate(&mut store, "broken", "Unreadable entry", &mut at(5_000.0));
    assert!(outcome.notice.unwrap().contains("was not duplicated"));

    assert_eq!(
        store.get("ap-planner.scenario.broken").unwrap().as_deref(),
        Some(broken)
    );
    assert_eq!(
        store.get("ap-planner.scenario.2000-0").unwrap().as_deref(),
        Some(newer)
    );
    assert_eq!(names(&store), ["Another"]);
}

#[test]
fn full_storage_loses_nothing_and_says_so() {
    let mut store = MemoryStore::new();
    let (mut session, _) = saved_then_edited(&mut store, "Plan");
    store.condition = Condition::Full;
    let kept = store.clone();
    let edited = session.clone();

    // The autosave fails, saying why.
    let e = save_draft(&mut store, TAB, &session.working, 3_000.0).unwrap_err();
    assert_eq!(e, StoreError::Full);
    assert!(e.to_string().contains("storage for AP Planner is full"));

    // Save says it was not saved, and where else to keep the work.
    let outcome = save_asking_nothing(&mut store, &mut session, 3_000.0);
    assert_starts_and_ends(
        &outcome.notice.unwrap(),
        "“Plan” was not saved: The browser's storage for AP Planner is full",
        "You can still save it as a file with “Save as file”.",
    );
    assert_eq!(session, edited, "the work stays on the page, still unsaved");
    assert!(session.has_unsaved_changes());

    let outcome = save_as_typing(&mut store, &mut session, "Will not fit", 3_000.0);
    assert_says_first(&outcome, "“Will not fit” was not saved: ");

    // Opening another scenario would need to keep the unsaved work first: nothing opens.
    let mut session = edited.clone();
    let outcome = open_not_in_library(&mut store, &mut session, examples::blank(), 4_000.0);
    assert_says_first(
        &outcome,
        "Nothing was opened, so your unsaved work is not lost: The browser's storage for AP Planner is full",
    );
    assert_eq!(session, edited);
    assert_eq!(store, kept, "storage unchanged");

    // Storage switched off: the list says so too.
    store.condition = Condition::SwitchedOff;
    let e = list(&store).unwrap_err();
    assert_eq!(e, StoreError::Unavailable);
    assert!(e.to_string().contains("storage is switched off"));
}

#[test]
fn delete_then_undo_puts_the_exact_text_back() {
    let mut store = MemoryStore::new();
    // Written by hand (and by an older version): not as this app would write it.
    let raw = entry_text(&examples::four_level_local(), 1.0).replace("  ", "\t");
    store.set("ap-planner.scenario.old", &raw).unwrap();
    let mut session = fresh(&mut store);
    let stored = read(&store, "old").unwrap();
    open(
        &mut store,
        &mut session,
        stored.scenario.clone(),
        Some(Opened {
            id: "old".into(),
            saved_at: stored.saved_at,
        }),
        &mut at(2_000.0),
    );
    assert_eq!(opened(&store, TAB).unwrap().id, "old");

    let name = stored.scenario.meta.name;
    let mut answers = Scripted::default();
    let outcome = delete(
        &mut store,
        &mut session,
        "old",
        &name,
        &mut at(3_000.0),
        &mut answers,
    );
    assert!(
        answers.asked.is_empty(),
        "deleting asks nothing: it can be undone"
    );
    assert_says(&outcome, &format!("Deleted “{name}”."));
    assert!(list(&store).unwrap().is_empty());
    assert_eq!(
        session.opened, None,
        "the working scenario no longer belongs to it"
    );
    assert_eq!(opened(&store, TAB), None);
    assert!(session.has_unsaved_changes(), "it is saved nowhere now");

    let outcome = undo_delete(&mut store, &outcome.undo.unwrap(), &mut at(4_000.0));
    assert_says(
        &outcome,
        &format!("Put back “{name}” in your saved scenarios."),
    );
    assert_eq!(
        store.get("ap-planner.scenario.old").unwrap().as_deref(),
        Some(raw.as_str())
    );
}

#[test]
fn save_a_copy_of_a_shared_scenario_keeps_the_unsaved_draft_first() {
    let mut store = MemoryStore::new();
    let (own, _) = saved_then_edited(&mut store, "My plan");
    save_draft(&mut store, TAB, &own.working, 3_000.0).unwrap();

    // A link opens in another visit: the draft stays in storage, untouched.
    let mut link = examples::dfe_early_intervention();
    link.meta.name = "From a colleague".into();
    let mut session = Session::shared(link.clone(), TAB);
    let outcome = add_and_open(
        &mut store,
        &mut session,
        link.clone(),
        "The shared scenario",
        &mut at(4_000.0),
    );
    assert_says(&outcome, "Opened “From a colleague”.");
    assert!(outcome.library_changed && outcome.opened_another);
    let mut kept = stored_as(&store, "My plan (unsaved changes)");
    kept.meta.name = "My plan".into();
    assert_eq!(kept, own.working);
    assert_eq!(stored_as(&store, "From a colleague"), link);
    assert!(!session.shared);
    assert_eq!(session.working, link);
    assert!(!session.has_unsaved_changes());
    assert_eq!(opened(&store, TAB), session.opened);
    assert_eq!(names(&store).len(), 3);
}

#[test]
fn save_a_copy_keeps_no_draft_that_is_already_saved() {
    let mut store = MemoryStore::new();
    let (own, _) = saved(&mut store, "My plan", 2_000.0);
    save_draft(&mut store, TAB, &own.working, 3_000.0).unwrap();
    save_a_copy(&mut store, &mut shared_link());
    assert_eq!(names(&store).len(), 2, "{:?}", names(&store));

    // Nor a draft that is a built-in example as it comes.
    let mut store = MemoryStore::new();
    save_draft(&mut store, TAB, &examples::dfe_three_tier(), 1_000.0).unwrap();
    save_a_copy(&mut store, &mut shared_link());
    assert_eq!(names(&store).len(), 1);
}

#[test]
fn save_a_copy_with_full_storage_opens_nothing_and_loses_nothing() {
    let mut store = MemoryStore::new();
    let mut own = fresh(&mut store);
    edit(&mut own);
    save_draft(&mut store, TAB, &own.working, 3_000.0).unwrap();
    store.condition = Condition::Full;
    let kept = store.clone();
    save_a_copy_refused(
        &mut store,
        "The shared scenario was not opened, so nothing is lost: ",
    );
    assert_eq!(store, kept);
}

#[test]
fn start_up_reads_this_tabs_draft() {
    let mut store = MemoryStore::new();
    let Start { session, notice } = start(&mut store, TAB);
    assert_eq!(session.working, examples::default_scenario());
    assert!(!session.has_unsaved_changes());
    assert_eq!(notice, None);
    assert_eq!(session.tab, TAB);
    assert!(session.may_autosave());

    let mut s = session.clone();
    save_as_named(&mut store, &mut s, "Kept", 2_000.0);
    edit(&mut s);
    save_draft(&mut store, TAB, &s.working, 3_000.0).unwrap();
    let Start {
        session: again,
        notice,
    } = start(&mut store, TAB);
    assert_eq!(notice, None);
    assert_eq!(again.working, s.working);
    assert_eq!(again.opened, s.opened);
    assert!(again.has_unsaved_changes());
    assert_eq!(again.saved_copy.unwrap().meta.name, "Kept");

    // Another tab starts on its own draft (none yet): the example.
    let other = start(&mut store, "tab-b").session;
    assert_eq!(other.working, examples::default_scenario());
    assert_eq!(other.opened, None);

    store.condition = Condition::SwitchedOff;
    let Start { session, notice } = start(&mut store, TAB);
    assert_eq!(session.working, examples::default_scenario());
    assert!(notice.unwrap().contains("storage is switched off"));
}

#[test]
fn rename_and_duplicate() {
    let mut store = MemoryStore::new();
    let (mut session, id) = saved_then_edited(&mut store, "Plan");

    let outcome = rename(
        &mut store,
        &mut session,
        &id,
        "Plan",
        2_000.0,
        &mut Scripted::typing(" Plan B "),
    );
    assert!(outcome.library_changed);
    assert_eq!(names(&store), ["Plan B"]);
    assert_eq!(
        session.working.meta.name, "Plan B",
        "the open scenario is renamed too"
    );
    assert_eq!(session.saved_copy.as_ref().unwrap().meta.name, "Plan B");
    assert!(session.has_unsaved_changes(), "the edit is still unsaved");
    // Renaming is not saving: the entry keeps its saved time, and so does this tab's record.
    assert_eq!(session.opened.as_ref().unwrap().saved_at, 2_000.0);
    assert_eq!(read(&store, &id).unwrap().saved_at, 2_000.0);

    let outcome = duplicate(&mut store, &id, "Plan B", &mut at(4_000.0));
    assert!(outcome.library_changed);
    assert_eq!(names(&store), ["Plan B (copy)", "Plan B"]);
}

#[test]
fn an_imported_file_is_added_beside_what_is_there() {
    let mut store = MemoryStore::new();
    let (mut session, _) = saved(&mut store, "File trip", 2_000.0);
    let text = entry_text(&session.working, 2_000.0);
    let outcome = import(
        &mut store,
        &mut session,
        "file-trip.json",
        &text,
        &mut at(3_000.0),
    );
    assert_says(&outcome, "Opened “File trip”.");
    assert_eq!(names(&store), ["File trip", "File trip"]);

    // A file of an earlier format opens with what bringing it up to date kept.
    let old = text.replacen(
        &format!(
            "\"schema_version\": {}",
            ap_engine::scenario::SCHEMA_VERSION
        ),
        "\"schema_version\": 3",
        1,
    );
    let outcome = import(&mut store, &mut session, "old.json", &old, &mut at(3_500.0));
    let said = outcome.notice.unwrap();
    assert!(
        said.starts_with("Opened “File trip”. This scenario was saved in an earlier format (3)"),
        "{said}"
    );
    assert!(said.contains("per academic year"), "{said}");
    assert_eq!(names(&store), ["File trip", "File trip", "File trip"]);

    let kept = store.clone();
    let before = session.clone();
    let outcome = import(
        &mut store,
        &mut session,
        "bad.json",
        r#"{"format": 1, "scenario": {"timeline": {"horizon": 40}, "meta": {"name": "x"}}}"#,
        &mut at(4_000.0),
    );
    let said = outcome.notice.unwrap();
    assert_starts_and_ends(
        &said,
        "“bad.json” was not opened: the scenario in it has problems: ",
        ". Nothing in your library was changed.",
    );
    assert!(
        said.contains("Years to project must be between 1 and 15 years"),
        "{said}"
    );
    assert_eq!((store, session), (kept, before));
}
