//! A kit out and a scorecard back through the folder alone, with or without identities, and
//! what a purge takes out of the folder.

use super::*;

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
fn a_leads_purge_also_removes_a_return_no_pass_has_read_yet() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ana, lead, plan, _, _) = submitted_on_her_laptop(folder.path());
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

#[test]
fn send_kits_with_a_passphrase_publishes_only_when_a_folder_is_ready() {
    let folder = tempfile::tempdir().unwrap();
    let ana = Identity::generate();
    let (mut lead, _plan) = lead_with_kits(folder.path(), &ana);
    set_team_folder(lead.db.conn(), None).unwrap();
    let none = sync_after_sending_kits(&mut lead.db, &lead.identity, "correct horse").unwrap();
    assert_eq!(
        none, None,
        "no folder: the kits went only where the lead chose"
    );
    assert_eq!(folder_names(folder.path()), Vec::<String>::new());
    set_team_folder(lead.db.conn(), Some(folder.path())).unwrap();
    let pass = sync_after_sending_kits(&mut lead.db, &lead.identity, "correct horse")
        .unwrap()
        .unwrap();
    assert_eq!(pass.published.len(), 2, "{pass:?}");
}
