//! The scenario and its projection as an Excel workbook: a summary sheet, the inputs, the
//! full results (the same rows and columns as the CSV, as numbers Excel can sum) and the money
//! in financial years laid out like the DSG management plan's summary (one row per line, one
//! column per financial year), which [`money_workbook`] also writes on its own.

use ap_engine::compare::Comparison;
use ap_engine::fields::{self, Field, Kind, TopField, Value};
use ap_engine::format::academic_year;
use ap_engine::money::{headings, lines, money_table, unmitigated, Basis, MoneyTable};
use ap_engine::results::{Projection, SpendByCategory};
use ap_engine::scenario::Scenario;
use ap_engine::simulate::Simulation;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::csv::{comparison_rows, row_figures, COMPARISON_HEADER, HEADER};

/// Excel forbids some characters in sheet names; ours are fixed, so only cell text is user-made.
const SUMMARY: &str = "Summary";
const INPUTS: &str = "Inputs";
const RESULTS: &str = "Results";
const RANGES: &str = "Ranges";
/// The money sheet's name.
pub const MONEY: &str = "Money";

/// Build the workbook and return the .xlsx file's bytes.
pub fn workbook(s: &Scenario, pr: &Projection) -> Result<Vec<u8>, XlsxError> {
    workbook_with_ranges(s, pr, None)
}

/// The workbook, with a "Ranges" sheet of the simulation's percentiles and chances when the
/// scenario has ranges (the same table as `ap-project --draws`).
pub fn workbook_with_ranges(
    s: &Scenario,
    pr: &Projection,
    sim: Option<&Simulation>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0");
    let pupils = Format::new().set_num_format("#,##0.0");

    let sheet = book.add_worksheet().set_name(SUMMARY)?;
    summary(sheet, s, pr, &bold, &money)?;
    let sheet = book.add_worksheet().set_name(INPUTS)?;
    inputs(sheet, s, &bold)?;
    let sheet = book.add_worksheet().set_name(RESULTS)?;
    results(sheet, s, pr, &bold, &money, &pupils)?;
    if let Some(sim) = sim {
        let sheet = book.add_worksheet().set_name(RANGES)?;
        ranges(sheet, s, sim, &bold)?;
    }
    let table = money_table(s, pr, &unmitigated(s), Basis::Financial);
    let sheet = book.add_worksheet().set_name(MONEY)?;
    money_sheet(sheet, s, &table, &bold, &money)?;
    book.save_to_buffer()
}

/// The money table alone as a workbook of one sheet, in the years it was built in.
pub fn money_workbook(s: &Scenario, table: &MoneyTable) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0;-£#,##0");
    let sheet = book.add_worksheet().set_name(MONEY)?;
    money_sheet(sheet, s, table, &bold, &money)?;
    book.save_to_buffer()
}

/// The money as the DSG plan's summary lays it out: a title, then a heading row of years (a
/// partial financial year marked "(part)"), the opening balance, and one row per line.
fn money_sheet(
    sheet: &mut Worksheet,
    s: &Scenario,
    table: &MoneyTable,
    bold: &Format,
    money: &Format,
) -> Result<(), XlsxError> {
    let title = format!(
        "{}: high-needs money by {} (£, each year's prices)",
        s.meta.name,
        match table.basis {
            Basis::Financial => "financial year",
            Basis::Academic => "academic year",
        }
    );
    sheet.write_string_with_format(0, 0, title, bold)?;
    sheet.write_string(
        1,
        0,
        "From AP Planner's projection: a plan to check against the LA's own ledger, not a replacement for it.",
    )?;
    let top = 3;
    sheet.write_string_with_format(top, 0, "Line", bold)?;
    for (c, h) in headings(table).iter().enumerate() {
        sheet.write_string_with_format(top, 1 + c as u16, h, bold)?;
    }
    sheet.write_string(top + 1, 0, "Cumulative DSG position brought forward")?;
    sheet.write_number_with_format(top + 1, 1, table.opening_balance, money)?;
    for (r, (label, values)) in lines(table).into_iter().enumerate() {
        let row = top + 2 + r as u32;
        sheet.write_string(row, 0, label)?;
        for (c, v) in values.into_iter().enumerate() {
            sheet.write_number_with_format(row, 1 + c as u16, v + 0.0, money)?;
        }
    }
    sheet.set_column_width(0, 48)?;
    sheet.set_column_range_width(1, 1 + table.rows.len() as u16, 16)?;
    sheet.set_freeze_panes(top + 1, 1)?;
    Ok(())
}

/// The percentile table (`ap_exports::percentiles`) as a sheet: numbers as numbers.
fn ranges(
    sheet: &mut Worksheet,
    s: &Scenario,
    sim: &Simulation,
    bold: &Format,
) -> Result<(), XlsxError> {
    use crate::percentiles::{columns, rows, Cell};
    for (c, name) in columns().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, bold)?;
    }
    for (r, row) in rows(s, sim).into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            let (row, col) = (1 + r as u32, c as u16);
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                Cell::Number(v, _) => {
                    sheet.write_number(row, col, v)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 3)?;
    Ok(())
}

fn summary(
    sheet: &mut Worksheet,
    s: &Scenario,
    pr: &Projection,
    bold: &Format,
    money: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, &s.meta.name, bold)?;
    sheet.write_string(1, 0, &s.meta.area)?;
    sheet.write_string(2, 0, &s.meta.description)?;
    let h = &pr.headline;
    let rows: [(&str, f64, bool); 7] = [
        ("Net high-needs spend (£)", h.total_spend, true),
        ("Whole-system spend (£)", h.total_whole_system_spend, true),
        ("Total budget (£)", h.total_budget, true),
        ("Budget minus spend (£)", h.total_variance, true),
        ("Peak places needed", h.peak_total_places, false),
        (
            "Pupils returned to mainstream",
            h.returned_to_mainstream,
            false,
        ),
        ("Permanent exclusions", h.permanent_exclusions, false),
    ];
    for (n, (label, value, is_money)) in rows.iter().enumerate() {
        let row = 4 + n as u32;
        sheet.write_string(row, 0, *label)?;
        if *is_money {
            sheet.write_number_with_format(row, 1, *value, money)?;
        } else {
            sheet.write_number(row, 1, value.round())?;
        }
    }
    let top = 13;
    sheet.write_string_with_format(top, 0, "Academic year", bold)?;
    let mut col = 1;
    for label in SpendByCategory::LABELS {
        sheet.write_string_with_format(top, col, label, bold)?;
        col += 1;
    }
    for label in [
        "Net high-needs spend",
        "Budget",
        "Budget minus spend",
        "Cumulative",
    ] {
        sheet.write_string_with_format(top, col, label, bold)?;
        col += 1;
    }
    for (t, y) in pr.summaries.iter().enumerate() {
        let row = top + 1 + t as u32;
        sheet.write_string(row, 0, academic_year(y.academic_year))?;
        let figures = y.spend.values().into_iter().chain([
            y.total_spend,
            y.budget,
            y.variance,
            y.cumulative_variance,
        ]);
        for (c, v) in figures.enumerate() {
            sheet.write_number_with_format(row, 1 + c as u16, v, money)?;
        }
    }
    sheet.set_column_width(0, 32)?;
    sheet.set_column_range_width(1, 13, 16)?;
    Ok(())
}

/// The section of the form an input sits in, for the inputs sheet.
fn section(field: Field) -> &'static str {
    match field {
        Field::Top(TopField::Name | TopField::Area | TopField::Description) => "Scenario",
        Field::Top(TopField::FirstYear | TopField::Horizon | TopField::TeachingWeeks) => "Timeline",
        Field::Top(
            TopField::Seed | TopField::Draws | TopField::CountNoise | TopField::GroupCorrelation,
        ) => "Ranges",
        Field::Top(_) => "Costs and budget",
        Field::Phase { .. } | Field::PupilsInYear { .. } => "Pupils",
        Field::Demand { .. } | Field::Tier { .. } => "Tiers",
        Field::Provider { .. } | Field::Places { .. } => "Providers",
        Field::Intervention { .. } => "Interventions",
        Field::CostLine { .. } => "Costs and budget",
        Field::Lever { .. } => "Workshop levers",
        Field::Share { cost, .. } => section(cost.field()),
    }
}

/// Every input of the scenario, one row each, as the catalogue names it: section, item,
/// assumption, value (a number Excel can use, or the choice as people read it), unit and the
/// input's address (as in files and links).
fn inputs(sheet: &mut Worksheet, s: &Scenario, bold: &Format) -> Result<(), XlsxError> {
    let header = ["Section", "Item", "Assumption", "Value", "Unit", "Input"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (n, field) in fields::all(s).into_iter().enumerate() {
        let row = 1 + n as u32;
        let spec = field.spec();
        sheet.write_string(row, 0, section(field))?;
        sheet.write_string(row, 1, field.owner(s).unwrap_or_default())?;
        sheet.write_string(row, 2, spec.label)?;
        match (field.get(s), spec.kind) {
            (Some(Value::Number(v)), Kind::Number { unit, .. }) if unit.is_year() => {
                sheet.write_string(row, 3, academic_year(v as i32))?;
            }
            (Some(Value::Number(v)), _) => {
                sheet.write_number(row, 3, v)?;
            }
            (Some(Value::Text(key)), Kind::Choice) => {
                let shown = field
                    .options(s)
                    .into_iter()
                    .find(|(k, _)| *k == key)
                    .map_or(key, |(_, label)| label);
                sheet.write_string(row, 3, shown)?;
            }
            (Some(Value::Text(text)), _) => {
                sheet.write_string(row, 3, text)?;
            }
            (None, _) => {}
        }
        sheet.write_string(row, 4, spec.suffix)?;
        sheet.write_string(row, 5, field.to_string())?;
    }
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 48)?;
    sheet.set_column_width(2, 32)?;
    sheet.set_column_width(3, 16)?;
    sheet.set_column_width(4, 18)?;
    Ok(())
}

/// A comparison as a workbook: one sheet with the same rows and columns as the comparison CSV.
pub fn comparison_workbook(c: &Comparison) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0");
    let sheet = book.add_worksheet().set_name("Comparison")?;
    for (col, h) in COMPARISON_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (r, row) in comparison_rows(c).into_iter().enumerate() {
        let r = 1 + r as u32;
        sheet.write_string(r, 0, &row.scenario)?;
        sheet.write_boolean(r, 1, row.is_baseline)?;
        sheet.write_number(r, 2, f64::from(row.year))?;
        sheet.write_string(r, 3, academic_year(row.year))?;
        for (n, v) in row.figures.iter().enumerate() {
            let col = 4 + n as u16;
            // Places columns (0 and 3) as plain numbers, the rest as money.
            if n == 0 || n == 3 {
                sheet.write_number(r, col, *v)?;
            } else {
                sheet.write_number_with_format(r, col, *v, &money)?;
            }
        }
    }
    sheet.set_column_width(0, 40)?;
    book.save_to_buffer()
}

fn results(
    sheet: &mut Worksheet,
    s: &Scenario,
    pr: &Projection,
    bold: &Format,
    money: &Format,
    pupils: &Format,
) -> Result<(), XlsxError> {
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    let mut row = 1;
    for t in 0..pr.years {
        let y = pr.year(t);
        for i in 0..pr.tiers {
            for p in 0..pr.phases {
                sheet.write_number(row, 0, f64::from(y.academic_year))?;
                sheet.write_string(row, 1, academic_year(y.academic_year))?;
                sheet.write_string(row, 2, &s.tiers[i].name)?;
                sheet.write_string(row, 3, &s.phases[p].name)?;
                let (counts, pounds) = row_figures(pr, t, i, p);
                for (c, v) in counts.iter().enumerate() {
                    sheet.write_number_with_format(row, 4 + c as u16, *v, pupils)?;
                }
                for (c, v) in pounds.iter().enumerate() {
                    sheet.write_number_with_format(row, 20 + c as u16, *v, money)?;
                }
                row += 1;
            }
        }
    }
    sheet.set_freeze_panes(1, 4)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = archive.by_name(name).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn the_comparison_workbook_has_a_row_per_scenario_and_year() {
        let (a, b) = (
            ap_engine::examples::dfe_three_tier(),
            ap_engine::examples::dfe_early_intervention(),
        );
        let (pa, pb) = (
            ap_engine::project(&a).unwrap(),
            ap_engine::project(&b).unwrap(),
        );
        let bytes = comparison_workbook(&Comparison::new(0, &[(&a, &pa), (&b, &pb)])).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert_eq!(sheet.matches("<row ").count(), 1 + 2 * 5);
    }

    #[test]
    fn a_scenario_with_ranges_gets_a_ranges_sheet_of_numbers() {
        let s = ap_engine::examples::dfe_early_intervention();
        let pr = ap_engine::project(&s).unwrap();
        let sim = ap_engine::simulate::simulate(&s, 200, 1).unwrap();
        let bytes = workbook_with_ranges(&s, &pr, Some(&sim)).unwrap();
        assert!(part(&bytes, "xl/workbook.xml").contains("name=\"Ranges\""));
        let sheet = part(&bytes, "xl/worksheets/sheet4.xml");
        assert_eq!(sheet.matches("<row ").count(), 1 + 5 * 4);
        let median = format!("<v>{}</v>", sim.spend[0].p50);
        assert!(sheet.contains(&median), "the spend median is a number cell");
        assert!(!part(&workbook(&s, &pr).unwrap(), "xl/workbook.xml").contains("Ranges"));
    }

    #[test]
    fn the_money_sheet_has_a_column_per_financial_year_and_a_row_per_line() {
        let s = ap_engine::examples::dfe_three_tier();
        let pr = ap_engine::project(&s).unwrap();
        let table = money_table(&s, &pr, &unmitigated(&s), Basis::Financial);
        let bytes = money_workbook(&s, &table).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        // Title, caveat, headings, opening balance and the lines.
        assert_eq!(sheet.matches("<row ").count(), 4 + lines(&table).len());
        let strings = part(&bytes, "xl/sharedStrings.xml");
        for text in [
            "2026-27 (part)",
            "2027-28",
            "2031-32 (part)",
            "Cumulative position (mitigated)",
            "High-needs budget",
        ] {
            assert!(strings.contains(text), "{text}");
        }
        assert!(sheet.contains(&format!("<v>{}</v>", table.rows[1].net)));
        // The full workbook carries the same sheet.
        let book = part(&workbook(&s, &pr).unwrap(), "xl/workbook.xml");
        assert!(book.contains("name=\"Money\""));
    }

    #[test]
    fn the_workbook_has_summary_inputs_and_results() {
        let mut s = ap_engine::examples::dfe_three_tier();
        s.tiers[0].name = "Tier <1> & \"targeted\"".into();
        let pr = ap_engine::project(&s).unwrap();
        let bytes = workbook(&s, &pr).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let book = part(&bytes, "xl/workbook.xml");
        for name in [SUMMARY, INPUTS, RESULTS] {
            assert!(book.contains(&format!("name=\"{name}\"")), "{name}");
        }
        let strings = part(&bytes, "xl/sharedStrings.xml");
        assert!(
            strings.contains("Tier &lt;1&gt; &amp; \"targeted\""),
            "names are escaped: {strings}"
        );
        assert!(strings.contains("year_cumulative_variance"));
        // The results sheet has the header row and one row per year × tier × phase.
        let results = part(&bytes, "xl/worksheets/sheet3.xml");
        assert_eq!(results.matches("<row ").count(), 1 + 5 * 3 * 2);
        // The first year's total spend, to the penny, appears as a number.
        let total = format!("{}", pr.year(0).total_spend);
        assert!(results.contains(&format!("<v>{total}</v>")), "{total}");
        // The inputs sheet has a row for every input of the catalogue, named as the form names
        // it, with a choice written as people read it.
        let inputs = part(&bytes, "xl/worksheets/sheet2.xml");
        assert_eq!(inputs.matches("<row ").count(), 1 + fields::all(&s).len());
        for text in [
            "Average length of stay",
            "tiers.2.stay_weeks",
            "Buy spot places",
            "£ per place-year",
            "2026/27",
        ] {
            assert!(strings.contains(text), "{text} is on the inputs sheet");
        }
    }
}
