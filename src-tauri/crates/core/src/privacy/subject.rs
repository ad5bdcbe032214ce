//! Everything held about a candidate, as one JSON file: the answer to a data-access request.
//!
//! It holds the candidate, and for each of their plans (and every copy of one made from a kit)
//! the plan as the lead sees it, every
//! scorecard with every note (sealed or not: the request is about the candidate's data, not a
//! view into the panel's work), the decision, the debrief meeting's minutes and after-discussion
//! scores, and the audit trail. Exporting it is itself
//! recorded in the trail.

use crate::db::CachedStatements;
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::scorecards::{scorecard, Viewer};
use crate::{audit, db, debrief, plans, Result};

/// `format` of the export.
pub const SUBJECT_FORMAT: &str = "hiring-panel/subject-access";

/// All data about the candidate of `plan_id` (every plan of theirs), as a JSON document.
pub fn subject_export(conn: &Connection, plan_id: i64) -> Result<Value> {
    plans::ensure_plan(conn, plan_id)?;
    let (candidate_id, name, email, created_at): (i64, String, Option<String>, String) = conn
        .query_row_cached(
            "SELECT c.id, c.name, c.email, c.created_at FROM plans p
             JOIN candidates c ON c.id = p.candidate_id WHERE p.id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    // Their plans, and on a panelist's laptop every copy of the same plan (older kits).
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM plans WHERE candidate_id = ?1
           OR (exchange_key IS NOT NULL AND exchange_key = (SELECT exchange_key FROM plans
                                                            WHERE id = ?2))
         ORDER BY id",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([candidate_id, plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out_plans = Vec::new();
    for id in ids {
        let plan = plans::show(conn, id)?;
        let cards = plan
            .panelists
            .iter()
            .map(|p| scorecard(conn, id, p.id, Viewer::Panelist(p.id)))
            .collect::<Result<Vec<_>>>()?;
        out_plans.push(json!({
            "plan": plan,
            "scorecards": cards,
            "decision": debrief::decision_of(conn, id)?,
            "debriefMeeting": debrief::meeting::stored_record(conn, id)?,
            "audit": audit::events(conn, id)?,
        }));
        audit::record(
            conn,
            id,
            "this computer",
            crate::audit::AuditKind::CandidateDataExported,
            &json!({ "for": "data-access request" }),
        )?;
    }
    Ok(json!({
        "format": SUBJECT_FORMAT,
        "formatVersion": 1,
        "exportedAt": db::now(),
        "candidate": { "name": name, "email": email, "createdAt": created_at },
        "plans": out_plans,
    }))
}
