//! Runs the large benchmark projection many times, for profilers (callgrind, perf):
//! `cargo run --release -p ap-engine --example profile_large`.
fn main() {
    let s = ap_engine::examples::large_benchmark();
    let mut total = 0.0;
    for _ in 0..2_000 {
        total += ap_engine::project_valid(std::hint::black_box(&s))
            .headline
            .total_spend;
    }
    println!("{total}");
}
