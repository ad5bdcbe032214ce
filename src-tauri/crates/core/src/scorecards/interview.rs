//! What the interview screen needs for one panelist in one go: their questions with the rubric,
//! in asking order, and their own scorecard.

use crate::db::CachedStatements;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::answers::panelist_name;
use super::view::{scorecard, ScorecardView, Viewer};
use crate::bank::BankQuestion;
use crate::Result;

/// The interview screen's data for one panelist.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InterviewView {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Panelist id.
    pub panelist_id: i64,
    /// Panelist's name.
    pub panelist_name: String,
    /// Their slot in minutes.
    pub slot_minutes: u32,
    /// Their questions with the rubric, in asking order.
    pub questions: Vec<BankQuestion>,
    /// Their own scorecard.
    pub scorecard: ScorecardView,
    /// Whether a PIN guards this scorecard on this machine.
    pub has_pin: bool,
    /// Ask whether others use this laptop: set a PIN, or say it is theirs alone.
    pub guard_choice_needed: bool,
    /// A panelist's copy made from a kit exports its submitted scorecard as a signed file.
    pub plan_mode: crate::plans::PlanMode,
    /// The level the candidate is interviewed for.
    pub level: crate::Level,
    /// What a strong answer looks like at that level, from the plan's pack.
    pub level_guidance: Option<String>,
    /// The role, as the plan names it.
    pub role_title: String,
    /// When the interview starts (RFC 3339 with the lead's offset), if scheduled.
    pub starts_at: Option<String>,
    /// Who leads the panel.
    pub panel_lead: String,
    /// The lead's notes for the panel.
    pub plan_notes: String,
}

/// Identifies one panelist of one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistRef {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
}

/// Unseal a plan's scores early, with the reason (audited).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UnsealRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Who unseals.
    pub by: String,
    /// Why the scores must be seen before everyone has submitted.
    pub reason: String,
}

/// Loads the interview screen for a panelist (their own data only: nothing sealed). A card
/// that came back as a file is refused: it is read-only here ([`super::ensure_author_can_open`]).
pub fn interview(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<InterviewView> {
    let panelist = panelist_name(conn, plan_id, panelist_id)?;
    super::ensure_author_can_open(conn, plan_id, panelist_id)?;
    let (candidate, slot_minutes): (String, u32) = conn.query_row_cached(
        "SELECT c.name, x.slot_minutes FROM plans p JOIN candidates c ON c.id = p.candidate_id
         JOIN panelists x ON x.plan_id = p.id WHERE p.id = ?1 AND x.id = ?2",
        [plan_id, panelist_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    let asked = crate::plans::plan_questions(conn, plan_id)?;
    let plan = crate::plans::header(conn, plan_id)?;
    let questions = card
        .answers
        .iter()
        .filter_map(|a| asked.iter().find(|q| q.id == a.question_id).cloned())
        .collect();
    Ok(InterviewView {
        plan_id,
        candidate,
        panelist_id,
        panelist_name: panelist,
        slot_minutes,
        questions,
        scorecard: card,
        has_pin: super::has_pin(conn, plan_id, panelist_id)?,
        guard_choice_needed: super::guard_choice_needed(conn, plan_id, panelist_id)?,
        plan_mode: crate::plans::mode_of(conn, plan_id)?,
        level: plan.level,
        level_guidance: plan.level_guidance,
        role_title: plan.role_title,
        starts_at: plan.starts_at,
        panel_lead: plan.panel_lead,
        plan_notes: conn.query_row_cached(
            "SELECT notes FROM plans WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )?,
    })
}
