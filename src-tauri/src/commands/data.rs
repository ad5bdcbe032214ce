//! Commands over the data itself: backups, restoring one, and (on the recovery screen) what
//! can be restored when the database cannot be opened. Rules live in `panel_core::backup`.

use std::path::PathBuf;

use panel_core::backup::{self, BackupInfo, BackupKind, Restored};
use panel_core::{Db, Error, ErrorPayload};
use tauri::State;

use crate::AppState;

fn db_path(state: &AppState) -> Result<PathBuf, ErrorPayload> {
    state.db_path().ok_or_else(|| {
        Error::InvalidInput("the data directory is unknown; see panelctl --data-dir".into()).into()
    })
}

/// The backups of the database, newest first. Works on the recovery screen too.
#[tauri::command]
#[specta::specta]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, ErrorPayload> {
    Ok(backup::list(&db_path(&state)?)?)
}

/// Takes a backup now, on its own read-only connection: screens keep working meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupInfo, ErrorPayload> {
    let path = db_path(&state)?;
    let db = Db::open_read_only(&path)?;
    Ok(backup::back_up(db.conn(), &path, BackupKind::Manual)?)
}

/// Replaces the database with a backup (a file from the list, or one the user chose); the
/// current database is kept first. Refused, with nothing changed, when the file is not a
/// healthy backup this version can open.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<Restored, ErrorPayload> {
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(Error::InvalidInput(format!(
            "a backup needs a full path, not {}",
            path.display()
        ))
        .into());
    }
    state.restore_from(&path)
}
