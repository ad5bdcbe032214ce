//! The panel changing after kits went out: superseded and withdrawn kits, replacements.

use super::*;

#[test]
fn a_return_made_with_an_old_kit_is_refused_after_the_panel_changes() {
    let (mut lead_db, plan, ids) = lead();
    let first = issue_kits(&mut lead_db, plan);
    let (mut pdb, pplan, ppanelist) = panelist_scores(&first[0], 3);
    let old_return = export(&mut pdb, pplan, ppanelist);

    // Sending again without changes re-issues the same kits.
    let again = issue_kits(&mut lead_db, plan);
    assert!(again.iter().all(|k| !k.new));
    assert_eq!(again[0].bytes.len(), first[0].bytes.len());

    // A third panelist joins. Auto-split keeps the questions of everyone holding a kit...
    let chloe = lead_db
        .with_tx(|tx| {
            let chloe = plans::add_panelist(tx, plan, &newcomer("Chloé", 60))?;
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
    let second = issue_kits(&mut lead_db, plan);
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
    // Ben's kit is out: removing him would count the panel complete, so it needs a reason.
    let err = lead_db
        .with_tx(|tx| plans::remove_panelist(tx, plan, ids[1], None))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Sealed, "{err}");
    assert!(err.to_string().contains("Ben's kit is out"), "{err}");
    let why = crate::scorecards::Disclosure {
        reason: "Ben left the company before the interview".into(),
        by: "Dana Whitfield".into(),
    };
    lead_db
        .with_tx(|tx| plans::remove_panelist(tx, plan, ids[1], Some(&why)))
        .unwrap();
    let unsealed = crate::audit::events(lead_db.conn(), plan)
        .unwrap()
        .into_iter()
        .rfind(|e| e.kind == crate::audit::AuditKind::Unsealed)
        .expect("the removal is recorded as an early unseal");
    assert_eq!(unsealed.actor, "Dana Whitfield");
    assert!(
        unsealed.detail.contains("left the company"),
        "{}",
        unsealed.detail
    );
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
            let dev = plans::add_panelist(tx, plan, &newcomer("Dev", 120))?;
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
    let third = issue_kits(&mut lead_db, plan);
    let fresh: Vec<i64> = third
        .iter()
        .filter(|k| k.new)
        .map(|k| k.panelist_id)
        .collect();
    assert_eq!(fresh, vec![dev], "only the replacement needs a kit");
}
