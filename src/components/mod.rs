//! One component per file, named by what it shows.

pub mod calibrate;
pub mod chart_figure;
pub mod compare;
pub mod error_summary;
pub mod fields;
pub mod file_drop;
pub mod flows;
pub mod headline;
pub mod inputs;
pub mod library_panel;
pub mod measure;
pub mod money;
pub mod print_summary;
pub mod results;
pub mod results_table;
pub mod share;
pub mod toolbar;
pub mod uncertainty;
pub mod workshop;
