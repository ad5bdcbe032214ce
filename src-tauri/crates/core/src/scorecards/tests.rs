//! Scorecards: saving, submitting, amending, and above all the seal.

use super::*;
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::{audit, Db, ErrorCode};

/// A plan with two panelists (60 minutes each) and the split done.
fn plan(db: &mut Db) -> (i64, i64, i64) {
    db.with_tx(|tx| {
        let (plan, ids) = plan_with_panel(
            tx,
            "Zoë Łukasiewicz",
            &[("Ana", 60), ("Ben", 60), ("Chloé", 60)],
        )?;
        plans::split_plan(tx, plan, None)?;
        // Two panelists keep it simple: Chloé leaves before anyone writes a word.
        plans::remove_panelist(tx, plan, ids[2], None)?;
        plans::split_plan(tx, plan, None)?;
        Ok((plan, ids[0], ids[1]))
    })
    .unwrap()
}

fn numbers(db: &Db, plan: i64, panelist: i64) -> Vec<u32> {
    scorecard(db.conn(), plan, panelist, Viewer::Panelist(panelist))
        .unwrap()
        .answers
        .iter()
        .map(|a| a.answer.question_number)
        .collect()
}

fn score_all(db: &mut Db, plan: i64, panelist: i64, score: u8) {
    for n in numbers(db, plan, panelist) {
        let answer = AnswerInput {
            question_number: n,
            score: Some(score),
            ..Default::default()
        };
        db.with_tx(|tx| save_answer(tx, plan, panelist, &answer))
            .unwrap();
    }
}

fn status(db: &Db, plan: i64) -> plans::PlanStatus {
    plans::show(db.conn(), plan).unwrap().header.status
}

#[test]
fn answers_save_and_read_back_with_coverage_flags_and_unicode_notes() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = plan(&mut db);
    let n = numbers(&db, plan, ana)[0];
    let long = "Zoë said “secure enough” — ".repeat(4_000); // > 100,000 characters
    assert!(long.chars().count() > 100_000);
    let answer = AnswerInput {
        question_number: n,
        score: Some(3),
        covered: vec![0, 1],
        notes: long.clone(),
        seconds_spent: 412,
        ..Default::default()
    };
    db.with_tx(|tx| save_answer(tx, plan, ana, &answer))
        .unwrap();
    db.with_tx(|tx| save_answer(tx, plan, ana, &answer))
        .unwrap();
    let card = scorecard(db.conn(), plan, ana, Viewer::Panelist(ana)).unwrap();
    let a = card
        .answers
        .iter()
        .find(|a| a.answer.question_number == n)
        .unwrap();
    assert_eq!(
        (
            a.answer.score,
            a.answer.covered.clone(),
            a.answer.seconds_spent
        ),
        (Some(3), vec![0, 1], 412)
    );
    assert_eq!(
        a.answer.notes, long,
        "every character survives, however long"
    );
    assert_eq!(
        status(&db, plan),
        plans::PlanStatus::Interviewing,
        "the first score starts it"
    );
    assert!(
        !card.capability_ratings.is_empty(),
        "ratings derive from scores"
    );
}

#[test]
fn saving_an_answer_again_replaces_it_ticks_included() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = plan(&mut db);
    let n = numbers(&db, plan, ana)[0];
    let first = AnswerInput {
        question_number: n,
        score: Some(1),
        covered: vec![0, 1],
        flags: vec![0],
        notes: "Vague on metrics.".into(),
        seconds_spent: 60,
        ..Default::default()
    };
    let second = AnswerInput {
        question_number: n,
        not_asked_reason: Some("Ran out of time.".into()),
        covered: vec![1],
        notes: "Asked too late to score.".into(),
        seconds_spent: 90,
        ..Default::default()
    };
    for answer in [&first, &second] {
        db.with_tx(|tx| save_answer(tx, plan, ana, answer)).unwrap();
    }
    let card = scorecard(db.conn(), plan, ana, Viewer::Panelist(ana)).unwrap();
    let saved: Vec<&AnswerInput> = card
        .answers
        .iter()
        .map(|a| &a.answer)
        .filter(|a| a.question_number == n)
        .collect();
    assert_eq!(saved, [&second], "one answer, exactly as saved last");
}

#[test]
fn bad_answers_are_refused_specifically_and_change_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = plan(&mut db);
    let mine = numbers(&db, plan, ana)[0];
    let theirs = numbers(&db, plan, ben)[0];
    let cases = [
        (
            AnswerInput {
                question_number: mine,
                score: Some(5),
                ..Default::default()
            },
            "score must be 1–4, got 5".to_string(),
        ),
        (
            AnswerInput {
                question_number: theirs,
                score: Some(2),
                ..Default::default()
            },
            format!("question {theirs} is not assigned to this panelist"),
        ),
        (
            AnswerInput {
                question_number: mine,
                covered: vec![9],
                ..Default::default()
            },
            "there is no point 10".into(),
        ),
        (
            AnswerInput {
                question_number: mine,
                flags: vec![3],
                ..Default::default()
            },
            "there is no red flag 4".into(),
        ),
        (
            AnswerInput {
                question_number: mine,
                score: Some(2),
                not_asked_reason: Some("time".into()),
                ..Default::default()
            },
            "cannot be both scored and marked not asked".into(),
        ),
        (
            AnswerInput {
                question_number: mine,
                not_asked_reason: Some("  ".into()),
                ..Default::default()
            },
            "say why the question was not asked".into(),
        ),
    ];
    for (answer, message) in cases {
        let err = db
            .with_tx(|tx| save_answer(tx, plan, ana, &answer))
            .unwrap_err();
        assert!(
            err.to_string().contains(&message),
            "{err} should say {message}"
        );
        let answers: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(answers, 0, "nothing was written");
    }
}

#[test]
fn scores_are_sealed_from_everyone_until_the_whole_panel_submits() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = plan(&mut db);
    score_all(&mut db, plan, ana, 3);
    let overall = OverallInput {
        recommendation: Some(Recommendation::Yes),
        summary: "Solid".into(),
    };
    db.with_tx(|tx| set_overall(tx, plan, ana, &overall))
        .unwrap();
    db.with_tx(|tx| submit(tx, plan, ana, None, None)).unwrap();

    for viewer in [Viewer::Panelist(ben), Viewer::Other] {
        let err = scorecard(db.conn(), plan, ana, viewer).unwrap_err();
        assert_eq!(
            err.code(),
            ErrorCode::Sealed,
            "no sealed data for {viewer:?}"
        );
        assert!(
            !err.to_string().contains("Solid"),
            "the refusal itself reveals nothing"
        );
    }
    assert!(
        scorecard(db.conn(), plan, ana, Viewer::Panelist(ana)).is_ok(),
        "own card is visible"
    );

    score_all(&mut db, plan, ben, 1);
    db.with_tx(|tx| {
        submit(
            tx,
            plan,
            ben,
            Some(Recommendation::No),
            Some("Weak on metrics"),
        )
    })
    .unwrap();
    assert!(!is_sealed(db.conn(), plan).unwrap());
    let seen = scorecard(db.conn(), plan, ana, Viewer::Panelist(ben)).unwrap();
    assert_eq!(seen.recommendation, Some(Recommendation::Yes));
    assert_eq!(
        status(&db, plan),
        plans::PlanStatus::Debrief,
        "all in: debrief"
    );
}

#[test]
fn the_lead_can_unseal_early_with_a_reason_that_is_audited() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = plan(&mut db);
    let err = db.with_tx(|tx| unseal(tx, plan, "Dana", " ")).unwrap_err();
    assert_eq!(err.to_string(), "unsealing scores needs a reason");
    assert!(is_sealed(db.conn(), plan).unwrap());
    db.with_tx(|tx| unseal(tx, plan, "Dana", "Ben is on leave; debrief cannot wait"))
        .unwrap();
    assert!(scorecard(db.conn(), plan, ana, Viewer::Other).is_ok());
    let trail = audit::events(db.conn(), plan).unwrap();
    assert_eq!(
        (trail[0].kind.slug(), trail[0].actor.as_str()),
        ("unsealed", "Dana")
    );
    assert!(trail[0].detail.contains("on leave"));
}

#[test]
fn submit_lists_everything_missing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = plan(&mut db);
    let mine = numbers(&db, plan, ana);
    let first = AnswerInput {
        question_number: mine[0],
        score: Some(2),
        ..Default::default()
    };
    db.with_tx(|tx| save_answer(tx, plan, ana, &first)).unwrap();
    let err = db
        .with_tx(|tx| submit(tx, plan, ana, None, None))
        .unwrap_err();
    let rest: Vec<String> = mine[1..].iter().map(u32::to_string).collect();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot submit yet: questions {} not scored or marked not asked; no overall recommendation",
            rest.join(", ")
        )
    );
    let card = scorecard(db.conn(), plan, ana, Viewer::Panelist(ana)).unwrap();
    assert_eq!(
        card.status,
        ScorecardStatus::Draft,
        "a refused submit leaves a draft"
    );
}

#[test]
fn after_submit_changes_are_amendments_with_reason_old_and_new_values() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = plan(&mut db);
    score_all(&mut db, plan, ana, 2);
    db.with_tx(|tx| submit(tx, plan, ana, Some(Recommendation::No), None))
        .unwrap();
    let n = numbers(&db, plan, ana)[0];
    let answer = AnswerInput {
        question_number: n,
        score: Some(4),
        ..Default::default()
    };
    let err = db
        .with_tx(|tx| save_answer(tx, plan, ana, &answer))
        .unwrap_err();
    assert!(
        err.to_string().contains("need an amendment with a reason"),
        "{err}"
    );

    let change = Amendment {
        question_number: n,
        score: Some(3),
        notes: None,
        reason: String::new(),
    };
    let err = db
        .with_tx(|tx| amend(tx, plan, ana, &change, None))
        .unwrap_err();
    assert_eq!(err.to_string(), "an amendment needs a reason");

    let change = Amendment {
        reason: "Re-read my notes: she did cover MTTR".into(),
        ..change
    };
    db.with_tx(|tx| amend(tx, plan, ana, &change, None))
        .unwrap();
    let card = scorecard(db.conn(), plan, ana, Viewer::Panelist(ana)).unwrap();
    assert_eq!(card.answers[0].answer.score, Some(3));
    let amended = audit::events(db.conn(), plan)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == crate::audit::AuditKind::from_slug("amended").unwrap());
    let detail: serde_json::Value = serde_json::from_str(&amended.unwrap().detail).unwrap();
    assert_eq!(detail["old"]["score"], 2);
    assert_eq!(detail["new"]["score"], 3);
    assert_eq!(detail["reason"], "Re-read my notes: she did cover MTTR");
}

#[test]
fn a_panelist_who_started_keeps_exactly_their_questions_while_the_rest_is_split_again() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = plan(&mut db);
    let anas = numbers(&db, plan, ana);
    let n = anas[0];
    let answer = AnswerInput {
        question_number: n,
        notes: "Started".into(),
        ..Default::default()
    };
    db.with_tx(|tx| save_answer(tx, plan, ana, &answer))
        .unwrap();
    // Moving one of Ana's questions away, or one onto her, is refused.
    let err = db
        .with_tx(|tx| plans::assign(tx, plan, n, ben, false))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Ana has started recording answers; their questions can no longer change (the other \
         panelists' still can)"
    );
    // Ben leaves before writing a word: a new panelist joins and the split runs again.
    let chloe = db
        .with_tx(|tx| {
            plans::remove_panelist(tx, plan, ben, None)?;
            let chloe = plans::add_panelist(
                tx,
                plan,
                &plans::NewPanelist {
                    name: "Chloé".into(),
                    email: None,
                    slot_minutes: 90,
                    focus: vec![],
                    excluded_questions: vec![],
                },
            )?;
            plans::split_plan(tx, plan, None)?;
            Ok(chloe)
        })
        .unwrap();
    assert_eq!(
        numbers(&db, plan, ana),
        anas,
        "Ana keeps her questions, in her order"
    );
    let chloes = numbers(&db, plan, chloe);
    assert!(!chloes.is_empty(), "Chloé takes over Ben's questions");
    assert!(chloes.iter().all(|q| !anas.contains(q)));
}

#[test]
fn interview_mode_asks_once_whether_others_use_the_laptop_when_the_panel_shares_it() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = plan(&mut db);
    assert!(
        interview(db.conn(), plan, ana).unwrap().guard_choice_needed,
        "two local panelists share this laptop: Ana is asked"
    );
    db.with_tx(|tx| declare_sole_user(tx, plan, ana)).unwrap();
    assert!(!interview(db.conn(), plan, ana).unwrap().guard_choice_needed);
    assert!(
        interview(db.conn(), plan, ben).unwrap().guard_choice_needed,
        "Ben's answer is his own"
    );
    db.with_tx(|tx| set_scorecard_pin(tx, plan, ben, None, Some("2468")))
        .unwrap();
    assert!(
        !guard_choice_needed(db.conn(), plan, ben).unwrap(),
        "a PIN answers the question"
    );
    // A plan alone on a laptop (one panelist) never asks.
    let solo = db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(tx, "Kenji Sato", &[("Priya", 60)])?;
            plans::split_plan(tx, plan, None)?;
            Ok((plan, ids[0]))
        })
        .unwrap();
    assert!(!guard_choice_needed(db.conn(), solo.0, solo.1).unwrap());
}

#[test]
fn removing_the_last_panelist_who_has_not_submitted_needs_a_reason_on_the_record() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = plan(&mut db);
    score_all(&mut db, plan, ana, 3);
    db.with_tx(|tx| submit(tx, plan, ana, Some(Recommendation::Yes), None))
        .unwrap();
    let err = db
        .with_tx(|tx| plans::remove_panelist(tx, plan, ben, None))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Sealed, "{err}");
    assert!(is_sealed(db.conn(), plan).unwrap(), "nothing changed");
    let why = Disclosure {
        reason: "Ben could not make the interview".into(),
        by: "Dana Whitfield".into(),
    };
    db.with_tx(|tx| plans::remove_panelist(tx, plan, ben, Some(&why)))
        .unwrap();
    assert!(!is_sealed(db.conn(), plan).unwrap());
    let unsealed = audit::events(db.conn(), plan)
        .unwrap()
        .into_iter()
        .rfind(|e| e.kind == crate::audit::AuditKind::Unsealed)
        .expect("recorded as an early unseal");
    assert_eq!(unsealed.actor, "Dana Whitfield");
}
