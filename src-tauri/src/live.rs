//! Screens that follow changes made elsewhere: `panelctl`, a script, another window on the same
//! data folder. SQLite's `data_version` on the app's connection changes only when another
//! connection commits, so polling it twice a second costs one tiny query and never fires for the
//! app's own writes (nor for the team folder's passes, which tell the window themselves). A
//! change is told to the window (`data-changed`); the screens reload what they show and leave
//! what the user is typing alone.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::AppState;

/// Event the window hears when another program changed the database.
pub const DATA_CHANGED_EVENT: &str = "data-changed";
/// How often the database is asked whether someone else wrote to it.
const POLL: Duration = Duration::from_millis(500);

/// Starts the thread that watches for other programs' writes.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("live-data".into())
        .spawn(move || run(app));
    if let Err(e) = spawned {
        tracing::warn!("screens will not follow changes made by other programs: {e}");
    }
}

fn run(app: AppHandle) {
    while !crate::commands::app::first_screen_was_shown() {
        std::thread::sleep(Duration::from_millis(250));
    }
    let mut last: Option<i64> = None;
    loop {
        let state = app.state::<AppState>();
        let now = state
            .with_db(|db| {
                Ok(db
                    .conn()
                    .pragma_query_value(None, "data_version", |r| r.get::<_, i64>(0))?)
            })
            .ok();
        if let (Some(before), Some(after)) = (last, now) {
            if before != after {
                if let Err(e) = app.emit(DATA_CHANGED_EVENT, ()) {
                    tracing::warn!("could not tell the window the data changed: {e}");
                }
            }
        }
        if now.is_some() {
            last = now;
        }
        std::thread::sleep(POLL);
    }
}
