//! Validation: every field of a scenario checked before projecting, all problems at once.
//!
//! Each issue carries the machine path of the field (`tiers.1.phases.0.referral_rate`, used by the
//! app to put the message next to the input) and a plain-English label
//! ("Tier 2 · Secondary · referral rate") that starts the message.

use std::collections::HashSet;
use std::fmt;

use thiserror::Error;

use crate::format::{money_full, plain};
use crate::scenario::{Lever, Scenario, MAX_HORIZON, SCHEMA_VERSION};

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
    #[error("can have at most {max} {what}")]
    TooMany { what: &'static str, max: usize },
    #[error("uses the id \"{0}\", which another item already uses")]
    DuplicateId(String),
    #[error("refers to {what} \"{id}\", which does not exist")]
    UnknownReference { what: &'static str, id: String },
    #[error("lists phase \"{0}\" more than once")]
    DuplicatePhase(String),
    #[error("and stepped-up % add up to {0}%, which is more than 100%")]
    SharesOver100(String),
    #[error("must not be before the first year")]
    LastBeforeFirst,
    #[error("must be more than the lowest value")]
    NotAboveLowest,
    #[error("is version {found}, newer than this app understands (up to {supported})")]
    FutureVersion { found: u32, supported: u32 },
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Machine path of the field, dot-separated: `tiers.1.stay_weeks`.
    pub path: String,
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

/// Units the ranges are written in.
#[derive(Clone, Copy)]
enum Unit {
    Count,
    Pupils,
    PerThousand,
    Percent,
    Weeks,
    Years,
    Money,
    Year,
}

impl Unit {
    fn show(self, v: f64) -> String {
        match self {
            Unit::Count | Unit::Year => plain(v, 2),
            Unit::Pupils => format!("{} pupils", plain(v, 2)),
            Unit::PerThousand => format!("{} per 1,000 pupils", plain(v, 2)),
            Unit::Percent => format!("{}%", plain(v, 2)),
            Unit::Weeks => format!("{} weeks", plain(v, 2)),
            Unit::Years => format!("{} years", plain(v, 2)),
            Unit::Money => money_full(v),
        }
    }

    fn range(self, min: f64, max: f64) -> Problem {
        let min_text = match self {
            // "between 0 and 1,000 per 1,000 pupils" reads better with the unit once.
            Unit::Pupils | Unit::PerThousand | Unit::Weeks | Unit::Years => plain(min, 2),
            _ => self.show(min),
        };
        Problem::OutOfRange {
            min: min_text,
            max: self.show(max),
        }
    }
}

struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    /// Record a problem. Paths and labels are built only here, when something is wrong, so a
    /// valid scenario is checked without allocating a string per field.
    fn push(&mut self, path: impl fmt::Display, label: impl fmt::Display, problem: Problem) {
        self.issues.push(Issue {
            path: path.to_string(),
            label: label.to_string(),
            problem,
        });
    }

    /// Check `v` lies in `[min, max]` and is finite.
    fn range(
        &mut self,
        path: impl fmt::Display,
        label: impl fmt::Display,
        v: f64,
        min: f64,
        max: f64,
        unit: Unit,
    ) {
        if !v.is_finite() {
            self.push(path, label, Problem::NotFinite);
        } else if v < min || v > max {
            self.push(path, label, unit.range(min, max));
        }
    }

    fn not_empty(&mut self, path: impl fmt::Display, label: impl fmt::Display, text: &str) {
        if text.trim().is_empty() {
            self.push(path, label, Problem::Empty);
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

const MAX_PHASES: usize = 12;
const MAX_TIERS: usize = 12;
const MAX_PROVIDERS: usize = 60;
const MAX_INTERVENTIONS: usize = 40;
const MAX_COST_LINES: usize = 40;
const MAX_TEXT: usize = 200;
const MAX_PUPILS: f64 = 5_000_000.0;
const MAX_PRICE: f64 = 10_000_000.0;
const YEARS: (f64, f64) = (2000.0, 2100.0);

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
            name => f.write_str(name),
        }
    }
}

fn display_name<'a>(name: &'a str, kind: &'static str, n: usize) -> Named<'a> {
    Named { name, kind, n }
}

/// A field path prefix such as `tiers.2` or `tiers.2.providers.1`, written out only when needed.
#[derive(Clone, Copy)]
struct At {
    list: &'static str,
    n: usize,
    sub: Option<(&'static str, usize)>,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.list, self.n)?;
        if let Some((list, k)) = self.sub {
            write!(f, ".{list}.{k}")?;
        }
        Ok(())
    }
}

fn at(list: &'static str, n: usize) -> At {
    At { list, n, sub: None }
}

impl At {
    fn then(self, list: &'static str, k: usize) -> At {
        At {
            sub: Some((list, k)),
            ..self
        }
    }
}

/// Check every field of `s`; `Ok` only when the scenario can be projected meaningfully.
pub fn validate(s: &Scenario) -> Result<(), ValidationErrors> {
    let mut c = Checker { issues: Vec::new() };

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
    c.not_empty("meta.name", "Scenario name", &s.meta.name);
    for (field, label, text) in [
        ("meta.name", "Scenario name", &s.meta.name),
        ("meta.area", "Area name", &s.meta.area),
    ] {
        if text.chars().count() > MAX_TEXT {
            c.push(
                field,
                label,
                Problem::TooMany {
                    what: "characters",
                    max: MAX_TEXT,
                },
            );
        }
    }

    let tl = &s.timeline;
    c.range(
        "timeline.first_year",
        "First academic year",
        f64::from(tl.first_year),
        YEARS.0,
        YEARS.1,
        Unit::Year,
    );
    c.range(
        "timeline.horizon",
        "Years to project",
        f64::from(tl.horizon),
        1.0,
        f64::from(MAX_HORIZON),
        Unit::Years,
    );
    c.range(
        "timeline.teaching_weeks",
        "Teaching weeks per year",
        tl.teaching_weeks,
        1.0,
        52.0,
        Unit::Weeks,
    );

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
    for (n, cost) in s.other_costs.iter().enumerate() {
        let at = at("other_costs", n);
        let name = display_name(&cost.name, "Cost line", n);
        c.not_empty(
            format_args!("{at}.name"),
            format_args!("Cost line {} · name", n + 1),
            &cost.name,
        );
        c.range(
            format_args!("{at}.amount"),
            format_args!("{name} · amount"),
            cost.amount,
            0.0,
            1e9,
            Unit::Money,
        );
        c.range(
            format_args!("{at}.first_year"),
            format_args!("{name} · first year"),
            f64::from(cost.first_year),
            YEARS.0,
            YEARS.1,
            Unit::Year,
        );
        if cost.last_year < cost.first_year {
            c.push(
                format_args!("{at}.last_year"),
                format_args!("{name} · last year"),
                Problem::LastBeforeFirst,
            );
        }
    }

    c.count(
        "workshop",
        "Workshop levers",
        s.workshop.len(),
        "levers",
        crate::workshop::MAX_LEVERS,
    );
    for (n, lever) in s.workshop.iter().enumerate() {
        let label = format!("Workshop lever {}", n + 1);
        if crate::workshop::get(s, &lever.field).is_none() {
            c.push(
                format_args!("workshop.{n}.field"),
                &label,
                Problem::UnknownReference {
                    what: "field",
                    id: lever.field.clone(),
                },
            );
        }
        if !(lever.min.is_finite() && lever.max.is_finite() && lever.min < lever.max) {
            c.push(
                format_args!("workshop.{n}.max"),
                format_args!("{label} · highest value"),
                Problem::NotAboveLowest,
            );
        }
        c.range(
            format_args!("workshop.{n}.step"),
            format_args!("{label} · step"),
            lever.step,
            1e-6,
            1e9,
            Unit::Count,
        );
    }

    c.range(
        "inflation_pct",
        "Inflation",
        s.inflation_pct,
        -10.0,
        50.0,
        Unit::Percent,
    );
    c.range(
        "budget.first_year",
        "AP budget in the first year",
        s.budget.first_year,
        0.0,
        1e10,
        Unit::Money,
    );
    c.range(
        "budget.growth_pct",
        "Budget growth",
        s.budget.growth_pct,
        -50.0,
        50.0,
        Unit::Percent,
    );

    if c.issues.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(c.issues))
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

fn check_ids<'a>(c: &mut Checker, items: impl Iterator<Item = (IdOf, &'a str)>) {
    let mut seen = HashSet::new();
    for (of, id) in items {
        if id.trim().is_empty() {
            c.push(of.path(), of.label(), Problem::Empty);
        } else if !seen.insert(id) {
            c.push(of.path(), of.label(), Problem::DuplicateId(id.to_string()));
        }
    }
}

fn check_phases(c: &mut Checker, s: &Scenario) {
    if s.phases.is_empty() {
        c.push("phases", "The scenario", Problem::NoneGiven("phase"));
    }
    c.count("phases", "Phases", s.phases.len(), "phases", MAX_PHASES);
    check_ids(
        c,
        s.phases
            .iter()
            .enumerate()
            .map(|(n, p)| (IdOf::Phase(n), p.id.as_str())),
    );
    for (n, phase) in s.phases.iter().enumerate() {
        let at = at("phases", n);
        let name = display_name(&phase.name, "Phase", n);
        c.not_empty(
            format_args!("{at}.name"),
            format_args!("Phase {} · name", n + 1),
            &phase.name,
        );
        c.range(
            format_args!("{at}.pupils"),
            format_args!("{name} · pupils on roll"),
            phase.pupils,
            0.0,
            MAX_PUPILS,
            Unit::Pupils,
        );
        c.range(
            format_args!("{at}.growth_pct"),
            format_args!("{name} · annual growth"),
            phase.growth_pct,
            -50.0,
            50.0,
            Unit::Percent,
        );
        c.count(
            format_args!("{at}.overrides"),
            format_args!("{name} · pupil projections"),
            phase.overrides.len(),
            "years",
            MAX_HORIZON as usize,
        );
        for (t, v) in phase.overrides.iter().enumerate() {
            if let Some(v) = v {
                c.range(
                    format_args!("{at}.overrides.{t}"),
                    format_args!("{name} · pupils on roll in year {}", t + 1),
                    *v,
                    0.0,
                    MAX_PUPILS,
                    Unit::Pupils,
                );
            }
        }
    }
}

fn check_tiers(c: &mut Checker, s: &Scenario) {
    if s.tiers.is_empty() {
        c.push("tiers", "The scenario", Problem::NoneGiven("tier"));
    }
    c.count("tiers", "Tiers", s.tiers.len(), "tiers", MAX_TIERS);
    check_ids(
        c,
        s.tiers
            .iter()
            .enumerate()
            .map(|(n, t)| (IdOf::Tier(n), t.id.as_str())),
    );
    check_ids(
        c,
        s.tiers.iter().enumerate().flat_map(|(n, t)| {
            t.providers
                .iter()
                .enumerate()
                .map(move |(k, p)| (IdOf::Provider(n, k), p.id.as_str()))
        }),
    );

    for (n, tier) in s.tiers.iter().enumerate() {
        let at = at("tiers", n);
        let name = display_name(&tier.name, "Tier", n);
        c.not_empty(
            format_args!("{at}.name"),
            format_args!("Tier {} · name", n + 1),
            &tier.name,
        );
        let mut seen = HashSet::new();
        for (k, tp) in tier.phases.iter().enumerate() {
            let pat = at.then("phases", k);
            let phase_name = match s.phase_index(&tp.phase) {
                Some(p) => display_name(&s.phases[p].name, "Phase", p),
                None => {
                    c.push(
                        format_args!("{pat}.phase"),
                        format_args!("{name} · demand line {}", k + 1),
                        Problem::UnknownReference {
                            what: "phase",
                            id: tp.phase.clone(),
                        },
                    );
                    continue;
                }
            };
            if !seen.insert(tp.phase.as_str()) {
                c.push(
                    format_args!("{pat}.phase"),
                    name,
                    Problem::DuplicatePhase(phase_name.to_string()),
                );
            }
            let label = format_args!("{name} · {phase_name}");
            c.range(
                format_args!("{pat}.referral_rate"),
                format_args!("{label} · referral rate"),
                tp.referral_rate,
                0.0,
                1000.0,
                Unit::PerThousand,
            );
            c.range(
                format_args!("{pat}.exclusion_rate"),
                format_args!("{label} · exclusion rate"),
                tp.exclusion_rate,
                0.0,
                1000.0,
                Unit::PerThousand,
            );
            c.range(
                format_args!("{pat}.start_pupils"),
                format_args!("{label} · pupils at the start"),
                tp.start_pupils,
                0.0,
                MAX_PUPILS,
                Unit::Pupils,
            );
        }
        c.range(
            format_args!("{at}.trend_pct"),
            format_args!("{name} · annual trend"),
            tier.trend_pct,
            -50.0,
            100.0,
            Unit::Percent,
        );
        c.range(
            format_args!("{at}.stay_weeks"),
            format_args!("{name} · average length of stay"),
            tier.stay_weeks,
            0.1,
            520.0,
            Unit::Weeks,
        );
        c.range(
            format_args!("{at}.returned_pct"),
            format_args!("{name} · returned to mainstream"),
            tier.returned_pct,
            0.0,
            100.0,
            Unit::Percent,
        );
        c.range(
            format_args!("{at}.step_up_pct"),
            format_args!("{name} · stepped up"),
            tier.step_up_pct,
            0.0,
            100.0,
            Unit::Percent,
        );
        let shares = tier.returned_pct + tier.step_up_pct;
        if shares.is_finite() && shares > 100.0 + 1e-9 {
            c.push(
                format_args!("{at}.returned_pct"),
                format_args!("{name} · returned %"),
                Problem::SharesOver100(plain(shares, 2)),
            );
        }
        for (field, label, v) in [
            ("per_entry_cost", "cost per entry", tier.per_entry_cost),
            (
                "transport_per_place",
                "transport per place",
                tier.transport_per_place,
            ),
            ("spot_price", "spot place price", tier.spot_price),
        ] {
            c.range(
                format_args!("{at}.{field}"),
                format_args!("{name} · {label}"),
                v,
                0.0,
                MAX_PRICE,
                Unit::Money,
            );
        }
        c.count(
            format_args!("{at}.providers"),
            name,
            tier.providers.len(),
            "providers",
            MAX_PROVIDERS,
        );
        for (k, provider) in tier.providers.iter().enumerate() {
            let pat = at.then("providers", k);
            let pname = display_name(&provider.name, "provider", k);
            let label = format_args!("{name} · {pname}");
            c.not_empty(
                format_args!("{pat}.name"),
                format_args!("{name} · provider {} · name", k + 1),
                &provider.name,
            );
            if let Some(id) = &provider.phase {
                if s.phase_index(id).is_none() {
                    c.push(
                        format_args!("{pat}.phase"),
                        format_args!("{label} · phase served"),
                        Problem::UnknownReference {
                            what: "phase",
                            id: id.clone(),
                        },
                    );
                }
            }
            c.count(
                format_args!("{pat}.places"),
                format_args!("{label} · places"),
                provider.places.len(),
                "years",
                MAX_HORIZON as usize,
            );
            for (t, v) in provider.places.iter().enumerate() {
                c.range(
                    format_args!("{pat}.places.{t}"),
                    format_args!("{label} · places in year {}", t + 1),
                    *v,
                    0.0,
                    100_000.0,
                    Unit::Count,
                );
            }
            c.range(
                format_args!("{pat}.place_funding"),
                format_args!("{label} · place funding"),
                provider.place_funding,
                0.0,
                MAX_PRICE,
                Unit::Money,
            );
            c.range(
                format_args!("{pat}.top_up"),
                format_args!("{label} · top-up"),
                provider.top_up,
                0.0,
                MAX_PRICE,
                Unit::Money,
            );
        }
    }
}

fn check_interventions(c: &mut Checker, s: &Scenario) {
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
            .enumerate()
            .map(|(n, iv)| (IdOf::Intervention(n), iv.id.as_str())),
    );
    for (n, iv) in s.interventions.iter().enumerate() {
        let at = at("interventions", n);
        let name = display_name(&iv.name, "Intervention", n);
        c.not_empty(
            format_args!("{at}.name"),
            format_args!("Intervention {} · name", n + 1),
            &iv.name,
        );
        if s.tier_index(&iv.tier).is_none() {
            c.push(
                format_args!("{at}.tier"),
                format_args!("{name} · tier"),
                Problem::UnknownReference {
                    what: "tier",
                    id: iv.tier.clone(),
                },
            );
        }
        if let Some(id) = &iv.phase {
            if s.phase_index(id).is_none() {
                c.push(
                    format_args!("{at}.phase"),
                    format_args!("{name} · phase"),
                    Problem::UnknownReference {
                        what: "phase",
                        id: id.clone(),
                    },
                );
            }
        }
        // A stay cannot shrink to nothing; other targets can be cut to zero.
        let min_change = if iv.target == Lever::LengthOfStay {
            -95.0
        } else {
            -100.0
        };
        c.range(
            format_args!("{at}.change_pct"),
            format_args!("{name} · change"),
            iv.change_pct,
            min_change,
            500.0,
            Unit::Percent,
        );
        c.range(
            format_args!("{at}.first_year"),
            format_args!("{name} · first year"),
            f64::from(iv.first_year),
            YEARS.0,
            YEARS.1,
            Unit::Year,
        );
        c.range(
            format_args!("{at}.ramp_years"),
            format_args!("{name} · ramp-up"),
            f64::from(iv.ramp_years),
            0.0,
            f64::from(MAX_HORIZON),
            Unit::Years,
        );
        c.range(
            format_args!("{at}.annual_cost"),
            format_args!("{name} · annual cost"),
            iv.annual_cost,
            0.0,
            1e9,
            Unit::Money,
        );
    }
}
