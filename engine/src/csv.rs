//! The projection as CSV: one row per year × tier × phase. The `ap-project` command and the
//! app's CSV export both write this layout.
//!
//! Columns starting `tier_` hold the tier's figures for that year and repeat on each of its phase
//! rows; columns starting `year_` hold the whole scenario's figures for the year and repeat on every
//! row of the year. Sum only the per-phase columns across rows. Money is in pounds at each year's
//! prices, to the penny; pupils and places to two decimal places.

use std::fmt::Write;

use crate::format::academic_year;
use crate::results::Projection;
use crate::scenario::Scenario;

pub const HEADER: [&str; 32] = [
    "year",
    "academic_year",
    "tier",
    "phase",
    "population",
    "start_pupils",
    "entries_direct",
    "entries_exclusion",
    "entries_stepped_up",
    "entries_total",
    "exits_returned",
    "exits_stepped_up",
    "exits_other",
    "end_pupils",
    "places_needed",
    "tier_places_needed",
    "tier_commissioned",
    "tier_occupied",
    "tier_spot",
    "tier_unmet",
    "tier_spend_place_funding",
    "tier_spend_top_up",
    "tier_spend_spot",
    "tier_spend_per_entry",
    "tier_spend_transport",
    "tier_spend_total",
    "year_spend_interventions",
    "year_spend_fixed",
    "year_total_spend",
    "year_budget",
    "year_variance",
    "year_cumulative_variance",
];

/// Quote a text cell when needed, and defuse cells a spreadsheet would run as a formula.
pub fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The figures of one row (year `t`, tier `i`, phase `p`) after its four text columns: pupils
/// and places (`HEADER[4..20]`), then money (`HEADER[20..]`). The CSV and the workbook share it.
pub fn row_figures(pr: &Projection, t: usize, i: usize, p: usize) -> ([f64; 16], [f64; 12]) {
    let (y, ty, f) = (pr.year(t), pr.tier(t, i), pr.flow(t, i, p));
    let pupils = [
        f.population,
        f.start,
        f.entries_direct,
        f.entries_exclusion,
        f.entries_stepped_up,
        f.entries(),
        f.exits_returned,
        f.exits_stepped_up,
        f.exits_other,
        f.end,
        f.places_needed,
        ty.places_needed,
        ty.commissioned,
        ty.occupied,
        ty.spot,
        ty.unmet,
    ];
    let money = [
        ty.spend.place_funding,
        ty.spend.top_up,
        ty.spend.spot,
        ty.spend.per_entry,
        ty.spend.transport,
        ty.spend.total(),
        y.spend.interventions,
        y.spend.fixed,
        y.total_spend,
        y.budget,
        y.variance,
        y.cumulative_variance,
    ];
    (pupils, money)
}

/// The whole projection as CSV text with a header row.
pub fn projection_csv(s: &Scenario, pr: &Projection) -> String {
    let mut out = HEADER.join(",");
    out.push('\n');
    for t in 0..pr.years {
        let y = pr.year(t);
        for i in 0..pr.tiers {
            for p in 0..pr.phases {
                let (pupils, money) = row_figures(pr, t, i, p);
                let _ = write!(
                    out,
                    "{},{},{},{}",
                    y.academic_year,
                    academic_year(y.academic_year),
                    text_cell(&s.tiers[i].name),
                    text_cell(&s.phases[p].name)
                );
                for v in pupils.iter().chain(&money) {
                    // `+ 0.0` turns −0.0 (an empty sum) into 0.0, so no cell reads "-0.00".
                    let _ = write!(out, ",{:.2}", v + 0.0);
                }
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_quoted_and_defused() {
        assert_eq!(text_cell("Tier 1"), "Tier 1");
        assert_eq!(text_cell("KS3, KS4"), "\"KS3, KS4\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("=1+1"), "'=1+1");
    }

    #[test]
    fn one_row_per_year_tier_and_phase() {
        let s = crate::examples::dfe_three_tier();
        let pr = crate::project(&s).unwrap();
        let csv = projection_csv(&s, &pr);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 1 + pr.years * pr.tiers * pr.phases);
        assert!(rows.iter().all(|r| r.split(',').count() == HEADER.len()));
        assert!(rows[1].starts_with("2026,2026/27,"));
    }
}
