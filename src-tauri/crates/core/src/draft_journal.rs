//! The draft journal: every word typed in interview mode, kept outside SQLite until SQLite has it.
//!
//! The autosave reaches SQLite 500 ms after the last keystroke (2 s at most while typing goes
//! on), so a crash, a kill or a data disk that is full or has gone read-only would lose what was
//! typed in between. Interview mode therefore also writes each answer and the overall part here
//! as the panelist types, before the autosave: one small file per answer, replaced whole (a
//! temporary file renamed over it) on every change. The journal lives outside the data folder —
//! under `$XDG_RUNTIME_DIR` (a memory file system the desktop session gives each user), else an
//! owner-only folder in the system's temporary directory — so the data disk's troubles do not
//! stop it, and in a folder of its own per data folder (named by a hash of its path), so two
//! databases never see each other's drafts. Folders are `0700`, files `0600`.
//!
//! An entry is removed once SQLite holds the same content ([`DraftJournal::settle`], called after
//! every successful autosave). Whatever is left when the app starts again was never saved:
//! [`recover`] hands it back to its author (only once their card is open, PIN and all), and
//! [`pending`] tells the Plans screen which cards have something to recover without showing any
//! of it. A purge forgets the plan's entries ([`DraftJournal::forget_plan`]).
//!
//! Durability, deliberately: writes are not `fsync`ed. The journal protects against the app's
//! process dying (a crash, `SIGKILL`) and against a data disk that refuses writes; the runtime
//! folder itself does not survive a power cut, which is what SQLite's `synchronous=FULL` commit
//! covers within the autosave's window.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::scorecards::{AnswerInput, OverallInput, ScorecardStatus};
use crate::{Error, Result};

/// What the panelist typed for one part of their scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum TypedDraft {
    /// One answer: score, points, signals, notes.
    Answer {
        /// The answer as the screen holds it.
        answer: AnswerInput,
    },
    /// The recommendation and summary.
    Overall {
        /// As the screen holds them.
        overall: OverallInput,
    },
}

impl TypedDraft {
    /// The part of the scorecard this draft is for, as used in the entry's file name.
    fn field(&self) -> String {
        match self {
            TypedDraft::Answer { answer } => format!("q{}", answer.question_number),
            TypedDraft::Overall { .. } => "overall".into(),
        }
    }

    /// True when `other` holds the same words and choices. The time spent on a question ticks
    /// every second and is not something typed, so it is left out.
    fn same_typed_content(&self, other: &TypedDraft) -> bool {
        match (self, other) {
            (TypedDraft::Answer { answer: a }, TypedDraft::Answer { answer: b }) => {
                a.question_number == b.question_number
                    && a.score == b.score
                    && a.not_asked_reason == b.not_asked_reason
                    && a.covered == b.covered
                    && a.flags == b.flags
                    && a.notes == b.notes
            }
            (TypedDraft::Overall { overall: a }, TypedDraft::Overall { overall: b }) => a == b,
            _ => false,
        }
    }
}

/// What was just typed in interview mode, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalDraftRequest {
    /// Plan id.
    pub plan_id: i64,
    /// When the plan was created, as the plan shows it: tells this plan from another that
    /// later got the same id (after a purge, or in a restored backup).
    pub plan_created_at: String,
    /// Panelist id.
    pub panelist_id: i64,
    /// The panelist's name: a panelist id freed by a removal can be given to the next person
    /// added, who must never be offered the first one's words.
    pub panelist_name: String,
    /// What was typed.
    pub draft: TypedDraft,
}

/// An entry as stored: the request and when it was typed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    #[serde(flatten)]
    request: JournalDraftRequest,
    typed_at: String,
}

/// Text typed on this computer that SQLite never received, handed back to its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveredDraft {
    /// What was typed.
    pub draft: TypedDraft,
    /// When it was typed (RFC 3339, UTC).
    pub typed_at: String,
}

/// A scorecard with unsaved text waiting for its author, as the Plans screen names it: who and
/// for which candidate, never what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveredCard {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Panelist id.
    pub panelist_id: i64,
    /// Panelist's name.
    pub panelist_name: String,
    /// How many parts of the scorecard (answers, the overall part) have unsaved text.
    pub parts: u32,
}

/// Which part of a scorecard a draft to discard belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DiscardDraftRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// The question number, or none for the overall part.
    pub question_number: Option<u32>,
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
        let entry = Entry {
            request: request.clone(),
            typed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        };
        let bytes = serde_json::to_vec(&entry)
            .map_err(|e| Error::InvalidInput(format!("the draft could not be kept: {e}")))?;
        let _guard = self.guard();
        self.ensure_dir()?;
        let path = self.path_of(request.plan_id, request.panelist_id, &request.draft.field());
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
            file.write_all(&bytes).map_err(fail)?;
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
    fn forget_card(&self, plan_id: i64, panelist_id: i64) {
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
    fn entries(&self) -> Vec<(PathBuf, Entry)> {
        self.files()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter_map(|p| read_entry(&p).map(|e| (p, e)))
            .collect()
    }

    /// Removes what a kill in the middle of a write left (`.tmp`) and entries that cannot be
    /// read; called at start, before anything is typed.
    fn sweep(&self) {
        let _guard = self.guard();
        for path in self.files() {
            let leftover = path.extension().is_some_and(|e| e == "tmp")
                || (path.extension().is_some_and(|e| e == "json") && read_entry(&path).is_none());
            if leftover {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    fn path_of(&self, plan_id: i64, panelist_id: i64, field: &str) -> PathBuf {
        // Ids only: the folder never names a candidate or a panelist.
        self.dir
            .join(format!("{plan_id}-{panelist_id}-{field}.json"))
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
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

/// What was typed on this computer for this card and never reached SQLite, for its author.
///
/// Each entry offered is set aside under a name of its own (`….recovered.json`), which the
/// ordinary writes and settles never touch: the screen's own autosave (the question timer saves
/// the card as the database has it) cannot make it vanish before the author chose **Restore** or
/// **Discard** ([`DraftJournal::remove`]), and it is offered again at the next start if they
/// chose neither. Entries that SQLite holds after all, or that belong to a plan replaced by
/// another with the same id, to another person given the same panelist id, or to a card
/// submitted since (a submitted card changes only through an amendment), are removed on the way.
pub fn recover(
    conn: &Connection,
    journal: &DraftJournal,
    plan_id: i64,
    panelist_id: i64,
) -> Result<Vec<RecoveredDraft>> {
    let view = crate::scorecards::interview(conn, plan_id, panelist_id)?;
    let created = plan_created_at(conn, plan_id)?;
    // One decision per entry, made and carried out under the lock: a write landing in between
    // must not be removed for what the older content was.
    let _guard = journal.guard();
    let mut entries = journal.entries();
    // Parts set aside at an earlier offer first: an ordinary entry for the same part was typed
    // after it was restored (interview mode shows nothing else until the offer is answered),
    // so it is the newer text and replaces it.
    entries.sort_by_key(|(path, _)| !is_recovered(path));
    let mut found = Vec::new();
    for (path, entry) in entries {
        let r = &entry.request;
        if r.plan_id != plan_id || r.panelist_id != panelist_id {
            continue;
        }
        let saved = saved_part(&view.scorecard, &r.draft);
        let stale = created.as_deref() != Some(r.plan_created_at.as_str())
            || r.panelist_name != view.panelist_name
            || view.scorecard.status == ScorecardStatus::Submitted
            || saved.is_none();
        if stale || saved.is_some_and(|s| s.same_typed_content(&r.draft)) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        if !is_recovered(&path) {
            // Newer than anything set aside for the same part before: it replaces it.
            std::fs::rename(&path, recovered_path(&path)).map_err(|e| {
                Error::InvalidInput(format!(
                    "unsaved text in {} could not be set aside: {e}",
                    path.display()
                ))
            })?;
        }
        found.retain(|d: &RecoveredDraft| d.draft.field() != r.draft.field());
        found.push(RecoveredDraft {
            draft: r.draft.clone(),
            typed_at: entry.typed_at,
        });
    }
    Ok(found)
}

/// The cards that have unsaved text waiting, for the notice at start: names and counts only.
/// A card whose entries turn out to be saved or stale is cleaned up and not listed.
pub fn pending(conn: &Connection, journal: &DraftJournal) -> Result<Vec<RecoveredCard>> {
    journal.sweep();
    let mut cards: Vec<(i64, i64)> = journal
        .entries()
        .iter()
        .map(|(_, e)| (e.request.plan_id, e.request.panelist_id))
        .collect();
    cards.sort_unstable();
    cards.dedup();
    let mut listed = Vec::new();
    for (plan_id, panelist_id) in cards {
        let drafts = match recover(conn, journal, plan_id, panelist_id) {
            Ok(drafts) => drafts,
            // A plan or panelist that is gone, or a card returned from a kit (never typed in
            // here): nothing of it can be offered to anyone, so nothing of it is kept.
            Err(Error::NotFound { .. } | Error::Sealed(_)) => {
                journal.forget_card(plan_id, panelist_id);
                continue;
            }
            // Locked by its PIN, or the database is busy: offered when the author opens it.
            Err(_) => continue,
        };
        if drafts.is_empty() {
            continue;
        }
        let (candidate, panelist_name) = conn.query_row(
            "SELECT c.name, x.name FROM plans p JOIN candidates c ON c.id = p.candidate_id
             JOIN panelists x ON x.plan_id = p.id WHERE p.id = ?1 AND x.id = ?2",
            [plan_id, panelist_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        listed.push(RecoveredCard {
            plan_id,
            candidate,
            panelist_id,
            panelist_name,
            parts: drafts.len() as u32,
        });
    }
    Ok(listed)
}

/// The part of the saved card a draft is for, as a draft; none if the card has no such part.
fn saved_part(card: &crate::scorecards::ScorecardView, draft: &TypedDraft) -> Option<TypedDraft> {
    match draft {
        TypedDraft::Answer { answer } => card
            .answers
            .iter()
            .find(|a| a.answer.question_number == answer.question_number)
            .map(|a| TypedDraft::Answer { answer: a.into() }),
        TypedDraft::Overall { .. } => Some(TypedDraft::Overall {
            overall: OverallInput {
                recommendation: card.recommendation,
                summary: card.summary.clone(),
            },
        }),
    }
}

fn plan_created_at(conn: &Connection, plan_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT created_at FROM plans WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Where an entry offered back is set aside (`1-2-q3.json` → `1-2-q3.recovered.json`).
fn recovered_path(path: &Path) -> PathBuf {
    if is_recovered(path) {
        return path.to_path_buf();
    }
    path.with_extension("recovered.json")
}

fn is_recovered(path: &Path) -> bool {
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

#[cfg(test)]
mod tests;
