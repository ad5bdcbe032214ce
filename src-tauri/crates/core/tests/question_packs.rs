//! Question packs end to end through the public API: editing versions a pack once plans use it,
//! plans that ask a subset and borrow questions, level guidance, and all of it flowing through
//! the split, interview mode, kits and the debrief packet (read back with `pdftotext`).

mod support;

use panel_core::bank::{self, LevelGuidance, PackDraft};
use panel_core::exchange::{self, ImportOptions, ImportOutcome};
use panel_core::pdf::{self, Paper};
use panel_core::plans::{self, BorrowedQuestion, NewPanelist, QuestionSelection};
use panel_core::scorecards::{self, AnswerInput, Recommendation, Viewer};
use panel_core::{debrief, Db, ErrorCode};
use support::{
    artifacts, builtin, new_plan, split_plan_on, team_pack, text, write, BUILTIN, CUSTOM_TEXT,
};

/// Adds panelists, splits, scores every question 3 with a note naming the question, submits.
fn interview_and_submit(db: &mut Db, plan: i64, panel: &[&str]) -> Vec<i64> {
    let ids = db
        .with_tx(|tx| support::add_panel_and_split(tx, plan, panel, 90, None))
        .unwrap();
    for &id in &ids {
        let view = scorecards::interview(db.conn(), plan, id).unwrap();
        db.with_tx(|tx| {
            for q in &view.questions {
                scorecards::save_answer(
                    tx,
                    plan,
                    id,
                    &AnswerInput {
                        question_number: q.question.number,
                        score: Some(3),
                        covered: vec![0],
                        notes: format!("Evidence for question {}.", q.question.number),
                        ..Default::default()
                    },
                )?;
            }
            scorecards::submit(tx, plan, id, Some(Recommendation::Yes), None)
        })
        .unwrap();
    }
    ids
}

fn packet_text(db: &Db, plan: i64, name: &str) -> String {
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        name,
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    support::collapse(&text(&path))
}

#[test]
fn editing_a_used_pack_makes_a_new_version_and_the_old_plan_keeps_its_text() {
    let mut db = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut db);
    let before = db
        .with_tx(|tx| {
            plans::create_with_questions(
                tx,
                &new_plan("Amara Okafor"),
                &QuestionSelection {
                    pack: Some(pack.clone()),
                    numbers: Some(vec![1, 2, 19]),
                    borrowed: Vec::new(),
                },
            )
        })
        .unwrap();
    // Nobody uses version 1 until now; from here, a save makes version 2.
    let view = bank::pack_view(db.conn(), &pack).unwrap();
    assert_eq!((view.version, view.plans), (1, 1));
    let old_text = view.questions[0].text.clone();
    let new_text = "What does your Product Security program own, and what does it only influence?";
    let mut questions = view.questions.clone();
    questions[0].text = new_text.into();
    let saved = db
        .with_tx(|tx| {
            bank::save_pack(
                tx,
                &PackDraft {
                    id: pack.id.clone(),
                    base_version: 1,
                    title: view.title.clone(),
                    questions: questions.clone(),
                    level_guidance: view.level_guidance.clone(),
                },
            )
        })
        .unwrap();
    assert!(saved.new_version && saved.version == 2, "{saved:?}");
    // A second save of the unused version 2 changes it in place.
    questions[1].minutes = 9;
    let again = db
        .with_tx(|tx| {
            bank::save_pack(
                tx,
                &PackDraft {
                    id: pack.id.clone(),
                    base_version: 2,
                    title: view.title.clone(),
                    questions: questions.clone(),
                    level_guidance: view.level_guidance.clone(),
                },
            )
        })
        .unwrap();
    assert!(!again.new_version && again.version == 2);
    // Saving from the stale version 1 is a conflict, and nothing changes.
    let stale = db.with_tx(|tx| {
        bank::save_pack(
            tx,
            &PackDraft {
                id: pack.id.clone(),
                base_version: 1,
                title: "Renamed".into(),
                questions: questions.clone(),
                level_guidance: LevelGuidance::default(),
            },
        )
    });
    assert_eq!(stale.unwrap_err().code(), ErrorCode::Conflict);

    let shown = plans::show(db.conn(), before).unwrap();
    assert_eq!(
        (shown.header.pack_version, shown.newer_pack_version),
        (1, Some(2))
    );
    assert_eq!(shown.questions[0].question.text, old_text);
    interview_and_submit(&mut db, before, &["Priya Raman"]);
    let packet = packet_text(&db, before, "packet-pack-version-1.pdf");
    assert!(
        packet.contains(&support::collapse(&old_text)),
        "old text stays"
    );
    assert!(
        !packet.contains(new_text),
        "the edit does not reach the old plan"
    );
    assert!(packet.contains("version 1"));
    assert!(packet.contains("What strong looks like at Vice President level"));
    assert!(packet.contains("board-level risk appetite"));

    let after = db
        .with_tx(|tx| {
            plans::create_with_questions(
                tx,
                &new_plan("Kenji Sato"),
                &QuestionSelection {
                    pack: Some(bank::PackRef::new(pack.id.clone(), 2)),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let shown = plans::show(db.conn(), after).unwrap();
    assert_eq!(
        (shown.header.pack_version, shown.newer_pack_version),
        (2, None)
    );
    assert_eq!(shown.questions[0].question.text, new_text);
}

#[test]
fn the_builtin_pack_and_imported_packs_are_read_only() {
    let mut db = Db::open_in_memory().unwrap();
    let shipped = bank::pack_view(db.conn(), &builtin()).unwrap();
    assert!(shipped.builtin && !shipped.editable);
    let err = db
        .with_tx(|tx| {
            bank::save_pack(
                tx,
                &PackDraft {
                    id: BUILTIN.into(),
                    base_version: shipped.version,
                    title: "Mine now".into(),
                    questions: shipped.questions.clone(),
                    level_guidance: LevelGuidance::default(),
                },
            )
        })
        .unwrap_err();
    assert!(err.to_string().contains("duplicate it"), "{err}");
    assert_eq!(bank::pack_view(db.conn(), &builtin()).unwrap(), shipped);
    // Bad drafts are refused by name and change nothing.
    let pack = team_pack(&mut db);
    let stored = bank::pack_view(db.conn(), &pack).unwrap();
    for (change, says) in [
        (
            Box::new(|d: &mut PackDraft| d.title = "  ".into()) as Box<dyn Fn(&mut PackDraft)>,
            "title",
        ),
        (
            Box::new(|d: &mut PackDraft| d.questions[0].text = " ".into()),
            "question 1 needs a text",
        ),
        (
            Box::new(|d: &mut PackDraft| d.questions[2].minutes = 0),
            "question 3 has a time budget of 0",
        ),
        (
            Box::new(|d: &mut PackDraft| d.questions[0].capabilities.clear()),
            "probes no capability",
        ),
        (
            Box::new(|d: &mut PackDraft| d.level_guidance.director = "x".repeat(2_001)),
            "guidance for Director",
        ),
    ] {
        let mut draft = PackDraft {
            id: pack.id.clone(),
            base_version: stored.version,
            title: stored.title.clone(),
            questions: stored.questions.clone(),
            level_guidance: stored.level_guidance.clone(),
        };
        change(&mut draft);
        let err = db.with_tx(|tx| bank::save_pack(tx, &draft)).unwrap_err();
        assert!(err.to_string().contains(says), "{err} should say {says}");
        assert_eq!(bank::pack_view(db.conn(), &pack).unwrap(), stored);
    }
}

#[test]
fn a_plan_of_ten_builtin_questions_and_a_borrowed_one_is_split_scored_and_printed() {
    let mut db = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut db);
    let plan = db
        .with_tx(|tx| {
            plans::create_with_questions(
                tx,
                &new_plan("Amara Okafor"),
                &QuestionSelection {
                    pack: None,
                    numbers: Some((1..=10).collect()),
                    borrowed: vec![BorrowedQuestion {
                        pack: pack.clone(),
                        number: 19,
                    }],
                },
            )
        })
        .unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    let numbers: Vec<u32> = shown.questions.iter().map(|q| q.question.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 19]);
    assert_eq!(shown.questions[10].question.text, CUSTOM_TEXT);
    assert_eq!(
        (
            shown.questions[10].pack_id.as_str(),
            shown.questions[10].pack_number
        ),
        (pack.id.as_str(), 19)
    );
    interview_and_submit(&mut db, plan, &["Priya Raman", "Tom Becker"]);
    let shown = plans::show(db.conn(), plan).unwrap();
    let mut split: Vec<u32> = shown
        .assignments
        .iter()
        .map(|a| a.question_number)
        .collect();
    split.sort_unstable();
    split.dedup();
    assert_eq!(
        split, numbers,
        "the split covers exactly the chosen questions"
    );

    let packet = packet_text(&db, plan, "packet-subset-and-borrowed.pdf");
    assert!(packet.contains(CUSTOM_TEXT));
    assert!(packet.contains("Evidence for question 19."));
    assert!(packet.contains(&format!("From pack {} version 1, question 19", pack.id)));
    let q11 = &bank::builtin().questions[10].text;
    assert!(
        !packet.contains(&support::collapse(q11)),
        "question 11 is not asked"
    );

    // Once scored, the selection cannot change, and the refusal leaves it as it was.
    let err = db
        .with_tx(|tx| plans::set_questions(tx, plan, &QuestionSelection::default()))
        .unwrap_err();
    assert!(err.to_string().contains("already scored"), "{err}");
    assert_eq!(plans::plan_questions(db.conn(), plan).unwrap().len(), 11);
}

#[test]
fn the_selection_changes_before_scoring_and_bad_choices_are_refused() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db
        .with_tx(|tx| plans::create(tx, &new_plan("Amara Okafor")))
        .unwrap();
    db.with_tx(|tx| {
        plans::add_panelist(
            tx,
            plan,
            &NewPanelist {
                name: "Priya Raman".into(),
                email: None,
                slot_minutes: 60,
                focus: Vec::new(),
                excluded_questions: vec![2, 14],
            },
        )?;
        plans::split_plan(tx, plan, None)
    })
    .unwrap();
    let selection = QuestionSelection {
        numbers: Some(vec![1, 2, 3]),
        ..Default::default()
    };
    db.with_tx(|tx| plans::set_questions(tx, plan, &selection))
        .unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    assert!(shown.assignments.iter().all(|a| a.question_number <= 3));
    // The plan screen says "3 of its 18" from the plan alone.
    assert_eq!((shown.questions.len(), shown.pack_size), (3, 18));
    assert_eq!(
        shown.panelists[0].excluded,
        [2],
        "exclusions follow the selection"
    );
    for (bad, says) in [
        (
            QuestionSelection {
                numbers: Some(vec![40]),
                ..Default::default()
            },
            "has no question 40",
        ),
        (
            QuestionSelection {
                pack: Some(bank::PackRef::new("nope", 1)),
                ..Default::default()
            },
            "there is no pack nope version 1",
        ),
        (
            QuestionSelection {
                numbers: Some(Vec::new()),
                ..Default::default()
            },
            "at least one question",
        ),
        (
            QuestionSelection {
                numbers: Some(vec![1]),
                borrowed: vec![BorrowedQuestion {
                    pack: builtin(),
                    number: 1,
                }],
                ..Default::default()
            },
            "plan's own pack",
        ),
    ] {
        let err = db
            .with_tx(|tx| plans::set_questions(tx, plan, &bad))
            .unwrap_err();
        assert!(err.to_string().contains(says), "{err} should say {says}");
        assert_eq!(plans::plan_questions(db.conn(), plan).unwrap().len(), 3);
    }
}

#[test]
fn guidance_and_borrowed_questions_travel_in_kits_and_come_back_scored() {
    let mut lead = Db::open_in_memory().unwrap();
    let pack = team_pack(&mut lead);
    let plan = split_plan_on(
        &mut lead,
        "Amara Okafor",
        QuestionSelection {
            pack: Some(pack.clone()),
            numbers: Some(vec![1, 2]),
            borrowed: vec![BorrowedQuestion {
                pack: builtin(),
                number: 5,
            }],
        },
        &["Ana"],
    );
    let lead_key = panel_core::identity::Identity::generate();
    let kits = lead
        .with_tx(|tx| exchange::export_kits(tx, plan, &lead_key))
        .unwrap();
    let file: serde_json::Value = serde_json::from_slice(&kits[0].bytes).unwrap();
    assert!(
        file["formatVersion"].as_u64().is_some_and(|v| v >= 2),
        "guidance needs kit format 2 or later: {}",
        file["formatVersion"]
    );

    let mut laptop = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(k) =
        exchange::import(&mut laptop, &kits[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!("a kit")
    };
    let view = scorecards::interview(laptop.conn(), k.plan_id, k.panelist_id).unwrap();
    let numbers: Vec<u32> = view.questions.iter().map(|q| q.question.number).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [1, 2, 20],
        "the borrowed question keeps the lead's number"
    );
    let borrowed = view
        .questions
        .iter()
        .find(|q| q.question.number == 20)
        .unwrap();
    assert_eq!(borrowed.question.text, bank::builtin().questions[4].text);
    assert!(view
        .level_guidance
        .as_deref()
        .is_some_and(|g| g.contains("board-level risk appetite")));
    laptop
        .with_tx(|tx| {
            for q in &view.questions {
                scorecards::save_answer(
                    tx,
                    k.plan_id,
                    k.panelist_id,
                    &AnswerInput {
                        question_number: q.question.number,
                        score: Some(4),
                        notes: format!("Laptop notes on {}.", q.question.number),
                        ..Default::default()
                    },
                )?;
            }
            scorecards::submit(
                tx,
                k.plan_id,
                k.panelist_id,
                Some(Recommendation::Yes),
                None,
            )
        })
        .unwrap();
    let card = laptop
        .with_tx(|tx| exchange::export_scorecard(tx, k.plan_id, k.panelist_id))
        .unwrap();
    exchange::import(&mut lead, &card.bytes, ImportOptions::default()).unwrap();
    let panelist = plans::show(lead.conn(), plan).unwrap().panelists[0].id;
    let stored =
        scorecards::scorecard(lead.conn(), plan, panelist, Viewer::Panelist(panelist)).unwrap();
    let q20 = stored
        .answers
        .iter()
        .find(|a| a.answer.question_number == 20)
        .unwrap();
    assert_eq!(
        (q20.answer.score, q20.answer.notes.as_str()),
        (Some(4), "Laptop notes on 20.")
    );
}
