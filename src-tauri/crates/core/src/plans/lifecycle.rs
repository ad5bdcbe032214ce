//! A plan's life: editing its details, moving through statuses, duplicating and archiving.
//!
//! Statuses move only along sensible paths (a decided plan is final; a withdrawn one can be
//! reopened as a draft). A draft becomes scheduled by itself once it has a date, a panel and
//! every question assigned, and falls back to draft if any of those goes away.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};

use super::create::{parse_instant, validate};
use super::{ensure_plan, PlanStatus};
use crate::split::evaluate;
use crate::{db, Error, Result};

impl PlanStatus {
    /// Where a plan may go from here by the lead's choice.
    pub fn next(self) -> &'static [PlanStatus] {
        use PlanStatus::*;
        match self {
            Draft => &[Scheduled, Withdrawn],
            Scheduled => &[Draft, Interviewing, Withdrawn],
            Interviewing => &[Debrief, Withdrawn],
            Debrief => &[Interviewing, Decided, Withdrawn],
            Decided => &[],
            Withdrawn => &[Draft],
        }
    }

    /// The slug stored and shown by `panelctl`.
    pub fn slug(self) -> &'static str {
        use PlanStatus::*;
        match self {
            Draft => "draft",
            Scheduled => "scheduled",
            Interviewing => "interviewing",
            Debrief => "debrief",
            Decided => "decided",
            Withdrawn => "withdrawn",
        }
    }
}

fn status_of(conn: &Connection, plan_id: i64) -> Result<PlanStatus> {
    ensure_plan(conn, plan_id)?;
    let slug: String =
        conn.query_row_cached("SELECT status FROM plans WHERE id = ?1", [plan_id], |r| {
            r.get(0)
        })?;
    PlanStatus::from_slug(&slug)
        .ok_or_else(|| Error::InvalidInput(format!("unknown status {slug}")))
}

fn write_status(conn: &Connection, plan_id: i64, status: PlanStatus) -> Result<()> {
    conn.execute_cached(
        "UPDATE plans SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![status.slug(), db::now(), plan_id],
    )?;
    Ok(())
}

/// Moves a plan to `to` if that transition is allowed.
pub fn set_status(conn: &Connection, plan_id: i64, to: PlanStatus) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let from = status_of(conn, plan_id)?;
    if from == to {
        return Ok(());
    }
    if !from.next().contains(&to) {
        return Err(Error::InvalidInput(format!(
            "a {} plan cannot become {}",
            from.slug(),
            to.slug()
        )));
    }
    if to == PlanStatus::Scheduled {
        if let Some(missing) = not_ready(conn, plan_id)? {
            return Err(Error::InvalidInput(format!(
                "the plan cannot be scheduled yet: {missing}"
            )));
        }
    }
    write_status(conn, plan_id, to)
}

/// What keeps a plan from being scheduled, if anything.
fn not_ready(conn: &Connection, plan_id: i64) -> Result<Option<String>> {
    let starts_at: Option<String> = conn.query_row_cached(
        "SELECT starts_at FROM plans WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    if starts_at.is_none() {
        return Ok(Some("it has no interview date".into()));
    }
    let input = super::split_input(conn, plan_id)?;
    if input.panelists.is_empty() {
        return Ok(Some("it has no panelists".into()));
    }
    let report = evaluate(
        &input,
        super::allocation::stored_allocations(conn, plan_id)?,
    );
    let unassigned = report
        .warnings
        .iter()
        .filter(|w| matches!(w, crate::split::Warning::Unassignable { .. }))
        .count();
    if unassigned > 0 {
        return Ok(Some(format!("{unassigned} questions are not assigned")));
    }
    Ok(None)
}

/// Advances a draft to scheduled once it is ready, and returns a scheduled plan that is no
/// longer ready to draft. Called after every change to a plan's date, panel or split.
pub fn refresh_status(conn: &Connection, plan_id: i64) -> Result<()> {
    let status = status_of(conn, plan_id)?;
    let ready = not_ready(conn, plan_id)?.is_none();
    match (status, ready) {
        (PlanStatus::Draft, true) => write_status(conn, plan_id, PlanStatus::Scheduled),
        (PlanStatus::Scheduled, false) => write_status(conn, plan_id, PlanStatus::Draft),
        _ => Ok(()),
    }
}

/// Replaces a plan's details (candidate, level, role, date, lead, recruiter).
pub fn update(conn: &Connection, plan_id: i64, plan: &super::NewPlan) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    ensure_plan(conn, plan_id)?;
    let v = validate(plan)?;
    let candidate_id: i64 = conn.query_row_cached(
        "SELECT candidate_id FROM plans WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    conn.execute_cached(
        "UPDATE candidates SET name = ?1, email = ?2 WHERE id = ?3",
        params![v.candidate, v.email, candidate_id],
    )?;
    let starts_at = plan.starts_at.as_deref().map(parse_instant).transpose()?;
    conn.execute_cached(
        "UPDATE plans SET level = ?1, role_title = ?2, starts_at = ?3, panel_lead = ?4,
                          recruiter = ?5, updated_at = ?6, notes = ?8
         WHERE id = ?7",
        params![
            plan.level.slug(),
            v.role_title,
            starts_at,
            v.lead,
            v.recruiter,
            db::now(),
            plan_id,
            v.notes
        ],
    )?;
    super::search::refresh(conn, plan_id)?;
    refresh_status(conn, plan_id)
}

/// Copies a plan's details, panel and split into a new draft for another candidate; returns the
/// new plan's id. Nothing written during interviews is copied.
pub fn duplicate(conn: &Connection, plan_id: i64) -> Result<i64> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    ensure_plan(conn, plan_id)?;
    let now = db::now();
    let (name, email): (String, Option<String>) = conn.query_row_cached(
        "SELECT c.name, c.email FROM plans p JOIN candidates c ON c.id = p.candidate_id
         WHERE p.id = ?1",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let copy_name: String = format!("{name} (copy)")
        .chars()
        .take(super::MAX_NAME_CHARS)
        .collect();
    conn.execute_cached(
        "INSERT INTO candidates (name, email, created_at) VALUES (?1, ?2, ?3)",
        params![copy_name, email, now],
    )?;
    let candidate_id = conn.last_insert_rowid();
    conn.execute_cached(
        "INSERT INTO plans (candidate_id, level, role_title, pack_id, starts_at, panel_lead,
                            recruiter, notes, status, coverage, created_at, updated_at)
         SELECT ?1, level, role_title, pack_id, NULL, panel_lead, recruiter, notes, 'draft',
                coverage, ?2, ?2
         FROM plans WHERE id = ?3",
        params![candidate_id, now, plan_id],
    )?;
    let copy = conn.last_insert_rowid();
    super::search::refresh(conn, copy)?;
    conn.execute_cached(
        "INSERT INTO plan_questions (plan_id, number, question_id)
         SELECT ?1, number, question_id FROM plan_questions WHERE plan_id = ?2",
        params![copy, plan_id],
    )?;
    let mut panel =
        conn.prepare_cached("SELECT id FROM panelists WHERE plan_id = ?1 ORDER BY position")?;
    let panelists: Vec<i64> = panel
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for old in panelists {
        conn.execute_cached(
            "INSERT INTO panelists (plan_id, name, email, slot_minutes, position, focus, excluded,
                                    person_id)
             SELECT ?1, name, email, slot_minutes, position, focus, excluded, person_id
             FROM panelists WHERE id = ?2",
            params![copy, old],
        )?;
        let new = conn.last_insert_rowid();
        conn.execute_cached(
            "INSERT INTO assignments (plan_id, question_id, panelist_id, position, pinned, reason)
             SELECT ?1, question_id, ?2, position, pinned, reason
             FROM assignments WHERE panelist_id = ?3",
            params![copy, new, old],
        )?;
    }
    Ok(copy)
}

/// Hides a plan from the Plans list (its data stays until purged).
pub fn archive(conn: &Connection, plan_id: i64, archived: bool) -> Result<()> {
    ensure_plan(conn, plan_id)?;
    let at = archived.then(db::now);
    conn.execute_cached(
        "UPDATE plans SET archived_at = ?1 WHERE id = ?2",
        params![at, plan_id],
    )?;
    Ok(())
}

/// True when the plan is archived.
pub fn is_archived(conn: &Connection, plan_id: i64) -> Result<bool> {
    let at: Option<Option<String>> = conn
        .query_row_cached(
            "SELECT archived_at FROM plans WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?;
    match at {
        None => Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        }),
        Some(at) => Ok(at.is_some()),
    }
}
