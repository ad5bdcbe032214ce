//! Commands over the question bank: the packs stored here, the pack editor, pack files and the
//! difference between two versions. Every rule lives in `panel_core::bank`.

use panel_core::bank::packfile::{self, PackDiff, PackImported, PackPage, PackQuery};
use panel_core::bank::{self, BankPack, PackDraft, PackRef, PackSaved, PackView};
use panel_core::export::{self, ExportedFile};
use panel_core::ErrorPayload;
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

/// The built-in pack with its questions in pack order.
#[tauri::command]
#[specta::specta]
pub async fn get_question_bank(state: State<'_, AppState>) -> Result<BankPack, ErrorPayload> {
    with_db(&state, |db| bank::builtin_pack(db.conn())).await
}

/// One page of the stored pack versions (built-in first, then by title), with how many match.
#[tauri::command]
#[specta::specta]
pub async fn list_packs(
    state: State<'_, AppState>,
    query: PackQuery,
) -> Result<PackPage, ErrorPayload> {
    with_db(&state, move |db| packfile::list_page(db.conn(), &query)).await
}

/// One pack version as the editor shows it.
#[tauri::command]
#[specta::specta]
pub async fn get_pack(state: State<'_, AppState>, pack: PackRef) -> Result<PackView, ErrorPayload> {
    with_db(&state, move |db| bank::pack_view(db.conn(), &pack)).await
}

/// Starts an empty pack of one's own.
#[tauri::command]
#[specta::specta]
pub async fn create_pack(
    state: State<'_, AppState>,
    title: String,
) -> Result<PackSaved, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| bank::create_pack(tx, &title))
    })
    .await
}

/// Copies a pack version into a new pack of one's own.
#[tauri::command]
#[specta::specta]
pub async fn duplicate_pack(
    state: State<'_, AppState>,
    pack: PackRef,
    title: String,
) -> Result<PackSaved, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| bank::duplicate_pack(tx, &pack, &title))
    })
    .await
}

/// Saves the editor's pack: in place while no plan uses it, as a new version once one does.
#[tauri::command]
#[specta::specta]
pub async fn save_pack(
    state: State<'_, AppState>,
    draft: PackDraft,
) -> Result<PackSaved, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| bank::save_pack(tx, &draft))
    })
    .await
}

/// What changed from one pack version (`from`) to another (`to`).
#[tauri::command]
#[specta::specta]
pub async fn diff_packs(
    state: State<'_, AppState>,
    from: PackRef,
    to: PackRef,
) -> Result<PackDiff, ErrorPayload> {
    with_db(&state, move |db| {
        let old = packfile::export_pack(db.conn(), &from)?.pack;
        let new = packfile::export_pack(db.conn(), &to)?.pack;
        Ok(packfile::diff(&old, &new))
    })
    .await
}

/// Writes a pack version to a `.hppack` file (atomically).
#[tauri::command]
#[specta::specta]
pub async fn export_pack_file(
    state: State<'_, AppState>,
    pack: PackRef,
    path: String,
) -> Result<ExportedFile, ErrorPayload> {
    blocking(&state, move |state| {
        let file = state
            .with_db(|db| export::pack(db, &pack, std::path::Path::new(&path)).map(|(f, _)| f))?;
        state.remember_export(std::path::PathBuf::from(&file.path), None);
        Ok(file)
    })
    .await
}

/// Stores a pack from a `.hppack` file: the identical pack already here is a no-op, different
/// content under the same id and version is refused and nothing changes.
#[tauri::command]
#[specta::specta]
pub async fn import_pack_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<PackImported, ErrorPayload> {
    let path = super::user_path(&path, "a pack file", Some(packfile::PACK_EXTENSION))?;
    blocking(&state, move |state| {
        // Reading and parsing happen before the database lock is taken.
        let bytes = packfile::read_file(&path)?;
        let parsed = packfile::parse_pack(&bytes)?;
        let imported = state.with_db(|db| db.with_tx(|tx| packfile::import_pack(tx, &parsed)))?;
        state.remember_recent(&path, panel_core::recent::Action::Imported, None);
        Ok(imported)
    })
    .await
}
