//! The scenario: one local authority's assumptions about alternative provision (AP).
//!
//! Units used throughout:
//! - years are academic years named by the calendar year they start in (2026 means 2026/27);
//! - rates are pupils per 1,000 pupils on roll per year;
//! - percentages are written as percentages (12.5 means 12.5 %);
//! - money is pounds at first-year prices (each category's cost index is applied by the
//!   projection);
//! - lengths of stay are in teaching weeks.
//!
//! Every struct uses `#[serde(default)]` so a file that predates a field still loads, and every
//! list is a plain `Vec` so order carries meaning (tier order is the step-up order, provider order
//! is the priority order).

use serde::{Deserialize, Serialize};

/// Where `key` is among `keys`: one loop for every choice type's `from_key`, kept out of line so
/// that each is a call, not its own copy of every comparison (the page's first module has them).
#[inline(never)]
fn position_of(keys: &[&str], key: &str) -> Option<usize> {
    keys.iter().position(|k| *k == key)
}

/// A choice read from its key, through the type's own `from_key`: one small reader per choice
/// instead of serde's derived one (which the page's first module would carry for each). The
/// message for an unknown key is serde's own ("unknown variant …, expected one of …").
fn by_key<'de, D: serde::Deserializer<'de>, T>(
    d: D,
    from_key: fn(&str) -> Option<T>,
    keys: &'static [&'static str],
) -> Result<T, D::Error> {
    let key = String::deserialize(d)?;
    from_key(&key).ok_or_else(|| serde::de::Error::unknown_variant(&key, keys))
}

/// `Deserialize` for choices that have `from_key` (and `ALL`, whose keys a test checks are the
/// ones listed here, in order).
macro_rules! deserialize_by_key {
    ($($t:ty: [$($key:literal),+];)+) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                by_key(d, <$t>::from_key, &[$($key),+])
            }
        }
    )+};
}

deserialize_by_key! {
    OverCapacity: ["spot", "waiting_list", "not_managed"];
    ProviderKind: ["la_maintained", "academy", "school_led", "independent", "in_school", "other"];
    Target: ["referral_rate", "exclusion_rate", "step_up", "returned", "length_of_stay"];
    FySplit: ["months", "teaching_weeks"];
    BudgetBasis: ["financial", "academic"];
    Shape: ["triangular", "pert", "uniform"];
    Group: ["none", "prices", "demand", "effects", "other"];
    Funder: ["high_needs", "schools", "grant", "other", "council"];
}

use crate::address::{Field, TopField};

/// The schema version this engine writes. Files with a higher version are refused, not guessed at.
/// Version 2 added ranges of uncertainty on inputs (`ranges`) and the simulation's settings.
/// Version 3 replaced the single inflation rate by a cost index per category and added the money
/// settings (`money`), a funder on every cost, AWPU income, the cost of waiting and the occupancy
/// rule ([`crate::file`] migrates older files).
/// Version 4 added the council's general fund as a funder (transport's default), costs split
/// between funders, the budget typed per financial year, the deficit write-off and statutory
/// override, interventions already in the base budget, and correlated ranges.
pub const SCHEMA_VERSION: u32 = 4;

/// Longest projection a scenario may ask for, in years.
pub const MAX_HORIZON: u32 = 15;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub schema_version: u32,
    pub meta: Meta,
    pub timeline: Timeline,
    pub phases: Vec<Phase>,
    pub tiers: Vec<Tier>,
    pub interventions: Vec<Intervention>,
    pub other_costs: Vec<FixedCost>,
    pub budget: Budget,
    /// Cost indices, the opening balance, income and the financial-year rule.
    pub money: Money,
    /// The levers shown in workshop mode, chosen by the scenario's author; empty means the
    /// suggested set ([`crate::workshop::suggested`]).
    pub workshop: Vec<WorkshopLever>,
    /// Ranges of uncertainty on inputs; the value typed in each input is the central value.
    pub ranges: Vec<InputRange>,
    pub simulation: SimulationSettings,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            schema_version: SCHEMA_VERSION,
            meta: Meta::default(),
            timeline: Timeline::default(),
            phases: Vec::new(),
            tiers: Vec::new(),
            interventions: Vec::new(),
            other_costs: Vec::new(),
            budget: Budget::default(),
            money: Money::default(),
            workshop: Vec::new(),
            ranges: Vec::new(),
            simulation: SimulationSettings::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub name: String,
    pub description: String,
    /// The local authority (area) the scenario is for.
    pub area: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Timeline {
    /// First academic year of the projection: 2026 means 2026/27.
    pub first_year: i32,
    /// Number of years projected, 1 to 15.
    pub horizon: u32,
    /// Teaching weeks in a year (W), used to turn a stay in weeks into a share of a year.
    pub teaching_weeks: f64,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            first_year: 2026,
            horizon: 5,
            teaching_weeks: 39.0,
        }
    }
}

impl Timeline {
    /// The academic year (start year) of year index `t`.
    pub fn year(&self, t: usize) -> i32 {
        self.first_year.saturating_add(t as i32)
    }
}

/// A school phase or key stage whose pupils on roll drive demand.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Phase {
    /// Stable identifier used by tiers, providers and interventions to refer to this phase.
    pub id: String,
    pub name: String,
    /// Pupils on roll in the first year.
    pub pupils: f64,
    /// Annual growth of pupils on roll, %.
    pub growth_pct: f64,
    /// The LA's own pupil projection: `overrides[t]`, when present, replaces the growth formula
    /// in year index `t`.
    pub overrides: Vec<Option<f64>>,
    /// Age-weighted pupil unit (AWPU) per pupil-year for this phase, £: recovered from the
    /// excluding school for each permanent exclusion (income to the high-needs block).
    pub awpu: f64,
}

/// A level of support, from early help in mainstream to long placements in AP schools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tier {
    pub id: String,
    pub name: String,
    /// Demand and starting pupils, one entry per phase (a phase without an entry has no demand).
    pub phases: Vec<TierPhase>,
    /// Annual trend applied to referral and exclusion rates, %.
    pub trend_pct: f64,
    /// Average length of stay, teaching weeks.
    pub stay_weeks: f64,
    /// Share of exits that return to mainstream school, %.
    pub returned_pct: f64,
    /// Share of exits that step up to the next tier, % (ignored for the last tier).
    pub step_up_pct: f64,
    /// Cost of each entry (an outreach package, an assessment), £.
    pub per_entry_cost: f64,
    /// Transport per filled place per year, £.
    pub transport_per_place: f64,
    /// Providers in priority order.
    pub providers: Vec<Provider>,
    /// What happens to demand above commissioned places.
    pub over_capacity: OverCapacity,
    /// Price of a spot-purchased place per place-year, £ (used when `over_capacity` is `Spot`).
    pub spot_price: f64,
    /// Interim provision for a pupil waiting for a place, £ per pupil-week (used when
    /// `over_capacity` is `WaitingList`): the sixth-day duty for excluded pupils.
    pub waiting_cost_per_week: f64,
    /// Who pays each entry's cost.
    pub per_entry_funder: Funding,
    /// Who pays transport.
    pub transport_funder: Funding,
    /// Who pays spot places.
    pub spot_funder: Funding,
    /// Who pays interim provision for pupils waiting.
    pub waiting_funder: Funding,
}

impl Default for Tier {
    fn default() -> Self {
        Tier {
            id: String::new(),
            name: String::new(),
            phases: Vec::new(),
            trend_pct: 0.0,
            stay_weeks: 16.0,
            returned_pct: 0.0,
            step_up_pct: 0.0,
            per_entry_cost: 0.0,
            transport_per_place: 0.0,
            providers: Vec::new(),
            over_capacity: OverCapacity::NotManaged,
            spot_price: 0.0,
            waiting_cost_per_week: 0.0,
            per_entry_funder: Funding::default(),
            // Home-to-school transport is paid from the council's own budget, not the DSG.
            transport_funder: Funding::One(Funder::Council),
            spot_funder: Funding::default(),
            waiting_funder: Funding::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TierPhase {
    /// The `id` of a phase.
    pub phase: String,
    /// New direct entries per 1,000 pupils per year.
    pub referral_rate: f64,
    /// Entries via permanent exclusion per 1,000 pupils per year.
    pub exclusion_rate: f64,
    /// Pupils in the tier at the start of the first year.
    pub start_pupils: f64,
}

/// What a tier does with demand above its commissioned places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverCapacity {
    /// Extra places are bought per pupil at the tier's spot price.
    Spot,
    /// Extra pupils wait: the demand is counted as unmet and costs nothing.
    WaitingList,
    /// The tier is not limited by places (targeted support in mainstream): demand is served.
    #[default]
    NotManaged,
}

impl OverCapacity {
    pub const ALL: [OverCapacity; 3] = [
        OverCapacity::Spot,
        OverCapacity::WaitingList,
        OverCapacity::NotManaged,
    ];

    /// The key in files (as serde writes it) and in the form's options.
    pub fn key(self) -> &'static str {
        match self {
            OverCapacity::Spot => "spot",
            OverCapacity::WaitingList => "waiting_list",
            OverCapacity::NotManaged => "not_managed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            OverCapacity::Spot => "Buy spot places",
            OverCapacity::WaitingList => "Waiting list (unmet)",
            OverCapacity::NotManaged => "Not capacity-managed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    /// The one phase served, or `None` for all phases.
    pub phase: Option<String>,
    /// Commissioned places by year index; years past the end repeat the last figure, so a single
    /// figure means "the same every year".
    pub places: Vec<f64>,
    /// Place funding per commissioned place per year, paid whether filled or not, £.
    pub place_funding: f64,
    /// Top-up per occupied place per year, £.
    pub top_up: f64,
    /// Occupancy rule of the LA's top-up agreement: top-up is paid on at least this share of
    /// commissioned places, %; 0 pays on occupied places only.
    pub min_occupancy_pct: f64,
    /// Who pays place funding.
    pub place_funding_funder: Funding,
    /// Who pays the top-up.
    pub top_up_funder: Funding,
}

impl Provider {
    /// Commissioned places in year index `t`.
    pub fn places_in(&self, t: usize) -> f64 {
        self.places
            .get(t)
            .or(self.places.last())
            .copied()
            .unwrap_or(0.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// LA-maintained pupil referral unit or AP school.
    #[default]
    LaMaintained,
    /// AP academy or free school.
    Academy,
    /// School-led centre or hub.
    SchoolLed,
    /// Independent AP, bought per place.
    Independent,
    /// Unit inside a mainstream school.
    InSchool,
    Other,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 6] = [
        ProviderKind::LaMaintained,
        ProviderKind::Academy,
        ProviderKind::SchoolLed,
        ProviderKind::Independent,
        ProviderKind::InSchool,
        ProviderKind::Other,
    ];

    /// The key in files (as serde writes it) and in the form's options.
    pub fn key(self) -> &'static str {
        match self {
            ProviderKind::LaMaintained => "la_maintained",
            ProviderKind::Academy => "academy",
            ProviderKind::SchoolLed => "school_led",
            ProviderKind::Independent => "independent",
            ProviderKind::InSchool => "in_school",
            ProviderKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            ProviderKind::LaMaintained => "LA-maintained PRU or AP school",
            ProviderKind::Academy => "AP academy or free school",
            ProviderKind::SchoolLed => "School-led centre or hub",
            ProviderKind::Independent => "Independent AP",
            ProviderKind::InSchool => "In-school unit",
            ProviderKind::Other => "Other",
        }
    }
}

/// A lever of an invest-to-save case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Intervention {
    pub id: String,
    pub name: String,
    /// The `id` of the tier it acts on.
    pub tier: String,
    /// The one phase it acts on, or `None` for all phases.
    pub phase: Option<String>,
    pub target: Target,
    /// Relative change at full effect, %: -20 cuts the target by a fifth.
    pub change_pct: f64,
    /// First academic year of effect and cost (2027 means 2027/28).
    pub first_year: i32,
    /// Years for the effect to grow linearly to full; 0 means full at once.
    pub ramp_years: u32,
    /// Cost per year from the first year on, £.
    pub annual_cost: f64,
    /// Who pays its cost.
    pub funder: Funding,
    /// Already in the base budget (running before the plan): kept in the unmitigated run,
    /// which takes out only the plan's new interventions.
    pub in_base_budget: bool,
}

impl Default for Intervention {
    fn default() -> Self {
        Intervention {
            id: String::new(),
            name: String::new(),
            tier: String::new(),
            phase: None,
            target: Target::ReferralRate,
            change_pct: 0.0,
            first_year: Timeline::default().first_year,
            ramp_years: 0,
            annual_cost: 0.0,
            funder: Funding::default(),
            in_base_budget: false,
        }
    }
}

/// What an intervention changes (its target; not to be confused with a workshop lever).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    #[default]
    ReferralRate,
    ExclusionRate,
    StepUp,
    Returned,
    LengthOfStay,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::ReferralRate,
        Target::ExclusionRate,
        Target::StepUp,
        Target::Returned,
        Target::LengthOfStay,
    ];

    pub fn index(self) -> usize {
        match self {
            Target::ReferralRate => 0,
            Target::ExclusionRate => 1,
            Target::StepUp => 2,
            Target::Returned => 3,
            Target::LengthOfStay => 4,
        }
    }

    /// The key in files (as serde writes it) and in the form's options.
    pub fn key(self) -> &'static str {
        match self {
            Target::ReferralRate => "referral_rate",
            Target::ExclusionRate => "exclusion_rate",
            Target::StepUp => "step_up",
            Target::Returned => "returned",
            Target::LengthOfStay => "length_of_stay",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::ReferralRate => "referral rate",
            Target::ExclusionRate => "exclusion rate",
            Target::StepUp => "stepped-up %",
            Target::Returned => "returned to mainstream %",
            Target::LengthOfStay => "length of stay",
        }
    }
}

/// A fixed annual cost line (central team, outreach service), £ at first-year prices.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FixedCost {
    pub name: String,
    pub amount: f64,
    pub first_year: i32,
    pub last_year: i32,
    /// Who pays it.
    pub funder: Funding,
}

/// A slider of workshop mode: which input it moves and over what range.
/// A lever must name its input: a file without one is refused rather than given a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopLever {
    /// The input it moves, in its text form (`tiers.0.step_up_pct`).
    pub field: Field,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub min: f64,
    #[serde(default)]
    pub max: f64,
    #[serde(default)]
    pub step: f64,
}

impl Default for WorkshopLever {
    fn default() -> Self {
        WorkshopLever {
            field: Field::Top(TopField::BudgetFirstYear),
            label: String::new(),
            min: 0.0,
            max: 1.0,
            step: 1.0,
        }
    }
}

/// Who pays a cost. Only the high-needs block's share is set against the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Funder {
    /// The high-needs block of the Dedicated Schools Grant.
    #[default]
    HighNeeds,
    /// Schools' own budgets (a package a school buys, an in-school unit).
    Schools,
    /// A grant outside the DSG.
    Grant,
    /// Another budget (social care, health).
    Other,
    /// The council's own (general fund) budget: home-to-school transport, and any deficit the
    /// statutory override no longer keeps off it.
    Council,
}

/// How many funders there are (the length of [`crate::results::ByFunder`]).
pub const FUNDERS: usize = 5;

impl Funder {
    /// Every funder, in the order of [`Funder::index`].
    pub const ALL: [Funder; FUNDERS] = [
        Funder::HighNeeds,
        Funder::Schools,
        Funder::Grant,
        Funder::Other,
        Funder::Council,
    ];

    pub fn index(self) -> usize {
        match self {
            Funder::HighNeeds => 0,
            Funder::Schools => 1,
            Funder::Grant => 2,
            Funder::Other => 3,
            Funder::Council => 4,
        }
    }

    /// The key in files (as serde writes it) and in the form's options.
    pub fn key(self) -> &'static str {
        match self {
            Funder::HighNeeds => "high_needs",
            Funder::Schools => "schools",
            Funder::Grant => "grant",
            Funder::Other => "other",
            Funder::Council => "council",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            Funder::HighNeeds => "High-needs block",
            Funder::Schools => "Schools",
            Funder::Grant => "Grant",
            Funder::Other => "Other budget",
            Funder::Council => "Council (general fund)",
        }
    }
}

/// Who pays one cost: a single funder, or shares between funders that add up to 100%.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Funding {
    One(Funder),
    /// Shares in %, indexed by [`Funder::index`].
    Split([f64; FUNDERS]),
}

impl Default for Funding {
    fn default() -> Self {
        Funding::One(Funder::HighNeeds)
    }
}

impl Funding {
    /// The key of the funder choice: a funder's key, or [`Funding::SPLIT_KEY`].
    pub const SPLIT_KEY: &'static str = "split";

    pub fn key(self) -> &'static str {
        match self {
            Funding::One(f) => f.key(),
            Funding::Split(_) => Funding::SPLIT_KEY,
        }
    }

    /// Each funder's share, %.
    pub fn shares(self) -> [f64; FUNDERS] {
        match self {
            Funding::One(f) => {
                let mut shares = [0.0; FUNDERS];
                shares[f.index()] = 100.0;
                shares
            }
            Funding::Split(shares) => shares,
        }
    }

    /// The shares added up, %.
    pub fn total_pct(self) -> f64 {
        self.shares().iter().sum()
    }

    /// The same funding as a split, so its shares can be typed: a single funder becomes 100% of
    /// it.
    pub fn as_split(self) -> Funding {
        Funding::Split(self.shares())
    }

    /// Call `pay(funder, part)` for each funder's part of `amount`. A single funder, or a
    /// share of 100%, is paid the amount exactly (not multiplied by 100%), so a cost that is not
    /// split gives the figures it gave before splits existed, to the last bit.
    #[inline]
    pub fn pay(self, amount: f64, mut pay: impl FnMut(Funder, f64)) {
        match self {
            Funding::One(f) => pay(f, amount),
            Funding::Split(shares) => {
                for (f, pct) in Funder::ALL.into_iter().zip(shares) {
                    if pct == 100.0 {
                        pay(f, amount);
                    } else if pct != 0.0 {
                        pay(f, amount * pct * 0.01);
                    }
                }
            }
        }
    }
}

impl Serialize for Funding {
    /// A single funder as its key (`"schools"`), as files have always had it; a split as a map
    /// of each funder with a share to its share (`{"high_needs": 60, "schools": 40}`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Funding::One(f) => f.serialize(serializer),
            Funding::Split(shares) => {
                let given = shares.iter().filter(|v| **v != 0.0).count();
                let mut map = serializer.serialize_map(Some(given))?;
                for (f, pct) in Funder::ALL.iter().zip(shares) {
                    if *pct != 0.0 {
                        map.serialize_entry(f, pct)?;
                    }
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Funding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Funding;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a funder, or a map of funders to their shares in %")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Funding, E> {
                Funder::from_key(v).map(Funding::One).ok_or_else(|| {
                    E::unknown_variant(v, &["high_needs", "schools", "grant", "other", "council"])
                })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Funding, A::Error> {
                let mut shares = [0.0; FUNDERS];
                while let Some((funder, pct)) = map.next_entry::<Funder, f64>()? {
                    shares[funder.index()] = pct;
                }
                Ok(Funding::Split(shares))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// How academic-year figures are shared between the two financial years they straddle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FySplit {
    /// By months: September–March is 7/12 of the academic year, April–August 5/12.
    #[default]
    Months,
    /// By teaching weeks: autumn and spring terms (26 of 39 weeks) against summer (13 of 39).
    TeachingWeeks,
}

impl FySplit {
    pub const ALL: [FySplit; 2] = [FySplit::Months, FySplit::TeachingWeeks];

    pub fn key(self) -> &'static str {
        match self {
            FySplit::Months => "months",
            FySplit::TeachingWeeks => "teaching_weeks",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            FySplit::Months => "By months (7/12 and 5/12)",
            FySplit::TeachingWeeks => "By teaching weeks (autumn and spring 2/3, summer 1/3)",
        }
    }

    /// The share of an academic year that falls in the financial year starting in its own
    /// calendar year (September to March); the rest (April to August) falls in the next one.
    pub fn autumn_share(self) -> f64 {
        match self {
            FySplit::Months => 7.0 / 12.0,
            FySplit::TeachingWeeks => 26.0 / 39.0,
        }
    }
}

/// Cost indices, the opening balance, income and the financial-year rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Money {
    /// The cumulative DSG (or AP) balance at the start of the first year, £: negative is a
    /// deficit brought forward.
    pub opening_balance: f64,
    /// Cost index of place funding, % a year (0: the national rate is flat cash).
    pub place_funding_index_pct: f64,
    /// Cost index of top-ups at providers other than independent ones, % a year.
    pub top_up_index_pct: f64,
    /// Cost index of independent providers' top-ups, spot places and interim provision, % a year.
    pub spot_index_pct: f64,
    /// Cost index of per-entry costs, % a year.
    pub per_entry_index_pct: f64,
    /// Cost index of transport, % a year.
    pub transport_index_pct: f64,
    /// Cost index of fixed cost lines, % a year.
    pub fixed_index_pct: f64,
    /// Cost index of interventions' annual costs, % a year.
    pub interventions_index_pct: f64,
    /// Share of the year left after a permanent exclusion, for the AWPU recovered, %.
    pub awpu_year_left_pct: f64,
    /// How academic years are split into financial years.
    pub fy_split: FySplit,
    /// Share of the deficit brought forward (a negative opening balance) written off by a grant,
    /// %: the high-needs stability grant repays 90% of the deficit accrued to March 2026 where a
    /// local SEND reform plan is approved. 0 means none.
    pub write_off_pct: f64,
    /// The financial year the write-off is received, by its start year (2028 means 2028-29).
    pub write_off_year: i32,
    /// The last financial year the statutory override keeps a DSG deficit off the council's
    /// general fund, by its start year (2027 means 2027-28, to 31 March 2028).
    pub override_last_year: i32,
}

impl Default for Money {
    fn default() -> Self {
        Money {
            opening_balance: 0.0,
            place_funding_index_pct: 0.0,
            top_up_index_pct: 0.0,
            spot_index_pct: 0.0,
            per_entry_index_pct: 0.0,
            transport_index_pct: 0.0,
            fixed_index_pct: 0.0,
            interventions_index_pct: 0.0,
            awpu_year_left_pct: 50.0,
            fy_split: FySplit::Months,
            write_off_pct: 0.0,
            write_off_year: 2028,
            override_last_year: 2027,
        }
    }
}

impl Money {
    /// Every category's index at `pct` except place funding, which stays flat cash: what a
    /// version 2 file's single inflation rate becomes.
    pub fn from_inflation(pct: f64) -> Money {
        Money {
            top_up_index_pct: pct,
            spot_index_pct: pct,
            per_entry_index_pct: pct,
            transport_index_pct: pct,
            fixed_index_pct: pct,
            interventions_index_pct: pct,
            ..Money::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// The high-needs budget for AP in the first year, £: the first financial year (April to
    /// March) when `basis` is financial, the first academic year when it is academic.
    pub first_year: f64,
    /// Annual growth of the budget, % (per financial year when `basis` is financial).
    pub growth_pct: f64,
    /// The years the budget is typed in.
    pub basis: BudgetBasis,
}

/// The years the budget is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetBasis {
    /// Per financial year, as the high-needs allocation is set (April to March); each academic
    /// year's budget is 7/12 of the financial year it starts in and 5/12 of the next.
    #[default]
    Financial,
    /// Per academic year (September to August): how files before version 4 typed it.
    Academic,
}

impl BudgetBasis {
    pub const ALL: [BudgetBasis; 2] = [BudgetBasis::Financial, BudgetBasis::Academic];

    pub fn key(self) -> &'static str {
        match self {
            BudgetBasis::Financial => "financial",
            BudgetBasis::Academic => "academic",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            BudgetBasis::Financial => "Per financial year (April to March)",
            BudgetBasis::Academic => "Per academic year (September to August)",
        }
    }
}

/// The share of a financial year's budget that falls in September to March (7 of its 12
/// months): the allocation is paid by the month, whatever the split used for spend.
pub const BUDGET_AUTUMN_SHARE: f64 = 7.0 / 12.0;

impl Budget {
    /// The budget of the financial year starting in April of `first + k`.
    pub fn financial_year(&self, k: usize) -> f64 {
        self.first_year * growth(self.growth_pct, k)
    }

    /// The budget of academic year index `t`.
    pub fn academic_year(&self, t: usize) -> f64 {
        match self.basis {
            BudgetBasis::Academic => self.first_year * growth(self.growth_pct, t),
            BudgetBasis::Financial => {
                BUDGET_AUTUMN_SHARE * self.financial_year(t)
                    + (1.0 - BUDGET_AUTUMN_SHARE) * self.financial_year(t + 1)
            }
        }
    }
}

impl Scenario {
    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id == id)
    }

    /// Provider `provider` of tier `tier`, if both exist.
    pub fn provider_mut(&mut self, tier: usize, provider: usize) -> Option<&mut Provider> {
        self.tiers
            .get_mut(tier)
            .and_then(|t| t.providers.get_mut(provider))
    }

    /// Pupils on roll in phase `p`, year index `t`: the override if given, else compound growth.
    pub fn population(&self, p: usize, t: usize) -> f64 {
        let phase = &self.phases[p];
        match phase.overrides.get(t).copied().flatten() {
            Some(v) => v,
            None => phase.pupils * growth(phase.growth_pct, t),
        }
    }
}

/// `(1 + pct/100)^t`: the factor a figure growing at `pct` % a year has reached after `t` years.
pub fn growth(pct: f64, t: usize) -> f64 {
    (1.0 + pct / 100.0).powi(t as i32)
}

/// How likely values spread between a range's low and high ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Most likely at the central value, falling in straight lines to the ends.
    #[default]
    Triangular,
    /// A smooth curve peaked at the central value (a beta distribution with the usual PERT
    /// weighting): the ends are less likely than under the triangular shape.
    Pert,
    /// Every value between the ends equally likely (the central value plays no part).
    Uniform,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Triangular, Shape::Pert, Shape::Uniform];

    pub fn key(self) -> &'static str {
        match self {
            Shape::Triangular => "triangular",
            Shape::Pert => "pert",
            Shape::Uniform => "uniform",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            Shape::Triangular => "Triangular (most likely at the value typed)",
            Shape::Pert => "PERT (a smooth curve around the value typed)",
            Shape::Uniform => "Uniform (anywhere between low and high)",
        }
    }
}

/// A range of uncertainty on one input: the input's own value is the central value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputRange {
    pub field: Field,
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub shape: Shape,
    /// Inputs in the same group move together: they are drawn with the correlation in the
    /// simulation's settings (prices that rise together, say), so the spread is not understated.
    #[serde(default, skip_serializing_if = "Group::is_none")]
    pub group: Group,
}

/// A group of ranged inputs drawn together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Drawn on its own.
    #[default]
    None,
    /// Prices of places bought from the market: spot, independent and interim provision.
    Prices,
    /// Demand: rates and trends.
    Demand,
    /// Interventions' effects.
    Effects,
    /// Another group of the user's.
    Other,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::None,
        Group::Prices,
        Group::Demand,
        Group::Effects,
        Group::Other,
    ];

    pub fn is_none(&self) -> bool {
        *self == Group::None
    }

    pub fn key(self) -> &'static str {
        match self {
            Group::None => "none",
            Group::Prices => "prices",
            Group::Demand => "demand",
            Group::Effects => "effects",
            Group::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        position_of(&Self::ALL.map(Self::key), key).map(|i| Self::ALL[i])
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::None => "On its own",
            Group::Prices => "With market prices (spot, independent, interim)",
            Group::Demand => "With demand (rates and trends)",
            Group::Effects => "With interventions' effects",
            Group::Other => "With the other group",
        }
    }
}

/// How the simulation runs: the seed makes it repeatable (same seed and inputs, same results on
/// every machine).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimulationSettings {
    pub seed: u64,
    pub draws: u32,
    /// Draw each year's entries of each tier and phase as a count (Poisson around the expected
    /// number), so a small tier shows the scatter real counts have.
    pub count_noise: bool,
    /// How closely inputs in the same group move together, % (the correlation of the normal
    /// scores they are drawn from): 0 is independent, 100 moves them in lock-step.
    pub group_correlation_pct: f64,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            seed: 2026,
            draws: 2000,
            count_noise: false,
            group_correlation_pct: 80.0,
        }
    }
}

impl Scenario {
    /// The range on `field`, if it has one.
    pub fn range_on(&self, field: Field) -> Option<&InputRange> {
        self.ranges.iter().find(|r| r.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each choice reads back every key it writes, and only those, with serde's message.
    fn round_trips<T>(all: &[T], key: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + std::fmt::Debug + Serialize + for<'de> Deserialize<'de>,
    {
        let keys: Vec<&str> = all.iter().map(|v| key(*v)).collect();
        for v in all {
            let text = serde_json::to_string(v).unwrap();
            assert_eq!(text, format!("\"{}\"", key(*v)));
            assert_eq!(serde_json::from_str::<T>(&text).unwrap(), *v);
        }
        let e = serde_json::from_str::<T>("\"nonsense\"")
            .unwrap_err()
            .to_string();
        let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        // serde's wording, as its derived readers had it.
        let expected = match listed.as_slice() {
            [a, b] => format!("expected {a} or {b}"),
            _ => format!("expected one of {}", listed.join(", ")),
        };
        assert!(
            e.starts_with(&format!("unknown variant `nonsense`, {expected}")),
            "{e}"
        );
    }

    #[test]
    fn choices_read_their_keys() {
        round_trips(&OverCapacity::ALL, OverCapacity::key);
        round_trips(&ProviderKind::ALL, ProviderKind::key);
        round_trips(&Target::ALL, Target::key);
        round_trips(&FySplit::ALL, FySplit::key);
        round_trips(&BudgetBasis::ALL, BudgetBasis::key);
        round_trips(&Shape::ALL, Shape::key);
        round_trips(&Group::ALL, Group::key);
        round_trips(&Funder::ALL, Funder::key);
    }
}
