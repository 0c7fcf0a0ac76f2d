//! The projection as CSV: one row per year × tier × phase. The `ap-project` command and the
//! app's CSV export both write this layout. Also a comparison as CSV: one row per scenario and
//! year ([`comparison_csv`]), the layout of the comparison workbook too.
//!
//! Columns starting `tier_` hold the tier's figures for that year and repeat on each of its phase
//! rows; columns starting `year_` hold the whole scenario's figures for the year and repeat on every
//! row of the year. Sum only the per-phase columns across rows. Money is in pounds at each year's
//! prices, to the penny; pupils and places to two decimal places. `year_total_spend` is the
//! high-needs spend net of income (what the budget is set against); `year_whole_system_spend`
//! is all spend whoever pays it, split by funder in the `year_spend_<funder>` columns.
//!
//! And the money table ([`money_csv`]): one line per figure, one column per academic or
//! financial year, as the DSG management plan's summary lays it out.

use std::fmt::Write;

use ap_engine::compare::Comparison;
use ap_engine::format::academic_year;
use ap_engine::money::{headings, lines, MoneyTable};
use ap_engine::{Projection, Scenario};

pub const HEADER: [&str; 40] = [
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
    "tier_spend_waiting",
    "tier_spend_total",
    "year_spend_interventions",
    "year_spend_fixed",
    "year_total_spend",
    "year_budget",
    "year_variance",
    "year_cumulative_variance",
    "year_whole_system_spend",
    "year_spend_high_needs",
    "year_spend_schools",
    "year_spend_grant",
    "year_spend_other",
    "year_spend_council",
    "year_income",
];

/// Quote a text cell when needed, and defuse cells a spreadsheet would run as a formula: one
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return (the OWASP list) gets a leading
/// apostrophe, which spreadsheets show as text.
pub fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
pub fn row_figures(pr: &Projection, t: usize, i: usize, p: usize) -> ([f64; 16], [f64; 20]) {
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
        ty.spend.waiting,
        ty.spend.total(),
        y.spend.interventions,
        y.spend.fixed,
        y.total_spend,
        y.budget,
        y.variance,
        y.cumulative_variance,
        y.whole_system_spend,
        y.by_funder[0],
        y.by_funder[1],
        y.by_funder[2],
        y.by_funder[3],
        y.by_funder[4],
        y.income,
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

/// The money table as CSV: a heading row ("line" and the years, a partial financial year
/// marked "(part)"), then one line per figure (`ap_engine::money::lines`), in pounds to the penny.
pub fn money_csv(table: &MoneyTable) -> String {
    let mut out = String::from("line");
    for h in headings(table) {
        let _ = write!(out, ",{}", text_cell(&h));
    }
    out.push('\n');
    let _ = write!(
        out,
        "{}",
        text_cell("Cumulative DSG position brought forward")
    );
    for (n, _) in table.rows.iter().enumerate() {
        let v = if n == 0 { table.opening_balance } else { 0.0 };
        let _ = write!(out, ",{:.2}", v + 0.0);
    }
    out.push('\n');
    for (label, values) in lines(table) {
        out.push_str(&text_cell(label));
        for v in values {
            let _ = write!(out, ",{:.2}", v + 0.0);
        }
        out.push('\n');
    }
    out
}

/// Columns of the comparison table (CSV and workbook).
pub const COMPARISON_HEADER: [&str; 14] = [
    "scenario",
    "is_baseline",
    "year",
    "academic_year",
    "places_needed",
    "total_spend",
    "budget",
    "places_difference",
    "spend_difference",
    "extra_investment",
    "spend_avoided",
    "cumulative_net_saving",
    "cashable_saving",
    "avoided_saving",
];

/// One row of the comparison table: a scenario in one of the comparison's years.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    pub scenario: String,
    pub is_baseline: bool,
    /// The academic year's start year.
    pub year: i32,
    /// The figures after the four text columns, in `COMPARISON_HEADER[4..]` order. Differences
    /// from the baseline are zero on the baseline's own rows.
    pub figures: [f64; 10],
}

/// One row per scenario and year it projects, over the comparison's years (the baseline's).
pub fn comparison_rows(c: &Comparison) -> Vec<ComparisonRow> {
    let mut rows = Vec::new();
    for (n, s) in c.scenarios.iter().enumerate() {
        for (&year, figures) in c.years.iter().zip(&s.years) {
            let Some(f) = figures else {
                continue;
            };
            let against = s.against_baseline_in(year).map_or([0.0; 7], |y| {
                [
                    y.places_difference,
                    y.spend_difference,
                    y.extra_investment,
                    y.spend_avoided,
                    y.cumulative_net_saving,
                    y.cashable,
                    y.avoided,
                ]
            });
            // `+ 0.0` turns −0.0 into 0.0.
            let [places, spend, extra, avoided, cumulative, cashable, growth_avoided] =
                against.map(|v| v + 0.0);
            rows.push(ComparisonRow {
                scenario: s.name.clone(),
                is_baseline: c.is_baseline(n),
                year,
                figures: [
                    f.places,
                    f.spend,
                    f.budget,
                    places,
                    spend,
                    extra,
                    avoided,
                    cumulative,
                    cashable,
                    growth_avoided,
                ],
            });
        }
    }
    rows
}

/// A comparison as CSV: one row per scenario and year, with its difference from the baseline
/// and the invest-to-save figures. Money in pounds, places to two decimals.
pub fn comparison_csv(c: &Comparison) -> String {
    let mut out = COMPARISON_HEADER.join(",");
    out.push('\n');
    for row in comparison_rows(c) {
        let _ = write!(
            out,
            "{},{},{},{}",
            text_cell(&row.scenario),
            row.is_baseline,
            row.year,
            academic_year(row.year)
        );
        for v in row.figures {
            let _ = write!(out, ",{v:.2}");
        }
        out.push('\n');
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
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = text_cell(&format!("{lead}HYPERLINK(\"http://x\")"));
            let unquoted = cell.trim_start_matches('"');
            assert!(unquoted.starts_with('\''), "{lead:?}: {cell}");
        }
        // A carriage return inside a name keeps the cell quoted, so the row is not split.
        assert_eq!(text_cell("a\rb"), "\"a\rb\"");
        assert_eq!(text_cell("\ta"), "'\ta");
    }

    #[test]
    fn one_row_per_year_tier_and_phase() {
        let s = ap_engine::examples::dfe_three_tier();
        let pr = ap_engine::project(&s).unwrap();
        let csv = projection_csv(&s, &pr);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 1 + pr.years * pr.tiers * pr.phases);
        assert!(rows.iter().all(|r| r.split(',').count() == HEADER.len()));
        assert!(rows[1].starts_with("2026,2026/27,"));
    }

    #[test]
    fn the_comparison_csv_has_a_row_per_scenario_and_year() {
        use ap_engine::compare::against_baseline;
        use ap_engine::{examples, project};
        let (a, b) = (
            examples::dfe_three_tier(),
            examples::dfe_early_intervention(),
        );
        let (pa, pb) = (project(&a).unwrap(), project(&b).unwrap());
        let csv = comparison_csv(&Comparison::new(0, &[(&a, &pa), (&b, &pb)]));
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 1 + 2 * 5);
        assert!(
            rows[1].starts_with("\"DfE three tiers, current trends\",true,2026,2026/27,"),
            "{}",
            rows[1]
        );
        // The baseline against itself differs by nothing.
        assert!(
            rows[1].ends_with(",0.00,0.00,0.00,0.00,0.00,0.00,0.00"),
            "{}",
            rows[1]
        );
        let last = rows.last().unwrap();
        let cells: Vec<f64> = last
            .rsplit(',')
            .take(3)
            .map(|c| c.parse().unwrap())
            .collect();
        let case = against_baseline((&a, &pa), (&b, &pb));
        let y = &case.years[4];
        assert!((cells[2] - y.cumulative_net_saving).abs() < 0.01);
        assert!((cells[1] - y.cashable).abs() < 0.01 && (cells[0] - y.avoided).abs() < 0.01);
    }

    #[test]
    fn comparison_rows_cover_the_baselines_years_whoever_is_first() {
        use ap_engine::{examples, project};
        let mut later = examples::dfe_early_intervention();
        later.timeline.first_year = 2028;
        let base = examples::dfe_three_tier();
        let (pl, pb) = (project(&later).unwrap(), project(&base).unwrap());
        let c = Comparison::new(1, &[(&later, &pl), (&base, &pb)]);
        let years: Vec<(bool, i32)> = comparison_rows(&c)
            .iter()
            .map(|r| (r.is_baseline, r.year))
            .collect();
        let expected: Vec<(bool, i32)> = [2028, 2029, 2030]
            .map(|y| (false, y))
            .into_iter()
            .chain((2026..=2030).map(|y| (true, y)))
            .collect();
        assert_eq!(years, expected);
        assert_eq!(
            comparison_csv(&Comparison::new(5, &[])),
            format!("{}\n", COMPARISON_HEADER.join(","))
        );
    }
}
