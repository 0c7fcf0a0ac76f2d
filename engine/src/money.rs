//! The money as a high-needs finance lead reads it: spend by funder, income, net high-needs
//! spend against the budget, the in-year and cumulative position, in academic or financial
//! years, for the plan (mitigated) and for the same scenario without its interventions
//! (unmitigated), as the DfE's DSG management plan template shows both.
//!
//! Financial years (April to March, written 2027-28) take each academic year's figures in two
//! parts: the financial year starting in April of year y takes September–March of academic
//! year y (a share `a`, 7/12 by months or 26/39 by teaching weeks) and April–August of academic
//! year y − 1 (the rest, 1 − `a`). So a projection of H academic years covers H + 1 financial
//! years, the first and last of them only partly (marked `partial`). Formulas: `docs/model.md`.

use serde::Serialize;

use crate::format::{academic_year, financial_year};
use crate::project::project_valid;
use crate::results::{ByFunder, Projection};
use crate::scenario::{Funder, Scenario};

/// Which years a money table is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Basis {
    /// September to August, written 2026/27.
    #[default]
    Academic,
    /// April to March, written 2027-28.
    Financial,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Academic => "Academic years",
            Basis::Financial => "Financial years",
        }
    }
}

/// One year's money.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MoneyRow {
    /// The year as written: "2026/27" or "2027-28".
    pub label: String,
    /// The calendar year the year starts in.
    pub start_year: i32,
    /// A financial year only partly inside the projection (its first or last).
    pub partial: bool,
    /// Spend by funder (high-needs block, schools, grants, other), whole system.
    pub by_funder: ByFunder,
    pub whole_system: f64,
    /// AWPU recovered from excluding schools.
    pub income: f64,
    /// High-needs spend net of income (mitigated: with the plan's interventions).
    pub net: f64,
    pub budget: f64,
    /// Budget minus net high-needs spend: negative is an in-year overspend.
    pub in_year: f64,
    /// The opening balance plus every in-year position to this year.
    pub cumulative: f64,
    /// Net high-needs spend without the interventions.
    pub unmitigated_net: f64,
    pub unmitigated_in_year: f64,
    pub unmitigated_cumulative: f64,
}

impl MoneyRow {
    /// The plan's mitigation this year: unmitigated minus mitigated net high-needs spend.
    pub fn mitigation(&self) -> f64 {
        self.unmitigated_net - self.net
    }
}

/// The money year by year.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MoneyTable {
    pub basis: Basis,
    pub opening_balance: f64,
    pub rows: Vec<MoneyRow>,
}

/// The scenario without its interventions (and their ranges), projected: the unmitigated run.
/// `s` must be valid.
pub fn unmitigated(s: &Scenario) -> Projection {
    project_valid(&without_interventions(s))
}

/// `s` with no interventions: what the plan would cost with no new actions.
pub fn without_interventions(s: &Scenario) -> Scenario {
    let mut b = s.clone();
    b.interventions.clear();
    b.ranges
        .retain(|r| !matches!(r.field, crate::Field::Intervention { .. }));
    b.workshop
        .retain(|l| !matches!(l.field, crate::Field::Intervention { .. }));
    b
}

/// The academic-year figures one row is built from.
#[derive(Clone, Copy, Default)]
struct Flows {
    by_funder: ByFunder,
    income: f64,
    net: f64,
    budget: f64,
    unmitigated_net: f64,
}

impl Flows {
    fn scaled(self, k: f64) -> Flows {
        Flows {
            by_funder: self.by_funder.map(|v| v * k),
            income: self.income * k,
            net: self.net * k,
            budget: self.budget * k,
            unmitigated_net: self.unmitigated_net * k,
        }
    }

    fn plus(self, o: Flows) -> Flows {
        let mut by_funder = self.by_funder;
        for (a, b) in by_funder.iter_mut().zip(o.by_funder) {
            *a += b;
        }
        Flows {
            by_funder,
            income: self.income + o.income,
            net: self.net + o.net,
            budget: self.budget + o.budget,
            unmitigated_net: self.unmitigated_net + o.unmitigated_net,
        }
    }
}

/// The money table of scenario `s` from its projection and its unmitigated projection
/// ([`unmitigated`]), in academic or financial years.
pub fn money_table(
    s: &Scenario,
    mitigated: &Projection,
    unmitigated: &Projection,
    basis: Basis,
) -> MoneyTable {
    let ay: Vec<Flows> = mitigated
        .summaries
        .iter()
        .enumerate()
        .map(|(t, y)| Flows {
            by_funder: y.by_funder,
            income: y.income,
            net: y.total_spend,
            budget: y.budget,
            unmitigated_net: unmitigated
                .summaries
                .get(t)
                .map_or(y.total_spend, |u| u.total_spend),
        })
        .collect();
    let first = s.timeline.first_year;
    let periods: Vec<(String, i32, bool, Flows)> = match basis {
        Basis::Academic => ay
            .iter()
            .enumerate()
            .map(|(t, f)| {
                let year = first.saturating_add(t as i32);
                (academic_year(year), year, false, *f)
            })
            .collect(),
        Basis::Financial => {
            let a = s.money.fy_split.autumn_share();
            (0..=ay.len())
                .map(|k| {
                    let year = first.saturating_add(k as i32);
                    let autumn = ay.get(k).map(|f| f.scaled(a)).unwrap_or_default();
                    let summer = k
                        .checked_sub(1)
                        .and_then(|j| ay.get(j))
                        .map(|f| f.scaled(1.0 - a))
                        .unwrap_or_default();
                    let partial = k == 0 || k == ay.len();
                    (financial_year(year), year, partial, autumn.plus(summer))
                })
                .collect()
        }
    };
    let opening = s.money.opening_balance;
    let (mut cumulative, mut unmitigated_cumulative) = (opening, opening);
    let rows = periods
        .into_iter()
        .map(|(label, start_year, partial, f)| {
            let in_year = f.budget - f.net;
            let unmitigated_in_year = f.budget - f.unmitigated_net;
            cumulative += in_year;
            unmitigated_cumulative += unmitigated_in_year;
            MoneyRow {
                label,
                start_year,
                partial,
                by_funder: f.by_funder,
                whole_system: f.by_funder.iter().sum(),
                income: f.income,
                net: f.net,
                budget: f.budget,
                in_year,
                cumulative,
                unmitigated_net: f.unmitigated_net,
                unmitigated_in_year,
                unmitigated_cumulative,
            }
        })
        .collect();
    MoneyTable {
        basis,
        opening_balance: opening,
        rows,
    }
}

/// The lines of the money table in the order of the DSG plan's summary: one line per figure,
/// one figure per year. Labels are what the sheet and the view show.
pub fn lines(table: &MoneyTable) -> Vec<(&'static str, Vec<f64>)> {
    let col = |f: &dyn Fn(&MoneyRow) -> f64| table.rows.iter().map(f).collect::<Vec<f64>>();
    let funder = |k: Funder| col(&move |r: &MoneyRow| r.by_funder[k.index()]);
    vec![
        ("High-needs block spend", funder(Funder::HighNeeds)),
        (
            "Less: AWPU recovered from excluding schools",
            col(&|r| -r.income),
        ),
        ("Net high-needs spend (mitigated)", col(&|r| r.net)),
        ("High-needs budget", col(&|r| r.budget)),
        ("In-year position (mitigated)", col(&|r| r.in_year)),
        ("Cumulative position (mitigated)", col(&|r| r.cumulative)),
        (
            "Net high-needs spend (unmitigated)",
            col(&|r| r.unmitigated_net),
        ),
        (
            "In-year position (unmitigated)",
            col(&|r| r.unmitigated_in_year),
        ),
        (
            "Cumulative position (unmitigated)",
            col(&|r| r.unmitigated_cumulative),
        ),
        (
            "Mitigation (unmitigated less mitigated spend)",
            col(&|r| r.mitigation()),
        ),
        ("Paid by schools", funder(Funder::Schools)),
        ("Paid by grants", funder(Funder::Grant)),
        ("Paid by other budgets", funder(Funder::Other)),
        ("Whole-system spend", col(&|r| r.whole_system)),
    ]
}

/// The period headings of a table: "2027-28", with "(part)" after a partial financial year.
pub fn headings(table: &MoneyTable) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|r| {
            if r.partial {
                format!("{} (part)", r.label)
            } else {
                r.label.clone()
            }
        })
        .collect()
}
