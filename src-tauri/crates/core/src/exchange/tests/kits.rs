//! Kits: what they carry, the panelist copy they make, and the packs they bring.

use super::*;

#[test]
fn a_kit_carries_only_its_panelists_questions_and_no_scores() {
    let (mut db, plan, ids) = lead();
    let kits = issue_kits(&mut db, plan);
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
fn a_panelist_copy_is_for_scoring_not_for_running_the_panel() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
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
    let kits = issue_kits(&mut lead_db, plan);
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
fn renaming_a_panelist_keeps_their_kit_and_namesakes_get_separate_files() {
    let (mut lead_db, plan, ids) = lead();
    let first = issue_kits(&mut lead_db, plan);
    lead_db
        .with_tx(|tx| plans::update_panelist(tx, plan, ids[1], &newcomer("Ana", 60)))
        .unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let sent = crate::exchange::send_kits(&mut lead_db, plan, outbox.path(), None).unwrap();
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
    let kits = issue_kits(&mut lead_db, plan);
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
fn a_kit_file_name_fits_a_file_system_even_for_long_names_in_any_script() {
    let long_cjk = "王".repeat(200); // 600 bytes
    let long_latin = "Ana María ".repeat(20);
    for (candidate, panelist) in [
        (long_cjk.as_str(), long_cjk.as_str()),
        ("Zoë", long_cjk.as_str()),
        (long_cjk.as_str(), "Ben"),
        (long_latin.as_str(), "Łukasz"),
    ] {
        let name = file_name(candidate, panelist, KIT_EXTENSION);
        assert!(name.len() <= 255, "{} bytes: {name}", name.len());
        assert!(name.ends_with(".hpkit"), "{name}");
        assert!(name.contains(" - "), "both names are still there: {name}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(&name), b"kit").expect("the file system takes the name");
    }
    assert_eq!(
        file_name("Zoë Łukasiewicz", "Ana", KIT_EXTENSION),
        "Zoë Łukasiewicz - Ana.hpkit",
        "short names are untouched"
    );
}

#[test]
fn a_kit_cannot_plant_a_version_of_the_built_in_pack() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let mut file = match parse(&kits[0].bytes).unwrap() {
        ExchangeFile::Kit(k) => k,
        _ => panic!(),
    };
    file.kit.pack.version = 9;
    file.kit.questions[0].text = "Which of your colleagues would you fire first?".into();
    let bytes = serde_json::to_vec(&file).unwrap();
    let mut pdb = Db::open_in_memory().unwrap();
    refused(
        &mut pdb,
        &bytes,
        ErrorCode::Rejected,
        "version 9 of the built-in pack product-security-leadership",
    );
    let versions: i64 = pdb
        .conn()
        .query_row(
            "SELECT count(*) FROM question_packs WHERE pack_key = 'product-security-leadership'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(versions, 1, "only the shipped version exists");
}

#[test]
fn kit_questions_meet_the_rules_a_pack_file_does() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    for (break_it, says) in [
        (
            (|k: &mut Kit| k.questions[0].capabilities.clear()) as fn(&mut Kit),
            "probes no capability",
        ),
        (
            |k: &mut Kit| k.questions[0].minutes = 600,
            "impossible time budget",
        ),
        (
            |k: &mut Kit| k.pack.id = "Not An Id".into(),
            "must be 1–64 lowercase",
        ),
    ] {
        let mut file = match parse(&kits[0].bytes).unwrap() {
            ExchangeFile::Kit(k) => k,
            _ => panic!(),
        };
        break_it(&mut file.kit);
        let bytes = serde_json::to_vec(&file).unwrap();
        let mut pdb = Db::open_in_memory().unwrap();
        refused(&mut pdb, &bytes, ErrorCode::Rejected, says);
    }
}
