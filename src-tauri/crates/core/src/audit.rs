//! The audit trail: an append-only record of submissions, amendments, unseals and decisions.
//!
//! Interview records can become legal records, so anything that changes a submitted judgement
//! or reveals sealed scores leaves an entry saying who, when, why, and what changed.

use crate::db::CachedStatements;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::{db, Result};

crate::slug_enum! {
    /// What happened. Stored in `audit_events.kind` by these words (existing databases hold
    /// them), and named for people by [`AuditKind::label`], which the debrief and the packet's
    /// trail both use.
    pub enum AuditKind {
        /// A panelist handed in their scorecard.
        Submitted = "submitted",
        /// A submitted answer or recommendation changed, with a reason.
        Amended = "amended",
        /// Scores were revealed before every panelist had submitted.
        Unsealed = "unsealed",
        /// The hiring decision was recorded (or replaced).
        Decided = "decided",
        /// The recorded decision was withdrawn so the panel can look again.
        DecisionReopened = "decision reopened",
        /// A scorecard PIN was set or changed by its panelist.
        PinSet = "pin set",
        /// A panelist removed their scorecard PIN.
        PinRemoved = "pin removed",
        /// The lead removed a forgotten PIN.
        PinReset = "pin reset",
        /// A kit was issued to a panelist.
        KitIssued = "kit issued",
        /// A kit became a panelist's copy on this computer.
        KitImported = "kit imported",
        /// The panelist accepted a panel lead's new signing key in place of the one known.
        LeadKeyAccepted = "lead key accepted",
        /// A panelist's signed scorecard file was written.
        ScorecardExported = "scorecard exported",
        /// A panelist's scorecard file was stored on the lead's computer.
        ScorecardImported = "scorecard imported",
        /// Everything about the candidate was exported for an access request.
        CandidateDataExported = "candidate data exported",
        /// A plan and its candidate were purged (the entry names neither).
        PlanPurged = "plan purged",
        /// The database was replaced by a backup: what the plan holds (scores, PINs, the seal)
        /// is what the backup held.
        Restored = "database restored",
        /// Two entries for one interviewer were merged into one person (ids only).
        PeopleMerged = "people merged",
        /// A seat matched to the wrong person became a person of its own (ids only).
        PersonSplit = "person split",
        /// A departing interviewer's name and email were replaced by "Former interviewer N".
        InterviewerPurged = "interviewer purged",
        /// An interviewer's public identity (the key kits to them are encrypted to) was recorded,
        /// replaced or removed (ids and fingerprints only).
        IdentityRecorded = "identity recorded",
        /// The debrief meeting started: its agenda was frozen.
        MeetingStarted = "meeting started",
        /// A panelist's score after discussion was recorded (or withdrawn), with a reason; the
        /// sealed score is unchanged.
        DiscussionScore = "after-discussion score",
    }
}

impl AuditKind {
    /// The event in words, as the debrief and the packet's trail title it. Exhaustive: a new
    /// kind cannot reach paper without a name.
    pub fn label(self) -> &'static str {
        match self {
            AuditKind::Submitted => "Scorecard submitted",
            AuditKind::Amended => "Scorecard amended",
            AuditKind::Unsealed => "Scores unsealed before every panelist submitted",
            AuditKind::Decided => "Decision recorded",
            AuditKind::DecisionReopened => "Decision reopened",
            AuditKind::PinSet => "Scorecard PIN set",
            AuditKind::PinRemoved => "Scorecard PIN removed",
            AuditKind::PinReset => "Scorecard PIN reset by the lead",
            AuditKind::KitIssued => "Kit issued",
            AuditKind::KitImported => "Kit imported",
            AuditKind::LeadKeyAccepted => "Panel lead's new signing key accepted",
            AuditKind::ScorecardExported => "Scorecard file exported",
            AuditKind::ScorecardImported => "Scorecard file imported",
            AuditKind::CandidateDataExported => "Candidate data exported",
            AuditKind::PlanPurged => "Plan purged",
            AuditKind::Restored => "Database restored from a backup",
            AuditKind::PeopleMerged => "Interviewer entries merged",
            AuditKind::PersonSplit => "Interviewer seat split off",
            AuditKind::InterviewerPurged => "Interviewer purged",
            AuditKind::IdentityRecorded => "Interviewer's identity recorded",
            AuditKind::MeetingStarted => "Debrief meeting started",
            AuditKind::DiscussionScore => "After-discussion score recorded",
        }
    }
}

/// Appends an event about a plan (`None` for one that outlives its plan, such as a purge).
/// `detail` is stored as JSON.
pub fn record<T: Serialize>(
    conn: &Connection,
    plan_id: impl Into<Option<i64>>,
    actor: &str,
    kind: AuditKind,
    detail: &T,
) -> Result<()> {
    let plan_id: Option<i64> = plan_id.into();
    let detail = serde_json::to_string(detail).expect("audit details are plain data");
    conn.execute_cached(
        "INSERT INTO audit_events (plan_id, at, actor, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![plan_id, db::now(), actor, kind, detail],
    )?;
    Ok(())
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// When.
    pub at: crate::time::Timestamp,
    /// Who.
    pub actor: String,
    /// What kind of event.
    pub kind: AuditKind,
    /// The kind in words ([`AuditKind::label`]), so every screen names it as the packet does.
    pub title: String,
    /// Details as JSON text.
    pub detail: String,
}

/// A plan's trail, oldest first.
pub fn events(conn: &Connection, plan_id: i64) -> Result<Vec<AuditEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, kind, detail FROM audit_events WHERE plan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let kind: AuditKind = r.get(2)?;
        Ok(AuditEvent {
            at: r.get(0)?,
            actor: r.get(1)?,
            kind,
            title: kind.label().to_string(),
            detail: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
