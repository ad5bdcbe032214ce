//! How long decided plans are kept: the retention period (a setting), and the plans past it
//! that the user confirms before they are purged. Nothing here deletes anything.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{Error, Result};

/// The retention period and the plans past it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// Months after a decision or withdrawal; `None` keeps plans until purged by hand.
    pub months: Option<u32>,
    /// Plans due for purging, oldest first.
    pub due: Vec<DuePlan>,
}

/// The retention period and what is due now.
pub fn retention(conn: &Connection) -> Result<Retention> {
    Ok(Retention {
        months: retention_months(conn)?,
        due: due_for_purge(conn, chrono::Utc::now())?,
    })
}

/// Key of the retention setting.
const RETENTION_KEY: &str = "retention-months";

/// Months after its decision (or withdrawal) a plan is due for purging; `None` keeps plans.
pub fn retention_months(conn: &Connection) -> Result<Option<u32>> {
    let value: Option<String> = conn
        .query_row_cached(
            "SELECT value FROM settings WHERE key = ?1",
            [RETENTION_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// Sets (1–120 months) or clears the retention period.
pub fn set_retention_months(conn: &Connection, months: Option<u32>) -> Result<()> {
    match months {
        Some(m) if !(1..=120).contains(&m) => Err(Error::InvalidInput(format!(
            "a retention period is 1–120 months, not {m}"
        ))),
        Some(m) => {
            conn.execute_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![RETENTION_KEY, m.to_string()],
            )?;
            Ok(())
        }
        None => {
            conn.execute_cached("DELETE FROM settings WHERE key = ?1", [RETENTION_KEY])?;
            Ok(())
        }
    }
}

/// A plan past the retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DuePlan {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Decided or withdrawn.
    pub status: crate::plans::PlanStatus,
    /// When it was decided (or last changed, for a withdrawn plan or a panelist's copy).
    pub closed_at: crate::time::Timestamp,
}

/// Decided and withdrawn plans closed more than the retention period ago, and panelists' copies
/// untouched for that long, oldest first: the list the user confirms before purging. Empty when
/// no period is set.
pub fn due_for_purge(
    conn: &Connection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DuePlan>> {
    let Some(months) = retention_months(conn)? else {
        return Ok(Vec::new());
    };
    let cutoff = now
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(now);
    let cutoff = crate::time::Timestamp::from_utc(cutoff);
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, c.name, p.status,
                CASE WHEN p.status = 'decided' THEN coalesce(d.decided_at, p.updated_at)
                     ELSE p.updated_at END AS closed
         FROM plans p JOIN candidates c ON c.id = p.candidate_id
         LEFT JOIN decisions d ON d.plan_id = p.id
         WHERE (p.status IN ('decided', 'withdrawn') OR p.mode = 'panelist') AND closed < ?1
         ORDER BY closed",
    )?;
    let rows = stmt.query_map([cutoff], |r| {
        let status: String = r.get(2)?;
        Ok(DuePlan {
            plan_id: r.get(0)?,
            candidate: r.get(1)?,
            status: crate::plans::PlanStatus::from_slug(&status)
                .ok_or_else(|| crate::plans::bad_value(2, &status))?,
            closed_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
