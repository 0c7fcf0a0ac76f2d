//! Prints the share-link token length of each built-in example:
//! `cargo run -p ap-engine --example link_lengths`.
fn main() {
    for ex in ap_engine::examples::EXAMPLES {
        let token = ap_engine::link::encode(&(ex.build)());
        println!("{}\t{} characters", ex.key, token.len() + "#s=".len());
    }
    let large = ap_engine::link::encode(&ap_engine::examples::large_benchmark());
    println!("large-benchmark\t{} characters", large.len() + "#s=".len());
}
