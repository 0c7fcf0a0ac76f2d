//! The one source of truth: the working scenario in a signal, its projection derived from it,
//! and the undo history. Every edit goes through [`AppState::edit`].

use ap_engine::{project, Projection, Scenario, ValidationErrors};
use leptos::prelude::*;

use crate::history::History;
use crate::library::Opened;

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
    /// The deleted entry's id and raw text, to put it back.
    pub undo: Option<(String, String)>,
}

/// Shared through context. The projection is recomputed only when the scenario changes.
#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    pub projection: Memo<Result<Projection, ValidationErrors>>,
    /// The last projection of a valid scenario, kept on screen (marked out of date) while a
    /// field is invalid.
    pub last_good: Memo<Option<(Scenario, Projection)>>,
    pub history: RwSignal<History<Scenario>>,
    pub mode: RwSignal<Mode>,
    /// The library entry the working scenario came from.
    pub opened: RwSignal<Option<Opened>>,
    /// The scenario as last opened or saved, to show "unsaved changes".
    pub baseline: RwSignal<Option<Scenario>>,
    /// Bumped whenever the library changes (here or in another tab), to re-read it.
    pub library_version: RwSignal<u32>,
    pub notice: RwSignal<Option<Notice>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl AppState {
    pub fn new(initial: Scenario) -> Self {
        let scenario = RwSignal::new(initial);
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
            scenario,
            projection,
            last_good,
            history: RwSignal::new(History::default()),
            mode: RwSignal::new(Mode::Working),
            opened: RwSignal::new(None),
            baseline: RwSignal::new(None),
            library_version: RwSignal::new(0),
            notice: RwSignal::new(None),
        }
    }

    /// Change the scenario, recording an undo step for `field` (a field path, or an action name).
    pub fn edit(&self, field: &str, change: impl FnOnce(&mut Scenario)) {
        let before = self.scenario.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.history.update(|h| h.record(&before, field, now_ms()));
            self.scenario.set(after);
        }
    }

    /// Replace the whole scenario (opening another one): history starts afresh.
    pub fn replace(&self, s: Scenario) {
        self.history.update(History::clear);
        self.scenario.set(s);
    }

    pub fn undo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(previous) = self.history.try_update(|h| h.undo(&current)).flatten() {
            self.scenario.set(previous);
        }
    }

    pub fn redo(&self) {
        let current = self.scenario.get_untracked();
        if let Some(next) = self.history.try_update(|h| h.redo(&current)).flatten() {
            self.scenario.set(next);
        }
    }

    /// Whether the working scenario differs from the copy it was opened from or last saved as.
    pub fn has_unsaved_changes(&self) -> bool {
        let baseline = self.baseline;
        self.scenario
            .with(|s| baseline.with(|b| b.as_ref() != Some(s)))
    }

    /// Whether the figures on screen are from an earlier, valid version of the scenario.
    pub fn is_stale(&self) -> bool {
        self.projection.with(Result::is_err)
    }

    /// The engine's message for the field at `path`, if it is invalid.
    pub fn error_at(&self, path: &str) -> Option<String> {
        self.projection.with(|p| match p {
            Ok(_) => None,
            Err(errors) => errors
                .0
                .iter()
                .find(|issue| issue.path == path)
                .map(|issue| issue.to_string()),
        })
    }
}

/// The state provided by [`crate::App`]; components are only ever mounted inside it.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
