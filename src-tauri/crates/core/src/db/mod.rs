//! The one place that opens the database.
//!
//! Every connection gets the same durability settings: WAL so readers never block the panelist
//! who is typing, `synchronous=FULL` so a score the UI showed as saved survives a power cut (the
//! cost, about a third of a millisecond per commit, is invisible at typing speed), and foreign
//! keys enforced. Opening also migrates the schema and loads the built-in question bank.

pub mod migrations;
pub(crate) mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Params, Row, Transaction, TransactionBehavior};

use crate::{bank, Error, Result};

pub use migrations::SCHEMA_VERSION;

/// A migrated, ready-to-use database.
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Db {
    /// Opens (creating if missing) the database file, migrates it and installs the question bank.
    pub fn open(path: &Path) -> Result<Db> {
        protect(path)?;
        let conn = Connection::open(path).map_err(|e| Error::from_sqlite_at(e, path))?;
        let db = Self::prepare(conn, Some(path.to_path_buf()))?;
        protect(path)?;
        Ok(db)
    }

    /// An empty, migrated database in memory, for tests.
    pub fn open_in_memory() -> Result<Db> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// Opens an existing database without writing to it: no migration, no bank install.
    ///
    /// Used by integrity checks, which must never modify the file they examine.
    pub fn open_read_only(path: &Path) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| Error::from_sqlite_at(e, path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        schema::harden(&conn).map_err(|e| Error::from_sqlite_at(e, path))?;
        keep_compiled_statements(&conn).map_err(|e| Error::from_sqlite_at(e, path))?;
        Ok(Db {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens the database file the app or `panelctl` works on, checked first without writing a
    /// byte: a journal without its database, a file that fails SQLite's `quick_check`, or a
    /// schema other than the one this build makes for its version is refused as
    /// [`Error::DatabaseCorrupt`] (the app then offers its backups) and left as it was. The
    /// full `integrity_check` is for `panelctl check` and restores.
    pub fn open_checked(path: &Path) -> Result<Db> {
        let mut journal = path.as_os_str().to_owned();
        journal.push("-wal");
        if !path.exists() && PathBuf::from(journal).exists() {
            // Starting empty would hide what is missing, and the journal could later be
            // applied to the wrong file.
            return Err(Error::DatabaseCorrupt {
                path: path.to_path_buf(),
                detail: "the database file is missing but its journal (-wal) is there".into(),
            });
        }
        if path.exists() {
            let verdict = Self::open_read_only(path).and_then(|ro| {
                let check: String = ro.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
                if check != "ok" {
                    return Ok(Some(format!("quick_check found a problem: {check}")));
                }
                ro.unexpected_schema()
            });
            let problem = match verdict {
                Ok(problem) => problem,
                Err(e) => Some(e.to_string()),
            };
            if let Some(detail) = problem {
                return Err(Error::DatabaseCorrupt {
                    path: path.to_path_buf(),
                    detail,
                });
            }
        }
        Self::open(path)
    }

    /// The quick half of [`Db::open_checked`], for the app's first screen: a read-only
    /// connection to a file that exists, has its database and is exactly this build's current
    /// schema, opened *before* the slow `quick_check` (seconds on a large file) has run.
    ///
    /// Reading cannot harm a damaged file (SQLite reports what it cannot read), so the first
    /// screen may be read through it while [`Db::open_checked`] runs; every write waits for
    /// that. `None` when the file must go through the full open first (no file, a journal
    /// without its database, an older schema to migrate, or a schema that is not ours): the
    /// caller then waits for [`Db::open_checked`] and its verdict.
    pub fn open_for_early_reads(path: &Path) -> Option<Db> {
        if !path.exists() {
            return None;
        }
        let db = Self::open_read_only(path).ok()?;
        let current = migrations::schema_version(&db.conn).ok()? == SCHEMA_VERSION;
        (current && db.unexpected_schema().ok()?.is_none()).then_some(db)
    }

    /// What is wrong with the file's schema for the version it claims, in words, or `None`
    /// when it is exactly what this build's migrations make.
    pub fn unexpected_schema(&self) -> Result<Option<String>> {
        let version = migrations::schema_version(&self.conn)?;
        let found = schema::differences(&self.conn, version)?;
        Ok((!found.is_empty()).then(|| {
            format!(
                "its schema is not one this app makes ({}); it may have been altered",
                found.join(", ")
            )
        }))
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Db> {
        let at = |e: rusqlite::Error| match &path {
            Some(p) => Error::from_sqlite_at(e, p),
            None => Error::Storage(e),
        };
        conn.busy_timeout(Duration::from_secs(5)).map_err(at)?;
        schema::harden(&conn).map_err(at)?;
        keep_compiled_statements(&conn).map_err(at)?;
        // journal_mode answers with the mode in force ("memory" for in-memory databases).
        let _mode: String = conn
            .query_row_cached("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(at)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(at)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(at)?;
        // Deleted text is overwritten, not left in free pages (a purged candidate's notes).
        conn.pragma_update(None, "secure_delete", true)
            .map_err(at)?;
        let found = migrations::schema_version(&conn).map_err(at)?;
        if let Some(path) = &path {
            // Nothing from a file with a planted or altered schema runs, not even a migration.
            let differences = schema::differences(&conn, found).map_err(at)?;
            if !differences.is_empty() {
                return Err(Error::DatabaseCorrupt {
                    path: path.clone(),
                    detail: format!(
                        "its schema is not one this app makes ({}); it may have been altered",
                        differences.join(", ")
                    ),
                });
            }
            if found > 0 && found < SCHEMA_VERSION {
                // Before the schema changes, a copy of the database as it was.
                crate::backup::back_up(&conn, path, crate::backup::BackupKind::BeforeMigration)?;
            }
        }
        migrations::migrate(&mut conn).map_err(|e| match e {
            Error::Storage(e) => at(e),
            other => other,
        })?;
        let mut db = Db { conn, path };
        db.with_tx(|tx| bank::install_builtin(tx))?;
        Ok(db)
    }

    /// The underlying connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The file this database lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in an IMMEDIATE transaction: all of it is committed, or none of it.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back: "what would happen if…" without
    /// changing anything (the split preview uses it).
    pub fn preview<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx);
        tx.rollback()?;
        value
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrations::schema_version(&self.conn)?)
    }
}

/// How many compiled statements a connection keeps: more than the distinct statements of any one
/// user action (an autosave runs about ten, opening a debrief a dozen), so a repeated action
/// compiles nothing.
const STATEMENT_CACHE_CAPACITY: usize = 256;

/// Lets a connection reuse what SQLite compiled. Compiling a statement costs more than running
/// it for most of the app's statements (60–65 % of the benchmark generator's time before this),
/// so every statement the core runs goes through the cache ([`CachedStatements`]). The query
/// planner stability guarantee stops SQLite from compiling a cached statement again whenever its
/// bound values change (which it otherwise does for statements the `STAT4` statistics could plan
/// differently): the plan is chosen once, from the schema and the indexes, as the tests assert.
fn keep_compiled_statements(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// `execute` and `query_row` through the connection's compiled-statement cache; rusqlite's own
/// methods of those names compile the statement again on every call.
pub(crate) trait CachedStatements {
    /// [`Connection::execute`], compiled once per connection.
    fn execute_cached<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    /// [`Connection::query_row`], compiled once per connection.
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>;
}

impl CachedStatements for Connection {
    fn execute_cached<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// Makes the database file and its journals owner-only, creating an empty database file with
/// those permissions when there is none: SQLite would create it readable by everyone (0644), and
/// it holds candidate evaluations. SQLite gives new journal files the database file's mode.
fn protect(path: &Path) -> Result<()> {
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::ensure_private_dir(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        if let Err(e) = options.open(path) {
            if e.kind() != std::io::ErrorKind::AlreadyExists {
                return Err(Error::DataDir {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                });
            }
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = std::path::PathBuf::from(name);
        if file.exists() {
            crate::files::make_private(&file)?;
        }
    }
    Ok(())
}

/// The current time as stored in the database: RFC 3339, UTC, whole seconds.
pub fn now() -> crate::time::Timestamp {
    crate::time::Timestamp::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(db: &Db, name: &str) -> String {
        db.conn()
            .query_row(&format!("PRAGMA {name}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap()
    }

    #[test]
    fn file_database_uses_wal_full_sync_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("panel.db")).unwrap();
        assert_eq!(
            pragma(&db, "journal_mode"),
            "wal",
            "readers must not block the typist"
        );
        assert_eq!(
            pragma(&db, "synchronous"),
            "2",
            "FULL: saved scores survive power loss"
        );
        assert_eq!(pragma(&db, "foreign_keys"), "1");
    }

    #[test]
    fn statements_are_compiled_once_and_planned_once_on_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        let opened = [
            Db::open(&path).unwrap(),
            Db::open_read_only(&path).unwrap(),
            Db::open_for_early_reads(&path).unwrap(),
        ];
        for db in &opened {
            assert!(db
                .conn()
                .db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                .unwrap());
            let sql = "SELECT count(*) FROM plans WHERE id > ?1";
            let first: i64 = db.conn().query_row_cached(sql, [0], |r| r.get(0)).unwrap();
            let again: i64 = db.conn().query_row_cached(sql, [5], |r| r.get(0)).unwrap();
            assert_eq!((first, again), (0, 0));
        }
        let db = &opened[0];
        db.conn()
            .execute_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                ["a", "1"],
            )
            .unwrap();
        // A cached statement is reset when it goes back to the cache, so it holds no lock: a
        // schema change after it succeeds.
        db.conn()
            .execute_batch("CREATE TABLE scratch (x); DROP TABLE scratch;")
            .unwrap();
    }

    #[test]
    fn migrates_from_empty_to_the_current_schema_with_every_noun() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        for table in [
            "question_packs",
            "questions",
            "candidates",
            "plans",
            "panelists",
            "assignments",
            "scorecards",
            "answers",
            "answer_coverage",
            "answer_red_flags",
            "audit_events",
        ] {
            let n: i64 = db
                .conn()
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "schema must hold table {table}");
        }
    }

    #[test]
    fn reopening_keeps_data_and_does_not_reinstall_the_bank() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        drop(Db::open(&path).unwrap());
        let db = Db::open(&path).unwrap();
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM questions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 18, "the bank is installed exactly once");
    }

    #[test]
    fn refuses_a_database_from_a_newer_build_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        drop(Db::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = Db::open(&path).err().expect("newer schema must be refused");
        assert!(
            matches!(err, Error::SchemaTooNew { found: 99, .. }),
            "{err}"
        );
        let version: i64 = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 99, "the newer file is left as it was");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        let err = Db::open(&path).err().expect("garbage must not open");
        assert_eq!(err.code(), crate::ErrorCode::DatabaseCorrupt, "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            vec![0x5a; 8192],
            "damaged file is untouched"
        );
    }

    #[test]
    fn early_reads_are_read_only_and_only_for_a_current_file_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panel.db");
        assert!(
            Db::open_for_early_reads(&path).is_none(),
            "no file: the full open makes it"
        );
        drop(Db::open(&path).unwrap());
        let early = Db::open_for_early_reads(&path).expect("a current file reads early");
        let plans: i64 = early
            .conn()
            .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
            .unwrap();
        assert_eq!(plans, 0);
        let write = early
            .conn()
            .execute("DELETE FROM question_packs", [])
            .expect_err("an early connection cannot write");
        assert!(write.to_string().contains("readonly"), "{write}");
        drop(early);

        // A schema to migrate, or one that is not ours, waits for the full open's verdict.
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION - 1)
            .unwrap();
        assert!(Db::open_for_early_reads(&path).is_none(), "older schema");
        Connection::open(&path)
            .unwrap()
            .execute_batch(&format!(
                "PRAGMA user_version = {SCHEMA_VERSION}; CREATE TABLE planted (x);"
            ))
            .unwrap();
        assert!(Db::open_for_early_reads(&path).is_none(), "altered schema");
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        assert!(Db::open_for_early_reads(&path).is_none(), "not a database");
    }

    #[test]
    fn foreign_keys_reject_orphans() {
        let db = Db::open_in_memory().unwrap();
        let err = db.conn().execute_cached(
            "INSERT INTO panelists (plan_id, name, slot_minutes, position) VALUES (999, 'A', 45, 0)",
            [],
        );
        assert!(err.is_err(), "a panelist must belong to an existing plan");
    }
}
