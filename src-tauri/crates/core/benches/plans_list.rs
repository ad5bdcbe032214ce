//! How long the Plans list takes to load with thousands of plans.
//!
//! Run with `cargo bench -p panel-core --bench plans_list` (`PLANS=50000` for the large
//! database's size). Builds a database of 5,000 plans with
//! four panelists each in a temporary directory, then times `plans::list` (every plan) and
//! `plans::list_page` (what the Plans screen asks for: one page of a search or filter, with the
//! counts). Results are recorded in BENCHMARKS.md; nothing here asserts.

use std::time::{Duration, Instant};

use panel_core::plans::{self, NewPanelist, NewPlan, PlanQuery, When};
use panel_core::{Db, Level};

fn main() {
    let size: usize = std::env::var("PLANS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut db = Db::open(&dir.path().join("panel.db")).expect("database");
    let build = Instant::now();
    db.with_tx(|tx| {
        for i in 0..size {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: format!("Candidate {i:05}"),
                    email: None,
                    level: [
                        Level::Director,
                        Level::SeniorDirector,
                        Level::Vp,
                        Level::Principal,
                    ][i % 4],
                    role_title: Some("Product Security leader".into()),
                    starts_at: Some(format!(
                        "2026-{:02}-{:02}T09:00:00Z",
                        1 + i % 12,
                        1 + i % 28
                    )),
                    panel_lead: None,
                    recruiter: None,
                    notes: None,
                },
            )?;
            for p in 0..4 {
                plans::add_panelist(
                    tx,
                    plan,
                    &NewPanelist {
                        name: format!("Panelist {p}"),
                        email: None,
                        slot_minutes: 45,
                        focus: Vec::new(),
                        excluded_questions: Vec::new(),
                    },
                )?;
            }
        }
        Ok(())
    })
    .expect("generate plans");
    eprintln!("generated {size} plans in {:.1?}", build.elapsed());

    let runs = 30;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let list = plans::list(db.conn()).expect("list");
            assert_eq!(list.len(), size);
            start.elapsed()
        })
        .collect();
    times.sort();
    println!("| case | runs | median | slowest |");
    println!("|---|---|---|---|");
    println!(
        "| Plans list, every row, {size} plans × 4 panelists | {runs} | {:.2?} | {:.2?} |",
        times[runs / 2],
        times[runs - 1]
    );

    // What the screen asks for: one page of 50, with the counts.
    let page = |search: &str, when: When, offset: u32| PlanQuery {
        search: search.into(),
        when,
        offset,
        limit: Some(50),
        ..Default::default()
    };
    let cases = [
        ("first page, no search", page("", When::Any, 0)),
        (
            "last page, no search",
            page("", When::Any, size as u32 - 50),
        ),
        (
            "search matching 1 in 5 (\"candidate 00\")",
            page("candidate 00", When::Any, 0),
        ),
        (
            "search matching one plan",
            page("candidate 04321", When::Any, 0),
        ),
        ("search matching none", page("zanele", When::Any, 0)),
        ("past interviews, first page", page("", When::Past, 0)),
    ];
    for (name, query) in cases {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let page = plans::list_page(db.conn(), &query).expect("page");
                assert!(page.plans.len() <= 50);
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "| Plans page: {name}, {size} plans | {runs} | {:.2?} | {:.2?} |",
            times[runs / 2],
            times[runs - 1]
        );
    }
}
