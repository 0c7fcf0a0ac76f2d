//! Engine speed: `cargo bench -p ap-engine --bench projection`. Figures go in BENCHMARKS.md.

use ap_engine::examples::{default_scenario, large_benchmark};
use ap_engine::{project, project_valid, validate};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn projection(c: &mut Criterion) {
    let default = default_scenario();
    let large = large_benchmark();
    c.bench_function("project default example (validate + project)", |b| {
        b.iter(|| project(black_box(&default)))
    });
    c.bench_function("project large scenario (validate + project)", |b| {
        b.iter(|| project(black_box(&large)))
    });
    c.bench_function(
        "project large scenario (project only, already validated)",
        |b| b.iter(|| project_valid(black_box(&large))),
    );
    c.bench_function("validate large scenario", |b| {
        b.iter(|| validate(black_box(&large)))
    });
}

criterion_group!(benches, projection);
criterion_main!(benches);
