//! The debrief figures, the seal in front of them, and the decision record.

use super::*;
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput, Recommendation};
use crate::{Db, ErrorCode};

/// Two panelists who both ask every question (coverage 2).
fn double_rated(db: &mut Db) -> (i64, i64, i64) {
    db.with_tx(|tx| {
        let (plan, ids) =
            plan_with_panel(tx, "Ζωή Łukasiewicz-Петрова", &[("Ana", 240), ("Ben", 240)])?;
        plans::split_plan(tx, plan, Some(2))?;
        Ok((plan, ids[0], ids[1]))
    })
    .unwrap()
}

fn answer(db: &mut Db, plan: i64, who: i64, answer: AnswerInput) {
    db.with_tx(|tx| scorecards::save_answer(tx, plan, who, &answer))
        .unwrap();
}

fn scored(number: u32, score: u8) -> AnswerInput {
    AnswerInput {
        question_number: number,
        score: Some(score),
        ..Default::default()
    }
}

fn submit(db: &mut Db, plan: i64, who: i64, rec: Recommendation) {
    db.with_tx(|tx| scorecards::submit(tx, plan, who, Some(rec), Some("Summary")))
        .unwrap();
}

#[test]
fn the_debrief_is_sealed_like_the_scores() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, _) = double_rated(&mut db);
    answer(&mut db, plan, ana, scored(1, 3));
    let err = debrief(db.conn(), plan).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Sealed);
    let input = DecisionInput {
        decision: DecisionKind::Hire,
        rationale: "Strong".into(),
        decided_by: "Dana".into(),
    };
    let err = db.with_tx(|tx| decide(tx, plan, &input)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Sealed);
}

#[test]
fn scores_spread_disagreement_capabilities_tally_and_agreement() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = double_rated(&mut db);
    for n in 1..=18 {
        answer(&mut db, plan, ana, scored(n, 3));
        let ben_score = match n {
            1 => 1, // spread 2: a disagreement
            2 => 4, // spread 1: not one
            _ => 3,
        };
        let mut mine = scored(n, ben_score);
        if n == 1 {
            mine.covered = vec![0, 1];
            mine.flags = vec![0];
            mine.notes = "Could not name a metric".into();
        }
        answer(&mut db, plan, ben, mine);
    }
    submit(&mut db, plan, ana, Recommendation::Yes);
    submit(&mut db, plan, ben, Recommendation::StrongNo);
    let d = debrief(db.conn(), plan).unwrap();

    assert_eq!(d.candidate, "Ζωή Łukasiewicz-Петрова");
    assert_eq!(d.questions.len(), 18);
    let q1 = &d.questions[0];
    assert_eq!(q1.number, 1);
    assert_eq!(q1.cells.len(), 2);
    assert_eq!((q1.min, q1.max, q1.spread), (Some(1), Some(3), Some(2)));
    assert_eq!(q1.mean, Some(2.0));
    assert!(q1.disagreement);
    assert_eq!(q1.red_flags, 1);
    let points = q1.strong_answer.len() as f64;
    assert_eq!(q1.coverage_rate, Some(2.0 / (2.0 * points)));
    assert_eq!(q1.cells[1].notes, "Could not name a metric");
    assert!(
        !d.questions[1].disagreement,
        "a spread of 1 is not a disagreement"
    );
    assert_eq!(
        top_disagreements(&d)
            .iter()
            .map(|q| q.number)
            .collect::<Vec<_>>(),
        vec![1]
    );

    // Per capability: the mean over every score of its questions.
    for c in &d.capabilities {
        let expected: Vec<f64> = d
            .questions
            .iter()
            .filter(|q| q.capabilities.contains(&c.capability))
            .flat_map(|q| q.cells.iter().filter_map(|x| x.score.map(f64::from)))
            .collect();
        assert_eq!(c.scores as usize, expected.len());
        if !expected.is_empty() {
            let mean = expected.iter().sum::<f64>() / expected.len() as f64;
            assert!((c.mean.unwrap() - mean).abs() < 1e-9);
        }
    }

    assert_eq!(
        d.tally,
        RecommendationTally {
            strong_no: 1,
            yes: 1,
            ..Default::default()
        }
    );
    assert!(d.completeness.complete);
    let agreement = d.agreement.expect("two raters per question");
    assert_eq!(agreement.pairs, 18);
    assert!((agreement.mean_absolute_difference - 3.0 / 18.0).abs() < 1e-9);
    assert!((agreement.exact_rate - 16.0 / 18.0).abs() < 1e-9);
    assert!((agreement.within_one_rate - 17.0 / 18.0).abs() < 1e-9);
}

#[test]
fn completeness_names_who_is_missing_and_what_was_not_asked() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = double_rated(&mut db);
    for n in 1..=18 {
        if n == 7 {
            answer(
                &mut db,
                plan,
                ana,
                AnswerInput {
                    question_number: 7,
                    not_asked_reason: Some("Ran out of time".into()),
                    ..Default::default()
                },
            );
        } else {
            answer(&mut db, plan, ana, scored(n, 3));
        }
    }
    submit(&mut db, plan, ana, Recommendation::Yes);
    // Ben is still writing: his draft 1 on question 1 must not move any figure.
    answer(&mut db, plan, ben, scored(1, 1));
    db.with_tx(|tx| scorecards::unseal(tx, plan, "Dana", "Committee meets tomorrow"))
        .unwrap();
    let d = debrief(db.conn(), plan).unwrap();
    assert_eq!(d.completeness.not_submitted, vec!["Ben".to_string()]);
    assert_eq!(d.completeness.never_scored, vec![7]);
    assert_eq!(d.completeness.not_asked.len(), 1);
    assert_eq!(d.completeness.not_asked[0].reason, "Ran out of time");
    assert!(!d.completeness.complete);
    assert_eq!(d.tally.pending, 1);
    assert!(d.agreement.is_none(), "only one rater scored anything");
    assert!(d
        .audit
        .iter()
        .any(|e| e.kind == crate::audit::AuditKind::from_slug("unsealed").unwrap()));
    let q1 = &d.questions[0];
    assert_eq!(
        q1.cells[1].score, None,
        "a draft stays its author's even after an early unseal…"
    );
    assert!(!q1.cells[1].submitted, "…marked as not submitted…");
    assert_eq!(
        (q1.mean, q1.spread),
        (Some(3.0), Some(0)),
        "…and not counted"
    );
    assert!(!q1.disagreement);
}

#[test]
fn a_decision_is_validated_recorded_replaced_and_audited() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db.with_tx(|tx| plans::create_scored_sample(tx)).unwrap();
    for (input, message) in [
        (
            DecisionInput {
                decision: DecisionKind::Hire,
                rationale: "   ".into(),
                decided_by: "Dana".into(),
            },
            "a decision needs a rationale",
        ),
        (
            DecisionInput {
                decision: DecisionKind::Hire,
                rationale: "x".repeat(20_001),
                decided_by: "Dana".into(),
            },
            "the rationale is longer than 20000 characters",
        ),
        (
            DecisionInput {
                decision: DecisionKind::Hire,
                rationale: "Good".into(),
                decided_by: " ".into(),
            },
            "who decided must not be empty",
        ),
    ] {
        let err = db.with_tx(|tx| decide(tx, plan, &input)).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    assert!(
        decision_of(db.conn(), plan).unwrap().is_none(),
        "refusals change nothing"
    );

    let hold = DecisionInput {
        decision: DecisionKind::Hold,
        rationale: "Reference check first".into(),
        decided_by: "Dana Whitfield".into(),
    };
    db.with_tx(|tx| decide(tx, plan, &hold)).unwrap();
    assert_eq!(
        plans::show(db.conn(), plan).unwrap().header.status,
        plans::PlanStatus::Debrief
    );
    let hire = DecisionInput {
        decision: DecisionKind::Hire,
        rationale: "References confirm the program story".into(),
        decided_by: "Dana Whitfield".into(),
    };
    db.with_tx(|tx| decide(tx, plan, &hire)).unwrap();
    let d = debrief(db.conn(), plan).unwrap();
    let decision = d.decision.unwrap();
    assert_eq!(decision.decision, DecisionKind::Hire);
    assert_eq!(decision.rationale, "References confirm the program story");
    assert_eq!(
        plans::show(db.conn(), plan).unwrap().header.status,
        plans::PlanStatus::Decided
    );
    let decided: Vec<_> = d
        .audit
        .iter()
        .filter(|e| e.kind == crate::audit::AuditKind::from_slug("decided").unwrap())
        .collect();
    assert_eq!(decided.len(), 2);
    assert!(
        decided[1].detail.contains("Reference check first"),
        "the old decision is kept"
    );
}
