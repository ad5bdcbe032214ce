//! Scorecards coming back: the round trip, and every refusal leaving the database unchanged.

use super::*;
use crate::plans::PlanMode;

#[test]
fn round_trip_lead_to_two_panelists_and_back() {
    let (mut lead_db, plan, ids) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    for (kit, score) in kits.iter().zip([3u8, 2]) {
        let (mut pdb, pplan, ppanelist) = panelist_scores(kit, score);
        let detail = plans::show(pdb.conn(), pplan).unwrap();
        assert_eq!(detail.mode, PlanMode::Panelist);
        assert_eq!(detail.panelists.len(), 1);
        assert!(detail.warnings.is_empty());
        let file = export(&mut pdb, pplan, ppanelist);
        assert_eq!(file.revision, 1);
        let outcome = import(&mut lead_db, &file.bytes, ImportOptions::default()).unwrap();
        let ImportOutcome::Scorecard(s) = outcome else {
            panic!()
        };
        assert!(!s.already_imported);
        assert_eq!(s.revision, 1);
    }
    let detail = plans::show(lead_db.conn(), plan).unwrap();
    assert_eq!(
        detail.header.status,
        plans::PlanStatus::Debrief,
        "both cards in: debrief"
    );
    assert!(detail
        .exchange
        .iter()
        .all(|e| e.received_revision == Some(1)));
    let ana = scorecards::scorecard(lead_db.conn(), plan, ids[0], Viewer::Other).unwrap();
    assert_eq!(ana.recommendation, Some(Recommendation::Yes));
    assert!(ana
        .answers
        .iter()
        .all(|a| a.answer.score == Some(3) && a.answer.covered == vec![0]));
    assert!(ana.answers[0].answer.notes.starts_with("Ana on question"));
    let debrief = crate::debrief::debrief(lead_db.conn(), plan).unwrap();
    assert_eq!(debrief.completeness.not_submitted.len(), 0);
}

#[test]
fn every_bad_scorecard_is_refused_specifically_and_changes_nothing() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let good = export(&mut pdb, pplan, ppanelist);
    let text = String::from_utf8(good.bytes.clone()).unwrap();

    // One changed character in a note.
    let tampered = text.replacen("clear trade-offs", "clear trade-offz", 1);
    assert_ne!(tampered, text);
    refused(
        &mut lead_db,
        tampered.as_bytes(),
        ErrorCode::Rejected,
        "signature does not match",
    );
    // A changed score.
    let tampered = text.replacen("\"score\": 3", "\"score\": 4", 1);
    refused(
        &mut lead_db,
        tampered.as_bytes(),
        ErrorCode::Rejected,
        "signature does not match",
    );
    // An extra field the signature would not cover.
    let extra = text.replacen("\"summary\"", "\"bonus\": 1,\n      \"summary\"", 1);
    refused(
        &mut lead_db,
        extra.as_bytes(),
        ErrorCode::Rejected,
        "malformed",
    );
    // Truncated.
    refused(
        &mut lead_db,
        &good.bytes[..good.bytes.len() / 2],
        ErrorCode::Rejected,
        "ends too early",
    );
    // Wrong format version, wrong file type, not JSON, empty.
    let newer = text.replacen("\"formatVersion\": 1", "\"formatVersion\": 2", 1);
    refused(
        &mut lead_db,
        newer.as_bytes(),
        ErrorCode::Rejected,
        "newer version of Hiring Panel",
    );
    refused(
        &mut lead_db,
        b"{\"format\": \"something/else\"}",
        ErrorCode::Rejected,
        "not a Hiring Panel",
    );
    refused(
        &mut lead_db,
        b"%PDF-1.7\n",
        ErrorCode::Rejected,
        "not a Hiring Panel",
    );
    refused(&mut lead_db, b"", ErrorCode::Rejected, "empty");
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    refused(&mut lead_db, &huge, ErrorCode::Rejected, "at most 16 MB");

    // A scorecard for another plan (another lead's kit).
    let (mut other_lead, other_plan, _) = lead();
    let other_kits = issue_kits(&mut other_lead, other_plan);
    let (mut odb, oplan, opanelist) = panelist_scores(&other_kits[0], 2);
    let foreign = export(&mut odb, oplan, opanelist);
    refused(
        &mut lead_db,
        &foreign.bytes,
        ErrorCode::Rejected,
        "not in this database",
    );

    // Imports, then the same file again is a no-op.
    import(&mut lead_db, &good.bytes, ImportOptions::default()).unwrap();
    let before = scorecard_tables(&lead_db);
    let ImportOutcome::Scorecard(again) =
        import(&mut lead_db, &good.bytes, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    assert!(again.already_imported);
    assert_eq!(scorecard_tables(&lead_db), before);

    // An amendment makes revision 2; revision 1 is then refused as older.
    pdb.with_tx(|tx| {
        scorecards::amend(
            tx,
            pplan,
            ppanelist,
            &scorecards::Amendment {
                question_number: scorecards::scorecard(
                    tx,
                    pplan,
                    ppanelist,
                    Viewer::Panelist(ppanelist),
                )?
                .answers[0]
                    .answer
                    .question_number,
                score: Some(4),
                notes: None,
                reason: "Re-read my notes".into(),
            },
            None,
        )
    })
    .unwrap();
    let newer = export(&mut pdb, pplan, ppanelist);
    assert_eq!(newer.revision, 2);
    let same_again = export(&mut pdb, pplan, ppanelist);
    assert_eq!(
        same_again.revision, 2,
        "unchanged content keeps its revision"
    );
    let ImportOutcome::Scorecard(s) =
        import(&mut lead_db, &newer.bytes, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    assert_eq!(s.previous_revision, Some(1));
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.kind == crate::audit::AuditKind::from_slug("amended").unwrap())
            .count(),
        1,
        "the amendment travels"
    );
    refused(
        &mut lead_db,
        &good.bytes,
        ErrorCode::Rejected,
        "older than revision 2",
    );
    // Re-importing revision 2 does not duplicate the amendment in the trail.
    import(&mut lead_db, &same_again.bytes, ImportOptions::default()).unwrap();
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.kind == crate::audit::AuditKind::from_slug("amended").unwrap())
            .count(),
        1
    );
}

#[test]
fn a_scorecard_submitted_on_the_leads_computer_is_replaced_only_by_choice() {
    let (mut lead_db, plan, ids) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    // Ana also scored on the lead's machine and submitted there.
    let numbers: Vec<u32> = plans::show(lead_db.conn(), plan)
        .unwrap()
        .questions_of(ids[0])
        .iter()
        .map(|a| a.question_number)
        .collect();
    for n in numbers {
        lead_db
            .with_tx(|tx| {
                scorecards::save_answer(
                    tx,
                    plan,
                    ids[0],
                    &AnswerInput {
                        question_number: n,
                        score: Some(1),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
    }
    lead_db
        .with_tx(|tx| scorecards::submit(tx, plan, ids[0], Some(Recommendation::No), None))
        .unwrap();
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let file = export(&mut pdb, pplan, ppanelist);
    refused(
        &mut lead_db,
        &file.bytes,
        ErrorCode::Conflict,
        "was submitted on this computer",
    );
    replace_local(&mut lead_db, &file.bytes);
    let ana =
        scorecards::scorecard(lead_db.conn(), plan, ids[0], Viewer::Panelist(ids[0])).unwrap();
    assert_eq!(ana.recommendation, Some(Recommendation::Yes));
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    let imported = trail
        .iter()
        .find(|e| e.kind == crate::audit::AuditKind::from_slug("scorecard imported").unwrap())
        .unwrap();
    assert!(
        imported.detail.contains("\"replacedLocal\":true"),
        "{}",
        imported.detail
    );
}

#[test]
fn a_signed_scorecard_that_breaks_the_submit_rules_is_refused() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let secret = hex::decode(parse_kit(&kits[0]).secret).unwrap();
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let good = export(&mut pdb, pplan, ppanelist);
    let ExchangeFile::Scorecard(mut card) = parse(&good.bytes).unwrap() else {
        panic!()
    };
    // Signed with the real kit, but a draft with an unanswered question: not what submit allows.
    card.body.scorecard.status = crate::scorecards::ScorecardStatus::Draft;
    card.body.scorecard.answers[0].score = None;
    card.signature = sign(&card.body, &secret);
    let bytes = serde_json::to_vec(&card).unwrap();
    refused(&mut lead_db, &bytes, ErrorCode::Rejected, "never submitted");
    card.body.scorecard.status = crate::scorecards::ScorecardStatus::Submitted;
    card.signature = sign(&card.body, &secret);
    let bytes = serde_json::to_vec(&card).unwrap();
    refused(
        &mut lead_db,
        &bytes,
        ErrorCode::Rejected,
        "neither scored nor marked not asked",
    );
    card.body.scorecard.answers[0].score = Some(3);
    card.body.revision = 0;
    card.signature = sign(&card.body, &secret);
    let bytes = serde_json::to_vec(&card).unwrap();
    refused(
        &mut lead_db,
        &bytes,
        ErrorCode::Rejected,
        "revisions start at 1",
    );
}
