//! The Plans list: one summary row per plan that is not archived.

use crate::db::CachedStatements;
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

/// Rows the Plans list shows at a time: what the window shows and a little more. The UI pages
/// by it (exported to TypeScript as `PLANS_PAGE_ROWS`), and the shell reads the first page with
/// it before the UI asks.
pub const PAGE_ROWS: u32 = 50;

impl PlanQuery {
    /// The list as it first opens: no search, no filter, the first page.
    pub fn first_page() -> PlanQuery {
        PlanQuery {
            limit: Some(PAGE_ROWS),
            ..PlanQuery::default()
        }
    }
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
/// order: the first page costs the same at fifty plans or fifty thousand. That index also holds
/// every column the filters read (schema 10), so counting matches and choosing a page's plans
/// never read a plan's row; only the page's rows are read, by id.
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
    let total: u32 = conn.query_row_cached(
        "SELECT count(*) FROM plans WHERE archived_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let groups: Vec<_> = GROUPS
        .iter()
        .filter(|(when, ..)| query.when == When::Any || query.when == *when)
        .collect();
    // With no search and no filter every plan matches, so the matches are the total; and the
    // first page needs no group's count to skip through. The list as it opens (and as it comes
    // back when a search is cleared) then costs one count, not two passes over every plan.
    let unfiltered =
        search.is_empty() && status.is_none() && level.is_none() && query.when == When::Any;
    let mut counts: Vec<Option<u32>> = Vec::with_capacity(groups.len());
    for (_, holds, _) in &groups {
        if unfiltered && query.offset == 0 {
            counts.push(None);
            continue;
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT count(*) FROM plans p INDEXED BY plans_listed WHERE {FILTERS} AND {holds}"
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
        counts.push(Some(count));
    }
    let matching = if unfiltered {
        total
    } else {
        counts.iter().flatten().sum()
    };

    // Walk the groups in order: skip what earlier pages showed, then take up to the limit.
    let mut skip = query.offset;
    let mut room = query.limit.unwrap_or(u32::MAX);
    let mut plans = Vec::new();
    for ((_, holds, order), count) in groups.iter().zip(counts) {
        if room == 0 {
            break;
        }
        if let Some(count) = count.filter(|&count| skip >= count) {
            skip -= count;
            continue;
        }
        // The page's ids from the index alone, then their rows (the outer ORDER BY keeps the
        // page's order; it sorts at most `limit` rows).
        let sql = format!(
            "SELECT p.id, c.name, p.level, p.role_title, p.status, p.starts_at,
                    (SELECT count(*) FROM panelists x WHERE x.plan_id = p.id), p.mode,
                    (SELECT count(*) FROM scorecards s JOIN panelists x ON x.id = s.panelist_id
                      WHERE x.plan_id = p.id AND s.status = :submitted),
                    EXISTS (SELECT 1 FROM decisions d WHERE d.plan_id = p.id)
             FROM (SELECT p.id FROM plans p INDEXED BY plans_listed
                   WHERE {FILTERS} AND {holds}
                   ORDER BY {order} LIMIT :limit OFFSET :offset) AS page
             JOIN plans p ON p.id = page.id
             JOIN candidates c ON c.id = p.candidate_id
             ORDER BY {order}"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
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
        .prepare_cached("SELECT id, starts_at FROM plans WHERE starts_at IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, text) in stored {
        if let Ok(normal) = super::parse_instant(&text) {
            if normal != text {
                conn.execute_cached(
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
mod tests;
