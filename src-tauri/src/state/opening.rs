//! The start-up open of the database, on its own thread while the window starts: the early
//! read-only connection the first screen is read through, the checked open every write waits
//! for (which starts `quick_check` once the first screen is painted), then the day's backup.
//! The design is in `state/mod.rs`'s doc and ARCHITECTURE.md.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use panel_core::{data_dir, Db, ErrorPayload};

/// The start-up open of the database, running on its own thread.
pub(super) type Opening = JoinHandle<Result<Db, ErrorPayload>>;

/// The read-only connection of [`Db::open_for_early_reads`], from the moment the opening thread
/// makes it until that thread's checked open is done.
#[derive(Default)]
pub(super) struct EarlyReads {
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
    /// Whether the checked open is done (reads then go to the database slot).
    pub(super) fn checked(&self) -> bool {
        self.checked.load(Ordering::Acquire)
    }

    fn lock(&self) -> MutexGuard<'_, EarlySlot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the early connection if there is one (waiting for the opening thread to
    /// decide, a few milliseconds); `None` when reads must go to the checked database.
    pub(super) fn read<T>(&self, f: impl FnOnce(&Db) -> T) -> Option<T> {
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
    pub(super) fn first_screen_shown(&self) {
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
    pub(super) fn close(&self) {
        self.checked.store(true, Ordering::Release);
        *self.lock() = EarlySlot::Closed;
        self.decided.notify_all();
    }
}

pub(super) fn still_opening() -> ErrorPayload {
    ErrorPayload::from(panel_core::Error::InvalidInput(
        "the database is still opening".into(),
    ))
}

/// Starts opening (and checking) the database in `dir` on its own thread; the daily backup
/// follows a successful open. If no thread can be started, opens it here.
pub(super) fn open_in_background(
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
pub(super) fn open_in(dir: &Path) -> Result<Db, ErrorPayload> {
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

#[cfg(test)]
mod tests {
    use super::super::AppState;
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
}
