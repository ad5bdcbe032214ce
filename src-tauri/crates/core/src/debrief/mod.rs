//! The debrief: every submitted scorecard of a plan combined mechanically, so the panel decides
//! on evidence rather than on the loudest opinion in the room.
//!
//! [`compute`] is pure (data in, figures out) and is what the debrief screen, `panelctl debrief
//! show` and the PDF packet all use, so the three can never disagree. [`debrief`] loads a plan's
//! data and refuses while its scores are sealed. [`decide`] records the panel's decision.
//!
//! Figures, per question: every score by panelist, the mean, the min–max spread and a
//! disagreement flag when the spread is 2 or more (one says "Mixed", another "Exceptional").
//! Per capability: the mean of all scores of the questions probing it. The recommendation tally,
//! completeness (who has not submitted, which questions nobody scored, which were marked not
//! asked and why), the share of strong-answer points covered, and red flags raised.
//!
//! Agreement between raters (only when some question has two or more scores, as with coverage
//! 2): the **mean absolute difference** over every pair of scores given to the same question, with
//! the share of pairs that agree exactly and within one point. 0 means raters always agree and 3
//! the opposite ends of the scale. We report it rather than an intraclass correlation because a
//! panel gives each question to two or three raters out of a dozen, too few crossed ratings for an
//! ICC to be stable, while an absolute difference on a 1–4 scale reads at once.

mod compute;
mod decision;
mod load;
pub mod meeting;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::audit::AuditEvent;
use crate::scorecards::Recommendation;
use crate::{Capability, Level};

pub use compute::{compute, DebriefInput};
pub use decision::{
    decide, decision_of, reopen, DecideRequest, Decision, DecisionInput, DecisionKind,
    ReopenRequest,
};
pub use load::{debrief, debrief_for_packet, debrief_input};

/// A spread of this many points or more between two scores of one question is a disagreement.
pub const DISAGREEMENT_SPREAD: u8 = 2;

/// Everything the debrief shows about one plan.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Debrief {
    /// Plan id.
    pub plan_id: i64,
    /// Candidate's name.
    pub candidate: String,
    /// Target level.
    pub level: Level,
    /// Role title.
    pub role_title: String,
    /// Interview date and time, if set.
    pub starts_at: Option<String>,
    /// Panel lead.
    pub panel_lead: String,
    /// Recruiter.
    pub recruiter: String,
    /// Question pack id.
    pub pack_id: String,
    /// Question pack version the plan uses.
    pub pack_version: u32,
    /// Title of that pack.
    pub pack_title: String,
    /// What a strong answer looks like at the plan's level, from the pack.
    pub level_guidance: Option<String>,
    /// When these figures were computed (RFC 3339, UTC).
    pub computed_at: crate::time::Timestamp,
    /// Each panelist's outcome, in panel order.
    pub panelists: Vec<PanelistOutcome>,
    /// Each question of the plan, in pack order.
    pub questions: Vec<QuestionDebrief>,
    /// Per capability, the mean of its questions' scores.
    pub capabilities: Vec<CapabilitySummary>,
    /// Overall recommendations counted.
    pub tally: RecommendationTally,
    /// What is missing.
    pub completeness: Completeness,
    /// Agreement between raters of the same question, when any question has two scores.
    pub agreement: Option<Agreement>,
    /// The panel's decision, once recorded.
    pub decision: Option<Decision>,
    /// The plan's audit trail (submissions, amendments, unseals, decisions), oldest first.
    pub audit: Vec<AuditEvent>,
    /// Capability means adjusted for interviewer leniency, for the packet's appendix
    /// ([`debrief_for_packet`]); `None` on screen (the debrief asks for them separately, so it
    /// opens without fitting every interviewer) and when the lead turned them off.
    pub adjusted: Option<crate::calibration::PlanAdjustment>,
    /// The debrief meeting's record (minutes, time, after-discussion scores), for the packet
    /// ([`debrief_for_packet`]); `None` on screen and when the meeting left nothing on record.
    pub meeting: Option<meeting::Meeting>,
}

/// One panelist's overall outcome.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PanelistOutcome {
    /// Panelist id.
    pub panelist_id: i64,
    /// Name.
    pub name: String,
    /// Whether their scorecard is submitted.
    pub submitted: bool,
    /// When it was submitted.
    pub submitted_at: Option<crate::time::Timestamp>,
    /// Overall recommendation.
    pub recommendation: Option<Recommendation>,
    /// Their summary.
    pub summary: String,
    /// Questions assigned to them.
    pub questions: u32,
}

/// One panelist's answer to one question, as the debrief shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DebriefCell {
    /// Panelist id.
    pub panelist_id: i64,
    /// Panelist's name.
    pub panelist_name: String,
    /// Score 1–4, if given.
    pub score: Option<u8>,
    /// Why not asked, if so marked.
    pub not_asked_reason: Option<String>,
    /// Strong-answer points covered, by index.
    pub covered: Vec<u32>,
    /// Weak-answer signals observed, by index.
    pub flags: Vec<u32>,
    /// Notes.
    pub notes: String,
    /// Whether this panelist's scorecard is submitted.
    pub submitted: bool,
}

/// One question across the panel.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionDebrief {
    /// Question number in the plan (its pack number for the plan's pack).
    pub number: u32,
    /// Where a question borrowed from another pack comes from ("Team pack v2, question 3").
    pub source: Option<String>,
    /// Question text.
    pub text: String,
    /// Capabilities it probes.
    pub capabilities: Vec<Capability>,
    /// Time budget in minutes.
    pub minutes: u32,
    /// What a strong answer covers.
    pub strong_answer: Vec<String>,
    /// Weak-answer signals.
    pub weak_signals: Vec<String>,
    /// One cell per panelist the question was assigned to, in panel order.
    pub cells: Vec<DebriefCell>,
    /// Mean of the scores given.
    pub mean: Option<f64>,
    /// Lowest score given.
    pub min: Option<u8>,
    /// Highest score given.
    pub max: Option<u8>,
    /// `max - min`.
    pub spread: Option<u8>,
    /// Spread of [`DISAGREEMENT_SPREAD`] or more.
    pub disagreement: bool,
    /// Share of strong-answer points covered, over the answers that were scored.
    pub coverage_rate: Option<f64>,
    /// Red flags raised across the panel.
    pub red_flags: u32,
}

/// The mean score of one capability.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CapabilitySummary {
    /// Capability.
    pub capability: Capability,
    /// Mean over every score of the questions probing it.
    pub mean: Option<f64>,
    /// How many scores that is.
    pub scores: u32,
}

/// Overall recommendations counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationTally {
    /// Strong no hire.
    pub strong_no: u32,
    /// No hire.
    pub no: u32,
    /// Hire.
    pub yes: u32,
    /// Strong hire.
    pub strong_yes: u32,
    /// Panelists who have not given one (not submitted).
    pub pending: u32,
}

/// A question a panelist marked as not asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NotAsked {
    /// Question number.
    pub question_number: u32,
    /// Who did not ask it.
    pub panelist_name: String,
    /// Why.
    pub reason: String,
}

/// What is missing from the evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Completeness {
    /// Panelists whose scorecard is not submitted.
    pub not_submitted: Vec<String>,
    /// Questions of the plan that nobody scored.
    pub never_scored: Vec<u32>,
    /// Questions marked not asked, with who and why.
    pub not_asked: Vec<NotAsked>,
    /// True when every panelist submitted and every question has a score.
    pub complete: bool,
}

/// Agreement between raters of the same question.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// Pairs of scores compared (pairs of raters of the same question).
    pub pairs: u32,
    /// Mean absolute difference between paired scores (0 = always equal, 3 = opposite ends).
    pub mean_absolute_difference: f64,
    /// Share of pairs with equal scores.
    pub exact_rate: f64,
    /// Share of pairs within one point.
    pub within_one_rate: f64,
    /// The same, in plain words (`vocabulary::agreement_in_words`).
    pub in_words: String,
}

/// The questions with the largest spread first (ties in pack order), flagged ones only.
pub fn top_disagreements(debrief: &Debrief) -> Vec<&QuestionDebrief> {
    let mut flagged: Vec<&QuestionDebrief> = debrief
        .questions
        .iter()
        .filter(|q| q.disagreement)
        .collect();
    flagged.sort_by(|a, b| b.spread.cmp(&a.spread).then(a.number.cmp(&b.number)));
    flagged
}
