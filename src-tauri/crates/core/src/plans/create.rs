//! Creating a plan: the candidate, the level, when, and the pack version it is built on.

use crate::db::CachedStatements;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Deserialize;

use super::{clean_name, optional_text, QuestionSelection};
use crate::{db, Error, Level, Result};

/// What the panel lead fills in to start a plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewPlan {
    /// Candidate's name.
    pub candidate: String,
    /// Candidate's email, optional.
    pub email: Option<String>,
    /// Target level.
    pub level: Level,
    /// Role title, optional.
    pub role_title: Option<String>,
    /// Interview start as an RFC 3339 instant (any offset; stored in UTC), if known.
    pub starts_at: Option<String>,
    /// Panel lead's name, optional.
    pub panel_lead: Option<String>,
    /// Recruiter's name, optional.
    pub recruiter: Option<String>,
    /// Free-text notes for the panel (context, logistics), optional.
    pub notes: Option<String>,
}

/// Longest plan notes accepted, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;

/// A plan's details after trimming and checking.
pub(crate) struct Valid {
    pub candidate: String,
    pub email: Option<String>,
    pub role_title: String,
    pub lead: String,
    pub recruiter: String,
    pub notes: String,
}

/// Checks what the lead typed; nothing is written.
pub(crate) fn validate(plan: &NewPlan) -> Result<Valid> {
    let candidate = clean_name("candidate name", &plan.candidate)?;
    let email = optional_text(plan.email.as_deref());
    if let Some(email) = &email {
        if !email.contains('@') || email.chars().count() > 254 {
            return Err(Error::InvalidInput(format!(
                "{email:?} is not an email address"
            )));
        }
    }
    let role_title = optional_text(plan.role_title.as_deref()).unwrap_or_default();
    if role_title.chars().count() > 200 {
        return Err(Error::InvalidInput(
            "role title is longer than 200 characters".into(),
        ));
    }
    let lead = optional_text(plan.panel_lead.as_deref()).unwrap_or_default();
    let recruiter = optional_text(plan.recruiter.as_deref()).unwrap_or_default();
    for (what, value) in [("panel lead", &lead), ("recruiter", &recruiter)] {
        if !value.is_empty() {
            clean_name(what, value)?;
        }
    }
    let notes = plan
        .notes
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    if notes.chars().count() > MAX_NOTES_CHARS {
        return Err(Error::InvalidInput(format!(
            "plan notes are longer than {MAX_NOTES_CHARS} characters"
        )));
    }
    Ok(Valid {
        candidate,
        email,
        role_title,
        lead,
        recruiter,
        notes,
    })
}

/// Creates a draft plan asking every question of the newest built-in pack; returns its id.
pub fn create(conn: &Connection, plan: &NewPlan) -> Result<i64> {
    create_with_questions(conn, plan, &QuestionSelection::default())
}

/// Creates a draft plan asking the chosen questions; returns its id. Everything is checked
/// before anything is written.
pub fn create_with_questions(
    conn: &Connection,
    plan: &NewPlan,
    selection: &QuestionSelection,
) -> Result<i64> {
    let v = validate(plan)?;
    let starts_at = plan.starts_at.as_deref().map(parse_instant).transpose()?;
    let resolved = super::questions::resolve(conn, selection)?;
    let pack_id = resolved.pack_row;
    let now = db::now();
    conn.execute_cached(
        "INSERT INTO candidates (name, email, created_at) VALUES (?1, ?2, ?3)",
        params![v.candidate, v.email, now],
    )?;
    let candidate_id = conn.last_insert_rowid();
    conn.execute_cached(
        "INSERT INTO plans (candidate_id, level, role_title, pack_id, starts_at, panel_lead,
                            recruiter, notes, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, 'draft', ?8, ?8)",
        params![
            candidate_id,
            plan.level.slug(),
            v.role_title,
            pack_id,
            starts_at,
            v.lead,
            v.recruiter,
            now,
            v.notes
        ],
    )?;
    let plan_id = conn.last_insert_rowid();
    super::search::refresh(conn, plan_id)?;
    super::questions::store(conn, plan_id, &resolved)?;
    Ok(plan_id)
}

/// Parses an RFC 3339 instant and normalises it to UTC, whole seconds.
pub(crate) fn parse_instant(text: &str) -> Result<String> {
    let at = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        Error::InvalidInput(format!(
            "{text:?} is not a date and time (RFC 3339 expected)"
        ))
    })?;
    Ok(at
        .with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}
