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
    let err = pdb
        .with_tx(|tx| export_kits(tx, k.plan_id, lead_key()))
        .unwrap_err();
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
    let bytes = resigned(file);
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
    let sent =
        crate::exchange::send_kits(&mut lead_db, lead_key(), plan, outbox.path(), None).unwrap();
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
        let bytes = resigned(file);
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
    let bytes = resigned(file);
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
        let bytes = resigned(file);
        let mut pdb = Db::open_in_memory().unwrap();
        refused(&mut pdb, &bytes, ErrorCode::Rejected, says);
    }
}

/// Ben's kit rewritten as one for Ana (another kit id and secret, Ana's name), signed with a
/// key of Ben's own: what a co-panelist holding the plan's key could make.
fn forged_for(kits: &[IssuedKit], key: &crate::identity::Identity) -> Vec<u8> {
    let ana = parse_kit(&kits[0]);
    let mut forged = parse_kit(&kits[1]);
    forged.kit_id = crate::ids::random_hex(16);
    forged.secret = crate::ids::random_hex(32);
    forged.panelist = ana.panelist.clone();
    // A forger names their own identity, so that returns come to them.
    forged.lead_identity = Some(key.public_identity().line);
    serde_json::to_vec(&KitFile::signed(forged, key)).unwrap()
}

#[test]
fn a_kit_changed_after_the_lead_signed_it_is_refused() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let mut file = match parse(&kits[0].bytes).unwrap() {
        ExchangeFile::Kit(k) => k,
        _ => panic!(),
    };
    file.kit.questions[0]
        .text
        .push_str(" (and tell us your salary)");
    let mut pdb = Db::open_in_memory().unwrap();
    refused(
        &mut pdb,
        &serde_json::to_vec(&file).unwrap(),
        ErrorCode::Rejected,
        "signature does not match its contents",
    );
}

#[test]
fn an_unsigned_kit_from_an_older_build_is_refused_saying_what_to_do() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let mut old: serde_json::Value = serde_json::from_slice(&kits[0].bytes).unwrap();
    old["formatVersion"] = 2.into();
    old.as_object_mut().unwrap().remove("signature");
    let mut pdb = Db::open_in_memory().unwrap();
    refused(
        &mut pdb,
        &serde_json::to_vec(&old).unwrap(),
        ErrorCode::Rejected,
        "ask the panel lead to update Hiring Panel and send kits again",
    );
}

#[test]
fn a_co_panelist_cannot_replace_a_kit_signed_by_the_lead_the_panelist_knows() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    // Ana's laptop meets the lead's key with her real kit, and shows its fingerprint.
    let mut ana = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(first) =
        import(&mut ana, &kits[0].bytes, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    assert_eq!(first.lead_key, LeadKeyTrust::FirstSeen);
    assert_eq!(first.lead_fingerprint, lead_key().fingerprint());
    assert!(ImportOutcome::Kit(first.clone())
        .describe()
        .contains(&lead_key().fingerprint()));

    // Ben forges a kit for Ana with a key of his own: refused, both fingerprints shown.
    let ben_key = crate::identity::Identity::generate();
    let forged = forged_for(&kits, &ben_key);
    let before = scorecard_tables(&ana);
    let err = import(&mut ana, &forged, ImportOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LeadKeyChanged, "{err}");
    let payload = crate::ErrorPayload::from(err);
    let change = payload
        .lead_key
        .expect("the payload carries both fingerprints");
    assert_eq!(change.known, lead_key().fingerprint());
    assert_eq!(change.offered, ben_key.fingerprint());
    assert!(payload.message.contains(&change.known) && payload.message.contains(&change.offered));
    assert_eq!(scorecard_tables(&ana), before, "nothing was stored");

    // Accepting some other fingerprint is not accepting this key.
    let wrong = ImportOptions {
        accept_lead_key: Some(lead_key().fingerprint()),
        ..Default::default()
    };
    assert_eq!(
        import(&mut ana, &forged, wrong).unwrap_err().code(),
        ErrorCode::LeadKeyChanged
    );

    // On a laptop that never saw the lead, the same forgery is a first key: the fingerprint it
    // shows is not the lead's, which is what the panelist checks.
    let mut fresh = Db::open_in_memory().unwrap();
    let ImportOutcome::Kit(k) = import(&mut fresh, &forged, ImportOptions::default()).unwrap()
    else {
        panic!()
    };
    assert_eq!(k.lead_key, LeadKeyTrust::FirstSeen);
    assert_ne!(k.lead_fingerprint, lead_key().fingerprint());

    // The panelist who checked the new fingerprint accepts it explicitly: imported, audited.
    let accept = ImportOptions {
        accept_lead_key: Some(ben_key.fingerprint().to_lowercase().replace(' ', "")),
        ..Default::default()
    };
    let ImportOutcome::Kit(k) = import(&mut ana, &forged, accept).unwrap() else {
        panic!()
    };
    assert_eq!(k.lead_key, LeadKeyTrust::Accepted);
    let accepted: i64 = ana
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_events WHERE plan_id = ?1 AND kind = 'lead key accepted'",
            [k.plan_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(accepted, 1);
    let known = known_lead_keys(ana.conn()).unwrap();
    assert_eq!(known.len(), 2);
    assert_eq!(
        known
            .iter()
            .find(|key| key.fingerprint == ben_key.fingerprint())
            .and_then(|key| key.replaces.clone()),
        Some(lead_key().fingerprint())
    );
}

#[test]
fn a_kit_from_a_known_lead_by_name_signed_by_another_key_is_refused_for_a_new_plan_too() {
    let (mut lead_db, plan, _) = lead();
    let kits = issue_kits(&mut lead_db, plan);
    let mut ana = Db::open_in_memory().unwrap();
    import(&mut ana, &kits[0].bytes, ImportOptions::default()).unwrap();
    // Another plan of "the same lead", signed by someone else's key.
    let mut other = parse_kit(&kits[0]);
    other.kit_id = crate::ids::random_hex(16);
    other.plan.key = crate::ids::random_hex(16);
    let bytes = serde_json::to_vec(&KitFile::signed(
        other,
        &crate::identity::Identity::generate(),
    ))
    .unwrap();
    refused(
        &mut ana,
        &bytes,
        ErrorCode::LeadKeyChanged,
        "signed by another key",
    );
}
