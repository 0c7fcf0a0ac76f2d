//! The worst cases of issue 12 ("nothing hangs"): the hardest links the decoder accepts, the
//! scenario with the most validation messages, the largest valid scenario read from a file and
//! projected. `cargo bench -p ap-engine --bench limits`; figures go in BENCHMARKS.md.

#[path = "../tests/support/mod.rs"]
mod support;

use ap_engine::store::{entry_text, read_file};
use ap_engine::{link, project, validate};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("limits");
    group.sample_size(20);
    for (name, token) in support::worst_links() {
        println!("{name}: token of {} characters", token.len());
        group.bench_function(format!("decode link: {name}"), |b| {
            b.iter(|| link::decode(black_box(&token)))
        });
    }
    let messages = support::most_messages();
    group.bench_function("validate: every limit full of wrong values", |b| {
        b.iter(|| validate(black_box(&messages)))
    });
    let adversarial = support::adversarial(5_000);
    group.bench_function("validate: 5,000 of every item (adversarial)", |b| {
        b.iter(|| validate(black_box(&adversarial)))
    });
    let largest = support::largest_valid();
    let text = entry_text(&largest, 1.0);
    println!("largest valid scenario: file of {} bytes", text.len());
    group.bench_function("read file: largest valid scenario", |b| {
        b.iter(|| read_file(black_box(&text)))
    });
    group.bench_function("validate + project: largest valid scenario", |b| {
        b.iter(|| project(black_box(&largest)))
    });
    // The comparison's list of inputs that differ, between two of the largest valid scenarios
    // whose every provider differs (its matching by id is a scan per item, bounded by the limits).
    let mut other = largest.clone();
    for t in &mut other.tiers {
        for p in &mut t.providers {
            p.top_up += 1.0;
        }
        t.providers.reverse();
    }
    group.bench_function(
        "input differences: largest valid vs every provider changed",
        |b| b.iter(|| ap_engine::diff::differences(black_box(&largest), black_box(&other))),
    );
    group.finish();
}

criterion_group!(benches, limits);
criterion_main!(benches);
