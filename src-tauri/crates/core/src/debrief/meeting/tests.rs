//! The meeting's agenda, time and speaking order on crafted debriefs, and the record it keeps
//! beside the sealed scores without ever touching them.

use super::*;
use crate::debrief::{debrief, decide, DecisionInput, DecisionKind};
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, scorecard, AnswerInput, Recommendation, Viewer};
use crate::{Db, ErrorCode};

/// A plan where Ana and Ben both ask every question, with crafted scores: question `a` 1 vs 4,
/// `b` 1 vs 3, `c` 2 vs 4, every other 3 vs 3; Ben did not ask the questions probing Leaders.
struct Crafted {
    db: Db,
    plan: i64,
    ana: i64,
    ben: i64,
    leaders: Vec<u32>,
    a: u32,
    b: u32,
    c: u32,
}

fn crafted() -> Crafted {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ana, ben) = db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(tx, "Noor Haddad", &[("Ana", 240), ("Ben", 240)])?;
            plans::split_plan(tx, plan, Some(2))?;
            Ok((plan, ids[0], ids[1]))
        })
        .unwrap();
    let leaders: Vec<u32> = crate::bank::builtin()
        .questions
        .iter()
        .filter(|q| q.capabilities.contains(&Capability::Leaders))
        .map(|q| q.number)
        .collect();
    let others: Vec<u32> = (1..=18).filter(|n| !leaders.contains(n)).collect();
    let (a, b, c) = (others[0], others[1], others[2]);
    for n in 1..=18 {
        let (ana_score, ben_score) = match n {
            n if n == a => (1, 4),
            n if n == b => (1, 3),
            n if n == c => (2, 4),
            _ => (3, 3),
        };
        let ana_answer = AnswerInput {
            question_number: n,
            score: Some(ana_score),
            notes: format!("Ana on {n}"),
            ..Default::default()
        };
        let ben_answer = if leaders.contains(&n) {
            AnswerInput {
                question_number: n,
                not_asked_reason: Some("Ran out of time".into()),
                ..Default::default()
            }
        } else {
            AnswerInput {
                question_number: n,
                score: Some(ben_score),
                ..Default::default()
            }
        };
        db.with_tx(|tx| scorecards::save_answer(tx, plan, ana, &ana_answer))
            .unwrap();
        db.with_tx(|tx| scorecards::save_answer(tx, plan, ben, &ben_answer))
            .unwrap();
    }
    for (who, rec) in [(ana, Recommendation::No), (ben, Recommendation::Yes)] {
        db.with_tx(|tx| {
            scorecards::submit(tx, plan, who, Some(rec), Some("First line\nSecond line"))
        })
        .unwrap();
    }
    Crafted {
        db,
        plan,
        ana,
        ben,
        leaders,
        a,
        b,
        c,
    }
}

#[test]
fn time_is_split_by_weight_with_a_two_minute_floor_and_sums_exactly() {
    let seconds = allocate(&[3.0, 2.0, 1.0], 1800, MIN_ITEM_SECONDS);
    assert_eq!(seconds.iter().sum::<u32>(), 1800);
    assert_eq!(seconds, vec![900, 600, 300]);
    // A tiny weight is lifted to the floor and the rest is shared by the others.
    let seconds = allocate(&[10.0, 10.0, 0.1], 1800, MIN_ITEM_SECONDS);
    assert_eq!(seconds[2], MIN_ITEM_SECONDS);
    assert_eq!(seconds[0], seconds[1]);
    assert_eq!(seconds.iter().sum::<u32>(), 1800);
    // Odd seconds go to the largest remainders, earlier items first on ties.
    let seconds = allocate(&[1.0, 1.0, 1.0], 1000, MIN_ITEM_SECONDS);
    assert_eq!(seconds, vec![334, 333, 333]);
    // More items than the meeting holds at two minutes each: each gets two minutes, and the
    // meeting runs over rather than shortchanging an item.
    assert_eq!(allocate(&[1.0; 20], 1800, 120), vec![120; 20]);
    assert!(allocate(&[], 1800, 120).is_empty());
}

#[test]
fn speaking_order_is_the_leads_else_least_senior_first_else_the_panels() {
    let panel = [(1, None), (2, None), (3, None)];
    assert_eq!(speaking_order(&panel, &[]), vec![1, 2, 3]);
    let panel = [
        (1, Some(Seniority::Executive)),
        (2, None),
        (3, Some(Seniority::Junior)),
        (4, Some(Seniority::Junior)),
    ];
    // Not given counts as mid-level: after the juniors, before the executive.
    assert_eq!(speaking_order(&panel, &[]), vec![3, 4, 2, 1]);
    // The lead's order wins; panelists it leaves out follow in panel order; unknown ids drop.
    assert_eq!(speaking_order(&panel, &[4, 99, 1]), vec![4, 1, 2, 3]);
}

#[test]
fn the_agenda_puts_the_largest_disagreement_first_then_thin_evidence_then_additions() {
    let mut x = crafted();
    let m = meeting(x.db.conn(), x.plan).unwrap();
    assert!(m.started_at.is_none());
    let numbers: Vec<Option<u32>> = m.agenda.iter().map(|i| i.question_number).collect();
    // Spread 3 first; the two spread-2 questions in pack order (same number of scores).
    assert_eq!(&numbers[..3], &[Some(x.a), Some(x.b), Some(x.c)]);
    assert_eq!(m.agenda[0].spread, Some(3));
    assert_eq!(m.agenda[0].kind, AgendaKind::Disagreement);
    assert!(m.agenda[0].why.contains("1 to 4"), "{}", m.agenda[0].why);
    let thin = m
        .agenda
        .iter()
        .find(|i| i.capability == Some(Capability::Leaders))
        .expect("Leaders, scored by Ana alone, is thin");
    assert_eq!(thin.kind, AgendaKind::ThinEvidence);
    assert!(thin.why.contains("one panelist only"), "{}", thin.why);
    assert!(thin.why.contains("marked not asked"), "{}", thin.why);
    assert!(m.agenda[3..]
        .iter()
        .all(|i| i.kind == AgendaKind::ThinEvidence));
    // Numbers from 1; the time adds up to the meeting, split by weight.
    assert_eq!(
        m.agenda.iter().map(|i| i.number).collect::<Vec<_>>(),
        (1..=m.agenda.len() as u32).collect::<Vec<_>>()
    );
    assert_eq!(
        m.agenda.iter().map(|i| i.planned_seconds).sum::<u32>(),
        DEFAULT_LENGTH_MINUTES * 60
    );
    assert!(m.agenda[0].planned_seconds > m.agenda[1].planned_seconds);
    // The same data gives the same agenda, every time.
    assert_eq!(meeting(x.db.conn(), x.plan).unwrap().agenda, m.agenda);

    // The lead adds a question nobody disagreed on, and a topic.
    let calm = (1..=18)
        .find(|n| ![x.a, x.b, x.c].contains(n) && !x.leaders.contains(n))
        .unwrap();
    let plan = x.plan;
    let added =
        x.db.with_tx(|tx| {
            add_item(
                tx,
                plan,
                &AddedItem {
                    question_number: Some(calm),
                    title: String::new(),
                },
            )?;
            add_item(
                tx,
                plan,
                &AddedItem {
                    question_number: None,
                    title: "References to call".into(),
                },
            )
        })
        .unwrap();
    let last = &added.agenda[added.agenda.len() - 2..];
    assert_eq!(last[0].question_number, Some(calm));
    assert_eq!(last[0].kind, AgendaKind::Added);
    assert_eq!(last[1].title, "References to call");
    // A question already on the agenda, or not in the plan, is refused and changes nothing.
    for bad in [Some(x.a), Some(99), None] {
        let err =
            x.db.with_tx(|tx| {
                add_item(
                    tx,
                    plan,
                    &AddedItem {
                        question_number: bad,
                        title: "  ".into(),
                    },
                )
            })
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    }
    assert_eq!(meeting(x.db.conn(), plan).unwrap().agenda, added.agenda);
}

#[test]
fn starting_freezes_the_agenda_its_numbers_and_times() {
    let mut x = crafted();
    let plan = x.plan;
    let before = meeting(x.db.conn(), plan).unwrap();
    let started = x.db.with_tx(|tx| start(tx, plan)).unwrap();
    assert!(started.started_at.is_some());
    assert_eq!(started.agenda, before.agenda);
    // After the start nothing about the agenda moves.
    for attempt in [
        x.db.with_tx(|tx| set_length(tx, plan, 45)).map(|_| ()),
        x.db.with_tx(|tx| {
            add_item(
                tx,
                plan,
                &AddedItem {
                    question_number: None,
                    title: "Late topic".into(),
                },
            )
        })
        .map(|_| ()),
    ] {
        assert_eq!(attempt.unwrap_err().code(), ErrorCode::Conflict);
    }
    // Minutes and time are kept per item; an item that does not exist is refused.
    let saved =
        x.db.with_tx(|tx| {
            save_minutes(
                tx,
                &MinutesRequest {
                    plan_id: plan,
                    item_number: 2,
                    text: "Ben heard a metric; Ana did not.".into(),
                },
            )?;
            record_time(tx, plan, 2, 185)
        })
        .unwrap();
    assert_eq!(saved.agenda[1].minutes, "Ben heard a metric; Ana did not.");
    assert_eq!(saved.agenda[1].spent_seconds, 185);
    assert!(saved.has_record());
    let err =
        x.db.with_tx(|tx| {
            save_minutes(
                tx,
                &MinutesRequest {
                    plan_id: plan,
                    item_number: 99,
                    text: "x".into(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let audit = crate::audit::events(x.db.conn(), plan).unwrap();
    assert!(audit
        .iter()
        .any(|e| e.kind == crate::audit::AuditKind::MeetingStarted));
}

#[test]
fn the_first_minutes_start_the_meeting_they_number() {
    let mut x = crafted();
    let plan = x.plan;
    let m =
        x.db.with_tx(|tx| {
            save_minutes(
                tx,
                &MinutesRequest {
                    plan_id: plan,
                    item_number: 1,
                    text: "Opened on the metrics question.".into(),
                },
            )
        })
        .unwrap();
    assert!(m.started_at.is_some());
    assert_eq!(m.agenda[0].question_number, Some(x.a));
    assert_eq!(m.agenda[0].minutes, "Opened on the metrics question.");
}

#[test]
fn after_discussion_scores_are_a_second_layer_that_never_touches_the_sealed_scores() {
    let mut x = crafted();
    let plan = x.plan;
    let sealed_card = scorecard(x.db.conn(), plan, x.ana, Viewer::Other).unwrap();
    let sealed_debrief = debrief(x.db.conn(), plan).unwrap();
    let moved =
        x.db.with_tx(|tx| {
            // Item 1, the question of the largest spread, once the agenda is frozen.
            start(tx, plan)?;
            rescore(
                tx,
                &RescoreRequest {
                    plan_id: plan,
                    panelist_id: x.ana,
                    question_number: x.a,
                    score: 3,
                    reason: "Ben's notes show the metric she missed".into(),
                    item_number: Some(1),
                },
            )
        })
        .unwrap();
    let movement = &moved.outcome.movements[0];
    assert_eq!(
        (movement.panelist_name.as_str(), movement.question_number),
        ("Ana", x.a)
    );
    assert_eq!((movement.from, movement.to), (1, 3));
    assert_eq!(movement.item_number, Some(1));
    // The independent layer is what the panelists submitted, unchanged.
    assert_eq!(
        scorecard(x.db.conn(), plan, x.ana, Viewer::Other).unwrap(),
        sealed_card
    );
    let after = debrief(x.db.conn(), plan).unwrap();
    assert_eq!(after.questions, sealed_debrief.questions);
    assert_eq!(moved.outcome.independent, sealed_debrief.capabilities);
    // The after-discussion means move by exactly the two points on the capabilities the
    // question probes, and nowhere else.
    let probes = &sealed_debrief
        .questions
        .iter()
        .find(|q| q.number == x.a)
        .unwrap()
        .capabilities;
    for (raw, discussed) in moved
        .outcome
        .independent
        .iter()
        .zip(&moved.outcome.after_discussion)
    {
        let delta = discussed.mean.unwrap() - raw.mean.unwrap();
        if probes.contains(&raw.capability) {
            assert!(
                (delta - 2.0 / f64::from(raw.scores)).abs() < 1e-9,
                "{:?}",
                raw.capability
            );
        } else {
            assert!(delta.abs() < 1e-12, "{:?}", raw.capability);
        }
    }
    assert!(moved.outcome.after_discussion_mean > moved.outcome.independent_mean);
    assert_eq!(moved.outcome.tally, sealed_debrief.tally);

    // Back to the independent score withdraws the movement; both changes are audited.
    let back =
        x.db.with_tx(|tx| {
            rescore(
                tx,
                &RescoreRequest {
                    plan_id: plan,
                    panelist_id: x.ana,
                    question_number: x.a,
                    score: 1,
                    reason: "Recorded against the wrong panelist".into(),
                    item_number: None,
                },
            )
        })
        .unwrap();
    assert!(back.outcome.movements.is_empty());
    assert_eq!(back.outcome.after_discussion, back.outcome.independent);
    let trail = crate::audit::events(x.db.conn(), plan).unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.kind == crate::audit::AuditKind::DiscussionScore)
            .count(),
        2
    );
}

#[test]
fn a_movement_needs_a_reason_a_scorer_a_real_score_and_no_decision() {
    let mut x = crafted();
    let plan = x.plan;
    let leaders_q = x.leaders[0];
    let request = |panelist_id, question_number, score, reason: &str| RescoreRequest {
        plan_id: plan,
        panelist_id,
        question_number,
        score,
        reason: reason.into(),
        item_number: None,
    };
    for (bad, code) in [
        (request(x.ana, x.a, 3, "  "), ErrorCode::InvalidInput),
        (request(x.ana, x.a, 5, "why"), ErrorCode::InvalidInput),
        (request(x.ana, x.a, 0, "why"), ErrorCode::InvalidInput),
        // Ben marked it not asked: he has nothing to move from.
        (request(x.ben, leaders_q, 3, "why"), ErrorCode::InvalidInput),
        (request(x.ana, 99, 3, "why"), ErrorCode::InvalidInput),
        (request(9999, x.a, 3, "why"), ErrorCode::NotFound),
        // Already her independent score: nothing moved.
        (request(x.ana, x.a, 1, "why"), ErrorCode::InvalidInput),
    ] {
        let err = x.db.with_tx(|tx| rescore(tx, &bad)).unwrap_err();
        assert_eq!(err.code(), code, "{bad:?}: {err}");
    }
    let decision = DecisionInput {
        decision: DecisionKind::Hold,
        rationale: "References first".into(),
        decided_by: "Dana".into(),
    };
    x.db.with_tx(|tx| decide(tx, plan, &decision).map(|_| ()))
        .unwrap();
    let err =
        x.db.with_tx(|tx| rescore(tx, &request(x.ana, x.a, 3, "why")))
            .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(meeting(x.db.conn(), plan)
        .unwrap()
        .outcome
        .movements
        .is_empty());
    // Reopened, the panel may move again.
    x.db.with_tx(|tx| crate::debrief::reopen(tx, plan, "Late notes", "Dana"))
        .unwrap();
    x.db.with_tx(|tx| rescore(tx, &request(x.ana, x.a, 3, "why")))
        .unwrap();
}

#[test]
fn the_meeting_waits_for_the_seal_and_belongs_to_the_leads_plan() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db
        .with_tx(|tx| {
            let (plan, _) = plan_with_panel(tx, "Sam Okafor", &[("Ana", 240), ("Ben", 240)])?;
            plans::split_plan(tx, plan, None)?;
            Ok(plan)
        })
        .unwrap();
    assert_eq!(
        meeting(db.conn(), plan).unwrap_err().code(),
        ErrorCode::Sealed
    );
}

#[test]
fn the_speaking_order_follows_seniority_and_the_leads_choice() {
    let mut x = crafted();
    let plan = x.plan;
    let m = meeting(x.db.conn(), plan).unwrap();
    assert_eq!(
        m.speaking_order
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Ana", "Ben"]
    );
    assert_eq!(m.speaking_order[0].summary, "First line");
    assert_eq!(m.speaking_order[0].recommendation, Some(Recommendation::No));
    let m =
        x.db.with_tx(|tx| {
            set_seniority(tx, plan, x.ana, Some(Seniority::Executive))?;
            set_seniority(tx, plan, x.ben, Some(Seniority::Mid))
        })
        .unwrap();
    assert_eq!(m.speaking_order[0].name, "Ben");
    assert!(m.order_in_words.contains("Least senior first"));
    let m =
        x.db.with_tx(|tx| set_speaking_order(tx, plan, &[x.ana, x.ben]))
            .unwrap();
    assert_eq!(m.speaking_order[0].name, "Ana");
    assert!(m.order_set_by_lead);
    let err =
        x.db.with_tx(|tx| set_speaking_order(tx, plan, &[x.ana]))
            .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn bad_input_is_refused_specifically_and_changes_nothing() {
    let mut x = crafted();
    let plan = x.plan;
    let before = meeting(x.db.conn(), plan).unwrap();
    let refused =
        |db: &mut Db, what: &str, f: &dyn Fn(&rusqlite::Connection) -> crate::Result<Meeting>| {
            let err = db.with_tx(|tx| f(tx)).unwrap_err();
            (what.to_string(), err.code(), err.to_string())
        };
    for (what, code, message) in [
        refused(&mut x.db, "too short", &|c| set_length(c, plan, 4)),
        refused(&mut x.db, "too long", &|c| set_length(c, plan, 241)),
        refused(&mut x.db, "no added item", &|c| {
            remove_added_item(c, plan, 0)
        }),
        refused(&mut x.db, "unknown panelist", &|c| {
            set_seniority(c, plan, 9999, Some(Seniority::Senior))
        }),
        refused(&mut x.db, "control characters", &|c| {
            add_item(
                c,
                plan,
                &AddedItem {
                    question_number: None,
                    title: "Refs\u{7}".into(),
                },
            )
        }),
        refused(&mut x.db, "time before the start", &|c| {
            record_time(c, plan, 1, 60)
        }),
        refused(&mut x.db, "an item number before the start", &|c| {
            rescore(
                c,
                &RescoreRequest {
                    plan_id: plan,
                    panelist_id: 1,
                    question_number: 1,
                    score: 3,
                    reason: "why".into(),
                    item_number: Some(1),
                },
            )
        }),
    ] {
        assert!(
            matches!(
                code,
                ErrorCode::InvalidInput | ErrorCode::NotFound | ErrorCode::Conflict
            ),
            "{what}: {code:?} {message}"
        );
    }
    assert_eq!(
        meeting(x.db.conn(), plan).unwrap(),
        before,
        "nothing changed"
    );

    let started = x.db.with_tx(|tx| start(tx, plan)).unwrap();
    let item_b = started
        .agenda
        .iter()
        .find(|i| i.question_number == Some(x.b))
        .unwrap()
        .number;
    let request = |item| RescoreRequest {
        plan_id: plan,
        panelist_id: x.ana,
        question_number: x.a,
        score: 3,
        reason: "why".into(),
        item_number: Some(item),
    };
    for (what, result) in [
        (
            "time over a day",
            x.db.with_tx(|tx| record_time(tx, plan, 1, 24 * 3600 + 1)),
        ),
        (
            "no such item",
            x.db.with_tx(|tx| record_time(tx, plan, 99, 60)),
        ),
        (
            "minutes too long",
            x.db.with_tx(|tx| {
                save_minutes(
                    tx,
                    &MinutesRequest {
                        plan_id: plan,
                        item_number: 1,
                        text: "x".repeat(MAX_MINUTES_CHARS + 1),
                    },
                )
            }),
        ),
        // Item b is about question b, not question a.
        (
            "another question's item",
            x.db.with_tx(|tx| rescore(tx, &request(item_b))),
        ),
        // Once started, the order heard is fixed.
        (
            "order after the start",
            x.db.with_tx(|tx| set_speaking_order(tx, plan, &[x.ben, x.ana])),
        ),
        (
            "seniority after the start",
            x.db.with_tx(|tx| set_seniority(tx, plan, x.ana, None)),
        ),
    ] {
        assert!(result.is_err(), "{what} is refused");
    }
    // A newcomer would seal the scores again mid-meeting: refused.
    let err =
        x.db.with_tx(|tx| {
            plans::add_panelist(
                tx,
                plan,
                &plans::NewPanelist {
                    name: "Late Arrival".into(),
                    email: None,
                    slot_minutes: 60,
                    focus: Vec::new(),
                    excluded_questions: Vec::new(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert_eq!(
        meeting(x.db.conn(), plan).unwrap(),
        started,
        "nothing changed"
    );
    // Item 1 is about question a: a movement there is filed under it.
    x.db.with_tx(|tx| rescore(tx, &request(1))).unwrap();
}

#[test]
fn the_record_goes_with_a_data_access_export_and_with_the_candidates_purge() {
    let mut x = crafted();
    let plan = x.plan;
    x.db.with_tx(|tx| {
        save_minutes(
            tx,
            &MinutesRequest {
                plan_id: plan,
                item_number: 1,
                text: "Marker-minutes-7Q".into(),
            },
        )?;
        rescore(
            tx,
            &RescoreRequest {
                plan_id: plan,
                panelist_id: x.ana,
                question_number: x.a,
                score: 2,
                reason: "Marker-reason-7Q".into(),
                item_number: Some(1),
            },
        )
    })
    .unwrap();
    let held = stored_record(x.db.conn(), plan).unwrap();
    assert_eq!(held["agenda"][0]["questionNumber"], x.a);
    assert_eq!(held["agenda"][0]["minutes"], "Marker-minutes-7Q");
    assert_eq!(held["afterDiscussionScores"][0]["questionNumber"], x.a);
    assert_eq!(held["afterDiscussionScores"][0]["agendaItem"], 1);
    let export = crate::privacy::subject_export(x.db.conn(), plan).unwrap();
    assert!(export.to_string().contains("Marker-reason-7Q"));

    crate::privacy::purge_plan(x.db.conn(), plan).unwrap();
    let left: i64 = x
        .db
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM debrief_meetings) + (SELECT count(*) FROM meeting_items)
                  + (SELECT count(*) FROM discussion_scores)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "the meeting goes with the plan");
}
