//! What the shell keeps between commands: the open database, or why it could not be opened.
//!
//! A database that fails to open must not crash the app or be replaced by an empty one: the
//! failure is kept and reported to the UI, which shows it instead of the normal screens.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use panel_core::scorecards::PinGate;
use panel_core::{data_dir, Db, ErrorPayload};

/// Shared state behind every command.
pub struct AppState {
    db: Result<Mutex<Db>, ErrorPayload>,
    data_dir: Option<PathBuf>,
    /// Scorecards opened with their PIN in this run of the app; locked again on restart.
    pins: Mutex<PinGate>,
    /// Files this run exported; the only ones the UI may ask the shell to open.
    exported: Mutex<Vec<PathBuf>>,
    /// Kit and scorecard files the system asked the app to open (command line at start-up, or
    /// handed over by a second launch), waiting for the UI to import them.
    opened_files: Mutex<Vec<PathBuf>>,
}

impl AppState {
    /// Resolves the data directory and opens the database in it.
    pub fn open() -> AppState {
        let (data_dir, db) = match data_dir::resolve(None) {
            Ok(dir) => {
                let db = open_in(&dir);
                (Some(dir), db)
            }
            Err(e) => (None, Err(e.into())),
        };
        if let Err(e) = &db {
            tracing::error!(code = ?e.code, "database unavailable: {}", e.message);
        }
        AppState {
            db,
            data_dir,
            pins: Mutex::default(),
            exported: Mutex::default(),
            opened_files: Mutex::default(),
        }
    }

    /// Runs `f` with the database, or returns why it is unavailable.
    pub fn with_db<T>(
        &self,
        f: impl FnOnce(&mut Db) -> panel_core::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written transaction (SQLite rolls
        // it back on drop), so a poisoned lock is safe to keep using.
        let mut guard = db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(ErrorPayload::from)
    }

    /// Runs `f` with the database and the PIN gate (locked in that order, always).
    pub fn with_db_and_pins<T>(
        &self,
        f: impl FnOnce(&mut Db, &mut PinGate) -> panel_core::Result<T>,
    ) -> Result<T, ErrorPayload> {
        self.with_db(|db| {
            let mut pins = self
                .pins
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            f(db, &mut pins)
        })
    }

    /// Runs `f` with the database once the panelist's scorecard is open: either it has no PIN
    /// or its PIN was entered in this run of the app.
    pub fn with_scorecard<T>(
        &self,
        plan_id: i64,
        panelist_id: i64,
        f: impl FnOnce(&mut Db) -> panel_core::Result<T>,
    ) -> Result<T, ErrorPayload> {
        self.with_db_and_pins(|db, pins| {
            pins.require(db.conn(), plan_id, panelist_id)?;
            f(db)
        })
    }

    /// Queues the `.hpkit` / `.hpscore` files among `args` (relative ones resolved against
    /// `cwd`) for the UI to import; anything else on the command line is ignored.
    pub fn queue_opened_files(&self, args: impl IntoIterator<Item = String>, cwd: &Path) {
        let files = exchange_files_among(args, cwd);
        if files.is_empty() {
            return;
        }
        let mut queue = self.opened_files.lock().unwrap_or_else(|p| p.into_inner());
        queue.extend(files);
    }

    /// The queued files, oldest first; the queue is emptied.
    pub fn take_opened_files(&self) -> Vec<PathBuf> {
        let mut queue = self.opened_files.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *queue)
    }

    /// Remembers a file an export wrote.
    pub fn remember_export(&self, path: PathBuf) {
        let mut exported = self.exported.lock().unwrap_or_else(|p| p.into_inner());
        if !exported.contains(&path) {
            exported.push(path);
        }
    }

    /// Whether this run exported `path`.
    pub fn was_exported(&self, path: &Path) -> bool {
        let exported = self.exported.lock().unwrap_or_else(|p| p.into_inner());
        exported.iter().any(|p| p == path)
    }

    /// Why the database could not be opened, if it could not.
    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.db.as_ref().err().cloned()
    }

    /// The resolved data directory, if one could be determined.
    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }
}

fn open_in(dir: &Path) -> Result<Mutex<Db>, ErrorPayload> {
    let path = data_dir::ensure_database_path(dir)?;
    tracing::info!(path = %path.display(), "opening database");
    Ok(Mutex::new(Db::open(&path)?))
}

/// The exchange files among command-line arguments: what a file manager passes when the user
/// opens a `.hpkit` or `.hpscore` file with Hiring Panel.
pub fn exchange_files_among(args: impl IntoIterator<Item = String>, cwd: &Path) -> Vec<PathBuf> {
    args.into_iter()
        .map(|arg| arg.strip_prefix("file://").map(String::from).unwrap_or(arg))
        .map(PathBuf::from)
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case(panel_core::exchange::KIT_EXTENSION)
                    || e.eq_ignore_ascii_case(panel_core::exchange::SCORECARD_EXTENSION)
            })
        })
        .map(|p| if p.is_absolute() { p } else { cwd.join(p) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kit_and_scorecard_files_are_taken_from_the_command_line() {
        let args = [
            "--verbose",
            "notes.txt",
            "ana.hpkit",
            "/tmp/Ben Okafor.HPSCORE",
            "file:///srv/x.hpkit",
        ]
        .map(String::from);
        assert_eq!(
            exchange_files_among(args, Path::new("/home/dana")),
            vec![
                PathBuf::from("/home/dana/ana.hpkit"),
                PathBuf::from("/tmp/Ben Okafor.HPSCORE"),
                PathBuf::from("/srv/x.hpkit"),
            ]
        );
    }
}
