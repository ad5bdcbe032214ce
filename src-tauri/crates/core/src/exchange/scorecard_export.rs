//! The panelist's side of a return: their submitted scorecard signed with the kit's secret,
//! with a revision that grows only when the content changed.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};

use super::format::{
    digest, sign, to_file_bytes, ExchangedAmendment, ScorecardBody, ScorecardContent,
    ScorecardFile, FORMAT_VERSION, SCORECARD_FORMAT,
};
use super::kits::file_name;
use crate::plans::{ensure_mode, PlanMode};
use crate::scorecards::{scorecard, AnswerInput, AnswerSnapshot, ScorecardStatus, Viewer};
use crate::{audit, db, Error, Result};

/// kit id, lead's panelist id, secret, last revision, its content digest, plan key.
type HeldKitRow = (String, i64, Vec<u8>, u32, Option<String>, String);

/// A scorecard file ready to be written.
#[derive(Debug, Clone)]
pub struct ExportedScorecard {
    /// Suggested file name, ending in `.hpscore`.
    pub file_name: String,
    /// Revision written.
    pub revision: u32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Signs and returns the panelist's submitted scorecard of a panelist copy.
///
/// The revision grows by one whenever the content differs from the last export (an amendment,
/// say); exporting unchanged content again writes the same revision, which the lead's import
/// treats as a no-op.
pub fn export_scorecard(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
) -> Result<ExportedScorecard> {
    ensure_mode(conn, plan_id, PlanMode::Panelist)?;
    let held: Option<HeldKitRow> = conn
        .query_row_cached(
            "SELECT h.kit_id, h.lead_panelist_id, h.secret, h.revision, h.revision_digest,
                    p.exchange_key
             FROM held_kits h JOIN plans p ON p.id = h.plan_id
             WHERE h.plan_id = ?1 AND h.panelist_id = ?2",
            params![plan_id, panelist_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((kit_id, lead_panelist_id, secret, last_revision, last_digest, plan_key)) = held
    else {
        return Err(Error::InvalidInput(format!(
            "panelist {panelist_id} is not the panelist this copy's kit was issued to"
        )));
    };
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    if card.status != ScorecardStatus::Submitted {
        return Err(Error::InvalidInput(
            "submit the scorecard before exporting it: the lead receives finished scorecards"
                .into(),
        ));
    }
    let content = content_of(conn, plan_id, panelist_id, &card)?;
    let content_digest = digest(&content);
    let revision = if last_digest.as_deref() == Some(content_digest.as_str()) {
        last_revision
    } else {
        last_revision + 1
    };
    conn.execute_cached(
        "UPDATE held_kits SET revision = ?1, revision_digest = ?2 WHERE plan_id = ?3",
        params![revision, content_digest, plan_id],
    )?;
    let candidate: String = conn.query_row_cached(
        "SELECT c.name FROM plans p JOIN candidates c ON c.id = p.candidate_id WHERE p.id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    let body = ScorecardBody {
        plan_key,
        kit_id,
        panelist_id: lead_panelist_id,
        panelist_name: card.panelist_name.clone(),
        candidate: candidate.clone(),
        revision,
        exported_at: db::now().to_string(),
        scorecard: content,
    };
    let signature = sign(&body, &secret);
    audit::record(
        conn,
        plan_id,
        &card.panelist_name,
        crate::audit::AuditKind::ScorecardExported,
        &serde_json::json!({ "panelistId": panelist_id, "revision": revision }),
    )?;
    let file = ScorecardFile {
        format: SCORECARD_FORMAT.into(),
        format_version: FORMAT_VERSION,
        body,
        signature,
    };
    Ok(ExportedScorecard {
        file_name: file_name(&candidate, &card.panelist_name, "hpscore"),
        revision,
        bytes: to_file_bytes(&file),
    })
}

/// The digest of the panelist's submitted scorecard as a return carries it, `None` while it is
/// not submitted: the team folder compares it with the last one published to tell whether there
/// is a new revision to publish, without exporting (which is audited).
pub fn submitted_digest(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
) -> Result<Option<String>> {
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    if card.status != ScorecardStatus::Submitted {
        return Ok(None);
    }
    Ok(Some(digest(&content_of(
        conn,
        plan_id,
        panelist_id,
        &card,
    )?)))
}

/// What a return carries of the panelist's scorecard.
fn content_of(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    card: &crate::scorecards::ScorecardView,
) -> Result<ScorecardContent> {
    Ok(ScorecardContent {
        status: card.status,
        recommendation: card.recommendation,
        summary: card.summary.clone(),
        submitted_at: card.submitted_at.map(|at| at.to_string()),
        answers: card.answers.iter().map(AnswerInput::from).collect(),
        amendments: amendments(conn, plan_id, panelist_id)?,
    })
}

/// The panelist's amendments, from the audit trail, oldest first.
fn amendments(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
) -> Result<Vec<ExchangedAmendment>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Detail {
        panelist_id: i64,
        question_number: u32,
        reason: String,
        old: AnswerSnapshot,
        new: AnswerSnapshot,
    }
    let mut out = Vec::new();
    for event in audit::events(conn, plan_id)? {
        if event.kind != crate::audit::AuditKind::Amended {
            continue;
        }
        let Ok(d) = serde_json::from_str::<Detail>(&event.detail) else {
            continue;
        };
        if d.panelist_id == panelist_id {
            out.push(ExchangedAmendment {
                at: event.at.to_string(),
                question_number: d.question_number,
                reason: d.reason,
                old: d.old,
                new: d.new,
            });
        }
    }
    Ok(out)
}
