//! A departing interviewer's purge: who they were is replaced everywhere by "Former
//! interviewer N", their scores stay.

use rusqlite::{params, Connection};

use super::{get, PurgedPerson, ACTOR};
use crate::audit::{self, AuditKind};
use crate::db::CachedStatements;
use crate::plans::fold_for_search;
use crate::{Error, Result};

/// Purges an interviewer (a departing employee): their name and email are replaced by
/// "Former interviewer N" on the person, on every seat, on the kits issued to them, and in their
/// plans' audit trails (as the actor, and wherever an entry's details name them). Their scores
/// and notes stay, as does free text others typed about them (a reason, a note): they are
/// evidence about candidates, and calibration keeps counting them under the new label. Audited
/// without a name. Runs its own transaction, then compacts the file like a candidate's purge
/// ([`crate::privacy::scrub_freed_pages`]), so the old name is not left in freed pages or the
/// journal: call it outside a transaction.
pub fn purge(conn: &Connection, person_id: i64) -> Result<PurgedPerson> {
    let tx = conn.unchecked_transaction()?;
    let (label, seats) = relabel(&tx, person_id)?;
    tx.commit()?;
    Ok(PurgedPerson {
        label,
        seats,
        warnings: crate::privacy::scrub_freed_pages(conn),
    })
}

/// The purge's writes: returns the label and the seats renamed.
fn relabel(conn: &Connection, person_id: i64) -> Result<(String, u32)> {
    let person = get(conn, person_id)?;
    if person.former {
        return Err(Error::InvalidInput(format!(
            "{} is already purged; there is no name left to remove",
            person.name
        )));
    }
    let number: i64 =
        conn.query_row_cached("SELECT coalesce(max(former), 0) + 1 FROM people", [], |r| {
            r.get(0)
        })?;
    let label = format!("Former interviewer {number}");
    let mut names =
        conn.prepare_cached("SELECT DISTINCT name FROM panelists WHERE person_id = ?1")?;
    let mut entered: Vec<String> = names
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    entered.push(person.name.clone());
    entered.sort();
    entered.dedup();
    for name in &entered {
        conn.execute_cached(
            "UPDATE audit_events SET actor = ?1 WHERE actor = ?2
               AND plan_id IN (SELECT plan_id FROM panelists WHERE person_id = ?3)",
            params![label, name, person_id],
        )?;
    }
    // Entries that name them in their details (a PIN reset, an imported scorecard, a score
    // moved in discussion) say the label instead.
    let mut details = conn.prepare_cached(
        "SELECT id, detail FROM audit_events
         WHERE plan_id IN (SELECT plan_id FROM panelists WHERE person_id = ?1)",
    )?;
    let events: Vec<(i64, String)> = details
        .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, detail) in events {
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&detail) else {
            continue;
        };
        if replace_names(&mut value, &entered, &label) {
            conn.execute_cached(
                "UPDATE audit_events SET detail = ?1 WHERE id = ?2",
                params![value.to_string(), id],
            )?;
        }
    }
    conn.execute_cached(
        "UPDATE issued_kits SET panelist_name = ?1
         WHERE panelist_id IN (SELECT id FROM panelists WHERE person_id = ?2)",
        params![label, person_id],
    )?;
    let seats = conn.execute_cached(
        "UPDATE panelists SET name = ?1, email = NULL WHERE person_id = ?2",
        params![label, person_id],
    )?;
    conn.execute_cached(
        "UPDATE people SET name = ?1, email = NULL, email_key = NULL, name_key = ?2, former = ?3,
                identity = NULL
         WHERE id = ?4",
        params![label, fold_for_search(&label), number, person_id],
    )?;
    audit::record(
        conn,
        None,
        ACTOR,
        AuditKind::InterviewerPurged,
        &serde_json::json!({ "person": person_id, "former": number, "seats": seats }),
    )?;
    Ok((label, seats as u32))
}

/// [`replace_names`] in every one of `values` (each visited, none skipped); true if any changed.
fn replace_in<'a>(
    values: impl Iterator<Item = &'a mut serde_json::Value>,
    names: &[String],
    label: &str,
) -> bool {
    let mut changed = false;
    for value in values {
        changed |= replace_names(value, names, label);
    }
    changed
}

/// Replaces every string of `value` that is exactly one of `names` by `label`; true if any was.
fn replace_names(value: &mut serde_json::Value, names: &[String], label: &str) -> bool {
    match value {
        serde_json::Value::String(text) if names.iter().any(|n| n == text) => {
            *text = label.to_string();
            true
        }
        serde_json::Value::Array(items) => replace_in(items.iter_mut(), names, label),
        serde_json::Value::Object(map) => replace_in(map.values_mut(), names, label),
        _ => false,
    }
}
