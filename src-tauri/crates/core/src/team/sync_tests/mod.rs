//! Two installs — a lead's and a panelist's — sharing one team folder, as a sync engine would
//! make it. This module holds the fixtures; the tests are grouped by what they are about: the
//! round trip and what a purge removes (`round_trip.rs`), what arrives and how the rules take it
//! (`arrivals.rs`), and returns that wait for the lead's choice (`conflicts.rs`).

use super::*;

mod arrivals;
mod conflicts;
mod round_trip;
use crate::exchange::{export_kits, ImportOutcome};
use crate::identity::Identity;
use crate::plans::testing::plan_with_panel;
use crate::scorecards::{self, AnswerInput, Recommendation, Viewer};
use crate::Db;

/// One install: its database and identity, using `folder` as its team folder.
pub(super) struct Install {
    pub(super) db: Db,
    pub(super) identity: Identity,
}

impl Install {
    pub(super) fn new(folder: &std::path::Path) -> Install {
        let db = Db::open_in_memory().unwrap();
        set_team_folder(db.conn(), Some(folder)).unwrap();
        Install {
            db,
            identity: Identity::generate(),
        }
    }

    pub(super) fn sync(&mut self) -> SyncReport {
        sync_once(&mut self.db, &self.identity).unwrap()
    }

    /// The panelist's seat on their copy of a plan (made from the kit).
    pub(super) fn seat_in(&self, copy: i64) -> i64 {
        self.db
            .conn()
            .query_row(
                "SELECT panelist_id FROM held_kits WHERE plan_id = ?1",
                [copy],
                |r| r.get(0),
            )
            .unwrap()
    }

    pub(super) fn waiting(&mut self, plan: i64) -> Vec<FolderConflict> {
        folder_conflicts(&mut self.db, &self.identity, plan).unwrap()
    }

    pub(super) fn resolve(
        &mut self,
        file: &str,
        replace: bool,
    ) -> crate::Result<Option<ImportOutcome>> {
        resolve_conflict(&mut self.db, &self.identity, file, replace)
    }
}

pub(super) fn folder_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The lead's plan for Zoë with Ana (whose identity is recorded) and Ben (none); kits sent once.
pub(super) fn lead_with_kits(folder: &std::path::Path, ana: &Identity) -> (Install, i64) {
    let mut lead = Install::new(folder);
    let identity = Identity::generate();
    lead.identity = identity;
    let plan = lead
        .db
        .with_tx(|tx| {
            let (plan, ids) = plan_with_panel(
                tx,
                "Zoë Łukasiewicz",
                &[("Ana Silva", 60), ("Ben Okoro", 60)],
            )?;
            crate::plans::split_plan(tx, plan, None)?;
            crate::people::set_panelist_identity(tx, ids[0], Some(&ana.public_identity().line))?;
            Ok(plan)
        })
        .unwrap();
    let identity = &lead.identity;
    lead.db
        .with_tx(|tx| export_kits(tx, plan, identity))
        .unwrap();
    (lead, plan)
}

/// Ana's kit went out through the folder and her scorecard is submitted on her laptop, ready
/// to go back: her install, the lead's, the lead's plan, her copy and her seat on it.
pub(super) fn submitted_on_her_laptop(
    folder: &std::path::Path,
) -> (Install, Install, i64, i64, i64) {
    let mut ana = Install::new(folder);
    let (mut lead, plan) = lead_with_kits(folder, &ana.identity);
    lead.sync();
    let copy = ana.sync().imported[0].plan_id.unwrap();
    let seat = ana.seat_in(copy);
    score_and_submit(&mut ana, copy, seat);
    (ana, lead, plan, copy, seat)
}

pub(super) fn score_and_submit(panelist: &mut Install, plan: i64, seat: i64) {
    let card =
        scorecards::scorecard(panelist.db.conn(), plan, seat, Viewer::Panelist(seat)).unwrap();
    for a in &card.answers {
        let answer = AnswerInput {
            question_number: a.answer.question_number,
            score: Some(3),
            notes: "Clear trade-offs, named the budget owner.".into(),
            ..Default::default()
        };
        panelist
            .db
            .with_tx(|tx| scorecards::save_answer(tx, plan, seat, &answer))
            .unwrap();
    }
    panelist
        .db
        .with_tx(|tx| scorecards::submit(tx, plan, seat, Some(Recommendation::Yes), Some("Solid.")))
        .unwrap();
}

/// Makes `dir` refuse new files until the guard is dropped: read-only permissions, and for root
/// (who writes anywhere) the immutable attribute. `None` where neither holds (then the caller
/// says so and checks nothing).
#[cfg(unix)]
pub(super) fn unwritable(dir: &std::path::Path) -> Option<impl Drop> {
    use std::os::unix::fs::PermissionsExt;
    struct Restore(std::path::PathBuf);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
    let guard = Restore(dir.to_path_buf());
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
    let refuses = || tempfile::tempfile_in(dir).is_err();
    if !refuses() {
        let _ = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status();
    }
    if refuses() {
        Some(guard)
    } else {
        eprintln!("this account writes in a read-only folder and chattr is not available");
        None
    }
}
