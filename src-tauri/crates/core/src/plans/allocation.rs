//! Storing the split: running the engine for a plan and moving questions by hand.

use crate::db::CachedStatements;
use rusqlite::{params, Connection};

use super::{ensure_plan, from_json, json};
use crate::split::{
    self, Allocation, FixedQuestion, Reason, Split, SplitInput, SplitPanelist, SplitQuestion,
};
use crate::{Error, Result};

/// The engine's input for a plan as stored: its questions, panel, the questions the lead fixed and coverage.
pub fn split_input(conn: &Connection, plan_id: i64) -> Result<SplitInput> {
    ensure_plan(conn, plan_id)?;
    let coverage: u8 =
        conn.query_row_cached("SELECT coverage FROM plans WHERE id = ?1", [plan_id], |r| {
            r.get(0)
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT q.id, pq.number, q.minutes, q.capabilities
         FROM plan_questions pq JOIN questions q ON q.id = pq.question_id
         WHERE pq.plan_id = ?1 ORDER BY pq.number",
    )?;
    let questions = stmt
        .query_map([plan_id], |r| {
            Ok(SplitQuestion {
                id: r.get(0)?,
                number: r.get(1)?,
                minutes: r.get(2)?,
                capabilities: from_json(&r.get::<_, String>(3)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, slot_minutes, focus, excluded FROM panelists
         WHERE plan_id = ?1 ORDER BY position",
    )?;
    let panelists = stmt
        .query_map([plan_id], |r| {
            Ok(SplitPanelist {
                id: r.get(0)?,
                name: r.get(1)?,
                slot_minutes: r.get(2)?,
                focus: from_json(&r.get::<_, String>(3)?)?,
                excluded: from_json(&r.get::<_, String>(4)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, panelist_id FROM assignments
         WHERE plan_id = ?1 AND pinned = 1 ORDER BY question_id, panelist_id",
    )?;
    let fixed = stmt
        .query_map([plan_id], |r| {
            Ok(FixedQuestion {
                question_id: r.get(0)?,
                panelist_id: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SplitInput {
        questions,
        panelists,
        fixed,
        coverage,
    })
}

/// The plan's current allocation as stored.
pub(crate) fn stored_allocations(conn: &Connection, plan_id: i64) -> Result<Vec<Allocation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, panelist_id, position, pinned, reason FROM assignments
         WHERE plan_id = ?1 ORDER BY panelist_id, position",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let reason: String = r.get(4)?;
        Ok(Allocation {
            question_id: r.get(0)?,
            panelist_id: r.get(1)?,
            position: r.get(2)?,
            fixed: r.get(3)?,
            reason: from_json(&reason).unwrap_or(Reason::Manual),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Re-runs the split for a plan, keeping the questions the lead fixed; `coverage` changes the plan's setting first.
pub fn split_plan(conn: &Connection, plan_id: i64, coverage: Option<u8>) -> Result<Split> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    ensure_plan(conn, plan_id)?;
    if let Some(coverage) = coverage {
        if !(1..=2).contains(&coverage) {
            return Err(Error::InvalidInput(format!(
                "coverage must be 1 or 2 panelists per question, got {coverage}"
            )));
        }
        conn.execute_cached(
            "UPDATE plans SET coverage = ?1 WHERE id = ?2",
            params![coverage, plan_id],
        )?;
    }
    let mut input = split_input(conn, plan_id)?;
    if input.panelists.is_empty() {
        return Err(Error::InvalidInput(
            "add panelists to the plan before splitting".into(),
        ));
    }
    // Panelists who have started, or hold a kit, keep exactly their questions; the rest are
    // split again (a panelist left after kits went out, say). Auto-split never invalidates a kit
    // already out; a move by hand may, and the plan then says whose kit to send again.
    let mut started = started_panelists(conn, plan_id)?;
    started.extend(kit_holders(conn, plan_id)?);
    let stored = stored_allocations(conn, plan_id)?;
    let all: Vec<i64> = input.questions.iter().map(|q| q.id).collect();
    for panelist in input.panelists.iter_mut() {
        if !started.contains(&panelist.id) {
            continue;
        }
        let mine: Vec<i64> = stored
            .iter()
            .filter(|a| a.panelist_id == panelist.id)
            .map(|a| a.question_id)
            .collect();
        panelist.excluded = all.iter().copied().filter(|q| !mine.contains(q)).collect();
        for question_id in mine {
            let wanted = FixedQuestion {
                question_id,
                panelist_id: panelist.id,
            };
            if !input.fixed.contains(&wanted) {
                input.fixed.push(wanted);
            }
        }
    }
    let mut result = split::split(&input);
    for a in result.allocations.iter_mut() {
        if let Some(kept) = stored
            .iter()
            .find(|s| s.panelist_id == a.panelist_id && s.question_id == a.question_id)
            .filter(|_| started.contains(&a.panelist_id))
        {
            *a = kept.clone();
        }
    }
    save(conn, plan_id, &result.allocations)?;
    Ok(result)
}

/// Panelists who have recorded an answer or submitted: their questions stay theirs.
fn started_panelists(conn: &Connection, plan_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        // Through the plan's panelists (indexed by plan): scorecards have no index by plan, and
        // a scan of every scorecard on each split grows with the database.
        "SELECT s.panelist_id FROM panelists x JOIN scorecards s ON s.panelist_id = x.id
         WHERE x.plan_id = ?1 AND (s.status = 'submitted'
               OR EXISTS (SELECT 1 FROM answers a WHERE a.scorecard_id = s.id))",
    )?;
    let ids = stmt
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Panelists holding a kit that is still current.
fn kit_holders(conn: &Connection, plan_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT panelist_id FROM issued_kits
         WHERE plan_id = ?1 AND superseded_at IS NULL AND panelist_id IS NOT NULL",
    )?;
    let ids = stmt
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Refuses a new allocation that would change the questions of a panelist who has started:
/// answers belong to the questions their author was given.
fn ensure_started_unchanged(
    conn: &Connection,
    plan_id: i64,
    allocations: &[Allocation],
) -> Result<()> {
    let stored = stored_allocations(conn, plan_id)?;
    for panelist_id in started_panelists(conn, plan_id)? {
        let questions = |list: &[Allocation]| {
            let mut q: Vec<i64> = list
                .iter()
                .filter(|a| a.panelist_id == panelist_id)
                .map(|a| a.question_id)
                .collect();
            q.sort_unstable();
            q
        };
        if questions(&stored) != questions(allocations) {
            let name: String = conn.query_row_cached(
                "SELECT name FROM panelists WHERE id = ?1",
                [panelist_id],
                |r| r.get(0),
            )?;
            return Err(Error::InvalidInput(format!(
                "{name} has started recording answers; their questions can no longer change \
                 (the other panelists' still can)"
            )));
        }
    }
    Ok(())
}

fn save(conn: &Connection, plan_id: i64, allocations: &[Allocation]) -> Result<()> {
    ensure_started_unchanged(conn, plan_id, allocations)?;
    conn.execute_cached("DELETE FROM assignments WHERE plan_id = ?1", [plan_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO assignments (plan_id, question_id, panelist_id, position, pinned, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in allocations {
        insert.execute(params![
            plan_id,
            a.question_id,
            a.panelist_id,
            a.position,
            a.fixed,
            json(&a.reason)
        ])?;
    }
    conn.execute_cached(
        "UPDATE plans SET updated_at = ?1 WHERE id = ?2",
        params![crate::db::now(), plan_id],
    )?;
    super::refresh_status(conn, plan_id)
}

/// Gives question `number` to a panelist by hand, optionally fixing it there.
///
/// With single coverage the question leaves whoever asked it; with calibration overlap it
/// replaces the other asker not fixed there when both places are taken. The question goes to the end of
/// the panelist's list.
pub fn assign(
    conn: &Connection,
    plan_id: i64,
    number: u32,
    panelist_id: i64,
    fixed: bool,
) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let input = split_input(conn, plan_id)?;
    let question = question_numbered(&input, number)?;
    let panelist = input
        .panelists
        .iter()
        .find(|p| p.id == panelist_id)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "panelist {panelist_id} is not on this plan's panel"
            ))
        })?;
    if panelist.excluded.contains(&question.id) {
        return Err(Error::InvalidInput(format!(
            "{} must not get question {number}; remove it from their exclusions first",
            panelist.name
        )));
    }
    let mut allocations = stored_allocations(conn, plan_id)?;
    if let Some(existing) = allocations
        .iter_mut()
        .find(|a| a.question_id == question.id && a.panelist_id == panelist_id)
    {
        place_by_hand(existing, fixed);
        return save(conn, plan_id, &allocations);
    }
    let holders: Vec<usize> = (0..allocations.len())
        .filter(|&i| allocations[i].question_id == question.id)
        .collect();
    if holders.len() >= usize::from(input.coverage.max(1)) {
        let replace = holders
            .iter()
            .copied()
            .rev()
            .find(|&i| !allocations[i].fixed)
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "question {number} is pinned on other panelists; unpin it first"
                ))
            })?;
        allocations.remove(replace);
    }
    let position = allocations
        .iter()
        .filter(|a| a.panelist_id == panelist_id)
        .map(|a| a.position + 1)
        .max()
        .unwrap_or(0);
    allocations.push(Allocation {
        question_id: question.id,
        panelist_id,
        position,
        fixed,
        reason: by_hand(fixed),
    });
    renumber(&mut allocations);
    save(conn, plan_id, &allocations)
}

/// Positions 0, 1, 2… per panelist, keeping their order.
fn renumber(allocations: &mut [Allocation]) {
    allocations.sort_by_key(|a| (a.panelist_id, a.position));
    let mut last = None;
    let mut next = 0;
    for a in allocations.iter_mut() {
        if last != Some(a.panelist_id) {
            last = Some(a.panelist_id);
            next = 0;
        }
        a.position = next;
        next += 1;
    }
}

/// A drag on the split board: question `question_number` leaves `from_panelist_id` (if given)
/// and lands on `to_panelist_id` at `position` in their list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionMove {
    /// Question number as the plan shows it.
    pub question_number: u32,
    /// Panelist the question is taken from; `None` to add another asker.
    pub from_panelist_id: Option<i64>,
    /// Panelist the question goes to.
    pub to_panelist_id: i64,
    /// Place in the receiving panelist's list, from 0; past the end means last.
    pub position: u32,
}

/// Moves a question on the board. Moving onto someone who already asks it is refused.
pub fn move_question(conn: &Connection, plan_id: i64, step: &QuestionMove) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let input = split_input(conn, plan_id)?;
    let number = step.question_number;
    let question = question_numbered(&input, number)?;
    let to = input
        .panelists
        .iter()
        .find(|p| p.id == step.to_panelist_id)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "panelist {} is not on this plan's panel",
                step.to_panelist_id
            ))
        })?;
    if to.excluded.contains(&question.id) {
        return Err(Error::InvalidInput(format!(
            "{} must not get question {number}",
            to.name
        )));
    }
    let mut allocations = stored_allocations(conn, plan_id)?;
    let taken = step.from_panelist_id.and_then(|from| {
        let at = allocations
            .iter()
            .position(|a| a.question_id == question.id && a.panelist_id == from)?;
        Some(allocations.remove(at))
    });
    if step.from_panelist_id.is_some() && taken.is_none() {
        return Err(Error::InvalidInput(format!(
            "question {number} is not with that panelist any more; reload the board"
        )));
    }
    if allocations
        .iter()
        .any(|a| a.question_id == question.id && a.panelist_id == to.id)
    {
        return Err(Error::InvalidInput(format!(
            "{} already asks question {number}",
            to.name
        )));
    }
    let fixed = taken.is_some_and(|a| a.fixed);
    renumber(&mut allocations);
    for a in allocations.iter_mut().filter(|a| a.panelist_id == to.id) {
        if a.position >= step.position {
            a.position += 1;
        }
    }
    allocations.push(Allocation {
        question_id: question.id,
        panelist_id: to.id,
        position: step.position,
        fixed,
        reason: by_hand(fixed),
    });
    renumber(&mut allocations);
    save(conn, plan_id, &allocations)
}

/// Fixes a question on a panelist who asks it, or lets it go (pin and unpin, on screen).
pub fn set_question_fixed(
    conn: &Connection,
    plan_id: i64,
    number: u32,
    panelist_id: i64,
    fixed: bool,
) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let input = split_input(conn, plan_id)?;
    let question_id = question_numbered(&input, number)?.id;
    let mut allocations = stored_allocations(conn, plan_id)?;
    let a = allocations
        .iter_mut()
        .find(|a| a.question_id == question_id && a.panelist_id == panelist_id)
        .ok_or_else(|| {
            Error::InvalidInput(format!("that panelist does not ask question {number}"))
        })?;
    place_by_hand(a, fixed);
    save(conn, plan_id, &allocations)
}

/// The plan's question numbered `number`.
fn question_numbered(input: &SplitInput, number: u32) -> Result<&SplitQuestion> {
    input
        .questions
        .iter()
        .find(|q| q.number == number)
        .ok_or_else(|| Error::InvalidInput(format!("the plan has no question {number}")))
}

/// Why a question the lead placed is where it is: fixed there, or moved by hand.
fn by_hand(fixed: bool) -> Reason {
    if fixed {
        Reason::Fixed
    } else {
        Reason::Manual
    }
}

/// Records that the lead placed this allocation, fixed there or not.
fn place_by_hand(allocation: &mut Allocation, fixed: bool) {
    allocation.fixed = fixed;
    allocation.reason = by_hand(fixed);
}
