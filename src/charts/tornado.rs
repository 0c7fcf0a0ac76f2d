//! The tornado chart: one row per ranged input, largest swing at the top, each with a bar from
//! the figure with every input at its value (the centre line) to the figure with that input at
//! its low end (filled) and at its high end (outlined), so the two ends differ by more than
//! colour. Names are wrapped onto two lines rather than cut.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{text_size, Svg};
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

const FONT: f64 = 16.0;
const LABELS: i32 = 250;
const ROW: i32 = 60;
const TOP: i32 = 40;

/// `label` on at most three lines of about `chars` characters, breaking at spaces.
fn wrap(label: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split(' ') {
        let full = lines.len() == 3;
        let Some(line) = lines.last_mut() else {
            break;
        };
        let n = line.chars().count();
        if n == 0 || n + 1 + word.chars().count() <= chars || full {
            if n > 0 {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines
}

/// The height a chart of `rows` rows needs.
pub fn height(rows: usize) -> u32 {
    (TOP + ROW * rows.max(1) as i32 + 50) as u32
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    t: &TornadoChart,
) -> Result<(), ChartError> {
    let e = ChartError::from_drawing;
    root.fill(&WHITE).map_err(e)?;
    let (width, _) = root.dim_in_pixel();
    let font = ("sans-serif", FONT).into_font().color(&INK);
    let values = t
        .rows
        .iter()
        .flat_map(|(_, a, b)| [*a, *b])
        .chain([t.central]);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let pad = ((hi - lo) * 0.08).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    // Room on the right for each row's swing, written after its bars.
    let plot = (LABELS + 10, width as i32 - 76);
    let x = |v: f64| plot.0 + ((v - lo) / (hi - lo) * f64::from(plot.1 - plot.0)) as i32;

    // The legend: what the filled and the outlined parts mean.
    let mut lx = 12;
    for (name, filled) in [
        ("Input at its low end", true),
        ("Input at its high end", false),
    ] {
        let swatch = [(lx, 12), (lx + 14, 26)];
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
            (lx + 22, 19),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
        lx += 22 + text_size(name, FONT).0 as i32 + 24;
    }

    let bottom = TOP + ROW * t.rows.len().max(1) as i32;
    for (n, (label, at_low, at_high)) in t.rows.iter().enumerate() {
        let y = TOP + ROW * n as i32;
        for (k, line) in wrap(label, 30).iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (LABELS, y + 12 + 17 * k as i32),
                font.clone().pos(Pos::new(HPos::Right, VPos::Center)),
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
            ("sans-serif", FONT - 2.0)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
    }
    // The centre line and the axis: the figure with every input at its value.
    let c = x(t.central);
    root.draw(&PathElement::new(
        [(c, TOP - 4), (c, bottom + 4)],
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
        font.clone().pos(Pos::new(HPos::Center, VPos::Center)),
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
            (width, height(t.rows.len())),
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
        let lines = wrap(label, 30);
        assert!(lines.len() <= 3);
        assert_eq!(lines.join(" "), label, "nothing is cut");
        assert!(lines[0].chars().count() <= 30);
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
