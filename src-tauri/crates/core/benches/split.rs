//! How long the split engine takes, for the panel sizes leads use and far beyond.
//!
//! Run with `cargo bench -p panel-core --bench split` (release build). Prints the median and the
//! slowest of repeated runs; results are recorded in BENCHMARKS.md. Not a test: timings on a
//! shared machine are noisy, so nothing here asserts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use panel_core::split::{split, SplitInput, SplitPanelist, SplitQuestion};
use panel_core::Capability;

/// A small deterministic generator, so every run measures the same inputs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn questions(count: usize, rng: &mut Lcg) -> Vec<SplitQuestion> {
    if count == 18 {
        return panel_core::bank::builtin()
            .questions
            .iter()
            .map(|q| SplitQuestion {
                id: i64::from(q.number),
                number: q.number,
                minutes: q.minutes,
                capabilities: q.capabilities.clone(),
            })
            .collect();
    }
    (0..count)
        .map(|i| {
            let first = Capability::ALL[rng.next() as usize % 5];
            let second = Capability::ALL[rng.next() as usize % 5];
            let mut capabilities = vec![first];
            if second != first {
                capabilities.push(second);
            }
            SplitQuestion {
                id: i as i64 + 1,
                number: i as u32 + 1,
                minutes: 6 + (rng.next() % 5) as u32,
                capabilities,
            }
        })
        .collect()
}

fn panel(count: usize, total_minutes: u32, rng: &mut Lcg) -> Vec<SplitPanelist> {
    let fair = total_minutes / count as u32;
    (0..count)
        .map(|i| SplitPanelist {
            id: i as i64 + 1,
            name: format!("Panelist {i}"),
            slot_minutes: fair + (rng.next() % 20) as u32,
            focus: if i % 3 == 0 {
                vec![Capability::ALL[i % 5]]
            } else {
                Vec::new()
            },
            excluded: Vec::new(),
        })
        .collect()
}

fn measure(label: &str, input: &SplitInput, runs: usize) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(split(black_box(input)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let max = times[runs - 1];
    println!("| {label} | {runs} | {median:.2?} | {max:.2?} |");
}

fn main() {
    let mut rng = Lcg(20261127);
    println!("| case | runs | median | slowest |");
    println!("|---|---|---|---|");
    for (panelists, count, coverage) in [
        (3, 18, 1),
        (12, 18, 1),
        (12, 18, 2),
        (50, 200, 1),
        (50, 200, 2),
    ] {
        let questions = questions(count, &mut rng);
        let total: u32 = questions.iter().map(|q| q.minutes).sum::<u32>() * u32::from(coverage);
        let input = SplitInput {
            panelists: panel(panelists, total, &mut rng),
            questions,
            fixed: Vec::new(),
            coverage,
        };
        let runs = if count > 100 { 30 } else { 200 };
        measure(
            &format!("{panelists} panelists × {count} questions, coverage {coverage}"),
            &input,
            runs,
        );
    }
}
