//! Who may open a scorecard, and the record left when sealed content is revealed early.
//!
//! The seal promises that nobody — the panel lead included — reads a panelist's scores or notes
//! before the whole panel has submitted. On the lead's laptop two kinds of card exist: a *local*
//! card, written on this computer (its panelist's kit is not out), which only its author opens in
//! interview mode; and an *imported* card, which came back from the panelist's own laptop as a
//! signed file and is read-only here: it is shown only through the debrief, once the seal is
//! open. Every way to see sealed content anyway (removing a panelist whose kit is out, exporting
//! a candidate's data, `panelctl scorecard show` of a returned card) needs a reason and a name,
//! and leaves an `unsealed` entry saying who, how, when and why.

use crate::db::CachedStatements;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::answers::panelist_name;
use crate::audit::{self, AuditKind};
use crate::{Error, Result};

/// Who reveals sealed content early, and why: both are required and go to the audit trail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Disclosure {
    /// Why the content must be seen before everyone has submitted.
    pub reason: String,
    /// Who reveals it.
    pub by: String,
}

/// True when the panelist's scorecard came back as a file (the lead's side of the exchange).
pub fn is_imported(conn: &Connection, panelist_id: i64) -> Result<bool> {
    Ok(conn
        .query_row_cached(
            "SELECT 1 FROM scorecard_receipts WHERE panelist_id = ?1",
            [panelist_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// True while the panelist's current kit is out and no scorecard came back from it: they are
/// scoring on their own laptop.
pub fn kit_is_out(conn: &Connection, panelist_id: i64) -> Result<bool> {
    Ok(conn.query_row_cached(
        "SELECT count(*) > 0 FROM issued_kits k
         WHERE k.panelist_id = ?1 AND k.superseded_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM scorecard_receipts r
                           WHERE r.panelist_id = ?1 AND r.kit_id = k.kit_id)",
        [panelist_id],
        |r| r.get(0),
    )?)
}

/// Refuses to open a card as its author (interview mode, scoring, amending) when it was
/// imported from a file: on this computer it is read-only and seen only in the debrief.
pub fn ensure_author_can_open(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<()> {
    if !is_imported(conn, panelist_id)? {
        return Ok(());
    }
    let name = panelist_name(conn, plan_id, panelist_id)?;
    Err(Error::Sealed(format!(
        "{name}'s scorecard came back from their own laptop as a file: it is read-only on this \
         computer, and its scores and notes appear in the debrief once every panelist has \
         submitted; changes go through an amendment on {name}'s laptop"
    )))
}

/// Checks a disclosure (a reason and a name, both required) and records it as an early unseal
/// of `what` ("Ana Ortiz's scorecard"), made `how` ("panelctl scorecard show").
pub fn record_disclosure(
    conn: &Connection,
    plan_id: i64,
    disclosure: &Disclosure,
    how: &str,
    what: &str,
) -> Result<()> {
    let reason = disclosure.reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{how} reveals sealed scores and notes before every panelist has submitted: give a \
             reason (it goes to the audit trail)"
        )));
    }
    if reason.chars().count() > crate::scorecards::MAX_NOTE_CHARS {
        return Err(Error::InvalidInput("the reason is too long".into()));
    }
    let by = crate::plans::clean_name("who reveals the sealed content", &disclosure.by)?;
    audit::record(
        conn,
        plan_id,
        &by,
        AuditKind::Unsealed,
        &serde_json::json!({ "reason": reason, "how": how, "what": what }),
    )
}

/// Refuses `how` while the plan is sealed unless a disclosure is given, which is then
/// recorded. Returns whether sealed content is being revealed.
pub fn disclose_if_sealed(
    conn: &Connection,
    plan_id: i64,
    disclosure: Option<&Disclosure>,
    how: &str,
    what: &str,
) -> Result<bool> {
    if !super::is_sealed(conn, plan_id)? {
        return Ok(false);
    }
    match disclosure {
        Some(d) => record_disclosure(conn, plan_id, d, how, what).map(|()| true),
        None => Err(Error::Sealed(format!(
            "the scores are sealed until every panelist has submitted; {how} would reveal them: \
             give a reason and your name (recorded in the audit trail)"
        ))),
    }
}

/// The settings key recording that a panelist said nobody else uses this laptop for this plan.
/// It names the plan by id and creation time, so a plan of another database with the same id
/// (a restored backup of someone else's, another data folder) does not inherit it.
fn sole_user_key(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<String> {
    let created: String = conn.query_row_cached(
        "SELECT created_at FROM plans WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    Ok(format!("sole-user:{plan_id}:{created}:{panelist_id}"))
}

/// Whether interview mode should ask this panelist to set a PIN or say the laptop is theirs
/// alone: their card is local and unguarded, another local panelist shares the laptop, and they
/// have not answered yet.
pub fn guard_choice_needed(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<bool> {
    if super::has_pin(conn, plan_id, panelist_id)? {
        return Ok(false);
    }
    let mut stmt = conn.prepare_cached("SELECT id FROM panelists WHERE plan_id = ?1")?;
    let panel: Vec<i64> = stmt
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut local = 0;
    for id in panel {
        if !is_imported(conn, id)? && !kit_is_out(conn, id)? {
            local += 1;
        }
    }
    if local < 2 {
        return Ok(false);
    }
    let key = sole_user_key(conn, plan_id, panelist_id)?;
    let answered: bool = conn.query_row_cached(
        "SELECT count(*) > 0 FROM settings WHERE key = ?1",
        [key],
        |r| r.get(0),
    )?;
    Ok(!answered)
}

/// Records that the panelist said nobody else uses this laptop for this plan.
pub fn declare_sole_user(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<()> {
    panelist_name(conn, plan_id, panelist_id)?;
    let key = sole_user_key(conn, plan_id, panelist_id)?;
    conn.execute_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, crate::db::now()],
    )?;
    Ok(())
}
