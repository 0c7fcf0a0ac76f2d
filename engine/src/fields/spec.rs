//! What each input is: its label, unit, allowed range, step, hint, and whether a workshop slider
//! may move it or (later) a range of uncertainty may sit on it. One table, [`Field::spec`], read
//! by validation, workshop levers, input differences, exports, the print summary and the form.

use super::address::*;
use crate::format::{academic_year, money_full, plain};
use crate::scenario::{Scenario, Target, MAX_HORIZON};

/// The unit a number is in, and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Pounds,
    PerThousand,
    Percent,
    Weeks,
    Pupils,
    Places,
    /// A number of years (a horizon, a ramp-up).
    Years,
    /// An academic year by its start year: 2026 is 2026/27.
    AcademicYear,
    /// A number with no unit of its own (a workshop lever's bounds).
    Plain,
}

impl Unit {
    /// `v` as people read it in this unit: "£12,500", "1.5 per 1,000 pupils", "12.5%", "2026/27".
    pub fn show(self, v: f64) -> String {
        match self {
            Unit::Pounds => money_full(v),
            Unit::PerThousand => format!("{} per 1,000 pupils", plain(v, 2)),
            Unit::Percent => format!("{}%", plain(v, 2)),
            Unit::Weeks => format!("{} weeks", plain(v, 2)),
            Unit::Pupils => format!("{} pupils", plain(v, 2)),
            Unit::Places => format!("{} places", plain(v, 2)),
            Unit::Years => format!("{} years", plain(v, 2)),
            Unit::AcademicYear => {
                if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e6 {
                    academic_year(v as i32)
                } else {
                    plain(v, 2)
                }
            }
            Unit::Plain => plain(v, 2),
        }
    }

    /// "between 0 and 1,000 per 1,000 pupils": the unit once, after the upper bound, where the
    /// unit is a word; "between £0 and £10,000,000" where it is a sign.
    pub fn show_range(self, min: f64, max: f64) -> (String, String) {
        let low = match self {
            Unit::PerThousand | Unit::Weeks | Unit::Pupils | Unit::Places | Unit::Years => {
                plain(min, 2)
            }
            Unit::AcademicYear => plain(min, 0).replace(',', ""),
            _ => self.show(min),
        };
        let high = match self {
            Unit::AcademicYear => plain(max, 0).replace(',', ""),
            _ => self.show(max),
        };
        (low, high)
    }

    /// Whether the value is a code read without thousands separators (a start year).
    pub fn is_year(self) -> bool {
        self == Unit::AcademicYear
    }
}

/// What kind of value an input holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Number {
        unit: Unit,
        min: f64,
        max: f64,
        step: f64,
        /// Stored as a whole number (a year, a count of years): typed values are rounded.
        whole: bool,
    },
    /// One of a list of options ([`Field::options`]).
    Choice,
    Text {
        /// Whether an empty text is an error.
        required: bool,
    },
}

/// Everything fixed about one input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// The input's label on the form, in sentence case: "Average length of stay".
    pub label: &'static str,
    /// What follows the input on the form: "weeks", "£ per place-year", "% of exits".
    pub suffix: &'static str,
    /// One line under the label; "{range}" is replaced by "from <min> to <max>".
    pub hint: &'static str,
    pub kind: Kind,
    /// A workshop slider may move it.
    pub lever: bool,
    /// A guess worth a range of uncertainty (rates, trends, stays, shares, prices, costs).
    pub uncertain: bool,
}

const MAX_PUPILS: f64 = 5_000_000.0;
const MAX_PRICE: f64 = 10_000_000.0;
const MAX_COST: f64 = 1e9;
const YEARS: (f64, f64) = (2000.0, 2100.0);

const fn number(unit: Unit, min: f64, max: f64, step: f64) -> Kind {
    Kind::Number {
        unit,
        min,
        max,
        step,
        whole: false,
    }
}

const fn whole(unit: Unit, min: f64, max: f64) -> Kind {
    Kind::Number {
        unit,
        min,
        max,
        step: 1.0,
        whole: true,
    }
}

const TEXT: Kind = Kind::Text { required: true };

const fn spec(label: &'static str, suffix: &'static str, hint: &'static str, kind: Kind) -> Spec {
    Spec {
        label,
        suffix,
        hint,
        kind,
        lever: false,
        uncertain: false,
    }
}

impl Spec {
    /// May be a workshop lever.
    const fn lever(mut self) -> Spec {
        self.lever = true;
        self
    }

    /// May be a workshop lever and carry a range of uncertainty.
    const fn guess(mut self) -> Spec {
        self.lever = true;
        self.uncertain = true;
        self
    }

    pub fn unit(&self) -> Option<Unit> {
        match self.kind {
            Kind::Number { unit, .. } => Some(unit),
            _ => None,
        }
    }

    pub fn step(&self) -> f64 {
        match self.kind {
            Kind::Number { step, .. } => step,
            _ => 1.0,
        }
    }
}

impl Field {
    /// The fixed description of this input.
    pub fn spec(&self) -> Spec {
        use Unit::*;
        match *self {
            Field::Top(what) => match what {
                TopField::Name => spec("Scenario name", "", "", TEXT),
                TopField::Area => spec(
                    "Area (local authority)",
                    "",
                    "",
                    Kind::Text { required: false },
                ),
                TopField::Description => spec(
                    "Description",
                    "",
                    "What this scenario assumes, for whoever opens it next.",
                    Kind::Text { required: false },
                ),
                TopField::FirstYear => spec(
                    "First academic year",
                    "start year",
                    "2026 means 2026/27.",
                    whole(AcademicYear, YEARS.0, YEARS.1),
                ),
                TopField::Horizon => spec(
                    "Years to project",
                    "years",
                    "{range}.",
                    whole(Years, 1.0, MAX_HORIZON as f64),
                ),
                TopField::TeachingWeeks => spec(
                    "Teaching weeks per year",
                    "weeks",
                    "Usually 39; turns stays in weeks into years.",
                    number(Weeks, 1.0, 52.0, 1.0),
                ),
                TopField::Inflation => spec(
                    "Inflation",
                    "% a year",
                    "Applied to every cost from the second year.",
                    number(Percent, -10.0, 50.0, 0.5),
                )
                .guess(),
                TopField::BudgetFirstYear => spec(
                    "AP budget in the first year",
                    "£",
                    "From the high-needs block.",
                    number(Pounds, 0.0, 1e10, 100_000.0),
                )
                .lever(),
                TopField::BudgetGrowth => spec(
                    "Budget growth",
                    "% a year",
                    "Change in the budget each year.",
                    number(Percent, -50.0, 50.0, 0.5),
                )
                .guess(),
            },
            Field::Phase { what, .. } => match what {
                PhaseField::Name => spec("Phase name", "", "", TEXT),
                PhaseField::Pupils => spec(
                    "Pupils on roll",
                    "pupils",
                    "From the school census.",
                    number(Pupils, 0.0, MAX_PUPILS, 100.0),
                ),
                PhaseField::Growth => spec(
                    "Annual growth",
                    "% a year",
                    "Change in pupils on roll each year.",
                    number(Percent, -50.0, 50.0, 0.1),
                )
                .guess(),
            },
            Field::PupilsInYear { .. } => spec(
                "Pupils on roll (the LA's projection)",
                "pupils",
                "",
                number(Pupils, 0.0, MAX_PUPILS, 100.0),
            ),
            Field::Demand { what, .. } => match what {
                DemandField::ReferralRate => spec(
                    "Referral rate",
                    "per 1,000 pupils",
                    "New direct entries each year.",
                    number(PerThousand, 0.0, 1000.0, 0.1),
                )
                .guess(),
                DemandField::ExclusionRate => spec(
                    "Exclusion rate",
                    "per 1,000 pupils",
                    "Entries via permanent exclusion each year.",
                    number(PerThousand, 0.0, 1000.0, 0.1),
                )
                .guess(),
                DemandField::StartPupils => spec(
                    "Pupils at the start",
                    "pupils",
                    "In the tier at the start of the first year.",
                    number(Pupils, 0.0, MAX_PUPILS, 1.0),
                ),
            },
            Field::Tier { what, .. } => match what {
                TierField::Name => spec("Tier name", "", "", TEXT),
                TierField::Trend => spec(
                    "Demand trend",
                    "% a year",
                    "Applied to referral and exclusion rates each year.",
                    number(Percent, -50.0, 100.0, 0.5),
                )
                .guess(),
                TierField::Stay => spec(
                    "Average length of stay",
                    "weeks",
                    "Teaching weeks, {range}.",
                    number(Weeks, 0.1, 520.0, 1.0),
                )
                .guess(),
                TierField::Returned => spec(
                    "Returned to mainstream",
                    "% of exits",
                    "Of pupils leaving the tier.",
                    number(Percent, 0.0, 100.0, 1.0),
                )
                .guess(),
                TierField::StepUp => spec(
                    "Stepped up to the next tier",
                    "% of exits",
                    "The rest go to other destinations.",
                    number(Percent, 0.0, 100.0, 1.0),
                )
                .guess(),
                TierField::PerEntryCost => spec(
                    "Cost per entry",
                    "£ per pupil",
                    "An outreach package or assessment, once per pupil entering.",
                    number(Pounds, 0.0, MAX_PRICE, 100.0),
                )
                .guess(),
                TierField::Transport => spec(
                    "Transport",
                    "£ per place-year",
                    "For each filled place.",
                    number(Pounds, 0.0, MAX_PRICE, 100.0),
                )
                .guess(),
                TierField::OverCapacity => {
                    spec("Demand above commissioned places", "", "", Kind::Choice)
                }
                TierField::SpotPrice => spec(
                    "Spot place price",
                    "£ per place-year",
                    "Used when extra places are bought.",
                    number(Pounds, 0.0, MAX_PRICE, 1000.0),
                )
                .guess(),
            },
            Field::Provider { what, .. } => match what {
                ProviderField::Name => spec("Provider name", "", "", TEXT),
                ProviderField::Kind => spec("Type", "", "", Kind::Choice),
                ProviderField::Phase => spec("Phases served", "", "", Kind::Choice),
                ProviderField::PlaceFunding => spec(
                    "Place funding",
                    "£ per place-year",
                    "Per commissioned place (£10,000 for state-funded AP).",
                    number(Pounds, 0.0, MAX_PRICE, 500.0),
                )
                .guess(),
                ProviderField::TopUp => spec(
                    "Top-up",
                    "£ per pupil-year",
                    "Per occupied place.",
                    number(Pounds, 0.0, MAX_PRICE, 500.0),
                )
                .guess(),
            },
            Field::Places { year, .. } => match year {
                None => spec(
                    "Commissioned places",
                    "places, every year",
                    "Places paid for whether filled or not.",
                    number(Places, 0.0, 100_000.0, 1.0),
                )
                .lever(),
                Some(_) => spec(
                    "Commissioned places",
                    "places",
                    "",
                    number(Places, 0.0, 100_000.0, 1.0),
                ),
            },
            Field::Intervention { what, .. } => match what {
                InterventionField::Name => spec("Name", "", "", TEXT),
                InterventionField::Tier => spec("Tier", "", "", Kind::Choice),
                InterventionField::Phase => spec("Phase", "", "", Kind::Choice),
                InterventionField::Target => spec("Changes", "", "", Kind::Choice),
                InterventionField::Change => spec(
                    "Change at full effect",
                    "%",
                    "−20 cuts it by a fifth; +10 raises it by a tenth.",
                    number(Percent, -100.0, 500.0, 1.0),
                )
                .guess(),
                InterventionField::FirstYear => spec(
                    "First year",
                    "start year",
                    "2027 means 2027/28.",
                    whole(AcademicYear, YEARS.0, YEARS.1),
                ),
                InterventionField::RampYears => spec(
                    "Ramp-up",
                    "years",
                    "0 means full effect at once.",
                    whole(Years, 0.0, MAX_HORIZON as f64),
                ),
                InterventionField::AnnualCost => spec(
                    "Annual cost",
                    "£ a year",
                    "From its first year.",
                    number(Pounds, 0.0, MAX_COST, 10_000.0),
                )
                .guess(),
            },
            Field::CostLine { what, .. } => match what {
                CostLineField::Name => spec("Name", "", "", TEXT),
                CostLineField::Amount => spec(
                    "Amount",
                    "£ a year",
                    "",
                    number(Pounds, 0.0, MAX_COST, 10_000.0),
                )
                .guess(),
                CostLineField::FirstYear => spec(
                    "First year",
                    "start year",
                    "2026 means 2026/27.",
                    whole(AcademicYear, YEARS.0, YEARS.1),
                ),
                CostLineField::LastYear => spec(
                    "Last year",
                    "start year",
                    "Included.",
                    whole(AcademicYear, YEARS.0, YEARS.1),
                ),
            },
            Field::Lever { what, .. } => match what {
                LeverField::Input => spec("Input", "", "", Kind::Choice),
                LeverField::Label => spec("Label on the slider", "", "", TEXT),
                LeverField::Min => spec("Lowest value", "", "", number(Plain, -1e12, 1e12, 1.0)),
                LeverField::Max => spec("Highest value", "", "", number(Plain, -1e12, 1e12, 1.0)),
                LeverField::Step => spec("Step", "", "", number(Plain, 1e-6, 1e9, 1.0)),
            },
        }
    }

    /// The allowed range of a number in `s` (the catalogue's, narrowed where another input
    /// decides it: a stay cannot be cut to nothing).
    pub fn range(&self, s: &Scenario) -> Option<(f64, f64)> {
        let Kind::Number { min, max, .. } = self.spec().kind else {
            return None;
        };
        let min = match *self {
            Field::Intervention {
                intervention,
                what: InterventionField::Change,
            } if s
                .interventions
                .get(intervention)
                .is_some_and(|iv| iv.target == Target::LengthOfStay) =>
            {
                -95.0
            }
            _ => min,
        };
        Some((min, max))
    }

    /// The unit this input is shown in; a workshop lever's bounds are in its input's unit.
    pub fn unit(&self, s: &Scenario) -> Option<Unit> {
        match *self {
            Field::Lever {
                lever,
                what: LeverField::Min | LeverField::Max,
            } => s.workshop.get(lever).and_then(|l| l.field.spec().unit()),
            _ => self.spec().unit(),
        }
    }

    /// The hint under the input in `s`.
    pub fn hint(&self, s: &Scenario) -> String {
        if let Field::Tier {
            tier,
            what: TierField::StepUp,
        } = *self
        {
            if tier + 1 >= s.tiers.len() {
                return "The last tier steps nobody up: this counts as other destinations.".into();
            }
        }
        let spec = self.spec();
        match (spec.hint.contains("{range}"), self.range(s)) {
            (true, Some((min, max))) => {
                let range = format!("from {} to {}", plain(min, 2), plain(max, 2));
                let text = spec.hint.replace("{range}", &range);
                capitalise(&text)
            }
            _ => spec.hint.to_string(),
        }
    }

    /// Who the input belongs to, as people call it: "Tier 2: time-limited placements",
    /// "Tier 2: time-limited placements · Secondary", "County AP school"; `None` for the
    /// scenario's own inputs.
    pub fn owner(&self, s: &Scenario) -> Option<String> {
        match *self {
            Field::Top(_) => None,
            Field::Phase { phase, .. } | Field::PupilsInYear { phase, .. } => {
                Some(phase_name(s, phase))
            }
            Field::Demand { tier, line, .. } => {
                let phase = s
                    .tiers
                    .get(tier)
                    .and_then(|t| t.phases.get(line))
                    .map(|d| match s.phase_index(&d.phase) {
                        Some(p) => phase_name(s, p),
                        None => d.phase.clone(),
                    })
                    .unwrap_or_else(|| format!("demand line {}", line + 1));
                Some(format!("{} · {phase}", tier_name(s, tier)))
            }
            Field::Tier { tier, .. } => Some(tier_name(s, tier)),
            Field::Provider { tier, provider, .. } | Field::Places { tier, provider, .. } => {
                Some(format!(
                    "{} · {}",
                    tier_name(s, tier),
                    provider_name(s, tier, provider)
                ))
            }
            Field::Intervention { intervention, .. } => Some(named(
                s.interventions.get(intervention).map(|iv| iv.name.as_str()),
                "Intervention",
                intervention,
            )),
            Field::CostLine { line, .. } => Some(named(
                s.other_costs.get(line).map(|c| c.name.as_str()),
                "Cost line",
                line,
            )),
            Field::Lever { lever, .. } => Some(format!("Workshop lever {}", lever + 1)),
        }
    }

    /// The input in plain English, for messages and lists of differences:
    /// "Tier 2: time-limited placements · Secondary · referral rate".
    pub fn describe(&self, s: &Scenario) -> String {
        let spec = self.spec();
        if let Kind::Text { .. } = spec.kind {
            // A name describes its item by kind and position: the name itself may be blank.
            if let Some(item) = self.position() {
                return format!("{item} · name");
            }
        }
        let what = match *self {
            Field::Places { year: Some(t), .. } => {
                format!("places in {}", academic_year(s.timeline.year(t)))
            }
            Field::PupilsInYear { year, .. } => {
                format!("pupils on roll in {}", academic_year(s.timeline.year(year)))
            }
            _ => lower_first(spec.label),
        };
        match self.owner(s) {
            Some(owner) => format!("{owner} · {what}"),
            None => spec.label.to_string(),
        }
    }

    /// "Tier 3 · name": an item by its kind and position, for fields whose own text may be blank.
    fn position(&self) -> Option<String> {
        Some(match *self {
            Field::Phase { phase, .. } => format!("Phase {}", phase + 1),
            Field::Tier { tier, .. } => format!("Tier {}", tier + 1),
            Field::Provider { tier, provider, .. } => {
                format!("Tier {} · provider {}", tier + 1, provider + 1)
            }
            Field::Intervention { intervention, .. } => {
                format!("Intervention {}", intervention + 1)
            }
            Field::CostLine { line, .. } => format!("Cost line {}", line + 1),
            Field::Lever { lever, .. } => format!("Workshop lever {}", lever + 1),
            _ => return None,
        })
    }

    /// Whether a workshop slider may move this input in `s` (the last tier steps nobody up).
    pub fn can_be_lever(&self, s: &Scenario) -> bool {
        if !self.spec().lever || self.number(s).is_none() {
            return false;
        }
        !matches!(*self, Field::Tier { tier, what: TierField::StepUp } if tier + 1 >= s.tiers.len())
    }

    /// A slider's label: "Tier 3: transitional placements: demand trend (% a year)".
    pub fn lever_label(&self, s: &Scenario) -> String {
        let what = match *self {
            Field::Demand { .. } => format!("{} (per 1,000)", lower_first(self.spec().label)),
            Field::Tier {
                what: TierField::Stay,
                ..
            } => "length of stay (weeks)".into(),
            Field::Tier {
                what: TierField::StepUp,
                ..
            } => "stepped up to the next tier (%)".into(),
            Field::Intervention {
                what: InterventionField::AnnualCost,
                ..
            } => "investment a year".into(),
            Field::Intervention {
                what: InterventionField::Change,
                ..
            } => "effect (%)".into(),
            _ => {
                let spec = self.spec();
                match spec.suffix {
                    "" => lower_first(spec.label),
                    suffix => {
                        let suffix = suffix
                            .trim_end_matches(" of exits")
                            .trim_end_matches(", every year");
                        match suffix {
                            "places" | "pupils" | "weeks" => lower_first(spec.label),
                            _ => format!("{} ({suffix})", lower_first(spec.label)),
                        }
                    }
                }
            }
        };
        let owner = match *self {
            // A provider's places read best under the provider's own name.
            Field::Places { tier, provider, .. } => Some(provider_name(s, tier, provider)),
            _ => self.owner(s),
        };
        match owner {
            Some(owner) => format!("{owner}: {what}"),
            None => capitalise(&what),
        }
    }

    /// The range and step a slider offers by default: from zero (or a fall) to about twice the
    /// value today.
    pub fn lever_range(&self, s: &Scenario) -> Option<(f64, f64, f64)> {
        let v = self.number(s)?;
        let twice = |floor: f64| (v * 2.0).max(floor).round();
        let (min, max, step) = match *self {
            Field::Demand { .. } => (0.0, (v * 2.0).max(5.0), 0.1),
            Field::Tier { what, .. } => match what {
                TierField::Trend => (-10.0, 15.0, 0.5),
                TierField::Stay => (1.0, twice(52.0), 1.0),
                TierField::Returned | TierField::StepUp => (0.0, 100.0, 1.0),
                TierField::PerEntryCost | TierField::Transport => (0.0, twice(10_000.0), 100.0),
                TierField::SpotPrice => (0.0, twice(100_000.0), 1000.0),
                _ => return None,
            },
            Field::Provider { .. } => (0.0, twice(40_000.0), 500.0),
            Field::Places { .. } => (0.0, twice(20.0), 1.0),
            Field::Intervention { what, .. } => match what {
                InterventionField::AnnualCost => (0.0, twice(500_000.0), 10_000.0),
                InterventionField::Change => (self.range(s)?.0.max(-100.0), 100.0, 1.0),
                _ => return None,
            },
            Field::CostLine { .. } => (0.0, twice(500_000.0), 10_000.0),
            Field::Phase { .. } => (-5.0, 5.0, 0.1),
            Field::Top(TopField::BudgetFirstYear) => (0.0, twice(1_000_000.0), 100_000.0),
            Field::Top(TopField::BudgetGrowth | TopField::Inflation) => (-10.0, 10.0, 0.5),
            _ => return None,
        };
        // The value today always lies inside the slider's range.
        Some((min.min(v), max.max(v), step))
    }
}

/// An item's name, or its kind and position when the name is blank.
fn named(name: Option<&str>, kind: &str, n: usize) -> String {
    match name.map(str::trim) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => format!("{kind} {}", n + 1),
    }
}

pub(crate) fn tier_name(s: &Scenario, tier: usize) -> String {
    named(s.tiers.get(tier).map(|t| t.name.as_str()), "Tier", tier)
}

pub(crate) fn phase_name(s: &Scenario, phase: usize) -> String {
    named(s.phases.get(phase).map(|p| p.name.as_str()), "Phase", phase)
}

fn provider_name(s: &Scenario, tier: usize, provider: usize) -> String {
    named(
        s.tiers
            .get(tier)
            .and_then(|t| t.providers.get(provider))
            .map(|p| p.name.as_str()),
        "provider",
        provider,
    )
}

/// "Average length of stay" → "average length of stay"; "AP budget" stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
