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
