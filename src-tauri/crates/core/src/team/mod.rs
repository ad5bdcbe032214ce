//! The team folder: kits and scorecards travel through a folder the team's sync engine already
//! keeps in step on every laptop (Syncthing, Nextcloud, OneDrive, Dropbox, a shared drive), so
//! nobody sends or chases exchange files by hand and no server of ours is involved.
//!
//! This module holds the folder setting and what the folder's state is; `names` decides which
//! files in it are ours to read. Files keep the signed exchange formats (`docs/exchange-format.md`)
//! and are encrypted to the recipient's identity (`identity::PublicIdentity`).

mod arrivals;
mod conflicts;
pub mod names;
mod publish;
mod sync;

pub use conflicts::{folder_conflicts, resolve_conflict, FolderConflict};
pub use sync::{
    sync_after_sending_kits, sync_in_background, sync_once, sync_with_passphrase, SyncReport,
    SyncedFile, SyncedKind,
};

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::db::CachedStatements;
use crate::{Error, Result};

/// Key of the setting that holds the folder's absolute path.
const FOLDER_KEY: &str = "team-folder";

/// Whether the app can use the team folder right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum FolderState {
    /// There, and the app can write in it.
    Ready,
    /// Not there (an unmounted drive, a sync engine not started, a folder renamed).
    Missing,
    /// There but not a folder.
    NotAFolder,
    /// There but the app cannot write in it (permissions, a read-only or full disk).
    NotWritable,
}

/// The team folder as the app sees it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamFolder {
    /// The folder's absolute path.
    pub path: String,
    /// Whether it can be used now.
    pub state: FolderState,
    /// One sentence for a person: the state, and what to do about it.
    pub message: String,
}

/// The team folder chosen on this computer, with its state now; `None` when there is none.
pub fn team_folder(conn: &Connection) -> Result<Option<TeamFolder>> {
    Ok(folder_setting(conn)?.map(|p| inspect(&p)))
}

/// The chosen folder's path, without looking at it.
pub fn folder_setting(conn: &Connection) -> Result<Option<std::path::PathBuf>> {
    let path: Option<String> = conn
        .query_row_cached(
            "SELECT value FROM settings WHERE key = ?1",
            [FOLDER_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(path.map(std::path::PathBuf::from))
}

/// Chooses the team folder (an existing folder the app can write in; kept as an absolute path),
/// or turns the team folder off with `None`. Returns the folder now in force. A folder that is
/// not there or cannot be written is refused, and the setting is left as it was.
pub fn set_team_folder(conn: &Connection, path: Option<&Path>) -> Result<Option<TeamFolder>> {
    let Some(path) = path else {
        conn.execute_cached("DELETE FROM settings WHERE key = ?1", [FOLDER_KEY])?;
        return Ok(None);
    };
    let absolute = std::path::absolute(path).map_err(|e| {
        Error::InvalidInput(format!("{} is not a usable path: {e}", path.display()))
    })?;
    let folder = inspect(&absolute);
    if folder.state != FolderState::Ready {
        return Err(Error::InvalidInput(folder.message));
    }
    // The path as given (made absolute), not resolved through links: a sync engine's folder is
    // often reached through one, and the link may be re-pointed later.
    conn.execute_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![FOLDER_KEY, folder.path],
    )?;
    Ok(Some(folder))
}

/// Looks at the folder: there, a folder, writable (by writing and removing a small hidden file,
/// the only sure test on every file system).
pub fn inspect(path: &Path) -> TeamFolder {
    let shown = path.display();
    let (state, message) = match std::fs::metadata(path) {
        Err(_) => (
            FolderState::Missing,
            format!(
                "the team folder {shown} is not there: start the sync engine or connect the \
                 drive, or choose the folder again; kits and scorecards still go by file"
            ),
        ),
        Ok(meta) if !meta.is_dir() => (
            FolderState::NotAFolder,
            format!("{shown} is a file, not a folder: choose the folder your team syncs"),
        ),
        Ok(_) => match write_probe(path) {
            Ok(()) => (
                FolderState::Ready,
                format!("the team folder {shown} is ready"),
            ),
            Err(e) => (
                FolderState::NotWritable,
                format!(
                    "Hiring Panel cannot write in the team folder {shown} ({}): check its \
                     permissions and free space; nothing was lost, and kits and scorecards \
                     still go by file",
                    describe(&e)
                ),
            ),
        },
    };
    TeamFolder {
        path: path.to_string_lossy().into_owned(),
        state,
        message,
    }
}

/// A purge's part in the team folder: removes every file there that belongs to the plan —
/// the kits and returns this install published, the files it read and imported for it, whoever
/// wrote them, and (with this install's `identity`) files addressed here that no pass has read
/// yet but that carry the plan's key — and returns how many went. The rows of what was read
/// stay (without the plan), so the sync never reads a purged plan's file again should a machine
/// that has not synced yet bring it back. A folder that is not there now is a warning pushed to
/// `warnings`, not a failure: the purge of the database stands.
pub fn remove_plan_files(
    conn: &Connection,
    plan_id: i64,
    identity: Option<&crate::identity::Identity>,
    warnings: &mut Vec<String>,
) -> Result<u32> {
    let Some(folder) = team_folder(conn)? else {
        return Ok(0);
    };
    let mut stmt = conn.prepare_cached("SELECT name FROM team_files WHERE plan_id = ?1")?;
    let mut names: Vec<String> = stmt
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if folder.state == FolderState::Missing || folder.state == FolderState::NotAFolder {
        if !names.is_empty() {
            warnings.push(format!(
                "{}; {} of this plan's files there could not be removed: delete them once it \
                 is back (Hiring Panel will never read them again)",
                folder.message,
                names.len()
            ));
        }
        return Ok(0);
    }
    let dir = Path::new(&folder.path);
    let plan_key: Option<String> = conn
        .query_row_cached(
            "SELECT exchange_key FROM plans WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let (Some(identity), Some(plan_key)) = (identity, plan_key) {
        names.extend(unread_files_of(conn, dir, identity, &plan_key)?);
    }
    let mut removed = 0;
    for name in &names {
        match std::fs::remove_file(dir.join(name)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => warnings.push(format!(
                "the team folder's file {name} could not be removed ({}): delete it by hand",
                describe(&e)
            )),
        }
    }
    Ok(removed)
}

/// Exchange files in `dir` that no pass has read yet, addressed to `identity`, carrying
/// `plan_key` (a return that arrived since the last pass, say).
fn unread_files_of(
    conn: &Connection,
    dir: &Path,
    identity: &crate::identity::Identity,
    plan_key: &str,
) -> Result<Vec<String>> {
    let age = identity.age_identity();
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for name in entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
    {
        if names::classify(&name).is_none() {
            continue;
        }
        let known: bool = conn.query_row_cached(
            "SELECT count(*) > 0 FROM team_files WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )?;
        if known {
            continue;
        }
        let carries = match arrivals::open_here(&age, &dir.join(&name)) {
            Ok(Some(crate::exchange::ExchangeFile::Kit(kit))) => kit.kit.plan.key == plan_key,
            Ok(Some(crate::exchange::ExchangeFile::Scorecard(card))) => {
                card.body.plan_key == plan_key
            }
            _ => false,
        };
        if carries {
            found.push(name);
        }
    }
    Ok(found)
}

/// Writes and removes a hidden file (a name no reader of the folder takes for an exchange file).
fn write_probe(dir: &Path) -> std::io::Result<()> {
    let probe = tempfile::Builder::new()
        .prefix(".hp-probe-")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut probe.as_file(), b"probe")?;
    probe.close()
}

fn describe(err: &std::io::Error) -> &'static str {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied",
        std::io::ErrorKind::StorageFull => "the disk is full",
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only",
        _ => "it refused a test file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_chosen_only_when_there_and_writable_and_its_state_is_told() {
        let db = crate::Db::open_in_memory().unwrap();
        let conn = db.conn();
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(team_folder(conn).unwrap(), None);

        let missing = dir.path().join("not-yet");
        let err = set_team_folder(conn, Some(&missing))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is not there"), "{err}");
        let file = dir.path().join("file.txt");
        std::fs::write(&file, "x").unwrap();
        let err = set_team_folder(conn, Some(&file)).unwrap_err().to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
        assert_eq!(team_folder(conn).unwrap(), None, "nothing was set");

        let chosen = set_team_folder(conn, Some(dir.path())).unwrap().unwrap();
        assert_eq!(chosen.state, FolderState::Ready);
        assert_eq!(team_folder(conn).unwrap(), Some(chosen.clone()));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the write test leaves nothing behind (only file.txt)"
        );

        // Later the folder goes away: a state and a sentence, not a failure.
        std::fs::remove_file(&file).unwrap();
        drop(dir);
        let gone = team_folder(conn).unwrap().unwrap();
        assert_eq!(gone.state, FolderState::Missing);
        assert!(
            gone.message.contains("still go by file"),
            "{}",
            gone.message
        );

        assert_eq!(set_team_folder(conn, None).unwrap(), None);
        assert_eq!(team_folder(conn).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_refused_with_the_reason() {
        let db = crate::Db::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let Some(_read_only) = super::sync_tests::unwritable(dir.path()) else {
            return;
        };
        let err = set_team_folder(db.conn(), Some(dir.path()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot write in the team folder"), "{err}");
        assert_eq!(team_folder(db.conn()).unwrap(), None, "nothing was set");
    }
}
#[cfg(test)]
mod sync_tests;
