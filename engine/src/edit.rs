//! Structural edits to a scenario (adding, removing and reordering tiers, phases, providers,
//! interventions and cost lines) that keep its cross-references consistent. The app calls these;
//! each returns what it changed so a confirmation can say so.

use crate::scenario::{
    FixedCost, Intervention, OverCapacity, Phase, Provider, Scenario, Tier, TierPhase,
};

/// Up or down in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// An id starting with `prefix` that none of `taken` uses.
pub fn unique_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !taken.clone().any(|t| t == id))
        .unwrap_or_else(|| prefix.to_string())
}

fn move_item<T>(list: &mut [T], i: usize, to: Move) -> bool {
    match to {
        Move::Up if i > 0 && i < list.len() => {
            list.swap(i, i - 1);
            true
        }
        Move::Down if i + 1 < list.len() => {
            list.swap(i, i + 1);
            true
        }
        _ => false,
    }
}

/// Add a tier at the end with a demand line for every phase; returns its index.
pub fn add_tier(s: &mut Scenario) -> usize {
    let id = unique_id("tier", s.tiers.iter().map(|t| t.id.as_str()));
    let n = s.tiers.len() + 1;
    s.tiers.push(Tier {
        id,
        name: format!("Tier {n}"),
        phases: s
            .phases
            .iter()
            .map(|p| TierPhase {
                phase: p.id.clone(),
                ..TierPhase::default()
            })
            .collect(),
        stay_weeks: 16.0,
        returned_pct: 50.0,
        over_capacity: OverCapacity::Spot,
        ..Tier::default()
    });
    s.tiers.len() - 1
}

/// Interventions that act on tier `i`, by name (what removing the tier also removes).
pub fn interventions_on_tier(s: &Scenario, i: usize) -> Vec<String> {
    let Some(tier) = s.tiers.get(i) else {
        return Vec::new();
    };
    s.interventions
        .iter()
        .filter(|iv| iv.tier == tier.id)
        .map(|iv| iv.name.clone())
        .collect()
}

/// Remove tier `i` with its providers and the interventions acting on it.
pub fn remove_tier(s: &mut Scenario, i: usize) -> Option<Tier> {
    if i >= s.tiers.len() {
        return None;
    }
    let tier = s.tiers.remove(i);
    s.interventions.retain(|iv| iv.tier != tier.id);
    Some(tier)
}

pub fn move_tier(s: &mut Scenario, i: usize, to: Move) -> bool {
    move_item(&mut s.tiers, i, to)
}

/// Add a phase with a demand line in every tier; returns its index.
pub fn add_phase(s: &mut Scenario) -> usize {
    let id = unique_id("phase", s.phases.iter().map(|p| p.id.as_str()));
    let n = s.phases.len() + 1;
    for tier in &mut s.tiers {
        tier.phases.push(TierPhase {
            phase: id.clone(),
            ..TierPhase::default()
        });
    }
    s.phases.push(Phase {
        id,
        name: format!("Phase {n}"),
        ..Phase::default()
    });
    s.phases.len() - 1
}

/// Remove phase `p` and its demand lines; providers and interventions that served only that
/// phase are removed too (they would have nothing to act on).
pub fn remove_phase(s: &mut Scenario, p: usize) -> Option<Phase> {
    if p >= s.phases.len() {
        return None;
    }
    let phase = s.phases.remove(p);
    let only_this = |x: &Option<String>| x.as_deref() == Some(phase.id.as_str());
    for tier in &mut s.tiers {
        tier.phases.retain(|tp| tp.phase != phase.id);
        tier.providers.retain(|pr| !only_this(&pr.phase));
    }
    s.interventions.retain(|iv| !only_this(&iv.phase));
    Some(phase)
}

/// Add a provider at the end (lowest priority) of tier `i`; returns its index.
pub fn add_provider(s: &mut Scenario, i: usize) -> Option<usize> {
    let id = unique_id(
        "provider",
        s.tiers
            .iter()
            .flat_map(|t| t.providers.iter().map(|p| p.id.as_str())),
    );
    let tier = s.tiers.get_mut(i)?;
    let n = tier.providers.len() + 1;
    tier.providers.push(Provider {
        id,
        name: format!("Provider {n}"),
        places: vec![10.0],
        place_funding: 10_000.0,
        top_up: 10_000.0,
        ..Provider::default()
    });
    Some(tier.providers.len() - 1)
}

pub fn remove_provider(s: &mut Scenario, i: usize, k: usize) -> Option<Provider> {
    let tier = s.tiers.get_mut(i)?;
    (k < tier.providers.len()).then(|| tier.providers.remove(k))
}

pub fn move_provider(s: &mut Scenario, i: usize, k: usize, to: Move) -> bool {
    s.tiers
        .get_mut(i)
        .is_some_and(|t| move_item(&mut t.providers, k, to))
}

/// Set a provider's places for year `t`, filling earlier years with the current figures so that
/// "same every year" becomes a year-by-year list only when the user asks for it.
pub fn set_places(provider: &mut Provider, t: usize, places: f64, horizon: usize) {
    if provider.places.len() < horizon {
        let fill: Vec<f64> = (0..horizon).map(|y| provider.places_in(y)).collect();
        provider.places = fill;
    }
    if let Some(slot) = provider.places.get_mut(t) {
        *slot = places;
    }
}

/// Add an intervention on the first tier; returns its index.
pub fn add_intervention(s: &mut Scenario) -> usize {
    let id = unique_id(
        "intervention",
        s.interventions.iter().map(|iv| iv.id.as_str()),
    );
    let n = s.interventions.len() + 1;
    s.interventions.push(Intervention {
        id,
        name: format!("Intervention {n}"),
        tier: s.tiers.first().map(|t| t.id.clone()).unwrap_or_default(),
        first_year: s.timeline.first_year + 1,
        ramp_years: 2,
        change_pct: -10.0,
        ..Intervention::default()
    });
    s.interventions.len() - 1
}

pub fn remove_intervention(s: &mut Scenario, n: usize) -> Option<Intervention> {
    (n < s.interventions.len()).then(|| s.interventions.remove(n))
}

pub fn add_cost_line(s: &mut Scenario) -> usize {
    let first = s.timeline.first_year;
    s.other_costs.push(FixedCost {
        name: format!("Cost line {}", s.other_costs.len() + 1),
        amount: 0.0,
        first_year: first,
        last_year: first + s.timeline.horizon.max(1) as i32 - 1,
    });
    s.other_costs.len() - 1
}

pub fn remove_cost_line(s: &mut Scenario, n: usize) -> Option<FixedCost> {
    (n < s.other_costs.len()).then(|| s.other_costs.remove(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::dfe_three_tier;
    use crate::validate;

    #[test]
    fn a_four_level_model_can_be_built_from_the_three_tier_default() {
        let mut s = dfe_three_tier();
        let i = add_tier(&mut s);
        assert_eq!(s.tiers[i].phases.len(), 2);
        assert_eq!(s.tiers[i].id, "tier-1");
        add_provider(&mut s, i).unwrap();
        // Make it the second level: move it up twice.
        assert!(move_tier(&mut s, 3, Move::Up));
        assert!(move_tier(&mut s, 2, Move::Up));
        assert!(!move_tier(&mut s, 0, Move::Up));
        assert_eq!(s.tiers[1].name, "Tier 4");
        assert_eq!(validate(&s), Ok(()));
        assert_eq!(crate::project(&s).unwrap().tiers, 4);
    }

    #[test]
    fn removing_a_tier_removes_its_interventions() {
        let mut s = crate::examples::dfe_early_intervention();
        assert_eq!(
            interventions_on_tier(&s, 2),
            vec!["Outreach to prevent permanent exclusion"]
        );
        remove_tier(&mut s, 2).unwrap();
        assert_eq!(s.interventions.len(), 1);
        assert_eq!(validate(&s), Ok(()));
        assert!(remove_tier(&mut s, 9).is_none());
    }

    #[test]
    fn phases_added_and_removed_keep_references_whole() {
        let mut s = crate::examples::dfe_early_intervention();
        let p = add_phase(&mut s);
        assert!(s.tiers.iter().all(|t| t.phases.len() == 3));
        s.phases[p].pupils = 1_000.0;
        assert_eq!(validate(&s), Ok(()));
        remove_phase(&mut s, 1).unwrap(); // secondary
        assert!(s.tiers.iter().all(|t| t.phases.len() == 2));
        // The secondary-only AP school and the secondary outreach went with it.
        assert_eq!(s.tiers[2].providers.len(), 2);
        assert_eq!(s.interventions.len(), 1);
        assert_eq!(validate(&s), Ok(()));
    }

    #[test]
    fn providers_reorder_and_places_become_yearly_on_demand() {
        let mut s = dfe_three_tier();
        assert!(move_provider(&mut s, 2, 2, Move::Up));
        assert_eq!(s.tiers[2].providers[1].name, "Independent AP framework");
        assert!(!move_provider(&mut s, 2, 2, Move::Down));
        let p = &mut s.tiers[2].providers[0];
        set_places(p, 3, 200.0, 5);
        assert_eq!(p.places, vec![160.0, 160.0, 160.0, 200.0, 160.0]);
        let k = add_provider(&mut s, 0).unwrap();
        assert_eq!(s.tiers[0].providers[k].id, "provider-1");
        assert!(remove_provider(&mut s, 0, k).is_some());
        assert!(remove_provider(&mut s, 0, k).is_none());
    }

    #[test]
    fn interventions_and_cost_lines_are_added_valid() {
        let mut s = dfe_three_tier();
        let n = add_intervention(&mut s);
        assert_eq!(s.interventions[n].tier, "tier1");
        let c = add_cost_line(&mut s);
        assert_eq!(s.other_costs[c].last_year, 2030);
        assert_eq!(validate(&s), Ok(()));
        assert!(remove_intervention(&mut s, n).is_some());
        assert!(remove_cost_line(&mut s, c).is_some());
        assert_eq!(s, dfe_three_tier());
    }
}
