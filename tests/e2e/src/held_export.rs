//! Nothing slow on the main thread (issue #23): while one command is still running, others
//! complete. Checked without timings: the app (a debug build started with
//! [`HOLD_EXPORTS`] naming a folder) holds a PDF export on a latch after rendering and before
//! writing (`src-tauri/src/commands/test_latch.rs`), and the test releases it only after other
//! commands have answered.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::{Session, UI_TIMEOUT};

/// The variable that sets the app's latch to a folder (debug builds only).
pub const HOLD_EXPORTS: &str = "HIRING_PANEL_TEST_HOLD_EXPORTS";

/// On the debrief screen of an app started with [`HOLD_EXPORTS`] set to `latch`: exports the
/// debrief packet and, while the app holds it before writing, uses the Question bank (two
/// database reads). The bank must show its pack while the export is still pending (its button
/// busy, the latch's marker in place, nothing saved); then the export is released and must
/// finish. Ends back on the same plan's debrief screen, as it started.
pub async fn check_commands_run_alongside_a_held_export(s: &mut Session, latch: &Path) {
    std::fs::create_dir_all(latch).unwrap();
    let waiting = latch.join("debrief-packet.waiting");
    let release = latch.join("release");
    assert!(
        !release.exists(),
        "the latch at {} is already released",
        latch.display()
    );
    s.wait_for("debrief-matrix").await;
    let candidate = s.text_of("debrief-candidate").await;
    let idle_label = s.text_of("export-packet").await;

    let release_on_failure = ReleaseOnDrop(&release);
    // A command on the main thread (or one waiting for the database the export holds) would
    // leave the window unable to answer WebDriver at all: fail then, rather than hang.
    let answered = tokio::time::timeout(2 * UI_TIMEOUT, async {
        s.click("export-packet").await;
        wait_for_file(&waiting, "the packet export to reach the latch").await;
        let button = s.wait_for("export-packet").await;
        assert!(
            !button.is_enabled().await.unwrap(),
            "the export button is busy while the export runs"
        );
        let busy_label = button.text().await.unwrap();
        assert_ne!(busy_label, idle_label, "the export button says it is busy");
        assert!(
            s.absent("saved-file").await,
            "nothing is saved while the export is held"
        );

        // The trivial commands: the Question bank lists the packs and opens one from the database.
        s.click("nav-bank").await;
        let pack = s.text_of("bank-pack-title").await;
        assert!(!pack.is_empty(), "the bank shows a pack");
        s.screenshot("bank-while-an-export-is-held").await;
        assert!(
            waiting.exists() && !release.exists(),
            "the bank answered while the export was still held"
        );
        assert!(
            s.absent("saved-file").await,
            "the held export has not finished"
        );
    })
    .await;
    assert!(
        answered.is_ok(),
        "the window stopped answering while an export was held: a command runs on the main \
         thread, or waits for a lock the export holds"
    );

    std::fs::write(&release, b"").unwrap();
    drop(release_on_failure);
    let saved = s.text_of("saved-file-name").await;
    assert!(
        saved.starts_with("Debrief packet") && saved.contains(&candidate),
        "the released export finishes: {saved}"
    );
    assert!(!waiting.exists(), "the latch let the export go");

    // Back where the caller was: the same plan's debrief.
    s.click("nav-plans").await;
    s.click_css("[data-testid^='open-plan-']").await;
    s.click("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    assert_eq!(s.text_of("debrief-candidate").await, candidate);
}

/// Writes the latch's release file when dropped, so a failed check never leaves the app's
/// export waiting for it.
struct ReleaseOnDrop<'a>(&'a Path);

impl Drop for ReleaseOnDrop<'_> {
    fn drop(&mut self) {
        let _ = std::fs::write(self.0, b"");
    }
}

/// Waits until `path` exists; `what` says what was awaited if it never does.
async fn wait_for_file(path: &Path, what: &str) {
    let started = Instant::now();
    while !path.exists() {
        assert!(
            started.elapsed() < UI_TIMEOUT,
            "waited {UI_TIMEOUT:?} for {what} ({} never appeared)",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
