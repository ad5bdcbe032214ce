//! Passphrase-protected kits and scorecards.

use super::*;

#[test]
fn a_passphrase_protects_kits_and_scorecards_end_to_end() {
    let (mut lead_db, plan, _) = lead();
    let outbox = tempfile::tempdir().unwrap();
    let err =
        crate::exchange::send_kits(&mut lead_db, lead_key(), plan, outbox.path(), Some("short"))
            .unwrap_err();
    assert!(err.to_string().contains("at least 8 characters"), "{err}");
    let sent = crate::exchange::send_kits(
        &mut lead_db,
        lead_key(),
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
        accept_lead_key: None,
        passphrase: Some("blue heron at dusk".into()),
    };
    let err = import(&mut pdb, &kit, wrong).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(err.to_string().contains("does not open this file"), "{err}");
    let right = ImportOptions {
        replace_local: false,
        accept_lead_key: None,
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
