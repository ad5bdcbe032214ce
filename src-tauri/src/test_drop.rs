//! A drop of files on the window, for end-to-end tests: neither WebDriver nor xdotool can drag a
//! file from a file manager (XDND needs a drag source), so the test hands the shell the paths
//! and the shell sends the webview exactly the events a native drop sends (`tauri://drag-enter`,
//! then `tauri://drag-drop`, with the paths and a position). Everything after that is the app's
//! own path: the page's drop handler, the importer, the screens. Debug builds only (the ones the
//! tests drive); a release build ignores it.
//!
//! Started with `HIRING_PANEL_TEST_DROP_DIR=<folder>`, the app watches for `<folder>/drop`: a
//! file of paths, one per line. It is read, removed, and its paths dropped on the window.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter, EventTarget};

/// The variable naming the folder the test writes its drops into.
pub const ENV_VAR: &str = "HIRING_PANEL_TEST_DROP_DIR";

/// What Tauri sends with a drag entering and a drop (its `DragDropPayload`).
#[derive(Serialize)]
struct Payload<'a> {
    paths: &'a [PathBuf],
    position: Position,
}

#[derive(Serialize)]
struct Position {
    x: f64,
    y: f64,
}

/// Starts watching the test's drop folder, if this is a debug build started with [`ENV_VAR`].
pub fn start(app: AppHandle) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(dir) = std::env::var_os(ENV_VAR).filter(|d| !d.is_empty()) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let spawned = std::thread::Builder::new()
        .name("test-drop".into())
        .spawn(move || loop {
            if let Some(paths) = take_drop(&dir) {
                drop_on_window(&app, &paths);
            }
            std::thread::sleep(Duration::from_millis(50));
        });
    if let Err(e) = spawned {
        tracing::warn!("test drops will not be heard: {e}");
    }
}

/// The paths of `<dir>/drop`, once (the file is removed).
fn take_drop(dir: &Path) -> Option<Vec<PathBuf>> {
    let file = dir.join("drop");
    let text = std::fs::read_to_string(&file).ok()?;
    std::fs::remove_file(&file).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect(),
    )
}

fn drop_on_window(app: &AppHandle, paths: &[PathBuf]) {
    let payload = Payload {
        paths,
        position: Position { x: 640.0, y: 400.0 },
    };
    let to_main = |target: &EventTarget| {
        matches!(target, EventTarget::Webview { label } | EventTarget::WebviewWindow { label }
            if label == "main")
    };
    for event in ["tauri://drag-enter", "tauri://drag-drop"] {
        if let Err(e) = app.emit_filter(event, &payload, to_main) {
            tracing::warn!("test drop: could not send {event}: {e}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    tracing::info!("test drop: {} file(s) dropped on the window", paths.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drop_file_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(take_drop(dir.path()), None);
        std::fs::write(dir.path().join("drop"), "/a/one.hppack\n\n/a/notes.txt\n").unwrap();
        assert_eq!(
            take_drop(dir.path()),
            Some(vec![
                PathBuf::from("/a/one.hppack"),
                PathBuf::from("/a/notes.txt")
            ])
        );
        assert_eq!(take_drop(dir.path()), None);
    }
}
