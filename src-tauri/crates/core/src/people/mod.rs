//! Interviewers as people the app knows across plans.
//!
//! A panelist row is one seat on one panel; calibration compares how a *person* scores across
//! every panel they sat on, so each seat on a lead's plan links to a person. The link is made by
//! the core whenever a seat is added or its name or email changes: by email, ignoring case, else
//! by name (folded like the search: case and accents ignored). A wrong match is the lead's to
//! correct: two entries for one person are merged, a seat matched to the wrong person is split
//! off, both audited. A departing employee can be purged: their scores stay (they are evidence
//! about candidates), and who they were is replaced everywhere by "Former interviewer N".
//! A candidate's purge deletes that plan's seats, never the people who sat on it.
//!
//! Seats on a panelist's copy of a plan (made from a kit) link to nobody: the people are the
//! lead's interviewers, counted on the lead's own plans.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::audit::{self, AuditKind};
use crate::db::CachedStatements;
use crate::identity::PublicIdentity;
use crate::plans::fold_for_search;
use crate::{db, Error, Result};

mod identity;
mod purge;
#[cfg(test)]
mod tests;

pub use identity::{identity_of_panelist, set_identity, set_panelist_identity};
pub use purge::purge;

/// Who the people operations are recorded as: the app has no accounts, so the computer acts.
const ACTOR: &str = "this computer";

/// A person as the Calibration screen lists them.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Person id.
    pub id: i64,
    /// Name as last entered (or "Former interviewer N").
    pub name: String,
    /// Email, when known.
    pub email: Option<String>,
    /// Whether the person was purged.
    pub former: bool,
    /// Lead plans they have a seat on.
    pub plans: u32,
    /// The fingerprint of their install's public identity, when the lead recorded it (kits
    /// published to the team folder are encrypted to it).
    pub identity_fingerprint: Option<String>,
}

/// One seat of a person: the panel they sat on, as entered there.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Seat {
    /// The panelist row.
    pub panelist_id: i64,
    /// The plan.
    pub plan_id: i64,
    /// The plan's candidate.
    pub candidate: String,
    /// The plan's interview time, when set.
    pub starts_at: Option<crate::time::Timestamp>,
    /// The name entered on this panel.
    pub name: String,
    /// The email entered on this panel.
    pub email: Option<String>,
}

/// What a purge left: the label that replaces the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgedPerson {
    /// "Former interviewer N".
    pub label: String,
    /// Seats renamed.
    pub seats: u32,
    /// What could not be cleaned afterwards (the database file still holding the old pages).
    pub warnings: Vec<String>,
}

/// The email as matched: trimmed, lower case; `None` when empty.
fn email_key(email: Option<&str>) -> Option<String> {
    email
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_lowercase)
}

/// The person a seat entered as `name` / `email` is: by email first, else by name; created
/// when nobody matches.
fn match_or_create(conn: &Connection, name: &str, email: Option<&str>) -> Result<i64> {
    let name_key = fold_for_search(name.trim());
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    if let Some(key) = email_key(email) {
        let by_email: Option<i64> = conn
            .query_row_cached("SELECT id FROM people WHERE email_key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = by_email {
            return Ok(id);
        }
        // Someone entered before by name alone is the same person once an email is given.
        let by_name: Option<i64> = conn
            .query_row_cached(
                "SELECT id FROM people WHERE name_key = ?1 AND email_key IS NULL
                 AND former IS NULL ORDER BY id LIMIT 1",
                [&name_key],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = by_name {
            conn.execute_cached(
                "UPDATE people SET email = ?1, email_key = ?2 WHERE id = ?3",
                params![email, key, id],
            )?;
            return Ok(id);
        }
        return create(conn, name, email, Some(&key), &name_key);
    }
    let by_name: Option<i64> = conn
        .query_row_cached(
            "SELECT id FROM people WHERE name_key = ?1 AND former IS NULL ORDER BY id LIMIT 1",
            [&name_key],
            |r| r.get(0),
        )
        .optional()?;
    match by_name {
        Some(id) => Ok(id),
        None => create(conn, name, None, None, &name_key),
    }
}

fn create(
    conn: &Connection,
    name: &str,
    email: Option<&str>,
    email_key: Option<&str>,
    name_key: &str,
) -> Result<i64> {
    conn.execute_cached(
        "INSERT INTO people (name, email, email_key, name_key, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name.trim(), email, email_key, name_key, db::now()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Links a seat to the person its name and email match (creating them if needed); seats on a
/// panelist's copy of a plan stay unlinked. A person left with no seat by the change (a typo
/// corrected) is removed, unless they were purged.
pub(crate) fn link_panelist(conn: &Connection, panelist_id: i64) -> Result<()> {
    let (name, email, mode, before): (String, Option<String>, String, Option<i64>) = conn
        .query_row_cached(
            "SELECT x.name, x.email, p.mode, x.person_id FROM panelists x
             JOIN plans p ON p.id = x.plan_id WHERE x.id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    if mode != "lead" {
        return Ok(());
    }
    let person = match_or_create(conn, &name, email.as_deref())?;
    if before == Some(person) {
        return Ok(());
    }
    conn.execute_cached(
        "UPDATE panelists SET person_id = ?1 WHERE id = ?2",
        params![person, panelist_id],
    )?;
    if let Some(before) = before {
        remove_if_seatless(conn, before)?;
    }
    Ok(())
}

fn remove_if_seatless(conn: &Connection, person: i64) -> Result<()> {
    conn.execute_cached(
        "DELETE FROM people WHERE id = ?1 AND former IS NULL
           AND NOT EXISTS (SELECT 1 FROM panelists WHERE person_id = ?1)",
        [person],
    )?;
    Ok(())
}

/// Links every seat on a lead's plan (the migration that introduces people). Seats with an
/// email go first, so a seat entered by name alone joins the person its email identifies.
pub(crate) fn link_every_panelist(conn: &Connection) -> Result<()> {
    let mut seats = conn.prepare(
        "SELECT x.id FROM panelists x JOIN plans p ON p.id = x.plan_id
         WHERE p.mode = 'lead' AND x.person_id IS NULL
         ORDER BY (coalesce(trim(x.email), '') = ''), x.id",
    )?;
    let ids: Vec<i64> = seats
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        link_panelist(conn, id)?;
    }
    Ok(())
}

/// Every person, by name, with the number of lead plans they sit on.
pub fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pe.id, pe.name, pe.email, pe.former IS NOT NULL,
                (SELECT count(DISTINCT x.plan_id) FROM panelists x WHERE x.person_id = pe.id),
                pe.identity
         FROM people pe ORDER BY pe.former IS NOT NULL, pe.name_key, pe.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let identity: Option<String> = r.get(5)?;
        Ok(Person {
            id: r.get(0)?,
            name: r.get(1)?,
            email: r.get(2)?,
            former: r.get(3)?,
            plans: r.get(4)?,
            identity_fingerprint: identity
                .and_then(|line| PublicIdentity::parse(&line).ok())
                .map(|i| i.fingerprint),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One person, or `NotFound`.
pub fn get(conn: &Connection, person_id: i64) -> Result<Person> {
    list(conn)?
        .into_iter()
        .find(|p| p.id == person_id)
        .ok_or(Error::NotFound {
            what: "person",
            id: person_id,
        })
}

/// A person's seats, newest interview first.
pub fn seats(conn: &Connection, person_id: i64) -> Result<Vec<Seat>> {
    get(conn, person_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, p.id, c.name, p.starts_at, x.name, x.email
         FROM panelists x JOIN plans p ON p.id = x.plan_id
         JOIN candidates c ON c.id = p.candidate_id
         WHERE x.person_id = ?1 ORDER BY p.starts_at DESC, p.id DESC",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Seat {
            panelist_id: r.get(0)?,
            plan_id: r.get(1)?,
            candidate: r.get(2)?,
            starts_at: r.get(3)?,
            name: r.get(4)?,
            email: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ensure_current(person: &Person) -> Result<()> {
    if person.former {
        return Err(Error::InvalidInput(format!(
            "{} was purged; their entry can no longer be merged or split",
            person.name
        )));
    }
    Ok(())
}

/// Merges `absorbed` into `kept`: every seat of `absorbed` becomes `kept`'s, `kept` takes
/// `absorbed`'s email if it had none, and `absorbed` is gone. Audited (ids only: a later purge
/// of either leaves no name behind).
pub fn merge(conn: &Connection, kept: i64, absorbed: i64) -> Result<Person> {
    if kept == absorbed {
        return Err(Error::InvalidInput(
            "choose two different people to merge".into(),
        ));
    }
    let keep = get(conn, kept)?;
    let absorb = get(conn, absorbed)?;
    ensure_current(&keep)?;
    ensure_current(&absorb)?;
    if let (Some(a), Some(b)) = (
        email_key(keep.email.as_deref()),
        email_key(absorb.email.as_deref()),
    ) {
        if a != b {
            return Err(Error::InvalidInput(format!(
                "{} <{}> and {} <{}> have different emails; an email identifies one person, \
                 so they are not merged",
                keep.name,
                keep.email.as_deref().unwrap_or_default(),
                absorb.name,
                absorb.email.as_deref().unwrap_or_default()
            )));
        }
    }
    let seats = conn.execute_cached(
        "UPDATE panelists SET person_id = ?1 WHERE person_id = ?2",
        params![kept, absorbed],
    )?;
    // The kept entry takes the absorbed one's identity if it had none.
    conn.execute_cached(
        "UPDATE people SET identity = coalesce(identity, (SELECT identity FROM people WHERE id = ?2))
         WHERE id = ?1",
        params![kept, absorbed],
    )?;
    conn.execute_cached("DELETE FROM people WHERE id = ?1", [absorbed])?;
    if keep.email.is_none() {
        if let Some(email) = &absorb.email {
            conn.execute_cached(
                "UPDATE people SET email = ?1, email_key = ?2 WHERE id = ?3",
                params![email, email_key(Some(email)), kept],
            )?;
        }
    }
    audit::record(
        conn,
        None,
        ACTOR,
        AuditKind::PeopleMerged,
        &serde_json::json!({ "kept": kept, "merged": absorbed, "seats": seats }),
    )?;
    get(conn, kept)
}

/// Splits one seat off its person: the seat becomes a new person of its own (named and
/// emailed as entered on that panel). Refused for a person's only seat. Audited.
pub fn split(conn: &Connection, panelist_id: i64) -> Result<Person> {
    let (person, name, email): (Option<i64>, String, Option<String>) = conn
        .query_row_cached(
            "SELECT person_id, name, email FROM panelists WHERE id = ?1",
            [panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "panelist",
            id: panelist_id,
        })?;
    let Some(person) = person else {
        return Err(Error::InvalidInput(
            "this seat is on a panelist's copy of a plan and belongs to nobody".into(),
        ));
    };
    let from = get(conn, person)?;
    ensure_current(&from)?;
    let seats: i64 = conn.query_row_cached(
        "SELECT count(*) FROM panelists WHERE person_id = ?1",
        [person],
        |r| r.get(0),
    )?;
    if seats < 2 {
        return Err(Error::InvalidInput(format!(
            "this is {}'s only seat; there is nothing to split it from",
            from.name
        )));
    }
    // The address stays the matching key of the person it was matched to: the new person keeps
    // it as entered, without the key.
    let key = email_key(email.as_deref())
        .filter(|k| Some(k) != email_key(from.email.as_deref()).as_ref());
    let new = create(
        conn,
        &name,
        email.as_deref().map(str::trim).filter(|e| !e.is_empty()),
        key.as_deref(),
        &fold_for_search(name.trim()),
    )?;
    conn.execute_cached(
        "UPDATE panelists SET person_id = ?1 WHERE id = ?2",
        params![new, panelist_id],
    )?;
    audit::record(
        conn,
        None,
        ACTOR,
        AuditKind::PersonSplit,
        &serde_json::json!({ "seat": panelist_id, "from": person, "to": new }),
    )?;
    get(conn, new)
}
