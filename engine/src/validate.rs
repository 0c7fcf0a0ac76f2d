//! Validation: every field of a scenario checked before projecting, all problems at once.
//!
//! Each issue carries the machine path of the field (`tiers.1.phases.0.referral_rate`, used by the
//! app to put the message next to the input) and a plain-English label
//! ("Tier 2 · Secondary · referral rate") that starts the message.
//!
//! Validation is bounded and linear, whatever it is given (a crafted link or file may hold
//! hundreds of thousands of items): every list's count is checked before its items, and only the
//! first items up to the limit are checked (or can be referred to); ids are looked up in hash
//! maps built once; texts over their limit are reported once, and shown cut short in messages.

use std::collections::{HashMap, HashSet};
use std::fmt;

use thiserror::Error;

use crate::address::Paid;
use crate::fields::{
    CostLineField, DemandField, Field, InterventionField, LeverField, PhaseField, ProviderField,
    TierField, TopField, Unit,
};
use crate::format::plain;
use crate::scenario::{Funder, Funding, Scenario, MAX_HORIZON, SCHEMA_VERSION};

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Problem {
    #[error("must be a number")]
    NotFinite,
    #[error("must be between {min} and {max}")]
    OutOfRange { min: String, max: String },
    #[error("must not be empty")]
    Empty,
    #[error("must have at least one {0}")]
    NoneGiven(&'static str),
    #[error("can have at most {} {what}", crate::format::number(*max as f64, 0))]
    TooMany { what: &'static str, max: usize },
    #[error("uses the id \"{0}\", which another item already uses")]
    DuplicateId(String),
    #[error("refers to {what} \"{id}\", which does not exist")]
    UnknownReference { what: &'static str, id: String },
    #[error("lists phase \"{0}\" more than once")]
    DuplicatePhase(String),
    #[error("and stepped up to the next tier add up to {0}%, which is more than 100%")]
    SharesOver100(String),
    #[error("must not be before the first year")]
    LastBeforeFirst,
    #[error("must be more than the lowest value")]
    NotAboveLowest,
    #[error("is version {found}, newer than this app understands (up to {supported})")]
    FutureVersion { found: u32, supported: u32 },
    #[error("range from {low} to {high} must include the value typed ({central})")]
    RangeNotAround {
        low: String,
        central: String,
        high: String,
    },
    #[error("cannot carry a range (ranges go on rates, trends, stays, shares, prices and costs)")]
    CannotBeRanged,
    #[error("has more than one range")]
    TwoRanges,
    #[error("and stepped up to the next tier could add up to {0}% at the top of their ranges, which is more than 100%")]
    RangeSharesOver100(String),
    #[error("is split between funders whose shares add up to {0}%: they must add up to 100%")]
    FunderSharesNot100(String),
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Machine path of the field, dot-separated: `tiers.1.stay_weeks` (the input's text form
    /// when the problem is with an input).
    pub path: String,
    /// The input the problem is with, when it is one (not an id, a list or the format).
    pub field: Option<Field>,
    /// Plain-English name of the field: "Tier 2 · length of stay".
    pub label: String,
    pub problem: Problem,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.label, self.problem)
    }
}

/// Every problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("the scenario has {} problem(s): {}", .0.len(), .0.iter().map(|i| i.to_string()).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<Issue>);

struct Checker<'a> {
    s: &'a Scenario,
    issues: Vec<Issue>,
    /// Phase and tier ids of the items that can be referred to (the first up to each list's
    /// limit), to their index; the first item wins where an id is used twice.
    phase_ids: HashMap<&'a str, usize>,
    tier_ids: HashMap<&'a str, usize>,
}

/// Ids of the first `max` items to their index (the first wins where one is used twice).
fn id_index<'a>(ids: impl Iterator<Item = &'a str>, max: usize) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (n, id) in ids.take(max).enumerate() {
        map.entry(id).or_insert(n);
    }
    map
}

/// An id or other text for a message: at most 40 characters, so a crafted one cannot swamp it.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.len() <= MAX || text.chars().count() <= MAX {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(MAX - 1).collect();
        cut.push('…');
        cut
    }
}

/// Whether `text` is longer than `max` characters (counted up to `max + 1` only).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

impl<'a> Checker<'a> {
    fn phase_index(&self, id: &str) -> Option<usize> {
        self.phase_ids.get(id).copied()
    }

    fn tier_index(&self, id: &str) -> Option<usize> {
        self.tier_ids.get(id).copied()
    }

    /// Check a text input is not over [`MAX_TEXT`] characters.
    fn text(&mut self, field: Field, text: &str) {
        if longer_than(text, MAX_TEXT) {
            self.at(
                field,
                Problem::TooMany {
                    what: "characters",
                    max: MAX_TEXT,
                },
            );
        }
    }

    /// Check an id: not empty, not over [`MAX_TEXT`] characters, and not used before in `seen`.
    fn id(&mut self, of: IdOf, id: &'a str, seen: &mut HashSet<&'a str>) {
        if id.trim().is_empty() {
            self.push(of.path(), of.label(), Problem::Empty);
        } else if longer_than(id, MAX_TEXT) {
            let problem = Problem::TooMany {
                what: "characters",
                max: MAX_TEXT,
            };
            self.push(of.path(), of.label(), problem);
        } else if !seen.insert(id) {
            self.push(of.path(), of.label(), Problem::DuplicateId(shown(id)));
        }
    }

    /// Record a problem. Paths and labels are built only here, when something is wrong, so a
    /// valid scenario is checked without allocating a string per field.
    fn push(&mut self, path: impl fmt::Display, label: impl fmt::Display, problem: Problem) {
        self.issues.push(Issue {
            path: path.to_string(),
            field: None,
            label: label.to_string(),
            problem,
        });
    }

    /// Record a problem with an input of the catalogue.
    fn at(&mut self, field: Field, problem: Problem) {
        self.issues.push(Issue {
            path: field.to_string(),
            field: Some(field),
            label: field.describe(self.s),
            problem,
        });
    }

    /// Check the number `v` of `field` is finite and inside the catalogue's range.
    fn number(&mut self, field: Field, v: f64) {
        if !v.is_finite() {
            self.at(field, Problem::NotFinite);
            return;
        }
        let Some((min, max)) = field.range(self.s) else {
            return;
        };
        if v < min || v > max {
            let unit = field.unit(self.s).unwrap_or(Unit::Plain);
            let (min, max) = unit.show_range(min, max);
            self.at(field, Problem::OutOfRange { min, max });
        }
    }

    /// Check the number held by `field` (which must exist in the scenario).
    fn input(&mut self, field: Field) {
        if let Some(v) = field.number(self.s) {
            self.number(field, v);
        }
    }

    /// Check a cost's funding: a split's shares each between 0 and 100%, adding up to 100%.
    fn funding(&mut self, field: Field, funding: Funding) {
        let (Funding::Split(shares), Some(cost)) = (funding, Paid::of(field)) else {
            return;
        };
        for (funder, v) in Funder::ALL.into_iter().zip(shares) {
            self.number(Field::Share { cost, funder }, v);
        }
        let total: f64 = shares.iter().sum();
        if total.is_finite() && (total - 100.0).abs() > 1e-6 {
            self.at(field, Problem::FunderSharesNot100(plain(total, 2)));
        }
    }

    fn not_empty(&mut self, field: Field, text: &str) {
        if text.trim().is_empty() {
            self.at(field, Problem::Empty);
        }
    }

    fn count(
        &mut self,
        path: impl fmt::Display,
        label: impl fmt::Display,
        len: usize,
        what: &'static str,
        max: usize,
    ) {
        if len > max {
            self.push(path, label, Problem::TooMany { what, max });
        }
    }
}

/// The most phases a scenario may have (and demand lines a tier may have).
pub const MAX_PHASES: usize = 12;
pub const MAX_TIERS: usize = 12;
/// The most providers one tier may have.
pub const MAX_PROVIDERS: usize = 60;
pub const MAX_INTERVENTIONS: usize = 40;
pub const MAX_COST_LINES: usize = 40;
/// The longest name, area, id or slider label, in characters.
pub const MAX_TEXT: usize = 200;
/// The longest description, in characters as Excel counts them (UTF-16 units): the most one
/// cell of a workbook can hold, so the Excel export always opens.
pub const MAX_DESCRIPTION: usize = 32_767;

/// An item's name for labels: its own name, or its kind and position when the name is blank.
/// Written out only when a message needs it.
#[derive(Clone, Copy)]
struct Named<'a> {
    name: &'a str,
    kind: &'static str,
    n: usize,
}

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name.trim() {
            "" => write!(f, "{} {}", self.kind, self.n + 1),
            // A name over the limit (itself an error) is cut short in every other message.
            name if longer_than(name, MAX_TEXT) => {
                let cut: String = name.chars().take(MAX_TEXT).collect();
                write!(f, "{cut}…")
            }
            name => f.write_str(name),
        }
    }
}

fn display_name<'a>(name: &'a str, kind: &'static str, n: usize) -> Named<'a> {
    Named { name, kind, n }
}

/// Check every field of `s`; `Ok` only when the scenario can be projected meaningfully.
pub fn validate(s: &Scenario) -> Result<(), ValidationErrors> {
    let mut c = Checker {
        s,
        issues: Vec::new(),
        phase_ids: id_index(s.phases.iter().map(|p| p.id.as_str()), MAX_PHASES),
        tier_ids: id_index(s.tiers.iter().map(|t| t.id.as_str()), MAX_TIERS),
    };

    if s.schema_version > SCHEMA_VERSION {
        c.push(
            "schema_version",
            "The scenario format",
            Problem::FutureVersion {
                found: s.schema_version,
                supported: SCHEMA_VERSION,
            },
        );
    }
    c.not_empty(Field::Top(TopField::Name), &s.meta.name);
    c.text(Field::Top(TopField::Name), &s.meta.name);
    c.text(Field::Top(TopField::Area), &s.meta.area);
    // Counted as Excel counts: UTF-16 units, up to one more than the limit.
    if s.meta.description.len() > MAX_DESCRIPTION
        && s.meta
            .description
            .encode_utf16()
            .nth(MAX_DESCRIPTION)
            .is_some()
    {
        c.at(
            Field::Top(TopField::Description),
            Problem::TooMany {
                what: "characters",
                max: MAX_DESCRIPTION,
            },
        );
    }
    for what in TopField::NUMBERS.into_iter().chain([
        TopField::Seed,
        TopField::Draws,
        TopField::GroupCorrelation,
    ]) {
        c.input(Field::Top(what));
    }

    check_phases(&mut c, s);
    check_tiers(&mut c, s);
    check_interventions(&mut c, s);

    c.count(
        "other_costs",
        "Other costs",
        s.other_costs.len(),
        "lines",
        MAX_COST_LINES,
    );
    for (line, cost) in s.other_costs.iter().enumerate().take(MAX_COST_LINES) {
        let at = |what| Field::CostLine { line, what };
        c.not_empty(at(CostLineField::Name), &cost.name);
        c.text(at(CostLineField::Name), &cost.name);
        c.number(at(CostLineField::Amount), cost.amount);
        c.number(at(CostLineField::FirstYear), f64::from(cost.first_year));
        c.number(at(CostLineField::LastYear), f64::from(cost.last_year));
        if cost.last_year < cost.first_year {
            c.at(at(CostLineField::LastYear), Problem::LastBeforeFirst);
        }
        c.funding(at(CostLineField::Funder), cost.funder);
    }

    check_levers(&mut c, s);
    check_ranges(&mut c, s);

    if c.issues.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(c.issues))
    }
}

fn check_levers(c: &mut Checker, s: &Scenario) {
    c.count(
        "workshop",
        "Workshop levers",
        s.workshop.len(),
        "levers",
        crate::workshop::MAX_LEVERS,
    );
    for (lever, l) in s
        .workshop
        .iter()
        .enumerate()
        .take(crate::workshop::MAX_LEVERS)
    {
        let at = |what| Field::Lever { lever, what };
        c.text(at(LeverField::Label), &l.label);
        if !l.field.can_be_lever(s) {
            c.at(
                at(LeverField::Input),
                Problem::UnknownReference {
                    what: "field",
                    id: l.field.to_string(),
                },
            );
        }
        if !(l.min.is_finite() && l.max.is_finite() && l.min < l.max) {
            c.at(at(LeverField::Max), Problem::NotAboveLowest);
        }
        c.number(at(LeverField::Step), l.step);
    }
}

/// Which item an id belongs to; its path and label are written out only when it is wrong.
#[derive(Clone, Copy)]
enum IdOf {
    Phase(usize),
    Tier(usize),
    Provider(usize, usize),
    Intervention(usize),
}

impl IdOf {
    fn path(self) -> String {
        match self {
            IdOf::Phase(n) => format!("phases.{n}.id"),
            IdOf::Tier(n) => format!("tiers.{n}.id"),
            IdOf::Provider(n, k) => format!("tiers.{n}.providers.{k}.id"),
            IdOf::Intervention(n) => format!("interventions.{n}.id"),
        }
    }

    fn label(self) -> String {
        match self {
            IdOf::Phase(n) => format!("Phase {} · id", n + 1),
            IdOf::Tier(n) => format!("Tier {} · id", n + 1),
            IdOf::Provider(n, k) => format!("Tier {} · provider {} · id", n + 1, k + 1),
            IdOf::Intervention(n) => format!("Intervention {} · id", n + 1),
        }
    }
}

/// Check the ids of `items` (already cut to their list's limit).
fn check_ids<'a>(c: &mut Checker<'a>, items: impl Iterator<Item = (IdOf, &'a str)>) {
    let mut seen = HashSet::new();
    for (of, id) in items {
        c.id(of, id, &mut seen);
    }
}

fn check_phases<'a>(c: &mut Checker<'a>, s: &'a Scenario) {
    if s.phases.is_empty() {
        c.push("phases", "The scenario", Problem::NoneGiven("phase"));
    }
    c.count("phases", "Phases", s.phases.len(), "phases", MAX_PHASES);
    check_ids(
        c,
        s.phases
            .iter()
            .take(MAX_PHASES)
            .enumerate()
            .map(|(n, p)| (IdOf::Phase(n), p.id.as_str())),
    );
    for (phase, p) in s.phases.iter().enumerate().take(MAX_PHASES) {
        let at = |what| Field::Phase { phase, what };
        c.not_empty(at(PhaseField::Name), &p.name);
        c.text(at(PhaseField::Name), &p.name);
        c.number(at(PhaseField::Pupils), p.pupils);
        c.number(at(PhaseField::Growth), p.growth_pct);
        c.number(at(PhaseField::Awpu), p.awpu);
        c.count(
            format_args!("phases.{phase}.overrides"),
            format_args!(
                "{} · pupil projections",
                display_name(&p.name, "Phase", phase)
            ),
            p.overrides.len(),
            "years",
            MAX_HORIZON as usize,
        );
        for (year, v) in p.overrides.iter().enumerate().take(MAX_HORIZON as usize) {
            if let Some(v) = v {
                c.number(Field::PupilsInYear { phase, year }, *v);
            }
        }
    }
}

fn check_tiers<'a>(c: &mut Checker<'a>, s: &'a Scenario) {
    if s.tiers.is_empty() {
        c.push("tiers", "The scenario", Problem::NoneGiven("tier"));
    }
    c.count("tiers", "Tiers", s.tiers.len(), "tiers", MAX_TIERS);
    check_ids(
        c,
        s.tiers
            .iter()
            .take(MAX_TIERS)
            .enumerate()
            .map(|(n, t)| (IdOf::Tier(n), t.id.as_str())),
    );
    check_ids(
        c,
        s.tiers
            .iter()
            .take(MAX_TIERS)
            .enumerate()
            .flat_map(|(n, t)| {
                t.providers
                    .iter()
                    .take(MAX_PROVIDERS)
                    .enumerate()
                    .map(move |(k, p)| (IdOf::Provider(n, k), p.id.as_str()))
            }),
    );

    for (tier, t) in s.tiers.iter().enumerate().take(MAX_TIERS) {
        let at = |what| Field::Tier { tier, what };
        let name = display_name(&t.name, "Tier", tier);
        c.not_empty(at(TierField::Name), &t.name);
        c.text(at(TierField::Name), &t.name);
        c.count(
            format_args!("tiers.{tier}.phases"),
            format_args!("{name} · demand"),
            t.phases.len(),
            "lines, one per phase",
            MAX_PHASES,
        );
        let mut seen = HashSet::new();
        for (line, d) in t.phases.iter().enumerate().take(MAX_PHASES) {
            let Some(p) = c.phase_index(&d.phase) else {
                c.push(
                    format_args!("tiers.{tier}.phases.{line}.phase"),
                    format_args!("{name} · demand line {}", line + 1),
                    Problem::UnknownReference {
                        what: "phase",
                        id: shown(&d.phase),
                    },
                );
                continue;
            };
            if !seen.insert(d.phase.as_str()) {
                c.push(
                    format_args!("tiers.{tier}.phases.{line}.phase"),
                    name,
                    Problem::DuplicatePhase(
                        display_name(&s.phases[p].name, "Phase", p).to_string(),
                    ),
                );
            }
            let at = |what| Field::Demand { tier, line, what };
            c.number(at(DemandField::ReferralRate), d.referral_rate);
            c.number(at(DemandField::ExclusionRate), d.exclusion_rate);
            c.number(at(DemandField::StartPupils), d.start_pupils);
        }
        c.number(at(TierField::Trend), t.trend_pct);
        c.number(at(TierField::Stay), t.stay_weeks);
        c.number(at(TierField::Returned), t.returned_pct);
        c.number(at(TierField::StepUp), t.step_up_pct);
        let shares = t.returned_pct + t.step_up_pct;
        if shares.is_finite() && shares > 100.0 + 1e-9 {
            c.at(
                at(TierField::Returned),
                Problem::SharesOver100(plain(shares, 2)),
            );
        }
        c.number(at(TierField::PerEntryCost), t.per_entry_cost);
        c.number(at(TierField::Transport), t.transport_per_place);
        c.number(at(TierField::SpotPrice), t.spot_price);
        c.number(at(TierField::WaitingCost), t.waiting_cost_per_week);
        c.funding(at(TierField::PerEntryFunder), t.per_entry_funder);
        c.funding(at(TierField::TransportFunder), t.transport_funder);
        c.funding(at(TierField::SpotFunder), t.spot_funder);
        c.funding(at(TierField::WaitingFunder), t.waiting_funder);
        c.count(
            format_args!("tiers.{tier}.providers"),
            name,
            t.providers.len(),
            "providers",
            MAX_PROVIDERS,
        );
        for (provider, p) in t.providers.iter().enumerate().take(MAX_PROVIDERS) {
            let at = |what| Field::Provider {
                tier,
                provider,
                what,
            };
            c.not_empty(at(ProviderField::Name), &p.name);
            c.text(at(ProviderField::Name), &p.name);
            if let Some(id) = &p.phase {
                if c.phase_index(id).is_none() {
                    c.at(
                        at(ProviderField::Phase),
                        Problem::UnknownReference {
                            what: "phase",
                            id: shown(id),
                        },
                    );
                }
            }
            c.count(
                format_args!("tiers.{tier}.providers.{provider}.places"),
                format_args!(
                    "{name} · {} · places",
                    display_name(&p.name, "provider", provider)
                ),
                p.places.len(),
                "years",
                MAX_HORIZON as usize,
            );
            // A single figure is "the same every year": one input, not a list of one.
            let yearly = p.places.len() > 1;
            for (year, v) in p.places.iter().enumerate().take(MAX_HORIZON as usize) {
                let field = Field::Places {
                    tier,
                    provider,
                    year: yearly.then_some(year),
                };
                c.number(field, *v);
            }
            c.number(at(ProviderField::PlaceFunding), p.place_funding);
            c.number(at(ProviderField::TopUp), p.top_up);
            c.number(at(ProviderField::MinOccupancy), p.min_occupancy_pct);
            c.funding(
                at(ProviderField::PlaceFundingFunder),
                p.place_funding_funder,
            );
            c.funding(at(ProviderField::TopUpFunder), p.top_up_funder);
        }
    }
}

fn check_interventions<'a>(c: &mut Checker<'a>, s: &'a Scenario) {
    c.count(
        "interventions",
        "Interventions",
        s.interventions.len(),
        "interventions",
        MAX_INTERVENTIONS,
    );
    check_ids(
        c,
        s.interventions
            .iter()
            .take(MAX_INTERVENTIONS)
            .enumerate()
            .map(|(n, iv)| (IdOf::Intervention(n), iv.id.as_str())),
    );
    for (intervention, iv) in s.interventions.iter().enumerate().take(MAX_INTERVENTIONS) {
        let at = |what| Field::Intervention { intervention, what };
        c.not_empty(at(InterventionField::Name), &iv.name);
        c.text(at(InterventionField::Name), &iv.name);
        if c.tier_index(&iv.tier).is_none() {
            c.at(
                at(InterventionField::Tier),
                Problem::UnknownReference {
                    what: "tier",
                    id: shown(&iv.tier),
                },
            );
        }
        if let Some(id) = &iv.phase {
            if c.phase_index(id).is_none() {
                c.at(
                    at(InterventionField::Phase),
                    Problem::UnknownReference {
                        what: "phase",
                        id: shown(id),
                    },
                );
            }
        }
        c.number(at(InterventionField::Change), iv.change_pct);
        c.number(at(InterventionField::FirstYear), f64::from(iv.first_year));
        c.number(at(InterventionField::RampYears), f64::from(iv.ramp_years));
        c.number(at(InterventionField::AnnualCost), iv.annual_cost);
        c.funding(at(InterventionField::Funder), iv.funder);
    }
}

/// The most ranges a scenario may carry.
pub const MAX_RANGES: usize = 100;

/// Ranges of uncertainty: each on an input that can carry one, once, around the value typed and
/// inside the input's allowed range, so that every draw of a simulation is a valid scenario.
fn check_ranges(c: &mut Checker, s: &Scenario) {
    c.count("ranges", "Ranges", s.ranges.len(), "ranges", MAX_RANGES);
    let mut seen = HashSet::new();
    for (n, range) in s.ranges.iter().enumerate().take(MAX_RANGES) {
        let field = range.field;
        let label = format_args!("{} · range", field.describe(s));
        let (Some(central), true) = (field.number(s), field.spec().uncertain) else {
            c.push(format_args!("ranges.{n}"), label, Problem::CannotBeRanged);
            continue;
        };
        if !seen.insert(field) {
            c.push(format_args!("ranges.{n}"), label, Problem::TwoRanges);
            continue;
        }
        let unit = field.unit(s).unwrap_or(Unit::Plain);
        let (min, max) = field.range(s).unwrap_or((f64::MIN, f64::MAX));
        if !(min..=max).contains(&central) {
            // The input's own message says what is wrong; its range is checked once it is fixed.
            continue;
        }
        let problem = if !(range.low.is_finite() && range.high.is_finite()) {
            Some(Problem::NotFinite)
        } else if range.low < min || range.high > max {
            let (min, max) = unit.show_range(min, max);
            Some(Problem::OutOfRange { min, max })
        } else if !(range.low <= central && central <= range.high) {
            Some(Problem::RangeNotAround {
                low: unit.show(range.low),
                central: unit.show(central),
                high: unit.show(range.high),
            })
        } else {
            None
        };
        if let Some(problem) = problem {
            c.issues.push(Issue {
                path: field.to_string(),
                field: Some(field),
                label: label.to_string(),
                problem,
            });
        }
    }
    // Returned and stepped-up shares drawn at their highs together must still leave room.
    for (tier, t) in s.tiers.iter().enumerate().take(MAX_TIERS) {
        let high = |what, central: f64| {
            s.range_on(Field::Tier { tier, what })
                .map_or(central, |r| r.high)
        };
        let top =
            high(TierField::Returned, t.returned_pct) + high(TierField::StepUp, t.step_up_pct);
        let ranged = [TierField::Returned, TierField::StepUp]
            .iter()
            .any(|&what| s.range_on(Field::Tier { tier, what }).is_some());
        // Shares already over 100% as typed have their own message.
        let typed_fit = t.returned_pct + t.step_up_pct <= 100.0 + 1e-9;
        if ranged && typed_fit && top > 100.0 + 1e-9 {
            c.at(
                Field::Tier {
                    tier,
                    what: TierField::Returned,
                },
                Problem::RangeSharesOver100(plain(top, 2)),
            );
        }
    }
}
