//! The backups folder as a list: newest first, a page at a time.
//!
//! Backups made by hand, before a migration or before a restore are never rotated away, so the
//! folder only grows; the Data screen and the recovery screen show its newest page and the rest
//! on request. A backup's time and reason are in its file name (`panel-<stamp>-<kind>[-n].db`,
//! the stamp sorting in time), so which files are backups, their order and their count come from
//! the names alone: the folder is read once and only the rows of the page asked for are
//! `stat`ed for their size.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{backup_dir, BackupInfo, BackupKind, STAMP};
use crate::time::Timestamp;
use crate::{Error, Result};

/// Which backups to list: one page of them, newest first.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct BackupQuery {
    /// Only backups a restore can use: damaged files a restore moved aside are left out.
    pub restorable: bool,
    /// Backups to skip (the rows already shown).
    pub offset: u32,
    /// At most this many; every one when absent.
    pub limit: Option<u32>,
}

/// One page of the backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupPage {
    /// The backups of this page, newest first.
    pub backups: Vec<BackupInfo>,
    /// How many backups the query lists over all its pages.
    pub total: u32,
}

/// A backup known by its file name only: all that ordering, counting, the daily rule and
/// rotation need.
pub(super) struct Named {
    pub(super) path: PathBuf,
    pub(super) file_name: String,
    pub(super) taken_at: Timestamp,
    pub(super) kind: BackupKind,
}

impl Named {
    /// Reads `panel-<stamp>-<kind>[-n].db`; `None` for any other name.
    fn parse(dir: &Path, name: &str) -> Option<Named> {
        let rest = name.strip_prefix("panel-")?.strip_suffix(".db")?;
        let (stamp, kind) = rest.split_once('-')?;
        let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
        let kind = kind
            .rsplit_once('-')
            .filter(|(_, n)| n.parse::<u32>().is_ok())
            .map_or(kind, |(k, _)| k);
        Some(Named {
            path: dir.join(name),
            file_name: name.to_string(),
            taken_at: Timestamp::from_utc(at),
            kind: BackupKind::from_slug(kind)?,
        })
    }

    /// The backup as the lists show it, with its size; `None` when the file has gone since the
    /// folder was read.
    fn stat(self) -> Option<BackupInfo> {
        let bytes = std::fs::metadata(&self.path).ok()?.len();
        Some(BackupInfo {
            path: self.path.display().to_string(),
            file_name: self.file_name,
            taken_at: self.taken_at,
            kind: self.kind,
            bytes,
        })
    }
}

/// Every backup of the database by name, newest first (file names sort in time). Files that do
/// not follow the naming are not listed, nor touched.
pub(super) fn named(db_path: &Path) -> Result<Vec<Named>> {
    let dir = backup_dir(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::InvalidInput(format!(
                "cannot read {}: {e}",
                dir.display()
            )))
        }
    };
    let mut found: Vec<Named> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Named::parse(&dir, e.file_name().to_str()?))
        .collect();
    found.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(found)
}

/// The backup at `path`, when its name is a backup's and the file is there.
pub(super) fn info_of(path: &Path) -> Option<BackupInfo> {
    let dir = path.parent()?;
    Named::parse(dir, path.file_name()?.to_str()?)?.stat()
}

/// Every backup of the database, newest first (see [`list_page`]).
pub fn list(db_path: &Path) -> Result<Vec<BackupInfo>> {
    Ok(list_page(db_path, &BackupQuery::default())?.backups)
}

/// One page of the database's backups, newest first, with how many the query lists in all. Only
/// the page's files are `stat`ed; a file removed while the folder was read is left out.
pub fn list_page(db_path: &Path, query: &BackupQuery) -> Result<BackupPage> {
    let found: Vec<Named> = named(db_path)?
        .into_iter()
        .filter(|b| !query.restorable || b.kind != BackupKind::Damaged)
        .collect();
    let total = u32::try_from(found.len()).unwrap_or(u32::MAX);
    let limit = query.limit.map_or(usize::MAX, |n| n as usize);
    let backups = found
        .into_iter()
        .skip(query.offset as usize)
        .take(limit)
        .filter_map(Named::stat)
        .collect();
    Ok(BackupPage { backups, total })
}
