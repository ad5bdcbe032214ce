//! Handing a scorecard in, changing it afterwards, and lifting the seal.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::answers::{assigned, panelist_name, validate, write_answer, AnswerInput};
use super::view::{scorecard, Viewer};
use super::{Recommendation, ScorecardStatus};
use crate::{audit, db, Error, Result};

/// Submits a panelist's scorecard: every assigned question scored or marked not asked, and a
/// recommendation. The refusal lists everything missing. When the whole panel has submitted,
/// the plan moves to "debrief" and the scores unseal.
pub fn submit(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    recommendation: Option<Recommendation>,
    summary: Option<&str>,
) -> Result<()> {
    let name = panelist_name(conn, plan_id, panelist_id)?;
    let id = super::answers::draft_scorecard(conn, plan_id, panelist_id)?;
    if let Some(summary) = summary {
        conn.execute_cached(
            "UPDATE scorecards SET summary = ?1 WHERE id = ?2",
            params![summary, id],
        )?;
    }
    if let Some(r) = recommendation {
        conn.execute_cached(
            "UPDATE scorecards SET recommendation = ?1 WHERE id = ?2",
            params![r.slug(), id],
        )?;
    }
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    let mut missing = Vec::new();
    let unanswered: Vec<String> = card
        .answers
        .iter()
        .filter(|a| a.answer.score.is_none() && a.answer.not_asked_reason.is_none())
        .map(|a| a.answer.question_number.to_string())
        .collect();
    if card.answers.is_empty() {
        missing.push("no questions are assigned to this panelist".to_string());
    }
    if !unanswered.is_empty() {
        missing.push(format!(
            "question{} {} not scored or marked not asked",
            if unanswered.len() == 1 { "" } else { "s" },
            unanswered.join(", ")
        ));
    }
    if card.recommendation.is_none() {
        missing.push("no overall recommendation".to_string());
    }
    if !missing.is_empty() {
        return Err(Error::InvalidInput(format!(
            "cannot submit yet: {}",
            missing.join("; ")
        )));
    }
    let now = db::now();
    conn.execute_cached(
        "UPDATE scorecards SET status = 'submitted', submitted_at = ?1, updated_at = ?1
         WHERE id = ?2",
        params![now, id],
    )?;
    audit::record(
        conn,
        plan_id,
        &name,
        crate::audit::AuditKind::Submitted,
        &serde_json::json!({ "panelistId": panelist_id,
                             "recommendation": card.recommendation.map(|r| r.slug()) }),
    )?;
    advance_when_all_submitted(conn, plan_id)
}

/// Moves the plan to "debrief" once every panelist's scorecard is submitted (here or received
/// from their laptop).
pub(crate) fn advance_when_all_submitted(conn: &Connection, plan_id: i64) -> Result<()> {
    let waiting: i64 = conn.query_row_cached(
        "SELECT count(*) FROM panelists p LEFT JOIN scorecards s ON s.panelist_id = p.id
         WHERE p.plan_id = ?1 AND coalesce(s.status, 'draft') <> 'submitted'",
        [plan_id],
        |r| r.get(0),
    )?;
    if waiting == 0 {
        conn.execute_cached(
            "UPDATE plans SET status = 'debrief', updated_at = ?1
             WHERE id = ?2 AND status IN ('draft', 'scheduled', 'interviewing')",
            params![db::now(), plan_id],
        )?;
    }
    Ok(())
}

/// A change to one answer of a submitted scorecard. Fields left `None` keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    /// Question number.
    pub question_number: u32,
    /// New score.
    pub score: Option<u8>,
    /// New notes.
    pub notes: Option<String>,
    /// Why the change is made (required).
    pub reason: String,
}

/// An amendment to one answer of a panelist's submitted scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AmendRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// What changes, and why.
    pub amendment: Amendment,
}

/// The amendable part of an answer, before or after an amendment: what the audit trail and a
/// scorecard file record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerSnapshot {
    /// Score.
    pub score: Option<u8>,
    /// Why not asked.
    pub not_asked_reason: Option<String>,
    /// Notes.
    pub notes: String,
}

/// Changes an answer of a submitted scorecard, recording old and new values with the reason and
/// who made the change: `by`, or the panelist themself when `None` (interview mode, where the
/// card is open as theirs). Someone else's amendment is never logged under the panelist's name.
pub fn amend(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    change: &Amendment,
    by: Option<&str>,
) -> Result<()> {
    super::ensure_author_can_open(conn, plan_id, panelist_id)?;
    let name = match by {
        Some(by) => crate::plans::clean_name("who amends", by)?,
        None => panelist_name(conn, plan_id, panelist_id)?,
    };
    let reason = change.reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput("an amendment needs a reason".into()));
    }
    let scorecard_id: Option<(i64, ScorecardStatus)> = conn
        .query_row_cached(
            "SELECT id, status FROM scorecards WHERE panelist_id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let scorecard_id = match scorecard_id {
        Some((id, ScorecardStatus::Submitted)) => id,
        _ => {
            return Err(Error::InvalidInput(
                "only a submitted scorecard is amended; a draft is simply edited".into(),
            ))
        }
    };
    let q = assigned(conn, plan_id, panelist_id, change.question_number)?;
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    let old = card
        .answers
        .iter()
        .find(|a| a.answer.question_number == change.question_number)
        .expect("an assigned question has an answer view");
    let mut next = AnswerInput::from(old);
    if let Some(score) = change.score {
        next.score = Some(score);
        next.not_asked_reason = None;
    }
    if let Some(notes) = &change.notes {
        next.notes = notes.clone();
    }
    let not_asked = validate(&next, &q)?;
    if next.score == old.answer.score
        && next.notes == old.answer.notes
        && next.not_asked_reason == old.answer.not_asked_reason
    {
        return Err(Error::InvalidInput("the amendment changes nothing".into()));
    }
    write_answer(
        conn,
        scorecard_id,
        q.question_id,
        &next,
        not_asked.as_deref(),
    )?;
    let snapshot = |score, reason: &Option<String>, notes: &str| AnswerSnapshot {
        score,
        not_asked_reason: reason.clone(),
        notes: notes.to_string(),
    };
    audit::record(
        conn,
        plan_id,
        &name,
        crate::audit::AuditKind::Amended,
        &serde_json::json!({
            "panelistId": panelist_id,
            "questionNumber": change.question_number,
            "reason": reason,
            "old": snapshot(old.answer.score, &old.answer.not_asked_reason, &old.answer.notes),
            "new": snapshot(next.score, &next.not_asked_reason, &next.notes),
        }),
    )?;
    Ok(())
}

/// Lifts the seal before the whole panel has submitted. Needs a reason; audited.
pub fn unseal(conn: &Connection, plan_id: i64, actor: &str, reason: &str) -> Result<()> {
    crate::plans::ensure_plan(conn, plan_id)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput(
            "unsealing scores needs a reason".into(),
        ));
    }
    let actor = crate::plans::clean_name("who unseals", actor)?;
    conn.execute_cached(
        "UPDATE plans SET sealed = 0, updated_at = ?1 WHERE id = ?2",
        params![db::now(), plan_id],
    )?;
    audit::record(
        conn,
        plan_id,
        &actor,
        crate::audit::AuditKind::Unsealed,
        &serde_json::json!({ "reason": reason }),
    )?;
    Ok(())
}
