//! A pack version never changes under its number, and nothing from outside can change a pack
//! made here: a version that left the machine is frozen, kits cannot grow or re-title a local
//! pack, a partly known pack cannot be planned on, and a plan's questions stay put once anyone
//! has begun (even a ticked point without a score).

mod support;

use panel_core::bank::{self, packfile, PackDraft};
use panel_core::exchange::{self, ImportOptions};
use panel_core::plans::{self, QuestionSelection};
use panel_core::scorecards::{self, AnswerInput};
use panel_core::{Db, ErrorCode};
use support::{new_plan, split_plan_on, team_pack};

/// The editor's draft of pack `id`'s newest version.
fn draft_of(db: &Db, id: &str) -> PackDraft {
    let newest = bank::resolve_spec(db.conn(), id).unwrap().pack_ref();
    let view = bank::pack_view(db.conn(), &newest).unwrap();
    PackDraft {
        id: view.id,
        base_version: view.version,
        title: view.title,
        questions: view.questions,
        level_guidance: view.level_guidance,
    }
}

#[test]
fn a_version_that_left_the_machine_is_never_edited_in_place() {
    let mut db = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut db);
    // Exported (the app and panelctl mark it after writing the file): no plan uses it, yet the
    // next save makes version 2, so the file out there stays the truth about version 1.
    let exported = packfile::export_pack(db.conn(), &pack).unwrap();
    db.with_tx(|tx| bank::mark_shared(tx, &pack.id, 1)).unwrap();
    let mut draft = draft_of(&db, &pack.id);
    draft.questions[0].minutes = 7;
    let saved = db.with_tx(|tx| bank::save_pack(tx, &draft)).unwrap();
    assert_eq!((saved.version, saved.new_version), (2, true));
    assert_eq!(packfile::export_pack(db.conn(), &pack).unwrap(), exported);
    // An id with a version is refused: the editor saves over the newest version only.
    let mut stale = draft_of(&db, &pack.id);
    stale.id = pack.to_string();
    let err = db.with_tx(|tx| bank::save_pack(tx, &stale)).unwrap_err();
    assert!(err.to_string().contains("id alone"), "{err}");
}

#[test]
fn a_kit_cannot_speak_for_a_pack_made_here_and_a_partly_known_pack_is_not_planned_on() {
    // The lead's plan on their own pack, kits out.
    let mut lead = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut lead);
    let plan = split_plan_on(
        &mut lead,
        "Amara Okafor",
        QuestionSelection {
            pack: Some(pack.clone()),
            numbers: Some(vec![1, 2, 19]),
            ..Default::default()
        },
        &["Ana"],
    );
    let lead_key = panel_core::identity::Identity::generate();
    let kits = lead
        .with_tx(|tx| exchange::export_kits(tx, plan, &lead_key))
        .unwrap();
    let view = bank::pack_view(lead.conn(), &pack).unwrap();
    assert!(view.shared, "the kit's pack version left the machine");

    // On the panelist's laptop the pack is learnt from the kit: read-only, and not something
    // to plan on (only three of its questions are known).
    let mut laptop = Db::open_in_memory().unwrap();
    exchange::import(&mut laptop, &kits[0].bytes, ImportOptions::default()).unwrap();
    let learnt = bank::pack_view(laptop.conn(), &pack).unwrap();
    assert_eq!(
        (learnt.origin, learnt.editable),
        (bank::PackOrigin::Kit, false)
    );
    assert_eq!(learnt.questions.len(), 3);
    let err = laptop
        .with_tx(|tx| {
            plans::create_with_questions(
                tx,
                &new_plan("Kenji Sato"),
                &QuestionSelection {
                    pack: Some(pack.clone()),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert!(err.to_string().contains("only partly known"), "{err}");

    // The lead's own machine receiving a kit that claims a version 9 of the lead's pack: refused.
    let mut forged: serde_json::Value = serde_json::from_slice(&kits[0].bytes).unwrap();
    forged["kit"]["kitId"] = "0123456789abcdef0123456789abcdef".into();
    forged["kit"]["pack"]["version"] = 9.into();
    let mut other = Db::open_in_memory().unwrap();
    let mine = team_pack(&mut other);
    forged["kit"]["pack"]["id"] = mine.id.clone().into();
    // Signed again with the lead's key: the lead's own install made this file.
    let forged: exchange::KitFile = serde_json::from_value(forged).unwrap();
    let forged = exchange::KitFile::signed(forged.kit, &lead_key);
    let err = exchange::import(
        &mut other,
        &serde_json::to_vec(&forged).unwrap(),
        ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Rejected);
    assert!(err.to_string().contains("made on this computer"), "{err}");
    assert_eq!(
        bank::resolve_spec(other.conn(), &mine.id).unwrap().version,
        1,
        "no version 9 was stored"
    );
}

#[test]
fn a_ticked_point_without_a_score_already_fixes_the_questions_and_the_pack_stays_put() {
    let mut db = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut db);
    let plan = split_plan_on(
        &mut db,
        "Amara Okafor",
        QuestionSelection {
            pack: Some(pack.clone()),
            numbers: Some(vec![1, 2, 3]),
            ..Default::default()
        },
        &["Priya"],
    );
    // Without --pack the plan keeps its version.
    db.with_tx(|tx| {
        plans::set_questions(
            tx,
            plan,
            &QuestionSelection {
                numbers: Some(vec![1, 2]),
                ..Default::default()
            },
        )
    })
    .unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    assert_eq!(
        (shown.header.pack_id.as_str(), shown.header.pack_version),
        (pack.id.as_str(), 1)
    );
    assert_eq!(shown.questions.len(), 2);
    // A point ticked, no score yet: interviewing has begun.
    let panelist = shown.panelists[0].id;
    db.with_tx(|tx| {
        scorecards::save_answer(
            tx,
            plan,
            panelist,
            &AnswerInput {
                question_number: 1,
                covered: vec![0],
                ..Default::default()
            },
        )
    })
    .unwrap();
    let err = db
        .with_tx(|tx| plans::set_questions(tx, plan, &QuestionSelection::default()))
        .unwrap_err();
    assert!(err.to_string().contains("already scored"), "{err}");
    assert_eq!(plans::plan_questions(db.conn(), plan).unwrap().len(), 2);
}
