//! Killing a panelist's process mid-typing never loses an acknowledged save or damages the file.
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

    let mut rng = Lcg(20261127);
    let mut stored = 0usize;
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_typist"))
            .args([
                db_path.to_str().unwrap(),
                &plan.to_string(),
                &panelist.to_string(),
                &question.to_string(),
                &stored.to_string(),
            ])
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

        let db = Db::open(&db_path).expect("the database opens after a kill");
        let integrity: String = db
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "round {round}: the file is intact");
        let card = scorecard(db.conn(), plan, panelist, Viewer::Panelist(panelist)).unwrap();
        let note = &card
            .answers
            .iter()
            .find(|a| a.answer.question_number == question)
            .unwrap()
            .answer
            .notes;
        // Every segment ends in one closing quote, so the count says how many saves it holds.
        let segments = note.matches('”').count();
        assert_eq!(
            *note,
            note_stream(segments),
            "round {round}: the note is exactly a saved state"
        );
        assert!(
            segments >= acknowledged,
            "round {round}: {acknowledged} saves were acknowledged but only {segments} survived"
        );
        stored = segments;
    }
    assert!(
        stored > KILLS,
        "the typist made progress across the kills ({stored} saves)"
    );
}
