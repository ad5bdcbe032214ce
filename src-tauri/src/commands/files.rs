//! Files this run of the app exported, handed to the desktop: opened in the system's viewer or
//! shown in their folder. Only such files: the UI cannot make the shell open arbitrary paths,
//! so every export command remembers what it wrote (`AppState::remember_export`).

use std::path::PathBuf;

use panel_core::{Error, ErrorPayload};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use super::blocking;
use crate::AppState;

/// The path, if this run exported it.
fn exported(state: &AppState, path: String) -> Result<PathBuf, ErrorPayload> {
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err(Error::InvalidInput(format!(
            "{} was not exported by Hiring Panel in this session",
            path.display()
        ))
        .into());
    }
    Ok(path)
}

/// Opens an exported file in the system's viewer for its kind.
#[tauri::command]
#[specta::specta]
pub async fn open_exported_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ErrorPayload> {
    let path = exported(&state, path)?;
    blocking(&state, move |_| {
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
            .map_err(|e| Error::InvalidInput(format!("cannot open {}: {e}", path.display())).into())
    })
    .await
}

/// Opens the folder holding an exported file in the file manager, with the file selected where
/// the file manager can do that.
#[tauri::command]
#[specta::specta]
pub async fn show_exported_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ErrorPayload> {
    let path = exported(&state, path)?;
    // A D-Bus call that may wait for the file manager to start: off the main thread.
    blocking(&state, move |_| {
        app.opener().reveal_item_in_dir(&path).map_err(|e| {
            Error::InvalidInput(format!("cannot show {} in its folder: {e}", path.display())).into()
        })
    })
    .await
}
