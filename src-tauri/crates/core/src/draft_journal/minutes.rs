//! The debrief meeting's minutes in the draft journal: the lead's words per agenda item, kept
//! outside SQLite until SQLite has them — the same promise interview notes keep.
//!
//! The meeting's minutes box saves like interview notes (500 ms after the last key), so the lead
//! killed mid-sentence would lose what the autosave had not reached. Each change therefore also
//! goes here first, one entry per agenda item (`{plan}-lead-m{item}.json`, ids only), replaced
//! whole. An entry is let go once SQLite holds the same words ([`store_minutes`]); what is left
//! when the meeting opens again is offered back to the lead ([`recover_minutes`]), set aside
//! under its own name until they restore or discard it. A purge forgets them with the rest of
//! the plan's entries.
//!
//! An entry names the meeting by when it started: the agenda's numbers mean something only in
//! that meeting, and a plan that later got the same id (after a purge, or in a restored backup)
//! has another meeting, whose lead is never offered these words.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::folder::{is_minutes, is_recovered, minutes_file_name, recovered_path, set_aside};
use super::DraftJournal;
use crate::db::CachedStatements;
use crate::debrief::meeting::{Meeting, MinutesRequest, MAX_MINUTES_CHARS};
use crate::time::Timestamp;
use crate::{Error, Result};

/// What the lead just typed in one agenda item's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MinutesDraftRequest {
    /// Plan id.
    pub plan_id: i64,
    /// When the meeting started, as the meeting shows it: the agenda's numbers belong to it.
    pub meeting_started_at: String,
    /// Agenda item, from 1.
    pub item_number: u32,
    /// The minutes, whole, as the box holds them.
    pub text: String,
}

impl MinutesDraftRequest {
    /// What the save would refuse is refused here too; nothing is written when this fails.
    fn check(&self) -> Result<()> {
        if self.plan_id <= 0 || self.item_number == 0 {
            return Err(Error::InvalidInput(format!(
                "plan {} / item {} is not an agenda item; the minutes were not kept",
                self.plan_id, self.item_number
            )));
        }
        if Timestamp::parse(&self.meeting_started_at).is_none() {
            return Err(Error::InvalidInput(
                "the meeting's start time is missing or malformed; the minutes were not kept"
                    .into(),
            ));
        }
        let chars = self.text.chars().count();
        if chars > MAX_MINUTES_CHARS {
            return Err(Error::InvalidInput(format!(
                "the minutes are {chars} characters long; at most {MAX_MINUTES_CHARS} fit one item"
            )));
        }
        Ok(())
    }
}

/// An entry as stored: the request and when it was typed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MinutesEntry {
    request: MinutesDraftRequest,
    typed_at: String,
}

/// Minutes typed on this computer that SQLite never received, offered back to the lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecoveredMinutes {
    /// Agenda item, from 1.
    pub item_number: u32,
    /// The minutes as they were typed, whole.
    pub text: String,
    /// When they were typed (RFC 3339, UTC).
    pub typed_at: String,
}

impl DraftJournal {
    /// Keeps the minutes just typed, replacing the entry for the same item.
    pub fn write_minutes(&self, request: &MinutesDraftRequest) -> Result<()> {
        request.check()?;
        let entry = MinutesEntry {
            request: request.clone(),
            typed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        };
        let bytes = serde_json::to_vec(&entry)
            .map_err(|e| Error::InvalidInput(format!("the minutes could not be kept: {e}")))?;
        self.put(
            &minutes_file_name(request.plan_id, request.item_number),
            &bytes,
        )
    }

    /// Removes the item's entry if it holds exactly `saved` (what SQLite now holds); newer words
    /// typed during the save stay.
    fn settle_minutes(&self, plan_id: i64, item_number: u32, saved: &str) {
        let _guard = self.guard();
        let path = self.dir().join(minutes_file_name(plan_id, item_number));
        if read_minutes(&path).is_some_and(|e| e.request.text == saved) {
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Removes the minutes offered back for one item (the lead discarded them, or restored them,
    /// where the ordinary entry and the autosave now keep them).
    pub fn remove_recovered_minutes(&self, plan_id: i64, item_number: u32) {
        let _guard = self.guard();
        let path = self.dir().join(minutes_file_name(plan_id, item_number));
        let _ = std::fs::remove_file(recovered_path(&path));
    }

    /// Every minutes file of one plan, read or not (`None`: unreadable).
    fn minutes_of(&self, plan_id: i64) -> Vec<(PathBuf, Option<MinutesEntry>)> {
        let prefix = format!("{plan_id}-");
        self.files()
            .into_iter()
            .filter(|p| is_minutes(p) && p.extension().is_some_and(|e| e == "json"))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
            })
            .map(|p| {
                let entry = read_minutes(&p);
                (p, entry)
            })
            .collect()
    }
}

/// The autosave of an item's minutes: into SQLite in one transaction, then the journal's copy
/// is let go if it holds the same words.
pub fn store_minutes(
    db: &mut crate::Db,
    journal: Option<&DraftJournal>,
    request: &MinutesRequest,
) -> Result<Meeting> {
    let meeting = db.with_tx(|tx| crate::debrief::meeting::save_minutes(tx, request))?;
    if let Some(journal) = journal {
        journal.settle_minutes(request.plan_id, request.item_number, &request.text);
    }
    Ok(meeting)
}

/// The minutes typed for this plan's meeting that SQLite never received, by item.
///
/// Each entry offered is set aside (`….recovered.json`) so the screen's own saves cannot make it
/// vanish before the lead chose; it is offered again next time if they chose neither. Entries
/// that SQLite holds after all, that are unreadable, or that belong to another meeting (another
/// start, or a plan that got the same id) or to an item the agenda lacks, are removed on the way.
pub fn recover_minutes(
    conn: &Connection,
    journal: &DraftJournal,
    plan_id: i64,
) -> Result<Vec<RecoveredMinutes>> {
    let started: Option<Timestamp> = conn
        .query_row_cached(
            "SELECT started_at FROM debrief_meetings WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let saved: HashMap<u32, String> = {
        let mut stmt =
            conn.prepare_cached("SELECT number, minutes FROM meeting_items WHERE plan_id = ?1")?;
        let rows = stmt.query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let _guard = journal.guard();
    let mut entries = journal.minutes_of(plan_id);
    // Set-aside entries first: an ordinary one for the same item was typed after a restore,
    // so it is the newer text and replaces it.
    entries.sort_by_key(|(path, _)| !is_recovered(path));
    let mut found: Vec<RecoveredMinutes> = Vec::new();
    for (path, entry) in entries {
        let Some(entry) = entry else {
            let _ = std::fs::remove_file(&path);
            continue;
        };
        let r = &entry.request;
        let same_meeting = started.is_some() && Timestamp::parse(&r.meeting_started_at) == started;
        let stored = saved.get(&r.item_number);
        if !same_meeting || stored.is_none_or(|s| *s == r.text) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        set_aside(&path)?;
        found.retain(|m| m.item_number != r.item_number);
        found.push(RecoveredMinutes {
            item_number: r.item_number,
            text: r.text.clone(),
            typed_at: entry.typed_at.clone(),
        });
    }
    found.sort_by_key(|m| m.item_number);
    Ok(found)
}

fn read_minutes(path: &std::path::Path) -> Option<MinutesEntry> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}
