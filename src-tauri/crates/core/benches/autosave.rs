//! How long one autosave takes: a note edit written through the core in its own transaction,
//! on a file database with WAL and `synchronous=FULL` (the fsync is most of the cost).
//!
//! Run with `cargo bench -p panel-core --bench autosave`; results in BENCHMARKS.md.

use std::time::{Duration, Instant};

use panel_core::plans::{self, create_sample};
use panel_core::scorecards::{save_answer, AnswerInput};
use panel_core::Db;

fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut db = Db::open(&dir.path().join("panel.db")).expect("database");
    let plan = db.with_tx(|tx| create_sample(tx)).expect("sample plan");
    let first = plans::show(db.conn(), plan).expect("plan").assignments[0].clone();

    let runs = 500;
    let mut note = String::new();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for i in 0..runs {
        note.push_str(&format!("word{i} "));
        let answer = AnswerInput {
            question_number: first.question_number,
            score: Some(3),
            covered: vec![0],
            notes: note.clone(),
            seconds_spent: i as u32,
            ..Default::default()
        };
        let start = Instant::now();
        db.with_tx(|tx| save_answer(tx, plan, first.panelist_id, &answer))
            .expect("save");
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((runs as f64 - 1.0) * q) as usize];
    println!("| case | runs | p50 | p99 | max |");
    println!("|---|---|---|---|---|");
    println!(
        "| note edit autosave (file, WAL, synchronous=FULL) | {runs} | {:.2?} | {:.2?} | {:.2?} |",
        at(0.5),
        at(0.99),
        times[runs - 1]
    );
}
