//! Which inputs differ between two scenarios, in plain English:
//! "Tier 2 · Secondary · referral rate: 2 → 1.6 per 1,000 pupils".
//!
//! Phases, tiers, providers and interventions are matched by id, so a renamed tier is reported
//! as renamed, not as removed and added.

use crate::format::{academic_year, money_full, percent, plain};
use crate::scenario::Scenario;

#[derive(Clone, Copy)]
enum Unit {
    PerThousand,
    Percent,
    Weeks,
    Pupils,
    Money,
    Places,
    Years,
}

fn show(unit: Unit, v: f64) -> String {
    match unit {
        Unit::PerThousand => format!("{} per 1,000 pupils", plain(v, 2)),
        Unit::Percent => percent(v),
        Unit::Weeks => format!("{} weeks", plain(v, 1)),
        Unit::Pupils => format!("{} pupils", plain(v, 0)),
        Unit::Money => money_full(v),
        Unit::Places => format!("{} places", plain(v, 1)),
        Unit::Years => format!("{} years", plain(v, 0)),
    }
}

struct Lines(Vec<String>);

impl Lines {
    fn number(&mut self, label: &str, a: f64, b: f64, unit: Unit) {
        if a != b {
            let (from, to) = (show(unit, a), show(unit, b));
            // "2 → 1.6 per 1,000 pupils": the unit once, when both sides share it.
            let line = match (from.split_once(' '), to.split_once(' ')) {
                (Some((fa, ua)), Some((tb, ub))) if ua == ub => {
                    format!("{label}: {fa} → {tb} {ua}")
                }
                _ => format!("{label}: {from} → {to}"),
            };
            self.0.push(line);
        }
    }

    fn text(&mut self, label: &str, a: &str, b: &str) {
        if a != b {
            self.0.push(format!("{label}: “{a}” → “{b}”"));
        }
    }
}

/// Every input that differs from `a` to `b`, in the order of the form.
pub fn differences(a: &Scenario, b: &Scenario) -> Vec<String> {
    let mut out = Lines(Vec::new());
    out.text("Scenario name", &a.meta.name, &b.meta.name);
    if a.timeline.first_year != b.timeline.first_year {
        out.0.push(format!(
            "First academic year: {} → {}",
            academic_year(a.timeline.first_year),
            academic_year(b.timeline.first_year)
        ));
    }
    out.number(
        "Years to project",
        f64::from(a.timeline.horizon),
        f64::from(b.timeline.horizon),
        Unit::Years,
    );
    out.number(
        "Teaching weeks",
        a.timeline.teaching_weeks,
        b.timeline.teaching_weeks,
        Unit::Weeks,
    );

    for pa in &a.phases {
        match b.phases.iter().find(|p| p.id == pa.id) {
            None => out.0.push(format!("Phase {} removed", pa.name)),
            Some(pb) => {
                out.text(&format!("Phase {} · name", pa.name), &pa.name, &pb.name);
                out.number(
                    &format!("{} · pupils on roll", pa.name),
                    pa.pupils,
                    pb.pupils,
                    Unit::Pupils,
                );
                out.number(
                    &format!("{} · growth", pa.name),
                    pa.growth_pct,
                    pb.growth_pct,
                    Unit::Percent,
                );
                if pa.overrides != pb.overrides {
                    out.0
                        .push(format!("{} · pupil projections by year changed", pa.name));
                }
            }
        }
    }
    for pb in b
        .phases
        .iter()
        .filter(|p| a.phases.iter().all(|q| q.id != p.id))
    {
        out.0.push(format!("Phase {} added", pb.name));
    }

    let phase_name = |s: &Scenario, id: &str| {
        s.phases
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    for ta in &a.tiers {
        let Some(tb) = b.tiers.iter().find(|t| t.id == ta.id) else {
            out.0.push(format!("{} removed", ta.name));
            continue;
        };
        let t = &ta.name;
        out.text(&format!("{t} · name"), &ta.name, &tb.name);
        for da in &ta.phases {
            let p = phase_name(a, &da.phase);
            let Some(db) = tb.phases.iter().find(|d| d.phase == da.phase) else {
                continue;
            };
            out.number(
                &format!("{t} · {p} · referral rate"),
                da.referral_rate,
                db.referral_rate,
                Unit::PerThousand,
            );
            out.number(
                &format!("{t} · {p} · exclusion rate"),
                da.exclusion_rate,
                db.exclusion_rate,
                Unit::PerThousand,
            );
            out.number(
                &format!("{t} · {p} · pupils at the start"),
                da.start_pupils,
                db.start_pupils,
                Unit::Pupils,
            );
        }
        out.number(
            &format!("{t} · demand trend"),
            ta.trend_pct,
            tb.trend_pct,
            Unit::Percent,
        );
        out.number(
            &format!("{t} · length of stay"),
            ta.stay_weeks,
            tb.stay_weeks,
            Unit::Weeks,
        );
        out.number(
            &format!("{t} · returned to mainstream"),
            ta.returned_pct,
            tb.returned_pct,
            Unit::Percent,
        );
        out.number(
            &format!("{t} · stepped up"),
            ta.step_up_pct,
            tb.step_up_pct,
            Unit::Percent,
        );
        out.number(
            &format!("{t} · cost per entry"),
            ta.per_entry_cost,
            tb.per_entry_cost,
            Unit::Money,
        );
        out.number(
            &format!("{t} · transport per place"),
            ta.transport_per_place,
            tb.transport_per_place,
            Unit::Money,
        );
        out.number(
            &format!("{t} · spot place price"),
            ta.spot_price,
            tb.spot_price,
            Unit::Money,
        );
        if ta.over_capacity != tb.over_capacity {
            out.0.push(format!(
                "{t} · above capacity: {} → {}",
                ta.over_capacity.label(),
                tb.over_capacity.label()
            ));
        }
        for pa in &ta.providers {
            let Some(pb) = tb.providers.iter().find(|p| p.id == pa.id) else {
                out.0.push(format!("{t} · {} removed", pa.name));
                continue;
            };
            let n = format!("{t} · {}", pa.name);
            let horizon = a.timeline.horizon.max(b.timeline.horizon) as usize;
            if (0..horizon).any(|y| pa.places_in(y) != pb.places_in(y)) {
                if pa.places.len() <= 1 && pb.places.len() <= 1 {
                    out.number(
                        &format!("{n} · places"),
                        pa.places_in(0),
                        pb.places_in(0),
                        Unit::Places,
                    );
                } else {
                    out.0.push(format!("{n} · places by year changed"));
                }
            }
            out.number(
                &format!("{n} · place funding"),
                pa.place_funding,
                pb.place_funding,
                Unit::Money,
            );
            out.number(&format!("{n} · top-up"), pa.top_up, pb.top_up, Unit::Money);
        }
        for pb in tb
            .providers
            .iter()
            .filter(|p| ta.providers.iter().all(|q| q.id != p.id))
        {
            out.0.push(format!("{t} · {} added", pb.name));
        }
    }
    for tb in b
        .tiers
        .iter()
        .filter(|t| a.tiers.iter().all(|q| q.id != t.id))
    {
        out.0.push(format!("{} added", tb.name));
    }
    if a.tiers
        .iter()
        .map(|t| &t.id)
        .ne(b.tiers.iter().map(|t| &t.id))
        && a.tiers.len() == b.tiers.len()
    {
        out.0.push("Tiers reordered".into());
    }

    for ia in &a.interventions {
        match b.interventions.iter().find(|i| i.id == ia.id) {
            None => out.0.push(format!("Intervention {} removed", ia.name)),
            Some(ib) if ib != ia => {
                let n = format!("Intervention {}", ia.name);
                out.number(
                    &format!("{n} · change"),
                    ia.change_pct,
                    ib.change_pct,
                    Unit::Percent,
                );
                out.number(
                    &format!("{n} · annual cost"),
                    ia.annual_cost,
                    ib.annual_cost,
                    Unit::Money,
                );
                if (ia.first_year, ia.ramp_years, &ia.tier, &ia.phase, ia.target)
                    != (ib.first_year, ib.ramp_years, &ib.tier, &ib.phase, ib.target)
                {
                    out.0.push(format!("{n} · what, where or when changed"));
                }
            }
            Some(_) => {}
        }
    }
    for ib in b
        .interventions
        .iter()
        .filter(|i| a.interventions.iter().all(|q| q.id != i.id))
    {
        out.0.push(format!(
            "Intervention {} added: {} {} from {}, {} a year",
            ib.name,
            ib.target.label(),
            percent(ib.change_pct),
            academic_year(ib.first_year),
            money_full(ib.annual_cost)
        ));
    }
    if a.other_costs != b.other_costs {
        out.0.push("Other fixed costs changed".into());
    }
    out.number("Inflation", a.inflation_pct, b.inflation_pct, Unit::Percent);
    out.number(
        "AP budget in the first year",
        a.budget.first_year,
        b.budget.first_year,
        Unit::Money,
    );
    out.number(
        "Budget growth",
        a.budget.growth_pct,
        b.budget.growth_pct,
        Unit::Percent,
    );
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn a_changed_rate_reads_as_the_brief_asks() {
        let a = examples::dfe_three_tier();
        let mut b = a.clone();
        b.tiers[1].phases[1].referral_rate = 1.2;
        assert_eq!(
            differences(&a, &b),
            vec!["Tier 2: time-limited placements · Secondary · referral rate: 1.5 → 1.2 per 1,000 pupils"]
        );
        assert!(differences(&a, &a).is_empty());
    }

    #[test]
    fn the_invest_to_save_example_lists_its_interventions() {
        let lines = differences(
            &examples::dfe_three_tier(),
            &examples::dfe_early_intervention(),
        );
        assert!(lines[0].starts_with("Scenario name:"));
        assert!(lines.iter().any(|l| l.starts_with("Intervention Inclusion support in schools added: stepped-up % −40% from 2027/28, £450,000 a year")), "{lines:#?}");
        assert_eq!(lines.len(), 3, "{lines:#?}");
    }

    #[test]
    fn structure_changes_are_named() {
        let a = examples::dfe_three_tier();
        let mut b = a.clone();
        crate::edit::add_tier(&mut b);
        b.tiers[2].providers.remove(0);
        b.budget.first_year = 13_000_000.0;
        let lines = differences(&a, &b);
        assert!(lines.contains(
            &"Tier 3: transitional placements · County AP school (secondary) removed".to_string()
        ));
        assert!(lines.contains(&"Tier 4 added".to_string()));
        assert!(
            lines.contains(&"AP budget in the first year: £12,500,000 → £13,000,000".to_string()),
            "{lines:#?}"
        );
    }
}
