//! The Plans list's searches: the newest one wins. On a large database a search by name reads
//! every plan (tens of milliseconds at 50,000), and a search is sent with every key typed, so the
//! searches for "L", "Le", "Lei"… would otherwise run one after another on the one connection, and
//! the last key, or clearing the box, would wait for all of them. A newer search interrupts the
//! one running (`sqlite3_interrupt`) and makes any still waiting for the connection give up; the
//! UI drops their answers anyway (it shows only the newest). Later pages of a list ("Show more")
//! are not searches: they neither interrupt nor are interrupted.

use std::sync::Mutex;

use panel_core::plans::{self, PlanPage, PlanQuery};
use panel_core::{Error, ErrorPayload};

use super::AppState;

/// The newest search, and the one running on the connection (with what interrupts it).
#[derive(Default)]
pub(super) struct PlanSearches {
    state: Mutex<Searches>,
}

#[derive(Default)]
struct Searches {
    newest: u64,
    running: Option<rusqlite::InterruptHandle>,
}

/// What a replaced search answers (the UI never shows it).
fn replaced() -> Error {
    Error::Conflict("a newer search of the plans replaced this one".into())
}

impl PlanSearches {
    fn lock(&self) -> std::sync::MutexGuard<'_, Searches> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl AppState {
    /// One page of the Plans list. A first page is a search: it replaces any earlier one.
    pub fn search_plans(&self, query: &PlanQuery) -> Result<PlanPage, ErrorPayload> {
        if query.offset != 0 {
            return self.with_db(|db| plans::list_page(db.conn(), query));
        }
        let searches = &self.shared.searches;
        let ticket = {
            let mut s = searches.lock();
            s.newest += 1;
            // Only ever set while that search holds the connection (below), so this can only
            // stop a statement of that search, never another command's.
            if let Some(running) = &s.running {
                running.interrupt();
            }
            s.newest
        };
        self.with_db(|db| {
            {
                let mut s = searches.lock();
                if s.newest != ticket {
                    return Err(replaced());
                }
                s.running = Some(db.conn().get_interrupt_handle());
            }
            let page = plans::list_page(db.conn(), query);
            let mut s = searches.lock();
            s.running = None;
            match page {
                Err(_) if s.newest != ticket => Err(replaced()),
                page => page,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use panel_core::ErrorCode;

    use super::*;

    fn first_page(search: &str) -> PlanQuery {
        PlanQuery {
            search: search.into(),
            ..PlanQuery::first_page()
        }
    }

    #[test]
    fn a_search_still_waiting_for_the_connection_gives_way_to_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let state = Arc::new(AppState::open_in(Some(dir.path())));
        let newest = |state: &AppState| state.shared.searches.lock().newest;
        // Hold the connection, as a slow command would, while two searches are asked for.
        let (older, newer) = state
            .with_db(|_| {
                let spawn = |search: &'static str| {
                    let state = state.clone();
                    std::thread::spawn(move || state.search_plans(&first_page(search)))
                };
                let older = spawn("Le");
                while newest(&state) < 1 {
                    std::thread::yield_now();
                }
                let newer = spawn("Leila");
                while newest(&state) < 2 {
                    std::thread::yield_now();
                }
                Ok((older, newer))
            })
            .unwrap();
        let older = older.join().unwrap().expect_err("replaced");
        assert_eq!(older.code, ErrorCode::Conflict);
        assert!(older.message.contains("newer search"), "{}", older.message);
        assert_eq!(
            newer.join().unwrap().unwrap().total,
            0,
            "the newer one answers"
        );
        assert!(
            state.shared.searches.lock().running.is_none(),
            "nothing left to interrupt once the searches are done"
        );
    }

    #[test]
    fn later_pages_are_not_searches() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open_in(Some(dir.path()));
        let next = PlanQuery {
            offset: 50,
            ..PlanQuery::first_page()
        };
        state.search_plans(&next).unwrap();
        assert_eq!(state.shared.searches.lock().newest, 0);
    }
}
