//! The meeting's record, once it runs: the start (which freezes the agenda), minutes and time
//! per item, and after-discussion scores — a second layer beside the sealed scores, never over
//! them. Every change returns the meeting as it now stands; the start and every moved score are
//! audited. Callers run each in one transaction (`Db::with_tx`); everything is checked before
//! anything is written.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::load::{ensure_open, ensure_row, has_started, meeting, open_plan};
use super::{Meeting, MinutesRequest, RescoreRequest, MAX_MINUTES_CHARS, MAX_REASON_CHARS};
use crate::audit::{self, AuditKind};
use crate::db::{self, CachedStatements};
use crate::debrief::{compute, debrief_input};
use crate::{Capability, Error, Result};

/// Starts the meeting: the agenda as proposed is frozen, numbers and planned times with it.
/// Starting a started meeting changes nothing.
pub fn start(conn: &Connection, plan_id: i64) -> Result<Meeting> {
    let proposed = meeting(conn, plan_id)?;
    if proposed.started_at.is_some() {
        return Ok(proposed);
    }
    let input = debrief_input(conn, plan_id)?;
    let id_of: HashMap<u32, i64> = input
        .questions
        .iter()
        .map(|q| (q.question.number, q.id))
        .collect();
    ensure_row(conn, plan_id)?;
    let by = input.plan.header.panel_lead.clone();
    let now = db::now();
    conn.execute_cached(
        "UPDATE debrief_meetings SET started_at = ?1, started_by = ?2 WHERE plan_id = ?3",
        params![now, by, plan_id],
    )?;
    for item in &proposed.agenda {
        conn.execute_cached(
            "INSERT INTO meeting_items (plan_id, number, kind, question_id, capability, title,
                 why, spread, weight, planned_seconds)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                plan_id,
                item.number,
                item.kind,
                item.question_number.and_then(|n| id_of.get(&n)),
                item.capability.map(Capability::slug),
                item.title,
                item.why,
                item.spread,
                item.weight,
                item.planned_seconds,
            ],
        )?;
    }
    audit::record(
        conn,
        plan_id,
        &by,
        AuditKind::MeetingStarted,
        &serde_json::json!({
            "agendaItems": proposed.agenda.len(),
            "lengthMinutes": proposed.length_minutes,
            "speakingOrder": proposed
                .speaking_order
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
        }),
    )?;
    meeting(conn, plan_id)
}

/// Refuses unless the meeting has started and has an item `number`: cheap, no scorecard is
/// read.
fn ensure_item(conn: &Connection, plan_id: i64, number: u32) -> Result<()> {
    ensure_open(conn, plan_id)?;
    if !has_started(conn, plan_id)? {
        return Err(Error::Conflict(
            "the meeting has not started; its agenda is numbered once it starts".into(),
        ));
    }
    let items: u32 = conn.query_row_cached(
        "SELECT count(*) FROM meeting_items WHERE plan_id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    match items {
        0 => Err(Error::InvalidInput(
            "the agenda has no items; there is nothing to keep minutes or time for".into(),
        )),
        n if number == 0 || number > n => Err(Error::InvalidInput(format!(
            "the agenda has no item {number}; its items are 1 to {n}"
        ))),
        _ => Ok(()),
    }
}

/// Saves the minutes of one item, whole. The first minutes of a meeting not yet started start
/// it (the agenda they number is the one frozen).
pub fn save_minutes(conn: &Connection, request: &MinutesRequest) -> Result<Meeting> {
    let chars = request.text.chars().count();
    if chars > MAX_MINUTES_CHARS {
        return Err(Error::InvalidInput(format!(
            "the minutes are {chars} characters long; at most {MAX_MINUTES_CHARS} fit one item"
        )));
    }
    ensure_open(conn, request.plan_id)?;
    if !has_started(conn, request.plan_id)? {
        start(conn, request.plan_id)?;
    }
    ensure_item(conn, request.plan_id, request.item_number)?;
    conn.execute_cached(
        "UPDATE meeting_items SET minutes = ?1, minutes_at = ?2 WHERE plan_id = ?3 AND number = ?4",
        params![
            request.text,
            db::now(),
            request.plan_id,
            request.item_number
        ],
    )?;
    meeting(conn, request.plan_id)
}

/// Records the time spent on an item so far, in seconds (the screen sends its running total).
pub fn record_time(conn: &Connection, plan_id: i64, item: u32, seconds: u32) -> Result<Meeting> {
    ensure_item(conn, plan_id, item)?;
    if seconds > 24 * 3600 {
        return Err(Error::InvalidInput(format!(
            "{seconds} seconds on one item is more than a day; the time was not recorded"
        )));
    }
    conn.execute_cached(
        "UPDATE meeting_items SET spent_seconds = ?1 WHERE plan_id = ?2 AND number = ?3",
        params![seconds, plan_id, item],
    )?;
    meeting(conn, plan_id)
}

/// Records an after-discussion score: only for a panelist who scored the question on their
/// submitted scorecard, only while no decision is recorded, always with a reason. Their
/// independent score again withdraws an earlier movement. The sealed answer is never touched;
/// every change is audited.
pub fn rescore(conn: &Connection, request: &RescoreRequest) -> Result<Meeting> {
    let input = open_plan(conn, request.plan_id)?;
    if input.decision.is_some() {
        return Err(Error::Conflict(
            "the decision is recorded; reopen it to record after-discussion scores".into(),
        ));
    }
    crate::scorecards::check_score(request.score)?;
    let reason = request.reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput(
            "an after-discussion score needs a reason: say why the panelist moved".into(),
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::InvalidInput(format!(
            "the reason is longer than {MAX_REASON_CHARS} characters"
        )));
    }
    let d = compute(&input);
    let panelist = d
        .panelists
        .iter()
        .find(|p| p.panelist_id == request.panelist_id)
        .ok_or(Error::NotFound {
            what: "panelist",
            id: request.panelist_id,
        })?;
    let question = d
        .questions
        .iter()
        .find(|q| q.number == request.question_number)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "question {} is not one of this plan's questions",
                request.question_number
            ))
        })?;
    let from = question
        .cells
        .iter()
        .find(|c| c.panelist_id == request.panelist_id && c.submitted)
        .and_then(|c| c.score)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "{} did not score question {} on a submitted scorecard; only a panelist who \
                 scored a question can move on it",
                panelist.name, request.question_number
            ))
        })?;
    let question_id = input
        .questions
        .iter()
        .find(|q| q.question.number == request.question_number)
        .map(|q| q.id)
        .expect("the debrief's questions are the input's");
    // An item number names an item of the frozen agenda, and an item about a question only
    // that question.
    if let Some(item) = request.item_number {
        ensure_item(conn, request.plan_id, item)?;
        let about: Option<i64> = conn.query_row_cached(
            "SELECT question_id FROM meeting_items WHERE plan_id = ?1 AND number = ?2",
            params![request.plan_id, item],
            |r| r.get(0),
        )?;
        if about.is_some_and(|q| q != question_id) {
            return Err(Error::InvalidInput(format!(
                "agenda item {item} is about another question than question {}",
                request.question_number
            )));
        }
    }
    let before: Option<u8> = conn
        .query_row_cached(
            "SELECT score FROM discussion_scores WHERE panelist_id = ?1 AND question_id = ?2",
            params![request.panelist_id, question_id],
            |r| r.get(0),
        )
        .optional()?;
    let by = input.plan.header.panel_lead.clone();
    if request.score == from {
        if before.is_none() {
            return Err(Error::InvalidInput(format!(
                "{} is {}'s independent score on question {}: nothing moved",
                from, panelist.name, request.question_number
            )));
        }
        conn.execute_cached(
            "DELETE FROM discussion_scores WHERE panelist_id = ?1 AND question_id = ?2",
            params![request.panelist_id, question_id],
        )?;
    } else {
        conn.execute_cached(
            "INSERT INTO discussion_scores (plan_id, panelist_id, question_id, score, reason,
                 item_number, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (panelist_id, question_id) DO UPDATE SET score = excluded.score,
                 reason = excluded.reason, item_number = excluded.item_number,
                 recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            params![
                request.plan_id,
                request.panelist_id,
                question_id,
                request.score,
                reason,
                request.item_number,
                by,
                db::now()
            ],
        )?;
    }
    audit::record(
        conn,
        request.plan_id,
        &by,
        AuditKind::DiscussionScore,
        &serde_json::json!({
            "panelist": panelist.name,
            "questionNumber": request.question_number,
            "independentScore": from,
            "afterDiscussion": request.score,
            "replaces": before,
            "reason": reason,
            "agendaItem": request.item_number,
        }),
    )?;
    meeting(conn, request.plan_id)
}
