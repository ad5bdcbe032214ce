//! What arrives in the folder, and how the rules take it: litter, conflict copies, damaged
//! files, revisions out of order, a folder that goes away or turns read-only, a forged kit.

use super::*;

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
fn revisions_arriving_out_of_order_keep_the_newest_and_the_older_one_is_refused_and_reported() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ana, mut lead, plan, copy, seat) = submitted_on_her_laptop(folder.path());
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
}
