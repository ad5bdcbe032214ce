//! Restoring a backup over the database: validate the file, build a migrated copy of it next to
//! the database, keep what is there now, then swap. Every step before the swap can fail without
//! changing the database; a failed swap puts the old files back. The caller must have closed its
//! own connection, and no other program may have the database open (the CLI checks the app's
//! lock; a checkpoint that finds other readers refuses).

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::Connection;
use serde::Serialize;

use super::{back_up, backup_dir, free_name, BackupKind};
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
/// to it: SQLite's full `integrity_check`, a schema version not newer than this build's, the
/// plans table present, and exactly the schema this build makes for that version (no planted
/// trigger or view).
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
    if let Some(why) = db.unexpected_schema()? {
        return Err(refuse(why));
    }
    Ok(report)
}

/// Puts `backup` in place of the database at `db_path`. The current database is kept first: as
/// a `before-restore` backup when it opens and passes `quick_check`, otherwise moved aside
/// unchanged (with its journal files) as `damaged`. Nothing is deleted.
pub fn restore(db_path: &Path, backup: &Path) -> Result<Restored> {
    validate(backup)?;
    let dir = match db_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    files::ensure_private_dir(dir)?;
    let staged = dir.join(format!(".panel.db.{}.restoring", crate::ids::random_hex(6)));
    let throttle = pin_throttle(db_path);
    let result = stage(backup, &staged, &throttle).and_then(|()| swap(db_path, &staged));
    for leftover in with_journals(&staged) {
        let _ = std::fs::remove_file(leftover);
    }
    let kept = result?;
    tracing::warn!(from = %backup.display(), "database restored from a backup");
    let db = Db::open(db_path)?;
    // The backup's copy of the signing key becomes this install's again (the current one is
    // kept in the backups folder when it differs), and the database forgets its copy.
    if let Some(fingerprint) = crate::identity::adopt_after_restore(db_path, db.conn())? {
        tracing::warn!(%fingerprint, "signing key restored from the backup");
    }
    let report = health::inspect(&db)?;
    Ok(Restored {
        restored_from: backup.display().to_string(),
        kept_previous_as: kept.map(|p| p.display().to_string()),
        report,
    })
}

/// The copy that will replace the database: written by SQLite from the file that was validated
/// (its WAL included), checked again, and migrated to this build's schema, all before anything
/// else is touched.
fn stage(backup: &Path, staged: &Path, throttle: &[ThrottleRow]) -> Result<()> {
    {
        let source = Db::open_read_only(backup)?;
        source
            .conn()
            .execute("VACUUM INTO ?1", [staged.to_string_lossy().as_ref()])?;
    }
    files::make_private(staged)?;
    validate(staged)?;
    let mut db = Db::open(staged)?;
    db.with_tx(|tx| {
        carry_pin_throttle(tx, throttle)?;
        record_restore(tx, backup)
    })?;
    Ok(())
}

/// Says in every plan's trail that the database was restored, and from what: a restore can put
/// back an earlier seal, PIN or scorecard, and whoever reads the debrief or the packet sees that
/// it happened and when.
fn record_restore(conn: &rusqlite::Connection, backup: &Path) -> Result<()> {
    let from = backup.file_name().map_or_else(
        || backup.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let plans: Vec<i64> = conn
        .prepare("SELECT id FROM plans")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for plan in plans {
        crate::audit::record(
            conn,
            plan,
            "this computer",
            crate::audit::AuditKind::Restored,
            &serde_json::json!({ "from": from }),
        )?;
    }
    Ok(())
}

/// One panelist's wrong-PIN count and pause: (id, plan id, name, failures, paused until).
type ThrottleRow = (i64, i64, String, u32, Option<String>);

/// The wrong-PIN counts of the database about to be replaced. A restore must not give a PIN
/// guesser a fresh start (the backup predates their guesses), so these are carried into the
/// restored copy. A current file that cannot be read has nothing to carry.
fn pin_throttle(db_path: &Path) -> Vec<ThrottleRow> {
    let read = || -> Result<Vec<ThrottleRow>> {
        let db = Db::open_read_only(db_path)?;
        let mut stmt = db.conn().prepare(
            "SELECT id, plan_id, name, pin_failures, pin_paused_until FROM panelists
             WHERE pin_failures > 0 OR pin_paused_until IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    if !db_path.exists() {
        return Vec::new();
    }
    read().unwrap_or_default()
}

/// Keeps the larger count and the later pause of each panelist found in both databases (the
/// same row: id, plan and name).
fn carry_pin_throttle(conn: &rusqlite::Connection, rows: &[ThrottleRow]) -> Result<()> {
    for (id, plan_id, name, failures, paused_until) in rows {
        conn.execute(
            "UPDATE panelists SET pin_failures = max(pin_failures, ?4),
                 pin_paused_until = CASE WHEN pin_paused_until IS NULL OR pin_paused_until < ?5
                                         THEN coalesce(?5, pin_paused_until)
                                         ELSE pin_paused_until END
             WHERE id = ?1 AND plan_id = ?2 AND name = ?3",
            rusqlite::params![id, plan_id, name, failures, paused_until],
        )?;
    }
    Ok(())
}

/// Keeps the current database, renames the staged copy into place, and puts the old files back
/// if that fails. Returns where the previous database was kept.
fn swap(db_path: &Path, staged: &Path) -> Result<Option<PathBuf>> {
    let (kept, moved, temporary) = keep_current(db_path)?;
    match files::sync_and_rename(staged, db_path) {
        Ok(()) => {
            if temporary {
                // Its content is in the before-restore backup just taken.
                for (_, aside) in &moved {
                    let _ = std::fs::remove_file(aside);
                }
            }
            Ok(kept)
        }
        Err(e) => {
            for (original, aside) in moved.iter().rev() {
                let _ = std::fs::rename(aside, original);
            }
            Err(e)
        }
    }
}

/// Moves the current database (and its journals) out of the way. A healthy one is first
/// checkpointed (refused if another program is reading it) and backed up, then moved to a
/// temporary name; a damaged one, or journals without a database, go into `backups/` as
/// `damaged`, untouched. Returns the kept copy, the moves made, and whether they are temporary.
#[allow(clippy::type_complexity)]
fn keep_current(db_path: &Path) -> Result<(Option<PathBuf>, Vec<(PathBuf, PathBuf)>, bool)> {
    let present: Vec<PathBuf> = with_journals(db_path)
        .into_iter()
        .filter(|p| p.exists())
        .collect();
    if present.is_empty() {
        return Ok((None, Vec::new(), false));
    }
    if let Some(kept) = back_up_healthy(db_path)? {
        let aside = db_path.with_extension(format!("db.{}.replaced", crate::ids::random_hex(6)));
        let moved = move_all(db_path, &aside)?;
        return Ok((Some(kept), moved, true));
    }
    let backups = backup_dir(db_path);
    files::ensure_private_dir(&backups)?;
    let aside = free_name(&backups, Utc::now(), BackupKind::Damaged, ".db");
    let moved = move_all(db_path, &aside)?;
    Ok((Some(aside), moved, false))
}

/// A before-restore backup of the current database when it opens, passes `quick_check` and no
/// other program is using it; `None` when it is damaged.
fn back_up_healthy(db_path: &Path) -> Result<Option<PathBuf>> {
    if !db_path.exists() {
        return Ok(None);
    }
    let Ok(conn) = Connection::open_with_flags(
        db_path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return Ok(None);
    };
    let healthy = conn
        .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
        .is_ok_and(|v| v == "ok");
    if !healthy {
        return Ok(None);
    }
    // Everything committed moves from the WAL into the file; readers elsewhere would keep
    // pages of a file about to be replaced, so they make the restore refuse.
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        return Err(Error::InvalidInput(
            "another program is using the database (Hiring Panel or panelctl); quit it and \
             restore again"
                .into(),
        ));
    }
    let kept = back_up(&conn, db_path, BackupKind::BeforeRestore)?;
    Ok(Some(PathBuf::from(kept.path)))
}

/// Renames the database and whichever journals exist to `aside` (+ the same suffixes); undoes
/// the renames done so far if one fails.
fn move_all(db_path: &Path, aside: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut moved = Vec::new();
    for (from, to) in with_journals(db_path).into_iter().zip(with_journals(aside)) {
        if !from.exists() {
            continue;
        }
        if let Err(e) = std::fs::rename(&from, &to) {
            for (original, done) in moved.iter().rev() {
                let _ = std::fs::rename(done, original);
            }
            return Err(Error::InvalidInput(format!(
                "could not move {} aside to {}: {e}",
                from.display(),
                to.display()
            )));
        }
        moved.push((from, to));
    }
    Ok(moved)
}

/// The database file and its journals, in the order they are moved.
fn with_journals(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}
