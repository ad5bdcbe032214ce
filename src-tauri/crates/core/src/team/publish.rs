//! A pass's first half: what this install owes the team folder. The lead's live kits, each
//! encrypted to its panelist's identity (or protected with the pass's passphrase); a
//! panelist's new scorecard revisions, encrypted to the lead identity their kit carries. Each
//! file is written once, under an opaque name, and remembered in `team_files`.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::names::{published_name, FolderFileKind};
use super::sync::{kind_code, SyncReport, SyncedFile, SyncedKind};
use crate::db::CachedStatements;
use crate::exchange;
use crate::identity::{Identity, PublicIdentity};
use crate::{db, files, Db, Error, Result};

/// The lead's side: every live kit not yet in the folder, encrypted to its panelist.
pub(super) fn publish_kits(
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
pub(super) fn publish_scorecards(db: &mut Db, dir: &Path, report: &mut SyncReport) -> Result<()> {
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
