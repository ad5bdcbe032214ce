//! The debrief meeting: the panel's discussion, run and put on the record beside the sealed,
//! independent scores, never over them.
//!
//! The meeting opens with every panelist's recommendation and summary, heard in a speaking
//! order (least senior first when seniorities are known, else the panel's order; the lead may
//! set another). Then an agenda built mechanically from the debrief ([`propose_agenda`]): the
//! questions the panel disagreed on, largest spread first; then the capabilities with thin
//! evidence (scored by fewer than two panelists, or marked "not asked" at least as often as
//! scored); then what the lead adds. The agenda is frozen when the meeting starts and its items
//! keep their numbers. The meeting's length is split across the items in proportion to their
//! weight (a question's spread; 1 for the others), two minutes at least each ([`allocate`]).
//!
//! The record: minutes per item (the lead's notes, saved as typed), the time spent per item,
//! and after-discussion scores — a second, labelled layer, one per panelist and question, each
//! naming who moved, from → to, and why. They are only for a panelist who scored that question
//! and only while no decision is recorded; the sealed answer is never touched, and the
//! debrief's figures stay the independent ones. [`MeetingOutcome`] puts the independent result
//! and the after-discussion one side by side. All of it belongs to the lead's plan: kits and
//! scorecard files never carry it.

mod agenda;
mod load;
mod outcome;
mod prepare;
mod record;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::{CapabilitySummary, RecommendationTally};
use crate::scorecards::Recommendation;
use crate::time::Timestamp;
use crate::Capability;

pub use agenda::{allocate, propose_agenda, speaking_order, MIN_ITEM_SECONDS};
pub(crate) use load::has_started;
pub use load::{meeting, stored_record};
pub use prepare::{add_item, remove_added_item, set_length, set_seniority, set_speaking_order};
pub use record::{record_time, rescore, save_minutes, start};

/// A meeting's length unless the lead sets another, in minutes.
pub const DEFAULT_LENGTH_MINUTES: u32 = 30;
/// Shortest and longest meeting accepted, in minutes.
pub const LENGTH_RANGE: std::ops::RangeInclusive<u32> = 5..=240;
/// Longest minutes of one item, in characters.
pub const MAX_MINUTES_CHARS: usize = 20_000;
/// Longest reason for an after-discussion score, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;
/// Most items the lead may add before the meeting starts.
pub const MAX_ADDED_ITEMS: usize = 20;

crate::slug_enum! {
    /// How senior a panelist is, for the speaking order (least senior speak first, so the
    /// most senior voice does not set the room's view before the others have spoken).
    pub enum Seniority {
        /// Junior.
        Junior = "junior",
        /// Mid-level.
        Mid = "mid",
        /// Senior.
        Senior = "senior",
        /// Staff or principal.
        Principal = "principal",
        /// Director or executive.
        Executive = "executive",
    }
}

impl Seniority {
    /// How a reader names it.
    pub fn label(self) -> &'static str {
        match self {
            Seniority::Junior => "Junior",
            Seniority::Mid => "Mid-level",
            Seniority::Senior => "Senior",
            Seniority::Principal => "Staff / principal",
            Seniority::Executive => "Director / executive",
        }
    }

    /// Rank, least senior first.
    fn rank(self) -> usize {
        Seniority::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

crate::slug_enum! {
    /// Why an item is on the agenda.
    pub enum AgendaKind {
        /// Scores on a question [`DISAGREEMENT_SPREAD`](super::DISAGREEMENT_SPREAD) or more
        /// points apart.
        Disagreement = "disagreement",
        /// A capability scored by fewer than two panelists, or mostly not asked.
        ThinEvidence = "thin-evidence",
        /// Added by the lead.
        Added = "added",
    }
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    /// Its number, from 1; stable once the meeting has started.
    pub number: u32,
    /// Why it is on the agenda.
    pub kind: AgendaKind,
    /// The question it discusses, by its number in the plan.
    pub question_number: Option<u32>,
    /// The capability it discusses (thin-evidence items).
    pub capability: Option<Capability>,
    /// What the room discusses.
    pub title: String,
    /// Why, in words ("Scores 1 to 4 — three points apart").
    pub why: String,
    /// The question's spread of independent scores (max − min), for question items.
    pub spread: Option<u8>,
    /// Its share of the meeting's time, relative to the other items.
    pub weight: f64,
    /// Seconds planned for it.
    pub planned_seconds: u32,
    /// Seconds spent on it so far.
    pub spent_seconds: u32,
    /// The lead's minutes.
    pub minutes: String,
    /// When the minutes were last saved.
    pub minutes_at: Option<Timestamp>,
}

/// An item the lead adds before the meeting starts: a question of the plan, or a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddedItem {
    /// A question of the plan, by its number; `None` for a topic.
    pub question_number: Option<u32>,
    /// The topic (for a question, empty takes the question's text).
    pub title: String,
}

/// One panelist's turn in the opening round.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    /// Panelist id.
    pub panelist_id: i64,
    /// Name.
    pub name: String,
    /// How senior, if the lead said.
    pub seniority: Option<Seniority>,
    /// Their overall recommendation (submitted scorecards only).
    pub recommendation: Option<Recommendation>,
    /// Their one-line summary: the first line of their overall view.
    pub summary: String,
    /// Whether their scorecard is submitted.
    pub submitted: bool,
}

/// A panelist who moved on one question during the discussion.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Movement {
    /// Panelist id.
    pub panelist_id: i64,
    /// Who moved.
    pub panelist_name: String,
    /// The question, by its number in the plan.
    pub question_number: u32,
    /// The question's text.
    pub question_text: String,
    /// Their independent, sealed score.
    pub from: u8,
    /// Their score after discussion.
    pub to: u8,
    /// Why.
    pub reason: String,
    /// The agenda item it was recorded under, if any.
    pub item_number: Option<u32>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: Timestamp,
}

/// The independent result and the after-discussion one, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeetingOutcome {
    /// Capability means of the sealed, independent scores (the debrief's own figures).
    pub independent: Vec<CapabilitySummary>,
    /// The same with every after-discussion score in place of the one it moved from.
    pub after_discussion: Vec<CapabilitySummary>,
    /// Mean of every independent score.
    pub independent_mean: Option<f64>,
    /// Mean of every score after discussion.
    pub after_discussion_mean: Option<f64>,
    /// Overall recommendations, counted (the scorecards' own; the meeting does not change them).
    pub tally: RecommendationTally,
    /// Every movement, in question order then panel order.
    pub movements: Vec<Movement>,
}

/// A plan's debrief meeting: set-up, agenda, record and outcome.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Meeting length, in minutes.
    pub length_minutes: u32,
    /// When it started (the agenda froze then); `None` while it is being prepared.
    pub started_at: Option<Timestamp>,
    /// Who started it.
    pub started_by: Option<String>,
    /// The opening round, first speaker first.
    pub speaking_order: Vec<Speaker>,
    /// Whether the lead set the order (else it is by seniority, or the panel's order).
    pub order_set_by_lead: bool,
    /// How the order was chosen, in words.
    pub order_in_words: String,
    /// The agenda: proposed while preparing, frozen once started.
    pub agenda: Vec<AgendaItem>,
    /// Items the lead added before the start.
    pub added: Vec<AddedItem>,
    /// Whether a decision is recorded (after-discussion scores are closed until it is reopened).
    pub decided: bool,
    /// Independent and after-discussion results.
    pub outcome: MeetingOutcome,
}

impl Meeting {
    /// Whether the meeting left anything on the record (minutes or a moved score): only then
    /// does the packet tell its story.
    pub fn has_record(&self) -> bool {
        !self.outcome.movements.is_empty()
            || self.agenda.iter().any(|i| !i.minutes.trim().is_empty())
    }

    /// Seconds spent across the agenda.
    pub fn spent_seconds(&self) -> u32 {
        self.agenda.iter().map(|i| i.spent_seconds).sum()
    }
}

/// An after-discussion score, as the lead records it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RescoreRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The panelist who moved.
    pub panelist_id: i64,
    /// The question, by its number in the plan.
    pub question_number: u32,
    /// Their score after discussion, 1–4. Their independent score again withdraws the movement.
    pub score: u8,
    /// Why they moved.
    pub reason: String,
    /// The agenda item under discussion, if any.
    pub item_number: Option<u32>,
}

/// Minutes for one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MinutesRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Agenda item, from 1.
    pub item_number: u32,
    /// The minutes, whole (replacing what was saved).
    pub text: String,
}

/// The first line of an overall view, as the opening round reads it.
pub(crate) fn one_line(summary: &str) -> String {
    let first = summary.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first = first.trim();
    const MAX: usize = 200;
    if first.chars().count() > MAX {
        let cut: String = first.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        first.to_string()
    }
}
