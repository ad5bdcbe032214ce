//! Returns the team folder brought that would replace a scorecard recorded on this computer
//! (the lead typed a panelist's card in, and the panelist's own return arrived too). The
//! background never replaces a card: the file waits on its plan, with the same facts the
//! hand import shows (`exchange::ScorecardConflict`), until the lead replaces or keeps.

use std::path::PathBuf;

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::arrivals::{open_here, remember_outcome, stamp};
use super::folder_setting;
use crate::db::CachedStatements;
use crate::exchange::{self, ImportOptions, ImportOutcome, ScorecardConflict};
use crate::identity::Identity;
use crate::{Db, Error, Result};

/// A return waiting in the team folder for the lead's choice.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FolderConflict {
    /// The file's name in the team folder.
    pub file: String,
    /// How the two cards compare (facts, no scores or notes).
    pub conflict: ScorecardConflict,
    /// What waits, in one sentence (the card here is submitted, or a draft with answers).
    pub message: String,
}

/// The returns of `plan_id` waiting in the team folder for the lead's choice. A file that is
/// gone, or no longer conflicts (the card recorded here was removed, say), drops off the list:
/// imported when it now imports, refused when the rules now refuse it.
pub fn folder_conflicts(
    db: &mut Db,
    identity: &Identity,
    plan_id: i64,
) -> Result<Vec<FolderConflict>> {
    let Some(dir) = folder_setting(db.conn())? else {
        return Ok(Vec::new());
    };
    let names: Vec<String> = {
        let mut stmt = db.conn().prepare_cached(
            "SELECT name FROM team_files WHERE plan_id = ?1 AND outcome = 'conflict'
             ORDER BY rowid",
        )?;
        let rows = stmt.query_map([plan_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let key = identity.age_identity();
    let mut waiting = Vec::new();
    for name in names {
        let path = dir.join(&name);
        if !path.is_file() {
            continue;
        }
        let file = match open_here(&key, &path) {
            Ok(Some(file)) => file,
            _ => {
                db.with_tx(|tx| remember_outcome(tx, &name, "refused"))?;
                continue;
            }
        };
        match exchange::import_file(db, &file, &ImportOptions::default()) {
            Err(Error::ScorecardConflict(conflict)) => waiting.push(FolderConflict {
                file: name,
                message: conflict.waiting_message(),
                conflict: *conflict,
            }),
            Ok(_) => db.with_tx(|tx| remember_outcome(tx, &name, "imported"))?,
            Err(_) => db.with_tx(|tx| remember_outcome(tx, &name, "refused"))?,
        }
    }
    Ok(waiting)
}

/// The lead's choice on a return waiting in the team folder: `replace` stores it in place of
/// the card recorded here (audited like a hand import that replaces); otherwise the card here
/// stays and the file is not offered again. Returns what the import did, when it replaced.
pub fn resolve_conflict(
    db: &mut Db,
    identity: &Identity,
    file: &str,
    replace: bool,
) -> Result<Option<ImportOutcome>> {
    // The file's size and time when it was read: the one the lead chooses must be that file.
    let waiting: Option<(Option<i64>, Option<String>)> = db
        .conn()
        .query_row_cached(
            "SELECT size, modified FROM team_files WHERE name = ?1 AND outcome = 'conflict'",
            [file],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((size, modified)) = waiting else {
        return Err(Error::InvalidInput(format!(
            "{file} is not waiting for a choice in the team folder"
        )));
    };
    if !replace {
        db.with_tx(|tx| remember_outcome(tx, file, "refused"))?;
        return Ok(None);
    }
    let dir: PathBuf = folder_setting(db.conn())?
        .ok_or_else(|| Error::InvalidInput("no team folder is chosen".into()))?;
    let path = dir.join(file);
    let now = stamp(&path);
    if now.is_none() || now != size.zip(modified) {
        return Err(Error::Rejected(format!(
            "{file} changed in the team folder since it was listed; nothing was replaced (the \
             next sync reads it again and shows it as it is now)"
        )));
    }
    let Some(opened) = open_here(&identity.age_identity(), &path)? else {
        return Err(Error::Rejected(format!(
            "{file} is no longer addressed to this computer"
        )));
    };
    let options = ImportOptions {
        replace_local: true,
        ..Default::default()
    };
    let outcome = exchange::import_file(db, &opened, &options)?;
    db.with_tx(|tx| remember_outcome(tx, file, "imported"))?;
    Ok(Some(outcome))
}
