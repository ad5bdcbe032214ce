//! Killing a panelist's process mid-typing (or the panel lead's, mid-minutes) never loses an
//! acknowledged save or damages the file.
//!
//! A child process (`typist`) appends to a note through the core's save path and acknowledges
//! each committed save on stdout. The test kills it with SIGKILL at pseudo-random moments —
//! sometimes before its first save, sometimes after dozens — reopens the database each time,
//! and checks integrity and that the note holds at least every acknowledged segment. No
//! wall-clock thresholds: only the order of acknowledgement and kill matters.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use e2e::{note_stream, panelctl};
use panel_core::debrief::meeting::meeting;
use panel_core::scorecards::{scorecard, Viewer};
use panel_core::Db;

const KILLS: usize = 25;

/// Pseudo-random but repeatable: the same kill pattern on every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn twenty_five_kills_lose_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let plan: i64 = panelctl(dir.path(), &["demo"]).parse().unwrap();
    let db_path = dir.path().join("panel.db");
    let (panelist, question) = {
        let db = Db::open(&db_path).unwrap();
        let detail = panel_core::plans::show(db.conn(), plan).unwrap();
        let first = &detail.assignments[0];
        (first.panelist_id, first.question_number)
    };
    let stored = kill_while_typing(
        KILLS,
        20261127,
        &db_path,
        |done| {
            vec![
                plan.to_string(),
                panelist.to_string(),
                question.to_string(),
                done.to_string(),
            ]
        },
        |db| {
            let card = scorecard(db.conn(), plan, panelist, Viewer::Panelist(panelist)).unwrap();
            card.answers
                .iter()
                .find(|a| a.answer.question_number == question)
                .unwrap()
                .answer
                .notes
                .clone()
        },
    );
    assert!(
        stored > KILLS,
        "the typist made progress across the kills ({stored} saves)"
    );
}

/// The panel lead typing a debrief meeting's minutes: the same promise as interview notes.
#[test]
fn killing_the_lead_mid_minutes_loses_no_acknowledged_save() {
    const MINUTES_KILLS: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let plan: i64 = panelctl(dir.path(), &["demo", "--scored"]).parse().unwrap();
    let db_path = dir.path().join("panel.db");
    let stored = kill_while_typing(
        MINUTES_KILLS,
        20261203,
        &db_path,
        |done| {
            vec![
                "--minutes".into(),
                plan.to_string(),
                "1".into(),
                done.to_string(),
            ]
        },
        |db| meeting(db.conn(), plan).unwrap().agenda[0].minutes.clone(),
    );
    assert!(
        stored > MINUTES_KILLS,
        "the lead made progress across the kills ({stored} saves)"
    );
}

/// Starts the typist with `args` (given the segments stored so far; the database path is put
/// first, after a leading `--minutes`), kills it `kills` times at pseudo-random moments, and
/// after each kill checks that the file is intact and that `read` returns exactly a saved state
/// holding at least every acknowledged segment. Returns the segments stored at the end.
fn kill_while_typing(
    kills: usize,
    seed: u64,
    db_path: &std::path::Path,
    args: impl Fn(usize) -> Vec<String>,
    read: impl Fn(&Db) -> String,
) -> usize {
    let mut rng = Lcg(seed);
    let mut stored = 0usize;
    for round in 0..kills {
        let mut argv = args(stored);
        let at = usize::from(argv.first().is_some_and(|a| a == "--minutes"));
        argv.insert(at, db_path.to_str().unwrap().to_string());
        let mut child = Command::new(env!("CARGO_BIN_EXE_typist"))
            .args(&argv)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut acks = BufReader::new(child.stdout.take().unwrap()).lines();
        let wait_for = rng.below(40);
        let mut acknowledged = stored;
        if wait_for == 0 {
            // Kill before (or during) the very first save.
            std::thread::sleep(Duration::from_micros(rng.below(3000)));
        } else {
            for _ in 0..wait_for {
                let line = acks.next().expect("the typist keeps typing").unwrap();
                acknowledged = line.trim_start_matches("ack ").parse().unwrap();
            }
        }
        child.kill().unwrap(); // SIGKILL: no destructors, no flush, no goodbye
        child.wait().unwrap();

        let db = Db::open(db_path).expect("the database opens after a kill");
        let integrity: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "round {round}: the file is intact");
        let text = read(&db);
        // Every segment ends in one closing quote, so the count says how many saves it holds.
        let segments = text.matches('”').count();
        assert_eq!(
            text,
            note_stream(segments),
            "round {round}: the text is exactly a saved state"
        );
        assert!(
            segments >= acknowledged,
            "round {round}: {acknowledged} saves were acknowledged but only {segments} survived"
        );
        stored = segments;
    }
    stored
}
