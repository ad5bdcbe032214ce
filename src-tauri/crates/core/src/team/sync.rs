//! One pass over the team folder: publish what this install owes it, read what arrived.
//!
//! The lead's install publishes each live kit once, encrypted to its panelist's identity and
//! signed as every kit is; a panelist without a recorded identity is skipped and reported (their
//! kit still goes by file). A panelist's install publishes each new revision of a submitted
//! scorecard, encrypted to the lead identity its kit carries. Every install reads the files
//! encrypted to it and imports each through the normal rules of `exchange` — a duplicate is a
//! no-op, an older revision or a tampered file is refused with its reason, a scorecard that would
//! replace one recorded on this computer is left for the lead to resolve — whatever order the
//! files arrive in, and whether a file is a sync engine's conflict copy or not.
//!
//! Nothing here deletes a file: files written by others are theirs, and a published file stays
//! for machines that have not synced yet (a plan's purge is the one place that removes files).
//! A deleted published file is not written again: the panelist may have purged that plan.
//! What was published and read is remembered in `team_files` (by file name): a file imported
//! once is done for good, and one refused or not addressed here is read again only if it
//! changes.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::arrivals::read_arrivals;
use super::names::FolderFileKind;
use super::publish::{publish_kits, publish_scorecards};
use super::{team_folder, FolderState};
use crate::exchange;
use crate::identity::Identity;
use crate::{Db, Error, Result};

/// One file a pass published or read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncedFile {
    /// Its name in the team folder (opaque: names no one).
    pub file: String,
    /// `kit` or `scorecard`.
    pub kind: SyncedKind,
    /// The plan it belongs to on this computer, when known.
    pub plan_id: Option<i64>,
    /// What happened, in words.
    pub message: String,
    /// Whether the file was a sync engine's conflict copy.
    pub conflict_copy: bool,
}

/// Kit or scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SyncedKind {
    /// A `.hpkit`.
    Kit,
    /// A `.hpscore`.
    Scorecard,
}

impl From<FolderFileKind> for SyncedKind {
    fn from(kind: FolderFileKind) -> SyncedKind {
        match kind {
            FolderFileKind::Kit => SyncedKind::Kit,
            FolderFileKind::Scorecard => SyncedKind::Scorecard,
        }
    }
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Files written to the folder.
    pub published: Vec<SyncedFile>,
    /// Files read and imported (or found already imported).
    pub imported: Vec<SyncedFile>,
    /// Files read and refused by the exchange rules, each with its reason.
    pub refused: Vec<SyncedFile>,
    /// Returns that would replace a scorecard recorded on this computer: never replaced in the
    /// background, listed on their plan for the lead to choose (`team::folder_conflicts`).
    pub conflicts: Vec<SyncedFile>,
    /// What could not be published, in words (a panelist without an identity).
    pub skipped: Vec<String>,
}

/// Makes one pass over the team folder with this install's `identity`. Refused, with the
/// folder's own sentence, when no folder is chosen or it cannot be used now; nothing is lost
/// then, and files still go by hand.
pub fn sync_once(db: &mut Db, identity: &Identity) -> Result<SyncReport> {
    let Some(folder) = team_folder(db.conn())? else {
        return Err(Error::InvalidInput(
            "no team folder is chosen: choose one with `panelctl team folder PATH` (or in Data \
             & backups)"
                .into(),
        ));
    };
    if folder.state != FolderState::Ready {
        return Err(Error::InvalidInput(folder.message));
    }
    run_pass(db, identity, &PathBuf::from(&folder.path), None)
}

/// [`sync_once`], publishing the kits of panelists without a recorded identity too, protected
/// with `passphrase` (as Send kits protects files; the lead tells it to them another way, and
/// their app asks for it when they open the file from their folder).
pub fn sync_with_passphrase(
    db: &mut Db,
    identity: &Identity,
    passphrase: &str,
) -> Result<SyncReport> {
    exchange::check_passphrase(passphrase)?;
    let Some(folder) = team_folder(db.conn())? else {
        return Err(Error::InvalidInput("no team folder is chosen".into()));
    };
    if folder.state != FolderState::Ready {
        return Err(Error::InvalidInput(folder.message));
    }
    run_pass(db, identity, &PathBuf::from(&folder.path), Some(passphrase))
}

/// After Send kits with a passphrase: a [`sync_with_passphrase`] pass when a team folder is
/// chosen and ready, nothing (`None`) otherwise, since the kits went where the lead chose.
pub fn sync_after_sending_kits(
    db: &mut Db,
    identity: &Identity,
    passphrase: &str,
) -> Result<Option<SyncReport>> {
    let ready = team_folder(db.conn())?.is_some_and(|f| f.state == FolderState::Ready);
    if !ready {
        return Ok(None);
    }
    sync_with_passphrase(db, identity, passphrase).map(Some)
}

/// A pass made by the app on its own (a change in the folder, the periodic rescan): nothing
/// (`None`) when no folder is chosen or it is not there now, and no write test first, so that
/// the passes leave nothing in the folder but exchange files (a folder that refuses a write is
/// an error of the pass, logged, and tried again later).
pub fn sync_in_background(db: &mut Db, identity: &Identity) -> Result<Option<SyncReport>> {
    let Some(path) = super::folder_setting(db.conn())? else {
        return Ok(None);
    };
    if !path.is_dir() {
        return Ok(None);
    }
    run_pass(db, identity, &path, None).map(Some)
}

fn run_pass(
    db: &mut Db,
    identity: &Identity,
    dir: &Path,
    passphrase: Option<&str>,
) -> Result<SyncReport> {
    let dir = dir.to_path_buf();
    let mut report = SyncReport::default();
    publish_kits(db, identity, &dir, passphrase, &mut report)?;
    publish_scorecards(db, &dir, &mut report)?;
    read_arrivals(db, identity, &dir, &mut report)?;
    Ok(report)
}

/// How `team_files.kind` names a file's kind.
pub(super) fn kind_code(kind: FolderFileKind) -> &'static str {
    match kind {
        FolderFileKind::Kit => "kit",
        FolderFileKind::Scorecard => "scorecard",
    }
}
