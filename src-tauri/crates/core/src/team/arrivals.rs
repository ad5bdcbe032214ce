//! A pass's second half: what arrived in the team folder. Each exchange file this install did
//! not write and has not read since it last changed is decrypted with this install's key and
//! imported through the exchange rules; what became of it is remembered in `team_files`.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::names::classify;
use super::sync::{kind_code, SyncReport, SyncedFile};
use crate::db::CachedStatements;
use crate::exchange::{self, ExchangeFile, ImportOptions, ImportOutcome};
use crate::identity::Identity;
use crate::{db, Db, Error, Result};

/// A file's size and modification time, to notice it changed since it was read.
pub(super) fn stamp(path: &Path) -> Option<(i64, String)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339())?;
    Some((meta.len() as i64, modified))
}

/// Every exchange file in the folder not published here and not read since it last changed:
/// decrypted with this install's identity (files encrypted to others are noted and left), then
/// imported through the exchange rules.
pub(super) fn read_arrivals(
    db: &mut Db,
    identity: &Identity,
    dir: &Path,
    report: &mut SyncReport,
) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::InvalidInput(format!(
            "cannot list the team folder {}: {e}",
            dir.display()
        ))
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    // Any order works; a fixed one makes a pass repeatable.
    names.sort();
    let age_identity = identity.age_identity();
    for name in names {
        let Some(kind) = classify(&name) else {
            continue;
        };
        let path = dir.join(&name);
        let Some((size, modified)) = stamp(&path) else {
            continue; // gone since it was listed
        };
        if !needs_reading(db.conn(), &name, size, &modified)? {
            continue;
        }
        let outcome = read_one(db, &age_identity, &path);
        let (plan, message, code) = match &outcome {
            Read::NotOurs => (None, None, "not-ours"),
            Read::Imported(o) => (Some(o.plan_id()), Some(o.describe()), "imported"),
            Read::Refused(why) => (None, Some(why.clone()), "refused"),
            Read::Conflict(plan, why) => (*plan, Some(why.clone()), "conflict"),
        };
        db.with_tx(|tx| {
            tx.execute_cached(
                "INSERT INTO team_files (name, published, kind, plan_id, size, modified, outcome, at)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (name) DO UPDATE SET plan_id = excluded.plan_id,
                     size = excluded.size, modified = excluded.modified,
                     outcome = excluded.outcome, at = excluded.at",
                params![name, kind_code(kind.kind), plan, size, modified, code, db::now()],
            )?;
            Ok(())
        })?;
        if let Some(message) = message {
            let file = SyncedFile {
                file: name.clone(),
                kind: kind.kind.into(),
                plan_id: plan,
                message,
                conflict_copy: kind.conflict_copy,
            };
            match code {
                "refused" => report.refused.push(file),
                "conflict" => report.conflicts.push(file),
                _ => report.imported.push(file),
            }
        }
    }
    Ok(())
}

/// Whether a file found in the folder is to be read now, from what this install remembers of
/// it by name.
fn needs_reading(conn: &Connection, name: &str, size: i64, modified: &str) -> Result<bool> {
    struct Remembered {
        published: bool,
        outcome: Option<String>,
        size: Option<i64>,
        modified: Option<String>,
    }
    let known = conn
        .query_row_cached(
            "SELECT published, outcome, size, modified FROM team_files WHERE name = ?1",
            [name],
            |r| {
                Ok(Remembered {
                    published: r.get(0)?,
                    outcome: r.get(1)?,
                    size: r.get(2)?,
                    modified: r.get(3)?,
                })
            },
        )
        .optional()?;
    Ok(match known {
        None => true,
        // Ours, or imported once (a purged plan's file brought back by a machine that had not
        // synced must not come back): done for good. Names are written once; a file changed
        // under the same name is a sync engine's business, and it makes a conflict copy.
        Some(k) if k.published || k.outcome.as_deref() == Some("imported") => false,
        // Refused or not ours: read again only once it changed (a file still arriving, say).
        Some(k) => k.size != Some(size) || k.modified.as_deref() != Some(modified),
    })
}

/// What reading one file came to.
enum Read {
    /// Not encrypted to this install (another panelist's kit, a file protected with a
    /// passphrase, a plain file): left alone.
    NotOurs,
    /// Imported, or found already imported.
    Imported(ImportOutcome),
    /// Refused by the rules, with why.
    Refused(String),
    /// A return that would replace a scorecard recorded here: the lead's plan, and why.
    Conflict(Option<i64>, String),
}

/// Reads a file of the folder and decrypts it with this install's key: `None` when it is not
/// addressed here (encrypted to someone else, protected with a passphrase, or not encrypted).
pub(super) fn open_here(
    identity: &age::x25519::Identity,
    path: &Path,
) -> Result<Option<ExchangeFile>> {
    let bytes = exchange::read_file(path)?;
    if !exchange::is_encrypted(&bytes) {
        return Ok(None);
    }
    let plain = match age::decrypt(identity, &bytes) {
        Ok(plain) => plain,
        Err(age::DecryptError::NoMatchingKeys) => return Ok(None),
        Err(e) => {
            return Err(Error::Rejected(format!(
                "the encrypted file is damaged: {e}"
            )))
        }
    };
    exchange::parse(&plain).map(Some)
}

fn read_one(db: &mut Db, identity: &age::x25519::Identity, path: &Path) -> Read {
    let file = match open_here(identity, path) {
        Ok(Some(file)) => file,
        Ok(None) => return Read::NotOurs,
        Err(e) => return Read::Refused(e.to_string()),
    };
    match exchange::import_file(db, &file, &ImportOptions::default()) {
        Ok(outcome) => Read::Imported(outcome),
        Err(e @ Error::ScorecardConflict(_)) => match lead_plan_of(db.conn(), &file) {
            Ok(plan) => Read::Conflict(plan, e.to_string()),
            Err(read) => Read::Refused(read.to_string()),
        },
        Err(e) => Read::Refused(e.to_string()),
    }
}

/// The lead's plan a scorecard file is for, by the plan key it carries.
pub(super) fn lead_plan_of(conn: &Connection, file: &ExchangeFile) -> Result<Option<i64>> {
    let ExchangeFile::Scorecard(card) = file else {
        return Ok(None);
    };
    Ok(conn
        .query_row_cached(
            "SELECT id FROM plans WHERE exchange_key = ?1 AND mode = 'lead'",
            [&card.body.plan_key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records what became of a file read in the folder (an outcome code of `team_files`).
pub(super) fn remember_outcome(conn: &Connection, name: &str, outcome: &str) -> Result<()> {
    conn.execute_cached(
        "UPDATE team_files SET outcome = ?1, at = ?2 WHERE name = ?3 AND NOT published",
        params![outcome, db::now(), name],
    )?;
    Ok(())
}
