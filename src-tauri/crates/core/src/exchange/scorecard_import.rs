//! The lead's side of a return: a scorecard file verified against the kit it names and stored
//! as the panelist's scorecard, or refused with the reason and nothing changed.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::format::{digest, verify, ScorecardContent, ScorecardFile};
use super::kits::lead_or_default;
use super::revision;
use crate::scorecards::answers::{assigned, validate, write_answer};
use crate::scorecards::{ScorecardStatus, MAX_NOTE_CHARS};
use crate::{audit, db, Error, Result};

/// panelist id (gone if removed), panelist name, secret, superseded at, plan id.
type IssuedKitRow = (Option<i64>, String, Vec<u8>, Option<String>, i64);

/// What importing a scorecard did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardImported {
    /// The lead's plan.
    pub plan_id: i64,
    /// The panelist.
    pub panelist_id: i64,
    /// Their name.
    pub panelist_name: String,
    /// Candidate.
    pub candidate: String,
    /// Revision now stored.
    pub revision: u32,
    /// Revision it replaced, if any.
    pub previous_revision: Option<u32>,
    /// True when this revision was already imported with the same content: nothing changed.
    pub already_imported: bool,
    /// True when it replaced a scorecard recorded on this computer (the lead chose to).
    pub replaced_local: bool,
}

/// Verifies a scorecard file against the kit it names and stores it as the panelist's
/// scorecard. Every refusal names the reason; the caller's transaction leaves nothing behind.
pub fn import_scorecard(
    conn: &Connection,
    file: &ScorecardFile,
    replace_local: bool,
) -> Result<ScorecardImported> {
    let body = &file.body;
    let lead_plan: Option<(i64, String)> = conn
        .query_row_cached(
            "SELECT id, panel_lead FROM plans WHERE exchange_key = ?1 AND mode = 'lead'",
            [&body.plan_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((plan_id, lead)) = lead_plan else {
        let copy_here: bool = conn.query_row_cached(
            "SELECT count(*) > 0 FROM plans WHERE exchange_key = ?1",
            [&body.plan_key],
            |r| r.get(0),
        )?;
        return Err(Error::Rejected(if copy_here {
            "this scorecard goes to the panel lead: this computer holds a panelist's copy of \
             the plan, made from a kit, which cannot receive scorecards"
                .to_string()
        } else {
            format!(
                "this scorecard is for a plan that is not in this database ({}'s interview, \
                 scored by {}); it belongs to whoever sent that kit",
                body.candidate, body.panelist_name
            )
        }));
    };
    let kit: Option<IssuedKitRow> = conn
        .query_row_cached(
            "SELECT panelist_id, panelist_name, secret, superseded_at, plan_id
             FROM issued_kits WHERE kit_id = ?1",
            [&body.kit_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((kit_panelist, kit_name, secret, superseded_at, _)) = kit.filter(|k| k.4 == plan_id)
    else {
        return Err(Error::Rejected(format!(
            "this scorecard was signed with a kit this plan never issued; it is not a return \
             from {}'s panel",
            body.candidate
        )));
    };
    if !verify(file, &secret) {
        return Err(Error::Rejected(format!(
            "the signature does not match: the file was changed after {kit_name} exported it \
             (or was not made with their kit); nothing was imported"
        )));
    }
    let Some(panelist_id) = kit_panelist else {
        return Err(Error::Rejected(format!(
            "{kit_name} was removed from the panel after their kit was issued; this scorecard \
             was made with that old kit and cannot be imported"
        )));
    };
    if body.panelist_id != panelist_id {
        return Err(Error::Rejected(format!(
            "the scorecard names panelist {} but its kit was issued to {kit_name}",
            body.panelist_id
        )));
    }
    if let Some(when) = superseded_at {
        return Err(Error::Rejected(format!(
            "this scorecard was made with an old kit: {kit_name}'s questions changed and a new \
             kit was issued on {}; ask {kit_name} to import the new kit and export again",
            short_date(&when)
        )));
    }
    let content_digest = digest(&body.scorecard);
    if body.revision == 0 {
        return Err(Error::Rejected(
            "the scorecard file is malformed: revisions start at 1".into(),
        ));
    }
    let receipt: Option<(u32, String, String, String)> = conn
        .query_row_cached(
            "SELECT revision, digest, received_at, kit_id FROM scorecard_receipts
             WHERE panelist_id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let outcome = |previous, already, replaced| ScorecardImported {
        plan_id,
        panelist_id,
        panelist_name: kit_name.clone(),
        candidate: body.candidate.clone(),
        revision: body.revision,
        previous_revision: previous,
        already_imported: already,
        replaced_local: replaced,
    };
    // Revisions count per kit: a copy made from a newer kit starts again at 1, and a return made
    // with an older kit was refused above.
    if let Some((revision, stored_digest, received_at, _)) =
        receipt.as_ref().filter(|r| r.3 == body.kit_id)
    {
        if body.revision < *revision {
            return Err(Error::Rejected(format!(
                "this is revision {} of {kit_name}'s scorecard, older than revision {revision} \
                 imported on {}; nothing changed",
                body.revision,
                short_date(received_at)
            )));
        }
        if body.revision == *revision {
            if *stored_digest == content_digest {
                return Ok(outcome(Some(*revision), true, false));
            }
            return Err(Error::Rejected(format!(
                "revision {revision} of {kit_name}'s scorecard was already imported with \
                 different content; ask {kit_name} to export it again"
            )));
        }
    }
    let refuse = |why: String| {
        Error::Rejected(format!(
            "revision {} of {kit_name}'s scorecard cannot be accepted: {why}; nothing was imported",
            body.revision
        ))
    };
    if let Some(decision) = crate::debrief::decision_of(conn, plan_id)? {
        return Err(refuse(format!(
            "the decision ({}) was recorded on {}; a scorecard is accepted after that only \
             once the lead reopens the decision, with a reason",
            decision.decision.label(),
            short_date(&decision.decided_at.to_string())
        )));
    }
    if let Some(why) = revision::broken_chain(&body.scorecard) {
        return Err(refuse(why));
    }
    let recorded = revision::recorded_from_kit(conn, plan_id, panelist_id, &body.kit_id)?;
    if let Some(why) = revision::rewritten_history(&recorded, &body.scorecard.amendments) {
        return Err(refuse(why));
    }
    let new_amendments = &body.scorecard.amendments[recorded.len()..];
    if receipt.as_ref().is_some_and(|r| r.3 == body.kit_id) {
        let held = revision::held_revision(conn, plan_id, panelist_id)?;
        if let Some(why) = revision::unexplained(&held, &body.scorecard, new_amendments) {
            return Err(refuse(why));
        }
    }
    let local: Option<(i64, ScorecardStatus, i64)> = conn
        .query_row_cached(
            "SELECT s.id, s.status, (SELECT count(*) FROM answers a WHERE a.scorecard_id = s.id)
             FROM scorecards s WHERE s.panelist_id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    // Work done on this computer that the file would overwrite: a card written here before any
    // import. (A card that came back as a file is read-only here, so nothing is amended locally
    // after an import: `scorecards::ensure_author_can_open`.)
    let local_work = receipt.is_none()
        && local.as_ref().is_some_and(|(_, status, answers)| {
            *status == ScorecardStatus::Submitted || *answers > 0
        });
    if local_work && !replace_local {
        // What differs, as facts only: both cards may be sealed (see `scorecard_conflict`).
        let conflict =
            super::scorecard_conflict::compare(conn, plan_id, panelist_id, &kit_name, body)?;
        return Err(Error::ScorecardConflict(Box::new(conflict)));
    }
    store(conn, plan_id, panelist_id, &body.scorecard)?;
    conn.execute_cached(
        "INSERT INTO scorecard_receipts (panelist_id, kit_id, revision, digest, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (panelist_id) DO UPDATE SET kit_id = excluded.kit_id,
             revision = excluded.revision, digest = excluded.digest,
             received_at = excluded.received_at",
        params![
            panelist_id,
            body.kit_id,
            body.revision,
            content_digest,
            db::now()
        ],
    )?;
    let previous = receipt.as_ref().filter(|r| r.3 == body.kit_id).map(|r| r.0);
    audit::record(
        conn,
        plan_id,
        lead_or_default(&lead),
        crate::audit::AuditKind::ScorecardImported,
        &serde_json::json!({
            "panelistId": panelist_id,
            "panelist": kit_name,
            "revision": body.revision,
            "previousRevision": previous,
            "replacedLocal": local_work,
            "exportedAt": body.exported_at,
        }),
    )?;
    for amendment in new_amendments {
        audit::record(
            conn,
            plan_id,
            &kit_name,
            crate::audit::AuditKind::Amended,
            &serde_json::json!({
                "panelistId": panelist_id,
                "questionNumber": amendment.question_number,
                "reason": amendment.reason,
                "old": amendment.old,
                "new": amendment.new,
                "amendedAt": amendment.at,
                "fromKit": body.kit_id,
            }),
        )?;
    }
    // A scorecard coming back means the interviews are under way, as a first local score does.
    conn.execute_cached(
        "UPDATE plans SET status = 'interviewing', updated_at = ?1
         WHERE id = ?2 AND status IN ('draft', 'scheduled')",
        params![db::now(), plan_id],
    )?;
    crate::scorecards::review::advance_when_all_submitted(conn, plan_id)?;
    Ok(outcome(previous, false, local_work))
}

/// Replaces the panelist's scorecard with the received one, validating every answer against
/// the questions the plan gives them.
fn store(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    content: &ScorecardContent,
) -> Result<()> {
    let refuse = |msg: String| Error::Rejected(format!("the scorecard cannot be stored: {msg}"));
    let mut planned: Vec<u32> = conn
        .prepare_cached(
            "SELECT pq.number FROM assignments a
             JOIN plan_questions pq ON pq.plan_id = a.plan_id AND pq.question_id = a.question_id
             WHERE a.plan_id = ?1 AND a.panelist_id = ?2",
        )?
        .query_map(params![plan_id, panelist_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    planned.sort_unstable();
    let mut received: Vec<u32> = content.answers.iter().map(|a| a.question_number).collect();
    received.sort_unstable();
    if planned != received {
        return Err(refuse(format!(
            "it answers questions {} but the plan now gives this panelist questions {}; the \
             split changed after the kit was sent: send new kits",
            list(&received),
            list(&planned)
        )));
    }
    check_finished(content, &planned).map_err(refuse)?;
    conn.execute_cached(
        "DELETE FROM scorecards WHERE panelist_id = ?1",
        [panelist_id],
    )?;
    conn.execute_cached(
        "INSERT INTO scorecards (plan_id, panelist_id, status, recommendation, summary,
             submitted_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            plan_id,
            panelist_id,
            content.status,
            content.recommendation.map(|r| r.slug()),
            content.summary,
            content.submitted_at,
            db::now()
        ],
    )?;
    let scorecard_id = conn.last_insert_rowid();
    for a in &content.answers {
        let q = assigned(conn, plan_id, panelist_id, a.question_number)?;
        let not_asked = validate(a, &q).map_err(|e| refuse(e.to_string()))?;
        write_answer(conn, scorecard_id, q.question_id, a, not_asked.as_deref())?;
    }
    Ok(())
}

/// What `submit` requires of a card, checked again on arrival: the lead relies on it whoever
/// signed the file.
fn check_finished(content: &ScorecardContent, planned: &[u32]) -> std::result::Result<(), String> {
    if content.status != ScorecardStatus::Submitted || content.submitted_at.is_none() {
        return Err("it was never submitted; the panelist submits before exporting".into());
    }
    if content.recommendation.is_none() {
        return Err("it has no overall recommendation".into());
    }
    let open: Vec<u32> = content
        .answers
        .iter()
        .filter(|a| a.score.is_none() && a.not_asked_reason.is_none())
        .map(|a| a.question_number)
        .collect();
    if !open.is_empty() {
        return Err(format!(
            "questions {} are neither scored nor marked not asked",
            list(&open)
        ));
    }
    if content.summary.chars().count() > MAX_NOTE_CHARS {
        return Err("its summary is longer than any the app accepts".into());
    }
    for a in &content.amendments {
        let too_long = [&a.old.notes, &a.new.notes]
            .iter()
            .any(|n| n.chars().count() > MAX_NOTE_CHARS)
            || a.reason.chars().count() > MAX_NOTE_CHARS;
        if !planned.contains(&a.question_number) || a.reason.trim().is_empty() || too_long {
            return Err(format!(
                "its amendment of question {} is not one the app could have made",
                a.question_number
            ));
        }
    }
    Ok(())
}

fn list(numbers: &[u32]) -> String {
    if numbers.is_empty() {
        return "none".into();
    }
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2026-11-27" from an RFC 3339 instant (or the text as given).
fn short_date(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}
