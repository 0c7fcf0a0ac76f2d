//! Charts drawn with plotters into SVG strings: sharp on any screen, printable, and exportable.
//! Drawing code only draws: every figure comes from the projection through `data.rs`, and the
//! same data feeds each chart's "show as table" view, so chart and table always agree. Text is
//! escaped (by plotters' SVG backend, or by `backend::escape` in the hand-drawn flow diagram), so
//! user-supplied names can never become markup. Charts are drawn at their displayed width, so
//! their font sizes are the sizes read (13 px and up).

pub mod backend;
pub mod bars;
pub mod data;
pub mod figure;
pub mod flow;
pub mod palette;
pub mod tornado;

use thiserror::Error;

#[derive(Debug, Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(pub String);

impl ChartError {
    pub(crate) fn from_drawing<E: std::fmt::Debug>(e: E) -> Self {
        ChartError(format!("{e:?}"))
    }
}

#[cfg(test)]
mod tests;
