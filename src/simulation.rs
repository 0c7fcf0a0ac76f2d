//! The simulation of the scenario on screen. It runs a moment after the last change (so typing
//! is never held up by it: the figures without ranges update at once, the ranges follow), and is
//! shown only while it is of the scenario on screen.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use ap_engine::simulate::{Runner, Simulation};
use ap_engine::Scenario;
use leptos::prelude::*;

use crate::lazy::Unavailable;
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
    /// Why the last run could not start: its code could not be fetched (`crate::lazy`). Cleared
    /// when a run starts.
    pub unavailable: RwSignal<Option<Unavailable>>,
}

/// Work done between two turns of the browser's event loop, in milliseconds: short enough that
/// a key pressed meanwhile is answered within a frame, long enough that the pauses between
/// turns (browsers hold a repeated zero-delay timer for at least 4 ms) cost little.
const SLICE_MS: f64 = 10.0;
/// Draws between two looks at the clock.
const BATCH: usize = 20;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl SimulationState {
    /// Simulate the working scenario's last valid version whenever it changes.
    pub fn start(state: AppState) -> Self {
        let source =
            Signal::derive(move || state.last_good.with(|g| g.as_ref().map(|(s, _)| s.clone())));
        Self::start_on(source, Signal::derive(|| None))
    }

    /// Simulate `source` whenever it changes, a few draws at a time; a change while a run is
    /// under way abandons it for a new one. `cap`, when set, limits the draws (a workshop
    /// slider being dragged); lifting it runs the full number.
    pub fn start_on(source: Signal<Option<Scenario>>, cap: Signal<Option<usize>>) -> Self {
        let result = RwSignal::new(None::<(Scenario, usize, Simulation)>);
        let unavailable = RwSignal::new(None::<Unavailable>);
        // Bumped on every change: a run carries the number it started with and stops once it
        // is no longer the latest.
        let generation = Rc::new(Cell::new(0u64));
        Effect::new(move |_| {
            let target = source.get();
            let cap = cap.get();
            generation.set(generation.get() + 1);
            let Some(s) = target.filter(|s| !s.ranges.is_empty()) else {
                return;
            };
            let draws = (s.simulation.draws as usize).min(cap.unwrap_or(usize::MAX));
            let done = result
                .with_untracked(|r| r.as_ref().is_some_and(|(d, n, _)| *d == s && *n == draws));
            if done {
                return;
            }
            let run = Run {
                generation: generation.clone(),
                mine: generation.get(),
                result,
            };
            set_timeout(
                move || {
                    leptos::task::spawn_local(async move {
                        // Cannot be fetched: said, no bands this time; the next change tries again.
                        unavailable.set(run_in_slices(run, s, draws).await.err());
                    })
                },
                SETTLE,
            );
        });
        let current = Memo::new(move |_| {
            let on_screen = source.get()?;
            result.with(|r| {
                r.as_ref()
                    .filter(|(s, _, _)| *s == on_screen)
                    .map(|(_, _, sim)| sim.clone())
            })
        });
        let running = Memo::new(move |_| {
            let has_ranges = source.with(|s| s.as_ref().is_some_and(|s| !s.ranges.is_empty()));
            has_ranges && current.with(Option::is_none) && unavailable.with(Option::is_none)
        });
        SimulationState {
            current,
            running,
            unavailable,
        }
    }
}

crate::lazy::later! {
    /// The run itself, in a chunk fetched the first time a scenario with ranges is shown (see
    /// `crate::lazy`): the charts draw first, their bands follow.
    preload_run_in_slices: pub(crate) fn run_in_slices(run: Run, s: Scenario, draws: usize) -> () {
        run.begin(s, draws);
    }
}

/// One run of the simulation, stepped through the browser's event loop.
#[derive(Clone)]
pub(crate) struct Run {
    generation: Rc<Cell<u64>>,
    mine: u64,
    result: RwSignal<Option<(Scenario, usize, Simulation)>>,
}

impl Run {
    fn is_latest(&self) -> bool {
        self.generation.get() == self.mine
    }

    fn begin(self, s: Scenario, draws: usize) {
        if !self.is_latest() {
            return;
        }
        // A valid scenario always simulates; if it somehow did not, the figures show no ranges.
        if let Ok(runner) = Runner::new(&s, draws, s.simulation.seed) {
            self.step(s, draws, runner);
        }
    }

    fn step(self, s: Scenario, draws: usize, mut runner: Runner) {
        if !self.is_latest() {
            return;
        }
        let start = now_ms();
        let mut finished = runner.advance(BATCH);
        while !finished && now_ms() - start < SLICE_MS {
            finished = runner.advance(BATCH);
        }
        if finished {
            self.result.set(Some((s, draws, runner.finish())));
        } else {
            set_timeout(move || self.step(s, draws, runner), Duration::ZERO);
        }
    }
}

/// The simulation state provided by the results panel, if there is one.
pub fn use_simulation() -> Option<SimulationState> {
    use_context::<SimulationState>()
}
