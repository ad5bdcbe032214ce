//! The draft journal keeps what SQLite does not have yet, and nothing else.

use std::path::Path;

use super::*;
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{save_answer, set_overall, Recommendation};
use crate::Db;

/// A plan with one panelist and the split done: (plan, panelist, their first question, created).
fn plan(db: &mut Db) -> (i64, i64, u32, String) {
    let (plan, panelist) = db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(tx, "Zoë Łukasiewicz", &[("Ana", 60)])?;
            plans::split_plan(tx, plan, None)?;
            Ok((plan, ids[0]))
        })
        .unwrap();
    let view = crate::scorecards::interview(db.conn(), plan, panelist).unwrap();
    let created = plan_created_at(db.conn(), plan).unwrap().unwrap();
    (
        plan,
        panelist,
        view.scorecard.answers[0].answer.question_number,
        created,
    )
}

fn typed(
    plan: i64,
    created: &str,
    panelist: i64,
    question: u32,
    notes: &str,
) -> JournalDraftRequest {
    JournalDraftRequest {
        plan_id: plan,
        plan_created_at: created.into(),
        panelist_id: panelist,
        panelist_name: "Ana".into(),
        draft: TypedDraft::Answer {
            answer: AnswerInput {
                question_number: question,
                score: Some(3),
                notes: notes.into(),
                seconds_spent: 40,
                ..Default::default()
            },
        },
    }
}

fn answer_of(request: &JournalDraftRequest) -> AnswerInput {
    match &request.draft {
        TypedDraft::Answer { answer } => answer.clone(),
        TypedDraft::Overall { .. } => panic!("an answer"),
    }
}

#[test]
fn text_sqlite_never_got_is_handed_back_and_leaves_once_saved() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));

    let request = typed(
        plan,
        &created,
        ana,
        q,
        "Threat-modelled the payment flow before",
    );
    journal.write(&request).unwrap();
    let overall = JournalDraftRequest {
        plan_id: plan,
        plan_created_at: created.clone(),
        panelist_id: ana,
        panelist_name: "Ana".into(),
        draft: TypedDraft::Overall {
            overall: OverallInput {
                recommendation: Some(Recommendation::Yes),
                summary: "Clear thinker".into(),
            },
        },
    };
    journal.write(&overall).unwrap();

    let cards = pending(db.conn(), &journal).unwrap();
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert_eq!(cards[0].candidate, "Zoë Łukasiewicz");
    assert_eq!(cards[0].panelist_name, "Ana");
    assert_eq!(cards[0].parts, 2);
    let back = recover(db.conn(), &journal, plan, ana).unwrap();
    assert_eq!(back.len(), 2);
    assert!(back.iter().any(|d| d.draft == request.draft));

    // Offered, the text is set aside: the screen's own saves of the card as the database has it
    // (the question timer) cannot settle it away before the author answers the offer.
    let unchanged = TypedDraft::Answer {
        answer: AnswerInput {
            question_number: q,
            ..Default::default()
        },
    };
    journal.settle(plan, ana, &unchanged);
    assert_eq!(recover(db.conn(), &journal, plan, ana).unwrap().len(), 2);

    // Restore: the text goes through the ordinary journal and the autosave (with more seconds
    // spent), and the set-aside copy is let go.
    let mut saved = answer_of(&request);
    saved.seconds_spent = 55;
    journal
        .write(&typed(
            plan,
            &created,
            ana,
            q,
            "Threat-modelled the payment flow before",
        ))
        .unwrap();
    db.with_tx(|tx| save_answer(tx, plan, ana, &saved)).unwrap();
    journal.settle(plan, ana, &TypedDraft::Answer { answer: saved });
    journal.remove(plan, ana, Some(q));
    if let TypedDraft::Overall { overall: o } = &overall.draft {
        db.with_tx(|tx| set_overall(tx, plan, ana, o)).unwrap();
    }
    journal.remove(plan, ana, None);
    assert!(recover(db.conn(), &journal, plan, ana).unwrap().is_empty());
    assert!(pending(db.conn(), &journal).unwrap().is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());
}

#[test]
fn a_save_of_older_text_leaves_the_newer_typing_in_the_journal() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    let older = typed(plan, &created, ana, q, "She asked about the");
    let newer = typed(plan, &created, ana, q, "She asked about the audit scope");
    journal.write(&older).unwrap();
    journal.write(&newer).unwrap();
    // The autosave stores the older text while the newer was being typed.
    store(&mut db, Some(&journal), plan, ana, &older.draft).unwrap();
    let back = recover(db.conn(), &journal, plan, ana).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].draft, newer.draft);
    // Once the autosave stores the newer text too, nothing is left to offer.
    journal.remove(plan, ana, Some(q));
    store(&mut db, Some(&journal), plan, ana, &newer.draft).unwrap();
    assert!(recover(db.conn(), &journal, plan, ana).unwrap().is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());
}

#[test]
fn a_store_the_autosave_would_refuse_changes_nothing_and_keeps_the_journal() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    let mut request = typed(plan, &created, ana, q, "Scored five out of four");
    journal.write(&request).unwrap();
    if let TypedDraft::Answer { answer } = &mut request.draft {
        answer.score = Some(5);
    }
    let err = store(&mut db, Some(&journal), plan, ana, &request.draft).unwrap_err();
    assert!(err.to_string().contains("1–4"), "{err}");
    let view = crate::scorecards::interview(db.conn(), plan, ana).unwrap();
    assert_eq!(view.scorecard.answers[0].answer.notes, "", "nothing stored");
    assert_eq!(
        journal.files().len(),
        1,
        "the typed words stay in the journal"
    );
}

#[test]
fn a_panelist_id_given_to_someone_else_after_a_removal_never_gets_the_first_ones_words() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    let mut request = typed(plan, &created, ana, q, "Ana's unsaved words");
    request.panelist_name = "Somebody removed since".into();
    journal.write(&request).unwrap();
    assert!(recover(db.conn(), &journal, plan, ana).unwrap().is_empty());
    assert!(pending(db.conn(), &journal).unwrap().is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());
}

#[test]
fn entries_of_a_card_that_is_gone_and_half_written_files_are_swept_at_start() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    journal
        .write(&typed(plan + 7, &created, ana, q, "A plan restored away"))
        .unwrap();
    std::fs::write(journal.dir().join("1-1-q1.tmp"), b"{\"half").unwrap();
    assert!(pending(db.conn(), &journal).unwrap().is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());
}

#[test]
fn entries_sqlite_holds_after_all_or_of_another_plan_with_the_same_id_are_dropped() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    // Saved, but the app died before the settle.
    let saved = typed(plan, &created, ana, q, "Saved before the crash");
    db.with_tx(|tx| save_answer(tx, plan, ana, &answer_of(&saved)))
        .unwrap();
    journal.write(&saved).unwrap();
    // Typed on a plan that had this id in another database (a restore put another back).
    let stranger = typed(
        plan,
        "2020-01-01T00:00:00Z",
        ana,
        q + 1,
        "Someone else's words",
    );
    journal.write(&stranger).unwrap();
    assert!(recover(db.conn(), &journal, plan, ana).unwrap().is_empty());
    assert!(
        journal.files().is_empty(),
        "both cleaned up: {:?}",
        journal.files()
    );
}

#[test]
fn the_journal_is_owner_only_names_no_one_and_a_purge_forgets_the_plan() {
    use std::os::unix::fs::PermissionsExt;
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, q, created) = plan(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    journal
        .write(&typed(plan, &created, ana, q, "Zoë's answer"))
        .unwrap();
    journal
        .write(&typed(plan + 1, &created, ana, q, "Another plan"))
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(journal.dir()), 0o700);
    assert_eq!(mode(journal.dir().parent().unwrap()), 0o700);
    for file in journal.files() {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(!name.contains("Zo") && !name.contains("Ana"), "{name}");
    }
    assert_eq!(journal.forget_plan(plan).unwrap(), 1);
    let left = journal.files();
    assert_eq!(left.len(), 1);
    assert!(left[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with(&format!("{}-", plan + 1)));
}

#[test]
fn a_journal_folder_someone_else_could_have_made_is_refused() {
    // In the shared temporary directory another user could plant a link to a folder of theirs.
    let folder = tempfile::tempdir().unwrap();
    let elsewhere = folder.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let planted = folder.path().join("hiring-panel-0");
    std::os::unix::fs::symlink(&elsewhere, &planted).unwrap();
    let journal = DraftJournal::at(planted.join("drafts"));
    let err = journal
        .write(&typed(1, "x", 1, 1, "words"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not an owner-only folder"), "{err}");
    assert!(
        !elsewhere.join("drafts").exists(),
        "nothing written through the link"
    );
}

#[test]
fn each_data_folder_has_its_own_journal_outside_it() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ja = DraftJournal::for_data_dir(a.path());
    let jb = DraftJournal::for_data_dir(b.path());
    assert_ne!(ja.dir(), jb.dir());
    assert!(!ja.dir().starts_with(a.path()), "outside the data folder");
    assert_eq!(ja.dir(), DraftJournal::for_data_dir(a.path()).dir());
}

#[test]
fn what_the_autosave_would_refuse_is_not_kept_and_nothing_is_written() {
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    let long = "x".repeat(crate::scorecards::MAX_NOTE_CHARS + 1);
    let mut nameless = typed(1, "2026-12-03T09:00:00Z", 1, 1, "words");
    nameless.panelist_name = "   ".into();
    for (request, says) in [
        (
            typed(1, "2026-12-03T09:00:00Z", 1, 1, &long),
            "200001 characters long",
        ),
        (
            typed(0, "2026-12-03T09:00:00Z", 1, 1, "words"),
            "is not a scorecard",
        ),
        (typed(1, "", 1, 1, "words"), "creation time"),
        (nameless, "name"),
    ] {
        let err = journal.write(&request).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput, "{err}");
        assert!(err.to_string().contains(says), "{err}");
    }
    assert!(journal.files().is_empty(), "{:?}", journal.files());
}

/// The scored sample with its meeting started: (plan, when it started, agenda items).
fn meeting_started(db: &mut Db) -> (i64, String, u32) {
    let plan = db
        .with_tx(|tx| crate::plans::create_scored_sample(tx))
        .unwrap();
    let meeting = db
        .with_tx(|tx| crate::debrief::meeting::start(tx, plan))
        .unwrap();
    let started = meeting.started_at.unwrap().to_string();
    (plan, started, meeting.agenda.len() as u32)
}

fn minutes(plan: i64, started: &str, item: u32, text: &str) -> MinutesDraftRequest {
    MinutesDraftRequest {
        plan_id: plan,
        meeting_started_at: started.into(),
        item_number: item,
        text: text.into(),
    }
}

fn saving(plan: i64, item: u32, text: &str) -> crate::debrief::meeting::MinutesRequest {
    crate::debrief::meeting::MinutesRequest {
        plan_id: plan,
        item_number: item,
        text: text.into(),
    }
}

#[test]
fn minutes_sqlite_never_got_are_offered_back_to_the_lead_and_leave_once_saved() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, started, items) = meeting_started(&mut db);
    assert!(items >= 2, "the scored sample's agenda has items");
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));

    // Item 1 was saved up to a point, then the lead typed on and the app was killed.
    journal
        .write_minutes(&minutes(plan, &started, 1, "Ask the references"))
        .unwrap();
    store_minutes(
        &mut db,
        Some(&journal),
        &saving(plan, 1, "Ask the references"),
    )
    .unwrap();
    assert!(
        journal.files().is_empty(),
        "saved minutes leave the journal"
    );
    journal
        .write_minutes(&minutes(
            plan,
            &started,
            1,
            "Ask the references about the metric",
        ))
        .unwrap();
    journal
        .write_minutes(&minutes(plan, &started, 2, "Nobody heard the threat model"))
        .unwrap();
    // The scorecards' notice at start neither lists nor sweeps the lead's minutes.
    assert!(pending(db.conn(), &journal).unwrap().is_empty());
    assert_eq!(journal.files().len(), 2);

    let back = recover_minutes(db.conn(), &journal, plan).unwrap();
    let texts: Vec<(u32, &str)> = back
        .iter()
        .map(|m| (m.item_number, m.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (1, "Ask the references about the metric"),
            (2, "Nobody heard the threat model")
        ]
    );
    // Offered again until the lead chooses; the screen's saves of other text never lose it.
    store_minutes(&mut db, Some(&journal), &saving(plan, 2, "Something else")).unwrap();
    assert_eq!(recover_minutes(db.conn(), &journal, plan).unwrap().len(), 2);

    // Restore item 1 (saved through the autosave), discard item 2.
    store_minutes(
        &mut db,
        Some(&journal),
        &saving(plan, 1, "Ask the references about the metric"),
    )
    .unwrap();
    journal.remove_recovered_minutes(plan, 1);
    journal.remove_recovered_minutes(plan, 2);
    assert!(recover_minutes(db.conn(), &journal, plan)
        .unwrap()
        .is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());
    let saved = crate::debrief::meeting::meeting(db.conn(), plan).unwrap();
    assert_eq!(
        saved.agenda[0].minutes,
        "Ask the references about the metric"
    );
    assert_eq!(saved.agenda[1].minutes, "Something else");
}

#[test]
fn minutes_of_another_meeting_or_a_missing_item_are_never_offered_and_bad_ones_never_kept() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, started, items) = meeting_started(&mut db);
    let folder = tempfile::tempdir().unwrap();
    let journal = DraftJournal::at(folder.path().join("hp").join("drafts"));
    // A plan that had this id before, whose meeting started at another time; an item this
    // agenda does not have.
    journal
        .write_minutes(&minutes(
            plan,
            "2020-01-01T09:00:00Z",
            1,
            "Another candidate",
        ))
        .unwrap();
    journal
        .write_minutes(&minutes(plan, &started, items + 1, "No such item"))
        .unwrap();
    assert!(recover_minutes(db.conn(), &journal, plan)
        .unwrap()
        .is_empty());
    assert!(journal.files().is_empty(), "{:?}", journal.files());

    // What the save would refuse is not kept either.
    for bad in [
        minutes(plan, &started, 0, "Item zero"),
        minutes(plan, "yesterday", 1, "No start"),
        minutes(plan, &started, 1, &"x".repeat(MAX_MINUTES + 1)),
    ] {
        let err = journal.write_minutes(&bad).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput, "{err}");
    }
    assert!(journal.files().is_empty());

    // A purge forgets the lead's minutes with the panelists' drafts.
    journal
        .write_minutes(&minutes(plan, &started, 1, "Kept until the purge"))
        .unwrap();
    assert_eq!(journal.forget_plan(plan).unwrap(), 1);
    assert!(journal.files().is_empty());
}

const MAX_MINUTES: usize = crate::debrief::meeting::MAX_MINUTES_CHARS;
