//! A plan's questions: which questions of which pack versions the plan asks, and the number the
//! plan gives each one.
//!
//! A plan is built on one pack version. By default it asks all of that version's questions; the lead
//! may ask a subset, and add questions borrowed from other packs. Numbering keeps comparisons
//! honest and `--question N` unambiguous: a question of the plan's pack keeps its pack number
//! (question 7 is the same question for every candidate interviewed on that version), and
//! borrowed questions are numbered after the plan's pack's last question, in the order chosen.
//!
//! Everything after creation (the split, interview mode, kits, the debrief and the packet)
//! reads the selection from `plan_questions`, never the whole pack.

use crate::db::CachedStatements;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::ensure_plan;
use crate::bank::{resolve_pack, BankQuestion, PackRef};
use crate::plans::{ensure_mode, PlanMode};
use crate::{Error, Result};

/// Which questions a plan asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionSelection {
    /// The plan's pack version; the newest built-in pack when absent.
    #[serde(default)]
    pub pack: Option<PackRef>,
    /// Numbers of the plan's pack's questions to ask; all of them when absent.
    #[serde(default)]
    pub numbers: Option<Vec<u32>>,
    /// Questions borrowed from other pack versions, in the order they are asked.
    #[serde(default)]
    pub borrowed: Vec<BorrowedQuestion>,
}

/// A question of another pack version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BorrowedQuestion {
    /// The pack version it is in.
    pub pack: PackRef,
    /// The question's number in that pack.
    pub number: u32,
}

/// Most questions one plan may ask.
pub const MAX_PLAN_QUESTIONS: usize = 60;

/// The resolved selection: the plan's pack row and the question ids with their plan numbers.
pub(crate) struct Resolved {
    pub pack_row: i64,
    pub questions: Vec<(u32, i64)>,
}

/// Checks a selection against the stored packs; nothing is written.
pub(crate) fn resolve(conn: &Connection, selection: &QuestionSelection) -> Result<Resolved> {
    let plan_pack = match &selection.pack {
        Some(spec) => resolve_pack(conn, spec)?,
        None => resolve_pack(conn, &crate::bank::newest_builtin(conn)?)?,
    };
    if plan_pack.origin == crate::bank::PackOrigin::Kit {
        // Only the questions of kits received are known: numbers after them could collide.
        return Err(Error::InvalidInput(format!(
            "pack {} version {} is only partly known here (learnt from kits); import its .hppack \
             file to plan on it",
            plan_pack.id, plan_pack.version
        )));
    }
    let pack_questions = crate::bank::pack_questions(conn, plan_pack.row)?;
    if pack_questions.is_empty() {
        return Err(Error::InvalidInput(format!(
            "pack {} version {} has no questions yet",
            plan_pack.id, plan_pack.version
        )));
    }
    let id_of = |number: u32| {
        stored_question_id(conn, plan_pack.row, number)?.ok_or_else(|| {
            Error::InvalidInput(format!(
                "pack {} version {} has no question {number}",
                plan_pack.id, plan_pack.version
            ))
        })
    };
    let mut questions = Vec::new();
    match &selection.numbers {
        None => {
            for q in &pack_questions {
                questions.push((q.number, id_of(q.number)?));
            }
        }
        Some(numbers) => {
            let mut numbers = numbers.clone();
            numbers.sort_unstable();
            numbers.dedup();
            for n in numbers {
                questions.push((n, id_of(n)?));
            }
        }
    }
    let mut next = pack_questions.iter().map(|q| q.number).max().unwrap_or(0);
    for pick in &selection.borrowed {
        let source = resolve_pack(conn, &pick.pack)?;
        if source.row == plan_pack.row {
            return Err(Error::InvalidInput(format!(
                "question {} is in the plan's own pack ({} version {}); choose it among the \
                 pack's questions instead of borrowing it",
                pick.number, source.id, source.version
            )));
        }
        let id = stored_question_id(conn, source.row, pick.number)?.ok_or_else(|| {
            Error::InvalidInput(format!(
                "pack {} version {} has no question {}",
                source.id, source.version, pick.number
            ))
        })?;
        if questions.iter().any(|&(_, q)| q == id) {
            return Err(Error::InvalidInput(format!(
                "question {} of pack {} version {} is chosen twice",
                pick.number, source.id, source.version
            )));
        }
        next += 1;
        questions.push((next, id));
    }
    if questions.is_empty() {
        return Err(Error::InvalidInput(
            "choose at least one question for the plan".into(),
        ));
    }
    if questions.len() > MAX_PLAN_QUESTIONS {
        return Err(Error::InvalidInput(format!(
            "a plan asks at most {MAX_PLAN_QUESTIONS} questions; {} were chosen",
            questions.len()
        )));
    }
    Ok(Resolved {
        pack_row: plan_pack.row,
        questions,
    })
}

fn stored_question_id(conn: &Connection, pack_row: i64, number: u32) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row_cached(
            "SELECT id FROM questions WHERE pack_id = ?1 AND number = ?2",
            params![pack_row, number],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stores a resolved selection for a plan whose selection is empty or being replaced.
pub(crate) fn store(conn: &Connection, plan_id: i64, resolved: &Resolved) -> Result<()> {
    conn.execute_cached(
        "UPDATE plans SET pack_id = ?1 WHERE id = ?2",
        params![resolved.pack_row, plan_id],
    )?;
    conn.execute_cached("DELETE FROM plan_questions WHERE plan_id = ?1", [plan_id])?;
    for (number, question_id) in &resolved.questions {
        conn.execute_cached(
            "INSERT INTO plan_questions (plan_id, number, question_id) VALUES (?1, ?2, ?3)",
            params![plan_id, number, question_id],
        )?;
    }
    Ok(())
}

/// Changes the questions of a lead's plan. Refused once any panelist has begun (an answer of any
/// kind, a verdict) or kits are out: answers already given would lose their question, or the
/// panel would be compared on different questions. Without a pack in the selection the plan
/// keeps its pack version. Assignments and exclusions of questions no longer asked are
/// dropped; new questions wait for the next split.
pub fn set_questions(conn: &Connection, plan_id: i64, selection: &QuestionSelection) -> Result<()> {
    ensure_plan(conn, plan_id)?;
    ensure_mode(conn, plan_id, PlanMode::Lead)?;
    // Any answer row (a score, a note, a ticked point, time on the clock) or any overall
    // verdict means interviewing has begun on these questions.
    let (started, kits): (i64, i64) = conn.query_row_cached(
        // Scorecards are reached through the plan's panelists (indexed by plan), not scanned.
        "SELECT
           (SELECT count(*) FROM panelists x JOIN scorecards s ON s.panelist_id = x.id
              JOIN answers a ON a.scorecard_id = s.id
            WHERE x.plan_id = ?1)
         + (SELECT count(*) FROM panelists x JOIN scorecards s ON s.panelist_id = x.id
            WHERE x.plan_id = ?1
            AND (s.status = 'submitted' OR s.recommendation IS NOT NULL OR s.summary <> '')),
           (SELECT count(*) FROM issued_kits WHERE plan_id = ?1 AND superseded_at IS NULL)",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if started > 0 {
        return Err(Error::InvalidInput(
            "the plan's questions cannot change: panelists have already scored or taken notes \
             on them. Duplicate the plan to interview on different questions."
                .into(),
        ));
    }
    if kits > 0 {
        return Err(Error::InvalidInput(
            "the plan's questions cannot change: kits have been sent, and panelists may be \
             scoring on their laptops. Duplicate the plan to interview on different questions."
                .into(),
        ));
    }
    // Without a pack named, the plan keeps its version.
    let mut selection = selection.clone();
    if selection.pack.is_none() {
        selection.pack = Some(conn.query_row_cached(
            "SELECT k.pack_key, k.version FROM plans p
             JOIN question_packs k ON k.id = p.pack_id WHERE p.id = ?1",
            [plan_id],
            |r| Ok(PackRef::new(r.get::<_, String>(0)?, r.get(1)?)),
        )?);
    }
    let resolved = resolve(conn, &selection)?;
    store(conn, plan_id, &resolved)?;
    conn.execute_cached(
        "DELETE FROM assignments WHERE plan_id = ?1
           AND question_id NOT IN (SELECT question_id FROM plan_questions WHERE plan_id = ?1)",
        [plan_id],
    )?;
    let kept: Vec<i64> = resolved.questions.iter().map(|&(_, id)| id).collect();
    let mut stmt = conn.prepare_cached("SELECT id, excluded FROM panelists WHERE plan_id = ?1")?;
    let panel: Vec<(i64, String)> = stmt
        .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (panelist, excluded) in panel {
        let mut ids: Vec<i64> = super::from_json(&excluded)?;
        ids.retain(|id| kept.contains(id));
        conn.execute_cached(
            "UPDATE panelists SET excluded = ?1 WHERE id = ?2",
            params![super::json(&ids), panelist],
        )?;
    }
    conn.execute_cached(
        "UPDATE plans SET updated_at = ?1 WHERE id = ?2",
        params![crate::db::now(), plan_id],
    )?;
    Ok(())
}

/// The plan's questions in plan order, each numbered as the plan numbers it (`number`; the
/// number within its own pack is `pack_number`).
pub fn plan_questions(conn: &Connection, plan_id: i64) -> Result<Vec<BankQuestion>> {
    ensure_plan(conn, plan_id)?;
    crate::bank::stored_questions(
        conn,
        "JOIN plan_questions pq ON pq.question_id = q.id WHERE pq.plan_id = ?1
         ORDER BY pq.number",
        "pq.number",
        plan_id,
    )
}

/// The id of the question a plan numbers `number`, if the plan asks it.
pub(crate) fn question_id(conn: &Connection, plan_id: i64, number: u32) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row_cached(
            "SELECT question_id FROM plan_questions WHERE plan_id = ?1 AND number = ?2",
            params![plan_id, number],
            |r| r.get(0),
        )
        .optional()?)
}
