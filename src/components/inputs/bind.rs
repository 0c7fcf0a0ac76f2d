//! Bindings from a field to one number or text of one item in the scenario, by index. A binding
//! whose item has gone (removed while the field was still on screen) reads nothing and writes
//! nowhere, so it can never panic.

use ap_engine::scenario::{FixedCost, Intervention, Phase, Provider, Tier, TierPhase};
use ap_engine::workshop::WorkshopLever;
use ap_engine::Scenario;

use crate::components::fields::{NumberBinding, TextBinding};

pub fn top(get: fn(&Scenario) -> f64, set: fn(&mut Scenario, f64)) -> NumberBinding {
    NumberBinding::new(move |s| Some(get(s)), set)
}

pub fn top_text(get: fn(&Scenario) -> &String, set: fn(&mut Scenario, String)) -> TextBinding {
    TextBinding::new(move |s| Some(get(s).clone()), set)
}

macro_rules! item_bindings {
    ($num:ident, $text:ident, $ty:ty, ($($idx:ident),+), |$s:ident| $find:expr, |$sm:ident| $find_mut:expr) => {
        pub fn $num($($idx: usize),+, get: fn(&$ty) -> f64, set: fn(&mut $ty, f64)) -> NumberBinding {
            NumberBinding::new(
                move |$s: &Scenario| $find.map(get),
                move |$sm: &mut Scenario, v| {
                    if let Some(item) = $find_mut {
                        set(item, v)
                    }
                },
            )
        }

        #[allow(dead_code)]
        pub fn $text($($idx: usize),+, get: fn(&$ty) -> String, set: fn(&mut $ty, String)) -> TextBinding {
            TextBinding::new(
                move |$s: &Scenario| $find.map(get),
                move |$sm: &mut Scenario, v| {
                    if let Some(item) = $find_mut {
                        set(item, v)
                    }
                },
            )
        }
    };
}

item_bindings!(phase, phase_text, Phase, (p), |s| s.phases.get(p), |s| s
    .phases
    .get_mut(p));
item_bindings!(tier, tier_text, Tier, (i), |s| s.tiers.get(i), |s| s
    .tiers
    .get_mut(i));
item_bindings!(
    demand,
    demand_text,
    TierPhase,
    (i, k),
    |s| s.tiers.get(i).and_then(|t| t.phases.get(k)),
    |s| s.tiers.get_mut(i).and_then(|t| t.phases.get_mut(k))
);
item_bindings!(
    provider,
    provider_text,
    Provider,
    (i, k),
    |s| s.tiers.get(i).and_then(|t| t.providers.get(k)),
    |s| s.tiers.get_mut(i).and_then(|t| t.providers.get_mut(k))
);
item_bindings!(
    intervention,
    intervention_text,
    Intervention,
    (n),
    |s| s.interventions.get(n),
    |s| s.interventions.get_mut(n)
);
item_bindings!(
    cost,
    cost_text,
    FixedCost,
    (n),
    |s| s.other_costs.get(n),
    |s| s.other_costs.get_mut(n)
);
item_bindings!(
    lever,
    lever_text,
    WorkshopLever,
    (n),
    |s| s.workshop.get(n),
    |s| s.workshop.get_mut(n)
);
