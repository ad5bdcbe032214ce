//! Preparing the meeting, before it starts: its length, the speaking order and seniorities,
//! and the items the lead adds to the proposed agenda. Each change is refused once the meeting
//! has started (the agenda and its numbers are fixed then) and returns the meeting as it now
//! stands. Callers run each in one transaction (`Db::with_tx`); everything is checked before
//! anything is written.

use rusqlite::{params, Connection};

use super::load::{ensure_row, meeting, open_plan, setup, Setup};
use super::{AddedItem, Meeting, Seniority, LENGTH_RANGE, MAX_ADDED_ITEMS};
use crate::db::CachedStatements;
use crate::plans::clean_name;
use crate::{Error, Result};

fn ensure_not_started(setup: &Setup) -> Result<()> {
    match setup.started_at {
        Some(_) => Err(Error::Conflict(
            "the meeting has started: its agenda, numbers and times are fixed".into(),
        )),
        None => Ok(()),
    }
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
    ensure_not_started(&setup(conn, plan_id)?)?;
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

/// Records how senior a panelist is (`None` forgets it), before the meeting starts: the
/// speaking order follows it, and the order heard is fixed at the start.
pub fn set_seniority(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    seniority: Option<Seniority>,
) -> Result<Meeting> {
    let input = open_plan(conn, plan_id)?;
    ensure_not_started(&setup(conn, plan_id)?)?;
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
    let input = open_plan(conn, plan_id)?;
    let setup = setup(conn, plan_id)?;
    ensure_not_started(&setup)?;
    if setup.added.len() >= MAX_ADDED_ITEMS {
        return Err(Error::InvalidInput(format!(
            "at most {MAX_ADDED_ITEMS} items can be added to one agenda"
        )));
    }
    let title = match item.question_number {
        Some(n) => {
            let Some(question) = input.questions.iter().find(|q| q.question.number == n) else {
                return Err(Error::InvalidInput(format!(
                    "question {n} is not one of this plan's questions"
                )));
            };
            if meeting(conn, plan_id)?
                .agenda
                .iter()
                .any(|i| i.question_number == Some(n))
            {
                return Err(Error::InvalidInput(format!(
                    "question {n} is already on the agenda"
                )));
            }
            // The question's own text unless the lead named the item: kept with the item, so
            // it still reads right if the question later leaves the plan's debrief.
            match item.title.trim() {
                "" => question.question.text.clone(),
                named => clean_name("the agenda item's title", named)?,
            }
        }
        None if item.title.trim().is_empty() => {
            return Err(Error::InvalidInput(
                "name the topic to add, or choose a question".into(),
            ))
        }
        None => clean_name("the topic", &item.title)?,
    };
    let mut added = setup.added;
    added.push(AddedItem {
        question_number: item.question_number,
        title,
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
