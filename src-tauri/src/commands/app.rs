//! Commands about the app itself.

use panel_core::health::AppStatus;
use panel_core::ErrorPayload;
use tauri::State;

use super::blocking;
use crate::AppState;

/// Version, where the data lives, and whether the database opened.
#[tauri::command]
#[specta::specta]
pub async fn get_app_status(state: State<'_, AppState>) -> Result<AppStatus, ErrorPayload> {
    // The first call waits for the start-up open and check of the database (long on a large
    // file): on the blocking pool, not where the window's events are handled.
    blocking(&state, |state| {
        let schema_version = state.with_db(|db| db.schema_version()).ok();
        Ok(AppStatus {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: state.data_dir().map(|d| d.display().to_string()),
            schema_version,
            database_error: state.open_error(),
            test_export_dir: std::env::var("HIRING_PANEL_TEST_EXPORT_DIR").ok(),
            test_open_file: std::env::var("HIRING_PANEL_TEST_OPEN_FILE").ok(),
        })
    })
    .await
}

/// When the process started, as seen by the shell (set first thing in `run`).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
/// Whether the first screen has been reported; later reports (a reload) are ignored.
static FIRST_SCREEN_SHOWN: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Notes the moment the shell starts, for the start-up figure `report_first_screen` logs.
pub fn mark_process_start() {
    STARTED.get_or_init(std::time::Instant::now);
}

/// The UI calls this once its first screen shows data (the Plans list is on screen and can be
/// used), with the page's own clock (`performance.now()`: milliseconds since the webview began
/// loading the page). The log line is how a slow start is diagnosed on a user's machine (the
/// difference is the time the window and webview took before the page ran), and the mark the
/// start-up benchmark waits for (BENCHMARKS.md).
#[tauri::command]
#[specta::specta]
pub fn report_first_screen(screen: String, page_millis: u32) {
    if FIRST_SCREEN_SHOWN.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let millis = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    let screen: String = screen
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(20)
        .collect();
    tracing::info!(
        "first screen shown: {screen}, {millis} ms after start, {page_millis} ms after the page began loading"
    );
}
