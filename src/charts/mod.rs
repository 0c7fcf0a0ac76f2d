//! Charts drawn with plotters into SVG strings: sharp on any screen, printable, and exportable.
//! Drawing code only draws: every figure comes from the projection. Text is escaped by plotters'
//! SVG backend, so user-supplied names can never become markup.

pub mod palette;
pub mod places;

use thiserror::Error;

#[derive(Debug, Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(pub String);

impl ChartError {
    fn from_drawing<E: std::fmt::Debug>(e: E) -> Self {
        ChartError(format!("{e:?}"))
    }
}
