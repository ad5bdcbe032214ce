//! The smallest Tauri 2 app: one window showing one static page, and one command the page calls
//! once it has painted. It logs the same "first screen shown" line as Hiring Panel, so the
//! start-up benchmark (`tests/e2e/src/bin/startup_bench.rs`) times both the same way and reports
//! the app's start-up and memory as ratios to this floor.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called by the page after its first painted frame, with the page's clock now and at that
/// paint; the line has the app's shape (`report_first_screen` in the app's commands/app.rs).
#[tauri::command]
fn report_first_screen(screen: String, page_millis: u32, painted_millis: u32) {
    let later = page_millis.saturating_sub(painted_millis);
    let ms = STARTED
        .get()
        .map_or(0, |t| t.elapsed().as_millis())
        .saturating_sub(u128::from(later));
    eprintln!(
        "first screen shown: {screen}, {ms} ms after start, {} ms after the page began loading, usable {later} ms later",
        page_millis.min(painted_millis)
    );
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![report_first_screen])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("the floor window could not start: {e}");
            std::process::exit(1);
        });
}
