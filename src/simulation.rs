//! The simulation of the scenario on screen. It runs a moment after the last change (so typing
//! is never held up by it: the figures without ranges update at once, the ranges follow), and is
//! shown only while it is of the scenario on screen.

use std::time::Duration;

use ap_engine::simulate::{simulate, Simulation};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::state::AppState;

/// How long after the last change the simulation starts.
const SETTLE: Duration = Duration::from_millis(150);

/// Shared through context by the results panel.
#[derive(Clone, Copy)]
pub struct SimulationState {
    /// The simulation of the scenario on screen, once its run has finished (`None` without
    /// ranges or while running).
    pub current: Memo<Option<Simulation>>,
    /// Whether the scenario on screen has ranges whose run has not finished yet.
    pub running: Memo<bool>,
}

impl SimulationState {
    /// Start simulating the working scenario's last valid version whenever it changes.
    pub fn start(state: AppState) -> Self {
        let result = RwSignal::new(None::<(Scenario, Simulation)>);
        let pending = StoredValue::new_local(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let target = state.last_good.with(|g| g.as_ref().map(|(s, _)| s.clone()));
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let Some(s) = target.filter(|s| !s.ranges.is_empty()) else {
                return;
            };
            if result.with_untracked(|r| r.as_ref().is_some_and(|(done, _)| *done == s)) {
                return;
            }
            let run = move || {
                let (draws, seed) = (s.simulation.draws as usize, s.simulation.seed);
                // A valid scenario always simulates; if it somehow did not, the figures simply
                // show no ranges.
                if let Ok(sim) = simulate(&s, draws, seed) {
                    result.set(Some((s, sim)));
                }
            };
            pending.set_value(set_timeout_with_handle(run, SETTLE).ok());
        });
        let current = Memo::new(move |_| {
            let on_screen = state
                .last_good
                .with(|g| g.as_ref().map(|(s, _)| s.clone()))?;
            result.with(|r| {
                r.as_ref()
                    .filter(|(s, _)| *s == on_screen)
                    .map(|(_, sim)| sim.clone())
            })
        });
        let running = Memo::new(move |_| {
            let has_ranges = state
                .last_good
                .with(|g| g.as_ref().is_some_and(|(s, _)| !s.ranges.is_empty()));
            has_ranges && current.with(Option::is_none)
        });
        SimulationState { current, running }
    }
}

/// The simulation state provided by the results panel, if there is one.
pub fn use_simulation() -> Option<SimulationState> {
    use_context::<SimulationState>()
}
