//! The one source of truth: the working scenario in a signal, its projection derived from it.

use ap_engine::{project, Projection, Scenario, ValidationErrors};
use leptos::prelude::*;

/// Shared through context. The projection is recomputed only when the scenario changes.
#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    pub projection: Memo<Result<Projection, ValidationErrors>>,
}

impl AppState {
    pub fn new(initial: Scenario) -> Self {
        let scenario = RwSignal::new(initial);
        let projection = Memo::new(move |_| scenario.with(project));
        AppState {
            scenario,
            projection,
        }
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
