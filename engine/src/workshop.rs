//! Workshop levers: the few inputs a room of headteachers moves on a projector. Each lever names
//! a number in the scenario by its field path and gives the range its slider covers. The
//! scenario's author chooses them; [`suggested`] offers a starting set.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkshopLever {
    /// Field path, as in validation messages: `tiers.0.step_up_pct`.
    pub field: String,
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

/// Split `tiers.2.providers.0.places` into its parts.
fn parts(path: &str) -> Vec<&str> {
    path.split('.').collect()
}

fn index(part: &str) -> Option<usize> {
    part.parse().ok()
}

/// The number at `path`, for the fields a lever may move.
pub fn get(s: &Scenario, path: &str) -> Option<f64> {
    match parts(path).as_slice() {
        ["tiers", i, field] => {
            let t = s.tiers.get(index(i)?)?;
            Some(match *field {
                "trend_pct" => t.trend_pct,
                "stay_weeks" => t.stay_weeks,
                "returned_pct" => t.returned_pct,
                "step_up_pct" => t.step_up_pct,
                "per_entry_cost" => t.per_entry_cost,
                "spot_price" => t.spot_price,
                _ => return None,
            })
        }
        ["tiers", i, "phases", k, field] => {
            let d = s.tiers.get(index(i)?)?.phases.get(index(k)?)?;
            Some(match *field {
                "referral_rate" => d.referral_rate,
                "exclusion_rate" => d.exclusion_rate,
                _ => return None,
            })
        }
        ["tiers", i, "providers", k, "places"] => Some(
            s.tiers
                .get(index(i)?)?
                .providers
                .get(index(k)?)?
                .places_in(0),
        ),
        ["interventions", n, field] => {
            let iv = s.interventions.get(index(n)?)?;
            Some(match *field {
                "annual_cost" => iv.annual_cost,
                "change_pct" => iv.change_pct,
                _ => return None,
            })
        }
        ["budget", "first_year"] => Some(s.budget.first_year),
        _ => None,
    }
}

/// Set the number at `path`; false if the path names no lever-able field.
pub fn set(s: &mut Scenario, path: &str, v: f64) -> bool {
    let p = parts(path);
    let slot: Option<&mut f64> =
        match p.as_slice() {
            ["tiers", i, field] => {
                index(i)
                    .and_then(|i| s.tiers.get_mut(i))
                    .and_then(|t| match *field {
                        "trend_pct" => Some(&mut t.trend_pct),
                        "stay_weeks" => Some(&mut t.stay_weeks),
                        "returned_pct" => Some(&mut t.returned_pct),
                        "step_up_pct" => Some(&mut t.step_up_pct),
                        "per_entry_cost" => Some(&mut t.per_entry_cost),
                        "spot_price" => Some(&mut t.spot_price),
                        _ => None,
                    })
            }
            ["tiers", i, "phases", k, field] => index(i)
                .and_then(|i| s.tiers.get_mut(i))
                .and_then(|t| index(k).and_then(|k| t.phases.get_mut(k)))
                .and_then(|d| match *field {
                    "referral_rate" => Some(&mut d.referral_rate),
                    "exclusion_rate" => Some(&mut d.exclusion_rate),
                    _ => None,
                }),
            ["tiers", i, "providers", k, "places"] => {
                let provider = index(i)
                    .and_then(|i| s.tiers.get_mut(i))
                    .and_then(|t| index(k).and_then(|k| t.providers.get_mut(k)));
                return match provider {
                    Some(p) => {
                        // A lever sets the same number of places every year.
                        p.places = vec![v];
                        true
                    }
                    None => false,
                };
            }
            ["interventions", n, field] => index(n)
                .and_then(|n| s.interventions.get_mut(n))
                .and_then(|iv| match *field {
                    "annual_cost" => Some(&mut iv.annual_cost),
                    "change_pct" => Some(&mut iv.change_pct),
                    _ => None,
                }),
            ["budget", "first_year"] => Some(&mut s.budget.first_year),
            _ => None,
        };
    match slot {
        Some(slot) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// A starting set of levers: Tier 1 investment (each intervention on the first tier), the first
/// tier's step-up %, the demand trend of the last tier, and new places at the last tier's first
/// provider. Ranges run from zero (or a fall) to about twice today's figure.
pub fn suggested(s: &Scenario) -> Vec<WorkshopLever> {
    let mut levers = Vec::new();
    let first = s.tiers.first();
    for (n, iv) in s.interventions.iter().enumerate() {
        if first.is_some_and(|t| t.id == iv.tier) && levers.len() < 2 {
            levers.push(WorkshopLever {
                field: format!("interventions.{n}.annual_cost"),
                label: format!("{}: investment a year", iv.name),
                min: 0.0,
                max: (iv.annual_cost * 2.0).max(500_000.0).round(),
                step: 10_000.0,
            });
        }
    }
    if let Some(t) = first {
        if s.tiers.len() > 1 {
            levers.push(WorkshopLever {
                field: "tiers.0.step_up_pct".into(),
                label: format!("{}: stepped up to the next tier (%)", t.name),
                min: 0.0,
                max: 100.0 - t.returned_pct.min(100.0),
                step: 1.0,
            });
        }
    }
    if let Some((i, t)) = s.tiers.iter().enumerate().next_back() {
        levers.push(WorkshopLever {
            field: format!("tiers.{i}.trend_pct"),
            label: format!("{}: demand trend (% a year)", t.name),
            min: -10.0,
            max: 15.0,
            step: 0.5,
        });
        if let Some(p) = t.providers.first() {
            levers.push(WorkshopLever {
                field: format!("tiers.{i}.providers.0.places"),
                label: format!("{}: commissioned places", p.name),
                min: 0.0,
                max: (p.places_in(0) * 2.0).max(20.0).round(),
                step: 1.0,
            });
        }
    }
    levers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn suggested_levers_read_and_move_their_fields() {
        let s = examples::dfe_early_intervention();
        let levers = suggested(&s);
        let fields: Vec<&str> = levers.iter().map(|l| l.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "interventions.0.annual_cost",
                "tiers.0.step_up_pct",
                "tiers.2.trend_pct",
                "tiers.2.providers.0.places"
            ]
        );
        for lever in &levers {
            let v = get(&s, &lever.field).unwrap();
            assert!(lever.min <= v && v <= lever.max, "{lever:?} holds {v}");
            let mut moved = s.clone();
            assert!(set(&mut moved, &lever.field, lever.max));
            assert_eq!(get(&moved, &lever.field), Some(lever.max));
            assert_eq!(crate::validate(&moved), Ok(()), "{}", lever.field);
        }
    }

    #[test]
    fn unknown_or_missing_fields_are_refused() {
        let mut s = examples::dfe_three_tier();
        for path in [
            "tiers.9.trend_pct",
            "tiers.0.name",
            "meta.name",
            "",
            "tiers.x.trend_pct",
        ] {
            assert_eq!(get(&s, path), None, "{path}");
            assert!(!set(&mut s, path, 1.0), "{path}");
        }
        assert_eq!(s, examples::dfe_three_tier());
    }
}

/// The most levers a workshop shows (they must fit a projector beside two charts).
pub const MAX_LEVERS: usize = 6;

/// Every field a lever could move, with a sensible range, for the author to choose from.
pub fn candidates(s: &Scenario) -> Vec<WorkshopLever> {
    let lever = |field: String, label: String, min: f64, max: f64, step: f64| WorkshopLever {
        field,
        label,
        min,
        max,
        step,
    };
    let twice = |v: f64, floor: f64| (v * 2.0).max(floor);
    let mut out = Vec::new();
    for (i, t) in s.tiers.iter().enumerate() {
        for (k, d) in t.phases.iter().enumerate() {
            let phase = s
                .phases
                .iter()
                .find(|p| p.id == d.phase)
                .map_or(d.phase.as_str(), |p| p.name.as_str());
            out.push(lever(
                format!("tiers.{i}.phases.{k}.referral_rate"),
                format!("{} · {phase}: referral rate (per 1,000)", t.name),
                0.0,
                twice(d.referral_rate, 5.0),
                0.1,
            ));
            out.push(lever(
                format!("tiers.{i}.phases.{k}.exclusion_rate"),
                format!("{} · {phase}: exclusion rate (per 1,000)", t.name),
                0.0,
                twice(d.exclusion_rate, 5.0),
                0.1,
            ));
        }
        out.push(lever(
            format!("tiers.{i}.trend_pct"),
            format!("{}: demand trend (% a year)", t.name),
            -10.0,
            15.0,
            0.5,
        ));
        out.push(lever(
            format!("tiers.{i}.stay_weeks"),
            format!("{}: length of stay (weeks)", t.name),
            1.0,
            twice(t.stay_weeks, 52.0),
            1.0,
        ));
        out.push(lever(
            format!("tiers.{i}.returned_pct"),
            format!("{}: returned to mainstream (%)", t.name),
            0.0,
            100.0,
            1.0,
        ));
        if i + 1 < s.tiers.len() {
            out.push(lever(
                format!("tiers.{i}.step_up_pct"),
                format!("{}: stepped up (%)", t.name),
                0.0,
                100.0,
                1.0,
            ));
        }
        for (k, p) in t.providers.iter().enumerate() {
            out.push(lever(
                format!("tiers.{i}.providers.{k}.places"),
                format!("{}: commissioned places", p.name),
                0.0,
                twice(p.places_in(0), 20.0).round(),
                1.0,
            ));
        }
    }
    for (n, iv) in s.interventions.iter().enumerate() {
        out.push(lever(
            format!("interventions.{n}.annual_cost"),
            format!("{}: investment a year", iv.name),
            0.0,
            twice(iv.annual_cost, 500_000.0).round(),
            10_000.0,
        ));
        out.push(lever(
            format!("interventions.{n}.change_pct"),
            format!("{}: effect (%)", iv.name),
            -100.0,
            100.0,
            1.0,
        ));
    }
    out
}

#[cfg(test)]
mod candidate_tests {
    use super::*;

    #[test]
    fn every_candidate_names_a_field_levers_can_move() {
        let s = crate::examples::four_level_local();
        let all = candidates(&s);
        assert!(all.len() > 20);
        for c in &all {
            let v = get(&s, &c.field).unwrap_or_else(|| panic!("{}", c.field));
            assert!(c.min < c.max && c.min <= v && v <= c.max, "{c:?} holds {v}");
        }
    }
}
