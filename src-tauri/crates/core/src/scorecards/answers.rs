//! Recording answers while the interview runs: validated upserts of one answer at a time.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Recommendation, ScorecardStatus, MAX_NOTE_CHARS};
use crate::{db, Error, Result};

/// Everything a panelist recorded for one question, as the screen holds it and as a scorecard
/// file carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerInput {
    /// Question number as the plan shows it.
    pub question_number: u32,
    /// Score 1–4, or none yet.
    pub score: Option<u8>,
    /// Why the question was not asked (instead of a score).
    pub not_asked_reason: Option<String>,
    /// Strong-answer points covered, by index (0 = first point).
    pub covered: Vec<u32>,
    /// Weak-answer signals observed, by index (0 = first signal).
    pub flags: Vec<u32>,
    /// Free-text notes.
    pub notes: String,
    /// Seconds spent on the question.
    pub seconds_spent: u32,
}

impl From<&super::AnswerView> for AnswerInput {
    fn from(a: &super::AnswerView) -> Self {
        a.answer.clone()
    }
}

/// The overall part of a scorecard, saved as the panelist writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OverallInput {
    /// Recommendation, once chosen.
    pub recommendation: Option<Recommendation>,
    /// Summary.
    pub summary: String,
}

/// What a question of the panelist's looks like to validation.
pub(crate) struct Assigned {
    pub question_id: i64,
    pub points: usize,
    pub signals: usize,
}

/// The question `number` as assigned to the panelist, or a specific refusal.
pub(crate) fn assigned(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    number: u32,
) -> Result<Assigned> {
    panelist_name(conn, plan_id, panelist_id)?;
    // Subqueries rather than a three-way join: the same row, and far less for SQLite to plan
    // each time it compiles the statement (on every save).
    let row: Option<(i64, String, String)> = conn
        .query_row_cached(
            "SELECT q.id, q.strong_answer, q.weak_signals FROM questions q
             WHERE q.id = (SELECT question_id FROM plan_questions
                           WHERE plan_id = ?1 AND number = ?3)
               AND EXISTS (SELECT 1 FROM assignments
                           WHERE plan_id = ?1 AND panelist_id = ?2 AND question_id = q.id)",
            params![plan_id, panelist_id, number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (question_id, strong, weak) = row.ok_or_else(|| {
        Error::InvalidInput(format!(
            "question {number} is not assigned to this panelist"
        ))
    })?;
    let count = |json: &str| serde_json::from_str::<Vec<String>>(json).map(|v| v.len());
    Ok(Assigned {
        question_id,
        points: count(&strong).unwrap_or(0),
        signals: count(&weak).unwrap_or(0),
    })
}

/// The panelist's name, or "panelist N is not on plan M".
pub(crate) fn panelist_name(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<String> {
    crate::plans::ensure_plan(conn, plan_id)?;
    conn.query_row_cached(
        "SELECT name FROM panelists WHERE id = ?1 AND plan_id = ?2",
        params![panelist_id, plan_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::InvalidInput(format!("panelist {panelist_id} is not on plan {plan_id}")))
}

/// The scorecard id, created as a draft on first use; errors if it was submitted.
pub(crate) fn draft_scorecard(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<i64> {
    let existing: Option<(i64, ScorecardStatus)> = conn
        .query_row_cached(
            "SELECT id, status FROM scorecards WHERE panelist_id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match existing {
        Some((_, ScorecardStatus::Submitted)) => Err(Error::InvalidInput(
            "this scorecard was submitted; changes now need an amendment with a reason".into(),
        )),
        Some((id, _)) => Ok(id),
        None => {
            conn.execute_cached(
                "INSERT INTO scorecards (plan_id, panelist_id, updated_at) VALUES (?1, ?2, ?3)",
                params![plan_id, panelist_id, db::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// Refuses a score off the 1–4 scale: the one rule every score that enters the app (an answer,
/// an amendment, an after-discussion score, a calibration input) is checked by.
pub(crate) fn check_score(score: u8) -> Result<()> {
    if (1..=4).contains(&score) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "score must be 1–4, got {score}"
        )))
    }
}

/// Checks an answer against its question; nothing is written.
pub(crate) fn validate(answer: &AnswerInput, q: &Assigned) -> Result<Option<String>> {
    let number = answer.question_number;
    if let Some(score) = answer.score {
        check_score(score)?;
    }
    let reason = answer
        .not_asked_reason
        .as_deref()
        .map(str::trim)
        .map(String::from);
    if let Some(reason) = &reason {
        if answer.score.is_some() {
            return Err(Error::InvalidInput(format!(
                "question {number} cannot be both scored and marked not asked"
            )));
        }
        if reason.is_empty() {
            return Err(Error::InvalidInput(
                "say why the question was not asked".into(),
            ));
        }
        ensure_fits("the reason", reason)?;
    }
    if let Some(bad) = answer.covered.iter().find(|&&i| i as usize >= q.points) {
        return Err(Error::InvalidInput(format!(
            "question {number} has {} strong-answer points; there is no point {}",
            q.points,
            bad + 1
        )));
    }
    if let Some(bad) = answer.flags.iter().find(|&&i| i as usize >= q.signals) {
        return Err(Error::InvalidInput(format!(
            "question {number} has {} red flags; there is no red flag {}",
            q.signals,
            bad + 1
        )));
    }
    ensure_fits("the note", &answer.notes)?;
    Ok(reason)
}

/// Refuses a text the panelist wrote (notes, a summary, a reason) longer than one answer holds.
pub(crate) fn ensure_fits(what: &str, text: &str) -> Result<()> {
    let chars = text.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Error::InvalidInput(format!(
            "{what} is {chars} characters long; at most {MAX_NOTE_CHARS} fit one answer"
        )));
    }
    Ok(())
}

/// Writes one answer exactly as given (replacing what was there).
pub(crate) fn write_answer(
    conn: &Connection,
    scorecard_id: i64,
    question_id: i64,
    answer: &AnswerInput,
    not_asked_reason: Option<&str>,
) -> Result<()> {
    let now = db::now();
    // Statements are compiled on every call, so each case runs only what it needs: a new answer
    // is one INSERT (it has no ticks to clear: an answer's ticks are deleted with it), an
    // existing one is updated and its ticks cleared.
    let existing: Option<i64> = conn
        .query_row_cached(
            "SELECT id FROM answers WHERE scorecard_id = ?1 AND question_id = ?2",
            params![scorecard_id, question_id],
            |r| r.get(0),
        )
        .optional()?;
    let answer_id = match existing {
        Some(answer_id) => {
            conn.execute_cached(
                "UPDATE answers SET score = ?2, not_asked_reason = ?3, notes = ?4,
                                    seconds_spent = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![
                    answer_id,
                    answer.score,
                    not_asked_reason,
                    answer.notes,
                    answer.seconds_spent,
                    now
                ],
            )?;
            conn.execute_cached(
                "DELETE FROM answer_coverage WHERE answer_id = ?1",
                [answer_id],
            )?;
            conn.execute_cached(
                "DELETE FROM answer_red_flags WHERE answer_id = ?1",
                [answer_id],
            )?;
            answer_id
        }
        None => {
            conn.execute_cached(
                "INSERT INTO answers (scorecard_id, question_id, score, not_asked_reason, notes,
                                      seconds_spent, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    scorecard_id,
                    question_id,
                    answer.score,
                    not_asked_reason,
                    answer.notes,
                    answer.seconds_spent,
                    now
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    if !answer.covered.is_empty() {
        let mut insert = conn.prepare_cached(
            "INSERT OR IGNORE INTO answer_coverage (answer_id, point_index) VALUES (?1, ?2)",
        )?;
        for i in &answer.covered {
            insert.execute(params![answer_id, i])?;
        }
    }
    if !answer.flags.is_empty() {
        let mut insert = conn.prepare_cached(
            "INSERT OR IGNORE INTO answer_red_flags (answer_id, signal_index) VALUES (?1, ?2)",
        )?;
        for i in &answer.flags {
            insert.execute(params![answer_id, i])?;
        }
    }
    conn.execute_cached(
        "UPDATE scorecards SET updated_at = ?1 WHERE id = ?2",
        params![now, scorecard_id],
    )?;
    Ok(())
}

/// Saves one answer of a draft scorecard. The first score moves the plan to "interviewing".
pub fn save_answer(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    answer: &AnswerInput,
) -> Result<()> {
    let q = assigned(conn, plan_id, panelist_id, answer.question_number)?;
    let reason = validate(answer, &q)?;
    let scorecard_id = draft_scorecard(conn, plan_id, panelist_id)?;
    write_answer(conn, scorecard_id, q.question_id, answer, reason.as_deref())?;
    if (answer.score.is_some() || reason.is_some()) && before_interviews(conn, plan_id)? {
        conn.execute_cached(
            "UPDATE plans SET status = 'interviewing', updated_at = ?1
             WHERE id = ?2 AND status IN ('draft', 'scheduled')",
            params![db::now(), plan_id],
        )?;
    }
    Ok(())
}

/// Whether the plan is still a draft or scheduled, the only states a score moves on. Read before
/// the UPDATE: compiling and running the read costs a third of an UPDATE that matches nothing,
/// which every save after the first would otherwise be.
fn before_interviews(conn: &Connection, plan_id: i64) -> Result<bool> {
    let status: String =
        conn.query_row_cached("SELECT status FROM plans WHERE id = ?1", [plan_id], |r| {
            r.get(0)
        })?;
    Ok(matches!(status.as_str(), "draft" | "scheduled"))
}

/// Saves the recommendation and summary of a draft scorecard.
pub fn set_overall(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    overall: &OverallInput,
) -> Result<()> {
    panelist_name(conn, plan_id, panelist_id)?;
    ensure_fits("the summary", &overall.summary)?;
    let id = draft_scorecard(conn, plan_id, panelist_id)?;
    conn.execute_cached(
        "UPDATE scorecards SET recommendation = ?1, summary = ?2, updated_at = ?3 WHERE id = ?4",
        params![
            overall.recommendation.map(|r| r.slug()),
            overall.summary,
            db::now(),
            id
        ],
    )?;
    Ok(())
}

/// One answer to save, with the panelist it belongs to: the autosave's single request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SaveAnswerRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// The answer as the screen holds it.
    pub answer: AnswerInput,
}

/// The overall part to save, with the panelist it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SaveOverallRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Recommendation and summary.
    pub overall: OverallInput,
}
