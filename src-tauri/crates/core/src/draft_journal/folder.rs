//! The journal's folder: one owner-only file per part of a card, written whole, found again by
//! ids alone. What the entries mean for a card (recovery, the notice at start) is the parent
//! module's; this one only keeps them safely on disk, outside the data folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{JournalDraftRequest, TypedDraft};
use crate::{Error, Result};

/// An entry as stored: the request and when it was typed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Entry {
    #[serde(flatten)]
    pub(super) request: JournalDraftRequest,
    pub(super) typed_at: String,
}
/// The journal of one data folder.
#[derive(Debug)]
pub struct DraftJournal {
    dir: PathBuf,
    /// Writes, settles and removals of one entry must not interleave: a settle that read an old
    /// entry must not remove a newer one written in between.
    lock: Mutex<()>,
}

impl DraftJournal {
    /// The journal of the data folder `data_dir`: under `$XDG_RUNTIME_DIR/hiring-panel/`, else
    /// under an owner-only `hiring-panel-<uid>` folder in the system's temporary directory.
    /// Nothing is created until the first draft is written.
    pub fn for_data_dir(data_dir: &Path) -> DraftJournal {
        // The desktop session's runtime folder; a `panelctl purge` from cron or sudo may lack
        // the variable but not the folder, and must find the same journal.
        let session = Path::new("/run/user").join(current_uid().to_string());
        let base = match std::env::var_os("XDG_RUNTIME_DIR") {
            Some(dir) if !dir.is_empty() && Path::new(&dir).is_absolute() => {
                PathBuf::from(dir).join("hiring-panel")
            }
            _ if session.is_dir() => session.join("hiring-panel"),
            _ => std::env::temp_dir().join(format!("hiring-panel-{}", current_uid())),
        };
        let canonical = data_dir
            .canonicalize()
            .unwrap_or_else(|_| data_dir.to_path_buf());
        let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
        DraftJournal::at(base.join(format!("drafts-{}", &hex::encode(digest)[..16])))
    }

    /// A journal kept in exactly this folder.
    pub fn at(dir: PathBuf) -> DraftJournal {
        DraftJournal {
            dir,
            lock: Mutex::new(()),
        }
    }

    /// The folder the entries are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps what was just typed, replacing the entry for the same part of the same card.
    pub fn write(&self, request: &JournalDraftRequest) -> Result<()> {
        request.check()?;
        let entry = Entry {
            request: request.clone(),
            typed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        };
        let bytes = serde_json::to_vec(&entry)
            .map_err(|e| Error::InvalidInput(format!("the draft could not be kept: {e}")))?;
        let name = file_name(request.plan_id, request.panelist_id, &request.draft.field());
        self.put(&name, &bytes)
    }

    /// Writes `bytes` as the entry `name`, whole: a temporary file renamed over the old one, so
    /// a kill mid-write leaves the previous entry (and a `.tmp` the next sweep removes).
    pub(super) fn put(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let _guard = self.guard();
        self.ensure_dir()?;
        let path = self.dir.join(name);
        let fail = |e: std::io::Error| {
            Error::InvalidInput(format!(
                "the draft journal in {} could not be written: {e}",
                self.dir.display()
            ))
        };
        let tmp = path.with_extension("tmp");
        {
            use std::io::Write;
            let mut file = private_file(&tmp).map_err(fail)?;
            file.write_all(bytes).map_err(fail)?;
        }
        std::fs::rename(&tmp, &path).map_err(fail)
    }

    /// Removes the entry for this part of the card if it holds exactly what SQLite now holds
    /// (`saved`); a newer entry (typing went on during the save) stays.
    pub fn settle(&self, plan_id: i64, panelist_id: i64, saved: &TypedDraft) {
        let _guard = self.guard();
        let path = self.path_of(plan_id, panelist_id, &saved.field());
        if let Some(entry) = read_entry(&path) {
            if entry.request.draft.same_typed_content(saved) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// Removes the text offered back for one part of a card (the author discarded it, or
    /// restored it into the card, where the journal's ordinary entry now keeps it).
    pub fn remove(&self, plan_id: i64, panelist_id: i64, question_number: Option<u32>) {
        let field = question_number.map_or_else(|| "overall".to_string(), |n| format!("q{n}"));
        let _guard = self.guard();
        let _ = std::fs::remove_file(recovered_path(&self.path_of(plan_id, panelist_id, &field)));
    }

    /// Removes every entry of one card (its plan or panelist is gone).
    pub(super) fn forget_card(&self, plan_id: i64, panelist_id: i64) {
        let _guard = self.guard();
        let prefix = format!("{plan_id}-{panelist_id}-");
        for path in self.files() {
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
            {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// Removes every entry of a plan (a purge); returns how many there were.
    pub fn forget_plan(&self, plan_id: i64) -> Result<usize> {
        let _guard = self.guard();
        let prefix = format!("{plan_id}-");
        let mut removed = 0;
        for path in self.files() {
            let named = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix));
            if named {
                std::fs::remove_file(&path).map_err(|e| {
                    Error::InvalidInput(format!(
                        "the unsaved draft {} could not be removed: {e}",
                        path.display()
                    ))
                })?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Every readable entry (ordinary ones and those set aside as offered), by file name.
    pub(super) fn entries(&self) -> Vec<(PathBuf, Entry)> {
        self.files()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json") && !is_minutes(p))
            .filter_map(|p| read_entry(&p).map(|e| (p, e)))
            .collect()
    }

    /// Removes what a kill in the middle of a write left (`.tmp`) and scorecard entries that
    /// cannot be read (minutes are the meeting's to judge, when it opens); called at start,
    /// before anything is typed.
    pub(super) fn sweep(&self) {
        let _guard = self.guard();
        for path in self.files() {
            let leftover = path.extension().is_some_and(|e| e == "tmp")
                || (path.extension().is_some_and(|e| e == "json")
                    && !is_minutes(&path)
                    && read_entry(&path).is_none());
            if leftover {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    pub(super) fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    fn path_of(&self, plan_id: i64, panelist_id: i64, field: &str) -> PathBuf {
        self.dir.join(file_name(plan_id, panelist_id, field))
    }

    pub(super) fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates the journal's folder and its parent owner-only. The parent may sit in the shared
    /// temporary directory, where another user could have made it first: an existing folder is
    /// looked at without following links and must be a real folder of ours, owner-only, before
    /// anything is written (or its mode touched).
    fn ensure_dir(&self) -> Result<()> {
        if let Some(parent) = self.dir.parent() {
            private_folder(parent)?;
        }
        private_folder(&self.dir)
    }
}

/// Makes `dir` (whose parent exists) as an owner-only folder, or checks the one that is there.
fn private_folder(dir: &Path) -> Result<()> {
    if std::fs::symlink_metadata(dir).is_err() {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        if let Err(e) = builder.create(dir) {
            if e.kind() != std::io::ErrorKind::AlreadyExists {
                return Err(Error::InvalidInput(format!(
                    "the draft journal folder {} could not be made: {e}",
                    dir.display()
                )));
            }
        }
    }
    ensure_ours(dir)
}

/// A scorecard part's entry: ids only, the folder never names a candidate or a panelist. Every
/// entry of a plan starts with `{plan_id}-`, which is how a purge finds them all.
fn file_name(plan_id: i64, panelist_id: i64, field: &str) -> String {
    format!("{plan_id}-{panelist_id}-{field}.json")
}

/// An agenda item's minutes: `{plan_id}-lead-m{item}.json` (the lead is no panelist id).
pub(super) fn minutes_file_name(plan_id: i64, item_number: u32) -> String {
    format!("{plan_id}-lead-m{item_number}.json")
}

/// Whether `path` holds meeting minutes rather than a part of a scorecard.
pub(super) fn is_minutes(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("-lead-m"))
}

/// Where an entry offered back is set aside (`1-2-q3.json` → `1-2-q3.recovered.json`).
pub(super) fn recovered_path(path: &Path) -> PathBuf {
    if is_recovered(path) {
        return path.to_path_buf();
    }
    path.with_extension("recovered.json")
}

/// Sets an entry aside as offered (a no-op for one already set aside): the ordinary writes and
/// settles never touch it, so it stays until its author restores or discards it.
pub(super) fn set_aside(path: &Path) -> Result<()> {
    if is_recovered(path) {
        return Ok(());
    }
    std::fs::rename(path, recovered_path(path)).map_err(|e| {
        Error::InvalidInput(format!(
            "unsaved text in {} could not be set aside: {e}",
            path.display()
        ))
    })
}

pub(super) fn is_recovered(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".recovered.json"))
}

fn read_entry(path: &Path) -> Option<Entry> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Opens (creating or truncating) an owner-only file.
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Refuses a folder that is a symbolic link, belongs to someone else or is open to others: in
/// the shared temporary directory another user could have made it first.
#[cfg(unix)]
fn ensure_ours(dir: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(dir).map_err(|e| {
        Error::InvalidInput(format!(
            "the draft journal {} is unusable: {e}",
            dir.display()
        ))
    })?;
    if !meta.is_dir() || meta.uid() != current_uid() || meta.mode() & 0o077 != 0 {
        return Err(Error::InvalidInput(format!(
            "the draft journal folder {} is not an owner-only folder of this user; \
             unsaved text is not kept there",
            dir.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn ensure_ours(_dir: &Path) -> Result<()> {
    Ok(())
}

/// This process's user id (the owner of `/proc/self`), without a libc binding.
#[cfg(unix)]
fn current_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(0, |m| m.uid())
}

#[cfg(not(unix))]
fn current_uid() -> u32 {
    0
}
