//! Calibration across candidates: how each interviewer scores compared with the rest of the
//! panel, how well each question separates candidates, and capability means with each
//! interviewer's leniency taken out.
//!
//! A debrief judges one candidate; a hiring committee compares a slate whose scores come from
//! different interviewers, and some interviewers are steadily more generous or more severe than
//! others. This module estimates that from every independent, submitted score the app holds, so
//! the Calibration screen, `panelctl calibration`, the debrief's adjusted column and the
//! finalists comparison can all show the same figures. Like `split` and `debrief::compute` it is
//! pure: data in, figures out, no SQLite and no files; the callers choose which answers count
//! (submitted, independent, not purged) and map people, plans and questions to keys.
//!
//! - [`fit_leniency`] fits score = panel mean + candidate + question + interviewer + error by
//!   least squares, shrinking each interviewer's effect toward zero by a prior worth
//!   [`PRIOR_STRENGTH`] answers, and reports per interviewer the offset (their leniency, in score
//!   points), an approximate 95 % interval, the number of answers and their distribution, and a
//!   sentence. The fit is sparse (preconditioned conjugate gradient over the answers, never the
//!   dense normal equations) and deterministic.
//! - [`question_health`] reports per question the spread of its scores, its ceiling and floor,
//!   and, where two interviewers scored the same candidate on it, their agreement as a
//!   quadratic-weighted kappa with an interval ([`MIN_PAIRS`] pairs at least).
//! - [`adjusted_means`] gives one plan's capability means raw and with each interviewer's offset
//!   removed, only when every interviewer behind them has [`MIN_ANSWERS`] answers in the fit.
//!
//! The engine above is pure. Around it, the parts that read the database: `counted.rs` decides
//! which answers count; [`calibration_report`] (`report.rs`) joins the figures back to people
//! and questions for the screen, `panelctl calibration` and the pack's question health;
//! [`plan_adjustment`] (`plan_adjustment.rs`) gives one plan's adjusted means.
//!
//! The model, its assumptions and its limits are written out for recruiters and engineers in
//! `docs/calibration.md`.

mod adjusted;
mod compare;
mod counted;
mod health;
mod keys;
mod leniency;
mod plan_adjustment;
mod report;
mod sample;
mod solver;
mod words;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use adjusted::{
    adjusted_means, AdjustedCapability, InterviewerHistory, PlanAnswer, QuestionCapabilities,
};
pub use compare::{
    compare, CommonQuestion, ComparedCapability, ComparedPlan, Comparison, Disagreement,
    MAX_COMPARED,
};
pub use health::{
    quadratic_weighted_kappa, question_health, AgreementStatus, KappaEstimate, PairAgreement,
    QuestionHealth,
};
pub use leniency::{fit_leniency, FitSettings, InterviewerLeniency, LeniencyFit, LeniencyVerdict};
pub use plan_adjustment::{
    plan_adjustment, set_adjusted_view, PanelistOffset, PlanAdjustment, ADJUSTED_EXPLAINED,
};
pub use report::{
    calibration_report, pack_question_health, CalibrationReport, CalibrationScope,
    InterviewerCalibration, QuestionCalibration, RecommendationCounts, ScopeChoice,
};
pub use sample::{create_calibration_sample, CalibrationSample, SampleInterviewer};

/// How many answers' worth of belief that an interviewer scores like the panel: an interviewer's
/// effect is shrunk toward zero roughly by n / (n + k), so with 10 answers it is halved, with 90
/// it keeps nine tenths.
pub const PRIOR_STRENGTH: f64 = 10.0;

/// Answers an interviewer needs in the fit before the app says anything about their leniency,
/// and before their offset is used to adjust a plan's means.
pub const MIN_ANSWERS: u32 = 30;

/// Effective answers (see [`InterviewerLeniency::effective_answers`]) an interviewer needs before
/// the app says anything about their leniency: answers given to candidates nobody else scored
/// say nothing about how an interviewer compares with the panel.
pub const MIN_EFFECTIVE_ANSWERS: f64 = 10.0;

/// Pairs of interviewers scoring the same candidate on a question needed before their agreement
/// on it is reported.
pub const MIN_PAIRS: u32 = 10;

/// Answers a question needs before its spread, ceiling and floor are judged in words.
pub const MIN_QUESTION_ANSWERS: u32 = 10;

/// A question whose scores have a standard deviation below this barely separates candidates (on
/// a 1–4 scale, scores one point apart half the time have a standard deviation of about 0.5).
pub const LOW_SPREAD: f64 = 0.5;

/// A question where at least this share of answers get a 4 (or a 1) is at the scale's ceiling
/// (or floor): it hardly tells strong (or weak) candidates apart.
pub const CEILING_SHARE: f64 = 0.5;

/// The 97.5th percentile of the standard normal distribution: intervals are 95 %.
const Z_95: f64 = 1.959_963_984_540_054;

/// A candidate, as the caller keys them (a plan id: one candidate per plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, specta::Type)]
#[serde(transparent)]
#[specta(transparent)]
pub struct CandidateKey(pub i64);

/// A question, as the caller keys it (the same key for the same question text across plans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, specta::Type)]
#[serde(transparent)]
#[specta(transparent)]
pub struct QuestionKey(pub i64);

/// An interviewer, as the caller keys them (a person known across plans).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, specta::Type)]
#[serde(transparent)]
#[specta(transparent)]
pub struct InterviewerKey(pub i64);

/// One independent, submitted score: what an interviewer gave a candidate on a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoredAnswer {
    /// Who was interviewed.
    pub candidate: CandidateKey,
    /// Which question.
    pub question: QuestionKey,
    /// Who scored.
    pub interviewer: InterviewerKey,
    /// The score, 1 to 4.
    pub score: u8,
}

/// How many answers got each score of the 1–4 scale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScoreCounts {
    /// Answers scored 1.
    pub ones: u32,
    /// Answers scored 2.
    pub twos: u32,
    /// Answers scored 3.
    pub threes: u32,
    /// Answers scored 4.
    pub fours: u32,
}

impl ScoreCounts {
    /// Counts one score (already checked to be 1–4).
    fn add(&mut self, score: u8) {
        match score {
            1 => self.ones += 1,
            2 => self.twos += 1,
            3 => self.threes += 1,
            _ => self.fours += 1,
        }
    }

    /// All answers counted.
    pub fn total(&self) -> u32 {
        self.ones + self.twos + self.threes + self.fours
    }
}

/// Refuses a score off the 1–4 scale (the scorecards' rule), naming where it was found.
fn check_score(score: u8, what: &str) -> crate::Result<()> {
    crate::scorecards::check_score(score)
        .map_err(|e| crate::Error::InvalidInput(format!("{what}: {e}")))
}
