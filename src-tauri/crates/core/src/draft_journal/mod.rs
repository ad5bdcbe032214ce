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
//! of it. A purge forgets the plan's entries ([`DraftJournal::forget_plan`]). The debrief
//! meeting's minutes, the lead's words, are kept the same way (the `minutes` module).
//!
//! Durability, deliberately: writes are not `fsync`ed. The journal protects against the app's
//! process dying (a crash, `SIGKILL`) and against a data disk that refuses writes; the runtime
//! folder itself does not survive a power cut, which is what SQLite's `synchronous=FULL` commit
//! covers within the autosave's window.

mod folder;
mod minutes;

pub use folder::DraftJournal;
pub use minutes::{recover_minutes, store_minutes, MinutesDraftRequest, RecoveredMinutes};

use crate::db::CachedStatements;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::scorecards::{AnswerInput, OverallInput, ScorecardStatus};
use crate::{Error, Result};

use folder::{is_recovered, set_aside};

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
impl JournalDraftRequest {
    /// What the autosave would refuse is refused here too, and ids must name rows; nothing is
    /// written when this fails.
    pub(crate) fn check(&self) -> Result<()> {
        if self.plan_id <= 0 || self.panelist_id <= 0 {
            return Err(Error::InvalidInput(format!(
                "plan {} / panelist {} is not a scorecard; the draft was not kept",
                self.plan_id, self.panelist_id
            )));
        }
        if self.plan_created_at.is_empty() || self.plan_created_at.len() > 64 {
            return Err(Error::InvalidInput(
                "the plan's creation time is missing or malformed; the draft was not kept".into(),
            ));
        }
        crate::plans::clean_name("the panelist's name", &self.panelist_name)?;
        match &self.draft {
            TypedDraft::Answer { answer } => {
                crate::scorecards::ensure_fits("the note", &answer.notes)?;
                let reason = answer.not_asked_reason.as_deref().unwrap_or_default();
                crate::scorecards::ensure_fits("the reason", reason)
            }
            TypedDraft::Overall { overall } => {
                crate::scorecards::ensure_fits("the summary", &overall.summary)
            }
        }
    }
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
/// The autosave's store: writes what the screen sends to SQLite in one transaction, then lets
/// the journal's copy go if it holds the same words (typing that went on during the save stays).
pub fn store(
    db: &mut crate::Db,
    journal: Option<&DraftJournal>,
    plan_id: i64,
    panelist_id: i64,
    draft: &TypedDraft,
) -> Result<()> {
    db.with_tx(|tx| match draft {
        TypedDraft::Answer { answer } => {
            crate::scorecards::save_answer(tx, plan_id, panelist_id, answer)
        }
        TypedDraft::Overall { overall } => {
            crate::scorecards::set_overall(tx, plan_id, panelist_id, overall)
        }
    })?;
    if let Some(journal) = journal {
        journal.settle(plan_id, panelist_id, draft);
    }
    Ok(())
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
        // Newer than anything set aside for the same part before: it replaces it.
        set_aside(&path)?;
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
        let (candidate, panelist_name) = conn.query_row_cached(
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
        .query_row_cached(
            "SELECT created_at FROM plans WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?)
}
#[cfg(test)]
mod tests;
