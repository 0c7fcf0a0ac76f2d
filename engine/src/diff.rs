//! Which inputs differ between two scenarios, in plain English:
//! "Tier 2 · Secondary · referral rate: 2 → 1.6 per 1,000 pupils".
//!
//! Phases, tiers, providers and interventions are matched by id, so a renamed tier is reported
//! as renamed, not as removed and added.

use crate::fields::{
    DemandField, Field, InterventionField, PhaseField, ProviderField, TierField, TopField, Unit,
};
use crate::format::{academic_year, money_full, percent};
use crate::scenario::Scenario;

struct Lines<'a> {
    a: &'a Scenario,
    b: &'a Scenario,
    out: Vec<String>,
}

impl Lines<'_> {
    /// A line for the input `fa` of `a` and `fb` of `b` (the same input of the same item, which
    /// may sit at another position) when their numbers differ.
    fn number(&mut self, fa: Field, fb: Field) {
        let (Some(x), Some(y)) = (fa.number(self.a), fb.number(self.b)) else {
            return;
        };
        if x == y {
            return;
        }
        let unit = fa.unit(self.a).unwrap_or(Unit::Plain);
        let (from, to) = (unit.show(x), unit.show(y));
        let label = fa.describe(self.a);
        // "2 → 1.6 per 1,000 pupils": the unit once, when both sides share it.
        let line = match (from.split_once(' '), to.split_once(' ')) {
            (Some((fx, ux)), Some((ty, uy))) if ux == uy => format!("{label}: {fx} → {ty} {ux}"),
            _ => format!("{label}: {from} → {to}"),
        };
        self.out.push(line);
    }

    /// A choice (who pays, how financial years are split) that differs, by its options' labels.
    fn choice(&mut self, fa: Field, fb: Field) {
        let (Some(x), Some(y)) = (fa.get(self.a), fb.get(self.b)) else {
            return;
        };
        let (Some(x), Some(y)) = (x.as_text(), y.as_text()) else {
            return;
        };
        if x == y {
            return;
        }
        let label = |field: Field, s: &Scenario, key: &str| {
            field
                .options(s)
                .into_iter()
                .find(|(k, _)| k == key)
                .map_or(key.to_string(), |(_, l)| l)
        };
        let line = format!(
            "{}: {} → {}",
            fa.describe(self.a),
            label(fa, self.a, x),
            label(fb, self.b, y)
        );
        self.out.push(line);
    }

    fn text(&mut self, label: &str, x: &str, y: &str) {
        if x != y {
            self.out.push(format!("{label}: “{x}” → “{y}”"));
        }
    }

    fn push(&mut self, line: String) {
        self.out.push(line);
    }
}

/// Every input that differs from `a` to `b`, in the order of the form.
pub fn differences(a: &Scenario, b: &Scenario) -> Vec<String> {
    let mut out = Lines {
        a,
        b,
        out: Vec::new(),
    };
    out.text("Scenario name", &a.meta.name, &b.meta.name);
    for what in [
        TopField::FirstYear,
        TopField::Horizon,
        TopField::TeachingWeeks,
    ] {
        out.number(Field::Top(what), Field::Top(what));
    }

    for (pa_n, pa) in a.phases.iter().enumerate() {
        let Some(pb_n) = b.phases.iter().position(|p| p.id == pa.id) else {
            out.push(format!("Phase {} removed", pa.name));
            continue;
        };
        let pb = &b.phases[pb_n];
        out.text(&format!("Phase {} · name", pa.name), &pa.name, &pb.name);
        for &what in &PhaseField::ALL[1..] {
            out.number(
                Field::Phase { phase: pa_n, what },
                Field::Phase { phase: pb_n, what },
            );
        }
        if pa.overrides != pb.overrides {
            out.push(format!("{} · pupil projections by year changed", pa.name));
        }
    }
    for pb in b
        .phases
        .iter()
        .filter(|p| a.phases.iter().all(|q| q.id != p.id))
    {
        out.push(format!("Phase {} added", pb.name));
    }

    for (ia, ta) in a.tiers.iter().enumerate() {
        let Some(ib) = b.tiers.iter().position(|t| t.id == ta.id) else {
            out.push(format!("{} removed", ta.name));
            continue;
        };
        let tb = &b.tiers[ib];
        let t = &ta.name;
        out.text(&format!("{t} · name"), &ta.name, &tb.name);
        for (la, da) in ta.phases.iter().enumerate() {
            let Some(lb) = tb.phases.iter().position(|d| d.phase == da.phase) else {
                continue;
            };
            for &what in DemandField::ALL {
                out.number(
                    Field::Demand {
                        tier: ia,
                        line: la,
                        what,
                    },
                    Field::Demand {
                        tier: ib,
                        line: lb,
                        what,
                    },
                );
            }
        }
        for &what in TierField::ALL {
            out.number(
                Field::Tier { tier: ia, what },
                Field::Tier { tier: ib, what },
            );
        }
        for what in [
            TierField::PerEntryFunder,
            TierField::TransportFunder,
            TierField::SpotFunder,
            TierField::WaitingFunder,
        ] {
            out.choice(
                Field::Tier { tier: ia, what },
                Field::Tier { tier: ib, what },
            );
        }
        if ta.over_capacity != tb.over_capacity {
            out.push(format!(
                "{t} · above capacity: {} → {}",
                ta.over_capacity.label(),
                tb.over_capacity.label()
            ));
        }
        for (ka, pa) in ta.providers.iter().enumerate() {
            let Some(kb) = tb.providers.iter().position(|p| p.id == pa.id) else {
                out.push(format!("{t} · {} removed", pa.name));
                continue;
            };
            let pb = &tb.providers[kb];
            let horizon = a.timeline.horizon.max(b.timeline.horizon) as usize;
            if (0..horizon).any(|y| pa.places_in(y) != pb.places_in(y)) {
                if pa.places.len() <= 1 && pb.places.len() <= 1 {
                    out.number(
                        Field::Places {
                            tier: ia,
                            provider: ka,
                            year: None,
                        },
                        Field::Places {
                            tier: ib,
                            provider: kb,
                            year: None,
                        },
                    );
                } else {
                    out.push(format!("{t} · {} · places by year changed", pa.name));
                }
            }
            for &what in ProviderField::ALL {
                out.number(
                    Field::Provider {
                        tier: ia,
                        provider: ka,
                        what,
                    },
                    Field::Provider {
                        tier: ib,
                        provider: kb,
                        what,
                    },
                );
            }
            for what in [
                ProviderField::PlaceFundingFunder,
                ProviderField::TopUpFunder,
            ] {
                out.choice(
                    Field::Provider {
                        tier: ia,
                        provider: ka,
                        what,
                    },
                    Field::Provider {
                        tier: ib,
                        provider: kb,
                        what,
                    },
                );
            }
        }
        for pb in tb
            .providers
            .iter()
            .filter(|p| ta.providers.iter().all(|q| q.id != p.id))
        {
            out.push(format!("{t} · {} added", pb.name));
        }
    }
    for tb in b
        .tiers
        .iter()
        .filter(|t| a.tiers.iter().all(|q| q.id != t.id))
    {
        out.push(format!("{} added", tb.name));
    }
    if a.tiers
        .iter()
        .map(|t| &t.id)
        .ne(b.tiers.iter().map(|t| &t.id))
        && a.tiers.len() == b.tiers.len()
    {
        out.push("Tiers reordered".into());
    }

    for (na, ia) in a.interventions.iter().enumerate() {
        match b.interventions.iter().position(|i| i.id == ia.id) {
            None => out.push(format!("Intervention {} removed", ia.name)),
            Some(nb) if b.interventions[nb] != *ia => {
                let ib = &b.interventions[nb];
                for what in [InterventionField::Change, InterventionField::AnnualCost] {
                    out.number(
                        Field::Intervention {
                            intervention: na,
                            what,
                        },
                        Field::Intervention {
                            intervention: nb,
                            what,
                        },
                    );
                }
                out.choice(
                    Field::Intervention {
                        intervention: na,
                        what: InterventionField::Funder,
                    },
                    Field::Intervention {
                        intervention: nb,
                        what: InterventionField::Funder,
                    },
                );
                if (ia.first_year, ia.ramp_years, &ia.tier, &ia.phase, ia.target)
                    != (ib.first_year, ib.ramp_years, &ib.tier, &ib.phase, ib.target)
                {
                    out.push(format!(
                        "Intervention {} · what, where or when changed",
                        ia.name
                    ));
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
        out.push(format!(
            "Intervention {} added: {} {} from {}, {} a year",
            ib.name,
            ib.target.label(),
            percent(ib.change_pct),
            academic_year(ib.first_year),
            money_full(ib.annual_cost)
        ));
    }
    if a.other_costs != b.other_costs {
        out.push("Other fixed costs changed".into());
    }
    for what in TopField::MONEY {
        if what == TopField::FySplit {
            out.choice(Field::Top(what), Field::Top(what));
        } else {
            out.number(Field::Top(what), Field::Top(what));
        }
    }
    out.out
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
    fn who_pays_and_the_money_settings_are_named() {
        let a = examples::dfe_three_tier();
        let mut b = a.clone();
        b.tiers[0].per_entry_funder =
            crate::scenario::Funding::One(crate::scenario::Funder::HighNeeds);
        b.tiers[2].providers[0].top_up_funder =
            crate::scenario::Funding::One(crate::scenario::Funder::Grant);
        b.money.opening_balance = -2_000_000.0;
        b.money.fy_split = crate::scenario::FySplit::TeachingWeeks;
        let lines = differences(&a, &b);
        for line in [
            "Tier 1: targeted support · cost per entry paid by: Schools → High-needs block",
            "Tier 3: transitional placements · County AP school (secondary) · top-up paid by: High-needs block → Grant",
            "Cumulative DSG position at 31 March before the first financial year: £0 → −£2,000,000",
            "Financial years from academic years: By months (7/12 and 5/12) → By teaching weeks (autumn and spring 2/3, summer 1/3)",
        ] {
            assert!(lines.contains(&line.to_string()), "{line} in {lines:#?}");
        }
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
            lines.contains(
                &"High-needs budget for AP in the first year: £10,000,000 → £13,000,000"
                    .to_string()
            ),
            "{lines:#?}"
        );
    }
}
