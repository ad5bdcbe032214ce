//! Reading scorecards back, with the seal enforced here rather than trusted to the screens.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::answers::panelist_name;
use super::{Recommendation, ScorecardStatus};
use crate::{Capability, Error, Result};

/// Who is asking to see a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// A panelist: always sees their own card, others' only once unsealed.
    Panelist(i64),
    /// Anyone else (lead, recruiter): sees cards only once unsealed.
    Other,
}

/// One question's answer as recorded: what the panelist gives (flattened, the same fields the
/// autosave sends) and which question it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AnswerView {
    /// Question id.
    pub question_id: i64,
    /// Number, score, points, signals, notes, time spent.
    #[serde(flatten)]
    pub answer: super::AnswerInput,
}

/// Mean score over the questions probing one capability.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CapabilityRating {
    /// Capability.
    pub capability: Capability,
    /// Mean of the scored questions probing it.
    pub mean: f64,
    /// How many scored questions that is.
    pub questions: u32,
}

/// A panelist's scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardView {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Panelist's name.
    pub panelist_name: String,
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// Overall recommendation.
    pub recommendation: Option<Recommendation>,
    /// Summary.
    pub summary: String,
    /// When submitted.
    pub submitted_at: Option<crate::time::Timestamp>,
    /// One answer per assigned question, in asking order.
    pub answers: Vec<AnswerView>,
    /// Derived from the scores, never typed.
    pub capability_ratings: Vec<CapabilityRating>,
}

/// The seal as SQL on a plan aliased `p`: true while its scores are hidden from everyone but
/// their authors (sealed, and someone has still to submit). Every rule that asks is this one:
/// [`is_sealed`] here, and calibration's choice of the answers that count.
pub(crate) const SEALED_SQL: &str = "(p.sealed AND EXISTS (
        SELECT 1 FROM panelists w LEFT JOIN scorecards ws ON ws.panelist_id = w.id
        WHERE w.plan_id = p.id AND coalesce(ws.status, 'draft') <> 'submitted'))";

/// True while scores are hidden from everyone but their authors.
pub fn is_sealed(conn: &Connection, plan_id: i64) -> Result<bool> {
    crate::plans::ensure_plan(conn, plan_id)?;
    Ok(conn.query_row_cached(
        &format!("SELECT {SEALED_SQL} FROM plans p WHERE p.id = ?1"),
        [plan_id],
        |r| r.get(0),
    )?)
}

/// A panelist's scorecard as `viewer` may see it; sealed cards of others are refused.
pub fn scorecard(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    viewer: Viewer,
) -> Result<ScorecardView> {
    let name = panelist_name(conn, plan_id, panelist_id)?;
    if viewer != Viewer::Panelist(panelist_id) && is_sealed(conn, plan_id)? {
        return Err(Error::Sealed(format!(
            "{name}'s scorecard is sealed until every panelist has submitted"
        )));
    }
    /// id, status, recommendation, summary, submitted_at.
    type CardRow = (
        i64,
        ScorecardStatus,
        Option<String>,
        String,
        Option<crate::time::Timestamp>,
    );
    let card: Option<CardRow> = conn
        .query_row_cached(
            "SELECT id, status, recommendation, summary, submitted_at FROM scorecards
             WHERE panelist_id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (card_id, status, recommendation, summary, submitted_at) =
        card.unwrap_or((-1, ScorecardStatus::Draft, None, String::new(), None));
    let mut stmt = conn.prepare_cached(
        "SELECT pq.number, q.id, q.capabilities, ans.id, ans.score, ans.not_asked_reason,
                coalesce(ans.notes, ''), coalesce(ans.seconds_spent, 0)
         FROM assignments a JOIN questions q ON q.id = a.question_id
         JOIN plan_questions pq ON pq.plan_id = a.plan_id AND pq.question_id = q.id
         LEFT JOIN answers ans ON ans.question_id = q.id AND ans.scorecard_id = ?3
         WHERE a.plan_id = ?1 AND a.panelist_id = ?2
         ORDER BY a.position",
    )?;
    let rows: Vec<(AnswerView, Option<i64>, Vec<Capability>)> = stmt
        .query_map(params![plan_id, panelist_id, card_id], |r| {
            let caps: String = r.get(2)?;
            Ok((
                AnswerView {
                    question_id: r.get(1)?,
                    answer: super::AnswerInput {
                        question_number: r.get(0)?,
                        score: r.get(4)?,
                        not_asked_reason: r.get(5)?,
                        covered: Vec::new(),
                        flags: Vec::new(),
                        notes: r.get(6)?,
                        seconds_spent: r.get(7)?,
                    },
                },
                r.get(3)?,
                serde_json::from_str(&caps).unwrap_or_default(),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Compiled once for the whole card rather than twice per answer.
    let mut covered = conn.prepare_cached(
        "SELECT point_index FROM answer_coverage WHERE answer_id = ?1 ORDER BY point_index",
    )?;
    let mut flags = conn.prepare_cached(
        "SELECT signal_index FROM answer_red_flags WHERE answer_id = ?1 ORDER BY signal_index",
    )?;
    let mut answers = Vec::with_capacity(rows.len());
    let mut scored: Vec<(u8, Vec<Capability>)> = Vec::new();
    for (mut recorded, answer_id, caps) in rows {
        if let Some(id) = answer_id {
            recorded.answer.covered = indexes(&mut covered, id)?;
            recorded.answer.flags = indexes(&mut flags, id)?;
        }
        if let Some(score) = recorded.answer.score {
            scored.push((score, caps));
        }
        answers.push(recorded);
    }
    let capability_ratings = Capability::ALL
        .into_iter()
        .filter_map(|c| {
            let scores: Vec<u8> = scored
                .iter()
                .filter(|(_, caps)| caps.contains(&c))
                .map(|(s, _)| *s)
                .collect();
            (!scores.is_empty()).then(|| CapabilityRating {
                capability: c,
                mean: scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64,
                questions: scores.len() as u32,
            })
        })
        .collect();
    let card = ScorecardView {
        plan_id,
        panelist_id,
        panelist_name: name,
        status,
        recommendation: recommendation
            .as_deref()
            .and_then(Recommendation::from_slug),
        summary,
        submitted_at,
        answers,
        capability_ratings,
    };
    Ok(if viewer == Viewer::Panelist(panelist_id) {
        card
    } else {
        private_if_draft(card)
    })
}

/// A draft stays its author's even after an early unseal: others (the debrief, the packet, the
/// plan screen) learn that it was not submitted, never what it holds so far.
fn private_if_draft(mut card: ScorecardView) -> ScorecardView {
    if card.status == ScorecardStatus::Submitted {
        return card;
    }
    card.recommendation = None;
    card.summary.clear();
    card.capability_ratings.clear();
    for a in &mut card.answers {
        a.answer.score = None;
        a.answer.not_asked_reason = None;
        a.answer.covered.clear();
        a.answer.flags.clear();
        a.answer.notes.clear();
        a.answer.seconds_spent = 0;
    }
    card
}

/// The indexes an answer ticked, by `query` (points covered or red flags), in order.
fn indexes(query: &mut rusqlite::Statement, answer_id: i64) -> Result<Vec<u32>> {
    let rows = query.query_map([answer_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
