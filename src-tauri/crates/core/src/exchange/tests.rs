//! Exchange: kits out, scorecards back, and every way a file can be wrong.

use proptest::prelude::*;

use super::*;
use crate::plans;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput, Recommendation, Viewer};
use crate::{Db, ErrorCode};

/// A lead's database with a split plan for two panelists; returns the plan and panelist ids.
fn lead() -> (Db, i64, Vec<i64>) {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(tx, "Zoë Łukasiewicz", &[("Ana", 60), ("Ben", 60)])?;
            plans::split_plan(tx, plan, None)?;
            Ok((plan, ids))
        })
        .unwrap();
    (db, plan, ids)
}

fn send_kits(db: &mut Db, plan: i64) -> Vec<IssuedKit> {
    db.with_tx(|tx| export_kits(tx, plan)).unwrap()
}

/// Imports a kit on a fresh panelist database and scores every question `score`, with a note.
fn panelist_scores(kit: &IssuedKit, score: u8) -> (Db, i64, i64) {
    let mut db = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(k) = import(&mut db, &kit.bytes, ImportOptions::default()).unwrap()
    else {
        panic!("a kit imports as a kit")
    };
    let card = scorecards::scorecard(
        db.conn(),
        k.plan_id,
        k.panelist_id,
        Viewer::Panelist(k.panelist_id),
    )
    .unwrap();
    for a in &card.answers {
        let answer = AnswerInput {
            question_number: a.question_number,
            score: Some(score),
            covered: vec![0],
            notes: format!(
                "{} on question {}: clear trade-offs",
                kit.panelist_name, a.question_number
            ),
            seconds_spent: 300,
            ..Default::default()
        };
        db.with_tx(|tx| scorecards::save_answer(tx, k.plan_id, k.panelist_id, &answer))
            .unwrap();
    }
    db.with_tx(|tx| {
        scorecards::submit(
            tx,
            k.plan_id,
            k.panelist_id,
            Some(Recommendation::Yes),
            Some("Solid."),
        )
    })
    .unwrap();
    (db, k.plan_id, k.panelist_id)
}

fn export(db: &mut Db, plan: i64, panelist: i64) -> ExportedScorecard {
    db.with_tx(|tx| export_scorecard(tx, plan, panelist))
        .unwrap()
}

/// Everything the scorecard tables hold, as one string to compare before and after.
fn scorecard_tables(db: &Db) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT id, plan_id, panelist_id, status, recommendation, summary, submitted_at FROM scorecards ORDER BY id",
        "SELECT id, scorecard_id, question_id, score, not_asked_reason, notes FROM answers ORDER BY id",
        "SELECT answer_id, point_index FROM answer_coverage ORDER BY 1, 2",
        "SELECT answer_id, signal_index FROM answer_red_flags ORDER BY 1, 2",
        "SELECT panelist_id, kit_id, revision, digest FROM scorecard_receipts ORDER BY 1",
        "SELECT id, kind, detail FROM audit_events ORDER BY id",
        "SELECT id, status FROM plans ORDER BY id",
    ] {
        let mut stmt = db.conn().prepare(sql).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = Vec::new();
                for i in 0..cols {
                    line.push(format!("{:?}", r.get_ref(i)?));
                }
                Ok(line.join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

fn refused(db: &mut Db, bytes: &[u8], code: ErrorCode, says: &str) {
    let before = scorecard_tables(db);
    let err = import(db, bytes, ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert!(
        err.to_string().contains(says),
        "{err:?} should say {says:?}"
    );
    assert_eq!(
        scorecard_tables(db),
        before,
        "a refusal changed the database"
    );
}

#[test]
fn a_kit_carries_only_its_panelists_questions_and_no_scores() {
    let (mut db, plan, ids) = lead();
    let kits = send_kits(&mut db, plan);
    assert_eq!(kits.len(), 2);
    let detail = plans::show(db.conn(), plan).unwrap();
    for (kit, &id) in kits.iter().zip(&ids) {
        let ExchangeFile::Kit(file) = parse(&kit.bytes).unwrap() else {
            panic!()
        };
        let mine: Vec<u32> = detail
            .questions_of(id)
            .iter()
            .map(|a| a.question_number)
            .collect();
        let carried: Vec<u32> = file.kit.questions.iter().map(|q| q.number).collect();
        assert_eq!(carried, mine);
        assert_eq!(file.kit.panelist.id, id);
        assert_eq!(file.kit.plan.candidate, "Zoë Łukasiewicz");
        let text = String::from_utf8(kit.bytes.clone()).unwrap();
        assert!(!text.contains("\"score\""), "a kit never holds scores");
        assert!(kit.file_name.ends_with(".hpkit"), "{}", kit.file_name);
    }
}

#[test]
fn round_trip_lead_to_two_panelists_and_back() {
    let (mut lead_db, plan, ids) = lead();
    let kits = send_kits(&mut lead_db, plan);
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
        detail.status,
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
        .all(|a| a.score == Some(3) && a.covered == vec![0]));
    assert!(ana.answers[0].notes.starts_with("Ana on question"));
    let debrief = crate::debrief::debrief(lead_db.conn(), plan).unwrap();
    assert_eq!(debrief.completeness.not_submitted.len(), 0);
}

#[test]
fn every_bad_scorecard_is_refused_specifically_and_changes_nothing() {
    let (mut lead_db, plan, _) = lead();
    let kits = send_kits(&mut lead_db, plan);
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
    let other_kits = send_kits(&mut other_lead, other_plan);
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
                    .question_number,
                score: Some(4),
                notes: None,
                reason: "Re-read my notes".into(),
            },
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
        trail.iter().filter(|e| e.kind == "amended").count(),
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
    assert_eq!(trail.iter().filter(|e| e.kind == "amended").count(), 1);
}

#[test]
fn a_return_made_with_an_old_kit_is_refused_after_the_panel_changes() {
    let (mut lead_db, plan, ids) = lead();
    let first = send_kits(&mut lead_db, plan);
    let (mut pdb, pplan, ppanelist) = panelist_scores(&first[0], 3);
    let old_return = export(&mut pdb, pplan, ppanelist);

    // Sending again without changes re-issues the same kits.
    let again = send_kits(&mut lead_db, plan);
    assert!(again.iter().all(|k| !k.new));
    assert_eq!(again[0].bytes.len(), first[0].bytes.len());

    // A third panelist joins. Auto-split keeps the questions of everyone holding a kit...
    let chloe = lead_db
        .with_tx(|tx| {
            let chloe = plans::add_panelist(
                tx,
                plan,
                &plans::NewPanelist {
                    name: "Chloé".into(),
                    email: None,
                    slot_minutes: 60,
                    focus: vec![],
                    excluded_questions: vec![],
                },
            )?;
            plans::split_plan(tx, plan, None)?;
            Ok(chloe)
        })
        .unwrap();
    let status = plans::show(lead_db.conn(), plan).unwrap().exchange;
    assert!(
        status.iter().all(|s| !s.kit_outdated),
        "auto-split invalidates no kit"
    );
    // ...and a question moved by hand from Ana to Chloé makes Ana's kit outdated.
    let anas = plans::show(lead_db.conn(), plan)
        .unwrap()
        .questions_of(ids[0])[0]
        .question_number;
    lead_db
        .with_tx(|tx| plans::assign(tx, plan, anas, chloe, false))
        .unwrap();
    let status = plans::show(lead_db.conn(), plan).unwrap().exchange;
    assert!(
        status[0].kit_outdated,
        "the plan screen says kits must be sent again"
    );
    let second = send_kits(&mut lead_db, plan);
    assert!(second.iter().any(|k| k.new));
    refused(
        &mut lead_db,
        &old_return.bytes,
        ErrorCode::Rejected,
        "made with an old kit",
    );

    // Removing a panelist: a return with their kit says they were removed.
    assert_eq!(second[1].panelist_id, ids[1], "kits come in panel order");
    let (mut bdb, bplan, bpanelist) = panelist_scores(&second[1], 2);
    let ben_return = export(&mut bdb, bplan, bpanelist);
    lead_db
        .with_tx(|tx| plans::remove_panelist(tx, plan, ids[1]))
        .unwrap();
    refused(
        &mut lead_db,
        &ben_return.bytes,
        ErrorCode::Rejected,
        "was removed from the panel",
    );

    // Ben's replacement joins; auto-split gives them Ben's questions and touches nobody's kit.
    let ben_questions: Vec<u32> = {
        let mut q: Vec<u32> = parse_kit(&second[1])
            .questions
            .iter()
            .map(|q| q.number)
            .collect();
        q.sort_unstable();
        q
    };
    let dev = lead_db
        .with_tx(|tx| {
            let dev = plans::add_panelist(
                tx,
                plan,
                &plans::NewPanelist {
                    name: "Dev".into(),
                    email: None,
                    slot_minutes: 120,
                    focus: vec![],
                    excluded_questions: vec![],
                },
            )?;
            plans::split_plan(tx, plan, None)?;
            Ok(dev)
        })
        .unwrap();
    let after = plans::show(lead_db.conn(), plan).unwrap();
    let mut devs: Vec<u32> = after
        .questions_of(dev)
        .iter()
        .map(|a| a.question_number)
        .collect();
    devs.sort_unstable();
    assert_eq!(
        devs, ben_questions,
        "the replacement takes exactly Ben's questions"
    );
    assert!(after.exchange.iter().all(|e| !e.kit_outdated));
    let third = send_kits(&mut lead_db, plan);
    let fresh: Vec<i64> = third
        .iter()
        .filter(|k| k.new)
        .map(|k| k.panelist_id)
        .collect();
    assert_eq!(fresh, vec![dev], "only the replacement needs a kit");
}

fn parse_kit(kit: &IssuedKit) -> Kit {
    match parse(&kit.bytes).unwrap() {
        ExchangeFile::Kit(file) => file.kit,
        other => panic!("not a kit: {other:?}"),
    }
}

#[test]
fn a_scorecard_submitted_on_the_leads_computer_is_replaced_only_by_choice() {
    let (mut lead_db, plan, ids) = lead();
    let kits = send_kits(&mut lead_db, plan);
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
    let ImportOutcome::Scorecard(s) = import(
        &mut lead_db,
        &file.bytes,
        ImportOptions {
            replace_local: true,
            passphrase: None,
        },
    )
    .unwrap() else {
        panic!()
    };
    assert!(s.replaced_local);
    let ana =
        scorecards::scorecard(lead_db.conn(), plan, ids[0], Viewer::Panelist(ids[0])).unwrap();
    assert_eq!(ana.recommendation, Some(Recommendation::Yes));
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    let imported = trail
        .iter()
        .find(|e| e.kind == "scorecard imported")
        .unwrap();
    assert!(
        imported.detail.contains("\"replacedLocal\":true"),
        "{}",
        imported.detail
    );
}

#[test]
fn a_panelist_copy_is_for_scoring_not_for_running_the_panel() {
    let (mut lead_db, plan, _) = lead();
    let kits = send_kits(&mut lead_db, plan);
    let mut pdb = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(k) = import(&mut pdb, &kits[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    // The same kit again: nothing new.
    let before = scorecard_tables(&pdb);
    let ImportOutcome::Kit(again) =
        import(&mut pdb, &kits[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    assert!(again.already_imported);
    assert_eq!(again.plan_id, k.plan_id);
    assert_eq!(scorecard_tables(&pdb), before);
    // No splitting, no kits, no scorecard export before submitting.
    let err = pdb
        .with_tx(|tx| plans::split_plan(tx, k.plan_id, None))
        .unwrap_err();
    assert!(err.to_string().contains("panelist's copy"), "{err}");
    let err = pdb.with_tx(|tx| export_kits(tx, k.plan_id)).unwrap_err();
    assert!(err.to_string().contains("panelist's copy"), "{err}");
    let err = pdb
        .with_tx(|tx| export_scorecard(tx, k.plan_id, k.panelist_id))
        .unwrap_err();
    assert!(err.to_string().contains("submit the scorecard"), "{err}");
    // A kit opened on the lead's own machine is refused, and a scorecard there goes nowhere.
    refused(
        &mut lead_db,
        &kits[0].bytes,
        ErrorCode::Rejected,
        "issued from this database",
    );
    // The lead's own plan does not export scorecard files.
    let err = lead_db
        .with_tx(|tx| export_scorecard(tx, plan, 1))
        .unwrap_err();
    assert!(err.to_string().contains("panel lead's own plan"), "{err}");
}

#[test]
fn a_kit_whose_pack_differs_from_the_local_pack_version_is_refused() {
    let (mut lead_db, plan, _) = lead();
    let kits = send_kits(&mut lead_db, plan);
    let mut file = match parse(&kits[0].bytes).unwrap() {
        ExchangeFile::Kit(k) => k,
        _ => panic!(),
    };
    file.kit.questions[0].text.push_str(" (reworded)");
    let bytes = serde_json::to_vec(&file).unwrap();
    let mut pdb = Db::open_in_memory().unwrap();
    refused(
        &mut pdb,
        &bytes,
        ErrorCode::Rejected,
        "differs from question",
    );
}

#[test]
fn a_passphrase_protects_kits_and_scorecards_end_to_end() {
    let (mut lead_db, plan, _) = lead();
    let outbox = tempfile::tempdir().unwrap();
    let err = super::send_kits(&mut lead_db, plan, outbox.path(), Some("short")).unwrap_err();
    assert!(err.to_string().contains("at least 8 characters"), "{err}");
    let sent = super::send_kits(
        &mut lead_db,
        plan,
        outbox.path(),
        Some("blue heron at dawn"),
    )
    .unwrap();
    let kit = std::fs::read(&sent[0].path).unwrap();
    assert!(is_encrypted(&kit));
    assert!(
        !String::from_utf8_lossy(&kit).contains("Łukasiewicz"),
        "the candidate is not in clear"
    );

    let mut pdb = Db::open_in_memory().unwrap();
    let err = import(&mut pdb, &kit, ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(
        err.to_string().contains("protected with a passphrase"),
        "{err}"
    );
    let wrong = ImportOptions {
        replace_local: false,
        passphrase: Some("blue heron at dusk".into()),
    };
    let err = import(&mut pdb, &kit, wrong).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(err.to_string().contains("does not open this file"), "{err}");
    let right = ImportOptions {
        replace_local: false,
        passphrase: Some("blue heron at dawn".into()),
    };
    let ImportOutcome::Kit(k) = import(&mut pdb, &kit, right.clone()).unwrap() else {
        panic!()
    };

    // Score, submit, and send the scorecard back under the same passphrase.
    let numbers: Vec<u32> = plans::show(pdb.conn(), k.plan_id)
        .unwrap()
        .assignments
        .iter()
        .map(|a| a.question_number)
        .collect();
    for n in numbers {
        pdb.with_tx(|tx| {
            scorecards::save_answer(
                tx,
                k.plan_id,
                k.panelist_id,
                &AnswerInput {
                    question_number: n,
                    score: Some(2),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    }
    pdb.with_tx(|tx| {
        scorecards::submit(tx, k.plan_id, k.panelist_id, Some(Recommendation::No), None)
    })
    .unwrap();
    let path = outbox.path().join("back.hpscore");
    save_scorecard(
        &mut pdb,
        k.plan_id,
        k.panelist_id,
        &path,
        Some("blue heron at dawn"),
    )
    .unwrap();
    let card = std::fs::read(&path).unwrap();
    assert!(is_encrypted(&card));
    // A damaged encrypted file is refused as damaged, not as a wrong passphrase.
    let mut damaged = card.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x55;
    refused_with(
        &mut lead_db,
        &damaged,
        right.clone(),
        ErrorCode::Rejected,
        "damaged",
    );
    let ImportOutcome::Scorecard(s) = import(&mut lead_db, &card, right).unwrap() else {
        panic!()
    };
    assert_eq!(s.revision, 1);
}

fn refused_with(db: &mut Db, bytes: &[u8], options: ImportOptions, code: ErrorCode, says: &str) {
    let before = scorecard_tables(db);
    let err = import(db, bytes, options).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert!(
        err.to_string().contains(says),
        "{err:?} should say {says:?}"
    );
    assert_eq!(
        scorecard_tables(db),
        before,
        "a refusal changed the database"
    );
}

#[test]
fn an_amendment_made_on_the_leads_computer_is_not_overwritten_silently() {
    let (mut lead_db, plan, ids) = lead();
    let kits = send_kits(&mut lead_db, plan);
    let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
    let first = export(&mut pdb, pplan, ppanelist);
    import(&mut lead_db, &first.bytes, ImportOptions::default()).unwrap();
    let q = plans::show(lead_db.conn(), plan)
        .unwrap()
        .questions_of(ids[0])[0]
        .question_number;
    let amendment = |score, reason: &str| scorecards::Amendment {
        question_number: q,
        score: Some(score),
        notes: None,
        reason: reason.into(),
    };
    lead_db
        .with_tx(|tx| scorecards::amend(tx, plan, ids[0], &amendment(1, "Corrected on paper")))
        .unwrap();
    pdb.with_tx(|tx| scorecards::amend(tx, pplan, ppanelist, &amendment(4, "Re-read my notes")))
        .unwrap();
    let second = export(&mut pdb, pplan, ppanelist);
    refused(
        &mut lead_db,
        &second.bytes,
        ErrorCode::Conflict,
        "was amended on this computer",
    );
    let replace = ImportOptions {
        replace_local: true,
        passphrase: None,
    };
    import(&mut lead_db, &second.bytes, replace).unwrap();
    let trail = crate::audit::events(lead_db.conn(), plan).unwrap();
    let reasons: Vec<&str> = trail
        .iter()
        .filter(|e| e.kind == "amended")
        .map(|e| {
            if e.detail.contains("Re-read") {
                "panelist"
            } else {
                "lead"
            }
        })
        .collect();
    assert_eq!(
        reasons,
        vec!["lead", "panelist"],
        "both amendments stay in the trail"
    );
}

#[test]
fn renaming_a_panelist_keeps_their_kit_and_namesakes_get_separate_files() {
    let (mut lead_db, plan, ids) = lead();
    let first = send_kits(&mut lead_db, plan);
    lead_db
        .with_tx(|tx| {
            plans::update_panelist(
                tx,
                plan,
                ids[1],
                &plans::NewPanelist {
                    name: "Ana".into(),
                    email: None,
                    slot_minutes: 60,
                    focus: vec![],
                    excluded_questions: vec![],
                },
            )
        })
        .unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let sent = super::send_kits(&mut lead_db, plan, outbox.path(), None).unwrap();
    assert!(sent.iter().all(|k| !k.new), "a rename issues no new kit");
    assert_eq!(parse_kit(&first[1]).kit_id, {
        let bytes = std::fs::read(&sent[1].path).unwrap();
        match parse(&bytes).unwrap() {
            ExchangeFile::Kit(k) => k.kit.kit_id,
            _ => panic!(),
        }
    });
    assert_ne!(
        sent[0].path, sent[1].path,
        "two panelists called Ana get two files"
    );
    assert_eq!(std::fs::read_dir(outbox.path()).unwrap().count(), 2);
}

#[test]
fn kits_from_a_pack_this_computer_lacks_build_it_up_question_by_question() {
    let (mut lead_db, plan, _) = lead();
    let kits = send_kits(&mut lead_db, plan);
    let mut pdb = Db::open_in_memory().unwrap();
    for kit in &kits {
        let mut file = match parse(&kit.bytes).unwrap() {
            ExchangeFile::Kit(k) => k,
            _ => panic!(),
        };
        file.kit.pack.id = "team-pack".into();
        let bytes = serde_json::to_vec(&file).unwrap();
        import(&mut pdb, &bytes, ImportOptions::default()).unwrap();
    }
    let held: i64 = pdb
        .conn()
        .query_row(
            "SELECT count(*) FROM questions q JOIN question_packs p ON p.id = q.pack_id
             WHERE p.pack_key = 'team-pack'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let carried: usize = kits.iter().map(|k| parse_kit(k).questions.len()).sum();
    assert_eq!(
        held as usize, carried,
        "the second kit's questions joined the first's"
    );
}

#[test]
fn a_signed_scorecard_that_breaks_the_submit_rules_is_refused() {
    let (mut lead_db, plan, _) = lead();
    let kits = send_kits(&mut lead_db, plan);
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

/// A valid kit and a scorecard signed with it, made once, to mutate.
fn samples() -> &'static (Vec<u8>, Vec<u8>, Vec<u8>) {
    use std::sync::OnceLock;
    static FILES: OnceLock<(Vec<u8>, Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let (mut lead_db, plan, _) = lead();
        let kits = send_kits(&mut lead_db, plan);
        let ExchangeFile::Kit(kit) = parse(&kits[0].bytes).unwrap() else {
            panic!()
        };
        let secret = hex::decode(&kit.kit.secret).unwrap();
        let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
        (
            kits[0].bytes.clone(),
            export(&mut pdb, pplan, ppanelist).bytes,
            secret,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The parser never panics, whatever the bytes.
    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes);
    }

    /// Any one-byte change to a signed scorecard either fails to parse, fails the signature, or
    /// leaves the signed content exactly as it was (whitespace between tokens).
    #[test]
    fn a_one_byte_change_never_passes_with_different_content(at in 0usize..100_000, byte in any::<u8>()) {
        let (_, original, secret) = samples();
        let ExchangeFile::Scorecard(good) = parse(original).unwrap() else { panic!() };
        let mut bytes = original.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        if let Ok(ExchangeFile::Scorecard(card)) = parse(&bytes) {
            if verify(&card, secret) {
                prop_assert_eq!(canonical(&card.body), canonical(&good.body), "byte {}", at);
            }
        }
    }

    /// A kit with any one byte changed either imports or is refused with a coded error.
    #[test]
    fn mutated_kits_import_or_are_refused(at in 0usize..100_000, byte in any::<u8>()) {
        let (kit, _, _) = samples();
        let mut bytes = kit.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        let mut pdb = Db::open_in_memory().unwrap();
        if let Err(e) = import(&mut pdb, &bytes, ImportOptions::default()) {
            prop_assert!(matches!(e.code(), ErrorCode::Rejected | ErrorCode::InvalidInput), "{}", e);
        }
    }
}
