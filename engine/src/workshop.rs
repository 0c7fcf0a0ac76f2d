//! Workshop levers: the few inputs a room of headteachers moves on a projector. A lever names an
//! input of the catalogue ([`crate::fields::Field`]) and the range its slider covers; its label,
//! unit and default range come from the catalogue. The scenario's author chooses them;
//! [`suggested`] offers a starting set.

use crate::fields::{self, Field, InterventionField, TierField};
use crate::scenario::{Scenario, WorkshopLever};

/// The most levers a workshop shows (they must fit a projector beside two charts).
pub const MAX_LEVERS: usize = 6;

/// A lever on `field` with the catalogue's label and default range, if a slider may move it.
pub fn lever_on(s: &Scenario, field: Field) -> Option<WorkshopLever> {
    if !field.can_be_lever(s) {
        return None;
    }
    let (min, max, step) = field.lever_range(s)?;
    Some(WorkshopLever {
        field,
        label: field.lever_label(s),
        min,
        max,
        step,
    })
}

/// A starting set of levers: Tier 1 investment (up to two interventions on the first tier), the
/// first tier's step-up %, the demand trend of the last tier, and the places of the last tier's
/// first provider.
pub fn suggested(s: &Scenario) -> Vec<WorkshopLever> {
    let mut fields = Vec::new();
    if let Some(first) = s.tiers.first() {
        fields.extend(
            s.interventions
                .iter()
                .enumerate()
                .filter(|(_, iv)| iv.tier == first.id)
                .take(2)
                .map(|(intervention, _)| Field::Intervention {
                    intervention,
                    what: InterventionField::AnnualCost,
                }),
        );
        fields.push(Field::Tier {
            tier: 0,
            what: TierField::StepUp,
        });
    }
    if let Some(last) = s.tiers.len().checked_sub(1) {
        fields.push(Field::Tier {
            tier: last,
            what: TierField::Trend,
        });
        fields.push(Field::Places {
            tier: last,
            provider: 0,
            year: None,
        });
    }
    let mut levers: Vec<WorkshopLever> =
        fields.into_iter().filter_map(|f| lever_on(s, f)).collect();
    // A step-up slider stops where it would leave no room for the returned share.
    for lever in &mut levers {
        if let Field::Tier {
            tier,
            what: TierField::StepUp,
        } = lever.field
        {
            if let Some(t) = s.tiers.get(tier) {
                lever.max = (100.0 - t.returned_pct.clamp(0.0, 100.0)).max(lever.min + lever.step);
            }
        }
    }
    levers
}

/// Every input a lever could move, with its default range, for the author to choose from.
pub fn candidates(s: &Scenario) -> Vec<WorkshopLever> {
    fields::all(s)
        .into_iter()
        .filter_map(|f| lever_on(s, f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::fields::TopField;

    #[test]
    fn suggested_levers_read_and_move_their_fields() {
        let s = examples::dfe_early_intervention();
        let levers = suggested(&s);
        let fields: Vec<String> = levers.iter().map(|l| l.field.to_string()).collect();
        assert_eq!(
            fields,
            vec![
                "interventions.0.annual_cost",
                "tiers.0.step_up_pct",
                "tiers.2.trend_pct",
                "tiers.2.providers.0.places"
            ]
        );
        assert_eq!(
            levers[2].label,
            "Tier 3: transitional placements: demand trend (% a year)"
        );
        for lever in &levers {
            let v = lever.field.number(&s).unwrap();
            assert!(lever.min <= v && v <= lever.max, "{lever:?} holds {v}");
            let mut moved = s.clone();
            lever.field.set_number(&mut moved, lever.max).unwrap();
            assert_eq!(lever.field.number(&moved), Some(lever.max));
            assert_eq!(crate::validate(&moved), Ok(()), "{}", lever.field);
        }
    }

    #[test]
    fn every_candidate_names_a_field_levers_can_move() {
        let s = examples::four_level_local();
        let all = candidates(&s);
        assert!(all.len() > 20);
        for c in &all {
            let v = c.field.number(&s).unwrap_or_else(|| panic!("{}", c.field));
            assert!(c.min < c.max && c.min <= v && v <= c.max, "{c:?} holds {v}");
            // Both ends of the slider lie inside the input's allowed range.
            let (min, max) = c.field.range(&s).unwrap();
            assert!(min <= c.min && c.max <= max, "{c:?} outside {min}..{max}");
        }
        assert!(all.iter().any(|c| c.label
            == "Tier 2: time-limited placements · Secondary: referral rate (per 1,000)"
            || c.label.ends_with("referral rate (per 1,000)")));
    }

    #[test]
    fn a_lever_on_the_budget_is_in_pounds() {
        let s = examples::dfe_three_tier();
        let budget = Field::Top(TopField::BudgetFirstYear);
        let lever = lever_on(&s, budget).unwrap();
        assert_eq!(
            lever.label,
            "High-needs budget for AP in the first year (£)"
        );
        assert_eq!(
            budget.spec().unit().map(|u| u.show(lever.max)),
            Some("£20,000,000".to_string())
        );
    }

    #[test]
    fn names_and_the_last_tier_step_up_are_not_levers() {
        let s = examples::dfe_three_tier();
        for field in [
            Field::Top(TopField::Name),
            Field::Tier {
                tier: 2,
                what: TierField::StepUp,
            },
            Field::Tier {
                tier: 9,
                what: TierField::Trend,
            },
        ] {
            assert_eq!(lever_on(&s, field), None, "{field}");
        }
    }
}
