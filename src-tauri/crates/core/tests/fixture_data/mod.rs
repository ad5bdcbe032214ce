//! The one plan every schema fixture holds, written with the SQL of schema 1 (every later schema
//! only adds to it): shared by the fixture generator (`examples/schema_fixtures.rs`) and the
//! test that opens the fixtures (`tests/schema_fixtures.rs`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use panel_core::bank;
use rusqlite::{params, Connection};

/// The note question 12 carries, word for word.
pub const NOTE_12: &str = "Answered the board question with a risk appetite, not a yes — “secure \
                       enough” for what, and decided by whom. Zoë-level clarity.";

/// The committed fixture of a schema version.
pub fn fixture(version: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-v{version}.db"))
}

/// Fills a database of schema `version` with the plan.
pub fn fill(conn: &Connection, version: usize) {
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
           VALUES (1, '{t}', 'Priya Raman', 'submitted', '{{}}'),
                  (1, '{t}', 'Tom Becker', 'submitted', '{{}}');"
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
    if version >= 9 {
        // From schema 9 the core keeps each plan's folded search text.
        conn.execute(
            "UPDATE plans SET search_text = ?1 WHERE id = 1",
            [panel_core::plans::fold_for_search(
                "Zoë Łukasiewicz VP, Product Security",
            )],
        )
        .unwrap();
    }
    if version >= 11 {
        // From schema 11 every seat on a lead's plan links to a person.
        conn.execute_batch(&format!(
            "INSERT INTO people (id, name, email, email_key, name_key, created_at)
               VALUES (1, 'Priya Raman', NULL, NULL, 'priya raman', '{t}'),
                      (2, 'Tom Becker', NULL, NULL, 'tom becker', '{t}');
             UPDATE panelists SET person_id = id;"
        ))
        .unwrap();
    }
}
