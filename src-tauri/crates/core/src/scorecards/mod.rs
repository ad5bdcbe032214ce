//! Scorecards: what each panelist recorded about each question they asked.
//!
//! One scorecard per panelist of a plan. While it is a draft every change is an upsert of one
//! answer (the UI autosaves the whole answer each time, so a repeated save is harmless). Once
//! submitted it is read-only except through an amendment, which needs a reason and is written
//! to the audit trail with the old and new values. Scores stay sealed — invisible to everyone but
//! their author — until the whole panel has submitted or the lead unseals with a reason.

mod access;
pub(crate) mod answers;
mod interview;
mod pin;
mod progress;
pub(crate) mod review;
mod view;

use serde::{Deserialize, Serialize};

pub use access::{
    declare_sole_user, disclose_if_sealed, ensure_author_can_open, guard_choice_needed,
    is_imported, kit_is_out, record_disclosure, Disclosure,
};
pub(crate) use answers::{check_score, ensure_fits};
pub use answers::{
    save_answer, set_overall, AnswerInput, OverallInput, SaveAnswerRequest, SaveOverallRequest,
};
pub use interview::{interview, InterviewView, PanelistRef, UnsealRequest};
pub use pin::{
    has_pin, reset_scorecard_pin, set_scorecard_pin, PinGate, SetScorecardPinRequest,
    UnlockRequest, ATTEMPTS_BEFORE_PAUSE, PAUSE_AFTER_WRONG_PINS, PIN_DIGITS,
};
pub use progress::{panel_scorecards, PanelScorecards, PanelistProgress, ProgressState};
pub use review::{amend, submit, unseal, AmendRequest, Amendment, AnswerSnapshot};
pub(crate) use view::SEALED_SQL;
pub use view::{is_sealed, scorecard, AnswerView, CapabilityRating, ScorecardView, Viewer};

/// Longest note accepted for one answer, in characters (a long interview's verbatim notes fit).
pub const MAX_NOTE_CHARS: usize = 200_000;

/// Overall recommendation; there is deliberately no neutral option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum Recommendation {
    /// Strong no hire.
    StrongNo,
    /// No hire.
    No,
    /// Hire.
    Yes,
    /// Strong hire.
    StrongYes,
}

impl Recommendation {
    /// The slug stored and accepted by `panelctl`.
    pub fn slug(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "strong-no",
            Recommendation::No => "no",
            Recommendation::Yes => "yes",
            Recommendation::StrongYes => "strong-yes",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Recommendation> {
        use Recommendation::*;
        [StrongNo, No, Yes, StrongYes]
            .into_iter()
            .find(|r| r.slug() == slug)
    }
}

crate::slug_enum! {
    /// Draft or submitted (`scorecards.status`).
    pub enum ScorecardStatus {
        /// Being written.
        Draft = "draft",
        /// Handed in; changes are amendments.
        Submitted = "submitted",
    }
}

#[cfg(test)]
mod tests;
