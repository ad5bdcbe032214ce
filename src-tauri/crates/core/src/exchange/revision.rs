//! The record a new revision of a returned scorecard must keep: a submitted scorecard changes only
//! through amendments, and a file cannot rewrite them.
//!
//! When the lead already holds a revision made with the same kit, the new file is accepted only
//! if replaying its new amendments on the held revision gives exactly the file's answers: every
//! amendment starts from the values held (so none is invented), every changed score, reason or
//! note is explained by one, and nothing an amendment cannot change (ticked points, signals,
//! time, the recommendation and summary) changed at all. The amendments the trail already holds
//! from that kit must come back word for word. A first revision has nothing to compare with, but
//! its amendments must still chain: each starts where the one before it on the same question
//! ended, and the last ends at the answer the file holds.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use super::format::{ExchangedAmendment, ScorecardContent};
use crate::audit::AuditKind;
use crate::scorecards::{scorecard, AnswerInput, AnswerSnapshot, Recommendation, Viewer};
use crate::Result;

/// The revision the lead holds. A returned card is read-only on the lead's computer
/// ([`crate::scorecards::ensure_author_can_open`]), so what is stored is what was imported.
#[derive(Debug, Clone)]
pub(super) struct HeldRevision {
    recommendation: Option<Recommendation>,
    summary: String,
    submitted_at: Option<String>,
    answers: BTreeMap<u32, AnswerInput>,
}

/// Reads the panelist's stored card.
pub(super) fn held_revision(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
) -> Result<HeldRevision> {
    let card = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    Ok(HeldRevision {
        answers: card
            .answers
            .iter()
            .map(|a| (a.answer.question_number, AnswerInput::from(a)))
            .collect(),
        recommendation: card.recommendation,
        summary: card.summary,
        submitted_at: card.submitted_at.map(|at| at.to_string()),
    })
}

/// The amendments this kit's earlier revisions brought, oldest first, as the trail holds them.
pub(super) fn recorded_from_kit(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    kit_id: &str,
) -> Result<Vec<(u32, String, AnswerSnapshot, AnswerSnapshot)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(detail, '$.questionNumber'), json_extract(detail, '$.reason'),
                json_extract(detail, '$.old'), json_extract(detail, '$.new')
         FROM audit_events WHERE plan_id = ?1 AND kind = ?4
           AND json_extract(detail, '$.panelistId') = ?2
           AND json_extract(detail, '$.fromKit') = ?3
         ORDER BY id",
    )?;
    let rows = stmt.query_map(
        params![plan_id, panelist_id, kit_id, AuditKind::Amended],
        |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (question, reason, old, new) = row?;
        // The trail's own entries always read back; one that does not is damage, not something
        // to skip (skipping would replay an amendment already on record).
        let parse = |s: &str| {
            serde_json::from_str::<AnswerSnapshot>(s).map_err(|e| {
                crate::Error::InvalidInput(format!(
                    "an amendment of question {question} in the audit trail cannot be read ({e})"
                ))
            })
        };
        out.push((question, reason, parse(&old)?, parse(&new)?));
    }
    Ok(out)
}

/// The first way the file's amendments fail to match the ones already recorded from its kit,
/// in words; `None` when the file repeats them all, word for word, before any new one.
pub(super) fn rewritten_history(
    recorded: &[(u32, String, AnswerSnapshot, AnswerSnapshot)],
    file: &[ExchangedAmendment],
) -> Option<String> {
    if file.len() < recorded.len() {
        return Some(format!(
            "it lists {} amendments but {} were already recorded from this kit",
            file.len(),
            recorded.len()
        ));
    }
    recorded
        .iter()
        .zip(file)
        .position(|((question, reason, old, new), a)| {
            (*question, reason.as_str(), old, new)
                != (a.question_number, a.reason.as_str(), &a.old, &a.new)
        })
        .map(|i| {
            format!(
                "its amendment {} (question {}) differs from the one recorded from the earlier \
                 revision",
                i + 1,
                file[i].question_number
            )
        })
}

/// The first difference between the held revision and the file that its new amendments do not
/// explain, in words; `None` when replaying them on the held revision gives the file exactly.
pub(super) fn unexplained(
    held: &HeldRevision,
    file: &ScorecardContent,
    new_amendments: &[ExchangedAmendment],
) -> Option<String> {
    let mut answers = held.answers.clone();
    for a in new_amendments {
        let Some(current) = answers.get_mut(&a.question_number) else {
            return Some(format!(
                "it amends question {}, which this panelist was not given",
                a.question_number
            ));
        };
        if snapshot(current) != a.old {
            return Some(format!(
                "its amendment of question {} starts from {} but the revision held here has {}",
                a.question_number,
                describe(&a.old),
                describe(&snapshot(current))
            ));
        }
        apply(current, &a.new);
    }
    if file.recommendation != held.recommendation {
        return Some("it changes the overall recommendation, which no amendment can".into());
    }
    if file.summary != held.summary {
        return Some("it changes the summary, which no amendment can".into());
    }
    if file.submitted_at != held.submitted_at {
        return Some("it changes when the scorecard was submitted".into());
    }
    for answer in &file.answers {
        let n = answer.question_number;
        let Some(expected) = answers.get(&n) else {
            return Some(format!(
                "it answers question {n}, which the held revision lacks"
            ));
        };
        if answer.score != expected.score || answer.not_asked_reason != expected.not_asked_reason {
            return Some(format!(
                "it changes question {n} from {} to {} without an amendment",
                describe(&snapshot(expected)),
                describe(&snapshot(answer))
            ));
        }
        if answer.notes != expected.notes {
            return Some(format!(
                "it changes the notes of question {n} without an amendment"
            ));
        }
        if answer.covered != expected.covered || answer.flags != expected.flags {
            return Some(format!(
                "it changes the points ticked on question {n}, which no amendment can"
            ));
        }
        if answer.seconds_spent != expected.seconds_spent {
            return Some(format!("it changes the time spent on question {n}"));
        }
    }
    None
}

/// Checks that a file's amendments chain on each question (each starts where the one before it
/// ended) and that the last one ends at the answer the file holds.
pub(super) fn broken_chain(file: &ScorecardContent) -> Option<String> {
    let mut last: BTreeMap<u32, &AnswerSnapshot> = BTreeMap::new();
    for a in &file.amendments {
        if let Some(previous) = last.get(&a.question_number) {
            if **previous != a.old {
                return Some(format!(
                    "its amendments of question {} do not follow one another",
                    a.question_number
                ));
            }
        }
        last.insert(a.question_number, &a.new);
    }
    for (question, end) in last {
        let answer = file.answers.iter().find(|a| a.question_number == question);
        if answer.is_none_or(|a| snapshot(a) != *end) {
            return Some(format!(
                "its last amendment of question {question} does not match the answer it holds"
            ));
        }
    }
    None
}

fn snapshot(a: &AnswerInput) -> AnswerSnapshot {
    AnswerSnapshot {
        score: a.score,
        not_asked_reason: a.not_asked_reason.clone(),
        notes: a.notes.clone(),
    }
}

fn apply(answer: &mut AnswerInput, values: &AnswerSnapshot) {
    answer.score = values.score;
    answer.not_asked_reason = values.not_asked_reason.clone();
    answer.notes = values.notes.clone();
}

/// "score 2", "not asked (ran out of time)", "no score".
fn describe(s: &AnswerSnapshot) -> String {
    match (&s.score, &s.not_asked_reason) {
        (Some(score), _) => format!("score {score}"),
        (None, Some(reason)) => format!("not asked ({reason})"),
        (None, None) => "no score".into(),
    }
}
