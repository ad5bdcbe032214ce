//! Backups of the database and restoring one: the recovery path for a lost, damaged or wrongly
//! changed database.
//!
//! A backup is a consistent snapshot written with `VACUUM INTO` (compact, without free pages, so
//! a purged note does not live on in it), first under a temporary name, then synced and renamed:
//! a crash mid-backup never leaves a half file that looks like a backup. Backups live in
//! `<data dir>/backups/`, owner-only (0600), named by time and reason so they sort in time:
//! `panel-20261127T093000Z-daily.db`. Listing them reads those names and sizes only the page
//! shown (`list.rs`): manual backups are never rotated away, so the folder only grows.
//!
//! Automatic backups are taken at most once a day (the app starts one in the background) and
//! before every schema migration, and rotated: the newest of each of the last 7 days that have
//! one, and the newest of each of the 4 weeks before that. Backups made by hand, before a
//! migration or before a restore are never rotated away.
//!
//! Restoring validates the file first (SQLite's full `integrity_check`, a schema this build
//! knows, our tables), then keeps the current database: a healthy one as a `before-restore`
//! backup, a damaged one moved aside untouched (`damaged-…`), never deleted. Only then is the
//! backup copied into place. It works when the current database cannot be opened at all.

mod list;
mod restore;
mod rotation;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::{files, Error, Result};

pub use list::{list, list_page, BackupPage, BackupQuery};
pub use restore::{restore, validate, Restored};
pub use rotation::{rotate, RETAIN_DAILY, RETAIN_WEEKLY};

/// Folder of backups inside the data directory.
pub const BACKUP_DIR: &str = "backups";

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    /// The automatic backup of the day.
    Daily,
    /// Asked for by the user ("Back up now", `panelctl backup`).
    Manual,
    /// Taken before a schema migration.
    BeforeMigration,
    /// The database as it was before a restore replaced it.
    BeforeRestore,
    /// A database that could not be opened, moved aside by a restore (raw bytes, untouched).
    Damaged,
}

impl BackupKind {
    fn slug(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::Damaged => "damaged",
        }
    }

    fn from_slug(slug: &str) -> Option<BackupKind> {
        [
            BackupKind::Daily,
            BackupKind::Manual,
            BackupKind::BeforeMigration,
            BackupKind::BeforeRestore,
            BackupKind::Damaged,
        ]
        .into_iter()
        .find(|k| k.slug() == slug)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// Full path.
    pub path: String,
    /// File name.
    pub file_name: String,
    /// When it was taken (RFC 3339, UTC).
    pub taken_at: crate::time::Timestamp,
    /// Why.
    pub kind: BackupKind,
    /// Size in bytes.
    pub bytes: u64,
}

/// The backups folder for a database file: `backups/` next to it.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_DIR)
}

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// Writes a consistent snapshot of the open database to `dest` (which must not exist): into a
/// temporary file of its own in the same folder, made owner-only and synced, then published
/// under `dest` without ever replacing a file there. The folder itself is left as it is.
pub fn snapshot_to(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another file name",
            dest.display()
        )));
    }
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let partial = dir.join(format!(
        ".{}.{}.partial",
        dest.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("backup"),
        crate::ids::random_hex(6)
    ));
    // The backup carries this install's signing key (see crate::identity), so a restore on a
    // new laptop keeps the identity panelists know.
    let carry_identity = |partial: &Path| match conn.path().filter(|p| !p.is_empty()) {
        Some(db_path) => crate::identity::copy_into_backup(Path::new(db_path), partial),
        None => Ok(()),
    };
    let result = conn
        .execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])
        .map_err(Error::from)
        .and_then(|_| files::make_private(&partial))
        .and_then(|_| carry_identity(&partial))
        .and_then(|_| files::publish_new(&partial, dest));
    let _ = std::fs::remove_file(&partial);
    result
}

/// A name in the backups folder that no file has: `panel-<stamp>-<kind>[-n]<suffix>`.
pub(crate) fn free_name(dir: &Path, at: DateTime<Utc>, kind: BackupKind, suffix: &str) -> PathBuf {
    let stamp = at.format(STAMP);
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("panel-{stamp}-{}{suffix}", kind.slug())
        } else {
            format!("panel-{stamp}-{}-{n}{suffix}", kind.slug())
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// Takes a backup into the backups folder of the database; returns it.
pub fn back_up(conn: &Connection, db_path: &Path, kind: BackupKind) -> Result<BackupInfo> {
    back_up_at(conn, db_path, kind, Utc::now())
}

pub(crate) fn back_up_at(
    conn: &Connection,
    db_path: &Path,
    kind: BackupKind,
    at: DateTime<Utc>,
) -> Result<BackupInfo> {
    let dir = backup_dir(db_path);
    files::ensure_private_dir(&dir)?;
    // Two backups in one second (a test, a double click) get distinct names; publishing never
    // replaces a file, so two writers racing for one name cannot overwrite each other.
    let dest = free_name(&dir, at, kind, ".db");
    snapshot_to(conn, &dest)?;
    tracing::info!(file = %dest.display(), "backup written");
    list::info_of(&dest).ok_or_else(|| Error::InvalidInput("the backup vanished".into()))
}

/// The automatic backup of the day: taken unless one of any kind was already taken today (UTC),
/// then the automatic ones are rotated. Returns the new backup, if one was taken.
pub fn daily(conn: &Connection, db_path: &Path) -> Result<Option<BackupInfo>> {
    daily_at(conn, db_path, Utc::now())
}

pub(crate) fn daily_at(
    conn: &Connection,
    db_path: &Path,
    now: DateTime<Utc>,
) -> Result<Option<BackupInfo>> {
    let today = now.date_naive();
    let taken_today = list::named(db_path)?
        .iter()
        .any(|b| b.kind != BackupKind::Damaged && b.taken_at.utc().date_naive() == today);
    if taken_today {
        return Ok(None);
    }
    let taken = back_up_at(conn, db_path, BackupKind::Daily, now)?;
    rotate(db_path, now)?;
    Ok(Some(taken))
}

#[cfg(test)]
mod tests;
