//! The panel: who interviews, for how long, and what they are best placed to probe.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::{clean_name, ensure_plan, json, optional_text};
use crate::{Capability, Error, Result};

/// Shortest and longest interview slot accepted, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u32> = 5..=480;

/// A panelist as the lead adds them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewPanelist {
    /// Name.
    pub name: String,
    /// Email, optional.
    pub email: Option<String>,
    /// Interview slot in minutes.
    pub slot_minutes: u32,
    /// Capabilities they are best placed to probe.
    pub focus: Vec<Capability>,
    /// Question numbers they must not get.
    pub excluded_questions: Vec<u32>,
}

/// Adds a panelist at the end of the panel; returns their id.
pub fn add_panelist(conn: &Connection, plan_id: i64, panelist: &NewPanelist) -> Result<i64> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    // A newcomer without a scorecard would seal the scores again mid-meeting, and the meeting
    // discusses the panel that scored.
    if crate::debrief::meeting::has_started(conn, plan_id)? {
        return Err(Error::Conflict(
            "the debrief meeting has started: its panel is the one that scored; a panelist is \
             added before the meeting"
                .into(),
        ));
    }
    let Checked {
        name,
        email,
        focus,
        excluded,
    } = check(conn, plan_id, panelist)?;
    let position: i64 = conn.query_row_cached(
        "SELECT coalesce(max(position) + 1, 0) FROM panelists WHERE plan_id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    conn.execute_cached(
        "INSERT INTO panelists (plan_id, name, email, slot_minutes, position, focus, excluded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            plan_id,
            name,
            email,
            panelist.slot_minutes,
            position,
            json(&focus),
            json(&excluded)
        ],
    )?;
    let id = conn.last_insert_rowid();
    crate::people::link_panelist(conn, id)?;
    super::refresh_status(conn, plan_id)?;
    Ok(id)
}

struct Checked {
    name: String,
    email: Option<String>,
    focus: Vec<Capability>,
    excluded: Vec<i64>,
}

/// Validates a panelist against the plan; nothing is written.
fn check(conn: &Connection, plan_id: i64, panelist: &NewPanelist) -> Result<Checked> {
    ensure_plan(conn, plan_id)?;
    let name = clean_name("panelist name", &panelist.name)?;
    if !SLOT_MINUTES.contains(&panelist.slot_minutes) {
        return Err(Error::InvalidInput(format!(
            "a slot must be 5–480 minutes, got {}",
            panelist.slot_minutes
        )));
    }
    let email = optional_text(panelist.email.as_deref());
    let mut excluded = Vec::new();
    for number in &panelist.excluded_questions {
        let id = super::question_id(conn, plan_id, *number)?;
        excluded.push(id.ok_or_else(|| {
            Error::InvalidInput(format!("the plan has no question {number} to exclude"))
        })?);
    }
    let mut focus = panelist.focus.clone();
    focus.sort();
    focus.dedup();
    Ok(Checked {
        name,
        email,
        focus,
        excluded,
    })
}

/// Replaces a panelist's details. Questions they may no longer get stay assigned until the next
/// split or move, and the board warns about nothing new: exclusions apply to future splits.
pub fn update_panelist(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    panelist: &NewPanelist,
) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let Checked {
        name,
        email,
        focus,
        excluded,
    } = check(conn, plan_id, panelist)?;
    let before: Option<(String, Option<String>)> = conn
        .query_row_cached(
            "SELECT name, email FROM panelists WHERE id = ?1 AND plan_id = ?2",
            params![panelist_id, plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let changed = conn.execute_cached(
        "UPDATE panelists SET name = ?1, email = ?2, slot_minutes = ?3, focus = ?4, excluded = ?5
         WHERE id = ?6 AND plan_id = ?7",
        params![
            name,
            email,
            panelist.slot_minutes,
            json(&focus),
            json(&excluded),
            panelist_id,
            plan_id
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "panelist",
            id: panelist_id,
        });
    }
    // A corrected name or email may be someone else (a manual split stays unless they change).
    if before.as_ref() != Some(&(name, email)) {
        crate::people::link_panelist(conn, panelist_id)?;
    }
    Ok(())
}

/// Puts the panel in the given order, which must name every panelist exactly once.
pub fn reorder_panelists(conn: &Connection, plan_id: i64, order: &[i64]) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    ensure_plan(conn, plan_id)?;
    let mut stmt =
        conn.prepare_cached("SELECT id FROM panelists WHERE plan_id = ?1 ORDER BY id")?;
    let mut current: Vec<i64> = stmt
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = order.to_vec();
    wanted.sort();
    current.sort();
    if wanted != current {
        return Err(Error::InvalidInput(
            "the new order must list every panelist of the plan exactly once".into(),
        ));
    }
    // Positions are unique per plan: move everyone out of the way first.
    conn.execute_cached(
        "UPDATE panelists SET position = -1 - position WHERE plan_id = ?1",
        [plan_id],
    )?;
    for (position, id) in order.iter().enumerate() {
        conn.execute_cached(
            "UPDATE panelists SET position = ?1 WHERE id = ?2",
            params![position as i64, id],
        )?;
    }
    Ok(())
}

/// Removes a panelist and their assignments. Refused once they have written anything.
///
/// A panelist whose kit is out and who has sent nothing back is scoring on their own laptop:
/// removing them would let the rest of the panel count as complete and open the seal. That, and
/// removing the last local panelist who has not submitted while others have, needs a
/// `disclosure` (a reason and who), recorded as an early unseal.
pub fn remove_panelist(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    disclosure: Option<&crate::scorecards::Disclosure>,
) -> Result<()> {
    crate::plans::ensure_mode(conn, plan_id, crate::plans::PlanMode::Lead)?;
    let name: Option<String> = conn
        .query_row_cached(
            "SELECT name FROM panelists WHERE id = ?1 AND plan_id = ?2",
            params![panelist_id, plan_id],
            |r| r.get(0),
        )
        .optional()?;
    let name = name.ok_or(Error::NotFound {
        what: "panelist",
        id: panelist_id,
    })?;
    let has_notes: bool = conn.query_row_cached(
        "SELECT count(*) > 0 FROM scorecards s LEFT JOIN answers a ON a.scorecard_id = s.id
         WHERE s.panelist_id = ?1
           AND (s.summary <> '' OR a.notes <> '' OR a.score IS NOT NULL)",
        [panelist_id],
        |r| r.get(0),
    )?;
    if has_notes {
        return Err(Error::InvalidInput(format!(
            "{name} has already written notes or scores for this plan and cannot be removed"
        )));
    }
    let kit_was_out = crate::scorecards::kit_is_out(conn, panelist_id)?;
    if kit_was_out {
        let Some(disclosure) = disclosure else {
            return Err(Error::Sealed(format!(
                "{name}'s kit is out and no scorecard came back yet: they may be scoring on their \
                 own laptop, and removing them would open the seal on everyone else's scores; \
                 give a reason and your name to remove them anyway (recorded in the audit trail)"
            )));
        };
        crate::scorecards::record_disclosure(
            conn,
            plan_id,
            disclosure,
            "removing a panelist whose kit was out",
            &format!("{name} removed from the panel"),
        )?;
    }
    let was_sealed = crate::scorecards::is_sealed(conn, plan_id)?;
    conn.execute_cached("DELETE FROM panelists WHERE id = ?1", [panelist_id])?;
    // Removing the last panelist who has not submitted would show everyone else's scores.
    let submitted: i64 = conn.query_row_cached(
        "SELECT count(*) FROM scorecards s JOIN panelists x ON x.id = s.panelist_id
         WHERE x.plan_id = ?1 AND s.status = 'submitted'",
        [plan_id],
        |r| r.get(0),
    )?;
    let opens_seal = was_sealed && submitted > 0 && !crate::scorecards::is_sealed(conn, plan_id)?;
    if opens_seal && !kit_was_out {
        let Some(disclosure) = disclosure else {
            // The caller's transaction rolls the deletion back.
            return Err(Error::Sealed(format!(
                "{name} is the last panelist who has not submitted: removing them would open \
                 the seal on everyone else's scores; give a reason and your name to remove them \
                 anyway (recorded in the audit trail)"
            )));
        };
        crate::scorecards::record_disclosure(
            conn,
            plan_id,
            disclosure,
            "removing the last panelist who had not submitted",
            &format!("{name} removed from the panel"),
        )?;
    }
    super::refresh_status(conn, plan_id)
}
