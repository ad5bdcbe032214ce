//! Every released schema version has a committed fixture database (`tests/fixtures/`), written
//! the way that version's build would have left it: one decided plan for a candidate with two
//! panelists, submitted scorecards with scores, ticked points and notes. Opening each with the
//! current build must migrate it (after a backup of the file as it was) and keep every word.
//!
//! The fixtures are generated once per schema version by the ignored test below, from the
//! migrations of that version alone, and then never regenerated: they stand for databases users
//! already have. `REGENERATE=1 cargo test -p panel-core --test schema_fixtures -- --ignored`
//! writes only missing files.

use std::path::{Path, PathBuf};

use panel_core::backup::{self, BackupKind};
use panel_core::db::migrations::{MIGRATIONS, SCHEMA_VERSION};
use panel_core::{bank, debrief, plans, Db};
use rusqlite::{params, Connection};

const NOTE_12: &str = "Answered the board question with a risk appetite, not a yes — “secure \
                       enough” for what, and decided by whom. Zoë-level clarity.";

fn fixture(version: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-v{version}.db"))
}

/// One plan, written with the SQL of schema 1 (every later schema only adds to it).
fn fill(conn: &Connection, version: usize) {
    let t = "2026-01-12T12:00:00Z";
    conn.execute(
        "INSERT INTO question_packs (id, pack_key, version, title, builtin, created_at)
         VALUES (1, 'product-security-leadership', 1, ?1, 1, ?2)",
        params![bank::builtin().title, t],
    )
    .unwrap();
    for q in &bank::builtin().questions {
        conn.execute(
            "INSERT INTO questions (id, pack_id, number, text, strong_answer, weak_signals,
                interviewer_notes, capabilities, capability_rationale, minutes)
             VALUES (?1, 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                q.number,
                q.text,
                serde_json::to_string(&q.strong_answer).unwrap(),
                serde_json::to_string(&q.weak_signals).unwrap(),
                serde_json::to_string(&q.interviewer_notes).unwrap(),
                serde_json::to_string(&q.capabilities).unwrap(),
                q.capability_rationale,
                q.minutes
            ],
        )
        .unwrap();
    }
    conn.execute_batch(&format!(
        "INSERT INTO candidates (id, name, email, created_at)
           VALUES (1, 'Zoë Łukasiewicz', 'zoe@example.com', '{t}');
         INSERT INTO plans (id, candidate_id, level, role_title, pack_id, starts_at, panel_lead,
                            recruiter, notes, status, coverage, sealed, created_at, updated_at)
           VALUES (1, 1, 'vp', 'VP, Product Security', 1, '2026-01-12T09:30:00Z',
                   'Dana Whitfield', 'Luis Ortega', 'Final round.', 'debrief', 1, 1, '{t}', '{t}');
         INSERT INTO panelists (id, plan_id, name, slot_minutes, position, focus, excluded)
           VALUES (1, 1, 'Priya Raman', 90, 0, '[\"risk\"]', '[]'),
                  (2, 1, 'Tom Becker', 90, 1, '[]', '[]');
         INSERT INTO scorecards (id, plan_id, panelist_id, status, recommendation, summary,
                                 submitted_at, updated_at)
           VALUES (1, 1, 1, 'submitted', 'yes', 'Calm operator.', '{t}', '{t}'),
                  (2, 1, 2, 'submitted', 'strong-yes', 'Clear model of ownership.', '{t}', '{t}');"
    ))
    .unwrap();
    for number in 1..=18i64 {
        let panelist = if number <= 9 { 1 } else { 2 };
        let note = if number == 12 {
            NOTE_12.to_string()
        } else {
            format!("Notes on question {number}.")
        };
        conn.execute(
            "INSERT INTO assignments (plan_id, question_id, panelist_id, position, pinned, reason)
             VALUES (1, ?1, ?2, ?3, 0, '\"balance\"')",
            params![number, panelist, (number - 1) % 9],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO answers (id, scorecard_id, question_id, score, notes, seconds_spent,
                                  updated_at)
             VALUES (?1, ?2, ?1, ?3, ?4, 420, ?5)",
            params![number, panelist, number % 4 + 1, note, t],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO answer_coverage (answer_id, point_index) VALUES (?1, 0)",
            [number],
        )
        .unwrap();
    }
    conn.execute_batch(&format!(
        "INSERT INTO audit_events (plan_id, at, actor, kind, detail)
           VALUES (1, '{t}', 'Priya Raman', 'scorecard submitted', '{{}}'),
                  (1, '{t}', 'Tom Becker', 'scorecard submitted', '{{}}');"
    ))
    .unwrap();
    if version >= 3 {
        conn.execute_batch(&format!(
            "INSERT INTO decisions (plan_id, decision, rationale, decided_by, decided_at)
               VALUES (1, 'hire', 'Strong on risk ownership.', 'Dana Whitfield', '{t}');"
        ))
        .unwrap();
    }
    if version >= 6 {
        conn.execute_batch(
            "UPDATE question_packs SET origin = 'builtin';
             INSERT INTO plan_questions (plan_id, number, question_id)
               SELECT 1, number, id FROM questions;",
        )
        .unwrap();
    }
}

#[test]
#[ignore = "writes fixture files; run once per new schema version"]
fn regenerate_schema_fixtures() {
    if std::env::var_os("REGENERATE").is_none() {
        return;
    }
    for version in 1..=SCHEMA_VERSION as usize {
        let path = fixture(version);
        if path.exists() {
            continue;
        }
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        fill(&conn, version);
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
    }
}

#[test]
fn every_released_schema_opens_with_this_build_and_keeps_its_data() {
    for version in 1..=SCHEMA_VERSION as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        std::fs::copy(fixture(version), &path)
            .unwrap_or_else(|e| panic!("fixture for schema {version} is committed: {e}"));
        let db = Db::open(&path).unwrap_or_else(|e| panic!("schema {version} opens: {e}"));
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);

        let plan = plans::show(db.conn(), 1).unwrap();
        assert_eq!(plan.candidate, "Zoë Łukasiewicz", "schema {version}");
        assert_eq!(plan.panelists.len(), 2);
        assert_eq!(
            plan.questions.len(),
            18,
            "schema {version}: the plan's questions"
        );
        assert_eq!(plan.assignments.len(), 18);
        let d = debrief::debrief(db.conn(), 1).unwrap();
        let q12 = d.questions.iter().find(|q| q.number == 12).unwrap();
        assert_eq!(
            q12.cells[0].notes, NOTE_12,
            "schema {version}: every word kept"
        );
        assert_eq!(q12.cells[0].score, Some(1));
        assert_eq!(d.tally.yes + d.tally.strong_yes, 2);
        assert_eq!(d.decision.is_some(), version >= 3);
        let packs: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM question_packs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            packs, 1,
            "schema {version}: the built-in pack is not installed twice"
        );

        let backups = backup::list(&path).unwrap();
        if version < SCHEMA_VERSION as usize {
            assert!(
                backups
                    .iter()
                    .any(|b| b.kind == BackupKind::BeforeMigration),
                "schema {version}: a copy was kept before migrating"
            );
        } else {
            assert!(backups.is_empty());
        }
    }
}
