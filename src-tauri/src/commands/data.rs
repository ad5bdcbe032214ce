//! Commands over the data itself: backups, restoring one (also from the recovery screen when
//! the database cannot be opened), purging a candidate, the retention period, and a
//! candidate's data for an access request. Rules live in `panel_core::backup` and `privacy`.

use std::path::PathBuf;

use panel_core::backup::{self, BackupInfo, BackupKind, BackupPage, BackupQuery, Restored};
use panel_core::export::{self, ExportedFile};
use panel_core::privacy::{self, PurgeReport, Retention, ScopedPlan};
use panel_core::scorecards::Disclosure;
use panel_core::{Db, Error, ErrorPayload};
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

fn db_path(state: &AppState) -> Result<PathBuf, ErrorPayload> {
    state.db_path().ok_or_else(|| {
        Error::InvalidInput("the data directory is unknown; see panelctl --data-dir".into()).into()
    })
}

/// One page of the database's backups, newest first, with how many there are. Works on the
/// recovery screen too.
#[tauri::command]
#[specta::specta]
pub async fn list_backups(
    state: State<'_, AppState>,
    query: BackupQuery,
) -> Result<BackupPage, ErrorPayload> {
    let path = db_path(&state)?;
    blocking(&state, move |_| Ok(backup::list_page(&path, &query)?)).await
}

/// Takes a backup now, on its own read-only connection: screens keep working meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupInfo, ErrorPayload> {
    let path = db_path(&state)?;
    blocking(&state, move |state| {
        state.with_files_quiet(|| {
            let db = Db::open_read_only(&path)?;
            Ok(backup::back_up(db.conn(), &path, BackupKind::Manual)?)
        })
    })
    .await
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
    let path = super::user_path(&path, "a backup", None)?;
    blocking(&state, move |state| state.restore_from(&path)).await
}

/// The plans a purge of this one deletes (itself first, then copies that still carry the
/// candidate's name or email), for the confirmation to list.
#[tauri::command]
#[specta::specta]
pub async fn get_purge_scope(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Vec<ScopedPlan>, ErrorPayload> {
    with_db(&state, move |db| privacy::purge_scope(db.conn(), plan_id)).await
}

/// Deletes a plan and its candidate for good, here and in the backups; cannot be undone.
#[tauri::command]
#[specta::specta]
pub async fn purge_plan(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<PurgeReport, ErrorPayload> {
    let path = db_path(&state)?;
    blocking(&state, move |state| {
        let report = state
            .with_files_quiet(|| state.with_db(|db| privacy::purge(db.conn(), &path, plan_id)))?;
        // The plan's files went from Recent files with it.
        state.show_recent_files();
        Ok(report)
    })
    .await
}

/// The retention period and what is due.
#[tauri::command]
#[specta::specta]
pub async fn get_retention(state: State<'_, AppState>) -> Result<Retention, ErrorPayload> {
    with_db(&state, |db| privacy::retention(db.conn())).await
}

/// Sets (1–120 months) or clears the retention period; returns what is now due.
#[tauri::command]
#[specta::specta]
pub async fn set_retention(
    state: State<'_, AppState>,
    months: Option<u32>,
) -> Result<Retention, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| privacy::set_retention_months(tx, months))?;
        privacy::retention(db.conn())
    })
    .await
}

/// Writes everything held about the plan's candidate as a JSON file (audited); while the plan
/// is sealed only with a disclosure (why and who), recorded as an early unseal.
#[tauri::command]
#[specta::specta]
pub async fn export_candidate_data(
    state: State<'_, AppState>,
    plan_id: i64,
    path: String,
    disclosure: Option<Disclosure>,
) -> Result<ExportedFile, ErrorPayload> {
    blocking(&state, move |state| {
        let path = std::path::Path::new(&path);
        let file =
            state.with_db(|db| export::candidate_data(db, plan_id, path, disclosure.as_ref()))?;
        state.remember_export(std::path::PathBuf::from(&file.path), Some(plan_id));
        Ok(file)
    })
    .await
}
