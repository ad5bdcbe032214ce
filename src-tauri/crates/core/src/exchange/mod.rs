//! Offline exchange between laptops: kits out to panelists, signed scorecards back to the lead.
//!
//! Panelists interview on their own machines, often without network, and candidate data must
//! not pass through a cloud service. So the lead exports one **kit** file per panelist (their
//! questions with rubric, the plan summary they need, and a random per-panelist secret); the
//! panelist imports it as a *panelist copy* of the plan and interviews with all of interview
//! mode; after submitting they export a **scorecard** file signed with HMAC-SHA256 under the
//! kit's secret; the lead imports it. The formats are documented in `docs/exchange-format.md`.
//!
//! Import rules live here, not in the faces, and every import runs in the caller's single
//! transaction: a refusal ([`Error::Rejected`], or [`Error::Conflict`] when the lead must choose
//! to replace a scorecard recorded locally) says exactly why and leaves the database as it was.

mod crypt;
mod format;
mod kit_import;
mod kits;
mod lead_keys;
mod revision;
mod scorecard_conflict;
mod scorecard_export;
mod scorecard_import;
mod status;

use crate::db::CachedStatements;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub use crypt::{
    check_passphrase, encrypt as encrypt_with_passphrase, is_encrypted, MIN_PASSPHRASE_CHARS,
};
pub use format::{
    canonical, kit_message, parse, sign, verify, ExchangeFile, ExchangedAmendment, Kit, KitFile,
    KitPack, KitPanelist, KitPlan, KitSignature, KitSource, ScorecardBody, ScorecardContent,
    ScorecardFile, Signature, FORMAT_VERSION, KIT_FORMAT, KIT_FORMAT_VERSION, MAX_FILE_BYTES,
    SCORECARD_FORMAT,
};
pub use kit_import::{import_kit, KitImported};
pub use kits::{export_kits, file_name, IssuedKit};
pub use lead_keys::{known_lead_keys, KnownLeadKey, LeadKeyChange, LeadKeyTrust};
pub use scorecard_conflict::{FileCardFacts, LocalCardFacts, ScorecardConflict};
pub use scorecard_export::{export_scorecard, submitted_digest, ExportedScorecard};
pub use scorecard_import::{import_scorecard, ScorecardImported};
pub use status::{exchange_status, held_kit, HeldKitInfo, PanelistExchange};

/// Extension of kit files.
pub const KIT_EXTENSION: &str = "hpkit";
/// Extension of scorecard files.
pub const SCORECARD_EXTENSION: &str = "hpscore";

/// The requests the app's exchange commands take, with the result they give.
/// Send every panelist's kit into a folder.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SendKitsRequest {
    /// Plan id (the lead's plan).
    pub plan_id: i64,
    /// Folder chosen in the dialog.
    pub dir: String,
    /// Encrypt the kits with this passphrase.
    pub passphrase: Option<String>,
}

/// Import one file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    /// The `.hpkit` or `.hpscore` file.
    pub path: String,
    /// How to proceed.
    pub options: ImportOptions,
}

/// What an import did, with a sentence to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    /// What happened, as data.
    pub outcome: ImportOutcome,
    /// What happened, in words.
    pub message: String,
}

/// Export the panelist's signed scorecard.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardFileRequest {
    /// Plan id (a panelist's copy).
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Where to write the `.hpscore` file.
    pub path: String,
    /// Encrypt the file with this passphrase.
    pub passphrase: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ImportOutcome {
    /// A kit became (or already was) a panelist copy.
    Kit(KitImported),
    /// A scorecard was stored (or was already there).
    Scorecard(ScorecardImported),
}

impl ImportOutcome {
    /// The plan the file went into: the panelist's copy a kit made, or the lead's plan.
    pub fn plan_id(&self) -> i64 {
        match self {
            ImportOutcome::Kit(k) => k.plan_id,
            ImportOutcome::Scorecard(s) => s.plan_id,
        }
    }

    /// One sentence for a person: what happened.
    pub fn describe(&self) -> String {
        match self {
            ImportOutcome::Kit(k) if k.already_imported => format!(
                "This kit was already imported: {}'s questions for {} are here; nothing changed.",
                k.panelist_name, k.candidate
            ),
            ImportOutcome::Kit(k) => format!(
                "Imported {}'s kit for {}: {} questions. {}{}",
                k.panelist_name,
                k.candidate,
                k.questions,
                match k.lead_key {
                    LeadKeyTrust::FirstSeen => format!(
                        "It is the first kit signed by its panel lead's key, fingerprint {}: \
                         check it with the lead (their Hiring Panel shows it under Send kits).",
                        k.lead_fingerprint
                    ),
                    LeadKeyTrust::Known => format!(
                        "Signed by the panel lead's key this computer knows ({}).",
                        k.lead_fingerprint
                    ),
                    LeadKeyTrust::Accepted => format!(
                        "The panel lead's new key {} is accepted from now on.",
                        k.lead_fingerprint
                    ),
                },
                k.replaces_plan
                    .map(
                        |_| " It replaces an older kit for the same interview; notes made with \
                               that one are kept in its own copy, but the lead accepts only a \
                               scorecard exported from this new copy."
                            .to_string()
                    )
                    .unwrap_or_default()
            ),
            ImportOutcome::Scorecard(s) if s.already_imported => format!(
                "Revision {} of {}'s scorecard for {} was already imported; nothing changed.",
                s.revision, s.panelist_name, s.candidate
            ),
            ImportOutcome::Scorecard(s) => format!(
                "Imported {}'s scorecard for {} (revision {}{}).",
                s.panelist_name,
                s.candidate,
                s.revision,
                match (s.previous_revision, s.replaced_local) {
                    (Some(p), _) => format!(", replacing revision {p}"),
                    (None, true) => ", replacing the scorecard recorded on this computer".into(),
                    (None, false) => String::new(),
                }
            ),
        }
    }
}

/// How an import may proceed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// Replace a scorecard the lead recorded on this computer for the same panelist.
    pub replace_local: bool,
    /// The passphrase of a file the sender protected with one.
    pub passphrase: Option<String>,
    /// The fingerprint of a changed lead key the panelist checked with the lead and accepts
    /// (see [`LeadKeyChange`]).
    #[serde(default)]
    pub accept_lead_key: Option<String>,
}

/// Imports a kit or scorecard file in one transaction, whichever the file is. A file protected
/// with a passphrase is refused as [`Error::Locked`] until the right passphrase is given.
pub fn import(db: &mut crate::Db, bytes: &[u8], options: ImportOptions) -> Result<ImportOutcome> {
    let file = open(bytes, options.passphrase.as_deref())?;
    import_file(db, &file, &options)
}

/// Decrypts (when protected) and parses an exchange file, without touching the database: the
/// slow part of an import, done before the caller takes the database lock.
pub fn open(bytes: &[u8], passphrase: Option<&str>) -> Result<ExchangeFile> {
    if !crypt::is_encrypted(bytes) {
        return parse(bytes);
    }
    let Some(passphrase) = passphrase else {
        return Err(Error::Locked(
            "this file is protected with a passphrase: enter the one the sender gave you".into(),
        ));
    };
    parse(&crypt::decrypt(bytes, passphrase)?)
}

/// Imports a file [`open`] returned, in one transaction.
pub fn import_file(
    db: &mut crate::Db,
    file: &ExchangeFile,
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    db.with_tx(|tx| match file {
        ExchangeFile::Kit(kit) => {
            import_kit(tx, kit, options.accept_lead_key.as_deref()).map(ImportOutcome::Kit)
        }
        ExchangeFile::Scorecard(card) => {
            import_scorecard(tx, card, options.replace_local).map(ImportOutcome::Scorecard)
        }
    })
}

/// Reads an exchange file from disk, refusing anything larger than [`MAX_FILE_BYTES`] without
/// reading all of it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Error::InvalidInput(format!("cannot read {}: {}", path.display(), e));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// One kit written to a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SentKit {
    /// Panelist id.
    pub panelist_id: i64,
    /// Their name.
    pub panelist_name: String,
    /// Where the kit was written.
    pub path: String,
    /// True when a new kit was issued (first time, or their questions changed).
    pub new: bool,
}

/// Issues the plan's kits and writes them into `dir`, all in one transaction: if any file
/// cannot be written (disk full, no permission) no kit counts as issued. With a passphrase,
/// every kit is encrypted with it (tell the panelists the passphrase another way). Kits are
/// signed with `identity`, this install's key.
pub fn send_kits(
    db: &mut crate::Db,
    identity: &crate::identity::Identity,
    plan_id: i64,
    dir: &std::path::Path,
    passphrase: Option<&str>,
) -> Result<Vec<SentKit>> {
    if !dir.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{} is not a folder",
            dir.display()
        )));
    }
    if let Some(p) = passphrase {
        crypt::check_passphrase(p)?;
    }
    db.with_tx(|tx| {
        let kits = export_kits(tx, plan_id, identity)?;
        let mut files = Vec::with_capacity(kits.len());
        for kit in &kits {
            let bytes = match passphrase {
                Some(p) => crypt::encrypt(&kit.bytes, p)?,
                None => kit.bytes.clone(),
            };
            files.push((dir.join(&kit.file_name), bytes));
        }
        // All kits or none: a failed write leaves the folder and the database as they were.
        let staged: Vec<(&std::path::Path, &[u8])> = files
            .iter()
            .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
            .collect();
        crate::files::write_all_atomically(&staged)?;
        Ok(kits
            .into_iter()
            .zip(files)
            .map(|(kit, (path, _))| SentKit {
                panelist_id: kit.panelist_id,
                panelist_name: kit.panelist_name,
                path: path.display().to_string(),
                new: kit.new,
            })
            .collect())
    })
}

/// Exports the panelist's signed scorecard to `path` (replaced atomically), encrypted when a
/// passphrase is given; the revision only counts as exported once the file is written.
pub fn save_scorecard(
    db: &mut crate::Db,
    plan_id: i64,
    panelist_id: i64,
    path: &std::path::Path,
    passphrase: Option<&str>,
) -> Result<ExportedScorecard> {
    db.with_tx(|tx| {
        let mut file = export_scorecard(tx, plan_id, panelist_id)?;
        if let Some(p) = passphrase {
            file.bytes = crypt::encrypt(&file.bytes, p)?;
        }
        crate::export::write(path, crate::export::ExportKind::Scorecard, &file.bytes)?;
        Ok(file)
    })
}

/// The plan's identity across machines, made on first use.
pub(crate) fn plan_key(conn: &Connection, plan_id: i64) -> Result<String> {
    let key: Option<String> = conn.query_row_cached(
        "SELECT exchange_key FROM plans WHERE id = ?1",
        [plan_id],
        |r| r.get(0),
    )?;
    if let Some(key) = key {
        return Ok(key);
    }
    let key = crate::ids::random_hex(16);
    conn.execute_cached(
        "UPDATE plans SET exchange_key = ?1 WHERE id = ?2",
        rusqlite::params![key, plan_id],
    )?;
    Ok(key)
}

#[cfg(test)]
mod tests;
