//! Thin adapters between the UI and `panel-core`: unpack, call the core, map the error.
//! Every command is `verb_noun` and registered once, in `ipc_builder`.
//!
//! # Nothing slow on the main thread
//!
//! A synchronous Tauri command runs on the main thread, where the window's events are handled:
//! an fsync, a `quick_check` of a large database or a PDF there freezes the window. So every
//! command that touches SQLite or a file is `async`, and does its work through [`blocking`]
//! (or [`with_db`] / [`with_scorecard`]): on the async runtime's *blocking* pool, never on a
//! runtime worker. All of them, short ones too, because a short query can still wait for the
//! database lock behind a restore, a purge or the start-up `quick_check`; waiting on a runtime
//! worker (two on a two-core laptop) would starve every other async command, and the blocking
//! pool grows instead. Long file work (PDF rendering, exports, backup, restore, purge, imports)
//! runs there all the more. Only `report_first_screen` (a log line) and `take_opened_files` (a
//! list in memory) stay synchronous.
//!
//! The database stays serialised by the mutex in [`AppState`]: each command takes it inside its
//! synchronous closure and drops it before the closure returns, so no lock is held across an
//! `.await` (the guards are not `Send`; the compiler refuses it). Work that needs no database
//! (rendering a PDF, writing it, decrypting an imported file) happens outside the lock, so
//! autosave and the screens never wait for it. The lock order is in [`AppState`]'s doc.
//!
//! A debug build started with `HIRING_PANEL_TEST_HOLD_EXPORTS` holds PDF exports on a latch
//! ([`test_latch`]), so an end-to-end test can check, without timings, that other commands
//! complete while an export is still running.

pub mod app;
pub mod bank;
pub mod calibration;
pub mod data;
pub mod debrief;
pub mod exchange;
pub mod files;
pub mod interview;
pub mod meeting;
pub mod plans;
pub mod team;
pub(crate) mod test_latch;

use std::path::PathBuf;

use panel_core::{Db, Error, ErrorPayload};

use crate::AppState;

/// Runs `work` with the app's state on the async runtime's blocking pool and waits for it, so
/// neither the main thread nor a runtime worker is held up (see the module doc). A panic in
/// `work` is reported to the UI as a failure, not a hang.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&AppState) -> Result<T, ErrorPayload> + Send + 'static,
) -> Result<T, ErrorPayload> {
    let state = state.clone();
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .unwrap_or_else(|e| {
            tracing::error!("a command failed unexpectedly: {e}");
            Err(Error::InvalidInput("the command failed unexpectedly; see the log".into()).into())
        })
}

/// [`AppState::with_db`] on the blocking pool.
pub(crate) async fn with_db<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Db) -> panel_core::Result<T> + Send + 'static,
) -> Result<T, ErrorPayload> {
    blocking(state, move |state| state.with_db(f)).await
}

/// [`AppState::with_scorecard`] on the blocking pool.
pub(crate) async fn with_scorecard<T: Send + 'static>(
    state: &AppState,
    plan_id: i64,
    panelist_id: i64,
    f: impl FnOnce(&mut Db) -> panel_core::Result<T> + Send + 'static,
) -> Result<T, ErrorPayload> {
    blocking(state, move |state| {
        state.with_scorecard(plan_id, panelist_id, f)
    })
    .await
}

/// A path the UI sent (from a dialog): absolute, and with `extension` when one is required, so
/// a command never writes or reads somewhere the user did not choose. `what` names the file in
/// the refusal ("a pack file").
pub(crate) fn user_path(
    path: &str,
    what: &str,
    extension: Option<&str>,
) -> Result<PathBuf, ErrorPayload> {
    let path = PathBuf::from(path);
    let kind_ok = extension.is_none_or(|wanted| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    });
    if path.is_absolute() && kind_ok {
        return Ok(path);
    }
    let kind = extension.map_or(String::new(), |e| format!(" to a .{e} file"));
    Err(Error::InvalidInput(format!(
        "{what} needs a full path{kind}, not {}",
        path.display()
    ))
    .into())
}

#[cfg(test)]
mod tests {
    /// The commands that stay synchronous (on the main thread): none touches SQLite or a file
    /// (and the menu's items are GTK's, changed on the main thread anyway).
    const SYNCHRONOUS: [&str; 3] = [
        "report_first_screen",
        "set_menu_exports",
        "take_opened_files",
    ];

    /// Every other command is `async fn` and does its work on the blocking pool, as the module
    /// doc says (through `blocking` or a helper built on it, such as interview.rs's
    /// `store_draft`): a new command written the old way fails here, not in a user's frozen
    /// window.
    #[test]
    fn commands_that_touch_the_database_or_files_run_off_the_main_thread() {
        let sources = [
            include_str!("app.rs"),
            include_str!("bank.rs"),
            include_str!("data.rs"),
            include_str!("debrief.rs"),
            include_str!("exchange.rs"),
            include_str!("files.rs"),
            include_str!("interview.rs"),
            include_str!("plans.rs"),
        ];
        let mut synchronous = Vec::new();
        let mut inline = Vec::new();
        let mut commands = 0;
        for source in sources {
            for command in source.split("\n#[tauri::command]\n").skip(1) {
                commands += 1;
                let signature = command.lines().find(|l| l.starts_with("pub ")).unwrap();
                let name = signature
                    .split_once("fn ")
                    .and_then(|(_, rest)| rest.split_once('('))
                    .map(|(name, _)| name)
                    .unwrap();
                let body = command
                    .split_once("\n}\n")
                    .map_or(command, |(body, _)| body);
                if !signature.starts_with("pub async fn ") {
                    synchronous.push(name);
                } else if !["blocking(", "with_db(", "with_scorecard(", "store_draft("]
                    .iter()
                    .any(|helper| body.contains(helper))
                {
                    inline.push(name);
                }
            }
        }
        assert!(commands > 60, "found only {commands} commands");
        assert_eq!(synchronous, SYNCHRONOUS, "synchronous commands");
        assert!(
            inline.is_empty(),
            "async commands working on a runtime worker: {inline:?}"
        );
    }
}
