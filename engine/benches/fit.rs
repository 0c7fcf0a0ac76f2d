//! Calibration speed: `cargo bench -p ap-engine --bench fit`. Figures go in BENCHMARKS.md.
//! The history is 10 years × 8 tiers × 4 phases (the large benchmark scenario's shape), made by
//! the engine with Poisson noise, so the stay is fitted from leavers and every series is shown.

use ap_engine::examples::large_benchmark;
use ap_engine::history::generate::synthetic_history;
use ap_engine::history::{backtest, fit, parse, Column};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn calibration(c: &mut Criterion) {
    let s = large_benchmark();
    assert_eq!((s.tiers.len(), s.phases.len()), (8, 4));
    let text = synthetic_history(&s, 10, Some(1));
    let h = parse(&text).expect("reads");
    assert!(h.errors.is_empty());
    assert_eq!(h.years().len(), 10);
    c.bench_function("parse history 10 years × 8 tiers × 4 phases", |b| {
        b.iter(|| parse(black_box(&text)))
    });
    c.bench_function("fit history 10 years × 8 tiers × 4 phases", |b| {
        b.iter(|| fit(black_box(&s), black_box(&h)))
    });
    // Without leavers the stay is solved numerically through the yearly recursion: the slow path.
    let mut census_only = h.clone();
    for row in &mut census_only.rows {
        for col in [
            Column::LeaversReturned,
            Column::LeaversSteppedUp,
            Column::LeaversOther,
        ] {
            row.values[col.index()] = None;
        }
    }
    census_only
        .columns
        .retain(|c| !c.key().starts_with("leavers"));
    c.bench_function(
        "fit history 10 × 8 × 4, stay from census and entries (no leavers)",
        |b| b.iter(|| fit(black_box(&s), black_box(&census_only))),
    );
    c.bench_function(
        "backtest history 10 × 8 × 4 (fit 9 years, project 1)",
        |b| b.iter(|| backtest(black_box(&s), black_box(&h))),
    );
}

criterion_group!(benches, calibration);
criterion_main!(benches);
