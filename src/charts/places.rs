//! Places needed by tier per year (stacked bars) against commissioned capacity (a line).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{series, GRID, INK};
use super::ChartError;

/// What the chart shows, read straight from a projection.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacesData {
    /// Academic-year labels, one per year ("2026/27").
    pub years: Vec<String>,
    /// Per tier: its name and places needed per year.
    pub tiers: Vec<(String, Vec<f64>)>,
    /// Commissioned places across all providers per year.
    pub capacity: Vec<f64>,
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &PlacesData,
) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(ChartError::from_drawing)?;
    let n = data.years.len().max(1);
    let totals: Vec<f64> = (0..n)
        .map(|t| {
            data.tiers
                .iter()
                .map(|(_, v)| v.get(t).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let top = totals
        .iter()
        .chain(&data.capacity)
        .fold(0.0_f64, |a, &b| a.max(b))
        .max(1.0)
        * 1.1;

    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top)
        .map_err(ChartError::from_drawing)?;
    let years = data.years.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                years.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| ap_engine::format::count(*y))
        .y_desc("Places (pupils)")
        .x_desc("Academic year")
        .label_style(("sans-serif", 14).into_font().color(&INK))
        .axis_desc_style(("sans-serif", 14).into_font().color(&INK))
        .draw()
        .map_err(ChartError::from_drawing)?;

    let mut base = vec![0.0; n];
    for (i, (name, values)) in data.tiers.iter().enumerate() {
        let colour = series(i);
        let bars: Vec<Rectangle<(f64, f64)>> = (0..n)
            .map(|t| {
                let v = values.get(t).copied().unwrap_or(0.0);
                let x = t as f64;
                let rect = Rectangle::new(
                    [(x - 0.35, base[t]), (x + 0.35, base[t] + v)],
                    colour.filled(),
                );
                base[t] += v;
                rect
            })
            .collect();
        chart
            .draw_series(bars)
            .map_err(ChartError::from_drawing)?
            .label(name.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled()));
    }

    let line_style = ShapeStyle::from(&INK).stroke_width(3);
    chart
        .draw_series(LineSeries::new(
            data.capacity
                .iter()
                .enumerate()
                .map(|(t, &c)| (t as f64, c)),
            line_style,
        ))
        .map_err(ChartError::from_drawing)?
        .label("Commissioned places")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], line_style));
    chart
        .draw_series(
            data.capacity
                .iter()
                .enumerate()
                .map(|(t, &c)| Circle::new((t as f64, c), 4, INK.filled())),
        )
        .map_err(ChartError::from_drawing)?;

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font(("sans-serif", 13).into_font().color(&INK))
        .draw()
        .map_err(ChartError::from_drawing)?;
    root.present().map_err(ChartError::from_drawing)?;
    Ok(())
}

/// The chart as an SVG document of `width` × `height` user units (it scales to its container).
pub fn svg(data: &PlacesData, width: u32, height: u32) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root, data)?;
    }
    Ok(out)
}
