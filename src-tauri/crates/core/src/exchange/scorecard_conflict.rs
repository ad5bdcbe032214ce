//! What the lead compares before a returned scorecard replaces one recorded on this computer.
//!
//! The import refuses with [`crate::Error::ScorecardConflict`] and the lead chooses: keep the
//! card recorded here, or replace it with the file. To choose they need to know what differs,
//! but both cards may still be sealed (`scorecards::access`): the lead must not read a score, a
//! note or a recommendation through this comparison. So it holds only facts about the cards —
//! status, when submitted, how many questions are answered, the file's revision, export time and
//! number of amendments — and *which* questions (by number) and whether the recommendation or
//! the summary differ, never what either card says.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use serde::Serialize;

use super::format::ScorecardBody;
use crate::scorecards::{scorecard, AnswerInput, ScorecardStatus, Viewer};
use crate::time::Timestamp;
use crate::Result;

/// A returned scorecard that would replace one with work recorded on this computer: the two
/// compared without any of their scores, notes or recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardConflict {
    /// The panelist.
    pub panelist_id: i64,
    /// Their name.
    pub panelist_name: String,
    /// How many questions the plan gives them.
    pub questions: u32,
    /// The card recorded on this computer.
    pub local: LocalCardFacts,
    /// The card in the file.
    pub file: FileCardFacts,
    /// The numbers of the questions whose answers differ (score, reason not asked, points
    /// ticked, red flags or notes), ascending.
    pub differing_questions: Vec<u32>,
    /// True when the overall recommendations differ (which they are is not said).
    pub recommendation_differs: bool,
    /// True when the summaries differ.
    pub summary_differs: bool,
}

/// The card recorded on this computer, as facts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LocalCardFacts {
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// When it was submitted, if it was.
    pub submitted_at: Option<Timestamp>,
    /// Questions scored or marked not asked.
    pub answered: u32,
}

/// The card in the file, as facts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FileCardFacts {
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// When it was submitted, if it was (and the file says so readably).
    pub submitted_at: Option<Timestamp>,
    /// The panelist's questions it scores or marks not asked.
    pub answered: u32,
    /// The file's revision.
    pub revision: u32,
    /// When the file was exported (absent if the file's time cannot be read).
    pub exported_at: Option<Timestamp>,
    /// Amendments made after submission that the file carries.
    pub amendments: u32,
}

impl ScorecardConflict {
    /// What the refusal says (the same sentence the import has always given).
    pub fn message(&self) -> String {
        format!(
            "{}'s scorecard {} on this computer; it is replaced by this file only if you \
             choose so (the replacement is recorded in the audit trail)",
            self.panelist_name,
            self.card_here()
        )
    }

    /// The same, for a return that came through the team folder and waits for the lead's choice.
    pub fn waiting_message(&self) -> String {
        format!(
            "{}'s own scorecard came back through the team folder, but their scorecard {} on \
             this computer. Nothing was replaced: choose which one counts.",
            self.panelist_name,
            self.card_here()
        )
    }

    /// What the card recorded here is: submitted, or a draft with answers.
    fn card_here(&self) -> &'static str {
        match self.local.status {
            ScorecardStatus::Submitted => "was submitted",
            ScorecardStatus::Draft => "has answers recorded",
        }
    }
}

/// Compares the panelist's card recorded here with the one in `body`, without revealing either.
pub(super) fn compare(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    panelist_name: &str,
    body: &ScorecardBody,
) -> Result<ScorecardConflict> {
    // Read as its author reads it: nothing of it leaves this function but facts.
    let local = scorecard(conn, plan_id, panelist_id, Viewer::Panelist(panelist_id))?;
    let content = &body.scorecard;
    let planned: BTreeSet<u32> = local
        .answers
        .iter()
        .map(|a| a.answer.question_number)
        .collect();
    let here: BTreeMap<u32, Compared> = local
        .answers
        .iter()
        .map(|a| (a.answer.question_number, Compared::of(&a.answer)))
        .collect();
    let there: BTreeMap<u32, Compared> = content
        .answers
        .iter()
        .map(|a| (a.question_number, Compared::of(a)))
        .collect();
    let blank = Compared::default();
    let differing_questions = here
        .keys()
        .chain(there.keys())
        .copied()
        .collect::<BTreeSet<u32>>()
        .into_iter()
        .filter(|n| here.get(n).unwrap_or(&blank) != there.get(n).unwrap_or(&blank))
        .collect();
    let answered = |answers: &mut dyn Iterator<Item = &AnswerInput>| {
        answers
            .filter(|a| planned.contains(&a.question_number))
            .filter(|a| a.score.is_some() || a.not_asked_reason.is_some())
            .map(|a| a.question_number)
            .collect::<BTreeSet<u32>>()
            .len() as u32
    };
    Ok(ScorecardConflict {
        panelist_id,
        panelist_name: panelist_name.to_string(),
        questions: planned.len() as u32,
        local: LocalCardFacts {
            status: local.status,
            submitted_at: local.submitted_at,
            answered: answered(&mut local.answers.iter().map(|a| &a.answer)),
        },
        file: FileCardFacts {
            status: content.status,
            submitted_at: content.submitted_at.as_deref().and_then(Timestamp::parse),
            answered: answered(&mut content.answers.iter()),
            revision: body.revision,
            exported_at: Timestamp::parse(&body.exported_at),
            amendments: content.amendments.len() as u32,
        },
        differing_questions,
        recommendation_differs: local.recommendation != content.recommendation,
        summary_differs: local.summary != content.summary,
    })
}

/// One answer in the shape both sides are compared in: what `store` would write from the file
/// (a reason trimmed, points and flags as sets) and what the database gives back. Time spent is
/// not part of the answer the lead chooses between.
#[derive(Debug, Default, PartialEq, Eq)]
struct Compared {
    score: Option<u8>,
    not_asked_reason: Option<String>,
    covered: BTreeSet<u32>,
    flags: BTreeSet<u32>,
    notes: String,
}

impl Compared {
    fn of(a: &AnswerInput) -> Self {
        Compared {
            score: a.score,
            not_asked_reason: a.not_asked_reason.as_deref().map(|r| r.trim().to_string()),
            covered: a.covered.iter().copied().collect(),
            flags: a.flags.iter().copied().collect(),
            notes: a.notes.clone(),
        }
    }
}
