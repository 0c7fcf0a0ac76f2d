//! AP Planner's browser app: a thin Leptos shell over the pure `ap-engine` crate.
//! Components read state, call the engine and render; storage and charts are their own modules.

pub mod app;
pub mod charts;
pub mod components;
pub mod dialog;
pub mod download;
pub mod export_worker;
pub mod lazy;
pub mod library;
pub mod route;
pub mod scenario_text;
pub mod session;
pub mod simulation;
pub mod state;
pub mod storage;
pub mod typing;

pub use app::App;
