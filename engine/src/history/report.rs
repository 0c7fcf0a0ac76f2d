//! The calibration as plain text: what `ap-project calibrate` prints.

use std::fmt::Write;

use crate::format::{academic_year, plain};
use crate::history::{applied_value, Calibration};

fn pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{}%", plain(v, 1)))
}

/// The whole report: bad rows, names that match nothing, the suggestions with their intervals,
/// notes, each series' actual against fitted with its MAPE, and the backtest.
pub fn text(c: &Calibration) -> String {
    let mut o = String::new();
    let f = &c.fit;
    let _ = writeln!(
        o,
        "Calibration from {} rows ({} to {})",
        c.history.rows.len(),
        f.years.first().map_or("–".into(), |y| academic_year(*y)),
        f.years.last().map_or("–".into(), |y| academic_year(*y)),
    );
    if !c.history.errors.is_empty() {
        let _ = writeln!(o, "\nRows left out ({}):", c.history.errors.len());
        for e in &c.history.errors {
            let _ = writeln!(o, "  {e}");
        }
    }
    if !c.history.ignored_columns.is_empty() {
        let _ = writeln!(
            o,
            "\nColumns not in the template (ignored): {}",
            c.history.ignored_columns.join(", ")
        );
    }
    for (what, list) in [
        ("Phases", &f.unmatched.phases),
        ("Tiers", &f.unmatched.tiers),
    ] {
        if !list.is_empty() {
            let _ = writeln!(o, "\n{what} in the file that match none in the scenario:");
            for (name, lines) in list {
                let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                let _ = writeln!(o, "  “{name}” (lines {})", lines.join(", "));
            }
        }
    }
    if let Some(t) = f.la_trend {
        let _ = writeln!(
            o,
            "\nAll tiers' demand trend: {}% a year{}",
            plain(t.pct, 2),
            t.se_pp.map_or(String::new(), |se| format!(
                " (standard error {} pp)",
                plain(se, 2)
            ))
        );
    }
    let _ = writeln!(
        o,
        "\nFitted values (input: current → fitted [80% interval] — from):"
    );
    for sg in &f.suggestions {
        let interval = sg.interval.map_or(String::new(), |(lo, hi)| {
            format!(" [{} to {}]", plain(lo, 3), plain(hi, 3))
        });
        let _ = writeln!(
            o,
            "  {}: {} → {}{} — {}",
            sg.label,
            plain(sg.current, 3),
            plain(applied_value(sg), 3),
            interval,
            sg.basis
        );
    }
    if !f.notes.is_empty() {
        let _ = writeln!(o, "\nNotes:");
        for n in &f.notes {
            let _ = writeln!(o, "  {}", n.message);
        }
    }
    let _ = writeln!(o, "\nActual against fitted:");
    for s in &f.series {
        let _ = writeln!(o, "  {} (MAPE {})", s.title(), pct(s.mape()));
        for p in &s.points {
            let _ = writeln!(
                o,
                "    {}: actual {}, fitted {}",
                academic_year(p.year),
                plain(p.actual, 1),
                plain(p.fitted, 1)
            );
        }
    }
    match &c.backtest {
        Ok(b) => {
            let _ = writeln!(
                o,
                "\nBacktest: fitted on {} to {}, projected {} (mean absolute error {}):",
                b.fitted_on
                    .first()
                    .map_or("–".into(), |y| academic_year(*y)),
                b.fitted_on.last().map_or("–".into(), |y| academic_year(*y)),
                academic_year(b.year),
                pct(b.mape())
            );
            for l in &b.lines {
                let _ = writeln!(
                    o,
                    "  {} · {}: actual {}, projected {} ({})",
                    l.owner,
                    l.kind.label(),
                    plain(l.actual, 1),
                    plain(l.projected, 1),
                    l.error_pct().map_or("–".into(), |e| format!("{:+.1}%", e))
                );
            }
        }
        Err(e) => {
            let _ = writeln!(o, "\nNo backtest: {e}.");
        }
    }
    o
}
