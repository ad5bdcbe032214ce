//! Candidate data as personal data: purging a candidate for good, a retention period for
//! decided plans, and everything held about a candidate as one file (data-access requests).
//!
//! A purge deletes the plan and everything under it (panel, scorecards, notes, the audit trail
//! that names them, kits, decision) and the candidate, with `secure_delete` on (the connection
//! always has it) so the text is overwritten rather than left in free pages, then checkpoints
//! and truncates the WAL so no copy of those pages survives there either. Backups that hold the
//! plan are rewritten without it (each through `VACUUM INTO` and a rename); a damaged file moved
//! aside cannot be opened, so it is reported for the user to delete.

mod subject;

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::backup::{self, BackupKind};
use crate::{Error, Result};

pub use subject::{subject_export, SUBJECT_FORMAT};

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgeReport {
    /// The plan purged.
    pub plan_id: i64,
    /// The candidate's name (only in this report, for the message).
    pub candidate: String,
    /// Backups rewritten without the plan.
    pub backups_rewritten: u32,
    /// Files that may still hold the candidate and could not be rewritten (damaged files moved
    /// aside by a restore); the user should delete them.
    pub not_rewritten: Vec<String>,
}

/// Deletes a plan and its candidate from the open database, with no trace of their text left in
/// the file or its WAL. The caller runs it outside a transaction (the WAL checkpoint needs that).
pub fn purge_plan(conn: &Connection, plan_id: i64) -> Result<String> {
    let candidate = delete_plan(conn, plan_id)?;
    // Every page the deletion touched is in the WAL until a checkpoint; TRUNCATE copies them
    // into the file (where secure_delete zeroed the text) and empties the WAL.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(candidate)
}

/// The deletion itself, in one transaction; returns the candidate's name.
fn delete_plan(conn: &Connection, plan_id: i64) -> Result<String> {
    let found: Option<(String, i64)> = conn
        .query_row(
            "SELECT c.name, c.id FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE p.id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((name, candidate_id)) = found else {
        return Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        });
    };
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<()> {
        conn.execute("DELETE FROM plans WHERE id = ?1", [plan_id])?;
        conn.execute(
            "DELETE FROM candidates WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM plans WHERE candidate_id = ?1)",
            [candidate_id],
        )?;
        // The trail keeps that a purge happened, never whom it was about.
        conn.execute(
            "INSERT INTO audit_events (plan_id, at, actor, kind, detail)
             VALUES (NULL, ?1, 'this computer', 'plan purged', ?2)",
            params![
                crate::db::now(),
                serde_json::json!({ "planId": plan_id }).to_string()
            ],
        )?;
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(name)
}

/// Purges a plan from the database at `db_path` (through `conn`, its open connection) and from
/// every backup next to it that holds the same plan for the same candidate.
pub fn purge(conn: &Connection, db_path: &Path, plan_id: i64) -> Result<PurgeReport> {
    let created: Option<String> = conn
        .query_row(
            "SELECT c.created_at FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE p.id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?;
    let candidate = purge_plan(conn, plan_id)?;
    let mut report = PurgeReport {
        plan_id,
        candidate: candidate.clone(),
        backups_rewritten: 0,
        not_rewritten: Vec::new(),
    };
    for b in backup::list(db_path)? {
        if b.kind == BackupKind::Damaged {
            report.not_rewritten.push(b.path);
            continue;
        }
        match purge_backup(Path::new(&b.path), plan_id, &candidate, created.as_deref()) {
            Ok(true) => report.backups_rewritten += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(file = %b.path, "could not rewrite a backup: {e}");
                report.not_rewritten.push(b.path);
            }
        }
    }
    Ok(report)
}

/// Rewrites one backup without the plan, if it holds it (same id, same candidate); returns
/// whether it did.
fn purge_backup(path: &Path, plan_id: i64, candidate: &str, created: Option<&str>) -> Result<bool> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    let holds: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM plans p JOIN candidates c ON c.id = p.candidate_id
                        WHERE p.id = ?1 AND c.name = ?2 AND (?3 IS NULL OR c.created_at = ?3))",
        params![plan_id, candidate, created],
        |r| r.get(0),
    )?;
    if !holds {
        return Ok(false);
    }
    delete_plan(&conn, plan_id)?;
    // A fresh compact copy replaces the file: no free page of the old one survives.
    let fresh = path.with_extension("db.purging");
    let _ = std::fs::remove_file(&fresh);
    conn.execute("VACUUM INTO ?1", [fresh.to_string_lossy().as_ref()])?;
    drop(conn);
    crate::files::make_private(&fresh)?;
    crate::files::sync_and_rename(&fresh, path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    Ok(true)
}

/// Key of the retention setting.
const RETENTION_KEY: &str = "retention-months";

/// Months after its decision (or withdrawal) a plan is due for purging; `None` keeps plans.
pub fn retention_months(conn: &Connection) -> Result<Option<u32>> {
    let value: Option<String> = conn
        .query_row(
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
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![RETENTION_KEY, m.to_string()],
            )?;
            Ok(())
        }
        None => {
            conn.execute("DELETE FROM settings WHERE key = ?1", [RETENTION_KEY])?;
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
    /// When it was decided (or last changed, for a withdrawn plan).
    pub closed_at: String,
}

/// Decided and withdrawn plans closed more than the retention period ago, oldest first: the
/// list the user confirms before purging. Empty when no period is set.
pub fn due_for_purge(
    conn: &Connection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DuePlan>> {
    let Some(months) = retention_months(conn)? else {
        return Ok(Vec::new());
    };
    let cutoff = now
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(now)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut stmt = conn.prepare(
        "SELECT p.id, c.name, p.status, coalesce(d.decided_at, p.updated_at) AS closed
         FROM plans p JOIN candidates c ON c.id = p.candidate_id
         LEFT JOIN decisions d ON d.plan_id = p.id
         WHERE p.status IN ('decided', 'withdrawn') AND closed < ?1
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

#[cfg(test)]
mod tests;
