//! Colour-blind-safe series colours (Okabe and Ito), in the same order as `--series-*` in
//! `style/main.css`, so chart, legend and table swatches agree.

use plotters::style::RGBColor;

pub const SERIES: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x94, 0x94, 0x94), // grey (the eighth spend category)
];

pub const INK: RGBColor = RGBColor(0x0b, 0x0c, 0x0c);
pub const GRID: RGBColor = RGBColor(0xd8, 0xdc, 0xe0);
/// Baselines: grey and dashed, so they read as "before" without relying on colour.
pub const FAINT: RGBColor = RGBColor(0x6f, 0x72, 0x77);

/// The colour of series `i`, repeating after eight.
pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}
