//! Commands of the offline exchange: sending kits, importing kit and scorecard files, exporting
//! a panelist's signed scorecard, and files the system asked the app to open.

use std::path::Path;

use panel_core::exchange::{
    self, ImportRequest, ImportResult, ScorecardFileRequest, SendKitsRequest, SentKit,
};
use panel_core::export::{self, ExportKind, ExportedFile};
use panel_core::identity::{ComputerKey, Identity};
use panel_core::recent;
use panel_core::{Error, ErrorPayload};
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// Issues the plan's kits and writes one file per panelist into the folder.
#[tauri::command]
#[specta::specta]
pub async fn send_kits(
    state: State<'_, AppState>,
    request: SendKitsRequest,
) -> Result<Vec<SentKit>, ErrorPayload> {
    let dir = super::user_path(&request.dir, "sending kits", None)?;
    blocking(&state, move |state| {
        let sent = state.with_db(|db| {
            let identity = Identity::for_db(db)?;
            exchange::send_kits(
                db,
                &identity,
                request.plan_id,
                &dir,
                request.passphrase.as_deref(),
            )
        })?;
        for kit in &sent {
            state.remember_export(std::path::PathBuf::from(&kit.path), Some(request.plan_id));
        }
        // The same kits go to the team folder, if there is one, right away: with the passphrase
        // chosen here, the kits of panelists without an identity too.
        match request.passphrase.as_deref() {
            Some(passphrase) => publish_protected(state, passphrase),
            None => crate::team_watch::nudge(),
        }
        Ok(sent)
    })
    .await
}

/// A pass over the team folder with the Send kits passphrase (`team::sync_after_sending_kits`).
/// The kits are already written where the lead chose; a folder that fails here is logged and
/// left to the next pass.
fn publish_protected(state: &AppState, passphrase: &str) {
    let result = state.with_db(|db| {
        let identity = Identity::for_db(db)?;
        panel_core::team::sync_after_sending_kits(db, &identity, passphrase).map(|_| ())
    });
    if let Err(e) = result {
        tracing::warn!(
            "kits could not be published to the team folder: {}",
            e.message
        );
    }
}

/// This computer's signing key, as the fingerprint panelists compare with their first kit's.
#[tauri::command]
#[specta::specta]
pub async fn get_computer_key(state: State<'_, AppState>) -> Result<ComputerKey, ErrorPayload> {
    with_db(&state, |db| Ok(ComputerKey::of(&Identity::for_db(db)?))).await
}

/// Imports a kit or scorecard file, whichever it is.
#[tauri::command]
#[specta::specta]
pub async fn import_exchange_file(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> Result<ImportResult, ErrorPayload> {
    let path = super::user_path(&request.path, "importing a file", None)?;
    if !has_extension(&path, exchange::KIT_EXTENSION)
        && !has_extension(&path, exchange::SCORECARD_EXTENSION)
    {
        return Err(Error::Rejected(format!(
            "{} is not a kit (.hpkit) or scorecard (.hpscore) file",
            path.display()
        ))
        .into());
    }
    blocking(&state, move |state| {
        let bytes = exchange::read_file(&path)?;
        // Decrypting (scrypt) and parsing happen before the database lock is taken: autosave in
        // another screen never waits for them.
        let file = exchange::open(&bytes, request.options.passphrase.as_deref())?;
        let outcome = state.with_db(|db| exchange::import_file(db, &file, &request.options))?;
        state.remember_recent(&path, recent::Action::Imported, Some(outcome.plan_id()));
        Ok(ImportResult {
            message: outcome.describe(),
            outcome,
        })
    })
    .await
}

/// Signs the panelist's submitted scorecard and writes it (only once their PIN, if any, was
/// entered in this run).
#[tauri::command]
#[specta::specta]
pub async fn export_scorecard_file(
    state: State<'_, AppState>,
    request: ScorecardFileRequest,
) -> Result<ExportedFile, ErrorPayload> {
    let path = export::destination(Path::new(&request.path), ExportKind::Scorecard)?;
    blocking(&state, move |state| {
        let file = state.with_scorecard(request.plan_id, request.panelist_id, |db| {
            exchange::save_scorecard(
                db,
                request.plan_id,
                request.panelist_id,
                &path,
                request.passphrase.as_deref(),
            )
        })?;
        state.remember_export(path.clone(), Some(request.plan_id));
        Ok(ExportedFile {
            path: path.display().to_string(),
            bytes: u32::try_from(file.bytes.len()).unwrap_or(u32::MAX),
            warning: None,
        })
    })
    .await
}

/// Kit and scorecard files the system asked the app to open since the last call (from the file
/// manager, at start-up or while running), for the UI to import.
#[tauri::command]
#[specta::specta]
pub fn take_opened_files(state: State<'_, AppState>) -> Vec<String> {
    state
        .take_opened_files()
        .into_iter()
        .map(|p| p.display().to_string())
        .collect()
}
