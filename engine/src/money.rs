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
use crate::scenario::{BudgetBasis, Funder, Scenario, BUDGET_AUTUMN_SHARE};

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
    /// The share of the deficit brought forward written off by a grant this year.
    pub write_off: f64,
    /// The opening balance plus every in-year position and write-off to this year.
    pub cumulative: f64,
    /// The cumulative deficit the statutory override no longer keeps off the council's general
    /// fund (0 while the override runs, and when in balance).
    pub outside_override: f64,
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

/// The scenario without the plan's new interventions (and their ranges), projected: the
/// unmitigated run. `s` must be valid.
pub fn unmitigated(s: &Scenario) -> Projection {
    // Ranges and levers play no part in a projection, so they are dropped rather than moved
    // (`without_interventions` moves them, for a scenario to keep).
    let mut b = s.clone();
    b.interventions.retain(|iv| iv.in_base_budget);
    b.ranges.clear();
    b.workshop.clear();
    project_valid(&b)
}

/// `s` without the interventions that are new in the plan: what it would cost with no new
/// actions. Interventions already in the base budget stay, with their ranges and levers (moved
/// to their new positions in the list).
pub fn without_interventions(s: &Scenario) -> Scenario {
    let mut b = s.clone();
    // Old position → new position of each intervention kept.
    let mut kept = Vec::with_capacity(s.interventions.len());
    let mut next = 0;
    for iv in &s.interventions {
        kept.push(iv.in_base_budget.then(|| {
            next += 1;
            next - 1
        }));
    }
    b.interventions.retain(|iv| iv.in_base_budget);
    let moved = |field: &mut crate::Field| match field {
        crate::Field::Intervention { intervention, .. } => {
            match kept.get(*intervention).copied().flatten() {
                Some(n) => {
                    *intervention = n;
                    true
                }
                None => false,
            }
        }
        _ => true,
    };
    b.ranges.retain_mut(|r| moved(&mut r.field));
    b.workshop.retain_mut(|l| moved(&mut l.field));
    b
}

/// The amount a grant writes off in academic or financial year `start_year`: the share of the
/// deficit brought forward, in the year the user gives (0 in every other year, and when the
/// opening balance is not a deficit).
pub fn write_off(s: &Scenario, start_year: i32) -> f64 {
    let m = &s.money;
    if start_year == m.write_off_year && m.write_off_pct != 0.0 {
        (-s.money.opening_balance).max(0.0) * m.write_off_pct * 0.01
    } else {
        0.0
    }
}

/// Whether the statutory override has ended by the end of year `start_year`. It ends on
/// 31 March after its last financial year: inside the academic year of that start year.
pub fn override_ended(s: &Scenario, start_year: i32, basis: Basis) -> bool {
    let last = s.money.override_last_year;
    match basis {
        Basis::Financial => start_year > last,
        Basis::Academic => start_year >= last,
    }
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
    let opening = s.money.opening_balance;
    let (mut cumulative, mut unmitigated_cumulative) = (opening, opening);
    let rows = periods(s, &ay, basis)
        .into_iter()
        .map(|(start_year, partial, f)| {
            let in_year = f.budget - f.net;
            let unmitigated_in_year = f.budget - f.unmitigated_net;
            let write_off = write_off(s, start_year);
            cumulative += in_year + write_off;
            unmitigated_cumulative += unmitigated_in_year + write_off;
            MoneyRow {
                label: match basis {
                    Basis::Academic => academic_year(start_year),
                    Basis::Financial => financial_year(start_year),
                },
                start_year,
                partial,
                by_funder: f.by_funder,
                whole_system: f.by_funder.iter().sum(),
                income: f.income,
                net: f.net,
                budget: f.budget,
                in_year,
                write_off,
                cumulative,
                outside_override: outside_override(s, start_year, basis, cumulative),
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

/// The cumulative deficit outside the statutory override at the end of year `start_year`.
fn outside_override(s: &Scenario, start_year: i32, basis: Basis, cumulative: f64) -> f64 {
    if override_ended(s, start_year, basis) {
        (-cumulative).max(0.0)
    } else {
        0.0
    }
}

/// The years of a money table (start year, whether partly outside the projection) with their
/// flows, from the academic years' flows `ay`.
fn periods(s: &Scenario, ay: &[Flows], basis: Basis) -> Vec<(i32, bool, Flows)> {
    let first = s.timeline.first_year;
    match basis {
        Basis::Academic => ay
            .iter()
            .enumerate()
            .map(|(t, f)| (first.saturating_add(t as i32), false, *f))
            .collect(),
        Basis::Financial => {
            let a = s.money.fy_split.autumn_share();
            let n = ay.len();
            (0..=n)
                .map(|k| {
                    let year = first.saturating_add(k as i32);
                    let autumn = ay.get(k).map(|f| f.scaled(a)).unwrap_or_default();
                    let summer = k
                        .checked_sub(1)
                        .and_then(|j| ay.get(j))
                        .map(|f| f.scaled(1.0 - a))
                        .unwrap_or_default();
                    let partial = k == 0 || k == n;
                    let mut flows = autumn.plus(summer);
                    if s.budget.basis == BudgetBasis::Financial {
                        // The budget typed per financial year is that year's own, split by
                        // months where the year is only partly inside the projection.
                        let covered = match (k == 0, k == n) {
                            (true, true) => 0.0,
                            (true, false) => BUDGET_AUTUMN_SHARE,
                            (false, true) => 1.0 - BUDGET_AUTUMN_SHARE,
                            (false, false) => 1.0,
                        };
                        flows.budget = s.budget.financial_year(k) * covered;
                    }
                    (year, partial, flows)
                })
                .collect()
        }
    }
}

/// One year's position, without the table's labels and lines: what the simulation keeps of
/// each draw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Position {
    pub start_year: i32,
    pub partial: bool,
    /// Net high-needs spend.
    pub net: f64,
    pub budget: f64,
    /// Budget minus net spend.
    pub in_year: f64,
    /// The opening balance plus every in-year position and write-off to this year.
    pub cumulative: f64,
}

/// The mitigated position year by year in academic or financial years: the same figures as the
/// money table's (a test checks it), made without its labels or unmitigated run.
pub fn positions(s: &Scenario, pr: &Projection, basis: Basis) -> Vec<Position> {
    let ay: Vec<Flows> = pr
        .summaries
        .iter()
        .map(|y| Flows {
            net: y.total_spend,
            budget: y.budget,
            ..Flows::default()
        })
        .collect();
    let mut cumulative = s.money.opening_balance;
    periods(s, &ay, basis)
        .into_iter()
        .map(|(start_year, partial, f)| {
            let in_year = f.budget - f.net;
            cumulative += in_year + write_off(s, start_year);
            Position {
                start_year,
                partial,
                net: f.net,
                budget: f.budget,
                in_year,
                cumulative,
            }
        })
        .collect()
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
        (
            "Deficit written off by grant (stability grant)",
            col(&|r| r.write_off),
        ),
        ("Cumulative position (mitigated)", col(&|r| r.cumulative)),
        (
            "Deficit outside the statutory override (mitigated)",
            col(&|r| r.outside_override),
        ),
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
        (
            "Paid by the council (general fund)",
            funder(Funder::Council),
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
