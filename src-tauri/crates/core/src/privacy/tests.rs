//! Purges leave no byte of the candidate's notes in the database, its WAL or its backups;
//! retention lists what is due; the data-access export holds every note.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};

use super::*;
use crate::backup::{back_up, BackupKind};
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput};
use crate::Db;

const SECRET_NOTE: &str = "Mentioned her NDA-covered Zeta-Kappa-7731 incident response in detail";

/// A file database with a plan whose first panelist wrote SECRET_NOTE, and a second plan that
/// must survive the purge.
fn database() -> (tempfile::TempDir, PathBuf, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let mut db = Db::open(&path).unwrap();
    let (plan, ids) = db
        .with_tx(|tx| {
            let made = plan_with_panel(tx, "Wilhelmina Purgeable", &[("Priya Raman", 60)])?;
            crate::plans::split_plan(tx, made.0, None)?;
            plan_with_panel(tx, "Kenji Sato", &[("Ben", 60)])?;
            Ok(made)
        })
        .unwrap();
    let view = scorecards::interview(db.conn(), plan, ids[0]).unwrap();
    db.with_tx(|tx| {
        scorecards::save_answer(
            tx,
            plan,
            ids[0],
            &AnswerInput {
                question_number: view.questions[0].question.number,
                score: Some(3),
                notes: SECRET_NOTE.into(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    (dir, path, db, plan)
}

/// Whether any of the files holds the bytes.
fn found_in(files: &[PathBuf], needle: &str) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| {
            std::fs::read(f)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .cloned()
        .collect()
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.push(entry);
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_purge_leaves_no_byte_of_the_notes_in_the_database_its_wal_or_its_backups() {
    let (dir, path, db, plan) = database();
    // File → Recent files names the candidate in its paths (checked with the rest below).
    let packet = Path::new("/home/dana/Debrief packet - Wilhelmina Purgeable.pdf");
    crate::recent::record(
        db.conn(),
        packet,
        crate::recent::Action::Exported,
        Some(plan),
    )
    .unwrap();
    let pack = Path::new("/home/dana/Acme pack.hppack");
    crate::recent::record(db.conn(), pack, crate::recent::Action::Imported, None).unwrap();
    back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    back_up(db.conn(), &path, BackupKind::Daily).unwrap();
    let before = found_in(&all_files(dir.path()), SECRET_NOTE);
    assert!(
        before.len() >= 3,
        "the note is in the database and both backups: {before:?}"
    );
    // Words typed after the last autosave wait in the draft journal, outside the data folder.
    let journal = crate::draft_journal::DraftJournal::for_data_dir(dir.path());
    let panelist: i64 = db
        .conn()
        .query_row("SELECT id FROM panelists WHERE plan_id = ?1", [plan], |r| {
            r.get(0)
        })
        .unwrap();
    let created: String = db
        .conn()
        .query_row("SELECT created_at FROM plans WHERE id = ?1", [plan], |r| {
            r.get(0)
        })
        .unwrap();
    journal
        .write(&crate::draft_journal::JournalDraftRequest {
            plan_id: plan,
            plan_created_at: created,
            panelist_id: panelist,
            panelist_name: "Priya Raman".into(),
            draft: crate::draft_journal::TypedDraft::Answer {
                answer: AnswerInput {
                    question_number: 1,
                    notes: format!("{SECRET_NOTE} and more"),
                    ..Default::default()
                },
            },
        })
        .unwrap();
    assert_eq!(found_in(&all_files(journal.dir()), SECRET_NOTE).len(), 1);

    // The Plans list's search keeps the name folded ("wilhelmina purgeable"): a copy the purge
    // must take too.
    let folded = crate::plans::fold_for_search("Wilhelmina Purgeable");
    assert!(!found_in(&all_files(dir.path()), &folded).is_empty());

    let report = purge(db.conn(), &path, plan).unwrap();
    assert_eq!(
        found_in(&all_files(journal.dir()), SECRET_NOTE),
        Vec::<PathBuf>::new(),
        "the purge forgets the plan's unsaved drafts"
    );
    assert_eq!(report.candidate, "Wilhelmina Purgeable");
    assert_eq!(report.backups_rewritten, 2);
    assert!(report.not_rewritten.is_empty());
    for needle in [SECRET_NOTE, "Wilhelmina Purgeable", folded.as_str()] {
        assert_eq!(
            found_in(&all_files(dir.path()), needle),
            Vec::<PathBuf>::new(),
            "{needle}"
        );
    }
    // The other candidate is untouched, here and in the backups.
    let names: Vec<String> = crate::plans::list(db.conn())
        .unwrap()
        .into_iter()
        .map(|p| p.candidate)
        .collect();
    assert_eq!(names, ["Kenji Sato"]);
    let recent: Vec<String> = crate::recent::list(db.conn())
        .unwrap()
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(
        recent,
        ["/home/dana/Acme pack.hppack"],
        "the purge takes its recent files"
    );
    for b in crate::backup::list(&path).unwrap() {
        let copy = Db::open_read_only(Path::new(&b.path)).unwrap();
        let n: i64 = copy
            .conn()
            .query_row(
                "SELECT count(*) FROM candidates WHERE name = 'Kenji Sato'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
        assert_eq!(crate::health::inspect(&copy).unwrap().integrity, ["ok"]);
    }
    // The trail says a purge happened, not about whom.
    let detail: String = db
        .conn()
        .query_row(
            "SELECT detail FROM audit_events WHERE kind = 'plan purged'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, format!("{{\"planId\":{plan}}}"));
    let err = purge(db.conn(), &path, plan).unwrap_err();
    assert!(err.to_string().contains("does not exist"));
}

#[test]
fn retention_lists_decided_and_withdrawn_plans_past_the_period_only() {
    let (_dir, _path, mut db, plan) = database();
    assert!(
        due_for_purge(db.conn(), Utc::now()).unwrap().is_empty(),
        "no period, nothing due"
    );
    for bad in [0, 121] {
        let err = db
            .with_tx(|tx| set_retention_months(tx, Some(bad)))
            .unwrap_err();
        assert!(err.to_string().contains("1–120 months"), "{err}");
    }
    db.with_tx(|tx| set_retention_months(tx, Some(6))).unwrap();
    assert_eq!(retention_months(db.conn()).unwrap(), Some(6));
    db.conn()
        .execute(
            "UPDATE plans SET status = 'withdrawn', updated_at = '2026-01-10T09:00:00Z' WHERE id = ?1",
            [plan],
        )
        .unwrap();
    let in_may = Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap();
    assert!(
        due_for_purge(db.conn(), in_may).unwrap().is_empty(),
        "not yet six months"
    );
    let in_august = Utc.with_ymd_and_hms(2026, 8, 1, 0, 0, 0).unwrap();
    let due = due_for_purge(db.conn(), in_august).unwrap();
    assert_eq!(
        due.len(),
        1,
        "only the withdrawn plan, not the draft: {due:?}"
    );
    assert_eq!(due[0].candidate, "Wilhelmina Purgeable");
    db.with_tx(|tx| set_retention_months(tx, None)).unwrap();
    assert!(due_for_purge(db.conn(), in_august).unwrap().is_empty());
}

#[test]
fn the_data_access_export_holds_every_note_even_while_sealed_and_is_audited() {
    let (_dir, _path, db, plan) = database();
    let doc = subject_export(db.conn(), plan).unwrap();
    assert_eq!(doc["format"], SUBJECT_FORMAT);
    assert_eq!(doc["candidate"]["name"], "Wilhelmina Purgeable");
    let text = doc.to_string();
    assert!(text.contains(SECRET_NOTE));
    assert!(!text.contains("Kenji Sato"), "only this candidate's data");
    let audited: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_events WHERE kind = 'candidate data exported'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn a_backup_taken_before_the_candidate_was_renamed_is_rewritten_too() {
    let (dir, path, db, plan) = database();
    back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    db.conn()
        .execute(
            "UPDATE candidates SET name = 'Wilhelmina Renamed' WHERE name = 'Wilhelmina Purgeable'",
            [],
        )
        .unwrap();
    let report = purge(db.conn(), &path, plan).unwrap();
    assert_eq!(report.backups_rewritten, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    for needle in [SECRET_NOTE, "Wilhelmina Purgeable", "Wilhelmina Renamed"] {
        assert_eq!(
            found_in(&all_files(dir.path()), needle),
            Vec::<PathBuf>::new(),
            "{needle}"
        );
    }
}

#[test]
fn a_purge_takes_along_the_plans_duplicated_from_the_candidates_and_lists_them() {
    let (dir, path, mut db, plan) = database();
    let copy = db.with_tx(|tx| crate::plans::duplicate(tx, plan)).unwrap();
    let copy_of_copy = db.with_tx(|tx| crate::plans::duplicate(tx, copy)).unwrap();
    back_up(db.conn(), &path, BackupKind::Manual).unwrap();
    let scope: Vec<i64> = purge_scope(db.conn(), plan)
        .unwrap()
        .into_iter()
        .map(|s| s.plan_id)
        .collect();
    assert_eq!(
        scope,
        [plan, copy, copy_of_copy],
        "the confirmation lists every copy"
    );
    // Another person of the same name, with no email in common, is not taken along.
    let namesake = db
        .with_tx(|tx| plan_with_panel(tx, "Wilhelmina Purgeable", &[("Ben", 60)]))
        .unwrap()
        .0;
    assert!(!purge_scope(db.conn(), plan)
        .unwrap()
        .iter()
        .any(|s| s.plan_id == namesake));
    let report = purge(db.conn(), &path, plan).unwrap();
    assert_eq!(report.also_purged.len(), 2, "{:?}", report.also_purged);
    assert!(report.also_purged[0].contains("Wilhelmina Purgeable (copy)"));
    for needle in [SECRET_NOTE, "Purgeable (copy)"] {
        assert_eq!(
            found_in(&all_files(dir.path()), needle),
            Vec::<PathBuf>::new(),
            "no byte of {needle:?} is left in the data folder"
        );
    }
    let names: Vec<String> = crate::plans::list(db.conn())
        .unwrap()
        .into_iter()
        .map(|p| p.candidate)
        .collect();
    assert_eq!(
        names,
        ["Kenji Sato", "Wilhelmina Purgeable"],
        "other candidates, the namesake included, are not taken along"
    );
}

#[test]
fn a_backup_from_an_older_schema_is_migrated_on_a_scratch_copy_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v4.db");
    std::fs::copy(fixture, &path).unwrap();
    // Opening migrates the file and keeps a copy as it was (schema 4) in backups/.
    let db = Db::open(&path).unwrap();
    let old = crate::backup::list(&path).unwrap();
    assert_eq!(old.len(), 1, "the before-migration backup, schema 4");
    let note = "risk appetite, not a yes";
    assert!(!found_in(&all_files(dir.path()), note).is_empty());
    let report = purge(db.conn(), &path, 1).unwrap();
    assert_eq!(report.backups_rewritten, 1, "{report:?}");
    assert!(report.not_rewritten.is_empty(), "{report:?}");
    for needle in [note, "Łukasiewicz", "zoe@"] {
        assert_eq!(
            found_in(&all_files(dir.path()), needle),
            Vec::<PathBuf>::new(),
            "no byte of {needle:?} is left in the data folder"
        );
    }
}

#[test]
fn a_backup_holding_an_older_kit_copy_under_another_plan_id_is_rewritten() {
    use crate::exchange::{self, ImportOptions, ImportOutcome};
    // The lead's side, in memory: kits for Ana, then a question moved, so a new kit.
    let mut lead = Db::open_in_memory().unwrap();
    let (plan, ids) = lead
        .with_tx(|tx| {
            let (plan, ids) =
                plan_with_panel(tx, "Wilhelmina Purgeable", &[("Ana", 60), ("Ben", 60)])?;
            crate::plans::split_plan(tx, plan, None)?;
            Ok((plan, ids))
        })
        .unwrap();
    let lead_key = crate::identity::Identity::generate();
    let first = lead
        .with_tx(|tx| exchange::export_kits(tx, plan, &lead_key))
        .unwrap();
    // Ana's laptop.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let mut laptop = Db::open(&path).unwrap();
    let ImportOutcome::Kit(old_copy) =
        exchange::import(&mut laptop, &first[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!("a kit")
    };
    let q = old_copy.questions;
    assert!(q > 0);
    let card =
        scorecards::interview(laptop.conn(), old_copy.plan_id, old_copy.panelist_id).unwrap();
    laptop
        .with_tx(|tx| {
            scorecards::save_answer(
                tx,
                old_copy.plan_id,
                old_copy.panelist_id,
                &AnswerInput {
                    question_number: card.questions[0].question.number,
                    score: Some(2),
                    notes: SECRET_NOTE.into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    back_up(laptop.conn(), &path, BackupKind::Manual).unwrap();
    let anas = crate::plans::show(lead.conn(), plan)
        .unwrap()
        .questions_of(ids[0])[0]
        .question_number;
    lead.with_tx(|tx| crate::plans::assign(tx, plan, anas, ids[1], false))
        .unwrap();
    let second = lead
        .with_tx(|tx| exchange::export_kits(tx, plan, &lead_key))
        .unwrap();
    let ImportOutcome::Kit(new_copy) =
        exchange::import(&mut laptop, &second[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!("a kit")
    };
    assert_ne!(
        new_copy.plan_id, old_copy.plan_id,
        "the newer kit is its own copy"
    );
    let report = purge(laptop.conn(), &path, new_copy.plan_id).unwrap();
    assert_eq!(report.backups_rewritten, 1, "{report:?}");
    let folded = crate::plans::fold_for_search("Wilhelmina Purgeable");
    for needle in [SECRET_NOTE, "Wilhelmina Purgeable", folded.as_str()] {
        assert_eq!(
            found_in(&all_files(dir.path()), needle),
            Vec::<PathBuf>::new(),
            "no byte of {needle:?} is left in the data folder"
        );
    }
}
