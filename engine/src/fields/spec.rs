//! What each input is: its label, unit, allowed range, step, hint, and whether a workshop slider
//! may move it or (later) a range of uncertainty may sit on it. One table, [`Field::spec`], read
//! by validation, workshop levers, input differences, exports, the print summary and the form.

use crate::address::*;
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
    /// One line under the label; "{range}" is replaced by "from `min` to `max`".
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

/// A number input.
#[allow(clippy::too_many_arguments)]
const fn num(
    label: &'static str,
    suffix: &'static str,
    hint: &'static str,
    unit: Unit,
    min: f64,
    max: f64,
    step: f64,
) -> Spec {
    let kind = Kind::Number {
        unit,
        min,
        max,
        step,
        whole: false,
    };
    spec(label, suffix, hint, kind)
}

/// A whole-number input (a year, a number of years), stepped by one.
const fn whole(
    label: &'static str,
    suffix: &'static str,
    hint: &'static str,
    unit: Unit,
    (min, max): (f64, f64),
) -> Spec {
    let kind = Kind::Number {
        unit,
        min,
        max,
        step: 1.0,
        whole: true,
    };
    spec(label, suffix, hint, kind)
}

const fn text(label: &'static str, required: bool) -> Spec {
    spec(label, "", "", Kind::Text { required })
}

const fn choice(label: &'static str) -> Spec {
    spec(label, "", "", Kind::Choice)
}

impl Spec {
    const fn hint(mut self, hint: &'static str) -> Spec {
        self.hint = hint;
        self
    }

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
    /// The fixed description of this input: one row per input, read as a table of label,
    /// suffix, hint, then unit, lowest, highest and step for numbers.
    #[rustfmt::skip]
    pub fn spec(&self) -> Spec {
        use Unit::*;
        match *self {
            Field::Top(what) => match what {
                TopField::Name => text("Scenario name", true),
                TopField::Area => text("Area (local authority)", false),
                TopField::Description => text("Description", false).hint("What this scenario assumes, for whoever opens it next."),
                TopField::FirstYear => whole("First academic year", "start year", "2026 means 2026/27.", AcademicYear, YEARS),
                TopField::Horizon => whole("Years to project", "years", "{range}.", Years, (1.0, MAX_HORIZON as f64)),
                TopField::TeachingWeeks => num("Teaching weeks per year", "weeks", "Usually 39; turns stays in weeks into years.", Weeks, 1.0, 52.0, 1.0),
                TopField::BudgetFirstYear => num("High-needs budget for AP in the first year", "£", "The first financial year's allocation (April to March) when the budget is typed per financial year. From the high-needs block; only spend it pays is set against it (not spend paid by schools, the council, grants or other budgets).", Pounds, 0.0, 1e10, 100_000.0).lever(),
                TopField::BudgetGrowth => num("Budget growth", "% a year", "Change in the budget each year (each financial year when typed per financial year). High-needs allocations for 2026-27 are flat cash: 0.", Percent, -50.0, 50.0, 0.5).guess(),
                TopField::BudgetBasis => choice("Budget typed"),
                TopField::OpeningBalance => num("Cumulative DSG position at 31 March before the first financial year", "£", "The DSG (or AP) balance brought forward into the first financial year, from the accounts: negative for a deficit. The projection starts in September, so April to August of that year are not modelled.", Pounds, -1e11, 1e11, 100_000.0),
                TopField::WriteOffPct => num("Share of the deficit brought forward written off", "%", "The high-needs stability grant repays 90% of the DSG deficit accrued to March 2026 where a local SEND reform plan is approved (DfE, 2026); 0 leaves it out.", Percent, 0.0, 100.0, 5.0),
                TopField::WriteOffYear => whole("Financial year the write-off is received", "start year", "2028 means 2028-29.", AcademicYear, YEARS),
                TopField::OverrideLastYear => whole("Last financial year of the statutory override", "start year", "The override keeps DSG deficits off the council's general fund to the end of 2027-28 (enter 2027); after it the deficit is shown as outside the override.", AcademicYear, YEARS),
                TopField::GroupCorrelation => num("Correlation within a group", "%", "How closely ranged inputs in the same group move together: 0 is independently, 100 in lock-step.", Percent, 0.0, 100.0, 5.0),
                TopField::PlaceFundingIndex => num("Place funding cost index", "% a year", "0 keeps the national £10,000 place rate flat cash, as it has been since 2015/16.", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::TopUpIndex => num("Top-up cost index", "% a year", "Top-ups the LA sets (all providers but independent ones).", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::SpotIndex => num("Independent and spot price index", "% a year", "Independent providers' top-ups, spot places and interim provision.", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::PerEntryIndex => num("Per-entry cost index", "% a year", "Packages and assessments charged per entry.", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::TransportIndex => num("Transport cost index", "% a year", "", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::FixedIndex => num("Fixed cost index", "% a year", "Fixed annual cost lines.", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::InterventionsIndex => num("Intervention cost index", "% a year", "Interventions' annual costs.", Percent, -10.0, 50.0, 0.5).guess(),
                TopField::AwpuYearLeft => num("Share of the year left at exclusion", "%", "The AWPU recovered from the excluding school is for the rest of the year: 50 means half a year on average.", Percent, 0.0, 100.0, 5.0).guess(),
                TopField::FySplit => choice("Financial years from academic years"),
                TopField::Seed => whole("Random seed", "", "The same seed gives the same results everywhere; change it to check they hold.", Plain, (0.0, 999_999_999.0)),
                TopField::CountNoise => choice("Count noise"),
                TopField::Draws => whole("Draws", "draws", "More draws settle the ranges more but take longer; {range}.", Plain, (100.0, 100_000.0)),
            },
            Field::Phase { what, .. } => match what {
                PhaseField::Name => text("Phase name", true),
                PhaseField::Pupils => num("Pupils on roll", "pupils", "From the school census.", Pupils, 0.0, MAX_PUPILS, 100.0),
                PhaseField::Growth => num("Annual growth", "% a year", "Change in pupils on roll each year.", Percent, -50.0, 50.0, 0.1).guess(),
                PhaseField::Awpu => num("AWPU recovered per exclusion", "£ a year", "Age-weighted pupil unit for the phase, recovered from the excluding school (0 to leave income out).", Pounds, 0.0, MAX_PRICE, 100.0),
            },
            Field::PupilsInYear { .. } => num("Pupils on roll (the LA's projection)", "pupils", "", Pupils, 0.0, MAX_PUPILS, 100.0),
            Field::Demand { what, .. } => match what {
                DemandField::ReferralRate => num("Referral rate", "per 1,000 pupils", "New direct entries each year.", PerThousand, 0.0, 1000.0, 0.1).guess(),
                DemandField::ExclusionRate => num("Exclusion rate", "per 1,000 pupils", "Entries via permanent exclusion each year.", PerThousand, 0.0, 1000.0, 0.1).guess(),
                DemandField::StartPupils => num("Pupils at the start", "pupils", "In the tier at the start of the first year.", Pupils, 0.0, MAX_PUPILS, 1.0),
            },
            Field::Tier { what, .. } => match what {
                TierField::Name => text("Tier name", true),
                TierField::Trend => num("Demand trend", "% a year", "Applied to referral and exclusion rates each year.", Percent, -50.0, 100.0, 0.5).guess(),
                TierField::Stay => num("Average length of stay", "weeks", "Teaching weeks, {range}.", Weeks, 0.1, 520.0, 1.0).guess(),
                TierField::Returned => num("Returned to mainstream", "% of exits", "Of pupils leaving the tier.", Percent, 0.0, 100.0, 1.0).guess(),
                TierField::StepUp => num("Stepped up to the next tier", "% of exits", "The rest go to other destinations.", Percent, 0.0, 100.0, 1.0).guess(),
                TierField::PerEntryCost => num("Cost per entry", "£ per pupil", "An outreach package or assessment, once per pupil entering.", Pounds, 0.0, MAX_PRICE, 100.0).guess(),
                TierField::Transport => num("Transport", "£ per place-year", "For each filled place: cost per transported pupil × share transported.", Pounds, 0.0, MAX_PRICE, 100.0).guess(),
                TierField::OverCapacity => choice("Demand above commissioned places"),
                TierField::SpotPrice => num("Spot place price", "£ per place-year", "Used when extra places are bought.", Pounds, 0.0, MAX_PRICE, 1000.0).guess(),
                TierField::WaitingCost => num("Interim provision while waiting", "£ per pupil-week", "Used on a waiting list: an excluded pupil must have full-time education from the sixth day.", Pounds, 0.0, 100_000.0, 10.0).guess(),
                TierField::PerEntryFunder => choice("Cost per entry paid by"),
                TierField::TransportFunder => choice("Transport paid by"),
                TierField::SpotFunder => choice("Spot places paid by"),
                TierField::WaitingFunder => choice("Interim provision paid by"),
            },
            Field::Provider { what, .. } => match what {
                ProviderField::Name => text("Provider name", true),
                ProviderField::Kind => choice("Type"),
                ProviderField::Phase => choice("Phases served"),
                ProviderField::PlaceFunding => num("Place funding", "£ per place-year", "Per commissioned place (£10,000 for state-funded AP).", Pounds, 0.0, MAX_PRICE, 500.0).guess(),
                ProviderField::TopUp => num("Top-up", "£ per pupil-year", "Per occupied place.", Pounds, 0.0, MAX_PRICE, 500.0).guess(),
                ProviderField::MinOccupancy => num("Top-up paid on at least", "% of commissioned places", "The LA's own occupancy rule; 0 pays top-up on occupied places only.", Percent, 0.0, 100.0, 5.0),
                ProviderField::PlaceFundingFunder => choice("Place funding paid by"),
                ProviderField::TopUpFunder => choice("Top-up paid by"),
            },
            Field::Places { year: None, .. } => num("Commissioned places", "places, every year", "Places paid for whether filled or not.", Places, 0.0, 100_000.0, 1.0).lever(),
            Field::Places { year: Some(_), .. } => num("Commissioned places", "places", "", Places, 0.0, 100_000.0, 1.0),
            Field::Intervention { what, .. } => match what {
                InterventionField::Name => text("Name", true),
                InterventionField::Tier => choice("Tier"),
                InterventionField::Phase => choice("Phase"),
                InterventionField::Target => choice("Changes"),
                InterventionField::Change => num("Change at full effect", "%", "−20 cuts it by a fifth; +10 raises it by a tenth.", Percent, -100.0, 500.0, 1.0).guess(),
                InterventionField::FirstYear => whole("First year", "start year", "2027 means 2027/28.", AcademicYear, YEARS),
                InterventionField::RampYears => whole("Ramp-up", "years", "0 means full effect at once.", Years, (0.0, MAX_HORIZON as f64)),
                InterventionField::AnnualCost => num("Annual cost", "£ a year", "From its first year.", Pounds, 0.0, MAX_COST, 10_000.0).guess(),
                InterventionField::Funder => choice("Paid by"),
                InterventionField::InBaseBudget => choice("Already in the base budget"),
            },
            Field::CostLine { what, .. } => match what {
                CostLineField::Name => text("Name", true),
                CostLineField::Amount => num("Amount", "£ a year", "", Pounds, 0.0, MAX_COST, 10_000.0).guess(),
                CostLineField::FirstYear => whole("First year", "start year", "2026 means 2026/27.", AcademicYear, YEARS),
                CostLineField::LastYear => whole("Last year", "start year", "Included.", AcademicYear, YEARS),
                CostLineField::Funder => choice("Paid by"),
            },
            Field::Lever { what, .. } => match what {
                LeverField::Input => choice("Input"),
                LeverField::Label => text("Label on the slider", true),
                LeverField::Min => num("Lowest value", "", "", Plain, -1e12, 1e12, 1.0),
                LeverField::Max => num("Highest value", "", "", Plain, -1e12, 1e12, 1.0),
                LeverField::Step => num("Step", "", "", Plain, 1e-6, 1e9, 1.0),
            },
            Field::Share { funder, .. } => {
                let label = match funder {
                    crate::scenario::Funder::HighNeeds => "Share paid by the high-needs block",
                    crate::scenario::Funder::Schools => "Share paid by schools",
                    crate::scenario::Funder::Grant => "Share paid by grants",
                    crate::scenario::Funder::Other => "Share paid by other budgets",
                    crate::scenario::Funder::Council => "Share paid by the council (general fund)",
                };
                num(label, "%", "The shares must add up to 100%.", Percent, 0.0, 100.0, 5.0)
            }
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

    /// What follows the input on the form in `s`; a workshop lever's bounds take the suffix of
    /// the input the lever moves.
    pub fn suffix(&self, s: &Scenario) -> &'static str {
        match *self {
            Field::Lever {
                lever,
                what: LeverField::Min | LeverField::Max,
            } => s.workshop.get(lever).map_or("", |l| l.field.spec().suffix),
            _ => self.spec().suffix,
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
            Field::Share { cost, .. } => cost.field().owner(s),
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
            Field::Share { cost, .. } => format!(
                "{}: {}",
                lower_first(cost.field().spec().label),
                lower_first(spec.label)
            ),
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
                TierField::WaitingCost => (0.0, twice(1_000.0), 10.0),
                TierField::SpotPrice => (0.0, twice(100_000.0), 1000.0),
                _ => return None,
            },
            Field::Provider {
                what: ProviderField::PlaceFunding | ProviderField::TopUp,
                ..
            } => (0.0, twice(40_000.0), 500.0),
            Field::Provider { .. } => return None,
            Field::Places { .. } => (0.0, twice(20.0), 1.0),
            Field::Intervention { what, .. } => match what {
                InterventionField::AnnualCost => (0.0, twice(500_000.0), 10_000.0),
                InterventionField::Change => (self.range(s)?.0.max(-100.0), 100.0, 1.0),
                _ => return None,
            },
            Field::CostLine { .. } => (0.0, twice(500_000.0), 10_000.0),
            Field::Phase {
                what: PhaseField::Growth,
                ..
            } => (-5.0, 5.0, 0.1),
            Field::Phase { .. } => return None,
            Field::Top(TopField::BudgetFirstYear) => (0.0, twice(1_000_000.0), 100_000.0),
            Field::Top(
                TopField::BudgetGrowth
                | TopField::PlaceFundingIndex
                | TopField::TopUpIndex
                | TopField::SpotIndex
                | TopField::PerEntryIndex
                | TopField::TransportIndex
                | TopField::FixedIndex
                | TopField::InterventionsIndex,
            ) => (-10.0, 10.0, 0.5),
            _ => return None,
        };
        // The value today always lies inside the slider's range.
        Some((min.min(v), max.max(v), step))
    }
}

/// An item's name, or its kind and position when the name is blank. A name over the longest
/// allowed (itself a validation error) is cut short, so no message can grow with it.
fn named(name: Option<&str>, kind: &str, n: usize) -> String {
    const MAX: usize = crate::validate::MAX_TEXT;
    match name.map(str::trim) {
        Some(name) if name.len() > MAX && name.chars().nth(MAX).is_some() => {
            let mut cut: String = name.chars().take(MAX).collect();
            cut.push('…');
            cut
        }
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
        (Some(first), Some(second)) if !second.is_ascii_uppercase() => {
            std::iter::once(first.to_ascii_lowercase())
                .chain(chars)
                .collect()
        }
        _ => text.to_string(),
    }
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}
