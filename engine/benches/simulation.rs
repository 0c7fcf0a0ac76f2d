//! Simulation speed: `cargo bench -p ap-engine --bench simulation`. Figures go in BENCHMARKS.md.

use ap_engine::address::{DemandField, Field};
use ap_engine::edit::default_range;
use ap_engine::examples::{dfe_early_intervention, dfe_three_tier};
use ap_engine::fields;
use ap_engine::simulate::goal::{goal_seek, Goal};
use ap_engine::simulate::tornado::{tornado, Output};
use ap_engine::simulate::{simulate, simulate_comparison};
use ap_engine::validate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn simulation(c: &mut Criterion) {
    let s = dfe_early_intervention();
    let base = dfe_three_tier();
    let mut group = c.benchmark_group("simulation");
    group.sample_size(20);
    group.bench_function(
        "10,000 draws of the early-intervention example (9 ranges)",
        |b| b.iter(|| simulate(black_box(&s), 10_000, 1)),
    );
    group.bench_function("2,000 paired draws of the built-in comparison", |b| {
        b.iter(|| simulate_comparison(0, black_box(&[&base, &s]), 2_000))
    });
    group.bench_function("tornado of total spend over 9 ranges", |b| {
        b.iter(|| tornado(black_box(&s), Output::TotalSpend))
    });
    // Twenty ranges: a fifth either side of the first twenty inputs that can carry one.
    let mut twenty = dfe_three_tier();
    twenty.ranges.clear();
    for field in fields::all(&twenty)
        .into_iter()
        .filter(|f| f.spec().uncertain)
    {
        if twenty.ranges.len() == 20 {
            break;
        }
        // One at a time, so shares ranged together still fit.
        if let Some(range) = default_range(&twenty, field) {
            twenty.ranges.push(range);
        }
    }
    assert_eq!(twenty.ranges.len(), 20);
    assert!(validate(&twenty).is_ok());
    group.bench_function("tornado of total spend over 20 ranges", |b| {
        b.iter(|| tornado(black_box(&twenty), Output::TotalSpend))
    });
    let lever = Field::Demand {
        tier: 2,
        line: 1,
        what: DemandField::ExclusionRate,
    };
    // The three-tier example is over budget in its third year, so the search has work to do.
    let goal = Goal::WithinBudget {
        year: base.timeline.first_year + 2,
        basis: ap_engine::money::Basis::Academic,
    };
    assert!(matches!(
        goal_seek(&base, goal, lever),
        Ok(ap_engine::simulate::goal::Answer::Reach { .. })
    ));
    group.bench_function(
        "goal seek: Tier 3 secondary exclusion rate for budget in year 3",
        |b| b.iter(|| goal_seek(black_box(&base), goal, lever)),
    );
    group.finish();
}

criterion_group!(benches, simulation);
criterion_main!(benches);
