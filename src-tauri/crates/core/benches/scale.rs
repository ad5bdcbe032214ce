//! The backend half of every interaction on a large database: 5,000 plans, 20,000 panelists and
//! 360,000 answers with notes (`support/bench_data.rs`, made once under `target/bench-data/`).
//!
//! Run with `cargo bench -p panel-core --bench scale`. Times, on a copy of the file database
//! (WAL, `synchronous=FULL`, as the app opens it): opening it, the Plans list query, what opening
//! a plan loads, the debrief computation and a packet export (debrief, PDF, atomic write). What
//! the window adds on top (rendering, the search box) is timed by `make bench-app`. Results in
//! BENCHMARKS.md; nothing here asserts.

#[path = "support/bench_data.rs"]
#[allow(dead_code)]
mod bench_data;

use std::time::{Duration, Instant};

use panel_core::pdf::{debrief_packet, Paper};
use panel_core::{debrief, files, plans, scorecards, Db};

const PLANS: usize = 5_000;
/// Submitted plans spread over the file (every tenth generated plan is still in interview).
const SAMPLE_PLANS: [i64; 3] = [1, 2_502, 4_999];

fn time(runs: usize, mut f: impl FnMut(usize)) -> Vec<Duration> {
    f(0); // warm-up: statements prepared, pages cached
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn row(case: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {case} | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let source = bench_data::cached(PLANS);
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("panel.db");
    std::fs::copy(&source, &path).expect("copy of the generated database");
    let db = Db::open(&path).expect("database");
    let plan = |i: usize| SAMPLE_PLANS[i % SAMPLE_PLANS.len()];
    let (plans_n, answers): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM answers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    eprintln!(
        "{plans_n} plans, {answers} answers, {:.0} MB",
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );

    println!("| interaction (backend) | runs | p50 | p99 | max |");
    println!("|---|---|---|---|---|");
    row(
        "open the database (Db::open: checks, migrations up to date)",
        &time(20, |_| drop(Db::open(&path).expect("open"))),
    );
    row(
        "Plans list (5,000 rows)",
        &time(30, |_| {
            assert_eq!(plans::list(db.conn()).expect("list").len(), PLANS)
        }),
    );
    row(
        "open a plan (plan detail and the panel's scorecards)",
        &time(30, |i| {
            plans::show(db.conn(), plan(i)).expect("plan");
            scorecards::panel_scorecards(db.conn(), plan(i)).expect("scorecards");
        }),
    );
    row(
        "debrief computation (36 questions × 2 panelists)",
        &time(30, |i| {
            debrief::debrief(db.conn(), plan(i)).expect("debrief");
        }),
    );
    let out = dir.path().join("packet.pdf");
    row(
        "packet export (debrief, PDF, atomic write)",
        &time(20, |i| {
            let debrief = debrief::debrief(db.conn(), plan(i)).expect("debrief");
            let bytes = debrief_packet(
                &debrief,
                Paper::A4,
                chrono::FixedOffset::east_opt(0).unwrap(),
            )
            .expect("packet");
            files::write_atomically(&out, &bytes).expect("write");
        }),
    );
    let people: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .expect("people");
    row(
        &format!(
            "calibration report (every submitted answer of the newest pack version, {people} \
             interviewers)"
        ),
        &time(10, |_| {
            let report = panel_core::calibration::calibration_report(
                db.conn(),
                &panel_core::calibration::CalibrationScope::default(),
            )
            .expect("calibration");
            assert!(report.answers > 0);
        }),
    );
    row(
        "adjusted means of one plan (its panel's candidates fitted)",
        &time(20, |i| {
            panel_core::calibration::plan_adjustment(db.conn(), plan(i)).expect("adjustment");
        }),
    );
    row(
        "packet export with adjusted means (debrief, fit, PDF, atomic write)",
        &time(20, |i| {
            let debrief = debrief::debrief_for_packet(db.conn(), plan(i)).expect("debrief");
            let bytes = debrief_packet(
                &debrief,
                Paper::A4,
                chrono::FixedOffset::east_opt(0).unwrap(),
            )
            .expect("packet");
            files::write_atomically(&out, &bytes).expect("write");
        }),
    );
}
