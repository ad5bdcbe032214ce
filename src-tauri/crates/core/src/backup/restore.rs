//! Restoring a backup over the database: validate the file, keep what is there now, then put
//! the backup in place. The caller must have closed its own connection to the database.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::{back_up, backup_dir, BackupKind, STAMP};
use crate::db::{migrations, Db};
use crate::health::{self, HealthReport};
use crate::{files, Error, Result};

/// What a restore did.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The backup now in place.
    pub restored_from: String,
    /// Where the database that was replaced was kept (a backup, or the damaged file moved
    /// aside); `None` when there was no database.
    pub kept_previous_as: Option<String>,
    /// What the restored database holds.
    pub report: HealthReport,
}

/// Checks that a file is a healthy Hiring Panel database this build can open, without writing
/// to it: SQLite's full `integrity_check`, a schema version not newer than this build's, and
/// the plans table present.
pub fn validate(file: &Path) -> Result<HealthReport> {
    let refuse =
        |why: String| Error::Rejected(format!("{} cannot be restored: {why}", file.display()));
    if !file.is_file() {
        return Err(refuse("there is no such file".into()));
    }
    let db = Db::open_read_only(file).map_err(|e| refuse(e.to_string()))?;
    let report = match health::inspect(&db) {
        Ok(report) => report,
        Err(e) => return Err(refuse(format!("it is not a readable database ({e})"))),
    };
    if !report.ok {
        return Err(refuse(format!(
            "it is damaged ({})",
            report.integrity.join("; ")
        )));
    }
    if report.schema_version > migrations::SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: report.schema_version,
            supported: migrations::SCHEMA_VERSION,
        });
    }
    if report.schema_version == 0 || !report.counts.iter().any(|c| c.label == "plans") {
        return Err(refuse("it is not a Hiring Panel database".into()));
    }
    Ok(report)
}

/// Puts `backup` in place of the database at `db_path`. The current database is kept first: as
/// a `before-restore` backup when it opens and passes `quick_check`, otherwise moved aside
/// unchanged (with its journal files) as `damaged`. Nothing is deleted.
pub fn restore(db_path: &Path, backup: &Path) -> Result<Restored> {
    validate(backup)?;
    let dir = db_path.parent().unwrap_or_else(|| Path::new("."));
    files::ensure_private_dir(dir)?;
    // Copy first, next to the database, so a full disk fails before anything is moved.
    let staged = dir.join(".panel.db.restoring");
    let _ = std::fs::remove_file(&staged);
    std::fs::copy(backup, &staged).map_err(|e| {
        let _ = std::fs::remove_file(&staged);
        Error::InvalidInput(format!("could not copy {}: {e}", backup.display()))
    })?;
    files::make_private(&staged)?;
    let kept = match keep_current(db_path) {
        Ok(kept) => kept,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
    };
    files::sync_and_rename(&staged, db_path)?;
    tracing::warn!(from = %backup.display(), "database restored from a backup");
    // Opening migrates an older backup (after its own pre-migration backup) and proves it opens.
    let db = Db::open(db_path)?;
    let report = health::inspect(&db)?;
    Ok(Restored {
        restored_from: backup.display().to_string(),
        kept_previous_as: kept.map(|p| p.display().to_string()),
        report,
    })
}

/// Keeps the current database before it is replaced; returns where.
fn keep_current(db_path: &Path) -> Result<Option<PathBuf>> {
    if !db_path.exists() {
        return Ok(None);
    }
    let healthy = Db::open_read_only(db_path).ok().filter(|db| {
        db.conn()
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
            .is_ok_and(|v| v == "ok")
    });
    if let Some(db) = healthy {
        let kept = back_up(db.conn(), db_path, BackupKind::BeforeRestore)?;
        drop(db);
        // The journal files belong to the database being replaced; its content is in the
        // backup just taken.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(db_path, suffix));
        }
        return Ok(Some(PathBuf::from(kept.path)));
    }
    let backups = backup_dir(db_path);
    files::ensure_private_dir(&backups)?;
    let aside = backups.join(format!("panel-{}-damaged.db", Utc::now().format(STAMP)));
    std::fs::rename(db_path, &aside).map_err(|e| {
        Error::InvalidInput(format!(
            "could not move the damaged database aside to {}: {e}",
            aside.display()
        ))
    })?;
    for suffix in ["-wal", "-shm"] {
        let from = with_suffix(db_path, suffix);
        if from.exists() {
            let _ = std::fs::rename(&from, with_suffix(&aside, suffix));
        }
    }
    Ok(Some(aside))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
