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

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use panel_core::backup::Restored;
use panel_core::draft_journal::DraftJournal;
use panel_core::scorecards::PinGate;
use panel_core::{data_dir, Db, ErrorPayload};

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
            }),
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
    /// for it), else like [`AppState::with_db`]. The second value says whether the check was
    /// still running (the answer was read before its verdict).
    pub fn with_early_reads<T>(
        &self,
        f: impl FnOnce(&Db) -> panel_core::Result<T>,
    ) -> Result<(T, bool), ErrorPayload> {
        let mut f = Some(f);
        if let Some(read) = self.shared.early.read(|db| (f.take().expect("once"))(db)) {
            if read.is_err() {
                // No first screen will come of this read: the check must not wait for one.
                self.first_screen_shown();
            }
            return read.map(|value| (value, true)).map_err(ErrorPayload::from);
        }
        let f = f.take().expect("not run early");
        self.with_db(|db| f(db)).map(|value| (value, false))
    }

    /// Whether the start-up check of the database is still running.
    pub fn checking_database(&self) -> bool {
        !self.shared.early.checked.load(Ordering::Acquire)
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

    /// Queues the `.hpkit` / `.hpscore` files among `args` (relative ones resolved against
    /// `cwd`) for the UI to import; anything else on the command line is ignored.
    pub fn queue_opened_files(&self, args: impl IntoIterator<Item = String>, cwd: &Path) {
        let files = exchange_files_among(args, cwd);
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

    /// Remembers a file an export wrote.
    pub fn remember_export(&self, path: PathBuf) {
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

/// The start-up open of the database, running on its own thread.
type Opening = JoinHandle<Result<Db, ErrorPayload>>;

/// The read-only connection of [`Db::open_for_early_reads`], from the moment the opening thread
/// makes it until that thread's checked open is done.
#[derive(Default)]
struct EarlyReads {
    slot: Mutex<EarlySlot>,
    /// Signalled when `slot` leaves `Pending`.
    decided: Condvar,
    /// Set once the checked open is done (whatever its verdict): reads go to the database slot.
    checked: AtomicBool,
    /// Set (and signalled) when the UI reports its first screen painted.
    shown: Mutex<bool>,
    shown_signal: Condvar,
}

/// How long the check waits for the first screen before starting anyway (a UI that never
/// reports, or a very slow machine).
const CHECK_WAITS_FOR_THE_FIRST_SCREEN: std::time::Duration = std::time::Duration::from_secs(3);

#[derive(Default)]
enum EarlySlot {
    /// The opening thread has not looked at the file yet.
    #[default]
    Pending,
    /// Reads may use this connection until the check is done.
    Open(Db),
    /// No early reads: the file needs the full open first, or the check is over.
    Closed,
}

impl EarlyReads {
    fn lock(&self) -> MutexGuard<'_, EarlySlot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the early connection if there is one (waiting for the opening thread to
    /// decide, a few milliseconds); `None` when reads must go to the checked database.
    fn read<T>(&self, f: impl FnOnce(&Db) -> T) -> Option<T> {
        if self.checked.load(Ordering::Acquire) {
            return None;
        }
        let mut slot = self.lock();
        while matches!(*slot, EarlySlot::Pending) {
            slot = self.decided.wait(slot).unwrap_or_else(|p| p.into_inner());
        }
        match &*slot {
            EarlySlot::Open(db) => Some(f(db)),
            _ => None,
        }
    }

    /// Offers `db` for early reads (or none).
    fn offer(&self, db: Option<Db>) {
        *self.lock() = db.map_or(EarlySlot::Closed, EarlySlot::Open);
        self.decided.notify_all();
    }

    /// Notes that the first screen is painted and wakes the opening thread.
    fn first_screen_shown(&self) {
        *self.shown.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.shown_signal.notify_all();
    }

    /// Waits (at most [`CHECK_WAITS_FOR_THE_FIRST_SCREEN`]) until the first screen is painted:
    /// `quick_check` reads the whole file and keeps a core busy for seconds at 50,000 plans, which
    /// on a two-core laptop would be taken from the webview painting that screen. Nothing can be
    /// written before the check anyway, and nobody writes before seeing a screen.
    fn wait_for_the_first_screen(&self) {
        let shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
        let _ = self.shown_signal.wait_timeout_while(
            shown,
            CHECK_WAITS_FOR_THE_FIRST_SCREEN,
            |shown| !*shown,
        );
    }

    /// The check is done: the early connection is closed and reads go to the database slot.
    fn close(&self) {
        self.checked.store(true, Ordering::Release);
        *self.lock() = EarlySlot::Closed;
        self.decided.notify_all();
    }
}

fn still_opening() -> ErrorPayload {
    ErrorPayload::from(panel_core::Error::InvalidInput(
        "the database is still opening".into(),
    ))
}

/// Starts opening (and checking) the database in `dir` on its own thread; the daily backup
/// follows a successful open. If no thread can be started, opens it here.
fn open_in_background(
    dir: PathBuf,
    files: Arc<Mutex<()>>,
    early: Arc<EarlyReads>,
) -> (Result<Db, ErrorPayload>, Option<Opening>) {
    let open = move || {
        let early_db = Db::open_for_early_reads(&dir.join(data_dir::DATABASE_FILE));
        let reads_early = early_db.is_some();
        early.offer(early_db);
        if reads_early {
            // The first screen is read without the check: let it be painted first.
            early.wait_for_the_first_screen();
        }
        let db = open_in(&dir);
        early.close();
        match &db {
            Err(e) => tracing::error!(code = ?e.code, "database unavailable: {}", e.message),
            Ok(_) => daily_backup_in_background(dir.join(data_dir::DATABASE_FILE), files),
        }
        db
    };
    let slot = Arc::new(Mutex::new(Some(open)));
    let spawned = {
        let slot = slot.clone();
        std::thread::Builder::new()
            .name("open-database".into())
            .spawn(move || {
                let open = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
                open.map_or_else(|| Err(still_opening()), |open| open())
            })
    };
    match spawned {
        Ok(thread) => (Err(still_opening()), Some(thread)),
        Err(e) => {
            tracing::warn!("opening the database on this thread: {e}");
            let open = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
            (
                open.map_or_else(|| Err(still_opening()), |open| open()),
                None,
            )
        }
    }
}

/// Opens the database through the core's checked open: a damaged or altered file is reported,
/// never used or replaced.
fn open_in(dir: &Path) -> Result<Db, ErrorPayload> {
    let path = data_dir::ensure_database_path(dir)?;
    tracing::info!(path = %path.display(), "opening database");
    Ok(Db::open_checked(&path)?)
}

/// Set by the app benchmarks, which start the app dozens of times on copies of a 2 GB database:
/// each copy's first start would otherwise write another 2 GB daily backup.
const NO_DAILY_BACKUP: &str = "HIRING_PANEL_NO_DAILY_BACKUP";

/// Takes the day's automatic backup on its own read-only connection and thread, so neither
/// start-up nor the UI waits for it.
fn daily_backup_in_background(path: PathBuf, files: Arc<Mutex<()>>) {
    if std::env::var_os(NO_DAILY_BACKUP).is_some_and(|v| v == "1") {
        tracing::info!("no daily backup: {NO_DAILY_BACKUP}=1");
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            let _files = files.lock().unwrap_or_else(|p| p.into_inner());
            let result = Db::open_read_only(&path)
                .and_then(|db| panel_core::backup::daily(db.conn(), &path));
            match result {
                Ok(Some(b)) => tracing::info!(file = %b.path, "daily backup taken"),
                Ok(None) => {}
                Err(e) => tracing::warn!("daily backup failed: {e}"),
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("could not start the daily backup: {e}");
    }
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

    /// A data folder whose database has its schema intact but pages 2–6 damaged (what a bad
    /// copy or disk does): it passes the early checks and fails `quick_check`.
    fn damaged_data_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(data_dir::DATABASE_FILE);
        let mut db = Db::open(&path).unwrap();
        db.with_tx(|tx| panel_core::plans::create_sample(tx).map(|_| ()))
            .unwrap();
        db.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        drop(db);
        let mut bytes = std::fs::read(&path).unwrap();
        let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
        for n in 1..6 {
            bytes[n * page..n * page + 8].fill(0xFF);
        }
        std::fs::write(&path, bytes).unwrap();
        assert!(
            Db::open_for_early_reads(&path).is_some(),
            "the damage is past the early checks"
        );
        dir
    }

    #[test]
    fn no_write_reaches_a_database_the_start_up_check_has_not_passed() {
        let dir = damaged_data_dir();
        let path = dir.path().join(data_dir::DATABASE_FILE);
        let before = std::fs::read(&path).unwrap();
        let state = AppState::open_in(Some(dir.path()));
        // Reads may run early (or fail on the damage): either way nothing is written.
        let _ = state.with_early_reads(|db| panel_core::plans::list(db.conn()));
        let write =
            state.with_db(|db| db.with_tx(|tx| panel_core::plans::create_sample(tx).map(|_| ())));
        let refused = write.expect_err("a write waits for the verdict, which refuses the file");
        assert_eq!(
            refused.code,
            panel_core::ErrorCode::DatabaseCorrupt,
            "{}",
            refused.message
        );
        assert!(!state.checking_database(), "the verdict is in");
        assert_eq!(
            state.open_error().map(|e| e.code),
            Some(panel_core::ErrorCode::DatabaseCorrupt)
        );
        drop(state);
        assert!(
            std::fs::read(&path).unwrap() == before,
            "the damaged file is untouched"
        );
    }

    #[test]
    fn the_first_screen_reads_a_sound_database_and_writes_follow_the_check() {
        let dir = tempfile::tempdir().unwrap();
        drop(Db::open(&dir.path().join(data_dir::DATABASE_FILE)).unwrap());
        let state = AppState::open_in(Some(dir.path()));
        let (plans, _early) = state
            .with_early_reads(|db| panel_core::plans::list(db.conn()))
            .unwrap();
        assert!(plans.is_empty());
        state
            .with_db(|db| db.with_tx(|tx| panel_core::plans::create_sample(tx).map(|_| ())))
            .unwrap();
        assert!(!state.checking_database());
        let (plans, early) = state
            .with_early_reads(|db| panel_core::plans::list(db.conn()))
            .unwrap();
        assert_eq!(
            (plans.len(), early),
            (1, false),
            "after the check, reads see every write"
        );
    }

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
