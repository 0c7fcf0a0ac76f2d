//! The typed address of every editable input of a scenario, and its stable text form.
//!
//! The text form is the dot path used since the first file format (`tiers.1.phases.0.referral_rate`,
//! `budget.first_year`): it names workshop levers in files and links, ties a validation message to
//! its input, and is the input's id on the page. `Display` writes it and `FromStr` reads it back;
//! a test checks the round trip for every field of every example.
//!
//! Indexes are positions in the scenario's lists (tier order is meaningful, so a position is the
//! natural address); ids are not used because phases of a tier are addressed by their demand line.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::scenario::Funder;

/// Declares a small enum of field names with their text keys, read back by `from_key`.
macro_rules! keyed {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The key in the field's text form.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

keyed!(
    /// Inputs that belong to the scenario as a whole; their key is the whole path.
    TopField {
        Name => "meta.name",
        Area => "meta.area",
        Description => "meta.description",
        FirstYear => "timeline.first_year",
        Horizon => "timeline.horizon",
        TeachingWeeks => "timeline.teaching_weeks",
        BudgetFirstYear => "budget.first_year",
        BudgetGrowth => "budget.growth_pct",
        BudgetBasis => "budget.basis",
        OpeningBalance => "money.opening_balance",
        PlaceFundingIndex => "money.place_funding_index_pct",
        TopUpIndex => "money.top_up_index_pct",
        SpotIndex => "money.spot_index_pct",
        PerEntryIndex => "money.per_entry_index_pct",
        TransportIndex => "money.transport_index_pct",
        FixedIndex => "money.fixed_index_pct",
        InterventionsIndex => "money.interventions_index_pct",
        AwpuYearLeft => "money.awpu_year_left_pct",
        FySplit => "money.fy_split",
        WriteOffPct => "money.write_off_pct",
        WriteOffYear => "money.write_off_year",
        OverrideLastYear => "money.override_last_year",
        Seed => "simulation.seed",
        Draws => "simulation.draws",
        CountNoise => "simulation.count_noise",
        GroupCorrelation => "simulation.group_correlation_pct",
    }
);

impl TopField {
    /// The scenario's own numbers, in the order of the form (timeline, then money).
    pub const NUMBERS: [TopField; 17] = [
        TopField::FirstYear,
        TopField::Horizon,
        TopField::TeachingWeeks,
        TopField::BudgetFirstYear,
        TopField::BudgetGrowth,
        TopField::OpeningBalance,
        TopField::PlaceFundingIndex,
        TopField::TopUpIndex,
        TopField::SpotIndex,
        TopField::PerEntryIndex,
        TopField::TransportIndex,
        TopField::FixedIndex,
        TopField::InterventionsIndex,
        TopField::AwpuYearLeft,
        TopField::WriteOffPct,
        TopField::WriteOffYear,
        TopField::OverrideLastYear,
    ];

    /// The cost index of each category, in the order of the form.
    pub const INDICES: [TopField; 7] = [
        TopField::PlaceFundingIndex,
        TopField::TopUpIndex,
        TopField::SpotIndex,
        TopField::PerEntryIndex,
        TopField::TransportIndex,
        TopField::FixedIndex,
        TopField::InterventionsIndex,
    ];

    /// The timeline, at the top of the form.
    pub const TIMELINE: [TopField; 6] = [
        TopField::Name,
        TopField::Area,
        TopField::Description,
        TopField::FirstYear,
        TopField::Horizon,
        TopField::TeachingWeeks,
    ];

    /// The budget and money settings, before the cost lines.
    pub const MONEY: [TopField; 16] = [
        TopField::BudgetFirstYear,
        TopField::BudgetGrowth,
        TopField::BudgetBasis,
        TopField::OpeningBalance,
        TopField::PlaceFundingIndex,
        TopField::TopUpIndex,
        TopField::SpotIndex,
        TopField::PerEntryIndex,
        TopField::TransportIndex,
        TopField::FixedIndex,
        TopField::InterventionsIndex,
        TopField::AwpuYearLeft,
        TopField::FySplit,
        TopField::WriteOffPct,
        TopField::WriteOffYear,
        TopField::OverrideLastYear,
    ];

    /// The simulation's settings, last.
    pub const SIMULATION: [TopField; 4] = [
        TopField::Seed,
        TopField::Draws,
        TopField::CountNoise,
        TopField::GroupCorrelation,
    ];
}

keyed!(
    /// A phase's inputs (`phases.<p>.<key>`).
    PhaseField {
        Name => "name",
        Pupils => "pupils",
        Growth => "growth_pct",
        Awpu => "awpu",
    }
);

keyed!(
    /// A tier's demand for one phase (`tiers.<i>.phases.<k>.<key>`).
    DemandField {
        ReferralRate => "referral_rate",
        ExclusionRate => "exclusion_rate",
        StartPupils => "start_pupils",
    }
);

keyed!(
    /// A tier's own inputs (`tiers.<i>.<key>`).
    TierField {
        Name => "name",
        Trend => "trend_pct",
        Stay => "stay_weeks",
        Returned => "returned_pct",
        StepUp => "step_up_pct",
        PerEntryCost => "per_entry_cost",
        Transport => "transport_per_place",
        OverCapacity => "over_capacity",
        SpotPrice => "spot_price",
        WaitingCost => "waiting_cost_per_week",
        PerEntryFunder => "per_entry_funder",
        TransportFunder => "transport_funder",
        SpotFunder => "spot_funder",
        WaitingFunder => "waiting_funder",
    }
);

keyed!(
    /// A provider's inputs other than its places (`tiers.<i>.providers.<k>.<key>`).
    ProviderField {
        Name => "name",
        Kind => "kind",
        Phase => "phase",
        PlaceFunding => "place_funding",
        TopUp => "top_up",
        MinOccupancy => "min_occupancy_pct",
        PlaceFundingFunder => "place_funding_funder",
        TopUpFunder => "top_up_funder",
    }
);

keyed!(
    /// An intervention's inputs (`interventions.<n>.<key>`).
    InterventionField {
        Name => "name",
        Tier => "tier",
        Phase => "phase",
        Target => "target",
        Change => "change_pct",
        FirstYear => "first_year",
        RampYears => "ramp_years",
        AnnualCost => "annual_cost",
        Funder => "funder",
        InBaseBudget => "in_base_budget",
    }
);

keyed!(
    /// A fixed cost line's inputs (`other_costs.<n>.<key>`).
    CostLineField {
        Name => "name",
        Amount => "amount",
        FirstYear => "first_year",
        LastYear => "last_year",
        Funder => "funder",
    }
);

keyed!(
    /// A workshop lever's settings (`workshop.<n>.<key>`).
    LeverField {
        Input => "field",
        Label => "label",
        Min => "min",
        Max => "max",
        Step => "step",
    }
);

/// One editable number, choice or text of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Top(TopField),
    Phase {
        phase: usize,
        what: PhaseField,
    },
    /// The LA's own projection of pupils on roll in year index `year` (`phases.<p>.overrides.<t>`).
    PupilsInYear {
        phase: usize,
        year: usize,
    },
    /// Demand line `line` of tier `tier` (one line per phase).
    Demand {
        tier: usize,
        line: usize,
        what: DemandField,
    },
    Tier {
        tier: usize,
        what: TierField,
    },
    Provider {
        tier: usize,
        provider: usize,
        what: ProviderField,
    },
    /// Commissioned places: the same every year (`year: None`, `…places`) or in year index
    /// `year` of a year-by-year list (`…places.<t>`).
    Places {
        tier: usize,
        provider: usize,
        year: Option<usize>,
    },
    Intervention {
        intervention: usize,
        what: InterventionField,
    },
    CostLine {
        line: usize,
        what: CostLineField,
    },
    Lever {
        lever: usize,
        what: LeverField,
    },
    /// One funder's share of a cost split between funders (`<funder field>.<funder key>`:
    /// `tiers.0.transport_funder.schools`).
    Share {
        cost: Paid,
        funder: Funder,
    },
}

/// A cost that someone pays: the input its funder is chosen in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paid {
    Tier {
        tier: usize,
        what: TierField,
    },
    Provider {
        tier: usize,
        provider: usize,
        what: ProviderField,
    },
    Intervention {
        intervention: usize,
    },
    CostLine {
        line: usize,
    },
}

impl Paid {
    /// The funder input of this cost.
    pub fn field(self) -> Field {
        match self {
            Paid::Tier { tier, what } => Field::Tier { tier, what },
            Paid::Provider {
                tier,
                provider,
                what,
            } => Field::Provider {
                tier,
                provider,
                what,
            },
            Paid::Intervention { intervention } => Field::Intervention {
                intervention,
                what: InterventionField::Funder,
            },
            Paid::CostLine { line } => Field::CostLine {
                line,
                what: CostLineField::Funder,
            },
        }
    }

    /// The cost whose funder `field` chooses, if it is a funder input.
    pub fn of(field: Field) -> Option<Paid> {
        Some(match field {
            Field::Tier {
                tier,
                what:
                    what @ (TierField::PerEntryFunder
                    | TierField::TransportFunder
                    | TierField::SpotFunder
                    | TierField::WaitingFunder),
            } => Paid::Tier { tier, what },
            Field::Provider {
                tier,
                provider,
                what: what @ (ProviderField::PlaceFundingFunder | ProviderField::TopUpFunder),
            } => Paid::Provider {
                tier,
                provider,
                what,
            },
            Field::Intervention {
                intervention,
                what: InterventionField::Funder,
            } => Paid::Intervention { intervention },
            Field::CostLine {
                line,
                what: CostLineField::Funder,
            } => Paid::CostLine { line },
            _ => return None,
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Field::Top(what) => f.write_str(what.key()),
            Field::Phase { phase, what } => write!(f, "phases.{phase}.{}", what.key()),
            Field::PupilsInYear { phase, year } => write!(f, "phases.{phase}.overrides.{year}"),
            Field::Demand { tier, line, what } => {
                write!(f, "tiers.{tier}.phases.{line}.{}", what.key())
            }
            Field::Tier { tier, what } => write!(f, "tiers.{tier}.{}", what.key()),
            Field::Provider {
                tier,
                provider,
                what,
            } => write!(f, "tiers.{tier}.providers.{provider}.{}", what.key()),
            Field::Places {
                tier,
                provider,
                year: None,
            } => write!(f, "tiers.{tier}.providers.{provider}.places"),
            Field::Places {
                tier,
                provider,
                year: Some(t),
            } => write!(f, "tiers.{tier}.providers.{provider}.places.{t}"),
            Field::Intervention { intervention, what } => {
                write!(f, "interventions.{intervention}.{}", what.key())
            }
            Field::CostLine { line, what } => write!(f, "other_costs.{line}.{}", what.key()),
            Field::Lever { lever, what } => write!(f, "workshop.{lever}.{}", what.key()),
            Field::Share { cost, funder } => write!(f, "{}.{}", cost.field(), funder.key()),
        }
    }
}

/// A text that names no input of a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("“{0}” does not name an input of a scenario")]
pub struct UnknownField(pub String);

fn index(part: &str) -> Option<usize> {
    // Digits only: "+1" and " 1" are not positions.
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownField(text.chars().take(80).collect());
        if let Some(what) = TopField::from_key(text) {
            return Ok(Field::Top(what));
        }
        let parts: Vec<&str> = text.split('.').collect();
        let field = match parts.as_slice() {
            ["phases", p, "overrides", t] => Field::PupilsInYear {
                phase: index(p).ok_or_else(unknown)?,
                year: index(t).ok_or_else(unknown)?,
            },
            ["phases", p, key] => Field::Phase {
                phase: index(p).ok_or_else(unknown)?,
                what: PhaseField::from_key(key).ok_or_else(unknown)?,
            },
            ["tiers", i, "phases", k, key] => Field::Demand {
                tier: index(i).ok_or_else(unknown)?,
                line: index(k).ok_or_else(unknown)?,
                what: DemandField::from_key(key).ok_or_else(unknown)?,
            },
            ["tiers", i, "providers", k, "places"] => Field::Places {
                tier: index(i).ok_or_else(unknown)?,
                provider: index(k).ok_or_else(unknown)?,
                year: None,
            },
            ["tiers", i, "providers", k, "places", t] => Field::Places {
                tier: index(i).ok_or_else(unknown)?,
                provider: index(k).ok_or_else(unknown)?,
                year: Some(index(t).ok_or_else(unknown)?),
            },
            ["tiers", i, "providers", k, key] => Field::Provider {
                tier: index(i).ok_or_else(unknown)?,
                provider: index(k).ok_or_else(unknown)?,
                what: ProviderField::from_key(key).ok_or_else(unknown)?,
            },
            ["tiers", i, key] => Field::Tier {
                tier: index(i).ok_or_else(unknown)?,
                what: TierField::from_key(key).ok_or_else(unknown)?,
            },
            ["interventions", n, key] => Field::Intervention {
                intervention: index(n).ok_or_else(unknown)?,
                what: InterventionField::from_key(key).ok_or_else(unknown)?,
            },
            ["other_costs", n, key] => Field::CostLine {
                line: index(n).ok_or_else(unknown)?,
                what: CostLineField::from_key(key).ok_or_else(unknown)?,
            },
            ["workshop", n, key] => Field::Lever {
                lever: index(n).ok_or_else(unknown)?,
                what: LeverField::from_key(key).ok_or_else(unknown)?,
            },
            _ => {
                // A funder's share: a funder input's address and the funder's key.
                let (cost, key) = text.rsplit_once('.').ok_or_else(unknown)?;
                let cost = cost.parse().ok().and_then(Paid::of).ok_or_else(unknown)?;
                let funder = Funder::from_key(key).ok_or_else(unknown)?;
                Field::Share { cost, funder }
            }
        };
        Ok(field)
    }
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_read_back() {
        for text in [
            "meta.name",
            "budget.first_year",
            "money.top_up_index_pct",
            "money.opening_balance",
            "phases.1.growth_pct",
            "phases.0.awpu",
            "tiers.1.spot_funder",
            "tiers.1.spot_funder.schools",
            "tiers.0.providers.2.top_up_funder.council",
            "interventions.3.funder.grant",
            "other_costs.0.funder.high_needs",
            "interventions.0.in_base_budget",
            "budget.basis",
            "money.write_off_pct",
            "tiers.1.providers.0.min_occupancy_pct",
            "phases.0.overrides.3",
            "tiers.2.phases.1.referral_rate",
            "tiers.0.step_up_pct",
            "tiers.2.providers.0.places",
            "tiers.2.providers.0.places.4",
            "tiers.1.providers.3.top_up",
            "interventions.0.annual_cost",
            "other_costs.2.last_year",
            "workshop.5.max",
        ] {
            let field: Field = text.parse().unwrap();
            assert_eq!(field.to_string(), text);
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "meta",
            "tiers.x.trend_pct",
            "tiers.+1.trend_pct",
            "tiers.0.bogus",
            "tiers.0.providers.0.places.x",
            "budget",
            "phases.0.overrides",
            "tiers.0.phases.0.phase",
            "schema_version",
            "tiers.0.trend_pct.schools",
            "tiers.0.spot_funder.nobody",
            "interventions.0.funder.split",
        ] {
            assert!(text.parse::<Field>().is_err(), "{text}");
        }
    }
}
