//! What the shell keeps between commands: the open database, or why it could not be opened.
//!
//! A database that fails to open, or fails `PRAGMA quick_check` at start-up, must not crash the
//! app or be replaced by an empty one: the failure is kept and reported to the UI, which shows
//! the recovery screen instead of the normal screens. A restore swaps the database in place.
//!
//! The database is opened and checked on its own thread while the window and its webview start
//! (most of a start-up), so a large file's `quick_check` does not delay the window. That thread
//! first opens a read-only connection to a file of the current schema ([`Db::open_for_early_reads`]):
//! the first screen is read through it ([`AppState::with_early_reads`]) while the check runs,
//! because reading cannot harm a damaged file. Every other command waits for the thread's
//! verdict, so no write ever reaches a file the check has not passed; if the check fails, the UI
//! asks again (`get_app_status` waits for the verdict) and shows the recovery screen.

mod opening;
mod plan_searches;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use panel_core::backup::Restored;
use panel_core::draft_journal::DraftJournal;
use panel_core::recent;
use panel_core::scorecards::PinGate;
use panel_core::{data_dir, Db, ErrorPayload};

use opening::{open_in, open_in_background, still_opening, EarlyReads, Opening};

/// Shared state behind every command: a handle, cheap to clone, so a command can take it onto
/// the runtime's blocking pool (`commands::blocking`). Every clone is the same state.
///
/// Lock order, everywhere: `files`, then `db` (then `opening`), then `pins` (then the draft
/// journal's own lock, inside the core). `exported` and `opened_files` are only ever held alone,
/// for a push or a take. No lock is held across an `.await`: commands take them inside
/// synchronous closures on the blocking pool.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

/// What every clone of [`AppState`] shares.
struct Shared {
    db: Mutex<Result<Db, ErrorPayload>>,
    /// The thread opening and checking the database at start-up, until a command takes its
    /// result (lock order: `db`, then `opening`).
    opening: Mutex<Option<Opening>>,
    /// The read-only connection the first screen is read through while that thread checks the
    /// database (never held with another lock).
    early: Arc<EarlyReads>,
    data_dir: Option<PathBuf>,
    /// Words typed in interview mode, kept outside SQLite (and the data folder) until the
    /// autosave has them; none when there is no data folder.
    drafts: Option<DraftJournal>,
    /// Scorecards opened with their PIN in this run of the app; locked again on restart.
    pins: Mutex<PinGate>,
    /// Files this run exported; the only ones the UI may ask the shell to open.
    exported: Mutex<Vec<PathBuf>>,
    /// Kit and scorecard files the system asked the app to open (command line at start-up, or
    /// handed over by a second launch), waiting for the UI to import them.
    opened_files: Mutex<Vec<PathBuf>>,
    /// Held while a snapshot is written, a purge rewrites files, or a restore swaps them: none
    /// of them may see another's half-done work.
    files: Arc<Mutex<()>>,
    /// The app's lock on its data folder, so `panelctl restore` and `purge` refuse to run
    /// under it; released when the app exits.
    _lock: Option<std::fs::File>,
    /// The running app, once set up: the menu bar's Recent files follow what is imported and
    /// exported.
    app: std::sync::OnceLock<tauri::AppHandle>,
    /// How many times File → Recent files has been read for the menu (each read's number).
    recent_reads: AtomicU64,
    /// The Plans list's searches: the newest one wins (`plan_searches.rs`).
    searches: plan_searches::PlanSearches,
}

impl AppState {
    /// Resolves the data directory and opens the database in it.
    pub fn open() -> AppState {
        Self::open_in(None)
    }

    /// Opens the database in `dir` (else the resolved data directory).
    fn open_in(dir: Option<&Path>) -> AppState {
        let files = Arc::new(Mutex::new(()));
        let (data_dir, db) = match data_dir::resolve(dir) {
            Ok(dir) => (Some(dir), Err(still_opening())),
            Err(e) => (None, Err(ErrorPayload::from(e))),
        };
        let lock = data_dir
            .as_deref()
            .and_then(|dir| match data_dir::hold_app_lock(dir) {
                Ok(Some(lock)) => Some(lock),
                Ok(None) => {
                    tracing::warn!("another Hiring Panel holds this data folder");
                    None
                }
                Err(e) => {
                    tracing::warn!("cannot lock the data folder: {e}");
                    None
                }
            });
        let early = Arc::new(EarlyReads::default());
        let (db, opening) = match &data_dir {
            Some(dir) => open_in_background(dir.clone(), files.clone(), early.clone()),
            None => {
                if let Err(e) = &db {
                    tracing::error!(code = ?e.code, "database unavailable: {}", e.message);
                }
                early.close();
                (db, None)
            }
        };
        AppState {
            shared: Arc::new(Shared {
                files,
                _lock: lock,
                db: Mutex::new(db),
                opening: Mutex::new(opening),
                early,
                drafts: data_dir.as_deref().map(DraftJournal::for_data_dir),
                data_dir,
                pins: Mutex::default(),
                exported: Mutex::default(),
                opened_files: Mutex::default(),
                app: std::sync::OnceLock::new(),
                recent_reads: AtomicU64::new(0),
                searches: Default::default(),
            }),
        }
    }

    /// Gives the state the running app (in `setup`), for the menu bar's Recent files.
    pub fn set_app(&self, app: tauri::AppHandle) {
        let _ = self.shared.app.set(app);
    }

    /// Puts `path` at the top of File → Recent files (with the plan it belongs to, so a purge
    /// takes it) and shows the list in the menu bar. The file is done whatever happens here: a
    /// list that cannot be written is only logged.
    pub fn remember_recent(&self, path: &Path, action: recent::Action, plan_id: Option<i64>) {
        if let Err(e) = self.with_db(|db| recent::record(db.conn(), path, action, plan_id)) {
            tracing::warn!(
                "File → Recent files will not list {}: {}",
                path.display(),
                e.message
            );
        }
        self.show_recent_files();
    }

    /// Shows the current Recent files in the menu bar (after a change, a purge, or at start).
    pub fn show_recent_files(&self) {
        let Some(app) = self.shared.app.get() else {
            return;
        };
        // Numbered while the database is held, so the menu can tell a newer read from an older
        // one that reaches the main thread after it (an export's list after a purge's).
        let read = self.with_db(|db| {
            let files = recent::list(db.conn())?;
            let number = self.shared.recent_reads.fetch_add(1, Ordering::Relaxed) + 1;
            Ok((number, files))
        });
        match read {
            Ok((number, files)) => crate::menu::show_recent(app, number, files),
            Err(e) => tracing::warn!("File → Recent files cannot be read: {}", e.message),
        }
    }

    /// Runs `f` with the database, or returns why it is unavailable.
    pub fn with_db<T>(
        &self,
        f: impl FnOnce(&mut Db) -> panel_core::Result<T>,
    ) -> Result<T, ErrorPayload> {
        let mut guard = self.db();
        match &mut *guard {
            Ok(db) => f(db).map_err(ErrorPayload::from),
            Err(e) => Err(e.clone()),
        }
    }

    /// Runs `f` to *read* the database: through the early read-only connection while the
    /// start-up check is still running (for the first screen, which then shows without waiting
    /// for it), else (or if that read fails) like [`AppState::with_db`]. The second value says
    /// whether the answer was read before the check's verdict.
    pub fn with_early_reads<T>(
        &self,
        f: impl Fn(&Db) -> panel_core::Result<T>,
    ) -> Result<(T, bool), ErrorPayload> {
        match self.shared.early.read(&f) {
            Some(Ok(value)) => Ok((value, true)),
            // An early read that fails says nothing for sure (a damaged page, or a busy file):
            // the check starts now, as no first screen will come of it, and the read is made
            // again on the checked database, whose verdict the caller then gets.
            Some(Err(_)) => {
                self.first_screen_shown();
                self.with_db(|db| f(db)).map(|value| (value, false))
            }
            None => self.with_db(|db| f(db)).map(|value| (value, false)),
        }
    }

    /// Runs `f` on the early read-only connection, if the start-up check is still running and
    /// the read succeeds; `None` otherwise (the caller then reads the usual way, later). Used to
    /// read the first screen ahead of the page (`first_screen.rs`): unlike
    /// [`AppState::with_early_reads`], it never waits for the check.
    pub fn try_early_read<T>(&self, f: impl FnOnce(&Db) -> panel_core::Result<T>) -> Option<T> {
        self.shared.early.read(f).and_then(Result::ok)
    }

    /// Whether the start-up check of the database is still running.
    pub fn checking_database(&self) -> bool {
        !self.shared.early.checked()
    }

    /// The first screen is painted: the start-up check may take the processor now.
    pub fn first_screen_shown(&self) {
        self.shared.early.first_screen_shown();
    }

    /// Runs `f` with the database and the PIN gate (locked in that order, always).
    pub fn with_db_and_pins<T>(
        &self,
        f: impl FnOnce(&mut Db, &mut PinGate) -> panel_core::Result<T>,
    ) -> Result<T, ErrorPayload> {
        self.with_db(|db| {
            let mut pins = self
                .shared
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

    /// The draft journal of this data folder, or why there is none.
    pub fn drafts(&self) -> Result<&DraftJournal, ErrorPayload> {
        self.shared.drafts.as_ref().ok_or_else(|| {
            ErrorPayload::from(panel_core::Error::InvalidInput(
                "there is no data folder, so unsaved text cannot be kept".into(),
            ))
        })
    }

    /// Queues the `.hpkit` / `.hpscore` / `.hppack` files among `args` (relative ones resolved against
    /// `cwd`) for the UI to import; anything else on the command line is ignored.
    pub fn queue_opened_files(&self, args: impl IntoIterator<Item = String>, cwd: &Path) {
        let files = importable_files_among(args, cwd);
        if files.is_empty() {
            return;
        }
        let mut queue = self
            .shared
            .opened_files
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        queue.extend(files);
    }

    /// The queued files, oldest first; the queue is emptied.
    pub fn take_opened_files(&self) -> Vec<PathBuf> {
        let mut queue = self
            .shared
            .opened_files
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *queue)
    }

    /// Remembers a file an export wrote (of `plan_id`'s candidate, if any): this run may open
    /// it, and File → Recent files lists it. The entry is written before the export answers, in
    /// the order the files were written (kits sent together list in panel order); the menu
    /// follows on the main thread without being waited for (`menu::show_recent`).
    pub fn remember_export(&self, path: PathBuf, plan_id: Option<i64>) {
        self.remember_recent(&path, recent::Action::Exported, plan_id);
        self.remember_export_unlisted(path);
    }

    /// Remembers a file an export wrote, for this run to open, without listing it in Recent
    /// files: a finalists comparison names several candidates, and a purge of one of them could
    /// not take a single entry.
    pub fn remember_export_unlisted(&self, path: PathBuf) {
        let mut exported = self
            .shared
            .exported
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if !exported.contains(&path) {
            exported.push(path);
        }
    }

    /// Whether this run exported `path`.
    pub fn was_exported(&self, path: &Path) -> bool {
        let exported = self
            .shared
            .exported
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        exported.iter().any(|p| p == path)
    }

    /// Why the database could not be opened, if it could not.
    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.db().as_ref().err().cloned()
    }

    /// The database file, if the data directory is known.
    pub fn db_path(&self) -> Option<PathBuf> {
        self.shared
            .data_dir
            .as_ref()
            .map(|d| d.join(data_dir::DATABASE_FILE))
    }

    /// Replaces the database with a backup: the connection is closed, the core restores (keeping
    /// the current file as a backup, or moving a damaged one aside), and the restored database is
    /// opened and checked like at start-up. Scorecards opened with a PIN are locked again.
    pub fn restore_from(&self, backup: &Path) -> Result<Restored, ErrorPayload> {
        let dir = self.shared.data_dir.as_ref().ok_or_else(|| {
            ErrorPayload::from(panel_core::Error::InvalidInput(
                "the data directory is unknown; restore with panelctl --data-dir".into(),
            ))
        })?;
        // Validate before closing anything: a bad file leaves the running app as it was.
        panel_core::backup::validate(backup)?;
        let _files = self.shared.files.lock().unwrap_or_else(|p| p.into_inner());
        let mut guard = self.db();
        let previous = std::mem::replace(
            &mut *guard,
            Err(ErrorPayload::from(panel_core::Error::InvalidInput(
                "the database is being restored".into(),
            ))),
        );
        drop(previous);
        let path = dir.join(data_dir::DATABASE_FILE);
        let outcome = panel_core::backup::restore(&path, backup);
        *guard = open_in(dir);
        *self.shared.pins.lock().unwrap_or_else(|p| p.into_inner()) = PinGate::default();
        let restored = outcome?;
        // Restored but not usable (it cannot happen for a validated backup, but if it does, the
        // user must see the recovery screen, not a success).
        if let Err(e) = &*guard {
            return Err(e.clone());
        }
        Ok(restored)
    }

    /// Runs `f` while no snapshot, purge or restore is touching the database's files.
    pub fn with_files_quiet<T>(&self, f: impl FnOnce() -> T) -> T {
        let _files = self.shared.files.lock().unwrap_or_else(|p| p.into_inner());
        f()
    }

    /// The resolved data directory, if one could be determined.
    pub fn data_dir(&self) -> Option<&Path> {
        self.shared.data_dir.as_deref()
    }
}

impl AppState {
    /// The database slot, once the start-up open has finished (waiting for it the first time).
    fn db(&self) -> MutexGuard<'_, Result<Db, ErrorPayload>> {
        // A panic while holding the lock cannot leave a half-written transaction (SQLite rolls
        // it back on drop), so a poisoned lock is safe to keep using.
        let mut guard = self.shared.db.lock().unwrap_or_else(|p| p.into_inner());
        let pending = self
            .shared
            .opening
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(thread) = pending {
            *guard = thread.join().unwrap_or_else(|_| {
                Err(ErrorPayload::from(panel_core::Error::InvalidInput(
                    "opening the database failed unexpectedly; see the log".into(),
                )))
            });
        }
        guard
    }
}

/// The files the app imports among command-line arguments: what a file manager passes when the
/// user opens a `.hpkit`, `.hpscore` or `.hppack` file with Hiring Panel.
pub fn importable_files_among(args: impl IntoIterator<Item = String>, cwd: &Path) -> Vec<PathBuf> {
    const IMPORTABLE: [&str; 3] = [
        panel_core::exchange::KIT_EXTENSION,
        panel_core::exchange::SCORECARD_EXTENSION,
        panel_core::bank::packfile::PACK_EXTENSION,
    ];
    args.into_iter()
        .map(|arg| arg.strip_prefix("file://").map(String::from).unwrap_or(arg))
        .map(PathBuf::from)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| IMPORTABLE.iter().any(|x| e.eq_ignore_ascii_case(x)))
        })
        .map(|p| if p.is_absolute() { p } else { cwd.join(p) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kit_scorecard_and_pack_files_are_taken_from_the_command_line() {
        let args = [
            "--verbose",
            "notes.txt",
            "ana.hpkit",
            "/tmp/Ben Okafor.HPSCORE",
            "file:///srv/x.hpkit",
            "acme.hppack",
            "acme.hppack.part",
        ]
        .map(String::from);
        assert_eq!(
            importable_files_among(args, Path::new("/home/dana")),
            vec![
                PathBuf::from("/home/dana/ana.hpkit"),
                PathBuf::from("/tmp/Ben Okafor.HPSCORE"),
                PathBuf::from("/srv/x.hpkit"),
                PathBuf::from("/home/dana/acme.hppack"),
            ]
        );
    }
}
