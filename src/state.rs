//! The one source of truth: the engine's [`Editor`] (the working scenario with its undo history)
//! in one signal, the scenario and its projection derived from it. Every change is a typed
//! [`Edit`] through [`AppState::apply`].

use ap_engine::edit::{Edit, EditError};
use ap_engine::editor::Editor;
use ap_engine::fields::Field;
use ap_engine::scenario::InputRange;
use ap_engine::{project, Projection, Scenario, ValidationErrors};
use leptos::prelude::*;

use crate::library::Opened;
use crate::session::drafts::{HeldDraft, LeftDraft};

/// Whether the page shows the user's own working scenario or a scenario opened from a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Working,
    /// Read-only: nothing is autosaved and the library is not touched.
    Shared,
}

/// A message about the library, with an Undo for a deletion.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    /// What was just deleted, as its key under Recently deleted, to put it back.
    pub undo: Option<String>,
}

/// Shared through context. The projection is recomputed only when the scenario changes.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The working scenario and its undo history: written only through [`AppState::apply`],
    /// [`AppState::undo`], [`AppState::redo`] and [`AppState::replace`].
    pub editor: RwSignal<Editor>,
    /// The working scenario, read from the editor.
    pub scenario: Memo<Scenario>,
    /// Its ranges of uncertainty alone, so an input showing its range is not redrawn by every
    /// edit of another input.
    pub ranges: Memo<Vec<InputRange>>,
    pub projection: Memo<Result<Projection, ValidationErrors>>,
    /// The last projection of a valid scenario, kept on screen (marked out of date) while a
    /// field is invalid.
    pub last_good: Memo<Option<(Scenario, Projection)>>,
    pub mode: RwSignal<Mode>,
    /// The library entry the working scenario came from.
    pub opened: RwSignal<Option<Opened>>,
    /// The scenario as last opened or saved, to show "unsaved changes".
    pub saved_copy: RwSignal<Option<Scenario>>,
    /// Bumped whenever the library changes (here or in another tab), to re-read it.
    pub library_version: RwSignal<u32>,
    pub notice: RwSignal<Option<Notice>>,
    /// This tab's id, under which its draft is autosaved (`crate::session::tab`).
    pub tab: RwSignal<String>,
    /// This tab's draft could not be read nor copied aside: autosave is off until the user
    /// chooses what to do with it.
    pub held: RwSignal<Option<HeldDraft>>,
    /// Unsaved work left by closed tabs, offered back.
    pub left_behind: RwSignal<Vec<LeftDraft>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl AppState {
    pub fn new(initial: Scenario) -> Self {
        let editor = RwSignal::new(Editor::new(initial));
        let scenario = Memo::new(move |_| editor.with(|e| e.scenario().clone()));
        let ranges = Memo::new(move |_| scenario.with(|s| s.ranges.clone()));
        let projection = Memo::new(move |_| scenario.with(project));
        // Tracks the scenario as well as the projection: a renamed tier changes no figure but
        // must still change every label.
        let last_good = Memo::new(move |previous: Option<&Option<(Scenario, Projection)>>| {
            let s = scenario.get();
            projection.with(|p| match p {
                Ok(pr) => Some((s, pr.clone())),
                Err(_) => previous.cloned().flatten(),
            })
        });
        AppState {
            editor,
            scenario,
            ranges,
            projection,
            last_good,
            mode: RwSignal::new(Mode::Working),
            opened: RwSignal::new(None),
            saved_copy: RwSignal::new(None),
            library_version: RwSignal::new(0),
            notice: RwSignal::new(None),
            tab: RwSignal::new("unclaimed".into()),
            held: RwSignal::new(None),
            left_behind: RwSignal::new(Vec::new()),
        }
    }

    /// Make `edit` to the working scenario, as one undo step (typing into one input is joined
    /// into one step by the editor).
    pub fn apply(&self, edit: Edit) -> Result<(), EditError> {
        self.editor
            .try_update(|e| e.apply(&edit, now_ms()).map(|_| ()))
            .unwrap_or(Ok(()))
    }

    /// Name the working scenario, as one undo step (the same as typing the name in).
    pub fn rename(&self, name: &str) {
        self.editor.try_update(|e| e.rename(name, now_ms()));
    }

    /// Replace the whole scenario (opening another one): history starts afresh.
    pub fn replace(&self, s: Scenario) {
        self.editor.update(|e| e.replace(s));
    }

    pub fn undo(&self) {
        self.editor.update(|e| {
            e.undo();
        });
    }

    pub fn redo(&self) {
        self.editor.update(|e| {
            e.redo();
        });
    }

    pub fn can_undo(&self) -> bool {
        self.editor.with(Editor::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.editor.with(Editor::can_redo)
    }

    /// Whether the working scenario differs from the copy it was opened from or last saved as.
    pub fn has_unsaved_changes(&self) -> bool {
        let saved_copy = self.saved_copy;
        self.scenario.with(|s| {
            saved_copy.with(|c| crate::session::rules::has_unsaved_changes(s, c.as_ref()))
        })
    }

    /// Whether the figures on screen are from an earlier, valid version of the scenario.
    pub fn is_stale(&self) -> bool {
        self.projection.with(Result::is_err)
    }

    /// The engine's message for `field`, if it is invalid.
    pub fn error_for(&self, field: Field) -> Option<String> {
        self.projection.with(|p| match p {
            Ok(_) => None,
            Err(errors) => errors
                .0
                .iter()
                .find(|issue| issue.field == Some(field))
                .map(|issue| issue.to_string()),
        })
    }
}

/// The state provided by [`crate::App`]; components are only ever mounted inside it.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
