//! The Plans list: one summary row per plan that is not archived.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{bad_value, PlanStatus};
use crate::{Level, Result};

/// One row of the Plans list.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Plan id.
    pub id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Target level.
    pub level: Level,
    /// Role title.
    pub role_title: String,
    /// Status.
    pub status: PlanStatus,
    /// Interview start (RFC 3339, UTC), if scheduled.
    pub starts_at: Option<String>,
    /// Number of panelists.
    pub panelist_count: u32,
    /// The lead's own plan, or a panelist's copy made from a kit.
    pub mode: crate::plans::PlanMode,
    /// Scorecards submitted so far (of `panelist_count`).
    pub submitted_count: u32,
    /// A hiring decision is recorded.
    pub decided: bool,
}

crate::slug_enum! {
    /// Which interviews the list shows by their time.
    #[derive(Default)]
    pub enum When {
        /// Every plan.
        #[default]
        Any = "any",
        /// Interviews still to come.
        Upcoming = "upcoming",
        /// Interviews that have started or are over.
        Past = "past",
        /// Plans without an interview date yet.
        Unscheduled = "unscheduled",
    }
}

/// What the Plans list asks for: a search, filters, and which page of the matches.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct PlanQuery {
    /// Words to find in the candidate's name or the role, accents and case ignored.
    pub search: String,
    /// Only plans in this status.
    pub status: Option<PlanStatus>,
    /// Only plans for this level.
    pub level: Option<Level>,
    /// Only upcoming, past or unscheduled interviews.
    pub when: When,
    /// Matches to skip (the rows already shown).
    pub offset: u32,
    /// At most this many rows; every match when absent.
    pub limit: Option<u32>,
}

/// One page of the Plans list.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanPage {
    /// The rows of this page, in the list's order.
    pub plans: Vec<PlanSummary>,
    /// How many plans match the search and filters.
    pub matching: u32,
    /// How many plans the list holds (not archived), whatever the search.
    pub total: u32,
}

/// Every plan that is not archived, in the list's order (see [`list_page`]).
pub fn list(conn: &Connection) -> Result<Vec<PlanSummary>> {
    Ok(list_page(conn, &PlanQuery::default())?.plans)
}

/// One page of the plans matching `query`, with how many match: searched, filtered, ordered and
/// paged in SQL, so what it costs follows the page rather than the database. The order puts what
/// a recruiter needs now first: upcoming interviews soonest first, then plans without a date,
/// then past interviews most recent first.
pub fn list_page(conn: &Connection, query: &PlanQuery) -> Result<PlanPage> {
    list_page_at(conn, query, &crate::db::now().to_string())
}

/// The list's three groups in their order: which plans each holds and how they sort inside it.
/// `starts_at` is stored as normalised UTC text (`2026-12-08T09:30:00Z`, like `now`), so text
/// comparison is time comparison, and each group is a range of the `plans_listed` index read in
/// order: the first page costs the same at fifty plans or fifty thousand.
const GROUPS: [(When, &str, &str); 3] = [
    (When::Upcoming, "p.starts_at >= :now", "p.starts_at, p.id"),
    (When::Unscheduled, "p.starts_at IS NULL", "p.id"),
    (When::Past, "p.starts_at < :now", "p.starts_at DESC, p.id"),
];

/// The search and filters every group applies.
const FILTERS: &str = "p.archived_at IS NULL
    AND (:search = '' OR instr(p.search_text, :search) > 0)
    AND (:status IS NULL OR p.status = :status)
    AND (:level IS NULL OR p.level = :level)";

/// [`list_page`] as of `now` (RFC 3339 UTC, whole seconds), which divides upcoming from past.
pub fn list_page_at(conn: &Connection, query: &PlanQuery, now: &str) -> Result<PlanPage> {
    let search = super::search::fold(query.search.trim());
    let status = query.status.map(PlanStatus::slug);
    let level = query.level.map(Level::slug);
    let submitted = crate::scorecards::ScorecardStatus::Submitted;
    let total: u32 = conn.query_row(
        "SELECT count(*) FROM plans WHERE archived_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let groups: Vec<_> = GROUPS
        .iter()
        .filter(|(when, ..)| query.when == When::Any || query.when == *when)
        .collect();
    let mut counts = Vec::with_capacity(groups.len());
    for (_, holds, _) in &groups {
        let mut stmt = conn.prepare(&format!(
            "SELECT count(*) FROM plans p WHERE {FILTERS} AND {holds}"
        ))?;
        bind(
            &mut stmt,
            rusqlite::named_params! {
                ":now": now, ":search": search, ":status": status, ":level": level,
            },
        )?;
        let count: u32 = match stmt.raw_query().next()? {
            Some(row) => row.get(0)?,
            None => 0,
        };
        counts.push(count);
    }
    let matching = counts.iter().sum();

    // Walk the groups in order: skip what earlier pages showed, then take up to the limit.
    let mut skip = query.offset;
    let mut room = query.limit.unwrap_or(u32::MAX);
    let mut plans = Vec::new();
    for ((_, holds, order), count) in groups.iter().zip(counts) {
        if room == 0 {
            break;
        }
        if skip >= count {
            skip -= count;
            continue;
        }
        let sql = format!(
            "SELECT p.id, c.name, p.level, p.role_title, p.status, p.starts_at,
                    (SELECT count(*) FROM panelists x WHERE x.plan_id = p.id), p.mode,
                    (SELECT count(*) FROM scorecards s JOIN panelists x ON x.id = s.panelist_id
                      WHERE x.plan_id = p.id AND s.status = :submitted),
                    EXISTS (SELECT 1 FROM decisions d WHERE d.plan_id = p.id)
             FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE {FILTERS} AND {holds}
             ORDER BY {order} LIMIT :limit OFFSET :offset"
        );
        let mut stmt = conn.prepare(&sql)?;
        bind(
            &mut stmt,
            rusqlite::named_params! {
                ":now": now, ":search": search, ":status": status, ":level": level,
                ":limit": room, ":offset": skip, ":submitted": submitted,
            },
        )?;
        let before = plans.len();
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next()? {
            plans.push(summary(row)?);
        }
        room = room.saturating_sub((plans.len() - before) as u32);
        skip = 0;
    }
    Ok(PlanPage {
        plans,
        matching,
        total,
    })
}

/// Rewrites every plan's `starts_at` as normalised UTC text, the form the list's ranges compare
/// (the migration that introduced them; plans written since are stored that way). A value that
/// does not parse is left as it is.
pub(crate) fn normalise_start_times(conn: &Connection) -> Result<()> {
    let stored: Vec<(i64, String)> = conn
        .prepare("SELECT id, starts_at FROM plans WHERE starts_at IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, text) in stored {
        if let Ok(normal) = super::parse_instant(&text) {
            if normal != text {
                conn.execute(
                    "UPDATE plans SET starts_at = ?1 WHERE id = ?2",
                    rusqlite::params![normal, id],
                )?;
            }
        }
    }
    Ok(())
}

/// Binds the named parameters the statement uses (a group that does not compare times has no
/// `:now`).
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &[(&str, &dyn rusqlite::ToSql)]) -> Result<()> {
    for (name, value) in params {
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    Ok(())
}

/// One row of the list from the page query's columns.
fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<PlanSummary> {
    let level: String = row.get(2)?;
    let status: String = row.get(4)?;
    Ok(PlanSummary {
        id: row.get(0)?,
        candidate: row.get(1)?,
        level: Level::from_slug(&level).ok_or_else(|| bad_value(2, &level))?,
        role_title: row.get(3)?,
        status: PlanStatus::from_slug(&status).ok_or_else(|| bad_value(4, &status))?,
        starts_at: row.get(5)?,
        panelist_count: row.get(6)?,
        mode: row.get(7)?,
        submitted_count: row.get(8)?,
        decided: row.get(9)?,
    })
}

#[cfg(test)]
mod tests {
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
}
