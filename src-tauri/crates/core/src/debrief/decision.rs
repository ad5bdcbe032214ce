//! The panel's decision: what was decided, why, by whom and when. Recorded at the debrief, once
//! the scores are visible; a changed decision replaces the old one and both go to the audit trail.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::plans::{clean_name, PlanStatus};
use crate::{audit, db, Error, Result};

/// Longest rationale accepted, in characters.
pub const MAX_RATIONALE_CHARS: usize = 20_000;

/// What the panel decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// Make an offer.
    Hire,
    /// Do not hire.
    NoHire,
    /// Decide later (more evidence needed).
    Hold,
}

impl DecisionKind {
    /// The slug used in the database and by `panelctl`.
    pub fn slug(self) -> &'static str {
        match self {
            DecisionKind::Hire => "hire",
            DecisionKind::NoHire => "no-hire",
            DecisionKind::Hold => "hold",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<DecisionKind> {
        [DecisionKind::Hire, DecisionKind::NoHire, DecisionKind::Hold]
            .into_iter()
            .find(|k| k.slug() == slug)
    }

    /// How a reader names it.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Hire => "Hire",
            DecisionKind::NoHire => "No hire",
            DecisionKind::Hold => "Hold",
        }
    }
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// What was decided.
    pub decision: DecisionKind,
    /// Why.
    pub rationale: String,
    /// Who decided.
    pub decided_by: String,
    /// When (RFC 3339, UTC).
    pub decided_at: crate::time::Timestamp,
}

/// A decision as entered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    /// What was decided.
    pub decision: DecisionKind,
    /// Why.
    pub rationale: String,
    /// Who decided.
    pub decided_by: String,
}

/// Records a plan's decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DecideRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The decision.
    pub decision: DecisionInput,
}

/// Reopens a plan's decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReopenRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Why the panel looks again.
    pub reason: String,
    /// Who reopens.
    pub by: String,
}

/// The plan's decision, if one is recorded.
pub fn decision_of(conn: &Connection, plan_id: i64) -> Result<Option<Decision>> {
    let row: Option<(String, String, String, crate::time::Timestamp)> = conn
        .query_row_cached(
            "SELECT decision, rationale, decided_by, decided_at FROM decisions WHERE plan_id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(
        row.map(|(kind, rationale, decided_by, decided_at)| Decision {
            decision: DecisionKind::from_slug(&kind).unwrap_or(DecisionKind::Hold),
            rationale,
            decided_by,
            decided_at,
        }),
    )
}

/// Records the decision (replacing an earlier one), audited; hire and no-hire mark the plan
/// decided. Refused while the scores are sealed: nobody decides on evidence they cannot see.
pub fn decide(conn: &Connection, plan_id: i64, input: &DecisionInput) -> Result<Decision> {
    if crate::scorecards::is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(
            "the scores are sealed until every panelist has submitted (or the lead unseals); \
             decide at the debrief"
                .into(),
        ));
    }
    let rationale = input.rationale.trim();
    if rationale.is_empty() {
        return Err(Error::InvalidInput("a decision needs a rationale".into()));
    }
    if rationale.chars().count() > MAX_RATIONALE_CHARS {
        return Err(Error::InvalidInput(format!(
            "the rationale is longer than {MAX_RATIONALE_CHARS} characters"
        )));
    }
    let decided_by = clean_name("who decided", &input.decided_by)?;
    let old = decision_of(conn, plan_id)?;
    let decision = Decision {
        decision: input.decision,
        rationale: rationale.to_string(),
        decided_by: decided_by.clone(),
        decided_at: db::now(),
    };
    conn.execute_cached(
        "INSERT INTO decisions (plan_id, decision, rationale, decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (plan_id) DO UPDATE SET decision = excluded.decision,
             rationale = excluded.rationale, decided_by = excluded.decided_by,
             decided_at = excluded.decided_at",
        params![
            plan_id,
            decision.decision.slug(),
            decision.rationale,
            decision.decided_by,
            decision.decided_at
        ],
    )?;
    let status = match decision.decision {
        DecisionKind::Hire | DecisionKind::NoHire => PlanStatus::Decided,
        DecisionKind::Hold => PlanStatus::Debrief,
    };
    conn.execute_cached(
        "UPDATE plans SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![status.slug(), db::now(), plan_id],
    )?;
    audit::record(
        conn,
        plan_id,
        &decided_by,
        crate::audit::AuditKind::Decided,
        &serde_json::json!({
            "decision": decision.decision.slug(),
            "rationale": decision.rationale,
            "previous": old.map(|o| serde_json::json!({
                "decision": o.decision.slug(),
                "rationale": o.rationale,
                "decidedBy": o.decided_by,
            })),
        }),
    )?;
    Ok(decision)
}

/// Withdraws the recorded decision so the panel can look again (a late scorecard, a new
/// revision): needs a reason and who reopens, audited with the decision it withdraws. The plan
/// goes back to the debrief; a scorecard revision the decision had shut out can then be
/// imported, and a new decision recorded.
pub fn reopen(conn: &Connection, plan_id: i64, reason: &str, by: &str) -> Result<()> {
    crate::plans::ensure_plan(conn, plan_id)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput(
            "reopening a decision needs a reason".into(),
        ));
    }
    if reason.chars().count() > MAX_RATIONALE_CHARS {
        return Err(Error::InvalidInput(format!(
            "the reason is longer than {MAX_RATIONALE_CHARS} characters"
        )));
    }
    let by = clean_name("who reopens the decision", by)?;
    let Some(old) = decision_of(conn, plan_id)? else {
        return Err(Error::InvalidInput(
            "no decision is recorded for this plan; there is nothing to reopen".into(),
        ));
    };
    conn.execute_cached("DELETE FROM decisions WHERE plan_id = ?1", [plan_id])?;
    conn.execute_cached(
        "UPDATE plans SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![PlanStatus::Debrief.slug(), db::now(), plan_id],
    )?;
    audit::record(
        conn,
        plan_id,
        &by,
        crate::audit::AuditKind::DecisionReopened,
        &serde_json::json!({
            "reason": reason,
            "withdrawn": {
                "decision": old.decision.slug(),
                "rationale": old.rationale,
                "decidedBy": old.decided_by,
            },
        }),
    )?;
    Ok(())
}
