//! One kind of chart serves every view: bars stacked by series per category (years or tiers),
//! with optional reference lines (commissioned places, budget, a baseline).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{font, text_size, wrap, Svg};
use super::palette::{series, FAINT, GRID, INK};
use super::ChartError;

/// What a value on the y axis is, for its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Pupils,
    Money,
}

impl Measure {
    pub fn format(self, v: f64) -> String {
        match self {
            Measure::Pupils => ap_engine::format::count(v),
            Measure::Money => ap_engine::format::money(v),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
    /// Index into the palette, so a tier or category keeps its colour across charts.
    pub colour: usize,
    /// Drawn hatched in its colour on white (places above capacity), so it differs from its
    /// neighbours by pattern as well as colour.
    pub hatched: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    pub name: String,
    pub values: Vec<f64>,
    /// Drawn dashed and grey (a baseline), rather than solid black.
    pub faint: bool,
    /// A palette colour instead of black, for one line among several (scenarios compared);
    /// each such line also gets its own marker shape, so colour is never the only difference.
    pub colour: Option<usize>,
}

/// The spread of a figure over a simulation's draws, drawn as a fan: P10–P90 light, P25–P75
/// darker, the median as a dotted line.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// What the band is of ("Spend, all categories").
    pub name: String,
    pub p10: Vec<f64>,
    pub p25: Vec<f64>,
    pub p50: Vec<f64>,
    pub p75: Vec<f64>,
    pub p90: Vec<f64>,
}

/// A figure written on the chart where it helps the reader (a peak, a line's last value, the
/// year a budget is first exceeded).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The category (year) it is about.
    pub category: usize,
    /// Where on the value axis it sits (the text goes just above it).
    pub value: f64,
    pub text: String,
    /// A dashed rule down the whole plot at the category, the text at its top (a marker such as
    /// "Over budget from 2028/29"), rather than text above a point.
    pub rule: bool,
}

/// Everything a stacked-bar chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBars {
    pub title: String,
    pub categories: Vec<String>,
    pub category_axis: String,
    pub measure: Measure,
    pub value_axis: String,
    pub series: Vec<Series>,
    pub lines: Vec<RefLine>,
    /// The spread of the bars' total over a simulation, when the scenario has ranges.
    pub band: Option<Band>,
    /// Figures written on the chart.
    pub notes: Vec<Note>,
    /// One of a set of small multiples (one per tier): drawn shorter.
    pub small: bool,
}

impl StackedBars {
    /// Total of the stacked series in category `c`.
    pub fn total(&self, c: usize) -> f64 {
        self.series
            .iter()
            .map(|s| s.values.get(c).copied().unwrap_or(0.0))
            .sum()
    }

    /// The height the chart is drawn at for `width` (CSS pixels): its legend, wrapped to the
    /// width, and a plot about half as tall as it is wide (shorter for small multiples).
    pub fn height_for(&self, width: u32) -> u32 {
        let plot = if self.small {
            (f64::from(width) * 0.45).clamp(230.0, 320.0)
        } else {
            (f64::from(width) * 0.45).clamp(240.0, 380.0)
        };
        legend_height(self, width)
            + axis_title_height(self, width)
            + plot as u32
            + x_label_lines(self, width) as u32 * TICK_LINE
    }
}

/// The value axis's title, written across above the axis (not up its side, where a long
/// title would run off a short chart), wrapped to the width.
fn axis_title_lines(data: &StackedBars, width: u32) -> Vec<String> {
    wrap(
        &data.value_axis,
        f64::from(width.saturating_sub(2 * MARGIN)),
        DESC_PX,
    )
}

fn axis_title_height(data: &StackedBars, width: u32) -> u32 {
    axis_title_lines(data, width).len() as u32 * TICK_LINE + 4
}

/// Text sizes as displayed (CSS pixels): the chart is drawn at its displayed width.
const TICK_PX: f64 = 13.0;
const DESC_PX: f64 = 14.0;
const NOTE_PX: f64 = 14.0;
const TICK_LINE: u32 = 17;
const MARGIN: u32 = 12;

fn y_label_area(data: &StackedBars, top: f64) -> u32 {
    let widest = [0.0, top * 0.5, top]
        .iter()
        .map(|v| text_size(&data.measure.format(*v), TICK_PX).0)
        .max()
        .unwrap_or(0);
    widest + 12
}

/// The top of the value axis.
fn top_value(data: &StackedBars) -> f64 {
    let n = data.categories.len().max(1);
    (0..n)
        .map(|c| data.total(c))
        .chain(data.lines.iter().flat_map(|l| l.values.iter().copied()))
        .chain(data.band.iter().flat_map(|b| b.p90.iter().copied()))
        .chain(data.notes.iter().map(|n| n.value))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08
}

/// The top of the value axis for a plot `height` pixels tall and `width` wide, leaving room
/// above every bar and line for the notes, one above another, so a note never covers a figure.
fn top_with_notes(data: &StackedBars, width: f64, height: f64) -> f64 {
    let need: f64 = data
        .notes
        .iter()
        .map(|note| note_lines(note, width).len() as f64 * NOTE_LINE + 6.0)
        .sum();
    if need == 0.0 {
        return top_value(data);
    }
    let highest = top_value(data) / 1.08;
    (highest * height / (height - need - 12.0).max(height * 0.3)).max(top_value(data))
}

const NOTE_LINE: f64 = NOTE_PX + 3.0;

fn note_lines(note: &Note, plot_width: f64) -> Vec<String> {
    wrap(&note.text, (plot_width - 8.0).max(80.0), NOTE_PX)
}

/// Which categories get a label (every `step`-th, so labels never overlap), and the width each
/// label may take before it wraps.
fn x_label_plan(data: &StackedBars, width: u32) -> (usize, f64) {
    let n = data.categories.len().max(1);
    let plot =
        f64::from(width.saturating_sub(y_label_area(data, top_value(data)) + 2 * MARGIN)).max(40.0);
    let per = plot / n as f64;
    // The widest single word decides how many categories a label needs.
    let word = data
        .categories
        .iter()
        .flat_map(|c| c.split_whitespace())
        .map(|w| text_size(w, TICK_PX).0)
        .max()
        .unwrap_or(0) as f64
        + 8.0;
    let step = (word / per).ceil().max(1.0) as usize;
    (step, per * step as f64 - 6.0)
}

/// Lines the tallest wrapped category label takes.
fn x_label_lines(data: &StackedBars, width: u32) -> usize {
    let (step, room) = x_label_plan(data, width);
    data.categories
        .iter()
        .step_by(step)
        .map(|c| wrap(c, room, TICK_PX).len())
        .max()
        .unwrap_or(1)
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &StackedBars,
) -> Result<(), ChartError> {
    let e = ChartError::from_drawing;
    root.fill(&WHITE).map_err(e)?;
    let width = root.dim_in_pixel().0;
    let n = data.categories.len().max(1);
    let (legend, rest) = root.split_vertically(legend_height(data, width));
    draw_legend(&legend, data)?;
    let (title, plot) = rest.split_vertically(axis_title_height(data, width));
    let (step, room) = x_label_plan(data, width);
    let tick_lines = x_label_lines(data, width) as u32;
    let tick = font(TICK_PX).color(&INK);
    let desc = font(DESC_PX).color(&INK);
    for (k, line) in axis_title_lines(data, width).into_iter().enumerate() {
        title
            .draw(&Text::new(
                line,
                (MARGIN as i32, 2 + k as i32 * TICK_LINE as i32),
                desc.clone().pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(e)?;
    }
    let x_area = tick_lines * TICK_LINE + 10 + DESC_PX as u32 + 6;
    let y_area = y_label_area(data, top_value(data));
    let plot_height = f64::from(plot.dim_in_pixel().1.saturating_sub(x_area + 2 * MARGIN));
    let plot_width = f64::from(width.saturating_sub(y_area + 2 * MARGIN));
    let top = top_with_notes(data, plot_width, plot_height.max(40.0));
    let mut chart = ChartBuilder::on(&plot)
        .margin(MARGIN)
        .x_label_area_size(x_area)
        .y_label_area_size(y_label_area(data, top))
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)
        .map_err(e)?;
    let measure = data.measure;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(n)
        // Category labels are drawn below, wrapped rather than cut.
        .x_label_formatter(&|_| String::new())
        .y_labels(6)
        .y_label_formatter(&|y| measure.format(*y))
        .x_desc(data.category_axis.as_str())
        .label_style(tick.clone())
        .axis_desc_style(desc)
        .draw()
        .map_err(e)?;
    for (c, label) in data.categories.iter().enumerate().step_by(step) {
        let (x, y) = chart.backend_coord(&(c as f64, 0.0));
        for (k, line) in wrap(label, room, TICK_PX).into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                (x, y + 8 + k as i32 * TICK_LINE as i32),
                tick.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(e)?;
        }
    }

    let mut base = vec![0.0; n];
    for s in &data.series {
        let colour = series(s.colour);
        let corners: Vec<[(f64, f64); 2]> = (0..n)
            .map(|c| {
                let v = s.values.get(c).copied().unwrap_or(0.0).max(0.0);
                let x = c as f64;
                let corners = [(x - 0.34, base[c]), (x + 0.34, base[c] + v)];
                base[c] += v;
                corners
            })
            .collect();
        let fill = if s.hatched {
            WHITE.filled()
        } else {
            ShapeStyle::from(&colour).filled()
        };
        chart
            .draw_series(corners.iter().map(|r| Rectangle::new(*r, fill)))
            .map_err(e)?;
        if s.hatched {
            // Hatched as well as coloured, so the part reads without colour.
            for r in &corners {
                if r[1].1 > r[0].1 {
                    let a = chart.backend_coord(&(r[0].0, r[1].1));
                    let b = chart.backend_coord(&(r[1].0, r[0].1));
                    for (from, to) in hatch(a, b, 7) {
                        root.draw(&PathElement::new(
                            [from, to],
                            ShapeStyle::from(&colour).stroke_width(2),
                        ))
                        .map_err(e)?;
                    }
                }
            }
        }
        // A dark edge on every segment, so light colours (yellow) stand out from the white
        // background and from each other, not by colour alone.
        let edge = ShapeStyle::from(&INK).stroke_width(1);
        chart
            .draw_series(corners.iter().map(|r| Rectangle::new(*r, edge)))
            .map_err(e)?;
    }

    if let Some(band) = &data.band {
        draw_band(&mut chart, band)?;
    }

    for line in &data.lines {
        let colour = match (line.faint, line.colour) {
            (true, _) => FAINT,
            (false, Some(c)) => series(c),
            (false, None) => INK,
        };
        let style = ShapeStyle::from(&colour).stroke_width(3);
        let shape = line.colour.unwrap_or(0) % 3;
        let points: Vec<(f64, f64)> = line
            .values
            .iter()
            .enumerate()
            .map(|(c, &v)| (c as f64, v))
            .collect();
        if line.faint {
            chart
                .draw_series(DashedLineSeries::new(points.clone(), 8, 6, style))
                .map_err(e)?;
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), style))
                .map_err(e)?;
            // Markers as well as a line, so the line is not told apart by colour alone.
            match shape {
                0 => chart
                    .draw_series(points.iter().map(|&p| Circle::new(p, 5, colour.filled())))
                    .map(|_| ()),
                1 => chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&p| TriangleMarker::new(p, 7, colour.filled())),
                    )
                    .map(|_| ()),
                _ => chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&p| Cross::new(p, 6, ShapeStyle::from(&colour).stroke_width(3))),
                    )
                    .map(|_| ()),
            }
            .map_err(e)?;
        }
    }

    draw_notes(root, &chart, data)?;
    root.present().map_err(e)?;
    Ok(())
}

/// Diagonal hatch lines (up to the right) filling the pixel rectangle from `a` (top left) to
/// `b` (bottom right), `gap` pixels apart.
fn hatch(a: (i32, i32), b: (i32, i32), gap: i32) -> Vec<((i32, i32), (i32, i32))> {
    let (x0, y0, x1, y1) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
    let (w, h) = (x1 - x0, y1 - y0);
    let mut out = Vec::new();
    // Lines x + y = x0 + y0 + d for d across the rectangle's diagonal.
    let mut d = gap / 2;
    while d < w + h {
        // Where the line enters (bottom or left edge) and leaves (top or right edge).
        let from = if d <= h {
            (x0, y0 + d)
        } else {
            (x0 + d - h, y1)
        };
        let to = if d <= w {
            (x0 + d, y0)
        } else {
            (x1, y0 + d - w)
        };
        out.push((from, to));
        d += gap;
    }
    out
}

/// The notes: text just above its point, or a dashed rule with its text at the top, kept
/// inside the plot and on a white ground so bars and lines beneath do not hide it.
fn draw_notes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    data: &StackedBars,
) -> Result<(), ChartError> {
    let e = ChartError::from_drawing;
    let n = data.categories.len().max(1);
    let (left, top) = chart.backend_coord(&(-0.5, chart.y_range().end));
    let (right, bottom) = chart.backend_coord(&(n as f64 - 0.5, 0.0));
    let text_style = font(NOTE_PX).style(FontStyle::Bold).color(&INK);
    let line = NOTE_LINE as i32;
    // Notes one above another in the room left above the figures, each joined to its point.
    let mut row = top + 4;
    for note in &data.notes {
        // A marker stands at the start of its category ("from 2028/29"), a point note over it.
        let at = if note.rule {
            note.category as f64 - 0.5
        } else {
            note.category as f64
        };
        let (x, y) = chart.backend_coord(&(at, note.value));
        let lines = note_lines(note, f64::from(right - left));
        let w = lines
            .iter()
            .map(|l| text_size(l, NOTE_PX).0 as i32)
            .max()
            .unwrap_or(0);
        let h = line * lines.len() as i32;
        let tx = if note.rule {
            root.draw(&PathElement::new(
                [(x, top), (x, bottom)],
                ShapeStyle::from(&INK).stroke_width(2),
            ))
            .map_err(e)?;
            // Beside the rule, on whichever side has room.
            if x + 6 + w <= right {
                x + 6
            } else {
                (x - 6 - w).max(left + 2)
            }
        } else {
            if y - 4 > row + h + 4 {
                root.draw(&PathElement::new(
                    [(x, row + h + 2), (x, y - 4)],
                    ShapeStyle::from(&INK).stroke_width(1),
                ))
                .map_err(e)?;
            }
            (x - w / 2).clamp(left + 2, (right - w - 2).max(left + 2))
        };
        for (k, text) in lines.into_iter().enumerate() {
            root.draw(&Text::new(
                text,
                (tx, row + k as i32 * line),
                text_style.clone().pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(e)?;
        }
        row += h + 6;
    }
    Ok(())
}

/// Shades over the bars: light enough that the bars stay readable beneath.
const BAND_OUTER: f64 = 0.18;
const BAND_INNER: f64 = 0.32;

fn draw_band<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    band: &Band,
) -> Result<(), ChartError> {
    let area = |low: &[f64], high: &[f64]| -> Vec<(f64, f64)> {
        let forward = high.iter().enumerate().map(|(c, v)| (c as f64, *v));
        let back = low.iter().enumerate().rev().map(|(c, v)| (c as f64, *v));
        forward.chain(back).collect()
    };
    for (low, high, shade) in [
        (&band.p10, &band.p90, BAND_OUTER),
        (&band.p25, &band.p75, BAND_INNER),
    ] {
        chart
            .draw_series(std::iter::once(Polygon::new(
                area(low, high),
                INK.mix(shade).filled(),
            )))
            .map_err(ChartError::from_drawing)?;
    }
    let median: Vec<(f64, f64)> = band
        .p50
        .iter()
        .enumerate()
        .map(|(c, v)| (c as f64, *v))
        .collect();
    chart
        .draw_series(DashedLineSeries::new(
            median,
            3,
            5,
            ShapeStyle::from(&INK).stroke_width(2),
        ))
        .map_err(ChartError::from_drawing)?;
    Ok(())
}

const LEGEND_LINE: i32 = 18;
const LEGEND_PX: f64 = 14.0;
const SWATCH: i32 = 14;

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
enum Key {
    Fill,
    Hatch,
    /// A line, dashed when faint.
    Line(bool),
}

/// Legend entries: a name, its colour, and how it is drawn.
fn legend_entries(data: &StackedBars) -> Vec<(&str, RGBColor, Key)> {
    let bands = data.band.iter().flat_map(|_| {
        [
            (BAND_LEGEND[0], shade(BAND_OUTER), Key::Fill),
            (BAND_LEGEND[1], shade(BAND_INNER), Key::Fill),
            (BAND_LEGEND[2], INK, Key::Line(true)),
        ]
    });
    let bars = data.series.iter().map(|s| {
        let key = if s.hatched { Key::Hatch } else { Key::Fill };
        (s.name.as_str(), series(s.colour), key)
    });
    let lines = data.lines.iter().map(|l| {
        let colour = match (l.faint, l.colour) {
            (true, _) => FAINT,
            (false, Some(c)) => series(c),
            (false, None) => INK,
        };
        (l.name.as_str(), colour, Key::Line(l.faint))
    });
    bars.chain(lines).chain(bands).collect()
}

/// The band's legend: what each shade means.
pub const BAND_LEGEND: [&str; 3] = [
    "80% of draws (P10–P90)",
    "50% of draws (P25–P75)",
    "Median of draws",
];

/// The colour of the band's shade over white, for its legend swatch.
fn shade(alpha: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * alpha).round() as u8;
    RGBColor(mix(INK.0), mix(INK.1), mix(INK.2))
}

/// Where each legend entry goes: (x, y of its first line, its name's lines), entries side by
/// side while they fit, a name too long for the width wrapped over lines rather than cut; and
/// the legend's height.
fn legend_layout(data: &StackedBars, width: u32) -> (Vec<(i32, i32, Vec<String>)>, u32) {
    let (mut x, mut y, mut row_lines) = (12, 10, 0);
    let right = width as i32 - 12;
    let room = f64::from((right - 12 - SWATCH - 8).max(60));
    let at: Vec<_> = legend_entries(data)
        .iter()
        .map(|(name, _, _)| {
            let lines = wrap(name, room, LEGEND_PX);
            let text = lines
                .iter()
                .map(|l| text_size(l, LEGEND_PX).0 as i32)
                .max()
                .unwrap_or(0);
            let w = SWATCH + 8 + text + 18;
            if x + w - 18 > right && x > 12 {
                y += row_lines * LEGEND_LINE + 6;
                x = 12;
                row_lines = 0;
            }
            let at = (x, y, lines.clone());
            row_lines = row_lines.max(lines.len() as i32);
            x += w;
            at
        })
        .collect();
    let height = if at.is_empty() {
        8
    } else {
        y + row_lines * LEGEND_LINE + 8
    };
    (at, height as u32)
}

fn legend_height(data: &StackedBars, width: u32) -> u32 {
    legend_layout(data, width).1
}

/// The legend, drawn above the plot so it never covers a bar and travels with exported SVGs.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &StackedBars,
) -> Result<(), ChartError> {
    let e = ChartError::from_drawing;
    let (layout, _) = legend_layout(data, area.dim_in_pixel().0);
    let text_style = font(LEGEND_PX).color(&INK);
    for ((_, colour, key), (x, top, lines)) in legend_entries(data).into_iter().zip(layout) {
        let y = top + LEGEND_LINE / 2;
        let swatch = [(x, y - SWATCH / 2), (x + SWATCH, y + SWATCH / 2)];
        match key {
            Key::Fill => area
                .draw(&Rectangle::new(swatch, colour.filled()))
                .map_err(e)?,
            Key::Hatch => {
                for (from, to) in hatch(swatch[0], swatch[1], 5) {
                    area.draw(&PathElement::new(
                        [from, to],
                        ShapeStyle::from(&colour).stroke_width(2),
                    ))
                    .map_err(e)?;
                }
                area.draw(&Rectangle::new(
                    swatch,
                    ShapeStyle::from(&INK).stroke_width(1),
                ))
                .map_err(e)?;
            }
            Key::Line(faint) => {
                let style = ShapeStyle::from(&colour).stroke_width(3);
                if faint {
                    area.draw(&PathElement::new([(x, y), (x + 5, y)], style))
                        .map_err(e)?;
                    area.draw(&PathElement::new([(x + 9, y), (x + SWATCH, y)], style))
                        .map_err(e)?;
                } else {
                    area.draw(&PathElement::new([(x, y), (x + SWATCH, y)], style))
                        .map_err(e)?;
                    area.draw(&Circle::new((x + SWATCH / 2, y), 4, colour.filled()))
                        .map_err(e)?;
                }
            }
        }
        for (k, line) in lines.into_iter().enumerate() {
            area.draw(&Text::new(
                line,
                (x + SWATCH + 8, y + k as i32 * LEGEND_LINE),
                text_style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(e)?;
        }
    }
    Ok(())
}

/// The chart as an SVG document of `width` × `height` user units (it scales to its container).
pub fn svg(data: &StackedBars, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = Svg(SVGBackend::with_string(&mut out, (width, height))).into_drawing_area();
        draw(&root, data)?;
    }
    Ok(out)
}
