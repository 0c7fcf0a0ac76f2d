//! A chart of any kind with what a figure around it shows: its title, its text alternative, the
//! same figures as a table, and the drawing at the width it is displayed at. Pure, so the
//! component only lays these out.

use super::bars::{self, StackedBars};
use super::flow::{self, FlowDiagram};
use super::tornado::{self, TornadoChart};
use super::ChartError;
use ap_engine::format::count;
use std::sync::Arc;

/// A chart of one kind: what the figure around it shows.
pub trait Chart: std::fmt::Debug + Send + Sync {
    fn title(&self) -> &str;
    /// The chart in words, for its `aria-label`.
    fn summary(&self) -> String;
    /// The chart's figures as a table.
    fn table(&self) -> Table;
    /// The chart drawn `width` CSS pixels wide (at the height it chooses for that width): the
    /// SVG document and its size.
    fn svg(&self, width: u32) -> Result<(String, (u32, u32)), ChartError>;
}

/// A chart of any kind. Each kind's drawing code is reached only from where a chart of that kind
/// is made, so the page's first module carries only the bar charts it shows first; the flow
/// diagram and the tornado come with the views that make them (`src/lazy.rs`).
#[derive(Debug, Clone)]
pub struct Figure(Arc<dyn Chart>);

/// A chart's figures as a table: a header row, then each row's header and its cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    /// Column headings, the first for the row headers.
    pub head: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

impl<C: Chart + 'static> From<C> for Figure {
    fn from(chart: C) -> Self {
        Figure(Arc::new(chart))
    }
}

impl Figure {
    pub fn title(&self) -> &str {
        self.0.title()
    }

    /// The chart in words, for its `aria-label`.
    pub fn summary(&self) -> String {
        self.0.summary()
    }

    /// The chart's figures as a table.
    pub fn table(&self) -> Table {
        self.0.table()
    }

    /// The chart drawn `width` CSS pixels wide (at the height it chooses for that width): the
    /// SVG document and its size.
    pub fn svg(&self, width: u32) -> Result<(String, (u32, u32)), ChartError> {
        self.0.svg(width)
    }
}

impl Chart for StackedBars {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> String {
        bars_summary(self)
    }

    fn table(&self) -> Table {
        bars_table(self)
    }

    fn svg(&self, width: u32) -> Result<(String, (u32, u32)), ChartError> {
        let height = self.height_for(width);
        bars::svg(self, width, height).map(|s| (s, (width, height)))
    }
}

impl Chart for FlowDiagram {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> String {
        flow_summary(self)
    }

    fn table(&self) -> Table {
        flow_table(self)
    }

    fn svg(&self, width: u32) -> Result<(String, (u32, u32)), ChartError> {
        flow::svg(self, width)
    }
}

impl Chart for TornadoChart {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> String {
        format!(
            "Tornado chart of {}: for each ranged input, a bar from the figure with every input at its value to the figure with that input at its low end (filled) and at its high end (outlined), largest swing first. Use “Show as table” for the figures.",
            self.title.to_ascii_lowercase()
        )
    }

    fn table(&self) -> Table {
        let m = self.measure;
        Table {
            caption: self.title.clone(),
            head: [
                "Input",
                "Figure with the input at its low end",
                "Figure with the input at its high end",
                "Swing",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .rows
                .iter()
                .map(|(name, low, high)| {
                    (
                        name.clone(),
                        vec![
                            m.format(*low),
                            m.format(*high),
                            m.format((high - low).abs()),
                        ],
                    )
                })
                .collect(),
        }
    }

    fn svg(&self, width: u32) -> Result<(String, (u32, u32)), ChartError> {
        let height = tornado::chart_height(self, width);
        tornado::svg(self, width).map(|s| (s, (width, height)))
    }
}

fn bars_summary(d: &StackedBars) -> String {
    let names: Vec<&str> = d.series.iter().map(|s| s.name.as_str()).collect();
    let lines: Vec<&str> = d.lines.iter().map(|l| l.name.as_str()).collect();
    let what = format!(
        "{} by {}",
        d.value_axis,
        d.category_axis.to_ascii_lowercase()
    );
    let band = d.band.as_ref().map_or(String::new(), |b| {
        format!(" A shaded band shows how far {} could spread over the simulation's draws (the middle 80% and 50% of draws) and its median.", b.name.to_ascii_lowercase())
    });
    let hatched: Vec<&str> = d
        .series
        .iter()
        .filter(|s| s.hatched)
        .map(|s| s.name.as_str())
        .collect();
    let hatched = if hatched.is_empty() {
        String::new()
    } else {
        format!(" Hatched: {}.", hatched.join(", "))
    };
    let text = match (names.is_empty(), lines.is_empty()) {
        (true, _) => format!(
            "Line chart. {what}: a line for each of {}. Use “Show as table” for the figures.",
            lines.join(", ")
        ),
        (false, true) => format!(
            "Bar chart. {what}: stacked bars for {}. Use “Show as table” for the figures.",
            names.join(", ")
        ),
        (false, false) => format!(
            "Bar chart. {what}: stacked bars for {}; lines for {}. Use “Show as table” for the figures.",
            names.join(", "),
            lines.join(", ")
        ),
    };
    let notes: String = d.notes.iter().map(|n| format!(" {}.", n.text)).collect();
    format!("{text}{hatched}{notes}{band}")
}

/// One row per category, one column per series, their total, each line, and the band's P10,
/// median and P90.
fn bars_table(d: &StackedBars) -> Table {
    let m = d.measure;
    let mut head = vec![d.category_axis.clone()];
    head.extend(d.series.iter().map(|s| s.name.clone()));
    head.push("Total".into());
    head.extend(d.lines.iter().map(|l| l.name.clone()));
    if let Some(b) = &d.band {
        head.extend(["P10", "Median", "P90"].map(|p| format!("{}: {p}", b.name)));
    }
    let rows = d
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let mut cells: Vec<String> = d
                .series
                .iter()
                .map(|s| m.format(s.values.get(c).copied().unwrap_or(0.0)))
                .collect();
            cells.push(m.format(d.total(c)));
            cells.extend(
                d.lines
                    .iter()
                    .map(|l| m.format(l.values.get(c).copied().unwrap_or(0.0))),
            );
            if let Some(band) = &d.band {
                for values in [&band.p10, &band.p50, &band.p90] {
                    cells.push(m.format(values.get(c).copied().unwrap_or(f64::NAN)));
                }
            }
            (category.clone(), cells)
        })
        .collect();
    Table {
        caption: d.title.clone(),
        head,
        rows,
    }
}

/// One row per tier: its pupils at the start, in by each route, stepped up into it, out to
/// each destination, stepped up out of it, and at the end.
fn flow_table(f: &FlowDiagram) -> Table {
    let mut head = vec!["Tier".to_string(), "At the start of the year".into()];
    head.extend(f.routes.iter().cloned());
    head.push("Stepped up from the tier below".into());
    head.extend(f.destinations.iter().cloned());
    head.push("Stepped up to the next tier".into());
    head.push("At the end of the year".into());
    let rows = f
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut cells = vec![count(t.start)];
            cells.extend((0..f.routes.len()).map(|r| count(f.entry(r, i))));
            cells.push(count(f.stepped_in(i)));
            cells.extend((0..f.destinations.len()).map(|d| count(f.exit(i, d))));
            cells.push(count(f.stepped_out(i)));
            cells.push(count(t.end));
            (t.name.clone(), cells)
        })
        .collect();
    Table {
        caption: f.title.clone(),
        head,
        rows,
    }
}

fn flow_summary(f: &FlowDiagram) -> String {
    let mut text = format!(
        "Flow diagram of pupils in {}: routes in on the left, tiers in the middle, where pupils went on the right, each band as thick as the pupils it carries.",
        f.year
    );
    for (i, t) in f.tiers.iter().enumerate() {
        let mut parts: Vec<String> = f
            .routes
            .iter()
            .enumerate()
            .map(|(r, name)| format!("{} {}", count(f.entry(r, i)), name.to_ascii_lowercase()))
            .collect();
        if i > 0 {
            parts.push(format!("{} stepped up into it", count(f.stepped_in(i))));
        }
        let mut out: Vec<String> = f
            .destinations
            .iter()
            .enumerate()
            .map(|(d, name)| format!("{} {}", count(f.exit(i, d)), name.to_ascii_lowercase()))
            .collect();
        if i + 1 < f.tiers.len() {
            out.push(format!(
                "{} stepped up to the next tier",
                count(f.stepped_out(i))
            ));
        }
        text.push_str(&format!(
            " {}: in, {}; out, {}.",
            t.name,
            parts.join(", "),
            out.join(", ")
        ));
    }
    text
}
