//! Commands of the team folder (docs/team-folder.md): this computer's public identity, the
//! folder and its state, one sync pass, and the identity recorded for a panelist. Rules live in
//! `panel_core::team`, `identity` and `people`.

use panel_core::exchange::ImportResult;
use panel_core::identity::{Identity, PublicIdentity};
use panel_core::people::{self, Person};
use panel_core::team::{self, FolderConflict, SyncReport, TeamFolder};
use panel_core::ErrorPayload;
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

/// This computer's public identity: the line a panelist gives their lead, and its fingerprint.
#[tauri::command]
#[specta::specta]
pub async fn get_public_identity(
    state: State<'_, AppState>,
) -> Result<PublicIdentity, ErrorPayload> {
    with_db(&state, |db| Ok(Identity::for_db(db)?.public_identity())).await
}

/// The team folder and its state now, or none.
#[tauri::command]
#[specta::specta]
pub async fn get_team_folder(
    state: State<'_, AppState>,
) -> Result<Option<TeamFolder>, ErrorPayload> {
    with_db(&state, |db| team::team_folder(db.conn())).await
}

/// Uses `path` as the team folder (it must be there and writable), or none with `null`.
#[tauri::command]
#[specta::specta]
pub async fn set_team_folder(
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<TeamFolder>, ErrorPayload> {
    let path = path
        .map(|p| super::user_path(&p, "the team folder", None))
        .transpose()?;
    let folder = with_db(&state, move |db| {
        db.with_tx(|tx| team::set_team_folder(tx, path.as_deref()))
    })
    .await?;
    // The app's own passes start (or stop) now, not at the next rescan.
    crate::team_watch::nudge();
    Ok(folder)
}

/// One pass over the team folder: publishes the kits and returns not yet there, imports what
/// arrived (on the blocking pool: it reads and decrypts files).
#[tauri::command]
#[specta::specta]
pub async fn sync_team_folder(state: State<'_, AppState>) -> Result<SyncReport, ErrorPayload> {
    blocking(&state, |state| {
        state.with_db(|db| {
            let identity = Identity::for_db(db)?;
            team::sync_once(db, &identity)
        })
    })
    .await
}

/// The returns of a plan waiting in the team folder for the lead's choice (each would replace a
/// scorecard recorded on this computer).
#[tauri::command]
#[specta::specta]
pub async fn get_team_conflicts(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Vec<FolderConflict>, ErrorPayload> {
    with_db(&state, move |db| {
        let identity = Identity::for_db(db)?;
        team::folder_conflicts(db, &identity, plan_id)
    })
    .await
}

/// The lead's choice on a return waiting in the team folder: replace the card recorded here
/// with it, or keep the card here. Returns what the import did, when it replaced.
#[tauri::command]
#[specta::specta]
pub async fn resolve_team_conflict(
    state: State<'_, AppState>,
    file: String,
    replace: bool,
) -> Result<Option<ImportResult>, ErrorPayload> {
    with_db(&state, move |db| {
        let identity = Identity::for_db(db)?;
        Ok(
            team::resolve_conflict(db, &identity, &file, replace)?.map(|outcome| ImportResult {
                message: outcome.describe(),
                outcome,
            }),
        )
    })
    .await
}

/// Records (or with `null` removes) the public identity of the person a panelist's seat is.
#[tauri::command]
#[specta::specta]
pub async fn set_panelist_identity(
    state: State<'_, AppState>,
    panelist_id: i64,
    line: Option<String>,
) -> Result<Person, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| people::set_panelist_identity(tx, panelist_id, line.as_deref()))
    })
    .await
}
