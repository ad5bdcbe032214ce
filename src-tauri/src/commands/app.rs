//! Commands about the app itself.

use panel_core::health::AppStatus;
use panel_core::ErrorPayload;
use tauri::State;

use crate::AppState;

/// Version, where the data lives, and whether the database opened.
#[tauri::command]
#[specta::specta]
pub fn get_app_status(state: State<'_, AppState>) -> Result<AppStatus, ErrorPayload> {
    let schema_version = state.with_db(|db| db.schema_version()).ok();
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir().map(|d| d.display().to_string()),
        schema_version,
        database_error: state.open_error(),
        test_export_dir: std::env::var("HIRING_PANEL_TEST_EXPORT_DIR").ok(),
        test_open_file: std::env::var("HIRING_PANEL_TEST_OPEN_FILE").ok(),
    })
}
