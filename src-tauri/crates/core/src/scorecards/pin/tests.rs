//! The PIN: set, checked, throttled (with a simulated clock), reset by the lead.

use super::*;
use crate::audit::AuditKind;
use crate::plans;

fn plan(db: &mut Db) -> (i64, i64) {
    let plan = db.with_tx(|tx| plans::create_sample(tx)).unwrap();
    (plan, plans::show(db.conn(), plan).unwrap().panelists[0].id)
}

fn code(r: Result<()>) -> crate::ErrorCode {
    r.unwrap_err().code()
}

#[test]
fn a_scorecard_without_a_pin_is_open() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    PinGate::default().require(db.conn(), plan, who).unwrap();
}

#[test]
fn a_pin_locks_the_scorecard_until_it_is_entered_and_is_never_stored_in_clear() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    let stored: String = db
        .conn()
        .query_row("SELECT pin_hash FROM panelists WHERE id = ?1", [who], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("2468"));

    let mut gate = PinGate::default();
    assert_eq!(
        code(gate.require(db.conn(), plan, who)),
        crate::ErrorCode::Locked
    );
    let now = Utc::now();
    let wrong = gate.unlock(&mut db, plan, who, "1357", now).unwrap_err();
    assert!(wrong.to_string().contains("wrong PIN"), "{wrong}");
    gate.unlock(&mut db, plan, who, "2468", now).unwrap();
    gate.require(db.conn(), plan, who).unwrap();
    gate.lock(plan, who);
    assert_eq!(
        code(gate.require(db.conn(), plan, who)),
        crate::ErrorCode::Locked
    );
}

#[test]
fn wrong_guesses_pause_the_scorecard_for_a_while() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    let mut gate = PinGate::default();
    let start = Utc::now();
    for _ in 0..ATTEMPTS_BEFORE_PAUSE {
        gate.unlock(&mut db, plan, who, "0000", start).unwrap_err();
    }
    // A restart (a new gate) does not reset the count: it lives in the database.
    let mut gate = PinGate::default();
    // Even the right PIN is refused during the pause…
    let paused = gate.unlock(&mut db, plan, who, "2468", start).unwrap_err();
    assert!(
        paused.to_string().contains("too many wrong PINs"),
        "{paused}"
    );
    // …and accepted once it is over.
    let later = start + chrono::Duration::seconds(31);
    gate.unlock(&mut db, plan, who, "2468", later).unwrap();
}

#[test]
fn each_wrong_guess_after_a_pause_waits_longer_and_only_the_right_pin_resets_the_count() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    let mut gate = PinGate::default();
    let mut now = Utc::now();
    let mut pauses = Vec::new();
    for _ in 0..ATTEMPTS_BEFORE_PAUSE + 2 {
        let err = gate.unlock(&mut db, plan, who, "0000", now).unwrap_err();
        let text = err.to_string();
        let seconds: i64 = text
            .rsplit("try again in ")
            .next()
            .and_then(|s| s.trim_end_matches(" s").parse().ok())
            .unwrap_or(0);
        pauses.push(seconds);
        // A simulated clock: the guesser waits out each pause exactly.
        now += chrono::Duration::seconds(seconds);
    }
    assert_eq!(
        pauses,
        [0, 0, 0, 0, 30, 60, 90],
        "the pause grows with every wrong PIN"
    );
    gate.unlock(&mut db, plan, who, "2468", now).unwrap();
    let failures: u32 = db
        .conn()
        .query_row(
            "SELECT pin_failures FROM panelists WHERE id = ?1",
            [who],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(failures, 0, "the right PIN resets the count");
}

#[test]
fn guessing_every_four_digit_pin_takes_longer_than_a_year() {
    // The schedule the attempts above follow, summed over the whole 4-digit space: one
    // guess after another, each as soon as the pause allows.
    let total: chrono::Duration = (1..=10_000u32).map(pause_after).sum();
    let year = chrono::Duration::days(365);
    assert!(
        total > year,
        "exhausting 4 digits takes {} days",
        total.num_days()
    );
    let expected: chrono::Duration = (1..=5_000u32).map(pause_after).sum();
    assert!(
        expected > year,
        "even half the space takes {} days",
        expected.num_days()
    );
    assert!(
        pause_after(10) < chrono::Duration::minutes(4),
        "a panelist who mistyped ten times waits minutes, not days"
    );
}

#[test]
fn changing_or_removing_a_pin_needs_the_current_one_and_bad_pins_are_refused() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    for bad in ["", "12", "123456789", "12a4", "١٢٣٤"] {
        let err = db
            .with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some(bad)))
            .unwrap_err();
        assert_eq!(err.to_string(), "a PIN is 4 to 8 digits", "{bad:?}");
    }
    assert!(
        !has_pin(db.conn(), plan, who).unwrap(),
        "a refused PIN changes nothing"
    );
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    let err = db
        .with_tx(|tx| set_scorecard_pin(tx, plan, who, None, None))
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Locked);
    let err = db
        .with_tx(|tx| set_scorecard_pin(tx, plan, who, Some("1111"), None))
        .unwrap_err();
    assert_eq!(err.to_string(), "the current PIN is wrong");
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, Some("2468"), None))
        .unwrap();
    assert!(!has_pin(db.conn(), plan, who).unwrap());
    let actions: Vec<AuditKind> = crate::audit::events(db.conn(), plan)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(actions.contains(&AuditKind::PinSet));
    assert!(actions.contains(&AuditKind::PinRemoved));
}

#[test]
fn the_lead_can_reset_a_forgotten_pin_and_it_is_audited() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, who) = plan(&mut db);
    let err = db
        .with_tx(|tx| reset_scorecard_pin(tx, plan, who, "Dana", None))
        .unwrap_err();
    assert!(err.to_string().ends_with("scorecard has no PIN"), "{err}");
    db.with_tx(|tx| set_scorecard_pin(tx, plan, who, None, Some("2468")))
        .unwrap();
    // Sealed: the reset leaves a draft open to anyone here, so it needs a reason on the record.
    let err = db
        .with_tx(|tx| reset_scorecard_pin(tx, plan, who, "Dana Whitfield", None))
        .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Sealed, "{err}");
    assert!(has_pin(db.conn(), plan, who).unwrap(), "nothing changed");
    db.with_tx(|tx| {
        reset_scorecard_pin(
            tx,
            plan,
            who,
            "Dana Whitfield",
            Some("Ana forgot her PIN mid-loop"),
        )
    })
    .unwrap();
    assert!(!has_pin(db.conn(), plan, who).unwrap());
    let events = crate::audit::events(db.conn(), plan).unwrap();
    let reset = events
        .iter()
        .find(|e| e.kind == AuditKind::PinReset)
        .expect("audited");
    assert_eq!(reset.actor, "Dana Whitfield");
    let unseal = events
        .iter()
        .find(|e| e.kind == AuditKind::Unsealed)
        .expect("recorded as an early unseal");
    assert_eq!(unseal.actor, "Dana Whitfield");
    assert!(
        unseal.detail.contains("Ana forgot her PIN mid-loop"),
        "{}",
        unseal.detail
    );
}
