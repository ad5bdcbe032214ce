//! Pack editing: new packs, ids, no-op saves, and what duplicating carries over.

use super::*;
use crate::bank::packfile::{diff, export_pack};
use crate::Db;

#[test]
fn a_new_pack_starts_empty_editable_and_unused_saves_stay_in_version_one() {
    let mut db = Db::open_in_memory().unwrap();
    let made = db
        .with_tx(|tx| create_pack(tx, "  Acme: Security & Trust!  "))
        .unwrap();
    assert!(made.id.starts_with("acme-security-trust-"), "{}", made.id);
    let view = pack_view(db.conn(), &made.pack_ref()).unwrap();
    assert_eq!(
        (view.title.as_str(), view.questions.len(), view.editable),
        ("Acme: Security & Trust!", 0, true)
    );
    let mut question = crate::bank::builtin().questions[3].clone();
    question.number = 7; // numbers follow the order, whatever the editor sent
    question.strong_answer.push("   ".into()); // empty points are dropped
    let draft = PackDraft {
        id: made.id.clone(),
        base_version: 1,
        title: view.title.clone(),
        questions: vec![question],
        level_guidance: LevelGuidance::default(),
    };
    let saved = db.with_tx(|tx| save_pack(tx, &draft)).unwrap();
    assert_eq!((saved.version, saved.new_version), (1, false));
    let view = pack_view(db.conn(), &made.pack_ref()).unwrap();
    assert_eq!(view.questions[0].number, 1);
    assert_eq!(
        view.questions[0].strong_answer,
        crate::bank::builtin().questions[3].strong_answer
    );
    let again = db.with_tx(|tx| save_pack(tx, &draft)).unwrap();
    assert!(again.unchanged, "saving the same content is a no-op");
    let err = db.with_tx(|tx| create_pack(tx, " ")).unwrap_err();
    assert!(err.to_string().contains("title"));
}

#[test]
fn duplicating_copies_questions_and_guidance_under_a_new_id() {
    let mut db = Db::open_in_memory().unwrap();
    let first = db
        .with_tx(|tx| {
            duplicate_pack(
                tx,
                &crate::bank::PackRef::new("product-security-leadership", 1),
                "Ours",
            )
        })
        .unwrap();
    let view = pack_view(db.conn(), &first.pack_ref()).unwrap();
    db.with_tx(|tx| {
        save_pack(
            tx,
            &PackDraft {
                id: first.id.clone(),
                base_version: 1,
                title: "Ours".into(),
                questions: view.questions.clone(),
                level_guidance: LevelGuidance {
                    principal: "Depth over breadth.".into(),
                    ..Default::default()
                },
            },
        )
    })
    .unwrap();
    let second = db
        .with_tx(|tx| duplicate_pack(tx, &first.pack_ref(), "Ours, again"))
        .unwrap();
    assert_ne!(first.id, second.id);
    let a = export_pack(db.conn(), &first.pack_ref()).unwrap().pack;
    let b = export_pack(db.conn(), &second.pack_ref()).unwrap().pack;
    let d = diff(&a, &b);
    assert!(d.title.is_some());
    assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty());
    assert!(d.guidance.is_empty(), "the guidance came along");
    assert_eq!(b.questions.len(), 18);
}

#[test]
fn reordering_and_editing_read_as_moves_and_changes_in_the_diff() {
    let mut db = Db::open_in_memory().unwrap();
    let made = db
        .with_tx(|tx| {
            duplicate_pack(
                tx,
                &crate::bank::PackRef::new("product-security-leadership", 1),
                "Ours",
            )
        })
        .unwrap();
    let old = export_pack(db.conn(), &made.pack_ref()).unwrap().pack;
    let mut questions = old.questions.clone();
    let q3 = questions.remove(2); // question 3 goes last
    questions.push(q3);
    questions[0]
        .strong_answer
        .push("Names who decides exceptions".into());
    questions.remove(5); // retire what was question 7
    let draft = PackDraft {
        id: made.id.clone(),
        base_version: 1,
        title: "Ours".into(),
        questions,
        level_guidance: LevelGuidance {
            vp: "Board-level framing.".into(),
            ..Default::default()
        },
    };
    db.with_tx(|tx| save_pack(tx, &draft)).unwrap();
    let new = export_pack(db.conn(), &made.pack_ref()).unwrap().pack;
    let d = diff(&old, &new);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].number, 7);
    assert!(d.added.is_empty());
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].fields, ["strongAnswer"]);
    assert_eq!(
        d.moved.iter().map(|m| (m.from, m.to)).collect::<Vec<_>>(),
        [(3, 17)],
        "renumbering after a retired question is not a move"
    );
    assert_eq!(d.guidance, ["Vice President"]);
}
