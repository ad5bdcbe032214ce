//! Where each panelist's exchange stands, for the plan screen.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::time::Timestamp;
use crate::Result;

/// One panelist's exchange with the lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistExchange {
    /// Panelist id.
    pub panelist_id: i64,
    /// When their current kit was last written to a file, if ever.
    pub kit_exported_at: Option<Timestamp>,
    /// True when their questions changed since that kit: send kits again.
    pub kit_outdated: bool,
    /// Revision of the scorecard received from them, if any.
    pub received_revision: Option<u32>,
    /// When it was received.
    pub received_at: Option<Timestamp>,
}

/// Where a panelist copy came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HeldKitInfo {
    /// Panel lead who issued the kit.
    pub issued_by: String,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// When it was imported here.
    pub imported_at: Timestamp,
    /// Last revision exported (0 before the first export).
    pub revision: u32,
    /// Fingerprint of the lead's key that signed the kit (none for kits held from before
    /// kits were signed).
    pub lead_fingerprint: Option<String>,
}

/// panelist id, kit exported at, kit questions, revision received, received at.
type StatusRow = (
    i64,
    Option<Timestamp>,
    Option<String>,
    Option<u32>,
    Option<Timestamp>,
);

/// The exchange status of every panelist of a lead's plan, in panel order.
pub fn exchange_status(conn: &Connection, plan_id: i64) -> Result<Vec<PanelistExchange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, k.exported_at, k.questions, r.revision, r.received_at
         FROM panelists p
         LEFT JOIN issued_kits k ON k.panelist_id = p.id AND k.superseded_at IS NULL
         LEFT JOIN scorecard_receipts r ON r.panelist_id = p.id
         WHERE p.plan_id = ?1 ORDER BY p.position",
    )?;
    let rows: Vec<StatusRow> = stmt
        .query_map([plan_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (panelist_id, exported_at, kit_questions, revision, received_at) in rows {
        let kit_outdated = match &kit_questions {
            Some(q) => *q != current_questions(conn, plan_id, panelist_id)?,
            None => false,
        };
        out.push(PanelistExchange {
            panelist_id,
            kit_exported_at: exported_at,
            kit_outdated,
            received_revision: revision,
            received_at,
        });
    }
    Ok(out)
}

/// The kit a panelist copy came from, if the plan is one.
pub fn held_kit(conn: &Connection, plan_id: i64) -> Result<Option<HeldKitInfo>> {
    Ok(conn
        .query_row_cached(
            "SELECT issued_by, issued_at, imported_at, revision, lead_key FROM held_kits
             WHERE plan_id = ?1",
            params![plan_id],
            |r| {
                Ok(HeldKitInfo {
                    issued_by: r.get(0)?,
                    issued_at: r.get(1)?,
                    imported_at: r.get(2)?,
                    revision: r.get(3)?,
                    lead_fingerprint: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|k| crate::identity::fingerprint_of(&k).ok()),
                })
            },
        )
        .optional()?)
}

/// The panelist's question numbers in asking order, encoded as a kit records them.
fn current_questions(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<String> {
    let numbers: Vec<u32> = conn
        .prepare_cached(
            "SELECT pq.number FROM assignments a
             JOIN plan_questions pq ON pq.plan_id = a.plan_id AND pq.question_id = a.question_id
             WHERE a.plan_id = ?1 AND a.panelist_id = ?2 ORDER BY a.position",
        )?
        .query_map(params![plan_id, panelist_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::to_string(&numbers).expect("numbers serialise"))
}
