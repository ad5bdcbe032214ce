//! The public identity recorded for a person: the line their install shares, which kits
//! published to the team folder are encrypted to (docs/team-folder.md).

use rusqlite::{params, Connection, OptionalExtension};

use super::{ensure_current, get, Person, ACTOR};
use crate::audit::{self, AuditKind};
use crate::db::CachedStatements;
use crate::identity::PublicIdentity;
use crate::{Error, Result};

/// Records (or with `None` removes) the public identity of the person `panelist_id`'s seat
/// links to: the line their install shares (`panelctl identity show`), checked before it is
/// stored. Kits published to the team folder are encrypted to it. Audited with fingerprints.
pub fn set_panelist_identity(
    conn: &Connection,
    panelist_id: i64,
    line: Option<&str>,
) -> Result<Person> {
    let person: Option<Option<i64>> = conn
        .query_row_cached(
            "SELECT person_id FROM panelists WHERE id = ?1",
            [panelist_id],
            |r| r.get(0),
        )
        .optional()?;
    match person {
        None => Err(Error::NotFound {
            what: "panelist",
            id: panelist_id,
        }),
        Some(None) => Err(Error::InvalidInput(
            "this seat is on a panelist's copy of a plan; identities are recorded by the lead"
                .into(),
        )),
        Some(Some(person)) => set_identity(conn, person, line),
    }
}

/// Records (or removes) a person's public identity: see [`set_panelist_identity`].
pub fn set_identity(conn: &Connection, person_id: i64, line: Option<&str>) -> Result<Person> {
    let person = get(conn, person_id)?;
    ensure_current(&person)?;
    let identity = line.map(PublicIdentity::parse).transpose()?;
    conn.execute_cached(
        "UPDATE people SET identity = ?1 WHERE id = ?2",
        params![identity.as_ref().map(|i| &i.line), person_id],
    )?;
    let now = identity.as_ref().map(|i| i.fingerprint.clone());
    if now != person.identity_fingerprint {
        audit::record(
            conn,
            None,
            ACTOR,
            AuditKind::IdentityRecorded,
            &serde_json::json!({
                "person": person_id,
                "fingerprint": now,
                "replaces": person.identity_fingerprint,
            }),
        )?;
    }
    get(conn, person_id)
}

/// The public identity recorded for the person a seat links to, if any.
pub fn identity_of_panelist(conn: &Connection, panelist_id: i64) -> Result<Option<PublicIdentity>> {
    let line: Option<String> = conn
        .query_row_cached(
            "SELECT pe.identity FROM panelists x JOIN people pe ON pe.id = x.person_id
             WHERE x.id = ?1",
            [panelist_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    // Only lines the core checked are stored; one that no longer reads is treated as none.
    Ok(line.and_then(|l| PublicIdentity::parse(&l).ok()))
}
