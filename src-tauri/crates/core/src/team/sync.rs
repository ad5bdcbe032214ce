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

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::names::{classify, published_name, FolderFileKind};
use super::{team_folder, FolderState};
use crate::db::CachedStatements;
use crate::exchange::{self, ExchangeFile, ImportOptions, ImportOutcome};
use crate::identity::{Identity, PublicIdentity};
use crate::{db, files, Db, Error, Result};

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

/// The lead's side: every live kit not yet in the folder, encrypted to its panelist.
fn publish_kits(
    db: &mut Db,
    identity: &Identity,
    dir: &Path,
    passphrase: Option<&str>,
    report: &mut SyncReport,
) -> Result<()> {
    let plans: Vec<i64> = {
        let mut stmt = db.conn().prepare_cached(
            "SELECT DISTINCT k.plan_id FROM issued_kits k
             WHERE k.superseded_at IS NULL AND NOT EXISTS
                   (SELECT 1 FROM team_files f WHERE f.kit_id = k.kit_id AND f.published)
             ORDER BY k.plan_id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for plan in plans {
        db.with_tx(|tx| {
            // The kits Send kits would send now: the same kit again for an unchanged panelist.
            for kit in exchange::export_kits(tx, plan, identity)? {
                if is_published(tx, &kit.kit_id)? {
                    continue;
                }
                let recipient = crate::people::identity_of_panelist(tx, kit.panelist_id)?;
                let (cipher, how) = match (&recipient, passphrase) {
                    (Some(recipient), _) => (
                        encrypt_to(&kit.bytes, recipient)?,
                        format!("encrypted to their identity {}", recipient.fingerprint),
                    ),
                    (None, Some(passphrase)) => (
                        exchange::encrypt_with_passphrase(&kit.bytes, passphrase)?,
                        "protected with the passphrase (tell it to them another way)".to_string(),
                    ),
                    (None, None) => {
                        report.skipped.push(format!(
                            "{}'s kit was not published: no identity is recorded for them \
                             (record the line their Hiring Panel shows, send kits with a \
                             passphrase, or send the kit by file)",
                            kit.panelist_name
                        ));
                        continue;
                    }
                };
                let file = write_new(dir, FolderFileKind::Kit, &cipher)?;
                remember_published(
                    tx,
                    &file,
                    FolderFileKind::Kit,
                    Some(plan),
                    &kit.kit_id,
                    None,
                )?;
                report.published.push(SyncedFile {
                    file,
                    kind: SyncedKind::Kit,
                    plan_id: Some(plan),
                    message: format!("{}'s kit, {how}", kit.panelist_name),
                    conflict_copy: false,
                });
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// The panelist's side: each submitted scorecard whose current content is not yet in the
/// folder, encrypted to the lead identity its kit carries.
fn publish_scorecards(db: &mut Db, dir: &Path, report: &mut SyncReport) -> Result<()> {
    let held: Vec<(i64, i64, String, Option<String>)> = {
        let mut stmt = db.conn().prepare_cached(
            "SELECT plan_id, panelist_id, kit_id, lead_identity FROM held_kits ORDER BY plan_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (plan, panelist, kit_id, lead) in held {
        let Some(digest) = exchange::submitted_digest(db.conn(), plan, panelist)? else {
            continue; // not submitted: nothing to return yet
        };
        if published_digest(db.conn(), &kit_id)?.as_deref() == Some(digest.as_str()) {
            continue;
        }
        let Some(lead) = lead.and_then(|l| PublicIdentity::parse(&l).ok()) else {
            report.skipped.push(
                "a submitted scorecard was not published: its kit came from an older version \
                 and names no lead identity to encrypt it to (export it by file)"
                    .into(),
            );
            continue;
        };
        db.with_tx(|tx| {
            let card = exchange::export_scorecard(tx, plan, panelist)?;
            let file = write_new(
                dir,
                FolderFileKind::Scorecard,
                &encrypt_to(&card.bytes, &lead)?,
            )?;
            remember_published(
                tx,
                &file,
                FolderFileKind::Scorecard,
                Some(plan),
                &kit_id,
                Some(&digest),
            )?;
            report.published.push(SyncedFile {
                file,
                kind: SyncedKind::Scorecard,
                plan_id: Some(plan),
                message: format!(
                    "your scorecard, revision {}, encrypted to the panel lead {}",
                    card.revision, lead.fingerprint
                ),
                conflict_copy: false,
            });
            Ok(())
        })?;
    }
    Ok(())
}

/// `bytes` encrypted so that only `recipient`'s install opens them.
fn encrypt_to(bytes: &[u8], recipient: &PublicIdentity) -> Result<Vec<u8>> {
    age::encrypt(&recipient.age_recipient(), bytes)
        .map_err(|e| Error::InvalidInput(format!("the file could not be encrypted: {e}")))
}

/// Writes an encrypted file under a new opaque name (atomically: a hidden temporary file
/// renamed into place). Returns the name.
fn write_new(dir: &Path, kind: FolderFileKind, cipher: &[u8]) -> Result<String> {
    let name = published_name(kind);
    files::write_atomically(&dir.join(&name), cipher)?;
    Ok(name)
}

fn is_published(conn: &Connection, kit_id: &str) -> Result<bool> {
    Ok(conn
        .query_row_cached(
            "SELECT 1 FROM team_files WHERE kit_id = ?1 AND published AND kind = 'kit'",
            [kit_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn published_digest(conn: &Connection, kit_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row_cached(
            "SELECT digest FROM team_files
             WHERE kit_id = ?1 AND published AND kind = 'scorecard'
             ORDER BY rowid DESC LIMIT 1",
            [kit_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn remember_published(
    conn: &Connection,
    name: &str,
    kind: FolderFileKind,
    plan: Option<i64>,
    kit_id: &str,
    digest: Option<&str>,
) -> Result<()> {
    conn.execute_cached(
        "INSERT INTO team_files (name, published, kind, plan_id, kit_id, digest, at)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)",
        params![name, kind_code(kind), plan, kit_id, digest, db::now()],
    )?;
    Ok(())
}

/// A file's size and modification time, to notice it changed since it was read.
fn stamp(path: &Path) -> Option<(i64, String)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339())?;
    Some((meta.len() as i64, modified))
}

/// Every exchange file in the folder not published here and not read since it last changed:
/// decrypted with this install's identity (files encrypted to others are noted and left), then
/// imported through the exchange rules.
fn read_arrivals(
    db: &mut Db,
    identity: &Identity,
    dir: &Path,
    report: &mut SyncReport,
) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::InvalidInput(format!(
            "cannot list the team folder {}: {e}",
            dir.display()
        ))
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    // Any order works; a fixed one makes a pass repeatable.
    names.sort();
    let age_identity = identity.age_identity();
    for name in names {
        let Some(kind) = classify(&name) else {
            continue;
        };
        let path = dir.join(&name);
        let Some((size, modified)) = stamp(&path) else {
            continue; // gone since it was listed
        };
        if !needs_reading(db.conn(), &name, size, &modified)? {
            continue;
        }
        let outcome = read_one(db, &age_identity, &path);
        let (plan, message, code) = match &outcome {
            Read::NotOurs => (None, None, "not-ours"),
            Read::Imported(o) => (Some(plan_of(o)), Some(o.describe()), "imported"),
            Read::Refused(why) => (None, Some(why.clone()), "refused"),
            Read::Conflict(plan, why) => (*plan, Some(why.clone()), "conflict"),
        };
        db.with_tx(|tx| {
            tx.execute_cached(
                "INSERT INTO team_files (name, published, kind, plan_id, size, modified, outcome, at)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (name) DO UPDATE SET plan_id = excluded.plan_id,
                     size = excluded.size, modified = excluded.modified,
                     outcome = excluded.outcome, at = excluded.at",
                params![name, kind_code(kind.kind), plan, size, modified, code, db::now()],
            )?;
            Ok(())
        })?;
        if let Some(message) = message {
            let file = SyncedFile {
                file: name.clone(),
                kind: kind.kind.into(),
                plan_id: plan,
                message,
                conflict_copy: kind.conflict_copy,
            };
            match code {
                "refused" => report.refused.push(file),
                "conflict" => report.conflicts.push(file),
                _ => report.imported.push(file),
            }
        }
    }
    Ok(())
}

/// Whether a file found in the folder is to be read now, from what this install remembers of
/// it by name.
fn needs_reading(conn: &Connection, name: &str, size: i64, modified: &str) -> Result<bool> {
    struct Remembered {
        published: bool,
        outcome: Option<String>,
        size: Option<i64>,
        modified: Option<String>,
    }
    let known = conn
        .query_row_cached(
            "SELECT published, outcome, size, modified FROM team_files WHERE name = ?1",
            [name],
            |r| {
                Ok(Remembered {
                    published: r.get(0)?,
                    outcome: r.get(1)?,
                    size: r.get(2)?,
                    modified: r.get(3)?,
                })
            },
        )
        .optional()?;
    Ok(match known {
        None => true,
        // Ours, or imported once (a purged plan's file brought back by a machine that had not
        // synced must not come back): done for good. Names are written once; a file changed
        // under the same name is a sync engine's business, and it makes a conflict copy.
        Some(k) if k.published || k.outcome.as_deref() == Some("imported") => false,
        // Refused or not ours: read again only once it changed (a file still arriving, say).
        Some(k) => k.size != Some(size) || k.modified.as_deref() != Some(modified),
    })
}

/// What reading one file came to.
enum Read {
    /// Not encrypted to this install (another panelist's kit, a file protected with a
    /// passphrase, a plain file): left alone.
    NotOurs,
    /// Imported, or found already imported.
    Imported(ImportOutcome),
    /// Refused by the rules, with why.
    Refused(String),
    /// A return that would replace a scorecard recorded here: the lead's plan, and why.
    Conflict(Option<i64>, String),
}

/// Reads a file of the folder and decrypts it with this install's key: `None` when it is not
/// addressed here (encrypted to someone else, protected with a passphrase, or not encrypted).
pub(super) fn open_here(
    identity: &age::x25519::Identity,
    path: &Path,
) -> Result<Option<ExchangeFile>> {
    let bytes = exchange::read_file(path)?;
    if !exchange::is_encrypted(&bytes) {
        return Ok(None);
    }
    let plain = match age::decrypt(identity, &bytes) {
        Ok(plain) => plain,
        Err(age::DecryptError::NoMatchingKeys) => return Ok(None),
        Err(e) => {
            return Err(Error::Rejected(format!(
                "the encrypted file is damaged: {e}"
            )))
        }
    };
    exchange::parse(&plain).map(Some)
}

fn read_one(db: &mut Db, identity: &age::x25519::Identity, path: &Path) -> Read {
    let file = match open_here(identity, path) {
        Ok(Some(file)) => file,
        Ok(None) => return Read::NotOurs,
        Err(e) => return Read::Refused(e.to_string()),
    };
    match exchange::import_file(db, &file, &ImportOptions::default()) {
        Ok(outcome) => Read::Imported(outcome),
        Err(e @ Error::ScorecardConflict(_)) => {
            Read::Conflict(lead_plan_of(db.conn(), &file), e.to_string())
        }
        Err(e) => Read::Refused(e.to_string()),
    }
}

/// The lead's plan a scorecard file is for, by the plan key it carries.
pub(super) fn lead_plan_of(conn: &Connection, file: &ExchangeFile) -> Option<i64> {
    let ExchangeFile::Scorecard(card) = file else {
        return None;
    };
    conn.query_row_cached(
        "SELECT id FROM plans WHERE exchange_key = ?1 AND mode = 'lead'",
        [&card.body.plan_key],
        |r| r.get(0),
    )
    .optional()
    .ok()
    .flatten()
}

/// Records what became of a file read in the folder (an outcome code of `team_files`).
pub(super) fn remember_outcome(conn: &Connection, name: &str, outcome: &str) -> Result<()> {
    conn.execute_cached(
        "UPDATE team_files SET outcome = ?1, at = ?2 WHERE name = ?3 AND NOT published",
        params![outcome, db::now(), name],
    )?;
    Ok(())
}

fn plan_of(outcome: &ImportOutcome) -> i64 {
    match outcome {
        ImportOutcome::Kit(k) => k.plan_id,
        ImportOutcome::Scorecard(s) => s.plan_id,
    }
}

fn kind_code(kind: FolderFileKind) -> &'static str {
    match kind {
        FolderFileKind::Kit => "kit",
        FolderFileKind::Scorecard => "scorecard",
    }
}
