//! The one door for changing a scenario: a typed [`Edit`] (set an input, add, remove or move a
//! tier, phase, provider, intervention, cost line or workshop lever, switch places to year by
//! year) applied by [`Edit::apply`]. Structural edits keep cross-references consistent: removing
//! a tier removes the interventions acting on it. Undo and redo live in [`crate::editor`].

use crate::address::{
    CostLineField, DemandField, InterventionField, PhaseField, ProviderField, TierField,
};
use crate::fields::{set_places, Field, SetError, Value};
use crate::scenario::{
    FixedCost, Group, InputRange, Intervention, OverCapacity, Phase, Provider, ProviderKind,
    Scenario, Tier, TierPhase,
};
use thiserror::Error;

/// Up or down in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// One change to a scenario, as the user asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set one input of the catalogue.
    Set(Field, Value),
    AddTier,
    RemoveTier(usize),
    MoveTier(usize, Move),
    AddPhase,
    RemovePhase(usize),
    AddProvider {
        tier: usize,
    },
    RemoveProvider {
        tier: usize,
        provider: usize,
    },
    MoveProvider {
        tier: usize,
        provider: usize,
        to: Move,
    },
    /// Turn "the same every year" into a figure for each year, all equal at first.
    PlacesYearByYear {
        tier: usize,
        provider: usize,
    },
    /// Back to one figure for every year: the first year's.
    PlacesSameEveryYear {
        tier: usize,
        provider: usize,
    },
    AddIntervention,
    RemoveIntervention(usize),
    AddCostLine,
    RemoveCostLine(usize),
    /// Start from the suggested workshop levers, to change them.
    ChooseLevers,
    /// Add a lever on an input, with the catalogue's label and default range.
    AddLever(Field),
    RemoveLever(usize),
    /// Put a range of uncertainty on an input (replacing any it had).
    SetRange(InputRange),
    /// Take the range off an input.
    ClearRange(Field),
    /// Take every range off.
    ClearRanges,
    /// Several edits made as one (applying a calibration's fit): all of them or none, and one
    /// undo step.
    Many(Vec<Edit>),
}

/// A first range for `field` in `s`: a fifth either side of its value (a small step either side
/// of zero), inside the input's allowed range. The user then sets the ends they can defend.
pub fn default_range(s: &Scenario, field: Field) -> Option<InputRange> {
    let v = field.number(s)?;
    let (min, mut max) = field.range(s)?;
    // Returned and stepped-up shares at the top of their ranges must still fit in 100%.
    if let Field::Tier { tier, what } = field {
        let other = match what {
            TierField::Returned => Some(TierField::StepUp),
            TierField::StepUp => Some(TierField::Returned),
            _ => None,
        };
        if let Some(other) = other {
            let other = Field::Tier { tier, what: other };
            let top = s
                .range_on(other)
                .map(|r| r.high)
                .or_else(|| other.number(s))
                .unwrap_or(0.0);
            max = max.min(100.0 - top).max(v);
        }
    }
    let spread = if v == 0.0 {
        field.spec().step() * 5.0
    } else {
        v.abs() * 0.2
    };
    Some(InputRange {
        field,
        low: (v - spread).max(min),
        high: (v + spread).min(max),
        shape: crate::scenario::Shape::Triangular,
        group: default_group(s, field),
    })
}

/// The group a new range joins: market prices (spot places, interim provision and independent
/// providers' top-ups) rise and fall together, so they are drawn together.
pub fn default_group(s: &Scenario, field: Field) -> Group {
    match field {
        Field::Tier {
            what: TierField::SpotPrice | TierField::WaitingCost,
            ..
        } => Group::Prices,
        Field::Provider {
            tier,
            provider,
            what: ProviderField::TopUp,
        } if s
            .tiers
            .get(tier)
            .and_then(|t| t.providers.get(provider))
            .is_some_and(|p| p.kind == ProviderKind::Independent) =>
        {
            Group::Prices
        }
        _ => Group::None,
    }
}

/// Why an edit could not be made; the scenario is left as it was.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("there is nothing at that position to change")]
    NoSuchItem,
    #[error(transparent)]
    Set(#[from] SetError),
    #[error("a workshop can show at most {0} levers")]
    TooManyLevers(usize),
    #[error("{0} cannot be a workshop lever")]
    NotALever(Field),
    #[error("{0} cannot carry a range")]
    NotUncertain(Field),
}

impl Edit {
    /// Set a number.
    pub fn number(field: Field, v: f64) -> Edit {
        Edit::Set(field, Value::Number(v))
    }

    /// Set a text or a choice.
    pub fn text(field: Field, text: impl Into<String>) -> Edit {
        Edit::Set(field, Value::Text(text.into()))
    }

    /// Apply this edit to `s`. On error `s` is unchanged. Workshop levers and ranges follow the
    /// inputs they name when items are added, removed or moved, and go with a removed item.
    pub fn apply(&self, s: &mut Scenario) -> Result<(), EditError> {
        if self.moves_items() {
            let before = s.clone();
            self.apply_here(s)?;
            let removed_line = match self {
                Edit::RemoveCostLine(n) => Some(*n),
                _ => None,
            };
            keep_addresses(&before, s, removed_line);
            Ok(())
        } else {
            self.apply_here(s)
        }
    }

    /// Whether this edit can change the position of existing items.
    fn moves_items(&self) -> bool {
        matches!(
            self,
            Edit::RemoveTier(_)
                | Edit::MoveTier(..)
                | Edit::RemovePhase(_)
                | Edit::RemoveProvider { .. }
                | Edit::MoveProvider { .. }
                | Edit::RemoveIntervention(_)
                | Edit::RemoveCostLine(_)
        )
    }

    fn apply_here(&self, s: &mut Scenario) -> Result<(), EditError> {
        let found = |ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(EditError::NoSuchItem)
            }
        };
        match self {
            Edit::Set(field, value) => field.set(s, value.clone())?,
            Edit::AddTier => {
                add_tier(s);
            }
            Edit::RemoveTier(i) => found(remove_tier(s, *i).is_some())?,
            Edit::MoveTier(i, to) => found(move_tier(s, *i, *to))?,
            Edit::AddPhase => {
                add_phase(s);
            }
            Edit::RemovePhase(p) => found(remove_phase(s, *p).is_some())?,
            Edit::AddProvider { tier } => found(add_provider(s, *tier).is_some())?,
            Edit::RemoveProvider { tier, provider } => {
                found(remove_provider(s, *tier, *provider).is_some())?
            }
            Edit::MoveProvider { tier, provider, to } => {
                found(move_provider(s, *tier, *provider, *to))?
            }
            Edit::PlacesYearByYear { tier, provider } => {
                let horizon = s.timeline.horizon as usize;
                let p = provider_mut(s, *tier, *provider)?;
                let first = p.places_in(0);
                set_places(p, 0, first, horizon.max(2));
            }
            Edit::PlacesSameEveryYear { tier, provider } => {
                let p = provider_mut(s, *tier, *provider)?;
                p.places = vec![p.places_in(0)];
            }
            Edit::AddIntervention => {
                add_intervention(s);
            }
            Edit::RemoveIntervention(n) => found(remove_intervention(s, *n).is_some())?,
            Edit::AddCostLine => {
                add_cost_line(s);
            }
            Edit::RemoveCostLine(n) => found(remove_cost_line(s, *n).is_some())?,
            Edit::ChooseLevers => s.workshop = crate::workshop::suggested(s),
            Edit::AddLever(field) => {
                let max = crate::workshop::MAX_LEVERS;
                if s.workshop.len() >= max {
                    return Err(EditError::TooManyLevers(max));
                }
                let lever =
                    crate::workshop::lever_on(s, *field).ok_or(EditError::NotALever(*field))?;
                s.workshop.push(lever);
            }
            Edit::RemoveLever(n) => {
                found(*n < s.workshop.len())?;
                s.workshop.remove(*n);
            }
            Edit::SetRange(range) => {
                if !range.field.spec().uncertain || range.field.number(s).is_none() {
                    return Err(EditError::NotUncertain(range.field));
                }
                match s.ranges.iter_mut().find(|r| r.field == range.field) {
                    Some(r) => *r = range.clone(),
                    None => s.ranges.push(range.clone()),
                }
            }
            Edit::ClearRange(field) => {
                found(s.range_on(*field).is_some())?;
                s.ranges.retain(|r| r.field != *field);
            }
            Edit::ClearRanges => s.ranges.clear(),
            Edit::Many(edits) => {
                let mut next = s.clone();
                for edit in edits {
                    edit.apply(&mut next)?;
                }
                *s = next;
            }
        }
        Ok(())
    }

    /// The input this edit types into, if it is one: edits of the same input in quick succession
    /// are one undo step (a typed value, not each keystroke).
    pub fn typing_into(&self) -> Option<Field> {
        match self {
            Edit::Set(field, _) => Some(*field),
            Edit::SetRange(range) => Some(range.field),
            _ => None,
        }
    }
}

fn provider_mut(
    s: &mut Scenario,
    tier: usize,
    provider: usize,
) -> Result<&mut Provider, EditError> {
    s.provider_mut(tier, provider).ok_or(EditError::NoSuchItem)
}

/// An input named by the ids of the items it belongs to, which survive other items being
/// removed or moved (positions do not). Cost lines have no ids: they keep their position, less
/// one when an earlier line is removed.
#[derive(Debug, Clone, PartialEq)]
enum Anchor {
    Top(Field),
    Phase(String, PhaseField),
    PupilsInYear(String, usize),
    Demand(String, String, DemandField),
    Tier(String, TierField),
    Provider(String, String, ProviderField),
    Places(String, String, Option<usize>),
    Intervention(String, InterventionField),
    CostLine(usize, CostLineField),
}

fn anchor(s: &Scenario, field: Field) -> Option<Anchor> {
    let tier_id = |i: usize| s.tiers.get(i).map(|t| t.id.clone());
    let provider_id = |i: usize, k: usize| {
        let t = s.tiers.get(i)?;
        Some((t.id.clone(), t.providers.get(k)?.id.clone()))
    };
    Some(match field {
        Field::Top(_) => Anchor::Top(field),
        Field::Phase { phase, what } => Anchor::Phase(s.phases.get(phase)?.id.clone(), what),
        Field::PupilsInYear { phase, year } => {
            Anchor::PupilsInYear(s.phases.get(phase)?.id.clone(), year)
        }
        Field::Demand { tier, line, what } => {
            let phase = s.tiers.get(tier)?.phases.get(line)?.phase.clone();
            Anchor::Demand(tier_id(tier)?, phase, what)
        }
        Field::Tier { tier, what } => Anchor::Tier(tier_id(tier)?, what),
        Field::Provider {
            tier,
            provider,
            what,
        } => {
            let (t, p) = provider_id(tier, provider)?;
            Anchor::Provider(t, p, what)
        }
        Field::Places {
            tier,
            provider,
            year,
        } => {
            let (t, p) = provider_id(tier, provider)?;
            Anchor::Places(t, p, year)
        }
        Field::Intervention { intervention, what } => {
            Anchor::Intervention(s.interventions.get(intervention)?.id.clone(), what)
        }
        Field::CostLine { line, what } => Anchor::CostLine(line, what),
        // Levers and ranges never sit on these.
        Field::Lever { .. } | Field::Share { .. } => return None,
    })
}

fn locate(s: &Scenario, anchor: &Anchor, removed_line: Option<usize>) -> Option<Field> {
    let tier = |id: &str| s.tier_index(id);
    let provider = |t: &str, p: &str| {
        let i = tier(t)?;
        Some((i, s.tiers[i].providers.iter().position(|x| x.id == p)?))
    };
    Some(match anchor {
        Anchor::Top(field) => *field,
        Anchor::Phase(id, what) => Field::Phase {
            phase: s.phase_index(id)?,
            what: *what,
        },
        Anchor::PupilsInYear(id, year) => Field::PupilsInYear {
            phase: s.phase_index(id)?,
            year: *year,
        },
        Anchor::Demand(t, phase, what) => {
            let i = tier(t)?;
            Field::Demand {
                tier: i,
                line: s.tiers[i].phases.iter().position(|d| d.phase == *phase)?,
                what: *what,
            }
        }
        Anchor::Tier(t, what) => Field::Tier {
            tier: tier(t)?,
            what: *what,
        },
        Anchor::Provider(t, p, what) => {
            let (i, k) = provider(t, p)?;
            Field::Provider {
                tier: i,
                provider: k,
                what: *what,
            }
        }
        Anchor::Places(t, p, year) => {
            let (i, k) = provider(t, p)?;
            Field::Places {
                tier: i,
                provider: k,
                year: *year,
            }
        }
        Anchor::Intervention(id, what) => Field::Intervention {
            intervention: s.interventions.iter().position(|iv| iv.id == *id)?,
            what: *what,
        },
        Anchor::CostLine(line, what) => Field::CostLine {
            line: match removed_line {
                Some(n) if *line == n => return None,
                Some(n) if *line > n => line - 1,
                _ => *line,
            },
            what: *what,
        },
    })
}

/// After a structural edit, point each workshop lever and range at the input it named before
/// (found by the ids of its items), and drop those whose input went with a removed item.
fn keep_addresses(before: &Scenario, after: &mut Scenario, removed_line: Option<usize>) {
    let mut levers = std::mem::take(&mut after.workshop);
    let mut ranges = std::mem::take(&mut after.ranges);
    {
        let now: &Scenario = after;
        let follow =
            |field: Field| anchor(before, field).and_then(|a| locate(now, &a, removed_line));
        levers.retain_mut(|lever| follow(lever.field).map(|f| lever.field = f).is_some());
        ranges.retain_mut(|range| follow(range.field).map(|f| range.field = f).is_some());
    }
    after.workshop = levers;
    after.ranges = ranges;
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
pub(crate) fn add_tier(s: &mut Scenario) -> usize {
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
pub(crate) fn remove_tier(s: &mut Scenario, i: usize) -> Option<Tier> {
    if i >= s.tiers.len() {
        return None;
    }
    let tier = s.tiers.remove(i);
    s.interventions.retain(|iv| iv.tier != tier.id);
    Some(tier)
}

pub(crate) fn move_tier(s: &mut Scenario, i: usize, to: Move) -> bool {
    move_item(&mut s.tiers, i, to)
}

/// Add a phase with a demand line in every tier; returns its index.
pub(crate) fn add_phase(s: &mut Scenario) -> usize {
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
pub(crate) fn remove_phase(s: &mut Scenario, p: usize) -> Option<Phase> {
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
pub(crate) fn add_provider(s: &mut Scenario, i: usize) -> Option<usize> {
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

pub(crate) fn remove_provider(s: &mut Scenario, i: usize, k: usize) -> Option<Provider> {
    let tier = s.tiers.get_mut(i)?;
    (k < tier.providers.len()).then(|| tier.providers.remove(k))
}

pub(crate) fn move_provider(s: &mut Scenario, i: usize, k: usize, to: Move) -> bool {
    s.tiers
        .get_mut(i)
        .is_some_and(|t| move_item(&mut t.providers, k, to))
}

/// Add an intervention on the first tier; returns its index.
pub(crate) fn add_intervention(s: &mut Scenario) -> usize {
    let id = unique_id(
        "intervention",
        s.interventions.iter().map(|iv| iv.id.as_str()),
    );
    let n = s.interventions.len() + 1;
    s.interventions.push(Intervention {
        id,
        name: format!("Intervention {n}"),
        tier: s.tiers.first().map(|t| t.id.clone()).unwrap_or_default(),
        first_year: s.timeline.first_year.saturating_add(1),
        ramp_years: 2,
        change_pct: -10.0,
        ..Intervention::default()
    });
    s.interventions.len() - 1
}

pub(crate) fn remove_intervention(s: &mut Scenario, n: usize) -> Option<Intervention> {
    (n < s.interventions.len()).then(|| s.interventions.remove(n))
}

pub(crate) fn add_cost_line(s: &mut Scenario) -> usize {
    let first = s.timeline.first_year;
    s.other_costs.push(FixedCost {
        name: format!("Cost line {}", s.other_costs.len() + 1),
        amount: 0.0,
        first_year: first,
        // Saturating: a first year or horizon typed far out of range must not overflow.
        last_year: first
            .saturating_add(i32::try_from(s.timeline.horizon.max(1) - 1).unwrap_or(i32::MAX)),
        ..FixedCost::default()
    });
    s.other_costs.len() - 1
}

pub(crate) fn remove_cost_line(s: &mut Scenario, n: usize) -> Option<FixedCost> {
    (n < s.other_costs.len()).then(|| s.other_costs.remove(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::{CostLineField, ProviderField, TierField};
    use crate::examples::dfe_three_tier;
    use crate::validate;

    #[test]
    fn a_four_level_model_can_be_built_from_the_three_tier_default() {
        let mut s = dfe_three_tier();
        Edit::AddTier.apply(&mut s).unwrap();
        let i = s.tiers.len() - 1;
        assert_eq!(s.tiers[i].phases.len(), 2);
        assert_eq!(s.tiers[i].id, "tier-1");
        Edit::AddProvider { tier: i }.apply(&mut s).unwrap();
        // Make it the second level: move it up twice.
        Edit::MoveTier(3, Move::Up).apply(&mut s).unwrap();
        Edit::MoveTier(2, Move::Up).apply(&mut s).unwrap();
        assert!(Edit::MoveTier(0, Move::Up).apply(&mut s).is_err());
        assert_eq!(s.tiers[1].name, "Tier 4");
        // The ranges followed their tiers: the last tier's trend is still the one ranged.
        assert!(s
            .range_on(Field::Tier {
                tier: 3,
                what: TierField::Trend
            })
            .is_some());
        assert_eq!(validate(&s), Ok(()));
        assert_eq!(crate::project(&s).unwrap().tiers, 4);
    }

    #[test]
    fn removing_a_tier_removes_its_interventions_levers_and_ranges() {
        let mut s = crate::examples::dfe_early_intervention();
        s.workshop = crate::workshop::suggested(&s);
        assert_eq!(
            interventions_on_tier(&s, 2),
            vec!["Outreach to prevent permanent exclusion"]
        );
        let ranges = s.ranges.len();
        Edit::RemoveTier(2).apply(&mut s).unwrap();
        assert_eq!(s.interventions.len(), 1);
        // Tier 3's ranges and levers went with it; the others point where they did.
        assert!(s.ranges.len() < ranges);
        assert!(s.ranges.iter().all(|r| r.field.number(&s).is_some()));
        assert_eq!(validate(&s), Ok(()));
        assert!(Edit::RemoveTier(9).apply(&mut s).is_err());
    }

    #[test]
    fn phases_added_and_removed_keep_references_whole() {
        let mut s = crate::examples::dfe_early_intervention();
        Edit::AddPhase.apply(&mut s).unwrap();
        assert!(s.tiers.iter().all(|t| t.phases.len() == 3));
        s.phases[2].pupils = 1_000.0;
        assert_eq!(validate(&s), Ok(()));
        Edit::RemovePhase(1).apply(&mut s).unwrap(); // secondary
        assert!(s.tiers.iter().all(|t| t.phases.len() == 2));
        // The secondary-only AP school and the secondary outreach went with it, with their
        // ranges; the independent framework's top-up range moved to its new position.
        assert_eq!(s.tiers[2].providers.len(), 2);
        assert_eq!(s.interventions.len(), 1);
        assert!(s
            .range_on(Field::Provider {
                tier: 2,
                provider: 1,
                what: ProviderField::TopUp
            })
            .is_some());
        assert_eq!(validate(&s), Ok(()));
    }

    #[test]
    fn a_removed_cost_line_takes_its_lever_and_later_lines_move_up() {
        let mut s = dfe_three_tier();
        Edit::AddCostLine.apply(&mut s).unwrap();
        Edit::AddCostLine.apply(&mut s).unwrap();
        let n = s.other_costs.len();
        let amount = |line| Field::CostLine {
            line,
            what: CostLineField::Amount,
        };
        s.other_costs[n - 1].amount = 1_000.0;
        Edit::AddLever(amount(n - 1)).apply(&mut s).unwrap();
        Edit::AddLever(amount(n - 2)).apply(&mut s).unwrap();
        Edit::RemoveCostLine(n - 2).apply(&mut s).unwrap();
        assert_eq!(s.workshop.len(), 1);
        assert_eq!(s.workshop[0].field, amount(n - 2));
        assert_eq!(validate(&s), Ok(()));
    }

    #[test]
    fn providers_reorder_and_places_become_yearly_on_demand() {
        let mut s = dfe_three_tier();
        assert!(move_provider(&mut s, 2, 2, Move::Up));
        assert_eq!(s.tiers[2].providers[1].name, "Independent AP framework");
        assert!(!move_provider(&mut s, 2, 2, Move::Down));
        let p = &mut s.tiers[2].providers[0];
        crate::fields::set_places(p, 3, 200.0, 5);
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
