//! One component per file, named by what it shows.

pub mod headline;
pub mod number_field;
pub mod places_chart;
pub mod pupils;
