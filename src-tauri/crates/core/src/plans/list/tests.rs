//! The Plans list against what people expect of it: archived plans left out, counts per row, the
//! search finding renamed and duplicated plans, and, for a table of searches and filters, the
//! same plans in the same order as the in-memory filter the UI used before the list moved into
//! SQL.

use super::*;
use crate::Db;

#[test]
fn a_new_database_has_no_plans() {
    let db = Db::open_in_memory().unwrap();
    assert!(list(db.conn()).unwrap().is_empty());
}

#[test]
fn lists_unarchived_plans_with_their_candidate_and_panel_size() {
    let db = Db::open_in_memory().unwrap();
    db.conn()
        .execute_batch(
            "INSERT INTO candidates (id, name, created_at) VALUES (1, 'Zoë Łukasiewicz', 'x');
             INSERT INTO plans (id, candidate_id, level, pack_id, status, created_at,
                                updated_at, starts_at)
               VALUES (1, 1, 'vp', 1, 'scheduled', 'x', 'x', '2026-12-01T09:00:00Z'),
                      (2, 1, 'director', 1, 'draft', 'x', 'x', NULL);
             UPDATE plans SET archived_at = 'x' WHERE id = 2;
             INSERT INTO panelists (plan_id, name, slot_minutes, position)
               VALUES (1, 'A', 45, 0), (1, 'B', 45, 1);",
        )
        .unwrap();
    let plans = list(db.conn()).unwrap();
    assert_eq!(plans.len(), 1, "archived plans are not listed");
    assert_eq!(plans[0].candidate, "Zoë Łukasiewicz");
    assert_eq!(plans[0].level, Level::Vp);
    assert_eq!(plans[0].status, PlanStatus::Scheduled);
    assert_eq!(plans[0].panelist_count, 2);
    assert_eq!((plans[0].submitted_count, plans[0].decided), (0, false));
}

fn new_plan(candidate: &str, level: Level) -> crate::plans::NewPlan {
    crate::plans::NewPlan {
        candidate: candidate.into(),
        email: None,
        level,
        role_title: None,
        starts_at: None,
        panel_lead: None,
        recruiter: None,
        notes: None,
    }
}

/// The Plans list as the UI filtered and ordered it in memory before the list moved into
/// SQL (`ui/src/plans/filter.ts`, `orderPlans` then `filterPlans`): the reference the SQL
/// query must agree with.
fn in_memory(all: &[PlanSummary], q: &PlanQuery, now: &str) -> Vec<i64> {
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    let now = at(now);
    let group = |p: &PlanSummary| match &p.starts_at {
        None => 1,
        Some(t) if at(t) >= now => 0,
        Some(_) => 2,
    };
    let time = |p: &PlanSummary| p.starts_at.as_deref().map_or(0, at);
    let mut ordered: Vec<&PlanSummary> = all.iter().collect();
    ordered.sort_by(|a, b| {
        let (ga, gb) = (group(a), group(b));
        ga.cmp(&gb)
            .then(if ga == 2 {
                time(b).cmp(&time(a))
            } else {
                time(a).cmp(&time(b))
            })
            .then(a.id.cmp(&b.id))
    });
    let needle = crate::plans::fold_for_search(q.search.trim());
    let matches = ordered.into_iter().filter(|p| {
        let text = crate::plans::fold_for_search(&format!("{} {}", p.candidate, p.role_title));
        (needle.is_empty() || text.contains(&needle))
            && q.status.is_none_or(|s| p.status == s)
            && q.level.is_none_or(|l| p.level == l)
            && match q.when {
                When::Any => true,
                When::Upcoming => group(p) == 0,
                When::Unscheduled => group(p) == 1,
                When::Past => group(p) == 2,
            }
    });
    matches.map(|p| p.id).collect()
}

#[test]
fn the_sql_list_finds_and_orders_what_the_in_memory_filter_did() {
    let mut db = Db::open_in_memory().unwrap();
    let now = "2026-12-03T12:00:00Z";
    let plans: &[(&str, &str, Level, Option<&str>)] = &[
        (
            "Zoë Łukasiewicz",
            "VP, Product Security",
            Level::Vp,
            Some("2026-12-08T09:30:00Z"),
        ),
        (
            "ZOE ADAMS",
            "Director",
            Level::Director,
            Some("2026-11-20T09:00:00Z"),
        ),
        ("Sofía Marín", "Principal Engineer", Level::Principal, None),
        (
            "نادية الحسن",
            "مديرة أمن المنتجات",
            Level::Vp,
            Some("2026-12-03T12:00:00Z"),
        ),
        (
            "Ζωή Παππά",
            "Director of Security",
            Level::Director,
            Some("2025-01-10T08:00:00+02:00"),
        ),
        ("李雷", "", Level::SeniorDirector, None),
        ("O", "o", Level::Director, Some("2026-12-09T09:30:00Z")),
        ("Zoe Adams", "VP", Level::Vp, Some("2026-12-08T09:30:00Z")),
    ];
    for (candidate, role, level, starts_at) in plans {
        db.with_tx(|tx| {
            crate::plans::create(
                tx,
                &crate::plans::NewPlan {
                    role_title: Some(role.to_string()).filter(|r| !r.is_empty()),
                    starts_at: starts_at.map(str::to_string),
                    ..new_plan(candidate, *level)
                },
            )
        })
        .unwrap();
    }
    // Statuses and an archived plan, so the filters have something to tell apart.
    db.conn()
        .execute_batch(
            "UPDATE plans SET status = 'scheduled' WHERE id IN (1, 7);
             UPDATE plans SET status = 'decided' WHERE id = 2;
             UPDATE plans SET archived_at = '2026-01-01T00:00:00Z' WHERE id = 8;",
        )
        .unwrap();
    let all = list_page_at(db.conn(), &PlanQuery::default(), now).unwrap();
    assert_eq!(
        (all.plans.len(), all.total),
        (7, 7),
        "the archived plan is not listed"
    );

    let searches = [
        "",
        "zoe",
        "ZOË",
        "  zoe  ",
        "zoë adams",
        "marin",
        "MARÍN",
        "نادية",
        "الحسن",
        "ζωη",
        "ΖΩΉ",
        "z",
        "o",
        "é",
        "product security",
        "security",
        "李",
        "nobody",
    ];
    let mut queries: Vec<PlanQuery> = searches
        .iter()
        .map(|s| PlanQuery {
            search: s.to_string(),
            ..Default::default()
        })
        .collect();
    for when in When::ALL {
        queries.push(PlanQuery {
            when: *when,
            ..Default::default()
        });
        queries.push(PlanQuery {
            search: "o".into(),
            when: *when,
            ..Default::default()
        });
    }
    for status in [
        PlanStatus::Draft,
        PlanStatus::Scheduled,
        PlanStatus::Decided,
    ] {
        queries.push(PlanQuery {
            status: Some(status),
            ..Default::default()
        });
    }
    for level in [Level::Vp, Level::Director, Level::SeniorDirector] {
        queries.push(PlanQuery {
            level: Some(level),
            search: "a".into(),
            ..Default::default()
        });
    }
    for q in &queries {
        let expected = in_memory(&all.plans, q, now);
        let page = list_page_at(db.conn(), q, now).unwrap();
        let got: Vec<i64> = page.plans.iter().map(|p| p.id).collect();
        assert_eq!(got, expected, "{q:?}");
        assert_eq!(page.matching as usize, expected.len(), "{q:?}");
        assert_eq!(page.total, 7);
        // Any page of it is the same slice of the same order.
        for (offset, limit) in [(0, 2), (2, 2), (5, 10), (7, 1)] {
            let paged = PlanQuery {
                offset,
                limit: Some(limit),
                ..q.clone()
            };
            let got: Vec<i64> = list_page_at(db.conn(), &paged, now)
                .unwrap()
                .plans
                .iter()
                .map(|p| p.id)
                .collect();
            let want: Vec<i64> = expected
                .iter()
                .copied()
                .skip(offset as usize)
                .take(limit as usize)
                .collect();
            assert_eq!(got, want, "{paged:?}");
        }
    }
    // The searches found what a person would expect, not only what the old code did.
    let ids = |s: &str| -> Vec<i64> {
        let q = PlanQuery {
            search: s.into(),
            ..Default::default()
        };
        list_page_at(db.conn(), &q, now)
            .unwrap()
            .plans
            .iter()
            .map(|p| p.id)
            .collect()
    };
    assert_eq!(
        ids("zoe"),
        vec![1, 2],
        "accents and case ignored; upcoming before past"
    );
    assert_eq!(ids("ΖΩΉ"), vec![5]);
    assert_eq!(ids("نادية"), vec![4]);
    assert!(ids("nobody").is_empty());
}

#[test]
fn a_renamed_candidate_is_found_by_the_new_name_only() {
    let mut db = Db::open_in_memory().unwrap();
    let new = |name: &str| new_plan(name, Level::Director);
    let id = db
        .with_tx(|tx| crate::plans::create(tx, &new("Zoë Adams")))
        .unwrap();
    db.with_tx(|tx| crate::plans::update(tx, id, &new("Zoë Brandt")))
        .unwrap();
    let copy = db.with_tx(|tx| crate::plans::duplicate(tx, id)).unwrap();
    let find = |s: &str| -> Vec<i64> {
        let q = PlanQuery {
            search: s.into(),
            ..Default::default()
        };
        list_page(db.conn(), &q)
            .unwrap()
            .plans
            .iter()
            .map(|p| p.id)
            .collect()
    };
    assert!(find("adams").is_empty());
    assert_eq!(find("brandt"), vec![id, copy], "the copy is found too");
}

#[test]
fn each_row_says_how_many_scorecards_are_in_and_whether_the_decision_is_made() {
    let mut db = Db::open_in_memory().unwrap();
    let scored = db
        .with_tx(|tx| crate::plans::create_scored_sample(tx))
        .unwrap();
    let fresh = db.with_tx(|tx| crate::plans::create_sample(tx)).unwrap();
    let plans = list(db.conn()).unwrap();
    let row = |id: i64| plans.iter().find(|p| p.id == id).unwrap();
    assert!(row(scored).panelist_count > 0);
    assert_eq!(row(scored).submitted_count, row(scored).panelist_count);
    assert!(
        !row(scored).decided,
        "the scored sample waits for its decision"
    );
    assert_eq!((row(fresh).submitted_count, row(fresh).decided), (0, false));
}

/// What keeps a search cheap at 50,000 plans (BENCHMARKS.md): counting the matches and choosing
/// a page read only the `plans_listed` index, never the plans' rows with their notes.
#[test]
fn matches_are_counted_and_chosen_from_the_index_alone() {
    let db = Db::open_in_memory().unwrap();
    for (_, holds, order) in GROUPS {
        for sql in [
            format!(
                "SELECT count(*) FROM plans p INDEXED BY plans_listed WHERE {FILTERS} AND {holds}"
            ),
            format!(
                "SELECT p.id FROM plans p INDEXED BY plans_listed WHERE {FILTERS} AND {holds}
                 ORDER BY {order} LIMIT 50 OFFSET 0"
            ),
        ] {
            let mut stmt = db
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let mut rows = stmt.raw_query();
            let mut plan = Vec::new();
            while let Some(row) = rows.next().unwrap() {
                plan.push(row.get::<_, String>(3).unwrap());
            }
            assert!(
                plan.iter()
                    .any(|step| step.contains("USING COVERING INDEX plans_listed")),
                "{sql}: {plan:?}"
            );
        }
    }
}
