//! Simulation speed: `cargo bench -p ap-engine --bench simulation`. Figures go in BENCHMARKS.md.

use ap_engine::address::{DemandField, Field};
use ap_engine::examples::{dfe_early_intervention, dfe_three_tier};
use ap_engine::simulate::goal::{goal_seek, Goal};
use ap_engine::simulate::tornado::{tornado, Output};
use ap_engine::simulate::{simulate, simulate_comparison};
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
    let lever = Field::Demand {
        tier: 2,
        line: 1,
        what: DemandField::ExclusionRate,
    };
    let goal = Goal::WithinBudget {
        year: s.timeline.first_year + 2,
    };
    group.bench_function(
        "goal seek: Tier 3 secondary exclusion rate for budget in year 3",
        |b| b.iter(|| goal_seek(black_box(&s), goal, lever)),
    );
    group.finish();
}

criterion_group!(benches, simulation);
criterion_main!(benches);
