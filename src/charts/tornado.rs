//! The tornado chart: one row per ranged input, largest swing at the top, each with a bar from
//! the figure with every input at its value (the centre line) to the figure with that input at
//! its low end (filled) and at its high end (outlined), so the two ends differ by more than
//! colour. Names are wrapped onto two lines rather than cut.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{font, text_size, wrap, Svg};
use super::bars::Measure;
use super::palette::{GRID, INK};
use super::ChartError;

/// Everything a tornado chart shows (the engine's tornado, with its figure's name).
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoChart {
    pub title: String,
    pub measure: Measure,
    /// The figure with every input at its value.
    pub central: f64,
    /// (input, figure at its low end, figure at its high end), largest swing first.
    pub rows: Vec<(String, f64, f64)>,
}

/// Text as displayed (CSS pixels): the chart is drawn at its displayed width.
const FONT_PX: f64 = 14.0;
const SWING_PX: f64 = 13.0;
const ROW: i32 = 60;
const TOP: i32 = 40;
const LEGEND: [&str; 2] = ["Input at its low end", "Input at its high end"];

/// The width of the column of input names: a third of a narrow chart, 250 px at most.
fn labels_width(width: u32) -> i32 {
    (f64::from(width) * 0.36).clamp(110.0, 250.0) as i32
}

/// Whether the two legend entries need a row each (a narrow chart).
fn legend_rows(width: u32) -> i32 {
    let both: i32 = LEGEND
        .iter()
        .map(|n| 22 + text_size(n, FONT_PX).0 as i32 + 24)
        .sum();
    if 12 + both > width as i32 {
        2
    } else {
        1
    }
}

fn top(width: u32) -> i32 {
    TOP + (legend_rows(width) - 1) * 24
}

/// An input's name on as many lines as the name column needs (never cut).
fn name_lines(label: &str, width: u32) -> Vec<String> {
    wrap(label, f64::from(labels_width(width) - 8), FONT_PX)
}

/// The height of each row: room for three lines, or more when a name needs them.
fn row_height(t: &TornadoChart, width: u32) -> i32 {
    t.rows
        .iter()
        .map(|(label, _, _)| name_lines(label, width).len() as i32 * 17 + 12)
        .fold(ROW, i32::max)
}

/// The height the chart needs at `width`.
pub fn chart_height(t: &TornadoChart, width: u32) -> u32 {
    (top(width) + row_height(t, width) * t.rows.len().max(1) as i32 + 50) as u32
}

/// The height a chart of `rows` rows needs at the width of 680 it was first drawn at, when no
/// name needs more than three lines (see [`chart_height`] for any chart).
pub fn height(rows: usize) -> u32 {
    height_for(rows, 680)
}

/// The height a chart of `rows` rows needs at `width`, when no name needs more than three
/// lines (see [`chart_height`] for any chart).
pub fn height_for(rows: usize, width: u32) -> u32 {
    (top(width) + ROW * rows.max(1) as i32 + 50) as u32
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: &TornadoChart,
) -> Result<(), ChartError> {
    let e = ChartError::from_drawing;
    root.fill(&WHITE).map_err(e)?;
    let (width, _) = root.dim_in_pixel();
    let text_style = font(FONT_PX).color(&INK);
    let labels = labels_width(width);
    let top = top(width);
    let values = t
        .rows
        .iter()
        .flat_map(|(_, a, b)| [*a, *b])
        .chain([t.central]);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let pad = ((hi - lo) * 0.08).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    // Room on the right for each row's swing, written after its bars.
    let plot = (labels + 10, width as i32 - 76);
    let x = |v: f64| plot.0 + ((v - lo) / (hi - lo) * f64::from(plot.1 - plot.0)) as i32;

    // The legend: what the filled and the outlined parts mean.
    let (mut lx, mut ly) = (12, 12);
    for (name, filled) in LEGEND.into_iter().zip([true, false]) {
        if !filled && legend_rows(width) == 2 {
            (lx, ly) = (12, 36);
        }
        let swatch = [(lx, ly), (lx + 14, ly + 14)];
        if filled {
            root.draw(&Rectangle::new(swatch, INK.filled()))
                .map_err(e)?;
        } else {
            root.draw(&Rectangle::new(swatch, WHITE.filled()))
                .map_err(e)?;
            root.draw(&Rectangle::new(
                swatch,
                ShapeStyle::from(&INK).stroke_width(2),
            ))
            .map_err(e)?;
        }
        root.draw(&Text::new(
            name.to_string(),
            (lx + 22, ly + 7),
            text_style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
        lx += 22 + text_size(name, FONT_PX).0 as i32 + 24;
    }

    let row = row_height(t, width);
    let bottom = top + row * t.rows.len().max(1) as i32;
    for (n, (label, at_low, at_high)) in t.rows.iter().enumerate() {
        let y = top + row * n as i32;
        for (k, line) in name_lines(label, width).iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (labels, y + 12 + 17 * k as i32),
                text_style.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(e)?;
        }
        let c = x(t.central);
        let (top, bar) = (y + 10, y + 38);
        root.draw(&Rectangle::new(
            [(c.min(x(*at_low)), top), (c.max(x(*at_low)), bar)],
            INK.filled(),
        ))
        .map_err(e)?;
        let high = [(c.min(x(*at_high)), top), (c.max(x(*at_high)), bar)];
        root.draw(&Rectangle::new(high, WHITE.filled()))
            .map_err(e)?;
        root.draw(&Rectangle::new(
            high,
            ShapeStyle::from(&INK).stroke_width(2),
        ))
        .map_err(e)?;
        // The swing, written after the row's bars.
        root.draw(&Text::new(
            t.measure.format((at_high - at_low).abs()),
            (x(at_low.max(*at_high)) + 6, y + 24),
            font(SWING_PX)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
    }
    // The centre line and the axis: the figure with every input at its value.
    let c = x(t.central);
    root.draw(&PathElement::new(
        [(c, top - 4), (c, bottom + 4)],
        ShapeStyle::from(&INK).stroke_width(2),
    ))
    .map_err(e)?;
    root.draw(&PathElement::new(
        [(plot.0, bottom + 6), (plot.1, bottom + 6)],
        ShapeStyle::from(&GRID).stroke_width(1),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        format!("Every input at its value: {}", t.measure.format(t.central)),
        (c, bottom + 24),
        text_style.clone().pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(e)?;
    root.present().map_err(e)?;
    Ok(())
}

/// The chart as an SVG document `width` units wide, as tall as its rows need.
pub fn svg(t: &TornadoChart, width: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = Svg(SVGBackend::with_string(
            &mut out,
            (width, chart_height(t, width)),
        ))
        .into_drawing_area();
        draw(&root, t)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_onto_two_lines_and_every_row_is_drawn() {
        let label = "Tier 3: transitional placements · Independent AP framework · top-up";
        let lines = name_lines(label, 680);
        assert!(lines.len() <= 3);
        assert_eq!(lines.join(" "), label, "nothing is cut");
        assert!(lines.len() > 1, "{lines:?}");
        let t = TornadoChart {
            title: "Total spend".into(),
            measure: Measure::Money,
            central: 68.0e6,
            rows: vec![
                ("Tier 3 · demand trend".into(), 65.0e6, 70.7e6),
                ("Tier 2 · spot place price".into(), 66.3e6, 70.6e6),
            ],
        };
        let svg = svg(&t, 680).unwrap();
        assert!(svg.contains("Tier 3 · demand trend") && svg.contains("Tier 2 · spot place price"));
        assert!(svg.contains("£5.70m"), "the swing is written");
        assert!(svg.contains("Every input at its value: £68.00m"));
        assert!(svg.contains("Input at its low end") && svg.contains("Input at its high end"));
    }
}
