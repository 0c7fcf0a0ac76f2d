//! What a projection holds: flows per year × tier × phase, providers per year, spend per tier and
//! year, and headline figures over the horizon.
//!
//! Figures are stored in flat vectors (year-major) so a projection allocates a handful of times,
//! whatever the scenario's size; the accessors below hide the indexing.

use serde::Serialize;
use thiserror::Error;

/// Pupils moving through one tier in one phase over one year.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PhaseFlow {
    /// Pupils on roll in the phase.
    pub population: f64,
    /// Pupils in the tier at the start of the year (S0).
    pub start: f64,
    /// New direct entries (referrals).
    pub entries_direct: f64,
    /// Entries via permanent exclusion.
    pub entries_exclusion: f64,
    /// Entries stepped up from the tier below this year.
    pub entries_stepped_up: f64,
    pub exits_returned: f64,
    /// Exits stepped up into the next tier.
    pub exits_stepped_up: f64,
    /// Exits to other destinations (special school or EHCP, post-16, moved away).
    pub exits_other: f64,
    /// Pupils in the tier at the end of the year (S1).
    pub end: f64,
    /// Average pupils in the tier over the year: the places needed.
    pub places_needed: f64,
}

impl PhaseFlow {
    pub fn entries(&self) -> f64 {
        self.entries_direct + self.entries_exclusion + self.entries_stepped_up
    }

    pub fn exits(&self) -> f64 {
        self.exits_returned + self.exits_stepped_up + self.exits_other
    }
}

/// One provider in one year.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ProviderYear {
    pub commissioned: f64,
    pub occupied: f64,
}

impl ProviderYear {
    /// Occupied as a share of commissioned places, %; `None` when no places are commissioned.
    pub fn utilisation_pct(&self) -> Option<f64> {
        (self.commissioned > 0.0).then(|| 100.0 * self.occupied / self.commissioned)
    }
}

/// Spend of one tier in one year, £ at that year's prices.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct TierSpend {
    pub place_funding: f64,
    pub top_up: f64,
    pub spot: f64,
    pub per_entry: f64,
    pub transport: f64,
    /// Interim provision for pupils on a waiting list.
    pub waiting: f64,
}

impl TierSpend {
    pub fn total(&self) -> f64 {
        self.place_funding
            + self.top_up
            + self.spot
            + self.per_entry
            + self.transport
            + self.waiting
    }
}

/// One tier in one year, all phases together.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct TierYear {
    pub places_needed: f64,
    /// Commissioned places across the tier's providers.
    pub commissioned: f64,
    /// Places filled at providers.
    pub occupied: f64,
    /// Places bought as spot places above capacity.
    pub spot: f64,
    /// Demand above capacity left waiting.
    pub unmet: f64,
    /// Demand above capacity in a tier that is not capacity-managed (served, no place cost).
    pub uncapped: f64,
    /// Places filled at independent providers (part of `occupied`).
    pub independent: f64,
    pub spend: TierSpend,
}

/// Spend by category across the scenario in one year, £ at that year's prices.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SpendByCategory {
    pub place_funding: f64,
    pub top_up: f64,
    pub spot: f64,
    pub per_entry: f64,
    pub transport: f64,
    /// Interim provision for pupils on a waiting list.
    pub waiting: f64,
    pub interventions: f64,
    pub fixed: f64,
}

impl SpendByCategory {
    pub const LABELS: [&'static str; 8] = [
        "Place funding",
        "Top-up",
        "Spot places",
        "Per-entry costs",
        "Transport",
        "Interim provision (waiting)",
        "Interventions",
        "Other fixed costs",
    ];

    /// The categories in the order of [`Self::LABELS`].
    pub fn values(&self) -> [f64; 8] {
        [
            self.place_funding,
            self.top_up,
            self.spot,
            self.per_entry,
            self.transport,
            self.waiting,
            self.interventions,
            self.fixed,
        ]
    }

    pub fn total(&self) -> f64 {
        self.values().iter().sum()
    }

    /// The categories from figures in the order of [`Self::LABELS`].
    pub fn from_values(v: [f64; 8]) -> Self {
        let [place_funding, top_up, spot, per_entry, transport, waiting, interventions, fixed] = v;
        SpendByCategory {
            place_funding,
            top_up,
            spot,
            per_entry,
            transport,
            waiting,
            interventions,
            fixed,
        }
    }
}

/// Spend split by who pays it, £, indexed by [`crate::scenario::Funder::index`]: high-needs
/// block, schools, grants, other budgets, the council's general fund.
pub type ByFunder = [f64; crate::scenario::FUNDERS];

/// Scenario-wide figures for one year.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct YearSummary {
    /// Academic year start (2026 means 2026/27).
    pub academic_year: i32,
    /// Spend by category, whoever pays it (the whole system).
    pub spend: SpendByCategory,
    /// High-needs spend net of income: the high-needs block's share of the spend minus the
    /// AWPU recovered. This is the figure set against the budget.
    pub total_spend: f64,
    /// All spend, whoever pays it: `spend.total()`.
    pub whole_system_spend: f64,
    /// Spend by funder; adds up to `whole_system_spend`.
    pub by_funder: ByFunder,
    /// AWPU recovered from excluding schools (income to the high-needs block).
    pub income: f64,
    /// The part of `spend` the high-needs block pays, by category (before income).
    pub high_needs: SpendByCategory,
    pub budget: f64,
    /// Budget minus high-needs spend net of income: negative means overspend.
    pub variance: f64,
    /// The deficit brought forward written off by a grant this year ([`crate::money::write_off`]).
    pub write_off: f64,
    /// The opening balance plus the variances and write-offs up to this year.
    pub cumulative_variance: f64,
}

/// Figures over the whole horizon.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Headline {
    /// High-needs spend net of income over the horizon (what the budget is set against).
    pub total_spend: f64,
    /// All spend over the horizon, whoever pays it.
    pub total_whole_system_spend: f64,
    pub total_income: f64,
    pub total_budget: f64,
    /// Total budget minus total spend: negative means overspend.
    pub total_variance: f64,
    /// Peak places needed per tier, in tier order.
    pub peak_places: Vec<f64>,
    /// Peak places needed across all tiers in one year.
    pub peak_total_places: f64,
    /// Largest number of unmet or spot-purchased places in one year.
    pub peak_unmet_or_spot: f64,
    /// Share of filled place-years at independent providers or bought as spot places, %;
    /// `None` when no places are filled.
    pub independent_or_spot_share_pct: Option<f64>,
    pub returned_to_mainstream: f64,
    pub permanent_exclusions: f64,
}

/// Something the projection had to decide that the user should know about.
#[derive(Debug, Clone, PartialEq, Error, Serialize)]
pub enum Warning {
    #[error("{tier} · {phase}: from {year}, interventions push returned % and stepped-up % to {total_pct:.1}% together, so both were scaled down to add up to 100%")]
    ExitSharesScaled {
        tier: String,
        phase: String,
        year: String,
        total_pct: f64,
    },
    #[error(
        "{tier} is the last tier, so its stepped-up % ({pct}%) is counted as other destinations"
    )]
    LastTierStepUp { tier: String, pct: f64 },
    #[error("{tier} takes excluded pupils and keeps a waiting list, but interim provision costs nothing: an excluded pupil must have full-time education from the sixth day, so set its cost per pupil-week")]
    WaitingCostsNothing { tier: String },
}

/// A scenario projected year by year.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Projection {
    pub years: usize,
    pub tiers: usize,
    pub phases: usize,
    /// Start of each tier's providers within a year's provider block.
    pub(crate) provider_offsets: Vec<usize>,
    pub(crate) providers_per_year: usize,
    pub(crate) flows: Vec<PhaseFlow>,
    pub(crate) tier_years: Vec<TierYear>,
    pub(crate) provider_years: Vec<ProviderYear>,
    pub summaries: Vec<YearSummary>,
    pub headline: Headline,
    pub warnings: Vec<Warning>,
}

impl Projection {
    /// Flow of tier `i`, phase `p` in year index `t`.
    pub fn flow(&self, t: usize, i: usize, p: usize) -> &PhaseFlow {
        &self.flows[(t * self.tiers + i) * self.phases + p]
    }

    /// Tier `i` in year index `t`.
    pub fn tier(&self, t: usize, i: usize) -> &TierYear {
        &self.tier_years[t * self.tiers + i]
    }

    /// Providers of tier `i` in year index `t`, in priority order.
    pub fn providers(&self, t: usize, i: usize) -> &[ProviderYear] {
        let base = t * self.providers_per_year;
        let start = base + self.provider_offsets[i];
        let end = base
            + self
                .provider_offsets
                .get(i + 1)
                .copied()
                .unwrap_or(self.providers_per_year);
        &self.provider_years[start..end]
    }

    /// Scenario-wide figures for year index `t`.
    pub fn year(&self, t: usize) -> &YearSummary {
        &self.summaries[t]
    }

    /// Flows of tier `i` in year index `t`, all phases added together.
    pub fn tier_flow(&self, t: usize, i: usize) -> PhaseFlow {
        (0..self.phases).fold(PhaseFlow::default(), |a, p| {
            let f = self.flow(t, i, p);
            PhaseFlow {
                population: a.population + f.population,
                start: a.start + f.start,
                entries_direct: a.entries_direct + f.entries_direct,
                entries_exclusion: a.entries_exclusion + f.entries_exclusion,
                entries_stepped_up: a.entries_stepped_up + f.entries_stepped_up,
                exits_returned: a.exits_returned + f.exits_returned,
                exits_stepped_up: a.exits_stepped_up + f.exits_stepped_up,
                exits_other: a.exits_other + f.exits_other,
                end: a.end + f.end,
                places_needed: a.places_needed + f.places_needed,
            }
        })
    }

    /// Commissioned places across all tiers in year index `t`.
    pub fn total_commissioned(&self, t: usize) -> f64 {
        (0..self.tiers).map(|i| self.tier(t, i).commissioned).sum()
    }

    /// Places above capacity, unmet or bought as spot places, across all tiers in year index `t`.
    pub fn total_unmet_or_spot(&self, t: usize) -> f64 {
        (0..self.tiers)
            .map(|i| self.tier(t, i).unmet + self.tier(t, i).spot)
            .sum()
    }

    /// Places needed across all tiers in year index `t`.
    pub fn total_places(&self, t: usize) -> f64 {
        (0..self.tiers).map(|i| self.tier(t, i).places_needed).sum()
    }
}
