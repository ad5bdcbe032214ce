//! The schema a database file must have: exactly what this build's migrations create for the
//! version the file claims, no more and no less.
//!
//! A database file is data from outside the program when it is restored from a backup or
//! opened after someone else had it: a trigger or view planted in it would run with the app's
//! own rights on the next write (copying sealed notes into the plan's notes, say). So before a
//! file is used, its `sqlite_master` is compared with the one the migrations produce in memory,
//! and anything unexpected, missing or changed is refused by name. Connections also run with
//! `trusted_schema` off and SQLite's defensive flag on ([`harden`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::config::DbConfig;
use rusqlite::Connection;

use super::migrations::MIGRATIONS;

/// One schema object: (type, name) → its SQL text.
type Objects = BTreeMap<(String, String), Option<String>>;

/// Sets the connection's protections against a hostile schema: functions and virtual tables
/// are not run from triggers and views (`trusted_schema` off), and the schema cannot be edited
/// directly (`SQLITE_DBCONFIG_DEFENSIVE`).
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", false)
}

/// What differs between the file's schema and the one this build makes for `version`, in
/// words ("unexpected trigger copy_notes"); empty when they are the same. A version this build
/// does not know is left to the migrations' own refusal.
pub(crate) fn differences(conn: &Connection, version: i64) -> rusqlite::Result<Vec<String>> {
    if version < 0 {
        return Ok(vec![format!(
            "schema version {version}, which no build makes"
        )]);
    }
    let Some(expected) = expected(version) else {
        return Ok(Vec::new());
    };
    let found = objects(conn)?;
    let mut out = Vec::new();
    for ((kind, name), sql) in &found {
        match expected.get(&(kind.clone(), name.clone())) {
            None => out.push(format!("unexpected {kind} {name}")),
            Some(wanted) if wanted != sql => out.push(format!("changed {kind} {name}")),
            Some(_) => {}
        }
    }
    for (kind, name) in expected.keys() {
        if !found.contains_key(&(kind.clone(), name.clone())) {
            out.push(format!("missing {kind} {name}"));
        }
    }
    Ok(out)
}

/// The schema objects of a connection's main database, without SQLite's own bookkeeping
/// (automatic indexes, the sequence and statistics tables), which depend on the data.
fn objects(conn: &Connection) -> rusqlite::Result<Objects> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, name, sql FROM main.sqlite_master
         WHERE NOT (type = 'table' AND name IN ('sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4'))
           AND NOT (type = 'index' AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' AND sql IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    rows.collect()
}

/// The objects the migrations create for each version, built once per run in memory: one
/// database takes the migrations in order, and its objects are noted before each (and after the
/// last). Each migration runs once; building every version from scratch ran them 120 times,
/// about 40 ms of a core at every start of the app and of each `panelctl` command.
fn expected(version: i64) -> Option<&'static Objects> {
    static ALL: OnceLock<Vec<Objects>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let conn = Connection::open_in_memory().expect("an in-memory database opens");
        let mut all = Vec::with_capacity(MIGRATIONS.len() + 1);
        for sql in MIGRATIONS {
            all.push(objects(&conn).expect("an in-memory schema reads"));
            conn.execute_batch(sql)
                .expect("this build's migrations apply");
        }
        all.push(objects(&conn).expect("an in-memory schema reads"));
        all
    });
    usize::try_from(version).ok().and_then(|v| all.get(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::SCHEMA_VERSION;

    #[test]
    fn a_fresh_database_has_exactly_the_schema_of_its_version() {
        let db = crate::Db::open_in_memory().unwrap();
        assert!(differences(db.conn(), SCHEMA_VERSION).unwrap().is_empty());
    }

    #[test]
    fn planted_changed_and_dropped_objects_are_named() {
        let db = crate::Db::open_in_memory().unwrap();
        let conn = Connection::open_in_memory().unwrap();
        for sql in MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        drop(db);
        conn.execute_batch(
            "CREATE TRIGGER copy_notes AFTER UPDATE ON answers BEGIN
               UPDATE plans SET notes = NEW.notes; END;
             CREATE VIEW everything AS SELECT * FROM answers;
             DROP INDEX audit_by_plan;",
        )
        .unwrap();
        let found = differences(&conn, SCHEMA_VERSION).unwrap();
        assert_eq!(
            found,
            [
                "unexpected trigger copy_notes",
                "unexpected view everything",
                "missing index audit_by_plan",
            ]
        );
    }

    #[test]
    fn a_hardened_connection_refuses_to_edit_its_schema_directly() {
        let db = crate::Db::open_in_memory().unwrap();
        let trusted: i64 = db
            .conn()
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(trusted, 0, "trusted_schema is off on every connection");
        db.conn()
            .execute_batch("PRAGMA writable_schema = ON")
            .unwrap();
        let err = db
            .conn()
            .execute("DELETE FROM sqlite_master WHERE name = 'plans'", []);
        assert!(
            err.is_err(),
            "the defensive flag forbids writing sqlite_master"
        );
    }
}
