//! The team folder kept in step while the app runs (docs/team-folder.md): a sync pass soon after
//! the folder changes (a file watcher) and every half minute regardless (network shares and
//! some sync engines report nothing), each pass that did something told to the window, which
//! shows arrivals where they belong.
//!
//! Runs on a thread of its own, taking the database lock only for a pass, like any command. A
//! folder that is missing or read-only is skipped quietly (Data & backups shows its state), and
//! a failed pass is logged and tried again at the next change or rescan.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use panel_core::identity::Identity;
use panel_core::team::{self, SyncReport};
use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// Event the window hears after a background pass that published, imported or refused a file.
pub const TEAM_SYNCED_EVENT: &str = "team-synced";

/// How often the folder is looked at without a change reported (seconds; a test may set
/// `HIRING_PANEL_TEAM_RESCAN_SECONDS`).
const RESCAN_SECONDS: u64 = 30;
/// How long a burst of changes (a sync engine writing several files) settles before the pass.
const SETTLE: Duration = Duration::from_millis(400);

/// Wakes the thread for a pass now (the folder was just chosen, or kits were just issued).
static NUDGE: OnceLock<Mutex<Sender<()>>> = OnceLock::new();

/// Asks for a pass now rather than at the next change or rescan (no-op before the thread runs).
pub fn nudge() {
    if let Some(sender) = NUDGE.get() {
        let _ = sender.lock().map(|s| s.send(()));
    }
}

/// Starts the background sync thread.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("team-folder".into())
        .spawn(move || run(app));
    if let Err(e) = spawned {
        tracing::warn!("the team folder will not be kept in step while the app runs: {e}");
    }
}

fn rescan_interval() -> Duration {
    let seconds = std::env::var("HIRING_PANEL_TEAM_RESCAN_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(RESCAN_SECONDS);
    Duration::from_secs(seconds)
}

fn run(app: AppHandle) {
    // The first screen and the start-up check come first.
    while !crate::commands::app::first_screen_was_shown() {
        std::thread::sleep(Duration::from_millis(250));
    }
    let (changed, changes) = channel::<()>();
    let _ = NUDGE.set(Mutex::new(changed.clone()));
    let mut watching: Option<(notify::RecommendedWatcher, PathBuf)> = None;
    let interval = rescan_interval();
    loop {
        let state = app.state::<AppState>();
        let folder = state
            .with_db(|db| team::folder_setting(db.conn()))
            .ok()
            .flatten()
            .filter(|path| path.is_dir());
        watch(&mut watching, folder.as_ref(), &changed);
        if folder.is_some() {
            pass(&app, &state);
        }
        wait(&changes, interval);
    }
}

/// Watches `folder` (and nothing else), replacing the watcher when the folder changed.
fn watch(
    watching: &mut Option<(notify::RecommendedWatcher, PathBuf)>,
    folder: Option<&PathBuf>,
    changed: &Sender<()>,
) {
    if watching.as_ref().map(|(_, path)| path) == folder {
        return;
    }
    *watching = None;
    let Some(folder) = folder else {
        return;
    };
    let tell = changed.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| is_news(&e)) {
            let _ = tell.send(());
        }
    })
    .and_then(|mut w| w.watch(folder, RecursiveMode::NonRecursive).map(|()| w));
    match watcher {
        Ok(w) => *watching = Some((w, folder.clone())),
        // The rescan still runs: a folder the system cannot watch is looked at every interval.
        Err(e) => tracing::info!("the team folder is rescanned, not watched: {e}"),
    }
}

/// Whether a change in the folder can matter: an exchange file appeared, changed or went.
/// Reading files (a pass's own) and the hidden files of sync engines and of the folder's write
/// test are not news, or every pass would wake the next.
fn is_news(event: &notify::Event) -> bool {
    !matches!(event.kind, notify::EventKind::Access(_))
        && event.paths.iter().any(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| team::names::classify(name).is_some())
        })
}

/// One pass; tells the window when it did something.
fn pass(app: &AppHandle, state: &AppState) {
    let result = state.with_db(|db| {
        let identity = Identity::for_db(db)?;
        team::sync_in_background(db, &identity)
    });
    match result {
        Ok(Some(report)) if did_something(&report) => {
            if let Err(e) = app.emit(TEAM_SYNCED_EVENT, &report) {
                tracing::warn!("could not tell the window what the team folder brought: {e}");
            }
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("a team folder pass failed: {}", e.message),
    }
}

/// Skipped kits are said on every pass; only files moving count as news.
fn did_something(report: &SyncReport) -> bool {
    !(report.published.is_empty() && report.imported.is_empty() && report.refused.is_empty())
}

/// Waits for a change in the folder (then lets the burst settle) or for the rescan interval.
fn wait(changes: &Receiver<()>, interval: Duration) {
    match changes.recv_timeout(interval) {
        Ok(()) => {
            std::thread::sleep(SETTLE);
            while changes.try_recv().is_ok() {}
        }
        Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {}
    }
}
