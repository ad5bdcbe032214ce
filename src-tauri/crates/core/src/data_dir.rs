//! Where the user's data lives.
//!
//! The desktop app and `panelctl` must agree on the location, so both resolve it here: the
//! platform's application-data directory for the app's identifier (the same place Tauri's
//! `app_data_dir` points to), unless `HIRING_PANEL_DATA_DIR` or an explicit choice overrides it.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The application identifier, as in `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "com.hiringpanel.desktop";
/// Environment variable that overrides the data directory.
pub const ENV_VAR: &str = "HIRING_PANEL_DATA_DIR";
/// File name of the database inside the data directory.
pub const DATABASE_FILE: &str = "panel.db";

/// A lock file the desktop app holds for as long as it runs on a data directory, so commands
/// that replace or rewrite the database file under it (restore, purge) can refuse to run.
pub const LOCK_FILE: &str = ".app.lock";

/// Takes the app's lock on `dir`; `None` when another app already holds it (the app still
/// runs: SQLite coordinates ordinary work between processes).
pub fn hold_app_lock(dir: &Path) -> Result<Option<std::fs::File>> {
    crate::files::ensure_private_dir(dir)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(|e| Error::DataDir {
            path: dir.to_path_buf(),
            detail: e.to_string(),
        })?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::DataDir {
            path: dir.to_path_buf(),
            detail: e.to_string(),
        }),
    }
}

/// Refuses when the desktop app is running on `dir`: replacing or rewriting the database file
/// under a running app would lose what it writes next.
pub fn ensure_app_not_running(dir: &Path) -> Result<()> {
    match hold_app_lock(dir)? {
        Some(_released_on_drop) => Ok(()),
        None => Err(Error::InvalidInput(
            "Hiring Panel is open on this data folder; quit it first, then run this again".into(),
        )),
    }
}

/// Resolves the data directory: `explicit`, else `$HIRING_PANEL_DATA_DIR`, else the platform's
/// app-data directory. Does not create it.
pub fn resolve(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| Error::DataDir {
            path: PathBuf::from("~"),
            detail: format!("no home data directory could be determined; set {ENV_VAR}"),
        })
}

/// Creates the data directory if needed and returns the database path inside it.
pub fn ensure_database_path(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::DataDir {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    Ok(dir.join(DATABASE_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_directory_wins() {
        assert_eq!(
            resolve(Some(Path::new("/x/y"))).unwrap(),
            PathBuf::from("/x/y")
        );
    }

    #[test]
    fn creates_missing_directories_and_names_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        assert_eq!(ensure_database_path(&dir).unwrap(), dir.join("panel.db"));
        assert!(dir.is_dir());
    }

    #[test]
    fn unusable_directory_is_a_specific_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let err = ensure_database_path(&file.join("sub")).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::DataDir, "{err}");
    }
}
