//! The meeting in the database: its set-up, the frozen agenda with minutes and time, and the
//! after-discussion scores. Every function belongs to the lead's plan and is refused while the
//! scores are sealed (the meeting discusses what the debrief shows). Callers run the writes in
//! one transaction (`Db::with_tx`); each checks everything before it writes.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::outcome::{outcome, DiscussionScore};
use super::{
    propose_agenda, speaking_order, AddedItem, AgendaItem, Meeting, MinutesRequest, RescoreRequest,
    Seniority, Speaker, LENGTH_RANGE, MAX_ADDED_ITEMS, MAX_MINUTES_CHARS, MAX_REASON_CHARS,
};
use crate::audit::{self, AuditKind};
use crate::db::{self, CachedStatements};
use crate::debrief::{compute, debrief_input, DebriefInput};
use crate::plans::PlanMode;
use crate::time::Timestamp;
use crate::{Capability, Error, Result};

/// The meeting's row, or its defaults before the lead set anything.
struct Setup {
    length_minutes: u32,
    speaking_order: Vec<i64>,
    added: Vec<AddedItem>,
    started_at: Option<Timestamp>,
    started_by: Option<String>,
}

/// A `debrief_meetings` row as stored: length, order and additions as JSON, start.
type SetupRow = (u32, String, String, Option<Timestamp>, Option<String>);

fn setup(conn: &Connection, plan_id: i64) -> Result<Setup> {
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

/// The lead's plan with its scores open; the debrief's input for it.
fn open_plan(conn: &Connection, plan_id: i64) -> Result<DebriefInput> {
    crate::plans::ensure_mode(conn, plan_id, PlanMode::Lead).map_err(|e| match e {
        Error::InvalidInput(_) => Error::InvalidInput(format!(
            "plan {plan_id} is a panelist's copy; the debrief meeting is the panel lead's record"
        )),
        other => other,
    })?;
    debrief_input(conn, plan_id)
}

fn ensure_not_started(setup: &Setup) -> Result<()> {
    match setup.started_at {
        Some(_) => Err(Error::Conflict(
            "the meeting has started: its agenda, numbers and times are fixed".into(),
        )),
        None => Ok(()),
    }
}

fn ensure_row(conn: &Connection, plan_id: i64) -> Result<()> {
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

/// Sets the meeting's length (before it starts).
pub fn set_length(conn: &Connection, plan_id: i64, minutes: u32) -> Result<Meeting> {
    open_plan(conn, plan_id)?;
    ensure_not_started(&setup(conn, plan_id)?)?;
    if !LENGTH_RANGE.contains(&minutes) {
        return Err(Error::InvalidInput(format!(
            "a meeting of {minutes} minutes is not accepted; give {} to {} minutes",
            LENGTH_RANGE.start(),
            LENGTH_RANGE.end()
        )));
    }
    ensure_row(conn, plan_id)?;
    conn.execute_cached(
        "UPDATE debrief_meetings SET length_minutes = ?1 WHERE plan_id = ?2",
        params![minutes, plan_id],
    )?;
    meeting(conn, plan_id)
}

/// Sets the opening round's order: every panelist of the plan, once each, first speaker
/// first. An empty list goes back to the order by seniority (or the panel's).
pub fn set_speaking_order(conn: &Connection, plan_id: i64, order: &[i64]) -> Result<Meeting> {
    let input = open_plan(conn, plan_id)?;
    let panel: Vec<i64> = input.plan.panelists.iter().map(|p| p.id).collect();
    if !order.is_empty() {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        let mut expected = panel.clone();
        expected.sort_unstable();
        if sorted != expected {
            return Err(Error::InvalidInput(format!(
                "a speaking order names every panelist of the plan once ({} of them); it named \
                 {} ids, and every id must be one of the plan's panelists",
                panel.len(),
                order.len()
            )));
        }
    }
    ensure_row(conn, plan_id)?;
    conn.execute_cached(
        "UPDATE debrief_meetings SET speaking_order = ?1 WHERE plan_id = ?2",
        params![
            serde_json::to_string(order).expect("ids serialise"),
            plan_id
        ],
    )?;
    meeting(conn, plan_id)
}

/// Records how senior a panelist is (`None` forgets it).
pub fn set_seniority(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    seniority: Option<Seniority>,
) -> Result<Meeting> {
    let input = open_plan(conn, plan_id)?;
    if !input.plan.panelists.iter().any(|p| p.id == panelist_id) {
        return Err(Error::NotFound {
            what: "panelist",
            id: panelist_id,
        });
    }
    conn.execute_cached(
        "UPDATE panelists SET seniority = ?1 WHERE id = ?2 AND plan_id = ?3",
        params![seniority, panelist_id, plan_id],
    )?;
    meeting(conn, plan_id)
}

/// Adds an item to the end of the agenda (before the meeting starts): a question of the plan
/// not already on it, or a topic.
pub fn add_item(conn: &Connection, plan_id: i64, item: &AddedItem) -> Result<Meeting> {
    let current = meeting(conn, plan_id)?;
    let setup = setup(conn, plan_id)?;
    ensure_not_started(&setup)?;
    let title = item.title.trim();
    if title.chars().count() > 200 {
        return Err(Error::InvalidInput(
            "an agenda item's title is longer than 200 characters".into(),
        ));
    }
    if setup.added.len() >= MAX_ADDED_ITEMS {
        return Err(Error::InvalidInput(format!(
            "at most {MAX_ADDED_ITEMS} items can be added to one agenda"
        )));
    }
    match item.question_number {
        Some(n) => {
            let input = debrief_input(conn, plan_id)?;
            if !input.questions.iter().any(|q| q.question.number == n) {
                return Err(Error::InvalidInput(format!(
                    "question {n} is not one of this plan's questions"
                )));
            }
            if current.agenda.iter().any(|i| i.question_number == Some(n)) {
                return Err(Error::InvalidInput(format!(
                    "question {n} is already on the agenda"
                )));
            }
        }
        None if title.is_empty() => {
            return Err(Error::InvalidInput(
                "name the topic to add, or choose a question".into(),
            ))
        }
        None => {}
    }
    let mut added = setup.added;
    added.push(AddedItem {
        question_number: item.question_number,
        title: title.to_string(),
    });
    store_added(conn, plan_id, &added)?;
    meeting(conn, plan_id)
}

/// Removes the `index`-th added item (from 0), before the meeting starts.
pub fn remove_added_item(conn: &Connection, plan_id: i64, index: usize) -> Result<Meeting> {
    open_plan(conn, plan_id)?;
    let setup = setup(conn, plan_id)?;
    ensure_not_started(&setup)?;
    let mut added = setup.added;
    if index >= added.len() {
        return Err(Error::InvalidInput(format!(
            "there is no added item {} (the lead added {})",
            index + 1,
            added.len()
        )));
    }
    added.remove(index);
    store_added(conn, plan_id, &added)?;
    meeting(conn, plan_id)
}

fn store_added(conn: &Connection, plan_id: i64, added: &[AddedItem]) -> Result<()> {
    ensure_row(conn, plan_id)?;
    conn.execute_cached(
        "UPDATE debrief_meetings SET added_items = ?1 WHERE plan_id = ?2",
        params![
            serde_json::to_string(added).expect("items serialise"),
            plan_id
        ],
    )?;
    Ok(())
}

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
                .collect::<Vec<_>>()
                .join(", "),
        }),
    )?;
    meeting(conn, plan_id)
}

/// The item `number` of a started meeting, checked.
fn started_item(conn: &Connection, plan_id: i64, number: u32) -> Result<Meeting> {
    let m = meeting(conn, plan_id)?;
    if m.started_at.is_none() {
        return Err(Error::Conflict(
            "the meeting has not started; start it to freeze the agenda first".into(),
        ));
    }
    if number == 0 || number as usize > m.agenda.len() {
        return Err(Error::InvalidInput(format!(
            "the agenda has no item {number}; its items are 1 to {}",
            m.agenda.len()
        )));
    }
    Ok(m)
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
    if meeting(conn, request.plan_id)?.started_at.is_none() {
        start(conn, request.plan_id)?;
    }
    started_item(conn, request.plan_id, request.item_number)?;
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
    started_item(conn, plan_id, item)?;
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
    if !(1..=4).contains(&request.score) {
        return Err(Error::InvalidInput(format!(
            "score must be 1–4, got {}",
            request.score
        )));
    }
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
    if let Some(item) = request.item_number {
        let m = meeting(conn, request.plan_id)?;
        if item == 0 || item as usize > m.agenda.len() {
            return Err(Error::InvalidInput(format!(
                "the agenda has no item {item}"
            )));
        }
    }
    let question_id = input
        .questions
        .iter()
        .find(|q| q.question.number == request.question_number)
        .map(|q| q.id)
        .expect("the debrief's questions are the input's");
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

/// The meeting's stored record as it is, for a data-access request: every item's minutes and
/// time, every after-discussion score with its reason. No seal check and no figures: the
/// request is about what is held, not a view of the panel's work.
pub fn stored_record(conn: &Connection, plan_id: i64) -> Result<serde_json::Value> {
    let mut items = conn.prepare_cached(
        "SELECT number, title, minutes, minutes_at, spent_seconds FROM meeting_items
         WHERE plan_id = ?1 ORDER BY number",
    )?;
    let items: Vec<serde_json::Value> = items
        .query_map([plan_id], |r| {
            Ok(serde_json::json!({
                "number": r.get::<_, u32>(0)?,
                "title": r.get::<_, String>(1)?,
                "minutes": r.get::<_, String>(2)?,
                "minutesAt": r.get::<_, Option<String>>(3)?,
                "spentSeconds": r.get::<_, u32>(4)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut scores = conn.prepare_cached(
        "SELECT x.name, q.number, d.score, d.reason, d.recorded_by, d.recorded_at
         FROM discussion_scores d JOIN panelists x ON x.id = d.panelist_id
         JOIN questions q ON q.id = d.question_id
         WHERE d.plan_id = ?1 ORDER BY q.number, x.position",
    )?;
    let scores: Vec<serde_json::Value> = scores
        .query_map([plan_id], |r| {
            Ok(serde_json::json!({
                "panelist": r.get::<_, String>(0)?,
                "questionNumber": r.get::<_, u32>(1)?,
                "afterDiscussion": r.get::<_, u8>(2)?,
                "reason": r.get::<_, String>(3)?,
                "recordedBy": r.get::<_, String>(4)?,
                "recordedAt": r.get::<_, String>(5)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::json!({ "agenda": items, "afterDiscussionScores": scores }))
}
