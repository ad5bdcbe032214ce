//! Health of a database file: integrity, schema version and what it holds.
//!
//! Checking must never change the file it examines (a damaged database is evidence, and the
//! user's only copy of their notes), so an existing file is opened read-only.

use crate::db::CachedStatements;
use std::path::Path;

use serde::Serialize;

use crate::db::{migrations, Db};
use crate::{Error, Result};

/// Tables reported in [`HealthReport::counts`], with the label users see.
const COUNTED: [(&str, &str); 8] = [
    ("question_packs", "question packs"),
    ("questions", "questions"),
    ("plans", "plans"),
    ("panelists", "panelists"),
    ("scorecards", "scorecards"),
    ("answers", "answers"),
    ("audit_events", "audit events"),
    ("candidates", "candidates"),
];

/// Outcome of an integrity check.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    /// True when SQLite's `integrity_check` found nothing wrong.
    pub ok: bool,
    /// What `integrity_check` reported: `["ok"]` or the problems found.
    pub integrity: Vec<String>,
    /// Schema version stored in the file.
    pub schema_version: i64,
    /// Schema version this build expects.
    pub expected_schema_version: i64,
    /// Row counts of the main tables, in a fixed order.
    pub counts: Vec<TableCount>,
}

/// Number of rows in one table.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TableCount {
    /// Label as users read it ("audit events").
    pub label: String,
    /// Row count.
    pub rows: i64,
}

/// Checks the database at `path`. A missing file is created (and so checks clean); an existing
/// one is only read. A file SQLite cannot read at all is reported as not ok, not as an error.
pub fn check(path: &Path) -> Result<HealthReport> {
    if !path.exists() {
        drop(Db::open(path)?);
    }
    let db = Db::open_read_only(path)?;
    match inspect(&db) {
        Err(Error::Storage(e)) => Ok(damaged(Error::from_sqlite_at(e, path).to_string())),
        Err(e @ Error::DatabaseCorrupt { .. }) => Ok(damaged(e.to_string())),
        other => other,
    }
}

fn damaged(detail: String) -> HealthReport {
    HealthReport {
        ok: false,
        integrity: vec![detail],
        schema_version: 0,
        expected_schema_version: migrations::SCHEMA_VERSION,
        counts: Vec::new(),
    }
}

/// Runs the checks on an open database.
pub fn inspect(db: &Db) -> Result<HealthReport> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("PRAGMA integrity_check")?;
    let integrity: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let ok = integrity == ["ok"];
    let schema_version = db.schema_version()?;
    let mut counts = Vec::new();
    for (table, label) in COUNTED {
        let exists: bool = conn.query_row_cached(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if exists {
            let rows =
                conn.query_row_cached(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            counts.push(TableCount {
                label: label.to_string(),
                rows,
            });
        }
    }
    Ok(HealthReport {
        ok,
        integrity,
        schema_version,
        expected_schema_version: migrations::SCHEMA_VERSION,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_and_reopened_databases_check_clean() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        let first = check(&path).unwrap();
        assert!(first.ok, "a new database is healthy: {:?}", first.integrity);
        assert_eq!(first.schema_version, migrations::SCHEMA_VERSION);
        let questions = first
            .counts
            .iter()
            .find(|c| c.label == "questions")
            .unwrap();
        assert_eq!(questions.rows, 18);
        assert!(check(&path).unwrap().ok, "reopening changes nothing");
    }

    #[test]
    fn check_does_not_write_to_an_existing_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        drop(Db::open(&path).unwrap());
        // Make the file look like an older schema: a write-capable open would migrate it.
        rusqlite::Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 0)
            .unwrap();
        let report = check(&path).unwrap();
        assert_eq!(report.schema_version, 0, "check reports the file as it is");
    }

    #[test]
    fn a_corrupted_page_is_reported_not_ok() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        {
            let db = Db::open(&path).unwrap();
            db.conn()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .unwrap();
        }
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        assert!(bytes.len() > 3 * page);
        for b in &mut bytes[2 * page + 8..3 * page] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let report = check(&path).unwrap();
        assert!(
            !report.ok,
            "damage must be reported: {:?}",
            report.integrity
        );
    }

    #[test]
    fn garbage_file_is_reported_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        std::fs::write(
            &path,
            b"this is not sqlite at all, just text padded out".repeat(100),
        )
        .unwrap();
        let report = check(&path).unwrap();
        assert!(!report.ok);
        assert!(
            report.integrity[0].contains("damaged"),
            "{:?}",
            report.integrity
        );
    }
}

/// Everything the first screen needs, in one answer (one round trip at start-up): the app's
/// status, the first page of the Plans list, and the scorecards whose typed text the draft
/// journal kept. `plans` is `None` when the database is unusable (the status says why).
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppStart {
    /// Version, data folder, and whether the database is usable (or still being checked).
    pub status: AppStatus,
    /// The Plans list's first page for the query the UI sent.
    pub plans: Option<crate::plans::PlanPage>,
    /// Scorecards with typed text the autosave never received (offered back on the list).
    pub recovered: Vec<crate::draft_journal::RecoveredCard>,
}

/// What the UI needs to know about the app before showing anything.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    /// App version.
    pub version: String,
    /// The data directory in use, if one could be determined.
    pub data_dir: Option<String>,
    /// Schema version of the open database.
    pub schema_version: Option<i64>,
    /// Why the database could not be opened; the UI shows this instead of its screens.
    pub database_error: Option<crate::ErrorPayload>,
    /// The start-up check of the database (`quick_check`, seconds on a large file) is still
    /// running: what the first screen shows was read before it (reading cannot harm a damaged
    /// file), every write waits for its verdict, and the UI asks for that verdict again.
    pub checking_database: bool,
    /// Only in end-to-end tests (`HIRING_PANEL_TEST_EXPORT_DIR`): exports go straight to this
    /// folder instead of through the native save dialog, which WebDriver cannot operate.
    pub test_export_dir: Option<String>,
    /// Only in end-to-end tests (`HIRING_PANEL_TEST_OPEN_FILE`): "Open kit…" and "Import…" take
    /// this file instead of asking through the native open dialog.
    pub test_open_file: Option<String>,
}
