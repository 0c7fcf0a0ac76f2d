//! Properties that hold for every valid scenario, checked on random ones (proptest).

use ap_engine::scenario::*;
use ap_engine::{project, validate};
use proptest::prelude::*;

fn arb_phase(n: usize) -> impl Strategy<Value = Phase> {
    (
        0.0..300_000.0f64,
        -5.0..5.0f64,
        prop::collection::vec(prop::option::of(0.0..300_000.0f64), 0..4),
    )
        .prop_map(move |(pupils, growth_pct, overrides)| Phase {
            id: format!("ph{n}"),
            name: format!("Phase {n}"),
            pupils,
            growth_pct,
            overrides,
            ..Phase::default()
        })
}

fn arb_provider(tier: usize, k: usize, phases: usize) -> impl Strategy<Value = Provider> {
    (
        prop::option::of(0..phases),
        prop::collection::vec(0.0..400.0f64, 1..4),
        0.0..20_000.0f64,
        0.0..60_000.0f64,
        prop::sample::select(ProviderKind::ALL.to_vec()),
    )
        .prop_map(
            move |(phase, places, place_funding, top_up, kind)| Provider {
                id: format!("t{tier}p{k}"),
                name: format!("Provider {k}"),
                kind,
                phase: phase.map(|p| format!("ph{p}")),
                places,
                place_funding,
                top_up,
                ..Provider::default()
            },
        )
}

fn arb_tier(i: usize, phases: usize) -> impl Strategy<Value = Tier> {
    let demand = prop::collection::vec((0.0..20.0f64, 0.0..5.0f64, 0.0..500.0f64), phases);
    let providers = (0..4usize).prop_flat_map(move |n| {
        (0..n)
            .map(|k| arb_provider(i, k, phases))
            .collect::<Vec<_>>()
    });
    (
        demand,
        -10.0..10.0f64,
        1.0..150.0f64,
        0.0..100.0f64,
        0.0..1.0f64,
        (0.0..5_000.0f64, 0.0..8_000.0f64, 0.0..80_000.0f64),
        providers,
        prop::sample::select(OverCapacity::ALL.to_vec()),
    )
        .prop_map(
            move |(
                demand,
                trend_pct,
                stay_weeks,
                returned_pct,
                step_share,
                costs,
                providers,
                over_capacity,
            )| Tier {
                id: format!("t{i}"),
                name: format!("Tier {i}"),
                phases: demand
                    .into_iter()
                    .enumerate()
                    .map(
                        |(p, (referral_rate, exclusion_rate, start_pupils))| TierPhase {
                            phase: format!("ph{p}"),
                            referral_rate,
                            exclusion_rate,
                            start_pupils,
                        },
                    )
                    .collect(),
                trend_pct,
                stay_weeks,
                returned_pct,
                step_up_pct: (100.0 - returned_pct) * step_share,
                per_entry_cost: costs.0,
                transport_per_place: costs.1,
                transport_funder: Funding::One(Funder::HighNeeds),
                spot_price: costs.2,
                providers,
                over_capacity,
                ..Tier::default()
            },
        )
}

fn arb_intervention(n: usize, tiers: usize, phases: usize) -> impl Strategy<Value = Intervention> {
    (
        0..tiers,
        prop::option::of(0..phases),
        prop::sample::select(Target::ALL.to_vec()),
        -90.0..200.0f64,
        2026..2032i32,
        0..4u32,
        0.0..1_000_000.0f64,
    )
        .prop_map(
            move |(tier, phase, target, change_pct, first_year, ramp_years, annual_cost)| {
                Intervention {
                    id: format!("iv{n}"),
                    name: format!("Intervention {n}"),
                    tier: format!("t{tier}"),
                    phase: phase.map(|p| format!("ph{p}")),
                    target,
                    change_pct,
                    first_year,
                    ramp_years,
                    annual_cost,
                    ..Intervention::default()
                }
            },
        )
}

prop_compose! {
    fn arb_scenario()(phases in 1..4usize, tiers in 1..5usize, interventions in 0..4usize)
        (
            phase_list in (0..phases).map(arb_phase).collect::<Vec<_>>(),
            tier_list in (0..tiers).map(|i| arb_tier(i, phases)).collect::<Vec<_>>(),
            iv_list in (0..interventions).map(|n| arb_intervention(n, tiers, phases)).collect::<Vec<_>>(),
            horizon in 1..=15u32,
            indices in prop::array::uniform7(-2.0..6.0f64),
            budget in 0.0..50_000_000.0f64,
            fixed in 0.0..1_000_000.0f64,
            funders in prop::collection::vec(prop::sample::select(Funder::ALL.to_vec()), 16),
            awpu in 0.0..6_000.0f64,
            year_left in 0.0..100.0f64,
            waiting in 0.0..2_000.0f64,
            occupancy in 0.0..100.0f64,
            opening in -10_000_000.0..10_000_000.0f64,
        ) -> Scenario {
        let mut s = Scenario {
            meta: Meta { name: "Random".into(), ..Meta::default() },
            timeline: Timeline { first_year: 2026, horizon, teaching_weeks: 39.0 },
            phases: phase_list,
            tiers: tier_list,
            interventions: iv_list,
            other_costs: vec![FixedCost { name: "Team".into(), amount: fixed, first_year: 2026, last_year: 2030, ..FixedCost::default() }],
            budget: Budget { first_year: budget, growth_pct: 2.0 , basis: BudgetBasis::Academic},
            money: Money {
                opening_balance: opening,
                place_funding_index_pct: indices[0],
                top_up_index_pct: indices[1],
                spot_index_pct: indices[2],
                per_entry_index_pct: indices[3],
                transport_index_pct: indices[4],
                fixed_index_pct: indices[5],
                interventions_index_pct: indices[6],
                awpu_year_left_pct: year_left,
                ..Money::default()
            },
            ..Scenario::default()
        };
        // Every funder in turn, so each cost lands on some funder in some scenarios.
        let mut f = funders.iter().copied().cycle();
        let mut next = || Funding::One(f.next().unwrap_or_default());
        for p in &mut s.phases {
            p.awpu = awpu;
        }
        for t in &mut s.tiers {
            t.waiting_cost_per_week = waiting;
            t.per_entry_funder = next();
            t.transport_funder = next();
            t.spot_funder = next();
            t.waiting_funder = next();
            for p in &mut t.providers {
                p.min_occupancy_pct = occupancy;
                p.place_funding_funder = next();
                p.top_up_funder = next();
            }
        }
        for iv in &mut s.interventions {
            iv.funder = next();
        }
        for c in &mut s.other_costs {
            c.funder = next();
        }
        s
    }
}

fn scale_money(s: &mut Scenario, k: f64) {
    for tier in &mut s.tiers {
        tier.per_entry_cost *= k;
        tier.transport_per_place *= k;
        tier.spot_price *= k;
        for p in &mut tier.providers {
            p.place_funding *= k;
            p.top_up *= k;
        }
    }
    for iv in &mut s.interventions {
        iv.annual_cost *= k;
    }
    for c in &mut s.other_costs {
        c.amount *= k;
    }
    for p in &mut s.phases {
        p.awpu *= k;
    }
    for t in &mut s.tiers {
        t.waiting_cost_per_week *= k;
    }
    s.budget.first_year *= k;
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_scenarios_are_valid(s in arb_scenario()) {
        prop_assert!(validate(&s).is_ok(), "{:?}", validate(&s));
    }

    #[test]
    fn pupils_are_conserved(s in arb_scenario()) {
        let pr = project(&s).unwrap();
        for t in 0..pr.years {
            for i in 0..pr.tiers {
                for p in 0..pr.phases {
                    let f = pr.flow(t, i, p);
                    prop_assert!(close(f.start + f.entries(), f.end + f.exits()), "{f:?}");
                    prop_assert!(f.end >= 0.0 && f.places_needed >= 0.0 && f.exits_other >= 0.0);
                    if t + 1 < pr.years {
                        prop_assert_eq!(pr.flow(t + 1, i, p).start, f.end);
                    }
                    if i + 1 < pr.tiers {
                        prop_assert_eq!(pr.flow(t, i + 1, p).entries_stepped_up, f.exits_stepped_up);
                    }
                }
            }
        }
    }

    #[test]
    fn more_capacity_never_raises_unmet_demand(s in arb_scenario(), extra in 1.0..3.0f64) {
        let before = project(&s).unwrap();
        let mut bigger = s.clone();
        for tier in &mut bigger.tiers {
            for p in &mut tier.providers {
                p.places.iter_mut().for_each(|v| *v *= extra);
            }
        }
        let after = project(&bigger).unwrap();
        for t in 0..before.years {
            for i in 0..before.tiers {
                let (b, a) = (before.tier(t, i), after.tier(t, i));
                prop_assert!(a.unmet <= b.unmet + 1e-9, "unmet {} -> {}", b.unmet, a.unmet);
                prop_assert!(a.spot <= b.spot + 1e-9, "spot {} -> {}", b.spot, a.spot);
            }
        }
    }

    #[test]
    fn zero_rates_and_zero_stock_give_zero_places(mut s in arb_scenario()) {
        for tier in &mut s.tiers {
            for tp in &mut tier.phases {
                tp.referral_rate = 0.0;
                tp.exclusion_rate = 0.0;
                tp.start_pupils = 0.0;
            }
        }
        let pr = project(&s).unwrap();
        for t in 0..pr.years {
            prop_assert_eq!(pr.total_places(t), 0.0);
        }
        prop_assert_eq!(pr.headline.peak_total_places, 0.0);
    }

    #[test]
    fn spend_by_funder_adds_up_to_the_whole_system(s in arb_scenario()) {
        let pr = project(&s).unwrap();
        let mut cumulative = s.money.opening_balance;
        for y in &pr.summaries {
            let funded: f64 = y.by_funder.iter().sum();
            prop_assert!(close(funded, y.whole_system_spend), "{funded} vs {}", y.whole_system_spend);
            prop_assert!(close(y.whole_system_spend, y.spend.total()));
            prop_assert!(close(y.total_spend, y.by_funder[Funder::HighNeeds.index()] - y.income));
            prop_assert!(close(y.high_needs.total(), y.by_funder[Funder::HighNeeds.index()]));
            prop_assert!(y.income >= 0.0);
            cumulative += y.budget - y.total_spend;
            prop_assert!((cumulative - y.cumulative_variance).abs() <= 1e-6 * cumulative.abs().max(1.0));
        }
    }

    #[test]
    fn financial_years_reconcile_with_academic_years(s in arb_scenario(), weeks in any::<bool>()) {
        use ap_engine::money::{money_table, Basis};
        let mut s = s;
        s.money.fy_split = if weeks { FySplit::TeachingWeeks } else { FySplit::Months };
        let pr = project(&s).unwrap();
        let un = ap_engine::money::unmitigated(&s);
        let ay = money_table(&s, &pr, &un, Basis::Academic);
        let fy = money_table(&s, &pr, &un, Basis::Financial);
        prop_assert_eq!(fy.rows.len(), ay.rows.len() + 1);
        prop_assert!(fy.rows[0].partial && fy.rows[fy.rows.len() - 1].partial);
        prop_assert!(fy.rows[1..fy.rows.len() - 1].iter().all(|r| !r.partial));
        let share = s.money.fy_split.autumn_share();
        // Each fully covered financial year is its two academic years' shares: summed over
        // the fully covered years, within £1.
        let full_fy: f64 = fy.rows[1..fy.rows.len() - 1].iter().map(|r| r.whole_system).sum();
        let from_ay: f64 = (1..ay.rows.len())
            .map(|t| share * ay.rows[t].whole_system + (1.0 - share) * ay.rows[t - 1].whole_system)
            .sum();
        prop_assert!((full_fy - from_ay).abs() <= 1.0, "{full_fy} vs {from_ay}");
        // Over all financial years, partial ones included, nothing is lost or double counted.
        for (a, b) in [
            (fy.rows.iter().map(|r| r.whole_system).sum::<f64>(), ay.rows.iter().map(|r| r.whole_system).sum::<f64>()),
            (fy.rows.iter().map(|r| r.net).sum::<f64>(), ay.rows.iter().map(|r| r.net).sum::<f64>()),
            (fy.rows.iter().map(|r| r.budget).sum::<f64>(), ay.rows.iter().map(|r| r.budget).sum::<f64>()),
        ] {
            prop_assert!((a - b).abs() <= 1.0, "{a} vs {b}");
        }
        let last = fy.rows.len() - 1;
        prop_assert!((fy.rows[last].cumulative - ay.rows[ay.rows.len() - 1].cumulative).abs() <= 1.0);
    }

    #[test]
    fn spend_is_never_negative(s in arb_scenario()) {
        let pr = project(&s).unwrap();
        for y in &pr.summaries {
            prop_assert!(y.spend.values().iter().all(|v| *v >= 0.0), "{:?}", y.spend);
        }
    }

    #[test]
    fn doubling_every_money_input_doubles_spend(s in arb_scenario()) {
        let once = project(&s).unwrap();
        let mut doubled = s.clone();
        scale_money(&mut doubled, 2.0);
        let twice = project(&doubled).unwrap();
        for (a, b) in once.summaries.iter().zip(&twice.summaries) {
            prop_assert!(close(2.0 * a.total_spend, b.total_spend));
            prop_assert!(close(2.0 * a.variance, b.variance));
        }
    }
}

/// A range on every input of `s` that can carry one, from `low` to `high` times its value (and
/// inside its allowed range; shares kept so they still fit at their highs).
fn with_ranges(mut s: Scenario, low: f64, high: f64, shape: Shape) -> Scenario {
    use ap_engine::fields::{self, Field, TierField};
    for field in fields::all(&s) {
        if !field.spec().uncertain
            || matches!(
                field,
                Field::Tier {
                    what: TierField::Returned | TierField::StepUp,
                    ..
                }
            )
        {
            continue;
        }
        let (Some(v), Some((min, max))) = (field.number(&s), field.range(&s)) else {
            continue;
        };
        let (a, b) = ((v * low).min(v * high), (v * low).max(v * high));
        s.ranges.push(InputRange {
            field,
            low: a.max(min).min(v),
            high: b.min(max).max(v),
            shape,
            group: Group::None,
        });
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn simulated_percentiles_are_ordered_and_chances_are_shares(
        s in arb_scenario(),
        low in 0.5..1.0f64,
        high in 1.0..1.6f64,
        shape in prop::sample::select(Shape::ALL.to_vec()),
        seed in 0u64..1_000,
    ) {
        let s = with_ranges(s, low, high, shape);
        prop_assert!(validate(&s).is_ok(), "{:?}", validate(&s));
        let sim = ap_engine::simulate::simulate(&s, 200, seed).unwrap();
        let all = sim.spend.iter()
            .chain(&sim.variance)
            .chain(&sim.cumulative_variance)
            .chain(&sim.total_places)
            .chain(sim.tiers.iter().flat_map(|t| t.places_needed.iter().chain(&t.above_capacity)));
        for b in all {
            prop_assert!(b.p10 <= b.p25 && b.p25 <= b.p50 && b.p50 <= b.p75 && b.p75 <= b.p90, "{b:?}");
        }
        for p in sim.chance_overspend.iter().chain([&sim.chance_overspend_horizon]) {
            prop_assert!((0.0..=1.0).contains(p));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The page's quick read of its own entries takes every entry as the app writes it, and gives
    /// what the strict reader gives.
    #[test]
    fn the_quick_read_of_an_entry_as_written_equals_the_strict_read(
        s in arb_scenario(),
        saved_at in 0.0..2.0e12f64,
    ) {
        let text = ap_engine::store::entry_text(&s, saved_at);
        let quick = ap_engine::store::read_as_written(&text);
        prop_assert!(quick.is_some());
        prop_assert_eq!(quick, ap_engine::store::read_entry(&text).ok());
    }
}

/// Every cost's funding in `s`, for a change to each.
fn each_funding(s: &mut Scenario, mut change: impl FnMut(&mut Funding)) {
    for t in &mut s.tiers {
        for f in [
            &mut t.per_entry_funder,
            &mut t.transport_funder,
            &mut t.spot_funder,
            &mut t.waiting_funder,
        ] {
            change(f);
        }
        for p in &mut t.providers {
            change(&mut p.place_funding_funder);
            change(&mut p.top_up_funder);
        }
    }
    for iv in &mut s.interventions {
        change(&mut iv.funder);
    }
    for c in &mut s.other_costs {
        change(&mut c.funder);
    }
}

/// `s` as a version 3 file would have held it: no council funder, no splits, the budget per
/// academic year, no write-off, no interventions in the base budget, no correlated groups. The
/// keys version 3 did not have are taken out of the text; a transport funder of the high-needs
/// block (version 3's default) is left out too, as version 3 wrote nothing when it was so.
fn as_version_3(s: &mut Scenario) -> String {
    each_funding(s, |f| {
        if *f == Funding::One(Funder::Council) {
            *f = Funding::One(Funder::HighNeeds);
        }
    });
    s.budget.basis = BudgetBasis::Academic;
    let mut v = serde_json::to_value(&*s).unwrap();
    v["schema_version"] = 3.into();
    v["budget"].as_object_mut().unwrap().remove("basis");
    let money = v["money"].as_object_mut().unwrap();
    for key in ["write_off_pct", "write_off_year", "override_last_year"] {
        money.remove(key);
    }
    v["simulation"]
        .as_object_mut()
        .unwrap()
        .remove("group_correlation_pct");
    for iv in v["interventions"].as_array_mut().unwrap() {
        iv.as_object_mut().unwrap().remove("in_base_budget");
    }
    for t in v["tiers"].as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        if t["transport_funder"] == "high_needs" {
            t.remove("transport_funder");
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Switched off, the money fixes reproduce version 3's results exactly: a version 3 file
    /// reads to the same scenario and the same figures, to the last bit.
    #[test]
    fn a_version_3_file_reproduces_its_results_exactly(s in arb_scenario()) {
        use ap_engine::money::{money_table, unmitigated, Basis};
        let mut s = s;
        let text = as_version_3(&mut s);
        let read = ap_engine::file::read_scenario(&text).unwrap();
        prop_assert!(!read.notes.is_empty());
        prop_assert_eq!(&read.scenario, &s);
        let (a, b) = (project(&read.scenario).unwrap(), project(&s).unwrap());
        prop_assert_eq!(&a, &b);
        for basis in [Basis::Academic, Basis::Financial] {
            let (ta, tb) = (
                money_table(&read.scenario, &a, &unmitigated(&read.scenario), basis),
                money_table(&s, &b, &unmitigated(&s), basis),
            );
            prop_assert!(ta.rows.iter().all(|r| r.write_off == 0.0));
            prop_assert_eq!(
                ta.rows.iter().map(|r| (r.net, r.cumulative, r.unmitigated_cumulative)).collect::<Vec<_>>(),
                tb.rows.iter().map(|r| (r.net, r.cumulative, r.unmitigated_cumulative)).collect::<Vec<_>>()
            );
        }
    }

    /// A split giving one funder 100% pays exactly what that funder alone pays.
    #[test]
    fn a_whole_share_is_the_funder_alone(s in arb_scenario()) {
        let mut split = s.clone();
        each_funding(&mut split, |f| *f = f.as_split());
        prop_assert_eq!(validate(&split), Ok(()));
        prop_assert_eq!(project(&split).unwrap(), project(&s).unwrap());
    }

    /// Shares that add up to 100% keep every pound: funders add up to the whole system, which a
    /// split does not change.
    #[test]
    fn splits_keep_every_pound(s in arb_scenario(), a in 0.0..100.0f64, b in 0.0..100.0f64) {
        let (lo, hi) = (a.min(b), a.max(b));
        let shares = [lo, hi - lo, 0.0, 100.0 - hi, 0.0];
        let mut split = s.clone();
        each_funding(&mut split, |f| *f = Funding::Split(shares));
        prop_assert_eq!(validate(&split), Ok(()));
        let (x, y) = (project(&split).unwrap(), project(&s).unwrap());
        for (p, q) in x.summaries.iter().zip(&y.summaries) {
            prop_assert!(close(p.whole_system_spend, q.whole_system_spend));
            prop_assert!(close(p.by_funder.iter().sum(), p.whole_system_spend));
            prop_assert!(close(p.by_funder[0], lo * 0.01 * p.whole_system_spend));
        }
    }

    /// A budget typed per financial year: the academic years' budgets and the financial years'
    /// add up to the same money, and every full financial year is the budget typed for it.
    #[test]
    fn a_financial_year_budget_reconciles(s in arb_scenario(), growth in -5.0..10.0f64) {
        use ap_engine::money::{money_table, unmitigated, Basis};
        let mut s = s;
        s.budget.basis = BudgetBasis::Financial;
        s.budget.growth_pct = growth;
        let pr = project(&s).unwrap();
        let fy = money_table(&s, &pr, &unmitigated(&s), Basis::Financial);
        let n = fy.rows.len();
        for (k, row) in fy.rows.iter().enumerate().take(n - 1).skip(1) {
            prop_assert!(close(row.budget, s.budget.financial_year(k)));
        }
        let total_fy: f64 = fy.rows.iter().map(|r| r.budget).sum();
        let total_ay: f64 = pr.summaries.iter().map(|y| y.budget).sum();
        prop_assert!((total_fy - total_ay).abs() <= 1e-6 * total_ay.max(1.0), "{total_fy} vs {total_ay}");
    }
}
