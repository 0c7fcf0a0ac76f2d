//! A simulation's figures as CSV (`ap-project --draws N`): one row per year for each tier and a
//! total row per year, with the percentiles and chances the app shows. Money in pounds, places
//! to two decimals, chances as shares from 0 to 1.

use std::fmt::Write;

use ap_engine::format::academic_year;
use ap_engine::simulate::{Bands, Simulation};
use ap_engine::Scenario;

use crate::csv::text_cell;

const BANDS: [&str; 6] = ["p10", "p25", "p50", "p75", "p90", "mean"];

/// The columns of the percentile table, as CSV's header line.
pub fn header() -> String {
    columns().join(",")
}

/// The columns of the percentile table.
pub fn columns() -> Vec<String> {
    let mut columns = vec!["year", "academic_year", "tier"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    for figure in [
        "places_needed",
        "above_capacity",
        "spend",
        "budget_minus_spend",
        "cumulative_budget_minus_spend",
    ] {
        columns.extend(BANDS.iter().map(|b| format!("{figure}_{b}")));
    }
    columns.extend(["chance_places_short", "chance_overspend"].map(String::from));
    columns
}

/// One cell of the table: text, a number with the decimals CSV writes it to, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64, usize),
    Empty,
}

fn bands(row: &mut Vec<Cell>, b: Option<&Bands>) {
    match b {
        Some(b) => row
            .extend([b.p10, b.p25, b.p50, b.p75, b.p90, b.mean].map(|v| Cell::Number(v + 0.0, 2))),
        None => row.extend(std::iter::repeat_n(Cell::Empty, BANDS.len())),
    }
}

fn chance(row: &mut Vec<Cell>, p: Option<f64>) {
    row.push(p.map_or(Cell::Empty, |p| Cell::Number(p, 4)));
}

/// The table's rows (under [`header`]): for each year a row per tier, then "All tiers". Tier rows
/// leave the money columns empty; a tier that is not capacity-managed has no chance of being
/// short of places.
pub fn rows(s: &Scenario, sim: &Simulation) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (t, &year) in sim.years.iter().enumerate() {
        let start = |label: String| {
            vec![
                Cell::Number(f64::from(year), 0),
                Cell::Text(academic_year(year)),
                Cell::Text(label),
            ]
        };
        for (k, tier) in sim.tiers.iter().enumerate() {
            let mut row = start(s.tiers.get(k).map_or(String::new(), |x| x.name.clone()));
            bands(&mut row, tier.places_needed.get(t));
            bands(&mut row, tier.above_capacity.get(t));
            for _ in 0..3 {
                bands(&mut row, None);
            }
            chance(&mut row, tier.chance_short.get(t).copied().flatten());
            chance(&mut row, None);
            rows.push(row);
        }
        let mut row = start("All tiers".into());
        bands(&mut row, sim.total_places.get(t));
        bands(&mut row, None);
        bands(&mut row, sim.spend.get(t));
        bands(&mut row, sim.variance.get(t));
        bands(&mut row, sim.cumulative_variance.get(t));
        chance(&mut row, None);
        chance(&mut row, sim.chance_overspend.get(t).copied());
        rows.push(row);
    }
    rows
}

/// The percentile table of simulation `sim` of scenario `s` as CSV.
pub fn simulation_csv(s: &Scenario, sim: &Simulation) -> String {
    let mut out = header();
    out.push('\n');
    for row in rows(s, sim) {
        let cells: Vec<String> = row
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => text_cell(&text),
                Cell::Number(v, decimals) => format!("{v:.decimals$}"),
                Cell::Empty => String::new(),
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ap_engine::examples;
    use ap_engine::simulate::simulate;

    #[test]
    fn a_row_per_year_and_tier_and_a_total_row_with_every_column() {
        let s = examples::dfe_early_intervention();
        let sim = simulate(&s, 300, 1).unwrap();
        let csv = simulation_csv(&s, &sim);
        let rows: Vec<&str> = csv.lines().collect();
        let width = rows[0].split(',').count();
        assert_eq!(width, 3 + 5 * 6 + 2);
        assert_eq!(rows.len(), 1 + 5 * (3 + 1));
        assert!(rows.iter().all(|r| r.split(',').count() == width), "{csv}");
        let total = rows[4];
        assert!(total.starts_with("2026,2026/27,All tiers,"), "{total}");
        // The total row's spend median is the simulation's.
        let spend_p50: f64 = total.split(',').nth(3 + 12 + 2).unwrap().parse().unwrap();
        assert!((spend_p50 - sim.spend[0].p50).abs() < 0.01);
    }
}
