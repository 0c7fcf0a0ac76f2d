//! The scenario and its projection as an Excel workbook: a summary sheet, the inputs, and the
//! full results (the same rows and columns as the CSV, as numbers Excel can sum).

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::csv::{row_figures, HEADER};
use crate::format::academic_year;
use crate::results::{Projection, SpendByCategory};
use crate::scenario::Scenario;

/// Excel forbids some characters in sheet names; ours are fixed, so only cell text is user-made.
const SUMMARY: &str = "Summary";
const INPUTS: &str = "Inputs";
const RESULTS: &str = "Results";

/// Build the workbook and return the .xlsx file's bytes.
pub fn workbook(s: &Scenario, pr: &Projection) -> Result<Vec<u8>, XlsxError> {
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
    book.save_to_buffer()
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
    let rows: [(&str, f64, bool); 6] = [
        ("Total spend (£)", h.total_spend, true),
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
    let top = 12;
    sheet.write_string_with_format(top, 0, "Academic year", bold)?;
    let mut col = 1;
    for label in SpendByCategory::LABELS {
        sheet.write_string_with_format(top, col, label, bold)?;
        col += 1;
    }
    for label in ["Total spend", "Budget", "Budget minus spend", "Cumulative"] {
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
    sheet.set_column_range_width(1, 12, 16)?;
    Ok(())
}

fn inputs(sheet: &mut Worksheet, s: &Scenario, bold: &Format) -> Result<(), XlsxError> {
    for (c, h) in ["Section", "Item", "Assumption", "Value"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    let mut row = 1;
    let mut put = |section: &str, item: &str, field: &str, value: Value| -> Result<(), XlsxError> {
        sheet.write_string(row, 0, section)?;
        sheet.write_string(row, 1, item)?;
        sheet.write_string(row, 2, field)?;
        match value {
            Value::Number(v) => sheet.write_number(row, 3, v)?,
            Value::Text(t) => sheet.write_string(row, 3, t)?,
        };
        row += 1;
        Ok(())
    };
    use Value::{Number as N, Text as T};
    put(
        "Timeline",
        "",
        "First academic year",
        T(academic_year(s.timeline.first_year)),
    )?;
    put(
        "Timeline",
        "",
        "Years projected",
        N(f64::from(s.timeline.horizon)),
    )?;
    put(
        "Timeline",
        "",
        "Teaching weeks",
        N(s.timeline.teaching_weeks),
    )?;
    for p in &s.phases {
        put("Pupils", &p.name, "Pupils on roll", N(p.pupils))?;
        put("Pupils", &p.name, "Annual growth %", N(p.growth_pct))?;
    }
    for t in &s.tiers {
        for tp in &t.phases {
            let phase = s
                .phases
                .iter()
                .find(|p| p.id == tp.phase)
                .map_or(tp.phase.as_str(), |p| p.name.as_str());
            let item = format!("{} · {phase}", t.name);
            put(
                "Tiers",
                &item,
                "Referral rate per 1,000",
                N(tp.referral_rate),
            )?;
            put(
                "Tiers",
                &item,
                "Exclusion rate per 1,000",
                N(tp.exclusion_rate),
            )?;
            put("Tiers", &item, "Pupils at the start", N(tp.start_pupils))?;
        }
        put("Tiers", &t.name, "Demand trend % a year", N(t.trend_pct))?;
        put("Tiers", &t.name, "Average stay (weeks)", N(t.stay_weeks))?;
        put(
            "Tiers",
            &t.name,
            "Returned to mainstream %",
            N(t.returned_pct),
        )?;
        put("Tiers", &t.name, "Stepped up %", N(t.step_up_pct))?;
        put("Tiers", &t.name, "Cost per entry (£)", N(t.per_entry_cost))?;
        put(
            "Tiers",
            &t.name,
            "Transport per place (£)",
            N(t.transport_per_place),
        )?;
        put(
            "Tiers",
            &t.name,
            "Above capacity",
            T(t.over_capacity.label().into()),
        )?;
        put("Tiers", &t.name, "Spot place price (£)", N(t.spot_price))?;
        for p in &t.providers {
            let item = format!("{} · {}", t.name, p.name);
            put("Providers", &item, "Type", T(p.kind.label().into()))?;
            let places: Vec<String> = p.places.iter().map(|v| v.to_string()).collect();
            put(
                "Providers",
                &item,
                "Commissioned places by year",
                T(places.join(", ")),
            )?;
            put("Providers", &item, "Place funding (£)", N(p.place_funding))?;
            put("Providers", &item, "Top-up (£)", N(p.top_up))?;
        }
    }
    for iv in &s.interventions {
        put(
            "Interventions",
            &iv.name,
            iv.target.label(),
            N(iv.change_pct),
        )?;
        put(
            "Interventions",
            &iv.name,
            "First year",
            T(academic_year(iv.first_year)),
        )?;
        put(
            "Interventions",
            &iv.name,
            "Ramp-up years",
            N(f64::from(iv.ramp_years)),
        )?;
        put(
            "Interventions",
            &iv.name,
            "Annual cost (£)",
            N(iv.annual_cost),
        )?;
    }
    for c in &s.other_costs {
        put("Costs", &c.name, "Amount a year (£)", N(c.amount))?;
    }
    put("Costs", "", "Inflation % a year", N(s.inflation_pct))?;
    put(
        "Budget",
        "",
        "AP budget in the first year (£)",
        N(s.budget.first_year),
    )?;
    put(
        "Budget",
        "",
        "Budget growth % a year",
        N(s.budget.growth_pct),
    )?;
    sheet.set_column_range_width(0, 2, 36)?;
    Ok(())
}

/// A comparison as a workbook: one sheet with the same rows and columns as the comparison CSV.
pub fn comparison_workbook(
    baseline: usize,
    scenarios: &[(&Scenario, &Projection)],
) -> Result<Vec<u8>, XlsxError> {
    use crate::compare::{comparison_rows, COMPARISON_HEADER};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0");
    let sheet = book.add_worksheet().set_name("Comparison")?;
    for (c, h) in COMPARISON_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, (name, is_baseline, year, figures)) in
        comparison_rows(baseline, scenarios).into_iter().enumerate()
    {
        let row = 1 + r as u32;
        sheet.write_string(row, 0, &name)?;
        sheet.write_boolean(row, 1, is_baseline)?;
        sheet.write_number(row, 2, f64::from(year))?;
        sheet.write_string(row, 3, academic_year(year))?;
        for (c, v) in figures.iter().enumerate() {
            let col = 4 + c as u16;
            // Places columns (0 and 3) as plain numbers, the rest as money.
            if c == 0 || c == 3 {
                sheet.write_number(row, col, *v)?;
            } else {
                sheet.write_number_with_format(row, col, *v, &money)?;
            }
        }
    }
    sheet.set_column_width(0, 40)?;
    book.save_to_buffer()
}

enum Value {
    Number(f64),
    Text(String),
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
            crate::examples::dfe_three_tier(),
            crate::examples::dfe_early_intervention(),
        );
        let (pa, pb) = (crate::project(&a).unwrap(), crate::project(&b).unwrap());
        let bytes = comparison_workbook(0, &[(&a, &pa), (&b, &pb)]).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert_eq!(sheet.matches("<row ").count(), 1 + 2 * 5);
    }

    #[test]
    fn the_workbook_has_summary_inputs_and_results() {
        let mut s = crate::examples::dfe_three_tier();
        s.tiers[0].name = "Tier <1> & \"targeted\"".into();
        let pr = crate::project(&s).unwrap();
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
    }
}
