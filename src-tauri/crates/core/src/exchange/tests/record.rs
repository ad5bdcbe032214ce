//! The record a returned scorecard keeps: a new revision changes only what its new amendments
//! explain, history is never rewritten, and nothing arrives after the decision unless the lead
//! reopens it.

use super::*;
use crate::audit::AuditKind;
use crate::debrief::{self, DecisionInput, DecisionKind};

/// A lead with an imported first revision of Ana's card, the panelist's copy, and the kit's
/// secret (which the panelist holds, and so can sign whatever they like).
fn returned() -> (Db, i64, Db, i64, i64, Vec<u8>) {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let secret = hex::decode(parse_kit(&kits[0]).secret).unwrap();
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let first = export(&mut pdb, pplan, ppanelist);
    import(&mut lead_db, &first.bytes, ImportOptions::default()).unwrap();
    (lead_db, plan, pdb, pplan, ppanelist, secret)
}

/// The panelist's next export, parsed, to be altered and signed again with the kit's secret.
fn next_revision(pdb: &mut Db, pplan: i64, ppanelist: i64) -> ScorecardFile {
    let file = export(pdb, pplan, ppanelist);
    let ExchangeFile::Scorecard(card) = parse(&file.bytes).unwrap() else {
        panic!("a scorecard")
    };
    card
}

fn signed(mut card: ScorecardFile, secret: &[u8]) -> Vec<u8> {
    card.signature = sign(&card.body, secret);
    serde_json::to_vec(&card).unwrap()
}

#[test]
fn a_revision_that_changes_a_score_without_an_amendment_is_refused_by_question() {
    let (mut lead_db, _plan, mut pdb, pplan, ppanelist, secret) = returned();
    // A real amendment makes revision 2, so the file is a newer revision...
    let amended = amend(&mut pdb, pplan, ppanelist, 0, 4);
    let mut card = next_revision(&mut pdb, pplan, ppanelist);
    // ...and its author also quietly changes another score, re-signing with the kit's secret.
    let other = &mut card.body.scorecard.answers[1];
    let quiet = other.question_number;
    assert_ne!(quiet, amended);
    other.score = Some(1);
    refused(
        &mut lead_db,
        &signed(card, &secret),
        ErrorCode::Rejected,
        &format!("it changes question {quiet} from score 3 to score 1 without an amendment"),
    );
}

#[test]
fn an_invented_amendment_is_refused_because_it_does_not_start_from_what_was_held() {
    let (mut lead_db, _plan, mut pdb, pplan, ppanelist, secret) = returned();
    let q = amend(&mut pdb, pplan, ppanelist, 0, 4);
    let mut card = next_revision(&mut pdb, pplan, ppanelist);
    // The amendment claims the held score was 2, to make a bigger change look small.
    card.body.scorecard.amendments[0].old.score = Some(2);
    refused(
        &mut lead_db,
        &signed(card, &secret),
        ErrorCode::Rejected,
        &format!(
            "its amendment of question {q} starts from score 2 but the revision held here has \
             score 3"
        ),
    );
}

#[test]
fn a_later_revision_cannot_rewrite_an_amendment_already_recorded() {
    let (mut lead_db, _plan, mut pdb, pplan, ppanelist, secret) = returned();
    let q = amend(&mut pdb, pplan, ppanelist, 0, 4);
    let second = export(&mut pdb, pplan, ppanelist);
    import(&mut lead_db, &second.bytes, ImportOptions::default()).unwrap();
    pdb.with_tx(|tx| {
        scorecards::amend(
            tx,
            pplan,
            ppanelist,
            &scorecards::Amendment {
                question_number: q,
                score: Some(2),
                notes: None,
                reason: "Second thoughts".into(),
            },
            None,
        )
    })
    .unwrap();
    let mut card = next_revision(&mut pdb, pplan, ppanelist);
    card.body.scorecard.amendments[0].reason = "A different story".into();
    refused(
        &mut lead_db,
        &signed(card, &secret),
        ErrorCode::Rejected,
        "its amendment 1 (question",
    );
}

#[test]
fn a_revision_whose_amendments_do_not_lead_to_its_answers_is_refused_even_first() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let secret = hex::decode(parse_kit(&kits[0]).secret).unwrap();
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let q = amend(&mut pdb, pplan, ppanelist, 0, 4);
    let mut card = next_revision(&mut pdb, pplan, ppanelist);
    card.body.scorecard.answers[0].score = Some(2);
    refused(
        &mut lead_db,
        &signed(card, &secret),
        ErrorCode::Rejected,
        &format!("its last amendment of question {q} does not match the answer it holds"),
    );
}

#[test]
fn after_the_decision_a_revision_waits_until_the_lead_reopens_it_and_both_are_audited() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let mut copies = Vec::new();
    for kit in &kits {
        let (mut pdb, pplan, ppanelist) = panelist_scores(kit, 3);
        let file = export(&mut pdb, pplan, ppanelist);
        import(&mut lead_db, &file.bytes, ImportOptions::default()).unwrap();
        copies.push((pdb, pplan, ppanelist));
    }
    lead_db
        .with_tx(|tx| {
            debrief::decide(
                tx,
                plan,
                &DecisionInput {
                    decision: DecisionKind::Hire,
                    rationale: "Strong on every capability".into(),
                    decided_by: "Dana Whitfield".into(),
                },
            )
        })
        .unwrap();
    let (pdb, pplan, ppanelist) = &mut copies[0];
    amend(pdb, *pplan, *ppanelist, 0, 1);
    let late = export(pdb, *pplan, *ppanelist);
    refused(
        &mut lead_db,
        &late.bytes,
        ErrorCode::Rejected,
        "a scorecard is accepted after that only once the lead reopens the decision",
    );
    let err = lead_db
        .with_tx(|tx| debrief::reopen(tx, plan, " ", "Dana Whitfield"))
        .unwrap_err();
    assert_eq!(err.to_string(), "reopening a decision needs a reason");
    lead_db
        .with_tx(|tx| {
            debrief::reopen(
                tx,
                plan,
                "Ana amended a score after the debrief",
                "Dana Whitfield",
            )
        })
        .unwrap();
    assert_eq!(debrief::decision_of(lead_db.conn(), plan).unwrap(), None);
    import(&mut lead_db, &late.bytes, ImportOptions::default()).unwrap();
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    let reopened = trail
        .iter()
        .find(|e| e.kind == AuditKind::DecisionReopened)
        .expect("the reopening is in the trail");
    assert_eq!(reopened.actor, "Dana Whitfield");
    assert!(reopened
        .detail
        .contains("amended a score after the debrief"));
    assert!(
        reopened.detail.contains("\"decision\":\"hire\""),
        "{}",
        reopened.detail
    );
}

#[test]
fn an_amendment_made_by_someone_else_is_logged_under_their_name() {
    // Ana scored on the lead's computer (no kit), then tells the lead of a typo.
    let (mut lead_db, plan, ids) = lead();
    let card =
        scorecards::scorecard(lead_db.conn(), plan, ids[0], Viewer::Panelist(ids[0])).unwrap();
    for a in &card.answers {
        let answer = AnswerInput {
            question_number: a.answer.question_number,
            score: Some(3),
            ..Default::default()
        };
        lead_db
            .with_tx(|tx| scorecards::save_answer(tx, plan, ids[0], &answer))
            .unwrap();
    }
    lead_db
        .with_tx(|tx| scorecards::submit(tx, plan, ids[0], Some(Recommendation::Yes), None))
        .unwrap();
    let q = card.answers[0].answer.question_number;
    lead_db
        .with_tx(|tx| {
            scorecards::amend(
                tx,
                plan,
                ids[0],
                &scorecards::Amendment {
                    question_number: q,
                    score: Some(2),
                    notes: None,
                    reason: "Ana phoned: she meant Mixed".into(),
                },
                Some("Dana Whitfield"),
            )
        })
        .unwrap();
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    let amended = trail
        .iter()
        .rfind(|e| e.kind == AuditKind::Amended)
        .unwrap();
    assert_eq!(
        amended.actor, "Dana Whitfield",
        "not Ana, who did not make it"
    );
}

#[test]
fn a_returned_card_is_read_only_on_the_leads_computer() {
    let (mut lead_db, plan, _pdb, _pplan, _ppanelist, _secret) = returned();
    let ana = plans::show(lead_db.conn(), plan).unwrap().panelists[0].id;
    let q = plans::show(lead_db.conn(), plan).unwrap().questions_of(ana)[0].question_number;
    let before = scorecard_tables(&lead_db);
    let err = scorecards::interview(lead_db.conn(), plan, ana).unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::Sealed,
        "interview mode refuses it: {err}"
    );
    assert!(
        err.to_string().contains("came back from their own laptop"),
        "{err}"
    );
    let err = lead_db
        .with_tx(|tx| {
            scorecards::amend(
                tx,
                plan,
                ana,
                &scorecards::Amendment {
                    question_number: q,
                    score: Some(1),
                    notes: None,
                    reason: "The lead would rather".into(),
                },
                Some("Dana Whitfield"),
            )
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Sealed, "{err}");
    assert_eq!(scorecard_tables(&lead_db), before, "nothing changed");
}
