//! The meeting as read from the database: its set-up (or the defaults before the lead set
//! anything), the agenda — proposed from the debrief while preparing, the frozen rows once
//! started — the after-discussion scores and the outcome. Every function belongs to the lead's
//! plan and is refused while the scores are sealed (the meeting discusses what the debrief
//! shows); only [`stored_record`], for a data-access request, reads what is held as it is.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::outcome::{outcome, DiscussionScore};
use super::{propose_agenda, speaking_order, AgendaItem, Meeting, Seniority, Speaker};
use crate::db::CachedStatements;
use crate::debrief::{compute, debrief_input, DebriefInput};
use crate::plans::PlanMode;
use crate::time::Timestamp;
use crate::{Capability, Error, Result};

/// The meeting's row, or its defaults before the lead set anything.
pub(super) struct Setup {
    pub length_minutes: u32,
    pub speaking_order: Vec<i64>,
    pub added: Vec<super::AddedItem>,
    pub started_at: Option<Timestamp>,
    pub started_by: Option<String>,
}

/// A `debrief_meetings` row as stored: length, order and additions as JSON, start.
type SetupRow = (u32, String, String, Option<Timestamp>, Option<String>);

pub(super) fn setup(conn: &Connection, plan_id: i64) -> Result<Setup> {
    let row: Option<SetupRow> = conn
        .query_row_cached(
            "SELECT length_minutes, speaking_order, added_items, started_at, started_by
             FROM debrief_meetings WHERE plan_id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((length_minutes, order, added, started_at, started_by)) = row else {
        return Ok(Setup {
            length_minutes: super::DEFAULT_LENGTH_MINUTES,
            speaking_order: Vec::new(),
            added: Vec::new(),
            started_at: None,
            started_by: None,
        });
    };
    let corrupt = |what: &str, e: serde_json::Error| {
        Error::InvalidInput(format!("the meeting's stored {what} cannot be read: {e}"))
    };
    Ok(Setup {
        length_minutes,
        speaking_order: serde_json::from_str(&order).map_err(|e| corrupt("speaking order", e))?,
        added: serde_json::from_str(&added).map_err(|e| corrupt("added items", e))?,
        started_at,
        started_by,
    })
}

/// Refuses unless the plan is the lead's own and its scores are open (cheap: no scorecard is
/// read).
pub(super) fn ensure_open(conn: &Connection, plan_id: i64) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, PlanMode::Lead).map_err(|e| match e {
        Error::InvalidInput(_) => Error::InvalidInput(format!(
            "plan {plan_id} is a panelist's copy; the debrief meeting is the panel lead's record"
        )),
        other => other,
    })?;
    if crate::scorecards::is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(
            "the debrief meeting opens once every panelist has submitted, or the lead unseals \
             the scores"
                .into(),
        ));
    }
    Ok(())
}

/// The lead's plan with its scores open; the debrief's input for it.
pub(super) fn open_plan(conn: &Connection, plan_id: i64) -> Result<DebriefInput> {
    ensure_open(conn, plan_id)?;
    debrief_input(conn, plan_id)
}

/// Whether the plan's debrief meeting has started (its agenda and panel are fixed then).
pub(crate) fn has_started(conn: &Connection, plan_id: i64) -> Result<bool> {
    Ok(conn
        .query_row_cached(
            "SELECT started_at IS NOT NULL FROM debrief_meetings WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Makes the plan's meeting row, with its defaults, if it has none.
pub(super) fn ensure_row(conn: &Connection, plan_id: i64) -> Result<()> {
    conn.execute_cached(
        "INSERT OR IGNORE INTO debrief_meetings (plan_id) VALUES (?1)",
        [plan_id],
    )?;
    Ok(())
}

/// The plan's meeting: set-up, the agenda (proposed while preparing, frozen once started),
/// minutes, time and the outcome.
pub fn meeting(conn: &Connection, plan_id: i64) -> Result<Meeting> {
    let input = open_plan(conn, plan_id)?;
    let d = compute(&input);
    let setup = setup(conn, plan_id)?;
    let seniority = seniorities(conn, plan_id)?;
    let panel: Vec<(i64, Option<Seniority>)> = d
        .panelists
        .iter()
        .map(|p| {
            (
                p.panelist_id,
                seniority.get(&p.panelist_id).copied().flatten(),
            )
        })
        .collect();
    let order = speaking_order(&panel, &setup.speaking_order);
    let speakers: Vec<Speaker> = order
        .iter()
        .filter_map(|id| d.panelists.iter().find(|p| p.panelist_id == *id))
        .map(|p| Speaker {
            panelist_id: p.panelist_id,
            name: p.name.clone(),
            seniority: seniority.get(&p.panelist_id).copied().flatten(),
            recommendation: p.recommendation,
            summary: super::one_line(&p.summary),
            submitted: p.submitted,
        })
        .collect();
    let order_in_words = if !setup.speaking_order.is_empty() {
        "In the order the panel lead set.".to_string()
    } else if panel.iter().any(|(_, s)| s.is_some()) {
        "Least senior first, so the most senior voice speaks last (a panelist without a \
         seniority counts as mid-level)."
            .to_string()
    } else {
        "In the panel's order (give panelists a seniority to hear the least senior first)."
            .to_string()
    };
    let agenda = match setup.started_at {
        Some(_) => frozen_agenda(conn, plan_id, &input)?,
        None => propose_agenda(&d, &setup.added, setup.length_minutes),
    };
    let moved = discussion_scores(conn, plan_id)?;
    let outcome = outcome(&input, &d, &moved);
    Ok(Meeting {
        plan_id,
        candidate: d.candidate.clone(),
        length_minutes: setup.length_minutes,
        started_at: setup.started_at,
        started_by: setup.started_by,
        speaking_order: speakers,
        order_set_by_lead: !setup.speaking_order.is_empty(),
        order_in_words,
        agenda,
        added: setup.added,
        decided: input.decision.is_some(),
        outcome,
    })
}

fn seniorities(conn: &Connection, plan_id: i64) -> Result<HashMap<i64, Option<Seniority>>> {
    let mut stmt = conn.prepare_cached("SELECT id, seniority FROM panelists WHERE plan_id = ?1")?;
    let rows = stmt.query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn frozen_agenda(conn: &Connection, plan_id: i64, input: &DebriefInput) -> Result<Vec<AgendaItem>> {
    let number_of: HashMap<i64, u32> = input
        .questions
        .iter()
        .map(|q| (q.id, q.question.number))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT number, kind, question_id, capability, title, why, spread, weight,
                planned_seconds, spent_seconds, minutes, minutes_at
         FROM meeting_items WHERE plan_id = ?1 ORDER BY number",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let question: Option<i64> = r.get(2)?;
        let capability: Option<String> = r.get(3)?;
        Ok(AgendaItem {
            number: r.get(0)?,
            kind: r.get(1)?,
            question_number: question.and_then(|id| number_of.get(&id).copied()),
            capability: capability.as_deref().and_then(Capability::from_slug),
            title: r.get(4)?,
            why: r.get(5)?,
            spread: r.get(6)?,
            weight: r.get(7)?,
            planned_seconds: r.get(8)?,
            spent_seconds: r.get(9)?,
            minutes: r.get(10)?,
            minutes_at: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn discussion_scores(conn: &Connection, plan_id: i64) -> Result<Vec<DiscussionScore>> {
    let mut stmt = conn.prepare_cached(
        "SELECT panelist_id, question_id, score, reason, item_number, recorded_by, recorded_at
         FROM discussion_scores WHERE plan_id = ?1",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok(DiscussionScore {
            panelist_id: r.get(0)?,
            question_id: r.get(1)?,
            score: r.get(2)?,
            reason: r.get(3)?,
            item_number: r.get(4)?,
            recorded_by: r.get(5)?,
            recorded_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The meeting's stored record as it is, for a data-access request: the set-up (length, items
/// the lead added, the start), every item's minutes and time, every after-discussion score with
/// its reason and item. Questions by their number in the plan. No seal check and no figures:
/// the request is about what is held, not a view of the panel's work.
pub fn stored_record(conn: &Connection, plan_id: i64) -> Result<serde_json::Value> {
    let setup = setup(conn, plan_id)?;
    let mut items = conn.prepare_cached(
        "SELECT i.number, pq.number, i.title, i.minutes, i.minutes_at, i.spent_seconds
         FROM meeting_items i
         LEFT JOIN plan_questions pq ON pq.plan_id = i.plan_id AND pq.question_id = i.question_id
         WHERE i.plan_id = ?1 ORDER BY i.number",
    )?;
    let items: Vec<serde_json::Value> = items
        .query_map([plan_id], |r| {
            Ok(serde_json::json!({
                "number": r.get::<_, u32>(0)?,
                "questionNumber": r.get::<_, Option<u32>>(1)?,
                "title": r.get::<_, String>(2)?,
                "minutes": r.get::<_, String>(3)?,
                "minutesAt": r.get::<_, Option<String>>(4)?,
                "spentSeconds": r.get::<_, u32>(5)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut scores = conn.prepare_cached(
        "SELECT x.name, pq.number, d.score, d.reason, d.item_number, d.recorded_by, d.recorded_at
         FROM discussion_scores d JOIN panelists x ON x.id = d.panelist_id
         JOIN plan_questions pq ON pq.plan_id = d.plan_id AND pq.question_id = d.question_id
         WHERE d.plan_id = ?1 ORDER BY pq.number, x.position",
    )?;
    let scores: Vec<serde_json::Value> = scores
        .query_map([plan_id], |r| {
            Ok(serde_json::json!({
                "panelist": r.get::<_, String>(0)?,
                "questionNumber": r.get::<_, u32>(1)?,
                "afterDiscussion": r.get::<_, u8>(2)?,
                "reason": r.get::<_, String>(3)?,
                "agendaItem": r.get::<_, Option<u32>>(4)?,
                "recordedBy": r.get::<_, String>(5)?,
                "recordedAt": r.get::<_, String>(6)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::json!({
        "lengthMinutes": setup.length_minutes,
        "addedItems": setup.added,
        "startedAt": setup.started_at,
        "startedBy": setup.started_by,
        "agenda": items,
        "afterDiscussionScores": scores,
    }))
}
