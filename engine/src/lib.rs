//! AP Planner's engine: scenario in, projection out. Pure Rust with no browser types, so it
//! builds and tests natively; the app, the `ap-project` command and the benchmarks all call it.

pub mod compare;
pub mod diff;
pub mod edit;
pub mod editor;
pub mod examples;
pub mod fields;
pub mod file;
pub mod format;
pub mod link;
pub mod project;
pub mod results;
pub mod scenario;
pub mod store;
pub mod validate;
pub mod workshop;

pub use project::{project, project_valid};
pub use results::Projection;
pub use scenario::Scenario;
pub use validate::{validate, Issue, ValidationErrors};
