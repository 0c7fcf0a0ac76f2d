//! One kind of chart serves every view: bars stacked by series per category (years or tiers),
//! with optional reference lines (commissioned places, budget, a baseline).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::backend::{text_size, Svg};
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
}

impl StackedBars {
    /// Total of the stacked series in category `c`.
    pub fn total(&self, c: usize) -> f64 {
        self.series
            .iter()
            .map(|s| s.values.get(c).copied().unwrap_or(0.0))
            .sum()
    }
}

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &StackedBars,
) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(ChartError::from_drawing)?;
    let n = data.categories.len().max(1);
    let top = (0..n)
        .map(|c| data.total(c))
        .chain(data.lines.iter().flat_map(|l| l.values.iter().copied()))
        .chain(data.band.iter().flat_map(|b| b.p90.iter().copied()))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    let legend_height = legend_rows(data, root.dim_in_pixel().0) as u32 * LEGEND_ROW + 8;
    let (legend, plot) = root.split_vertically(legend_height);
    draw_legend(&legend, data)?;

    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .x_label_area_size(40)
        // Room for the tick labels and, beside them, the axis title.
        .y_label_area_size(match data.measure {
            Measure::Money => 100,
            Measure::Pupils => 80,
        })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)
        .map_err(ChartError::from_drawing)?;
    let categories = data.categories.clone();
    let measure = data.measure;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                categories
                    .get(i as usize)
                    .map(|c| shorten(c, 20))
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(6)
        .y_label_formatter(&|y| measure.format(*y))
        .y_desc(data.value_axis.as_str())
        .x_desc(data.category_axis.as_str())
        .label_style(("sans-serif", 18).into_font().color(&INK))
        .axis_desc_style(("sans-serif", 18).into_font().color(&INK))
        .draw()
        .map_err(ChartError::from_drawing)?;

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
        let fill = ShapeStyle::from(&colour).filled();
        chart
            .draw_series(corners.iter().map(|r| Rectangle::new(*r, fill)))
            .map_err(ChartError::from_drawing)?;
        // A dark edge on every segment, so light colours (yellow) stand out from the white
        // background and from each other, not by colour alone.
        let edge = ShapeStyle::from(&INK).stroke_width(1);
        chart
            .draw_series(corners.iter().map(|r| Rectangle::new(*r, edge)))
            .map_err(ChartError::from_drawing)?;
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
                .map_err(ChartError::from_drawing)?;
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), style))
                .map_err(ChartError::from_drawing)?;
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
            .map_err(ChartError::from_drawing)?;
        }
    }

    root.present().map_err(ChartError::from_drawing)?;
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

const LEGEND_ROW: u32 = 24;
const LEGEND_FONT: f64 = 18.0;
const SWATCH: i32 = 14;

/// Legend entries: a name, its colour, and whether it is a line (dashed when faint).
fn legend_entries(data: &StackedBars) -> Vec<(&str, RGBColor, Option<bool>)> {
    let bands = data.band.iter().flat_map(|_| {
        [
            (BAND_LEGEND[0], shade(BAND_OUTER), None),
            (BAND_LEGEND[1], shade(BAND_INNER), None),
            (BAND_LEGEND[2], INK, Some(true)),
        ]
    });
    let bars = data
        .series
        .iter()
        .map(|s| (s.name.as_str(), series(s.colour), None));
    let lines = data.lines.iter().map(|l| {
        let colour = match (l.faint, l.colour) {
            (true, _) => FAINT,
            (false, Some(c)) => series(c),
            (false, None) => INK,
        };
        (l.name.as_str(), colour, Some(l.faint))
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

/// Where each legend entry goes: (row, x offset), wrapping entries onto new rows.
fn legend_layout(data: &StackedBars, width: u32) -> Vec<(usize, i32)> {
    let mut row = 0;
    let mut x = 12;
    legend_entries(data)
        .iter()
        .map(|(name, _, _)| {
            let w = SWATCH + 8 + text_size(name, LEGEND_FONT).0 as i32 + 18;
            if x + w > width as i32 - 12 && x > 12 {
                row += 1;
                x = 12;
            }
            let at = (row, x);
            x += w;
            at
        })
        .collect()
}

fn legend_rows(data: &StackedBars, width: u32) -> usize {
    legend_layout(data, width)
        .last()
        .map_or(0, |(row, _)| row + 1)
}

/// The legend, drawn above the plot so it never covers a bar and travels with exported SVGs.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &StackedBars,
) -> Result<(), ChartError> {
    let layout = legend_layout(data, area.dim_in_pixel().0);
    let font = ("sans-serif", LEGEND_FONT).into_font().color(&INK);
    for ((name, colour, line), (row, x)) in legend_entries(data).into_iter().zip(layout) {
        let y = 10 + row as i32 * LEGEND_ROW as i32 + SWATCH / 2;
        match line {
            None => area
                .draw(&Rectangle::new(
                    [(x, y - SWATCH / 2), (x + SWATCH, y + SWATCH / 2)],
                    colour.filled(),
                ))
                .map_err(ChartError::from_drawing)?,
            Some(faint) => {
                let style = ShapeStyle::from(&colour).stroke_width(3);
                if faint {
                    area.draw(&PathElement::new([(x, y), (x + 5, y)], style))
                        .map_err(ChartError::from_drawing)?;
                    area.draw(&PathElement::new([(x + 9, y), (x + SWATCH, y)], style))
                        .map_err(ChartError::from_drawing)?;
                } else {
                    area.draw(&PathElement::new([(x, y), (x + SWATCH, y)], style))
                        .map_err(ChartError::from_drawing)?;
                    area.draw(&Circle::new((x + SWATCH / 2, y), 4, colour.filled()))
                        .map_err(ChartError::from_drawing)?;
                }
            }
        }
        area.draw(&Text::new(
            name.to_string(),
            (x + SWATCH + 8, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(ChartError::from_drawing)?;
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
