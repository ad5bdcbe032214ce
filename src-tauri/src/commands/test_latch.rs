//! A latch end-to-end tests hold a slow command on, so they can check what the app does while it
//! runs without measuring time. Debug builds only (the ones the tests drive); a release build
//! ignores it.
//!
//! Started with `HIRING_PANEL_TEST_HOLD_EXPORTS=<folder>`, the app holds every PDF export after
//! rendering and before writing: the command writes `<folder>/<what>.waiting`, waits until
//! `<folder>/release` exists, removes its marker and goes on. Once `release` exists nothing is
//! held any more, so later exports in the same session run straight through.

use std::path::Path;
use std::time::Duration;

/// The variable naming the latch's folder.
pub const ENV_VAR: &str = "HIRING_PANEL_TEST_HOLD_EXPORTS";

/// The file whose appearance in the latch's folder releases every held command.
pub const RELEASE_FILE: &str = "release";

/// Holds the calling thread (one of the blocking pool's, never the main thread) while the latch
/// is set; `what` names the marker. Does nothing unless this is a debug build started with
/// [`ENV_VAR`].
pub(crate) fn hold(what: &str) {
    if !cfg!(debug_assertions) {
        return;
    }
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|d| !d.is_empty()) {
        hold_in(Path::new(&dir), what);
    }
}

fn hold_in(dir: &Path, what: &str) {
    let release = dir.join(RELEASE_FILE);
    if release.exists() {
        return;
    }
    let marker = dir.join(format!("{what}.waiting"));
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&marker, b"")) {
        tracing::warn!("test latch: cannot write {}: {e}", marker.display());
        return;
    }
    tracing::info!("test latch: {what} held until {} exists", release.display());
    while !release.exists() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = std::fs::remove_file(&marker);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_command_waits_for_the_release_file_and_then_clears_its_marker() {
        let dir = tempfile::tempdir().unwrap();
        let latch = dir.path().join("latch");
        let marker = latch.join("export.waiting");
        let held = {
            let latch = latch.clone();
            std::thread::spawn(move || hold_in(&latch, "export"))
        };
        while !marker.exists() {
            assert!(
                !held.is_finished(),
                "the latch never marked the command waiting"
            );
            std::thread::yield_now();
        }
        assert!(!held.is_finished(), "held until the release file exists");
        std::fs::write(latch.join(RELEASE_FILE), b"").unwrap();
        held.join().unwrap();
        assert!(!marker.exists(), "the marker goes once released");
        // Released for good: the next one runs straight through and leaves no marker.
        hold_in(&latch, "export");
        assert!(!marker.exists());
    }
}
