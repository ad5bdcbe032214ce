//! Two installs — a lead's and a panelist's — sharing one team folder, as a sync engine would
//! make it: kits out, a scorecard back, and the litter real engines leave.

use super::*;
use crate::exchange::{export_kits, ImportOutcome};
use crate::identity::Identity;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput, Recommendation, Viewer};
use crate::Db;

/// One install: its database and identity, using `folder` as its team folder.
struct Install {
    db: Db,
    identity: Identity,
}

impl Install {
    fn new(folder: &std::path::Path) -> Install {
        let db = Db::open_in_memory().unwrap();
        set_team_folder(db.conn(), Some(folder)).unwrap();
        Install {
            db,
            identity: Identity::generate(),
        }
    }

    fn sync(&mut self) -> SyncReport {
        sync_once(&mut self.db, &self.identity).unwrap()
    }

    /// The panelist's seat on their copy of a plan (made from the kit).
    fn seat_in(&self, copy: i64) -> i64 {
        self.db
            .conn()
            .query_row(
                "SELECT panelist_id FROM held_kits WHERE plan_id = ?1",
                [copy],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn waiting(&mut self, plan: i64) -> Vec<FolderConflict> {
        folder_conflicts(&mut self.db, &self.identity, plan).unwrap()
    }

    fn resolve(&mut self, file: &str, replace: bool) -> crate::Result<Option<ImportOutcome>> {
        resolve_conflict(&mut self.db, &self.identity, file, replace)
    }
}

fn folder_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The lead's plan for Zoë with Ana (whose identity is recorded) and Ben (none); kits sent once.
fn lead_with_kits(folder: &std::path::Path, ana: &Identity) -> (Install, i64) {
    let mut lead = Install::new(folder);
    let identity = Identity::generate();
    lead.identity = identity;
    let plan = lead
        .db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(
                tx,
                "Zoë Łukasiewicz",
                &[("Ana Silva", 60), ("Ben Okoro", 60)],
            )?;
            crate::plans::split_plan(tx, plan, None)?;
            crate::people::set_panelist_identity(tx, ids[0], Some(&ana.public_identity().line))?;
            Ok(plan)
        })
        .unwrap();
    let identity = &lead.identity;
    lead.db
        .with_tx(|tx| export_kits(tx, plan, identity))
        .unwrap();
    (lead, plan)
}

fn score_and_submit(panelist: &mut Install, plan: i64, seat: i64) {
    let card =
        scorecards::scorecard(panelist.db.conn(), plan, seat, Viewer::Panelist(seat)).unwrap();
    for a in &card.answers {
        let answer = AnswerInput {
            question_number: a.answer.question_number,
            score: Some(3),
            notes: "Clear trade-offs, named the budget owner.".into(),
            ..Default::default()
        };
        panelist
            .db
            .with_tx(|tx| scorecards::save_answer(tx, plan, seat, &answer))
            .unwrap();
    }
    panelist
        .db
        .with_tx(|tx| scorecards::submit(tx, plan, seat, Some(Recommendation::Yes), Some("Solid.")))
        .unwrap();
}

#[test]
fn a_kit_goes_out_and_its_scorecard_comes_back_through_the_folder_alone() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, plan) = lead_with_kits(folder.path(), &ana.identity);

    let sent = lead.sync();
    assert_eq!(sent.published.len(), 1, "Ana's kit only: {sent:?}");
    assert_eq!(sent.published[0].kind, SyncedKind::Kit);
    assert_eq!(sent.skipped.len(), 1);
    assert!(sent.skipped[0].contains("Ben Okoro"), "{:?}", sent.skipped);
    // The folder names nobody, and what is in it is encrypted.
    let names = folder_names(folder.path());
    assert_eq!(names.len(), 1);
    assert!(
        !names[0].contains("Zo") && !names[0].contains("Ana"),
        "{names:?}"
    );
    let bytes = std::fs::read(folder.path().join(&names[0])).unwrap();
    assert!(crate::exchange::is_encrypted(&bytes));
    assert!(!String::from_utf8_lossy(&bytes).contains("Łukasiewicz"));
    // A second pass has nothing to do, and the lead's own file is not read back.
    assert_eq!(
        lead.sync(),
        SyncReport {
            skipped: lead.sync().skipped,
            ..Default::default()
        }
    );

    let arrived = ana.sync();
    assert_eq!(arrived.imported.len(), 1, "{arrived:?}");
    assert!(arrived.published.is_empty() && arrived.refused.is_empty());
    let copy = arrived.imported[0].plan_id.unwrap();
    let seat = ana.seat_in(copy);
    assert_eq!(ana.sync(), SyncReport::default(), "read once");

    score_and_submit(&mut ana, copy, seat);
    let returned = ana.sync();
    assert_eq!(returned.published.len(), 1, "{returned:?}");
    assert_eq!(returned.published[0].kind, SyncedKind::Scorecard);
    assert_eq!(
        ana.sync(),
        SyncReport::default(),
        "the same revision is not published twice"
    );

    let back = lead.sync();
    assert_eq!(back.imported.len(), 1, "{back:?}");
    assert_eq!(back.imported[0].plan_id, Some(plan));
    assert!(
        back.imported[0].message.contains("Ana Silva"),
        "{:?}",
        back.imported
    );
    let submitted: String = lead
        .db
        .conn()
        .query_row(
            "SELECT s.status FROM scorecards s JOIN panelists x ON x.id = s.panelist_id
             WHERE x.plan_id = ?1 AND x.name = 'Ana Silva'",
            [plan],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(submitted, "submitted");
    // Nothing was ever deleted: the kit and the return are both still there.
    assert_eq!(folder_names(folder.path()).len(), 2);
}

#[test]
fn litter_conflict_copies_and_damaged_files_are_handled_by_the_rules_and_reported() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana.identity);
    lead.sync();
    let kit_name = folder_names(folder.path()).remove(0);
    let kit = std::fs::read(folder.path().join(&kit_name)).unwrap();

    // What sync engines and editors leave: never read.
    for junk in [
        ".syncthing.hp-1.hpkit.tmp",
        "~$hp-2.hpkit",
        "hp-3.hpkit.part",
        ".tmpAb12Cd",
    ] {
        std::fs::write(folder.path().join(junk), &kit).unwrap();
    }
    // A conflict copy of the kit (two machines wrote it): imported through the rules, a no-op.
    let conflict = kit_name.replace(".hpkit", ".sync-conflict-20261204-101500-ABCDEFG.hpkit");
    std::fs::write(folder.path().join(&conflict), &kit).unwrap();
    // A file encrypted to Ana that is not an exchange file: refused with why.
    let damaged = age::encrypt(
        &ana.identity.public_identity().age_recipient(),
        b"{\"format\":1}",
    )
    .unwrap();
    std::fs::write(folder.path().join("hp-damaged.hpscore"), damaged).unwrap();
    // A plain file dropped in by hand, and a kit for someone else: left alone.
    std::fs::write(folder.path().join("Zoë - Ben.hpkit"), b"{}").unwrap();
    let other = age::encrypt(
        &Identity::generate().public_identity().age_recipient(),
        &kit,
    )
    .unwrap();
    std::fs::write(folder.path().join("hp-other.hpkit"), other).unwrap();
    let before = folder_names(folder.path());

    let report = ana.sync();
    let mut imported: Vec<(&str, bool)> = report
        .imported
        .iter()
        .map(|f| (f.file.as_str(), f.conflict_copy))
        .collect();
    imported.sort();
    let mut expected = vec![(kit_name.as_str(), false), (conflict.as_str(), true)];
    expected.sort();
    assert_eq!(imported, expected, "{report:?}");
    let held: i64 = ana
        .db
        .conn()
        .query_row("SELECT count(*) FROM held_kits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(held, 1, "the conflict copy is the same kit: imported once");
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(report.refused[0].file, "hp-damaged.hpscore");
    assert!(!report.refused[0].message.is_empty());
    assert_eq!(
        folder_names(folder.path()),
        before,
        "nothing deleted or renamed"
    );
    // Each file is read once until it changes.
    assert_eq!(ana.sync(), SyncReport::default());
}

#[test]
fn a_folder_that_goes_away_is_a_clear_refusal_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let ana = Identity::generate();
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana);
    let path = folder.path().to_path_buf();
    drop(folder);
    let err = sync_once(&mut lead.db, &lead.identity)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not there"), "{err}");
    let published: i64 = lead
        .db
        .conn()
        .query_row("SELECT count(*) FROM team_files", [], |r| r.get(0))
        .unwrap();
    assert_eq!(published, 0);
    assert!(!path.exists());

    let mut none = Db::open_in_memory().unwrap();
    let err = sync_once(&mut none, &Identity::generate())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no team folder is chosen"), "{err}");
}

#[test]
fn a_kit_whose_lead_identity_is_not_its_signer_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let ana = Identity::generate();
    let (mut lead, plan) = lead_with_kits(folder.path(), &ana);
    let identity = &lead.identity;
    let kits = lead
        .db
        .with_tx(|tx| export_kits(tx, plan, identity))
        .unwrap();
    let crate::exchange::ExchangeFile::Kit(file) = crate::exchange::parse(&kits[0].bytes).unwrap()
    else {
        panic!("a kit")
    };
    let mut kit = file.kit;
    // Someone else's identity line in a kit signed by the lead: returns would go to them.
    kit.lead_identity = Some(Identity::generate().public_identity().line);
    let forged = crate::exchange::KitFile::signed(kit, &lead.identity);
    let mut panelist = Db::open_in_memory().unwrap();
    let err = crate::exchange::import(
        &mut panelist,
        &serde_json::to_vec(&forged).unwrap(),
        Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("not the key that signed it"), "{err}");
    let _ = ImportOutcome::Kit;
}

#[test]
fn a_purge_removes_the_plans_files_from_the_folder_and_they_are_never_read_again() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana.identity);
    lead.sync();
    let arrived = ana.sync();
    let copy = arrived.imported[0].plan_id.unwrap();
    let kit_file = arrived.imported[0].file.clone();
    let kit = std::fs::read(folder.path().join(&kit_file)).unwrap();
    // Another team's file in the same folder is not this plan's.
    std::fs::write(folder.path().join("hp-someone-else.hpscore"), b"x").unwrap();

    // Ana purges her copy (a data-deletion request): her install removes the kit it read.
    let dir = tempfile::tempdir().unwrap();
    let report = crate::privacy::purge(ana.db.conn(), &dir.path().join("panel.db"), copy).unwrap();
    assert_eq!(report.team_files_removed, 1, "{report:?}");
    assert_eq!(folder_names(folder.path()), ["hp-someone-else.hpscore"]);
    // Should a machine that has not synced yet bring the kit back, it is not imported again.
    std::fs::write(folder.path().join(&kit_file), &kit).unwrap();
    assert_eq!(ana.sync(), SyncReport::default());
    let held: i64 = ana
        .db
        .conn()
        .query_row("SELECT count(*) FROM held_kits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(held, 0);
    // What the install remembers of the folder names no plan any more.
    let with_plan: i64 = ana
        .db
        .conn()
        .query_row(
            "SELECT count(*) FROM team_files WHERE plan_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(with_plan, 0);
}

#[test]
fn revisions_arriving_out_of_order_keep_the_newest_and_the_older_one_is_refused_and_reported() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, plan) = lead_with_kits(folder.path(), &ana.identity);
    lead.sync();
    let copy = ana.sync().imported[0].plan_id.unwrap();
    let seat = ana.seat_in(copy);
    score_and_submit(&mut ana, copy, seat);
    let first = ana.sync().published[0].file.clone();
    let question = scorecards::scorecard(ana.db.conn(), copy, seat, Viewer::Panelist(seat))
        .unwrap()
        .answers[0]
        .answer
        .question_number;
    ana.db
        .with_tx(|tx| {
            scorecards::amend(
                tx,
                copy,
                seat,
                &scorecards::Amendment {
                    question_number: question,
                    score: Some(4),
                    notes: None,
                    reason: "Re-read my notes".into(),
                },
                None,
            )
        })
        .unwrap();
    let second = ana.sync().published[0].file.clone();

    // The sync engine delivers revision 2 first: revision 1 is held back (a hidden name).
    let held_back = folder.path().join(format!(".{first}"));
    std::fs::rename(folder.path().join(&first), &held_back).unwrap();
    let newer = lead.sync();
    assert_eq!(newer.imported.len(), 1, "{newer:?}");
    assert_eq!(newer.imported[0].file, second);
    assert!(
        newer.imported[0].message.contains("revision 2"),
        "{newer:?}"
    );

    // Revision 1 lands later: refused by the rules, said, and revision 2 stays.
    std::fs::rename(&held_back, folder.path().join(&first)).unwrap();
    let older = lead.sync();
    assert!(older.imported.is_empty(), "{older:?}");
    assert_eq!(older.refused.len(), 1, "{older:?}");
    assert_eq!(older.refused[0].file, first);
    assert!(!older.refused[0].message.is_empty());
    let revision: i64 = lead
        .db
        .conn()
        .query_row(
            "SELECT r.revision FROM scorecard_receipts r JOIN panelists x ON x.id = r.panelist_id
             WHERE x.plan_id = ?1",
            [plan],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(revision, 2);
    // A refused file is not read again until it changes.
    assert_eq!(lead.sync().refused, vec![]);
}

/// Makes `dir` refuse new files until the guard is dropped: read-only permissions, and for root
/// (who writes anywhere) the immutable attribute. `None` where neither holds (then the caller
/// says so and checks nothing).
#[cfg(unix)]
pub(super) fn unwritable(dir: &std::path::Path) -> Option<impl Drop> {
    use std::os::unix::fs::PermissionsExt;
    struct Restore(std::path::PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let guard = Restore(dir.to_path_buf());
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
    let refuses = || tempfile::tempfile_in(dir).is_err();
    if !refuses() {
        let _ = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status();
    }
    if refuses() {
        Some(guard)
    } else {
        eprintln!("this account writes in a read-only folder and chattr is not available");
        None
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_turns_read_only_fails_the_pass_with_why_and_keeps_what_was_there() {
    let folder = tempfile::tempdir().unwrap();
    let ana = Identity::generate();
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana);
    let Some(read_only) = unwritable(folder.path()) else {
        return;
    };
    let err = sync_once(&mut lead.db, &lead.identity)
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot write in the team folder"), "{err}");
    // The app's own pass says the same through its error, and records nothing as published.
    let background = sync_in_background(&mut lead.db, &lead.identity);
    assert!(background.is_err());
    let published: i64 = lead
        .db
        .conn()
        .query_row("SELECT count(*) FROM team_files WHERE published", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(published, 0);
    drop(read_only);
    assert_eq!(
        lead.sync().published.len(),
        1,
        "published once the folder is writable again"
    );
}

#[test]
fn a_return_that_would_replace_a_card_recorded_here_waits_on_its_plan_for_the_leads_choice() {
    for replace in [false, true] {
        let folder = tempfile::tempdir().unwrap();
        let mut ana = Install::new(folder.path());
        let (mut lead, plan) = lead_with_kits(folder.path(), &ana.identity);
        lead.sync();
        // The lead types Ana's card in from her paper notes, and submits it.
        let ana_here: i64 = lead
            .db
            .conn()
            .query_row(
                "SELECT id FROM panelists WHERE plan_id = ?1 AND name = 'Ana Silva'",
                [plan],
                |r| r.get(0),
            )
            .unwrap();
        score_and_submit(&mut lead, plan, ana_here);
        // Ana's own return arrives too.
        let copy = ana.sync().imported[0].plan_id.unwrap();
        let seat = ana.seat_in(copy);
        score_and_submit(&mut ana, copy, seat);
        let file = ana.sync().published[0].file.clone();

        let pass = lead.sync();
        assert!(
            pass.imported.is_empty(),
            "never replaced in the background: {pass:?}"
        );
        assert_eq!(pass.conflicts.len(), 1, "{pass:?}");
        assert_eq!(pass.conflicts[0].plan_id, Some(plan));
        let waiting = lead.waiting(plan);
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].file, file);
        assert_eq!(waiting[0].conflict.panelist_name, "Ana Silva");
        // Later passes do not ask again; the file keeps waiting.
        assert_eq!(lead.sync().conflicts, vec![]);
        assert_eq!(lead.waiting(plan).len(), 1);

        let outcome = lead.resolve(&file, replace).unwrap();
        assert_eq!(outcome.is_some(), replace);
        if let Some(crate::exchange::ImportOutcome::Scorecard(s)) = outcome {
            assert!(s.replaced_local, "{s:?}");
        }
        assert_eq!(lead.waiting(plan), vec![]);
        assert_eq!(
            lead.sync(),
            SyncReport {
                skipped: lead.sync().skipped,
                ..Default::default()
            }
        );
        let err = lead.resolve(&file, true).unwrap_err();
        assert!(
            err.to_string().contains("not waiting for a choice"),
            "{err}"
        );
    }
}

#[test]
fn with_a_passphrase_a_panelist_without_an_identity_gets_a_kit_protected_by_it() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana.identity);
    let err = sync_with_passphrase(&mut lead.db, &lead.identity, "short").unwrap_err();
    assert!(err.to_string().contains("at least 8 characters"), "{err}");
    assert_eq!(
        folder_names(folder.path()),
        Vec::<String>::new(),
        "nothing written"
    );

    let report = sync_with_passphrase(&mut lead.db, &lead.identity, "correct horse").unwrap();
    assert_eq!(report.published.len(), 2, "{report:?}");
    assert!(report.skipped.is_empty(), "{report:?}");
    let ben = report
        .published
        .iter()
        .find(|f| f.message.contains("Ben Okoro"))
        .unwrap();
    assert!(ben.message.contains("passphrase"), "{}", ben.message);
    let bytes = std::fs::read(folder.path().join(&ben.file)).unwrap();
    let opened = crate::exchange::open(&bytes, Some("correct horse")).unwrap();
    assert!(matches!(opened, crate::exchange::ExchangeFile::Kit(_)));
    // Ana's install reads only her own kit; Ben's, protected with a passphrase, is left alone.
    assert_eq!(ana.sync().imported.len(), 1);
    // Both kits are out: a pass without the passphrase has nothing left to publish.
    assert_eq!(lead.sync(), SyncReport::default());
}

#[test]
fn a_leads_purge_also_removes_a_return_no_pass_has_read_yet() {
    let folder = tempfile::tempdir().unwrap();
    let mut ana = Install::new(folder.path());
    let (mut lead, plan) = lead_with_kits(folder.path(), &ana.identity);
    lead.sync();
    let copy = ana.sync().imported[0].plan_id.unwrap();
    let seat = ana.seat_in(copy);
    score_and_submit(&mut ana, copy, seat);
    let returned = ana.sync().published[0].file.clone();
    // A file encrypted to the lead that is not this plan's stays.
    std::fs::write(
        folder.path().join("hp-other-plan.hpscore"),
        age::encrypt(&lead.identity.public_identity().age_recipient(), b"{}").unwrap(),
    )
    .unwrap();

    // The lead purges the plan before any pass read Ana's return.
    let data = tempfile::tempdir().unwrap();
    lead.identity.write_to(data.path()).unwrap();
    let report =
        crate::privacy::purge(lead.db.conn(), &data.path().join("panel.db"), plan).unwrap();
    assert_eq!(
        report.team_files_removed, 2,
        "the kit published and the return unread: {report:?}"
    );
    let left = folder_names(folder.path());
    assert!(!left.contains(&returned), "{left:?}");
    assert!(
        left.contains(&"hp-other-plan.hpscore".to_string()),
        "{left:?}"
    );
}
