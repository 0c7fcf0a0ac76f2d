//! Reading and writing one input of a scenario by its address, and listing every input a
//! scenario has. A field whose item does not exist reads nothing and writes nowhere.

use thiserror::Error;

use super::spec::Kind;
use crate::address::*;
use crate::scenario::{
    BudgetBasis, Funder, Funding, FySplit, OverCapacity, Provider, ProviderKind, Scenario, Target,
};

/// The value of one input: a number, or a text (a name, or a choice's key).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(v) => Some(*v),
            Value::Text(_) => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            Value::Number(_) => None,
        }
    }
}

/// Why a value could not be set.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SetError {
    #[error("{0} is not in this scenario")]
    NoSuchItem(Field),
    #[error("{0} holds a {1}, not this kind of value")]
    WrongKind(Field, &'static str),
    #[error("“{choice}” is not one of the options of {field}")]
    UnknownChoice { field: Field, choice: String },
    /// A whole number the scenario cannot hold at all (a negative count of years, a year past
    /// the largest integer): refused here, since it could not be kept to show with a message.
    #[error("{label} must be between {min} and {max}")]
    CannotHold {
        label: String,
        min: String,
        max: String,
    },
}

/// Set provider places for year `t`, filling the other years with today's figures so that "the
/// same every year" becomes a year-by-year list only when the user asks for it.
pub fn set_places(provider: &mut Provider, t: usize, places: f64, horizon: usize) {
    if provider.places.len() < horizon {
        let fill: Vec<f64> = (0..horizon).map(|y| provider.places_in(y)).collect();
        provider.places = fill;
    }
    if let Some(slot) = provider.places.get_mut(t) {
        *slot = places;
    }
}

/// A whole number stored as `i32` (a year); `as` saturates, so no typed value can overflow.
fn to_year(v: f64) -> i32 {
    v.round() as i32
}

/// The funding a funder choice's key gives, from what `old` was: a funder alone, or a split
/// (starting from the old funding's shares, so choosing "split" loses nothing).
fn funding(key: &str, old: Funding) -> Funding {
    match Funder::from_key(key) {
        Some(f) => Funding::One(f),
        None if key == Funding::SPLIT_KEY => old.as_split(),
        None => old,
    }
}

/// The funding of `cost` in `s`.
pub fn funding_of(s: &Scenario, cost: Paid) -> Option<Funding> {
    Some(match cost {
        Paid::Tier { tier, what } => {
            let t = s.tiers.get(tier)?;
            match what {
                TierField::PerEntryFunder => t.per_entry_funder,
                TierField::TransportFunder => t.transport_funder,
                TierField::SpotFunder => t.spot_funder,
                TierField::WaitingFunder => t.waiting_funder,
                _ => return None,
            }
        }
        Paid::Provider {
            tier,
            provider,
            what,
        } => {
            let p = s.tiers.get(tier)?.providers.get(provider)?;
            match what {
                ProviderField::PlaceFundingFunder => p.place_funding_funder,
                ProviderField::TopUpFunder => p.top_up_funder,
                _ => return None,
            }
        }
        Paid::Intervention { intervention } => s.interventions.get(intervention)?.funder,
        Paid::CostLine { line } => s.other_costs.get(line)?.funder,
    })
}

fn funding_mut(s: &mut Scenario, cost: Paid) -> Option<&mut Funding> {
    Some(match cost {
        Paid::Tier { tier, what } => {
            let t = s.tiers.get_mut(tier)?;
            match what {
                TierField::PerEntryFunder => &mut t.per_entry_funder,
                TierField::TransportFunder => &mut t.transport_funder,
                TierField::SpotFunder => &mut t.spot_funder,
                TierField::WaitingFunder => &mut t.waiting_funder,
                _ => return None,
            }
        }
        Paid::Provider {
            tier,
            provider,
            what,
        } => {
            let p = s.tiers.get_mut(tier)?.providers.get_mut(provider)?;
            match what {
                ProviderField::PlaceFundingFunder => &mut p.place_funding_funder,
                ProviderField::TopUpFunder => &mut p.top_up_funder,
                _ => return None,
            }
        }
        Paid::Intervention { intervention } => &mut s.interventions.get_mut(intervention)?.funder,
        Paid::CostLine { line } => &mut s.other_costs.get_mut(line)?.funder,
    })
}

fn yes_no(v: bool) -> Value {
    Value::Text(if v { "yes" } else { "no" }.into())
}

fn to_count(v: f64) -> u32 {
    v.round().max(0.0) as u32
}

impl Field {
    /// The value of this input in `s`, if the item it belongs to exists.
    pub fn get(&self, s: &Scenario) -> Option<Value> {
        use Value::{Number as N, Text as T};
        Some(match *self {
            Field::Top(what) => match what {
                TopField::Name => T(s.meta.name.clone()),
                TopField::Area => T(s.meta.area.clone()),
                TopField::Description => T(s.meta.description.clone()),
                TopField::FirstYear => N(f64::from(s.timeline.first_year)),
                TopField::Horizon => N(f64::from(s.timeline.horizon)),
                TopField::TeachingWeeks => N(s.timeline.teaching_weeks),
                TopField::BudgetFirstYear => N(s.budget.first_year),
                TopField::BudgetGrowth => N(s.budget.growth_pct),
                TopField::BudgetBasis => T(s.budget.basis.key().into()),
                TopField::OpeningBalance => N(s.money.opening_balance),
                TopField::PlaceFundingIndex => N(s.money.place_funding_index_pct),
                TopField::TopUpIndex => N(s.money.top_up_index_pct),
                TopField::SpotIndex => N(s.money.spot_index_pct),
                TopField::PerEntryIndex => N(s.money.per_entry_index_pct),
                TopField::TransportIndex => N(s.money.transport_index_pct),
                TopField::FixedIndex => N(s.money.fixed_index_pct),
                TopField::InterventionsIndex => N(s.money.interventions_index_pct),
                TopField::AwpuYearLeft => N(s.money.awpu_year_left_pct),
                TopField::FySplit => T(s.money.fy_split.key().into()),
                TopField::WriteOffPct => N(s.money.write_off_pct),
                TopField::WriteOffYear => N(f64::from(s.money.write_off_year)),
                TopField::OverrideLastYear => N(f64::from(s.money.override_last_year)),
                TopField::GroupCorrelation => N(s.simulation.group_correlation_pct),
                TopField::Seed => N(s.simulation.seed as f64),
                TopField::Draws => N(f64::from(s.simulation.draws)),
                TopField::CountNoise => T(if s.simulation.count_noise {
                    "on"
                } else {
                    "off"
                }
                .into()),
            },
            Field::Phase { phase, what } => {
                let p = s.phases.get(phase)?;
                match what {
                    PhaseField::Name => T(p.name.clone()),
                    PhaseField::Pupils => N(p.pupils),
                    PhaseField::Growth => N(p.growth_pct),
                    PhaseField::Awpu => N(p.awpu),
                }
            }
            Field::PupilsInYear { phase, year } => N(s
                .phases
                .get(phase)?
                .overrides
                .get(year)?
                .as_ref()
                .copied()?),
            Field::Demand { tier, line, what } => {
                let d = s.tiers.get(tier)?.phases.get(line)?;
                N(match what {
                    DemandField::ReferralRate => d.referral_rate,
                    DemandField::ExclusionRate => d.exclusion_rate,
                    DemandField::StartPupils => d.start_pupils,
                })
            }
            Field::Tier { tier, what } => {
                let t = s.tiers.get(tier)?;
                match what {
                    TierField::Name => T(t.name.clone()),
                    TierField::Trend => N(t.trend_pct),
                    TierField::Stay => N(t.stay_weeks),
                    TierField::Returned => N(t.returned_pct),
                    TierField::StepUp => N(t.step_up_pct),
                    TierField::PerEntryCost => N(t.per_entry_cost),
                    TierField::Transport => N(t.transport_per_place),
                    TierField::OverCapacity => T(t.over_capacity.key().into()),
                    TierField::SpotPrice => N(t.spot_price),
                    TierField::WaitingCost => N(t.waiting_cost_per_week),
                    TierField::PerEntryFunder => T(t.per_entry_funder.key().into()),
                    TierField::TransportFunder => T(t.transport_funder.key().into()),
                    TierField::SpotFunder => T(t.spot_funder.key().into()),
                    TierField::WaitingFunder => T(t.waiting_funder.key().into()),
                }
            }
            Field::Provider {
                tier,
                provider,
                what,
            } => {
                let p = s.tiers.get(tier)?.providers.get(provider)?;
                match what {
                    ProviderField::Name => T(p.name.clone()),
                    ProviderField::Kind => T(p.kind.key().into()),
                    ProviderField::Phase => T(p.phase.clone().unwrap_or_default()),
                    ProviderField::PlaceFunding => N(p.place_funding),
                    ProviderField::TopUp => N(p.top_up),
                    ProviderField::MinOccupancy => N(p.min_occupancy_pct),
                    ProviderField::PlaceFundingFunder => T(p.place_funding_funder.key().into()),
                    ProviderField::TopUpFunder => T(p.top_up_funder.key().into()),
                }
            }
            Field::Places {
                tier,
                provider,
                year,
            } => N(s
                .tiers
                .get(tier)?
                .providers
                .get(provider)?
                .places_in(year.unwrap_or(0))),
            Field::Intervention { intervention, what } => {
                let iv = s.interventions.get(intervention)?;
                match what {
                    InterventionField::Name => T(iv.name.clone()),
                    InterventionField::Tier => T(iv.tier.clone()),
                    InterventionField::Phase => T(iv.phase.clone().unwrap_or_default()),
                    InterventionField::Target => T(iv.target.key().into()),
                    InterventionField::Change => N(iv.change_pct),
                    InterventionField::FirstYear => N(f64::from(iv.first_year)),
                    InterventionField::RampYears => N(f64::from(iv.ramp_years)),
                    InterventionField::AnnualCost => N(iv.annual_cost),
                    InterventionField::Funder => T(iv.funder.key().into()),
                    InterventionField::InBaseBudget => yes_no(iv.in_base_budget),
                }
            }
            Field::CostLine { line, what } => {
                let c = s.other_costs.get(line)?;
                match what {
                    CostLineField::Name => T(c.name.clone()),
                    CostLineField::Amount => N(c.amount),
                    CostLineField::FirstYear => N(f64::from(c.first_year)),
                    CostLineField::LastYear => N(f64::from(c.last_year)),
                    CostLineField::Funder => T(c.funder.key().into()),
                }
            }
            Field::Lever { lever, what } => {
                let l = s.workshop.get(lever)?;
                match what {
                    LeverField::Input => T(l.field.to_string()),
                    LeverField::Label => T(l.label.clone()),
                    LeverField::Min => N(l.min),
                    LeverField::Max => N(l.max),
                    LeverField::Step => N(l.step),
                }
            }
            Field::Share { cost, funder } => N(funding_of(s, cost)?.shares()[funder.index()]),
        })
    }

    /// The number this input holds in `s` (`None` for texts and choices, or a missing item).
    pub fn number(&self, s: &Scenario) -> Option<f64> {
        self.get(s).and_then(|v| v.as_number())
    }

    /// Set this input in `s`. Whole-number inputs (years) are rounded; a choice must be one of
    /// [`Field::options`]. Range checks are validation's job: a value out of range is kept, so
    /// the user sees it with a message rather than losing what they typed.
    pub fn set(&self, s: &mut Scenario, value: Value) -> Result<(), SetError> {
        let spec = self.spec();
        let missing = || SetError::NoSuchItem(*self);
        match (spec.kind, &value) {
            (Kind::Number { .. }, Value::Number(_)) => {}
            (Kind::Choice | Kind::Text { .. }, Value::Text(_)) => {}
            (Kind::Number { .. }, _) => return Err(SetError::WrongKind(*self, "number")),
            (_, _) => return Err(SetError::WrongKind(*self, "text")),
        }
        if spec.kind == Kind::Choice {
            let key = value.as_text().unwrap_or_default();
            if !self.options(s).iter().any(|(k, _)| k == key) {
                return Err(SetError::UnknownChoice {
                    field: *self,
                    choice: key.chars().take(80).collect(),
                });
            }
        }
        let v = value.as_number().unwrap_or(0.0);
        if let Kind::Number { whole: true, .. } = spec.kind {
            let floor = if matches!(spec.unit(), Some(super::Unit::AcademicYear)) {
                f64::from(i32::MIN)
            } else {
                0.0
            };
            if !(floor..=f64::from(i32::MAX)).contains(&v.round()) {
                let (min, max) = self.range(s).unwrap_or((0.0, 0.0));
                let (min, max) = spec
                    .unit()
                    .unwrap_or(super::Unit::Plain)
                    .show_range(min, max);
                return Err(SetError::CannotHold {
                    label: self.describe(s),
                    min,
                    max,
                });
            }
        }
        let text = || value.as_text().unwrap_or_default().to_string();
        let horizon = s.timeline.horizon as usize;
        match *self {
            Field::Top(what) => match what {
                TopField::Name => s.meta.name = text(),
                TopField::Area => s.meta.area = text(),
                TopField::Description => s.meta.description = text(),
                TopField::FirstYear => s.timeline.first_year = to_year(v),
                TopField::Horizon => s.timeline.horizon = to_count(v),
                TopField::TeachingWeeks => s.timeline.teaching_weeks = v,
                TopField::BudgetFirstYear => s.budget.first_year = v,
                TopField::BudgetGrowth => s.budget.growth_pct = v,
                TopField::BudgetBasis => {
                    s.budget.basis = BudgetBasis::from_key(&text()).unwrap_or_default()
                }
                TopField::OpeningBalance => s.money.opening_balance = v,
                TopField::PlaceFundingIndex => s.money.place_funding_index_pct = v,
                TopField::TopUpIndex => s.money.top_up_index_pct = v,
                TopField::SpotIndex => s.money.spot_index_pct = v,
                TopField::PerEntryIndex => s.money.per_entry_index_pct = v,
                TopField::TransportIndex => s.money.transport_index_pct = v,
                TopField::FixedIndex => s.money.fixed_index_pct = v,
                TopField::InterventionsIndex => s.money.interventions_index_pct = v,
                TopField::AwpuYearLeft => s.money.awpu_year_left_pct = v,
                TopField::FySplit => {
                    s.money.fy_split = FySplit::from_key(&text()).unwrap_or_default()
                }
                TopField::WriteOffPct => s.money.write_off_pct = v,
                TopField::WriteOffYear => s.money.write_off_year = to_year(v),
                TopField::OverrideLastYear => s.money.override_last_year = to_year(v),
                TopField::GroupCorrelation => s.simulation.group_correlation_pct = v,
                TopField::Seed => s.simulation.seed = u64::from(to_count(v)),
                TopField::Draws => s.simulation.draws = to_count(v),
                TopField::CountNoise => s.simulation.count_noise = text() == "on",
            },
            Field::Phase { phase, what } => {
                let p = s.phases.get_mut(phase).ok_or_else(missing)?;
                match what {
                    PhaseField::Name => p.name = text(),
                    PhaseField::Pupils => p.pupils = v,
                    PhaseField::Growth => p.growth_pct = v,
                    PhaseField::Awpu => p.awpu = v,
                }
            }
            Field::PupilsInYear { phase, year } => {
                let p = s.phases.get_mut(phase).ok_or_else(missing)?;
                // A crafted address must not make the list grow without bound.
                if year >= crate::scenario::MAX_HORIZON as usize {
                    return Err(missing());
                }
                if p.overrides.len() <= year {
                    p.overrides.resize(year + 1, None);
                }
                p.overrides[year] = Some(v);
            }
            Field::Demand { tier, line, what } => {
                let d = s
                    .tiers
                    .get_mut(tier)
                    .and_then(|t| t.phases.get_mut(line))
                    .ok_or_else(missing)?;
                match what {
                    DemandField::ReferralRate => d.referral_rate = v,
                    DemandField::ExclusionRate => d.exclusion_rate = v,
                    DemandField::StartPupils => d.start_pupils = v,
                }
            }
            Field::Tier { tier, what } => {
                let t = s.tiers.get_mut(tier).ok_or_else(missing)?;
                match what {
                    TierField::Name => t.name = text(),
                    TierField::Trend => t.trend_pct = v,
                    TierField::Stay => t.stay_weeks = v,
                    TierField::Returned => t.returned_pct = v,
                    TierField::StepUp => t.step_up_pct = v,
                    TierField::PerEntryCost => t.per_entry_cost = v,
                    TierField::Transport => t.transport_per_place = v,
                    TierField::OverCapacity => {
                        t.over_capacity = OverCapacity::from_key(&text()).unwrap_or_default()
                    }
                    TierField::SpotPrice => t.spot_price = v,
                    TierField::WaitingCost => t.waiting_cost_per_week = v,
                    TierField::PerEntryFunder => {
                        t.per_entry_funder = funding(&text(), t.per_entry_funder)
                    }
                    TierField::TransportFunder => {
                        t.transport_funder = funding(&text(), t.transport_funder)
                    }
                    TierField::SpotFunder => t.spot_funder = funding(&text(), t.spot_funder),
                    TierField::WaitingFunder => {
                        t.waiting_funder = funding(&text(), t.waiting_funder)
                    }
                }
            }
            Field::Provider {
                tier,
                provider,
                what,
            } => {
                let p = s.provider_mut(tier, provider).ok_or_else(missing)?;
                match what {
                    ProviderField::Name => p.name = text(),
                    ProviderField::Kind => {
                        p.kind = ProviderKind::from_key(&text()).unwrap_or_default()
                    }
                    ProviderField::Phase => p.phase = Some(text()).filter(|k| !k.is_empty()),
                    ProviderField::PlaceFunding => p.place_funding = v,
                    ProviderField::TopUp => p.top_up = v,
                    ProviderField::MinOccupancy => p.min_occupancy_pct = v,
                    ProviderField::PlaceFundingFunder => {
                        p.place_funding_funder = funding(&text(), p.place_funding_funder)
                    }
                    ProviderField::TopUpFunder => {
                        p.top_up_funder = funding(&text(), p.top_up_funder)
                    }
                }
            }
            Field::Places {
                tier,
                provider,
                year,
            } => {
                let p = s.provider_mut(tier, provider).ok_or_else(missing)?;
                match year {
                    None => p.places = vec![v],
                    Some(t) => set_places(p, t, v, horizon),
                }
            }
            Field::Intervention { intervention, what } => {
                let iv = s.interventions.get_mut(intervention).ok_or_else(missing)?;
                match what {
                    InterventionField::Name => iv.name = text(),
                    InterventionField::Tier => iv.tier = text(),
                    InterventionField::Phase => iv.phase = Some(text()).filter(|k| !k.is_empty()),
                    InterventionField::Target => {
                        iv.target = Target::from_key(&text()).unwrap_or_default()
                    }
                    InterventionField::Change => iv.change_pct = v,
                    InterventionField::FirstYear => iv.first_year = to_year(v),
                    InterventionField::RampYears => iv.ramp_years = to_count(v),
                    InterventionField::AnnualCost => iv.annual_cost = v,
                    InterventionField::Funder => iv.funder = funding(&text(), iv.funder),
                    InterventionField::InBaseBudget => iv.in_base_budget = text() == "yes",
                }
            }
            Field::CostLine { line, what } => {
                let c = s.other_costs.get_mut(line).ok_or_else(missing)?;
                match what {
                    CostLineField::Name => c.name = text(),
                    CostLineField::Amount => c.amount = v,
                    CostLineField::FirstYear => c.first_year = to_year(v),
                    CostLineField::LastYear => c.last_year = to_year(v),
                    CostLineField::Funder => c.funder = funding(&text(), c.funder),
                }
            }
            Field::Lever { lever, what } => {
                let l = s.workshop.get_mut(lever).ok_or_else(missing)?;
                match what {
                    LeverField::Input => {
                        if let Ok(field) = text().parse() {
                            l.field = field;
                        }
                    }
                    LeverField::Label => l.label = text(),
                    LeverField::Min => l.min = v,
                    LeverField::Max => l.max = v,
                    LeverField::Step => l.step = v,
                }
            }
            Field::Share { cost, funder } => {
                let f = funding_mut(s, cost).ok_or_else(missing)?;
                let mut shares = f.shares();
                shares[funder.index()] = v;
                *f = Funding::Split(shares);
            }
        }
        if let (Some(v), Some(range)) = (
            value.as_number(),
            s.ranges.iter_mut().find(|r| r.field == *self),
        ) {
            range.low = range.low.min(v);
            range.high = range.high.max(v);
        }
        Ok(())
    }

    /// Set a number (see [`Field::set`]). A range of uncertainty on the input widens to take
    /// in a value set outside it, so the value typed is always its central value.
    pub fn set_number(&self, s: &mut Scenario, v: f64) -> Result<(), SetError> {
        self.set(s, Value::Number(v))
    }

    /// The options of a choice in `s`, as (key, label); empty for numbers and texts.
    pub fn options(&self, s: &Scenario) -> Vec<(String, String)> {
        let pairs = |items: &[(&'static str, &'static str)]| {
            items
                .iter()
                .map(|(k, l)| (k.to_string(), l.to_string()))
                .collect::<Vec<_>>()
        };
        let all_phases = || {
            let mut options = vec![(String::new(), "All phases".to_string())];
            options.extend(s.phases.iter().map(|p| (p.id.clone(), p.name.clone())));
            options
        };
        match *self {
            Field::Top(TopField::CountNoise) => pairs(&[
                ("off", "Off: the expected numbers of entries"),
                ("on", "On: each year's entries drawn as counts (Poisson)"),
            ]),
            Field::Top(TopField::FySplit) => pairs(&FySplit::ALL.map(|v| (v.key(), v.label()))),
            Field::Top(TopField::BudgetBasis) => {
                pairs(&BudgetBasis::ALL.map(|v| (v.key(), v.label())))
            }
            Field::Intervention {
                what: InterventionField::InBaseBudget,
                ..
            } => pairs(&[
                (
                    "no",
                    "No: new in this plan (left out of the unmitigated run)",
                ),
                ("yes", "Yes: already running and in the base budget"),
            ]),
            Field::Tier {
                what:
                    TierField::PerEntryFunder
                    | TierField::TransportFunder
                    | TierField::SpotFunder
                    | TierField::WaitingFunder,
                ..
            }
            | Field::Provider {
                what: ProviderField::PlaceFundingFunder | ProviderField::TopUpFunder,
                ..
            }
            | Field::Intervention {
                what: InterventionField::Funder,
                ..
            }
            | Field::CostLine {
                what: CostLineField::Funder,
                ..
            } => {
                let mut options = pairs(&Funder::ALL.map(|v| (v.key(), v.label())));
                options.push((
                    Funding::SPLIT_KEY.into(),
                    "Split between funders by percentage".into(),
                ));
                options
            }
            Field::Tier {
                what: TierField::OverCapacity,
                ..
            } => pairs(&OverCapacity::ALL.map(|p| (p.key(), p.label()))),
            Field::Provider {
                what: ProviderField::Kind,
                ..
            } => pairs(&ProviderKind::ALL.map(|k| (k.key(), k.label()))),
            Field::Provider {
                what: ProviderField::Phase,
                ..
            }
            | Field::Intervention {
                what: InterventionField::Phase,
                ..
            } => all_phases(),
            Field::Intervention {
                what: InterventionField::Tier,
                ..
            } => s
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
            Field::Intervention {
                what: InterventionField::Target,
                ..
            } => Target::ALL
                .iter()
                .map(|t| (t.key().to_string(), super::spec::capitalise(t.label())))
                .collect(),
            Field::Lever {
                what: LeverField::Input,
                ..
            } => all(s)
                .into_iter()
                .filter(|f| f.can_be_lever(s))
                .map(|f| (f.to_string(), f.lever_label(s)))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Every input `s` has, in the order of the form: a cost split between funders is followed by
/// each funder's share.
pub fn all(s: &Scenario) -> Vec<Field> {
    let mut out = Vec::new();
    for field in inputs(s) {
        out.push(field);
        if let Some(cost) = Paid::of(field) {
            if let Some(Funding::Split(_)) = funding_of(s, cost) {
                out.extend(Funder::ALL.map(|funder| Field::Share { cost, funder }));
            }
        }
    }
    out
}

/// Every input `s` has but the shares of split costs.
fn inputs(s: &Scenario) -> Vec<Field> {
    let mut out: Vec<Field> = TopField::TIMELINE.iter().map(|w| Field::Top(*w)).collect();
    for (phase, p) in s.phases.iter().enumerate() {
        out.extend(
            PhaseField::ALL
                .iter()
                .map(|&what| Field::Phase { phase, what }),
        );
        out.extend(
            p.overrides
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_some())
                .map(|(year, _)| Field::PupilsInYear { phase, year }),
        );
    }
    for (tier, t) in s.tiers.iter().enumerate() {
        out.push(Field::Tier {
            tier,
            what: TierField::Name,
        });
        for line in 0..t.phases.len() {
            out.extend(
                DemandField::ALL
                    .iter()
                    .map(|&what| Field::Demand { tier, line, what }),
            );
        }
        out.extend(
            TierField::ALL[1..]
                .iter()
                .map(|&what| Field::Tier { tier, what }),
        );
    }
    for (tier, t) in s.tiers.iter().enumerate() {
        for (provider, p) in t.providers.iter().enumerate() {
            out.extend(ProviderField::ALL.iter().map(|&what| Field::Provider {
                tier,
                provider,
                what,
            }));
            if p.places.len() > 1 {
                out.extend((0..p.places.len()).map(|t| Field::Places {
                    tier,
                    provider,
                    year: Some(t),
                }));
            } else {
                out.push(Field::Places {
                    tier,
                    provider,
                    year: None,
                });
            }
        }
    }
    out.extend(TopField::MONEY.iter().map(|w| Field::Top(*w)));
    for line in 0..s.other_costs.len() {
        out.extend(
            CostLineField::ALL
                .iter()
                .map(|&what| Field::CostLine { line, what }),
        );
    }
    for intervention in 0..s.interventions.len() {
        out.extend(
            InterventionField::ALL
                .iter()
                .map(|&what| Field::Intervention { intervention, what }),
        );
    }
    for lever in 0..s.workshop.len() {
        out.extend(
            LeverField::ALL
                .iter()
                .map(|&what| Field::Lever { lever, what }),
        );
    }
    out.extend(TopField::SIMULATION.iter().map(|w| Field::Top(*w)));
    out
}
