//! The simulation of the scenario on screen. It runs a moment after the last change (so typing
//! is never held up by it: the figures without ranges update at once, the ranges follow), and is
//! shown only while it is of the scenario on screen.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use ap_engine::simulate::{Runner, Simulation};
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

/// Draws projected between two turns of the browser's event loop: small enough that a key
/// pressed meanwhile is answered within a frame, large enough not to slow the run much.
const CHUNK: usize = 100;

impl SimulationState {
    /// Start simulating the working scenario's last valid version whenever it changes, a few
    /// draws at a time; a change while a run is under way abandons it for a new one.
    pub fn start(state: AppState) -> Self {
        let result = RwSignal::new(None::<(Scenario, Simulation)>);
        // Bumped on every change: a run carries the number it started with and stops once it
        // is no longer the latest.
        let generation = Rc::new(Cell::new(0u64));
        Effect::new(move |_| {
            let target = state.last_good.with(|g| g.as_ref().map(|(s, _)| s.clone()));
            generation.set(generation.get() + 1);
            let Some(s) = target.filter(|s| !s.ranges.is_empty()) else {
                return;
            };
            if result.with_untracked(|r| r.as_ref().is_some_and(|(done, _)| *done == s)) {
                return;
            }
            let run = Run {
                generation: generation.clone(),
                mine: generation.get(),
                result,
            };
            set_timeout(move || run.begin(s), SETTLE);
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

/// One run of the simulation, stepped through the browser's event loop.
#[derive(Clone)]
struct Run {
    generation: Rc<Cell<u64>>,
    mine: u64,
    result: RwSignal<Option<(Scenario, Simulation)>>,
}

impl Run {
    fn is_latest(&self) -> bool {
        self.generation.get() == self.mine
    }

    fn begin(self, s: Scenario) {
        if !self.is_latest() {
            return;
        }
        let (draws, seed) = (s.simulation.draws as usize, s.simulation.seed);
        // A valid scenario always simulates; if it somehow did not, the figures show no ranges.
        if let Ok(runner) = Runner::new(&s, draws, seed) {
            self.step(s, runner);
        }
    }

    fn step(self, s: Scenario, mut runner: Runner) {
        if !self.is_latest() {
            return;
        }
        if runner.advance(CHUNK) {
            self.result.set(Some((s, runner.finish())));
        } else {
            set_timeout(move || self.step(s, runner), Duration::ZERO);
        }
    }
}

/// The simulation state provided by the results panel, if there is one.
pub fn use_simulation() -> Option<SimulationState> {
    use_context::<SimulationState>()
}
