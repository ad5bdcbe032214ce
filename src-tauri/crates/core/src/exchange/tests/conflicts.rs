//! A returned scorecard that would replace one recorded on the lead's computer: the refusal
//! compares the two cards for the lead's choice, and says nothing either card holds (the seal).

use super::*;
use crate::scorecards::OverallInput;
use crate::ErrorPayload;

/// Ana's question numbers in the lead's plan, in asking order.
fn numbers_of(db: &Db, plan: i64, panelist: i64) -> Vec<u32> {
    plans::show(db.conn(), plan)
        .unwrap()
        .questions_of(panelist)
        .iter()
        .map(|a| a.question_number)
        .collect()
}

/// The note `panelist_scores` writes on every question, as the file carries it.
fn file_note(n: u32) -> String {
    format!("Ana on question {n}: clear trade-offs")
}

fn save_here(db: &mut Db, plan: i64, panelist: i64, answer: AnswerInput) {
    db.with_tx(|tx| scorecards::save_answer(tx, plan, panelist, &answer))
        .unwrap();
}

/// Imports `bytes` without the lead's choice: the conflict's payload, as the UI receives it,
/// with the scorecard tables unchanged.
fn conflict_payload(db: &mut Db, bytes: &[u8]) -> (ErrorPayload, serde_json::Value) {
    let before = scorecard_tables(db);
    let err = import(db, bytes, ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert!(matches!(err, crate::Error::ScorecardConflict(_)), "{err:?}");
    assert_eq!(scorecard_tables(db), before, "a conflict changes nothing");
    let payload = ErrorPayload::from(err);
    let json = serde_json::to_value(&payload).unwrap();
    (payload, json)
}

#[test]
fn a_conflict_names_the_differing_questions_and_counts_without_any_value() {
    let (mut lead_db, plan, ids) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let numbers = numbers_of(&lead_db, plan, ids[0]);
    assert!(numbers.len() >= 5, "Ana has {} questions", numbers.len());
    // A red flag can be ticked only on a question that lists one.
    let signals = |n: u32| {
        scorecards::answers::assigned(lead_db.conn(), plan, ids[0], n)
            .unwrap()
            .signals
    };
    let q3 = *numbers
        .iter()
        .find(|&&n| signals(n) > 0)
        .expect("one of Ana's questions lists a red flag");
    let others: Vec<u32> = numbers.iter().copied().filter(|&n| n != q3).collect();
    let [q1, q2, q4, q5] = [0, 1, 2, 3].map(|i| others[i]);
    // A draft on the lead's computer. One question is the file's answer exactly (time spent
    // aside, which is not part of the answer); four differ in one field each (reason not asked,
    // red flags, notes, points ticked); the rest are untouched here.
    let same = |n: u32| AnswerInput {
        question_number: n,
        score: Some(3),
        covered: vec![0],
        notes: file_note(n),
        seconds_spent: 120,
        ..Default::default()
    };
    save_here(&mut lead_db, plan, ids[0], same(q1));
    save_here(
        &mut lead_db,
        plan,
        ids[0],
        AnswerInput {
            score: None,
            not_asked_reason: Some("Ran out of time on the budget case".into()),
            ..same(q2)
        },
    );
    save_here(
        &mut lead_db,
        plan,
        ids[0],
        AnswerInput {
            flags: vec![0],
            ..same(q3)
        },
    );
    save_here(
        &mut lead_db,
        plan,
        ids[0],
        AnswerInput {
            notes: "Typed in by the lead: vague on budgets".into(),
            ..same(q4)
        },
    );
    save_here(
        &mut lead_db,
        plan,
        ids[0],
        AnswerInput {
            covered: vec![],
            ..same(q5)
        },
    );
    lead_db
        .with_tx(|tx| {
            scorecards::set_overall(
                tx,
                plan,
                ids[0],
                &OverallInput {
                    recommendation: Some(Recommendation::StrongNo),
                    summary: "Solid.".into(),
                },
            )
        })
        .unwrap();

    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let file = export(&mut pdb, pplan, ppanelist);
    let (payload, json) = conflict_payload(&mut lead_db, &file.bytes);

    // The sentence is the one the import always gave.
    assert_eq!(
        payload.message,
        "Ana's scorecard has answers recorded on this computer; it is replaced by this file only \
         if you choose so (the replacement is recorded in the audit trail)"
    );
    let conflict = payload.scorecard_conflict.as_ref().expect("the comparison");
    assert_eq!(conflict.panelist_id, ids[0]);
    assert_eq!(conflict.panelist_name, "Ana");
    assert_eq!(conflict.questions, numbers.len() as u32);
    let mut expected: Vec<u32> = numbers.iter().copied().filter(|&n| n != q1).collect();
    expected.sort_unstable();
    assert_eq!(
        conflict.differing_questions, expected,
        "every question but {q1} differs (the untouched ones are unanswered here)"
    );
    assert!(conflict.recommendation_differs);
    assert!(!conflict.summary_differs);
    assert_eq!(
        conflict.local,
        LocalCardFacts {
            status: scorecards::ScorecardStatus::Draft,
            submitted_at: None,
            answered: 5,
        }
    );
    assert_eq!(conflict.file.status, scorecards::ScorecardStatus::Submitted);
    assert!(conflict.file.submitted_at.is_some());
    assert_eq!(conflict.file.answered, numbers.len() as u32);
    assert_eq!(conflict.file.revision, 1);
    assert_eq!(conflict.file.amendments, 0);
    assert!(conflict.file.exported_at.is_some());

    // What the UI receives: camelCase, beside the code and message.
    assert_eq!(json["code"], "conflict");
    let facts = &json["scorecardConflict"];
    assert_eq!(facts["differingQuestions"], serde_json::json!(expected));
    assert_eq!(facts["recommendationDiffers"], true);
    assert_eq!(facts["local"]["status"], "draft");
    assert_eq!(facts["file"]["status"], "submitted");
    assert_eq!(facts["file"]["revision"], 1);

    // The seal: neither card's scores, reasons, notes, summary or recommendation are in it.
    let text = serde_json::to_string(&payload).unwrap();
    for value in [
        "clear trade-offs",
        "Typed in by the lead",
        "Ran out of time",
        "Solid",
        "\"yes\"",
        "\"strong-no\"",
        "strongNo",
        "\"score\"",
        "\"notes\"",
        "\"summary\"",
        "\"recommendation\"",
        "\"covered\"",
        "\"flags\"",
    ] {
        assert!(!text.contains(value), "{value} appears in {text}");
    }
}

#[test]
fn a_conflict_with_a_submitted_card_compares_times_revisions_and_amendments() {
    let (mut lead_db, plan, ids) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let numbers = numbers_of(&lead_db, plan, ids[0]);
    // Ana's card was also typed in and submitted on the lead's computer, word for word what
    // her own laptop will hold before her amendment.
    for &n in &numbers {
        save_here(
            &mut lead_db,
            plan,
            ids[0],
            AnswerInput {
                question_number: n,
                score: Some(3),
                covered: vec![0],
                notes: file_note(n),
                ..Default::default()
            },
        );
    }
    lead_db
        .with_tx(|tx| {
            scorecards::submit(tx, plan, ids[0], Some(Recommendation::Yes), Some("Solid."))
        })
        .unwrap();

    // On her laptop: submitted, exported, then one amendment makes revision 2.
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    assert_eq!(export(&mut pdb, pplan, ppanelist).revision, 1);
    let amended = amend(&mut pdb, pplan, ppanelist, 1, 4);
    let file = export(&mut pdb, pplan, ppanelist);
    assert_eq!(file.revision, 2);

    let (payload, _) = conflict_payload(&mut lead_db, &file.bytes);
    assert!(
        payload
            .message
            .starts_with("Ana's scorecard was submitted on this computer;"),
        "{}",
        payload.message
    );
    let conflict = payload.scorecard_conflict.expect("the comparison");
    assert_eq!(conflict.differing_questions, vec![amended]);
    assert!(!conflict.recommendation_differs);
    assert!(!conflict.summary_differs);
    assert_eq!(
        conflict.local.status,
        scorecards::ScorecardStatus::Submitted
    );
    assert!(conflict.local.submitted_at.is_some());
    assert_eq!(conflict.local.answered, numbers.len() as u32);
    assert_eq!(conflict.file.answered, numbers.len() as u32);
    assert_eq!(conflict.file.revision, 2);
    assert_eq!(conflict.file.amendments, 1);
    assert!(conflict.file.submitted_at.is_some());
    assert!(conflict.file.exported_at.is_some());
    let text = serde_json::to_string(&conflict).unwrap();
    assert!(!text.contains("Re-read"), "no amendment reason: {text}");

    // The lead's choice still replaces, as before.
    replace_local(&mut lead_db, &file.bytes);
}
