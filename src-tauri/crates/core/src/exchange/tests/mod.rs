//! Exchange: kits out, scorecards back, and every way a file can be wrong. This module holds
//! the shared fixtures; the tests are grouped by what they are about.

use super::*;
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput, Recommendation, Viewer};
use crate::{Db, ErrorCode};

mod conflicts;
mod fuzz;
mod kits;
mod panel_changes;
mod passphrase;
mod record;
mod returns;

/// A lead's database with a split plan for two panelists; returns the plan and panelist ids.
fn lead() -> (Db, i64, Vec<i64>) {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(tx, "Zoë Łukasiewicz", &[("Ana", 60), ("Ben", 60)])?;
            plans::split_plan(tx, plan, None)?;
            Ok((plan, ids))
        })
        .unwrap();
    (db, plan, ids)
}

/// The signing key of every test lead (one install).
fn lead_key() -> &'static crate::identity::Identity {
    static KEY: std::sync::OnceLock<crate::identity::Identity> = std::sync::OnceLock::new();
    KEY.get_or_init(crate::identity::Identity::generate)
}

fn issue_kits(db: &mut Db, plan: i64) -> Vec<IssuedKit> {
    db.with_tx(|tx| export_kits(tx, plan, lead_key())).unwrap()
}

/// A kit file changed by hand, signed again with the test lead's key: what a lead (or anyone
/// with a key of their own) could send.
fn resigned(file: KitFile) -> Vec<u8> {
    serde_json::to_vec(&KitFile::signed(file.kit, lead_key())).unwrap()
}

/// Imports a kit on a fresh panelist database and scores every question `score`, with a note.
fn panelist_scores(kit: &IssuedKit, score: u8) -> (Db, i64, i64) {
    let mut db = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(k) = import(&mut db, &kit.bytes, ImportOptions::default()).unwrap()
    else {
        panic!("a kit imports as a kit")
    };
    let card = scorecards::scorecard(
        db.conn(),
        k.plan_id,
        k.panelist_id,
        Viewer::Panelist(k.panelist_id),
    )
    .unwrap();
    for a in &card.answers {
        let answer = AnswerInput {
            question_number: a.answer.question_number,
            score: Some(score),
            covered: vec![0],
            notes: format!(
                "{} on question {}: clear trade-offs",
                kit.panelist_name, a.answer.question_number
            ),
            seconds_spent: 300,
            ..Default::default()
        };
        db.with_tx(|tx| scorecards::save_answer(tx, k.plan_id, k.panelist_id, &answer))
            .unwrap();
    }
    db.with_tx(|tx| {
        scorecards::submit(
            tx,
            k.plan_id,
            k.panelist_id,
            Some(Recommendation::Yes),
            Some("Solid."),
        )
    })
    .unwrap();
    (db, k.plan_id, k.panelist_id)
}

fn export(db: &mut Db, plan: i64, panelist: i64) -> ExportedScorecard {
    db.with_tx(|tx| export_scorecard(tx, plan, panelist))
        .unwrap()
}

/// Everything the scorecard tables hold, as one string to compare before and after.
fn scorecard_tables(db: &Db) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT id, plan_id, panelist_id, status, recommendation, summary, submitted_at FROM scorecards ORDER BY id",
        "SELECT id, scorecard_id, question_id, score, not_asked_reason, notes FROM answers ORDER BY id",
        "SELECT answer_id, point_index FROM answer_coverage ORDER BY 1, 2",
        "SELECT answer_id, signal_index FROM answer_red_flags ORDER BY 1, 2",
        "SELECT panelist_id, kit_id, revision, digest FROM scorecard_receipts ORDER BY 1",
        "SELECT id, kind, detail FROM audit_events ORDER BY id",
        "SELECT id, status FROM plans ORDER BY id",
    ] {
        let mut stmt = db.conn().prepare(sql).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = Vec::new();
                for i in 0..cols {
                    line.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(line.join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// Imports `bytes` (no options), expecting a refusal with `code` whose message says `says`, and
/// the scorecard tables exactly as before.
fn refused(db: &mut Db, bytes: &[u8], code: ErrorCode, says: &str) {
    refused_with(db, bytes, ImportOptions::default(), code, says);
}

/// A panelist to add to a plan: a name and a slot, nothing else.
fn newcomer(name: &str, slot_minutes: u32) -> plans::NewPanelist {
    plans::NewPanelist {
        name: name.into(),
        email: None,
        slot_minutes,
        focus: vec![],
        excluded_questions: vec![],
    }
}

/// [`refused`] with import options (a passphrase, a replace).
fn refused_with(db: &mut Db, bytes: &[u8], options: ImportOptions, code: ErrorCode, says: &str) {
    let before = scorecard_tables(db);
    let err = import(db, bytes, options).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert!(
        err.to_string().contains(says),
        "{err:?} should say {says:?}"
    );
    assert_eq!(
        scorecard_tables(db),
        before,
        "a refusal changed the database"
    );
}

fn parse_kit(kit: &IssuedKit) -> Kit {
    match parse(&kit.bytes).unwrap() {
        ExchangeFile::Kit(file) => file.kit,
        other => panic!("not a kit: {other:?}"),
    }
}

/// Amends the score of the panelist's `index`-th question on their laptop (a reason, as
/// amendments need); returns the question's number.
fn amend(pdb: &mut Db, pplan: i64, ppanelist: i64, index: usize, score: u8) -> u32 {
    let q = scorecards::scorecard(pdb.conn(), pplan, ppanelist, Viewer::Panelist(ppanelist))
        .unwrap()
        .answers[index]
        .answer
        .question_number;
    pdb.with_tx(|tx| {
        scorecards::amend(
            tx,
            pplan,
            ppanelist,
            &scorecards::Amendment {
                question_number: q,
                score: Some(score),
                notes: None,
                reason: "Re-read my notes".into(),
            },
            None,
        )
    })
    .unwrap();
    q
}

/// Imports a returned scorecard choosing to replace the one recorded on this computer, and
/// checks it did.
fn replace_local(lead_db: &mut Db, bytes: &[u8]) {
    let ImportOutcome::Scorecard(s) = import(
        lead_db,
        bytes,
        ImportOptions {
            replace_local: true,
            ..Default::default()
        },
    )
    .unwrap() else {
        panic!("a scorecard import")
    };
    assert!(s.replaced_local);
}
