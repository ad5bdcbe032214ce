//! Commands about the app itself.

use panel_core::health::{AppStart, AppStatus};
use panel_core::plans::{self, PlanQuery};
use panel_core::{draft_journal, ErrorPayload};
use tauri::State;

use super::blocking;
use crate::AppState;

/// Version, where the data lives, and whether the database opened; waits for the start-up
/// check's verdict (long on a large file: on the blocking pool, not where the window's events
/// are handled).
#[tauri::command]
#[specta::specta]
pub async fn get_app_status(state: State<'_, AppState>) -> Result<AppStatus, ErrorPayload> {
    blocking(&state, |state| {
        let schema_version = state.with_db(|db| db.schema_version()).ok();
        Ok(status(state, schema_version, state.open_error(), false))
    })
    .await
}

/// The first screen in one round trip: the status, the Plans list's first page for `query`, and
/// the scorecards with kept typed text. Read through the early read-only connection while the
/// start-up check runs (see `state/opening.rs`), so a large database's `quick_check` does not
/// hold the first screen; `status.checkingDatabase` then tells the UI to ask `get_app_status`
/// for the verdict. The unfiltered first page usually came with the page itself
/// (`first_screen.rs`); the UI asks here when it did not.
#[tauri::command]
#[specta::specta]
pub async fn start_app(
    state: State<'_, AppState>,
    query: PlanQuery,
) -> Result<AppStart, ErrorPayload> {
    blocking(&state, move |state| {
        let read = state.with_early_reads(|db| read_first_screen(state, db, &query));
        Ok(match read {
            Ok((read, early)) => first_screen(state, read, early),
            // Unusable (the recovery screen), or a read that failed: the status says why.
            Err(e) => AppStart {
                status: status(state, None, Some(state.open_error().unwrap_or(e)), false),
                plans: None,
                recovered: Vec::new(),
            },
        })
    })
    .await
}

/// What [`start_app`] answers for `query`, read on the early connection before the start-up
/// check's verdict; `None` if there is no early connection or the read failed (the UI then asks
/// [`start_app`], which knows what to say). Never waits for the check.
pub(crate) fn start_read_early(state: &AppState, query: &PlanQuery) -> Option<AppStart> {
    state
        .try_early_read(|db| read_first_screen(state, db, query))
        .map(|read| first_screen(state, read, true))
}

/// The schema version, the page of plans, and the scorecards with kept typed text.
type FirstScreenRead = (i64, plans::PlanPage, Vec<draft_journal::RecoveredCard>);

fn read_first_screen(
    state: &AppState,
    db: &panel_core::Db,
    query: &PlanQuery,
) -> panel_core::Result<FirstScreenRead> {
    let plans = plans::list_page(db.conn(), query)?;
    let recovered = match state.drafts() {
        Ok(drafts) => draft_journal::pending(db.conn(), drafts)?,
        Err(_) => Vec::new(),
    };
    Ok((db.schema_version()?, plans, recovered))
}

fn first_screen(
    state: &AppState,
    (schema, plans, recovered): FirstScreenRead,
    early: bool,
) -> AppStart {
    AppStart {
        status: status(
            state,
            Some(schema),
            None,
            early && state.checking_database(),
        ),
        plans: Some(plans),
        recovered,
    }
}

fn status(
    state: &AppState,
    schema_version: Option<i64>,
    database_error: Option<ErrorPayload>,
    checking_database: bool,
) -> AppStatus {
    AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir().map(|d| d.display().to_string()),
        schema_version,
        database_error,
        checking_database,
        test_export_dir: std::env::var("HIRING_PANEL_TEST_EXPORT_DIR").ok(),
        test_open_file: std::env::var("HIRING_PANEL_TEST_OPEN_FILE").ok(),
    }
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

/// Whether the window has reported its first screen (background work waits for it).
pub(crate) fn first_screen_was_shown() -> bool {
    FIRST_SCREEN_SHOWN.load(std::sync::atomic::Ordering::SeqCst)
}

/// The UI calls this once its first screen shows data (the Plans list is on screen and can be
/// used), with the page's own clock (`performance.now()`: milliseconds since the webview began
/// loading the page): now, and when that screen was first painted (earlier than now when the
/// shell served it rendered, `first_paint.rs`, and the page took it over after its first paint).
/// The log line is how a slow start is diagnosed on a user's machine (the difference between its
/// two first figures is the time the window and webview took before the page ran), and the mark
/// the start-up benchmark waits for (BENCHMARKS.md).
#[tauri::command]
#[specta::specta]
pub fn report_first_screen(
    state: State<'_, AppState>,
    screen: String,
    page_millis: u32,
    painted_millis: u32,
    drawn_by: FirstPaint,
) {
    if FIRST_SCREEN_SHOWN.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    // The start-up integrity check waits for this (state/opening.rs): it may have the processor now.
    state.first_screen_shown();
    // File → Recent files, once the database is open (after the check: off this thread).
    let listing = state.inner().clone();
    std::thread::spawn(move || listing.show_recent_files());
    let millis = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    let screen: String = screen
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(20)
        .collect();
    tracing::info!(
        "first screen shown: {}, {}",
        first_screen_line(&screen, millis, page_millis, painted_millis),
        drawn_by.said()
    );
}

/// What drew the first screen the window painted.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum FirstPaint {
    /// The page's script (no markup was served with the page).
    Page,
    /// The shell's render (`first_paint.rs`), which the page then took over.
    Shell,
    /// The shell's render, which the page replaced: its markup did not match the app's.
    ShellReplaced,
}

impl FirstPaint {
    fn said(self) -> &'static str {
        match self {
            FirstPaint::Page => "drawn by the page",
            FirstPaint::Shell => "drawn by the shell and taken over by the page",
            FirstPaint::ShellReplaced => {
                "drawn by the shell and drawn again by the page (the markup did not match)"
            }
        }
    }
}

/// The start-up figures of the "first screen shown" line: when the screen was painted, after the
/// process started and after the page began loading, and how much later it answered the user
/// (`millis` and `page_millis` are now, `painted_millis` the paint, on the page's clock).
fn first_screen_line(screen: &str, millis: u128, page_millis: u32, painted_millis: u32) -> String {
    let later = page_millis.saturating_sub(painted_millis);
    let painted = millis.saturating_sub(u128::from(later));
    format!(
        "{screen}, {painted} ms after start, {} ms after the page began loading, usable {later} ms later",
        page_millis.min(painted_millis)
    )
}

/// The exports the screen offers now (the `data-menu-export` marks of its buttons): the menu
/// bar's Export submenu greys out the others (`menu.rs`).
#[tauri::command]
#[specta::specta]
pub fn set_menu_exports(menu: State<'_, crate::menu::MenuState>, offered: Vec<String>) {
    menu.offer_exports(&offered);
}
