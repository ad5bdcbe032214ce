//! The audit trail: an append-only record of submissions, amendments, unseals and decisions.
//!
//! Interview records can become legal records, so anything that changes a submitted judgement
//! or reveals sealed scores leaves an entry saying who, when, why, and what changed.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::{db, Result};

/// Appends an event. `detail` is stored as JSON.
pub fn record<T: Serialize>(
    conn: &Connection,
    plan_id: i64,
    actor: &str,
    kind: &str,
    detail: &T,
) -> Result<()> {
    let detail = serde_json::to_string(detail).expect("audit details are plain data");
    conn.execute(
        "INSERT INTO audit_events (plan_id, at, actor, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![plan_id, db::now(), actor, kind, detail],
    )?;
    Ok(())
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What kind of event ("submitted", "amended", "unsealed", …).
    pub kind: String,
    /// Details as JSON text.
    pub detail: String,
}

/// A plan's trail, oldest first.
pub fn events(conn: &Connection, plan_id: i64) -> Result<Vec<AuditEvent>> {
    let mut stmt = conn.prepare(
        "SELECT at, actor, kind, detail FROM audit_events WHERE plan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok(AuditEvent {
            at: r.get(0)?,
            actor: r.get(1)?,
            kind: r.get(2)?,
            detail: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
