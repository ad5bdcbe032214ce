//! The files the app imported or exported lately, for File → Recent files.
//!
//! A file's path often carries a candidate's name ("Debrief packet - Zoë Łukasiewicz.pdf"), so
//! the list lives in the database beside the candidate, not in a settings file: each entry names
//! its plan where there is one, and a purge of the plan removes its entries with it (schema 15,
//! `ON DELETE CASCADE`); backups and their rewriting after a purge cover it like the rest.

use std::path::Path;

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::db::CachedStatements;
use crate::Result;

/// How many entries the list keeps: the newest.
pub const KEPT: u32 = 10;

crate::slug_enum! {
    /// What the app did with the file.
    pub enum Action {
        /// A kit, scorecard or question pack read into this computer's database.
        Imported = "imported",
        /// A file the app wrote: a packet, kit, scorecard, pack, calendar entry or candidate data.
        Exported = "exported",
    }
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecentFile {
    /// The file's full path, as it was imported from or written to.
    pub path: String,
    /// Imported or exported.
    pub action: Action,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Whether the file is still there (it may have been moved or deleted since).
    pub exists: bool,
}

/// Puts `path` at the top of the list (again, if it was there), with the plan it belongs to, and
/// keeps the newest [`KEPT`].
pub fn record(conn: &Connection, path: &Path, action: Action, plan_id: Option<i64>) -> Result<()> {
    let now = crate::db::now().to_string();
    let path = path.display().to_string();
    // One commit (one sync of the log) for the three statements, not one each.
    let tx = conn.unchecked_transaction()?;
    // Removed and added again, so a file used twice in one second still moves to the top (the
    // list's order is the time, then the row's age).
    tx.execute_cached("DELETE FROM recent_files WHERE path = ?1", [&path])?;
    tx.execute_cached(
        "INSERT INTO recent_files (path, action, plan_id, at) VALUES (?1, ?2, ?3, ?4)",
        params![path, action, plan_id, now],
    )?;
    tx.execute_cached(
        "DELETE FROM recent_files WHERE path NOT IN
         (SELECT path FROM recent_files ORDER BY at DESC, rowid DESC LIMIT ?1)",
        [KEPT],
    )?;
    tx.commit()?;
    Ok(())
}

/// The list, newest first, each entry saying whether its file is still there.
pub fn list(conn: &Connection) -> Result<Vec<RecentFile>> {
    let mut stmt = conn
        .prepare_cached("SELECT path, action, at FROM recent_files ORDER BY at DESC, rowid DESC")?;
    let rows = stmt.query_map([], |r| {
        let path: String = r.get(0)?;
        Ok(RecentFile {
            exists: Path::new(&path).is_file(),
            path,
            action: r.get(1)?,
            at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Empties the list (File → Recent files → Clear the list); the files themselves stay.
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute_cached("DELETE FROM recent_files", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;

    #[test]
    fn the_newest_ten_are_kept_newest_first_and_a_file_used_again_moves_up() {
        let db = Db::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = |i: usize| dir.path().join(format!("file {i}.pdf"));
        for i in 0..12 {
            std::fs::write(file(i), b"x").unwrap();
            record(db.conn(), &file(i), Action::Exported, None).unwrap();
        }
        record(db.conn(), &file(3), Action::Imported, None).unwrap();
        std::fs::remove_file(file(11)).unwrap();
        let listed = list(db.conn()).unwrap();
        let paths: Vec<String> = listed.iter().map(|r| r.path.clone()).collect();
        let expected: Vec<String> = [3, 11, 10, 9, 8, 7, 6, 5, 4, 2]
            .iter()
            .map(|&i| file(i).display().to_string())
            .collect();
        assert_eq!(paths, expected);
        assert_eq!(listed[0].action, Action::Imported);
        assert!(listed[0].exists);
        assert!(!listed[1].exists, "a deleted file is listed as missing");
        clear(db.conn()).unwrap();
        assert!(list(db.conn()).unwrap().is_empty());
    }

    /// A purge may reach the database between an export writing its file and recording it: the
    /// entry of a plan that is gone is refused, and the list is as it was.
    #[test]
    fn an_entry_for_a_plan_that_is_gone_is_refused_and_changes_nothing() {
        let db = Db::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("pack.hppack");
        record(db.conn(), &kept, Action::Exported, None).unwrap();
        let purged = dir.path().join("Debrief packet - Zoë Łukasiewicz.pdf");
        assert!(record(db.conn(), &purged, Action::Exported, Some(4242)).is_err());
        let paths: Vec<String> = list(db.conn())
            .unwrap()
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(paths, vec![kept.display().to_string()]);
    }
}
