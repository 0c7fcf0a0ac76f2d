//! The flow diagram: for one year, the routes pupils enter by on the left, the tiers in the
//! middle (pupils stepped up from one tier to the next drawn between them), and where pupils go
//! when they leave on the right. Each band is as thick as the pupils it carries and is labelled
//! with their number; every node is named, its name wrapped over lines rather than cut, so
//! nothing is told by colour alone.
//!
//! Drawn as hand-written SVG (plotters has no curved bands); every name is escaped.

use std::fmt::Write;

use super::backend::{escape, wrap};
use super::palette::{series, FAINT, INK};
use super::ChartError;

/// A tier in the flow diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowTier {
    pub name: String,
    /// Index into the palette (the tier's colour in every chart).
    pub colour: usize,
    /// Pupils in the tier at the start and the end of the year.
    pub start: f64,
    pub end: f64,
}

/// Everything a flow diagram shows (one year).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowDiagram {
    pub title: String,
    /// The academic year shown ("2027/28").
    pub year: String,
    /// Routes in (left column), in the order of `entries`.
    pub routes: Vec<String>,
    pub tiers: Vec<FlowTier>,
    /// Destinations out (right column) other than a step up, in the order of `exits[i]`.
    pub destinations: Vec<String>,
    /// `entries[r][i]`: pupils entering tier `i` by route `r` in the year.
    pub entries: Vec<Vec<f64>>,
    /// `step_ups[i]`: pupils stepped up from tier `i` into tier `i + 1`.
    pub step_ups: Vec<f64>,
    /// `exits[i][d]`: pupils leaving tier `i` for destination `d`.
    pub exits: Vec<Vec<f64>>,
}

impl FlowDiagram {
    pub const ROUTES: [&'static str; 2] = ["Referred directly", "Via permanent exclusion"];
    pub const DESTINATIONS: [&'static str; 2] = [
        "Returned to mainstream school",
        "Other destinations (special school or EHCP, post-16, moved away)",
    ];

    /// Pupils entering tier `i` by route `r`, 0 when there is no such figure.
    pub fn entry(&self, r: usize, i: usize) -> f64 {
        self.entries
            .get(r)
            .and_then(|e| e.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// Pupils leaving tier `i` for destination `d`, 0 when there is no such figure.
    pub fn exit(&self, i: usize, d: usize) -> f64 {
        self.exits
            .get(i)
            .and_then(|e| e.get(d))
            .copied()
            .unwrap_or(0.0)
    }

    /// Pupils stepped up into tier `i` from the tier below (0 for the first tier).
    pub fn stepped_in(&self, i: usize) -> f64 {
        i.checked_sub(1)
            .and_then(|j| self.step_ups.get(j))
            .copied()
            .unwrap_or(0.0)
    }

    /// Pupils stepped up out of tier `i` into the next.
    pub fn stepped_out(&self, i: usize) -> f64 {
        self.step_ups.get(i).copied().unwrap_or(0.0)
    }
}

const NAME_PX: f64 = 14.0;
const NUM_PX: f64 = 13.0;
const NAME_LINE: f64 = 18.0;
const NUM_LINE: f64 = 17.0;
/// Least height a band takes where it meets a node, so the labels of thin bands never overlap.
const SLOT: f64 = 22.0;
const PAD: f64 = 8.0;
const STRIPE: f64 = 6.0;
const GAP: f64 = 16.0;
const MARGIN: f64 = 8.0;
const HEAD: f64 = 28.0;
/// Width of the bars of the routes in and the destinations.
const BAR: f64 = 10.0;

fn shown(v: f64) -> bool {
    v.is_finite() && ap_engine::format::count(v) != "0"
}

fn count(v: f64) -> String {
    ap_engine::format::count(v)
}

/// A node: its box and its text.
struct NodeBox {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    colour: Option<usize>,
    /// (text, size, bold)
    lines: Vec<(String, f64, bool)>,
}

/// The height a band of `v` pupils takes at a node's edge (`None`: not drawn).
fn slot_height(v: f64, k: f64) -> Option<f64> {
    shown(v).then(|| (k * v + 4.0).max(SLOT))
}

/// The heights of the bands of `values` at one node's edge, together.
fn edge_height(values: &[f64], k: f64) -> f64 {
    values.iter().filter_map(|&v| slot_height(v, k)).sum()
}

/// Slots (top, height) for `values` down a node's edge, centred in `inner` height from `top`.
fn slots(values: &[f64], k: f64, top: f64, inner: f64) -> Vec<Option<(f64, f64)>> {
    let heights: Vec<Option<f64>> = values.iter().map(|&v| slot_height(v, k)).collect();
    let used: f64 = heights.iter().flatten().sum();
    let mut y = top + ((inner - used) / 2.0).max(0.0);
    heights
        .into_iter()
        .map(|h| {
            h.map(|h| {
                let at = (y, h);
                y += h;
                at
            })
        })
        .collect()
}

struct Layout {
    width: f64,
    height: f64,
    /// Band thickness per pupil.
    k: f64,
    sources: Vec<NodeBox>,
    tiers: Vec<NodeBox>,
    destinations: Vec<NodeBox>,
    /// Per tier: the label lines of the step up below it.
    step_labels: Vec<Vec<String>>,
}

fn text_lines(name: &str, room: f64) -> Vec<(String, f64, bool)> {
    wrap(name, room, NAME_PX)
        .into_iter()
        .map(|l| (l, NAME_PX, true))
        .collect()
}

fn lines_height(lines: &[(String, f64, bool)]) -> f64 {
    lines
        .iter()
        .map(|(_, px, _)| if *px >= NAME_PX { NAME_LINE } else { NUM_LINE })
        .sum()
}

fn layout(d: &FlowDiagram, width: u32) -> Layout {
    let width = f64::from(width.max(240));
    // Tiers in a box in the middle; routes in and destinations as bars at the edges, their names
    // above them, so the bands between have as much room as the width allows.
    let bw = ((width - 2.0 * MARGIN) * 0.34).clamp(120.0, 260.0);
    let xm = (width - bw) / 2.0;
    let (xl, xr) = (MARGIN, width - MARGIN - BAR);
    let room = bw - 2.0 * PAD - STRIPE;
    let side_room = (xm - MARGIN - 12.0).max(60.0);
    let n = d.tiers.len();

    // Thickness per pupil: the busiest node's bands about 140 pixels together, and no step up
    // wider than a third of a box.
    let node_totals = (0..d.routes.len())
        .map(|r| (0..n).map(|i| d.entry(r, i)).sum::<f64>())
        .chain((0..d.destinations.len()).map(|j| (0..n).map(|i| d.exit(i, j)).sum::<f64>()))
        .chain((0..n).map(|i| {
            let into: f64 = (0..d.routes.len()).map(|r| d.entry(r, i)).sum();
            let out: f64 = (0..d.destinations.len()).map(|j| d.exit(i, j)).sum();
            into.max(out)
        }));
    let busiest = node_totals
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let widest_step = d
        .step_ups
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let mut k = if busiest > 0.0 { 140.0 / busiest } else { 0.0 };
    if widest_step > 0.0 {
        k = k.min(bw / 3.0 / widest_step);
    }
    let k = k.max(0.0);

    let top = MARGIN + HEAD;
    // Middle column: each tier's box, then the gap its step up crosses.
    let mut tiers = Vec::new();
    let mut step_labels = Vec::new();
    let mut y = top;
    for (i, tier) in d.tiers.iter().enumerate() {
        let mut lines = text_lines(&tier.name, room);
        for l in wrap(
            &format!("{} at start, {} at end", count(tier.start), count(tier.end)),
            room,
            NUM_PX,
        ) {
            lines.push((l, NUM_PX, false));
        }
        let into: Vec<f64> = (0..d.routes.len()).map(|r| d.entry(r, i)).collect();
        let out: Vec<f64> = (0..d.destinations.len()).map(|j| d.exit(i, j)).collect();
        let h = lines_height(&lines)
            .max(edge_height(&into, k))
            .max(edge_height(&out, k))
            + 2.0 * PAD;
        tiers.push(NodeBox {
            x: xm,
            y,
            w: bw,
            h,
            colour: Some(tier.colour),
            lines,
        });
        y += h;
        let step = d.stepped_out(i);
        let label = if i + 1 < n && shown(step) {
            let thick = (k * step).max(2.0);
            wrap(
                &format!("{} stepped up", count(step)),
                (bw - 12.0 - thick - 8.0).max(40.0),
                NUM_PX,
            )
        } else {
            Vec::new()
        };
        y += (label.len() as f64 * NUM_LINE + 14.0).max(GAP + 8.0);
        step_labels.push(label);
    }
    let middle = y - top;

    let column = |names: &[String], x: f64, edge: &dyn Fn(usize) -> Vec<f64>| {
        let mut boxes: Vec<NodeBox> = names
            .iter()
            .enumerate()
            .map(|(j, name)| {
                let lines = text_lines(name, side_room);
                NodeBox {
                    x,
                    y: 0.0,
                    w: BAR,
                    h: edge_height(&edge(j), k).max(SLOT),
                    colour: None,
                    lines,
                }
            })
            .collect();
        // Each bar below its name.
        let total: f64 = boxes
            .iter()
            .map(|b| lines_height(&b.lines) + 4.0 + b.h)
            .sum::<f64>()
            + GAP * boxes.len().saturating_sub(1) as f64;
        let mut y = top + ((middle - total) / 2.0).max(0.0);
        for b in &mut boxes {
            b.y = y + lines_height(&b.lines) + 4.0;
            y = b.y + b.h + GAP;
        }
        boxes
    };
    let sources = column(&d.routes, xl, &|r| (0..n).map(|i| d.entry(r, i)).collect());
    let destinations = column(&d.destinations, xr, &|j| {
        (0..n).map(|i| d.exit(i, j)).collect()
    });
    let bottom = tiers
        .iter()
        .chain(&sources)
        .chain(&destinations)
        .map(|b| b.y + b.h)
        .fold(top, f64::max);
    Layout {
        width,
        height: (bottom + MARGIN).ceil(),
        k,
        sources,
        tiers,
        destinations,
        step_labels,
    }
}

/// The height the diagram is drawn at for `width` CSS pixels.
pub fn height_for(d: &FlowDiagram, width: u32) -> u32 {
    layout(d, width).height as u32
}

/// How a text is written.
#[derive(Clone, Copy)]
struct Style {
    px: f64,
    /// `start`, `middle` or `end`.
    anchor: &'static str,
    bold: bool,
    /// A white outline under the letters, for text over bands.
    halo: bool,
}

fn text(out: &mut String, (x, y): (f64, f64), style: Style, content: &str) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{px}" text-anchor="{anchor}" dominant-baseline="central" fill="{ink}"{weight}{halo}>{}</text>"#,
        escape(content),
        px = style.px,
        anchor = style.anchor,
        ink = hex(INK),
        weight = if style.bold {
            r#" font-weight="bold""#
        } else {
            ""
        },
        halo = if style.halo {
            r##" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke""##
        } else {
            ""
        },
    );
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A band from a slot on one node's right edge to a slot on another's left edge.
fn ribbon(out: &mut String, from: (f64, f64), to: (f64, f64), thick: f64, colour: usize) {
    let (x1, y1) = from;
    let (x2, y2) = to;
    let mid = (x1 + x2) / 2.0;
    let c = hex(series(colour));
    let _ = write!(
        out,
        r#"<path d="M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1} L{x2:.1},{b2:.1} C{mid:.1},{b2:.1} {mid:.1},{b1:.1} {x1:.1},{b1:.1} Z" fill="{c}" fill-opacity="0.45" stroke="{c}" stroke-width="1"/>"#,
        b1 = y1 + thick,
        b2 = y2 + thick,
    );
}

fn node(out: &mut String, b: &NodeBox, width: f64) {
    let Some(c) = b.colour else {
        // A route in or a destination: a dark bar, its name above it (right-aligned on the
        // right).
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
            b.x,
            b.y,
            b.w,
            b.h,
            hex(FAINT)
        );
        let left = b.x < width / 2.0;
        let (x, anchor) = if left {
            (b.x, "start")
        } else {
            (b.x + b.w, "end")
        };
        let mut y = b.y - 4.0 - lines_height(&b.lines);
        for (line, px, bold) in &b.lines {
            text(
                out,
                (x, y + NAME_LINE / 2.0),
                Style {
                    px: *px,
                    anchor,
                    bold: *bold,
                    halo: true,
                },
                line,
            );
            y += NAME_LINE;
        }
        return;
    };
    let _ = write!(
        out,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" stroke="{}" stroke-width="1.5"/><rect x="{:.1}" y="{:.1}" width="{STRIPE}" height="{:.1}" fill="{}"/>"##,
        b.x,
        b.y,
        b.w,
        b.h,
        hex(INK),
        b.x,
        b.y,
        b.h,
        hex(series(c))
    );
    let mut y = b.y + (b.h - lines_height(&b.lines)) / 2.0;
    for (line, px, bold) in &b.lines {
        let h = if *px >= NAME_PX { NAME_LINE } else { NUM_LINE };
        text(
            out,
            (b.x + STRIPE + PAD, y + h / 2.0),
            Style {
                px: *px,
                anchor: "start",
                bold: *bold,
                halo: false,
            },
            line,
        );
        y += h;
    }
}

/// The diagram as an SVG document `width` CSS pixels wide, and its size.
pub fn svg(d: &FlowDiagram, width: u32) -> Result<(String, (u32, u32)), ChartError> {
    let l = layout(d, width);
    let (w, h) = (l.width as u32, l.height as u32);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif"><rect width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    let heads = [
        ("Routes in", l.sources.first().map_or(MARGIN, |b| b.x)),
        ("Tiers", l.tiers.first().map_or(l.width / 2.0, |b| b.x)),
        ("Where pupils went", l.width - MARGIN),
    ];
    for (k, (head, x)) in heads.into_iter().enumerate() {
        let anchor = if k == 2 { "end" } else { "start" };
        text(
            &mut out,
            (x, MARGIN + 10.0),
            Style {
                px: NUM_PX,
                anchor,
                bold: true,
                halo: false,
            },
            head,
        );
    }
    let n = l.tiers.len();
    let thick = |v: f64| (l.k * v).max(2.0);

    // Bands in: each source's slots run down its right edge in tier order; each tier's slots
    // down its left edge in route order.
    let tier_in: Vec<Vec<Option<(f64, f64)>>> = l
        .tiers
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let v: Vec<f64> = (0..d.routes.len()).map(|r| d.entry(r, i)).collect();
            slots(&v, l.k, b.y + PAD, b.h - 2.0 * PAD)
        })
        .collect();
    let mut labels = String::new();
    for (r, b) in l.sources.iter().enumerate() {
        let v: Vec<f64> = (0..n).map(|i| d.entry(r, i)).collect();
        for (i, slot) in slots(&v, l.k, b.y, b.h).into_iter().enumerate() {
            let (Some(from), Some(to)) = (slot, tier_in[i][r]) else {
                continue;
            };
            let t = thick(v[i]);
            let tier = &l.tiers[i];
            ribbon(
                &mut out,
                (b.x + b.w, from.0 + (from.1 - t) / 2.0),
                (tier.x, to.0 + (to.1 - t) / 2.0),
                t,
                tier.colour.unwrap_or(0),
            );
            text(
                &mut labels,
                (tier.x - 4.0, to.0 + to.1 / 2.0),
                Style {
                    px: NUM_PX,
                    anchor: "end",
                    bold: true,
                    halo: true,
                },
                &count(v[i]),
            );
        }
    }
    // Bands out: each tier's slots down its right edge in destination order.
    let dest_in: Vec<Vec<Option<(f64, f64)>>> = l
        .destinations
        .iter()
        .enumerate()
        .map(|(j, b)| {
            let v: Vec<f64> = (0..n).map(|i| d.exit(i, j)).collect();
            slots(&v, l.k, b.y, b.h)
        })
        .collect();
    for (i, tier) in l.tiers.iter().enumerate() {
        let v: Vec<f64> = (0..d.destinations.len()).map(|j| d.exit(i, j)).collect();
        for (j, slot) in slots(&v, l.k, tier.y + PAD, tier.h - 2.0 * PAD)
            .into_iter()
            .enumerate()
        {
            let (Some(from), Some(to)) = (slot, dest_in[j][i]) else {
                continue;
            };
            let t = thick(v[j]);
            ribbon(
                &mut out,
                (tier.x + tier.w, from.0 + (from.1 - t) / 2.0),
                (l.destinations[j].x, to.0 + (to.1 - t) / 2.0),
                t,
                tier.colour.unwrap_or(0),
            );
            text(
                &mut labels,
                (tier.x + tier.w + 4.0, from.0 + from.1 / 2.0),
                Style {
                    px: NUM_PX,
                    anchor: "start",
                    bold: true,
                    halo: true,
                },
                &count(v[j]),
            );
        }
    }
    // Step ups: a band down from each tier to the next, with an arrowhead and its number.
    for i in 0..n.saturating_sub(1) {
        let v = d.stepped_out(i);
        if !shown(v) {
            continue;
        }
        let (a, b) = (&l.tiers[i], &l.tiers[i + 1]);
        let t = thick(v);
        let x = a.x + 12.0;
        let (y1, y2) = (a.y + a.h, b.y);
        let c = hex(series(a.colour.unwrap_or(0)));
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y1:.1}" width="{t:.1}" height="{:.1}" fill="{c}" fill-opacity="0.45" stroke="{c}" stroke-width="1"/><path d="M{:.1},{:.1} L{:.1},{:.1} L{:.1},{y2:.1} Z" fill="{ink}"/>"#,
            (y2 - y1 - 6.0).max(0.0),
            x - 5.0,
            y2 - 8.0,
            x + t + 5.0,
            y2 - 8.0,
            x + t / 2.0,
            ink = hex(INK),
        );
        let lines = &l.step_labels[i];
        let mut y = (y1 + y2) / 2.0 - lines.len() as f64 * NUM_LINE / 2.0 + NUM_LINE / 2.0;
        for line in lines {
            text(
                &mut labels,
                (x + t + 8.0, y),
                Style {
                    px: NUM_PX,
                    anchor: "start",
                    bold: true,
                    halo: true,
                },
                line,
            );
            y += NUM_LINE;
        }
    }
    for b in l.sources.iter().chain(&l.tiers).chain(&l.destinations) {
        node(&mut out, b, l.width);
    }
    // Labels last, over every band.
    out.push_str(&labels);
    out.push_str("</svg>");
    Ok((out, (w, h)))
}
