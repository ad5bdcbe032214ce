use super::*;
use crate::plans::{self, NewPanelist, NewPlan};
use crate::{Db, Level};

fn plan(db: &mut Db, candidate: &str) -> i64 {
    db.with_tx(|tx| {
        plans::create(
            tx,
            &NewPlan {
                candidate: candidate.into(),
                email: None,
                level: Level::Director,
                role_title: None,
                starts_at: None,
                panel_lead: None,
                recruiter: None,
                notes: None,
            },
        )
    })
    .unwrap()
}

fn seat(db: &mut Db, plan: i64, name: &str, email: Option<&str>) -> i64 {
    db.with_tx(|tx| {
        plans::add_panelist(
            tx,
            plan,
            &NewPanelist {
                name: name.into(),
                email: email.map(Into::into),
                slot_minutes: 45,
                focus: vec![],
                excluded_questions: vec![],
            },
        )
    })
    .unwrap()
}

fn person_of(db: &Db, panelist: i64) -> Option<i64> {
    db.conn()
        .query_row(
            "SELECT person_id FROM panelists WHERE id = ?1",
            [panelist],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn seats_match_by_email_ignoring_case_else_by_name_ignoring_accents() {
    let mut db = Db::open_in_memory().unwrap();
    let (a, b, c) = (plan(&mut db, "A"), plan(&mut db, "B"), plan(&mut db, "C"));
    let priya = seat(&mut db, a, "Priya Raman", Some("Priya.Raman@example.com"));
    let priya_again = seat(&mut db, b, "P. Raman", Some("priya.raman@EXAMPLE.com "));
    let zoe = seat(&mut db, a, "Zoë Martin", None);
    let zoe_again = seat(&mut db, c, "zoe martin", None);
    let zoe_emailed = seat(&mut db, b, "Zoe Martin", Some("zoe@example.com"));
    assert_eq!(person_of(&db, priya), person_of(&db, priya_again));
    assert_eq!(person_of(&db, zoe), person_of(&db, zoe_again));
    assert_eq!(
        person_of(&db, zoe),
        person_of(&db, zoe_emailed),
        "an email given later joins the person entered by name"
    );
    let people = list(db.conn()).unwrap();
    assert_eq!(people.len(), 2);
    let zoe_person = people.iter().find(|p| p.name == "Zoë Martin").unwrap();
    assert_eq!(zoe_person.email.as_deref(), Some("zoe@example.com"));
    assert_eq!(zoe_person.plans, 3);
    // Same name, another address: another person.
    let other = seat(&mut db, c, "Priya Raman", Some("priya@elsewhere.example"));
    assert_ne!(person_of(&db, other), person_of(&db, priya));
}

#[test]
fn a_corrected_email_moves_the_seat_and_leaves_no_empty_person() {
    let mut db = Db::open_in_memory().unwrap();
    let a = plan(&mut db, "A");
    let b = plan(&mut db, "B");
    seat(&mut db, a, "Tom Becker", Some("tom@example.com"));
    let typo = seat(&mut db, b, "Tom Becker", Some("tmo@example.com"));
    assert_eq!(list(db.conn()).unwrap().len(), 2);
    db.with_tx(|tx| {
        plans::update_panelist(
            tx,
            b,
            typo,
            &NewPanelist {
                name: "Tom Becker".into(),
                email: Some("tom@example.com".into()),
                slot_minutes: 45,
                focus: vec![],
                excluded_questions: vec![],
            },
        )
    })
    .unwrap();
    let people = list(db.conn()).unwrap();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].plans, 2);
}

#[test]
fn merge_and_split_correct_matches_and_are_audited() {
    let mut db = Db::open_in_memory().unwrap();
    let (a, b) = (plan(&mut db, "A"), plan(&mut db, "B"));
    let one = seat(&mut db, a, "Sam Okoro", None);
    let two = seat(&mut db, b, "Samuel Okoro", Some("sam@example.com"));
    let (p1, p2) = (person_of(&db, one).unwrap(), person_of(&db, two).unwrap());
    assert_ne!(p1, p2);
    let merged = db.with_tx(|tx| merge(tx, p1, p2)).unwrap();
    assert_eq!(merged.plans, 2);
    assert_eq!(merged.email.as_deref(), Some("sam@example.com"));
    assert_eq!(person_of(&db, two), Some(p1));
    assert!(matches!(
        get(db.conn(), p2),
        Err(Error::NotFound { what: "person", .. })
    ));
    // A new seat with the email now finds the merged person.
    let c = plan(&mut db, "C");
    let three = seat(&mut db, c, "S. Okoro", Some("SAM@example.com"));
    assert_eq!(person_of(&db, three), Some(p1));

    let alone = db.with_tx(|tx| split(tx, one)).unwrap();
    assert_eq!(alone.name, "Sam Okoro");
    assert_eq!(person_of(&db, one), Some(alone.id));
    assert_eq!(get(db.conn(), p1).unwrap().plans, 2);
    let err = db.with_tx(|tx| split(tx, one)).unwrap_err();
    assert!(err.to_string().contains("only seat"), "{err}");

    let kinds: Vec<String> = db
        .conn()
        .prepare("SELECT kind FROM audit_events WHERE plan_id IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(kinds, ["people merged", "person split"]);
}

#[test]
fn people_with_different_emails_are_not_merged_and_nothing_changes() {
    let mut db = Db::open_in_memory().unwrap();
    let (a, b) = (plan(&mut db, "A"), plan(&mut db, "B"));
    let one = seat(&mut db, a, "Ana", Some("ana@one.example"));
    let two = seat(&mut db, b, "Ana", Some("ana@two.example"));
    let (p1, p2) = (person_of(&db, one).unwrap(), person_of(&db, two).unwrap());
    let err = db.with_tx(|tx| merge(tx, p1, p2)).unwrap_err();
    assert!(err.to_string().contains("different emails"), "{err}");
    assert_eq!(list(db.conn()).unwrap().len(), 2);
}

#[test]
fn purging_an_interviewer_keeps_their_seats_under_a_former_label() {
    let mut db = Db::open_in_memory().unwrap();
    let (a, b) = (plan(&mut db, "A"), plan(&mut db, "B"));
    let one = seat(&mut db, a, "Leaving Person", Some("leaving@example.com"));
    seat(&mut db, b, "Leaving Person", Some("leaving@example.com"));
    seat(&mut db, b, "Staying Person", None);
    let person = person_of(&db, one).unwrap();
    db.conn()
        .execute(
            "INSERT INTO audit_events (plan_id, at, actor, kind) VALUES (?1, 'x', 'Leaving Person', 'submitted')",
            [a],
        )
        .unwrap();
    // Entries that name them in their details, as a PIN reset or a moved score does, and the
    // kit issued to them.
    db.conn()
        .execute(
            "INSERT INTO audit_events (plan_id, at, actor, kind, detail)
             VALUES (?1, 'x', 'Dana Lead', 'pin reset',
                     '{\"panelist\":\"Leaving Person\",\"reason\":\"Forgot it\"}'),
                    (?1, 'x', 'Dana Lead', 'after-discussion score',
                     '{\"panelist\":\"Leaving Person\",\"questionNumber\":3}')",
            [a],
        )
        .unwrap();
    db.conn()
        .execute(
            "INSERT INTO issued_kits (kit_id, plan_id, panelist_id, panelist_name, secret,
                 questions, issued_at, exported_at)
             VALUES ('kit-1', ?1, ?2, 'Leaving Person', zeroblob(32), '[]', 'x', 'x')",
            [a, one],
        )
        .unwrap();
    let purged = purge(db.conn(), person).unwrap();
    assert_eq!(purged.label, "Former interviewer 1");
    assert_eq!(purged.seats, 2);
    let everywhere: i64 = db
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM panelists WHERE name LIKE '%Leaving%' OR email IS NOT NULL AND email LIKE '%leaving%')
                  + (SELECT count(*) FROM people WHERE name LIKE '%Leaving%' OR email LIKE '%leaving%')
                  + (SELECT count(*) FROM audit_events WHERE actor LIKE '%Leaving%' OR detail LIKE '%Leaving%')
                  + (SELECT count(*) FROM issued_kits WHERE panelist_name LIKE '%Leaving%')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(everywhere, 0, "the name is gone from every table");
    let reset: String = db
        .conn()
        .query_row(
            "SELECT detail FROM audit_events WHERE kind = 'pin reset'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        reset.contains("Former interviewer 1") && reset.contains("Forgot it"),
        "the detail names the label and keeps the rest: {reset}"
    );
    // Purged once is purged: a second purge is refused, and changes nothing.
    let err = purge(db.conn(), person).unwrap_err();
    assert!(err.to_string().contains("already purged"), "{err}");
    assert_eq!(get(db.conn(), person).unwrap().name, "Former interviewer 1");
    let p = get(db.conn(), person).unwrap();
    assert!(p.former);
    assert_eq!(p.plans, 2);
    // A newcomer with the same name is somebody new, and the next purge is number 2.
    let c = plan(&mut db, "C");
    let newcomer = seat(&mut db, c, "Leaving Person", Some("leaving@example.com"));
    assert_ne!(person_of(&db, newcomer), Some(person));
}

#[test]
fn purges_are_numbered_and_a_purged_person_cannot_be_merged() {
    let mut db = Db::open_in_memory().unwrap();
    let a = plan(&mut db, "A");
    let (one, two) = (seat(&mut db, a, "One", None), seat(&mut db, a, "Two", None));
    let (one, two) = (person_of(&db, one).unwrap(), person_of(&db, two).unwrap());
    assert_eq!(purge(db.conn(), one).unwrap().label, "Former interviewer 1");
    assert_eq!(purge(db.conn(), two).unwrap().label, "Former interviewer 2");
    let err = db.with_tx(|tx| merge(tx, one, two)).unwrap_err();
    assert!(err.to_string().contains("was purged"), "{err}");
}

#[test]
fn a_candidates_purge_keeps_the_interviewers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.db");
    let mut db = Db::open(&path).unwrap();
    let a = plan(&mut db, "Gone Candidate");
    seat(&mut db, a, "Interviewer", Some("i@example.com"));
    crate::privacy::purge(db.conn(), &path, a).unwrap();
    let people = list(db.conn()).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].plans, 0);
}

#[test]
fn merging_splitting_and_purging_the_wrong_entry_is_refused_and_changes_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let a = plan(&mut db, "A");
    let one = seat(&mut db, a, "One Person", None);
    let person = person_of(&db, one).unwrap();
    let before = list(db.conn()).unwrap();
    for (what, err) in [
        (
            "itself",
            db.with_tx(|tx| merge(tx, person, person)).unwrap_err(),
        ),
        (
            "unknown",
            db.with_tx(|tx| merge(tx, person, 9999)).unwrap_err(),
        ),
        (
            "unknown seat",
            db.with_tx(|tx| split(tx, 9999)).unwrap_err(),
        ),
        ("unknown person", purge(db.conn(), 9999).unwrap_err()),
    ] {
        assert!(!err.to_string().is_empty(), "{what}");
    }
    assert_eq!(list(db.conn()).unwrap(), before, "nothing changed");
}

#[test]
fn an_identity_is_the_persons_checked_audited_kept_by_a_merge_and_cleared_by_a_purge() {
    let mut db = Db::open_in_memory().unwrap();
    let (a, b) = (plan(&mut db, "A"), plan(&mut db, "B"));
    let priya = seat(&mut db, a, "Priya Raman", Some("priya@example.com"));
    let priya_on_b = seat(&mut db, b, "Priya Raman", Some("priya@example.com"));
    let laptop = crate::identity::Identity::generate().public_identity();

    // A damaged line is refused and nothing is recorded.
    let swapped = laptop.line.replace(
        &laptop.recipient,
        &crate::identity::Identity::generate()
            .public_identity()
            .recipient,
    );
    let err = db
        .with_tx(|tx| set_panelist_identity(tx, priya, Some(&swapped)))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert_eq!(identity_of_panelist(db.conn(), priya).unwrap(), None);

    let person = db
        .with_tx(|tx| set_panelist_identity(tx, priya, Some(&laptop.line)))
        .unwrap();
    assert_eq!(
        person.identity_fingerprint.as_deref(),
        Some(&*laptop.fingerprint)
    );
    // It is the person's: their seat on the other panel has it too.
    assert_eq!(
        identity_of_panelist(db.conn(), priya_on_b).unwrap(),
        Some(laptop.clone())
    );
    let trail: Vec<String> = db
        .conn()
        .prepare("SELECT detail FROM audit_events WHERE kind = 'identity recorded'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(trail.len(), 1);
    assert!(trail[0].contains(&laptop.fingerprint), "{}", trail[0]);
    // The same line again changes nothing and records nothing.
    db.with_tx(|tx| set_panelist_identity(tx, priya, Some(&laptop.line)))
        .unwrap();
    let entries: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_events WHERE kind = 'identity recorded'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entries, 1);

    // A second entry for her (no email) merged into one without an identity takes it over.
    let c = plan(&mut db, "C");
    let other_entry = seat(&mut db, c, "P. Raman", None);
    let kept = person_of(&db, other_entry).unwrap();
    let absorbed = person_of(&db, priya).unwrap();
    let merged = db.with_tx(|tx| merge(tx, kept, absorbed)).unwrap();
    assert_eq!(
        merged.identity_fingerprint,
        Some(laptop.fingerprint.clone())
    );

    // A purge forgets it with her name.
    purge(db.conn(), kept).unwrap();
    assert_eq!(identity_of_panelist(db.conn(), priya).unwrap(), None);
    assert_eq!(get(db.conn(), kept).unwrap().identity_fingerprint, None);
}
