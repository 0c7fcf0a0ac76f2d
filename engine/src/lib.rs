//! AP Planner's engine: scenario in, projection out. Pure Rust with no browser types, so it
//! builds and tests natively; the app, the `ap-project` command (in `ap-exports`) and the
//! benchmarks all call it.
//!
//! Where things are:
//! - **Inputs**: [`scenario`] holds the types of a local authority's assumptions;
//!   [`address`] names every editable input ([`address::Field`], written as a dot path such as
//!   `tiers.1.stay_weeks`); [`fields`] is the catalogue that says what each input is (label,
//!   unit, allowed range, step, hint) and reads and writes it.
//! - **Changing a scenario**: [`edit::Edit`] is the one door (set an input, add, remove or move an
//!   item); [`editor::Editor`] keeps the scenario being edited with undo and redo.
//! - **Checking and projecting**: [`validate()`] reports every problem at once;
//!   [`project()`] turns a valid scenario into a [`Projection`] ([`results`]).
//! - **Reading the answer**: [`compare`] (a comparison over the baseline's years and the
//!   invest-to-save case), [`diff`] (inputs that differ, in plain English), [`workshop`] (levers
//!   for the projector), [`mod@format`] (£1.24m, 2026/27), [`money`] (the money by funder,
//!   in academic or financial years, mitigated and unmitigated, as the DSG plan shows it).
//! - **Text in and out**: [`mod@file`] (scenario JSON and its versions, read strictly: a key
//!   given twice or a wrong type is an error with its line, an unknown key a warning; the size
//!   limits), [`store`] (the saved entry's envelope), [`link`] (share links), [`examples`] (the
//!   built-in scenarios, from `docs/examples/*.json`).
//! - **Calibration**: [`history`] reads an LA's history file, fits the demand inputs to it,
//!   backtests the fit on the last year and turns the chosen values into one [`edit::Edit`].

pub mod address;
pub mod compare;
pub mod diff;
pub mod edit;
pub mod editor;
pub mod examples;
pub mod fields;
pub mod file;
pub mod format;
pub mod history;
pub mod link;
pub mod money;
pub mod project;
pub mod results;
pub mod scenario;
pub mod simulate;
pub mod store;
pub mod validate;
pub mod workshop;

pub use address::Field;
pub use edit::Edit;
pub use editor::Editor;
pub use project::{project, project_valid};
pub use results::Projection;
pub use scenario::Scenario;
pub use validate::{validate, Issue, ValidationErrors};
