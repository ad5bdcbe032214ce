//! Building a plan end to end through the core: create, panel, split, move, show.

use panel_core::plans::{self, NewPanelist, NewPlan};
use panel_core::{Capability, Db, ErrorCode, Level};

fn new_plan(name: &str) -> NewPlan {
    NewPlan {
        candidate: name.into(),
        email: None,
        level: Level::Vp,
        role_title: Some("VP Product Security".into()),
        starts_at: None,
        panel_lead: None,
        recruiter: None,
        notes: None,
    }
}

fn panelist(name: &str, minutes: u32) -> NewPanelist {
    NewPanelist {
        name: name.into(),
        email: None,
        slot_minutes: minutes,
        focus: Vec::new(),
        excluded_questions: Vec::new(),
    }
}

fn plan_with_panel(db: &mut Db, slots: &[u32]) -> (i64, Vec<i64>) {
    db.with_tx(|tx| {
        let plan = plans::create(tx, &new_plan("Zoë Łukasiewicz"))?;
        let ids = slots
            .iter()
            .enumerate()
            .map(|(i, &m)| plans::add_panelist(tx, plan, &panelist(&format!("P{i}"), m)))
            .collect::<panel_core::Result<Vec<_>>>()?;
        Ok((plan, ids))
    })
    .unwrap()
}

/// A change that should be refused, run inside a transaction.
type Attempt = Box<dyn Fn(&rusqlite::Transaction) -> panel_core::Result<i64>>;

fn table_counts(db: &Db) -> (i64, i64, i64, i64) {
    let count = |t: &str| {
        db.conn()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    (
        count("candidates"),
        count("plans"),
        count("panelists"),
        count("assignments"),
    )
}

#[test]
fn a_split_plan_shows_every_question_once_within_slots() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, _) = plan_with_panel(&mut db, &[45, 60, 60]);
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    let detail = plans::show(db.conn(), plan).unwrap();
    assert_eq!(detail.header.candidate, "Zoë Łukasiewicz");
    assert_eq!(detail.header.pack_id, "product-security-leadership");
    let mut numbers: Vec<u32> = detail
        .assignments
        .iter()
        .map(|a| a.question_number)
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        (1..=18).collect::<Vec<_>>(),
        "each question exactly once"
    );
    for p in &detail.panelists {
        assert!(p.load_minutes <= p.minutes, "{} is over their slot", p.name);
    }
    assert!(detail.warnings.is_empty(), "{:?}", detail.warnings);
    assert_eq!(plans::list(db.conn()).unwrap()[0].panelist_count, 3);
}

#[test]
fn moving_a_question_by_hand_is_kept_and_pins_survive_a_resplit() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[60, 60, 60]);
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    let before = plans::show(db.conn(), plan).unwrap();
    let q5 = before
        .assignments
        .iter()
        .find(|a| a.question_number == 5)
        .unwrap();
    let target = *ids.iter().find(|&&id| id != q5.panelist_id).unwrap();
    db.with_tx(|tx| plans::assign(tx, plan, 5, target, true))
        .unwrap();
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    let after = plans::show(db.conn(), plan).unwrap();
    let q5: Vec<_> = after
        .assignments
        .iter()
        .filter(|a| a.question_number == 5)
        .collect();
    assert_eq!(q5.len(), 1, "still asked once");
    assert_eq!(
        (q5[0].panelist_id, q5[0].fixed),
        (target, true),
        "the pin survives the re-split"
    );
    assert_eq!(q5[0].reason, "pinned");
}

#[test]
fn calibration_overlap_asks_each_question_twice() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, _) = plan_with_panel(&mut db, &[45, 60, 60]);
    db.with_tx(|tx| plans::split_plan(tx, plan, Some(2)))
        .unwrap();
    let detail = plans::show(db.conn(), plan).unwrap();
    assert_eq!(detail.coverage, 2);
    for n in 1..=18 {
        let askers: Vec<i64> = detail
            .assignments
            .iter()
            .filter(|a| a.question_number == n)
            .map(|a| a.panelist_id)
            .collect();
        assert_eq!(askers.len(), 2, "question {n}");
        assert_ne!(askers[0], askers[1]);
    }
}

#[test]
fn bad_input_is_refused_specifically_and_changes_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[60]);
    let before = table_counts(&db);
    let cases: Vec<(Attempt, &str)> = vec![
        (
            Box::new(|tx| plans::create(tx, &new_plan("   "))),
            "candidate name must not be empty",
        ),
        (
            Box::new(|tx| plans::create(tx, &new_plan(&"x".repeat(201)))),
            "candidate name is 201 characters long; at most 200 are allowed",
        ),
        (
            Box::new(move |tx| plans::add_panelist(tx, plan, &panelist("A", 0))),
            "a slot must be 5–480 minutes, got 0",
        ),
        (
            Box::new(|tx| plans::add_panelist(tx, 999, &panelist("A", 45))),
            "plan 999 does not exist",
        ),
        (
            Box::new(move |tx| {
                let mut p = panelist("A", 45);
                p.excluded_questions = vec![19];
                plans::add_panelist(tx, plan, &p)
            }),
            "the plan has no question 19 to exclude",
        ),
        (
            Box::new(move |tx| plans::assign(tx, plan, 40, ids[0], false).map(|_| 0)),
            "the plan has no question 40",
        ),
        (
            Box::new(move |tx| plans::split_plan(tx, plan, Some(3)).map(|_| 0)),
            "coverage must be 1 or 2 panelists per question, got 3",
        ),
    ];
    for (attempt, message) in cases {
        let err = db.with_tx(|tx| attempt(tx)).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert!(matches!(
            err.code(),
            ErrorCode::InvalidInput | ErrorCode::NotFound
        ));
        assert_eq!(
            table_counts(&db),
            before,
            "a refused change leaves nothing behind"
        );
    }
}

#[test]
fn a_panelist_with_notes_cannot_be_removed() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[60, 60]);
    db.conn()
        .execute(
            "INSERT INTO scorecards (plan_id, panelist_id, summary, updated_at)
             VALUES (?1, ?2, 'Strong on metrics', 'x')",
            [plan, ids[0]],
        )
        .unwrap();
    let err = db
        .with_tx(|tx| plans::remove_panelist(tx, plan, ids[0], None))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "P0 has already written notes or scores for this plan and cannot be removed"
    );
    db.with_tx(|tx| plans::remove_panelist(tx, plan, ids[1], None))
        .unwrap();
    assert_eq!(plans::show(db.conn(), plan).unwrap().panelists.len(), 1);
}

#[test]
fn focus_is_stored_and_used() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db
        .with_tx(|tx| {
            let plan = plans::create(tx, &new_plan("A"))?;
            let mut p = panelist("Investor", 60);
            p.focus = vec![Capability::Investment];
            plans::add_panelist(tx, plan, &p)?;
            plans::add_panelist(tx, plan, &panelist("B", 60))?;
            plans::add_panelist(tx, plan, &panelist("C", 60))?;
            plans::split_plan(tx, plan, None)?;
            Ok(plan)
        })
        .unwrap();
    let detail = plans::show(db.conn(), plan).unwrap();
    let investor = &detail.panelists[0];
    assert_eq!(investor.focus, vec![Capability::Investment]);
    let q5 = detail
        .assignments
        .iter()
        .find(|a| a.question_number == 5)
        .unwrap();
    assert_eq!(
        q5.panelist_id, investor.id,
        "the budget question goes to the investment focus"
    );
    assert_eq!(q5.reason, "focus: Business case");
}

#[test]
fn dragging_reorders_within_a_column_and_moves_between_columns() {
    use plans::QuestionMove;
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[60, 60, 60]);
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    let column = |db: &Db, p: i64| -> Vec<u32> {
        let d = plans::show(db.conn(), plan).unwrap();
        let mut mine: Vec<_> = d
            .assignments
            .into_iter()
            .filter(|a| a.panelist_id == p)
            .collect();
        mine.sort_by_key(|a| a.position);
        mine.into_iter().map(|a| a.question_number).collect()
    };
    let first = column(&db, ids[0]);
    let last = *first.last().unwrap();
    let step = QuestionMove {
        question_number: last,
        from_panelist_id: Some(ids[0]),
        to_panelist_id: ids[0],
        position: 0,
    };
    db.with_tx(|tx| plans::move_question(tx, plan, &step))
        .unwrap();
    assert_eq!(
        column(&db, ids[0])[0],
        last,
        "moved to the top of its own column"
    );

    let step = QuestionMove {
        to_panelist_id: ids[1],
        position: 1,
        ..step
    };
    db.with_tx(|tx| plans::move_question(tx, plan, &step))
        .unwrap();
    assert_eq!(
        column(&db, ids[1])[1],
        last,
        "landed second in the other column"
    );
    assert!(
        !column(&db, ids[0]).contains(&last),
        "and left the first column"
    );

    let again = QuestionMove {
        from_panelist_id: None,
        ..step
    };
    let err = db
        .with_tx(|tx| plans::move_question(tx, plan, &again))
        .unwrap_err();
    assert_eq!(err.to_string(), format!("P1 already asks question {last}"));

    db.with_tx(|tx| plans::set_question_fixed(tx, plan, last, ids[1], true))
        .unwrap();
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    assert!(
        column(&db, ids[1]).contains(&last),
        "a pinned move survives auto-split"
    );
}

#[test]
fn a_preview_changes_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, _) = plan_with_panel(&mut db, &[45, 60, 60]);
    let preview = db
        .preview(|tx| {
            plans::split_plan(tx, plan, Some(2))?;
            plans::show(tx, plan)
        })
        .unwrap();
    assert_eq!(
        preview.assignments.len(),
        36,
        "the preview shows the calibration split"
    );
    let stored = plans::show(db.conn(), plan).unwrap();
    assert!(stored.assignments.is_empty(), "but nothing was saved");
    assert_eq!(stored.coverage, 1, "not even the coverage setting");
}

#[test]
fn a_plan_schedules_itself_when_ready_and_moves_only_along_sensible_paths() {
    use panel_core::plans::PlanStatus;
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[60, 60, 60]);
    let status = |db: &Db| plans::show(db.conn(), plan).unwrap().header.status;
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    assert_eq!(status(&db), PlanStatus::Draft, "no date yet");
    let err = db
        .with_tx(|tx| plans::set_status(tx, plan, PlanStatus::Scheduled))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the plan cannot be scheduled yet: it has no interview date"
    );

    let mut details = new_plan("Zoë Łukasiewicz");
    details.starts_at = Some("2026-12-08T09:30:00+01:00".into());
    db.with_tx(|tx| plans::update(tx, plan, &details)).unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    assert_eq!(
        shown.header.status,
        PlanStatus::Scheduled,
        "date + panel + full split = scheduled"
    );
    assert_eq!(
        shown.header.starts_at.as_deref(),
        Some("2026-12-08T08:30:00Z"),
        "stored in UTC"
    );

    db.with_tx(|tx| plans::remove_panelist(tx, plan, ids[2], None))
        .unwrap();
    assert_eq!(
        status(&db),
        PlanStatus::Draft,
        "questions left unassigned: back to draft"
    );

    let err = db
        .with_tx(|tx| plans::set_status(tx, plan, PlanStatus::Decided))
        .unwrap_err();
    assert_eq!(err.to_string(), "a draft plan cannot become decided");
    db.with_tx(|tx| plans::set_status(tx, plan, PlanStatus::Withdrawn))
        .unwrap();
    db.with_tx(|tx| plans::set_status(tx, plan, PlanStatus::Draft))
        .unwrap();
    assert_eq!(
        status(&db),
        PlanStatus::Draft,
        "a withdrawn plan can be reopened"
    );
}

#[test]
fn duplicating_copies_panel_and_split_but_not_the_date() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, _) = plan_with_panel(&mut db, &[45, 60, 60]);
    db.with_tx(|tx| plans::split_plan(tx, plan, None)).unwrap();
    let copy = db.with_tx(|tx| plans::duplicate(tx, plan)).unwrap();
    let (a, b) = (
        plans::show(db.conn(), plan).unwrap(),
        plans::show(db.conn(), copy).unwrap(),
    );
    assert_eq!(b.header.candidate, "Zoë Łukasiewicz (copy)");
    assert_eq!(b.header.starts_at, None);
    assert_eq!(b.panelists.len(), 3);
    let numbers = |d: &plans::PlanDetail, i: usize| -> Vec<u32> {
        let id = d.panelists[i].id;
        d.assignments
            .iter()
            .filter(|x| x.panelist_id == id)
            .map(|x| x.question_number)
            .collect()
    };
    for i in 0..3 {
        assert_eq!(
            numbers(&a, i),
            numbers(&b, i),
            "panelist {i} keeps their questions"
        );
    }
}

#[test]
fn archived_plans_leave_the_list_and_can_come_back() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, _) = plan_with_panel(&mut db, &[45]);
    db.with_tx(|tx| plans::archive(tx, plan, true)).unwrap();
    assert!(plans::list(db.conn()).unwrap().is_empty());
    assert!(plans::is_archived(db.conn(), plan).unwrap());
    db.with_tx(|tx| plans::archive(tx, plan, false)).unwrap();
    assert_eq!(plans::list(db.conn()).unwrap().len(), 1);
}

#[test]
fn panelists_can_be_edited_and_reordered() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, ids) = plan_with_panel(&mut db, &[45, 60, 60]);
    let mut edited = panelist("Ana Ruiz", 50);
    edited.focus = vec![Capability::Risk];
    db.with_tx(|tx| plans::update_panelist(tx, plan, ids[0], &edited))
        .unwrap();
    db.with_tx(|tx| plans::reorder_panelists(tx, plan, &[ids[2], ids[0], ids[1]]))
        .unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    let order: Vec<i64> = shown.panelists.iter().map(|p| p.id).collect();
    assert_eq!(order, vec![ids[2], ids[0], ids[1]]);
    assert_eq!(
        (shown.panelists[1].name.as_str(), shown.panelists[1].minutes),
        ("Ana Ruiz", 50)
    );
    let err = db
        .with_tx(|tx| plans::reorder_panelists(tx, plan, &[ids[0], ids[1]]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the new order must list every panelist of the plan exactly once"
    );
    let err = db.with_tx(|tx| plans::update_panelist(tx, plan, ids[0], &panelist("", 50)));
    assert_eq!(
        err.unwrap_err().to_string(),
        "panelist name must not be empty"
    );
}
