//! AP Planner's exports: the projection and a comparison as CSV text and Excel workbooks, and the
//! `ap-project` command that prints a scenario file's projection as CSV.
//!
//! A crate beside the engine rather than a module of it: the engine stays pure arithmetic (no
//! file formats, no `rust_xlsxwriter`), and everything here only reads what the engine computed.
//! The app, the command and the tests write files through this crate alone.

pub mod csv;
pub mod job;
pub mod percentiles;
pub mod xlsx;
