//! Makes (once) the generated database the app benchmarks start the app on, and prints its path.
//!
//! `cargo run --release -p panel-core --example bench_db -- PLANS` (the app benchmarks run the
//! built example themselves). Each plan has four panelists who scored all 18 questions with
//! notes; see `benches/support/bench_data.rs`.

#[path = "../benches/support/bench_data.rs"]
#[allow(dead_code)]
mod bench_data;

fn main() {
    let plans: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            eprintln!("usage: bench_db PLANS (a positive number of plans)");
            std::process::exit(2);
        });
    println!("{}", bench_data::cached(plans).display());
}
