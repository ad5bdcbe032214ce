//! Each interviewer's leniency: how far their scores sit above or below what the rest of the
//! panel gave the same candidates on the same questions.

use serde::Serialize;

use super::keys::{group_by_level, Levels};
use super::solver::{self, Design, Effects, Ridges, Stopping};
use super::words;
use super::{
    check_score, CandidateKey, InterviewerKey, QuestionKey, ScoreCounts, ScoredAnswer, MIN_ANSWERS,
    MIN_EFFECTIVE_ANSWERS, PRIOR_STRENGTH, Z_95,
};

/// The ridge on candidate and question effects, in answers' worth: only there to make the fit
/// unique when the data leave a direction free. It is tiny so that candidates and questions are
/// in effect fixed: an interviewer who happens to meet stronger candidates is not taken for a
/// lenient one.
const IDENTIFYING_RIDGE: f64 = 0.01;

/// How the fit is run. [`FitSettings::default`] is what the app uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitSettings {
    /// The interviewers' prior strength `k`, in answers (see [`PRIOR_STRENGTH`]).
    pub prior_strength: f64,
    /// Stop once no effect would move by more than this many score points in one more step.
    pub tolerance: f64,
    /// Stop after this many iterations even if the tolerance is not reached (reported).
    pub max_iterations: u32,
}

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            prior_strength: PRIOR_STRENGTH,
            tolerance: 1e-8,
            max_iterations: 1_000,
        }
    }
}

/// What the model says about every interviewer.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeniencyFit {
    /// Answers the fit rests on.
    pub answers: u32,
    /// Distinct candidates among them.
    pub candidates: u32,
    /// Distinct questions among them.
    pub questions: u32,
    /// The panel mean: the score an average interviewer gives an average candidate on an
    /// average question.
    pub panel_mean: f64,
    /// Standard deviation of what the model leaves unexplained (σ̂), when there are more answers
    /// than fitted effects.
    pub residual_sd: Option<f64>,
    /// The prior strength `k` used.
    pub prior_strength: f64,
    /// Iterations the solver ran.
    pub iterations: u32,
    /// Whether it reached its tolerance (false only on pathological data; figures are then the
    /// best reached).
    pub converged: bool,
    /// One entry per interviewer, in ascending key order.
    pub interviewers: Vec<InterviewerLeniency>,
}

impl LeniencyFit {
    /// The entry of one interviewer, if they have answers in the fit.
    pub fn interviewer(&self, key: InterviewerKey) -> Option<&InterviewerLeniency> {
        self.interviewers
            .binary_search_by_key(&key, |i| i.interviewer)
            .ok()
            .map(|at| &self.interviewers[at])
    }
}

/// One interviewer's leniency.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InterviewerLeniency {
    /// Who.
    pub interviewer: InterviewerKey,
    /// Answers they scored.
    pub answers: u32,
    /// Their answers weighted by how much each compares them with someone else: an answer to a
    /// candidate they scored alone counts 0; on a candidate with `n` answers of which `m` are
    /// theirs, each counts `1 − m/n`.
    pub effective_answers: f64,
    /// Leniency in score points: positive when they score above the panel on the same
    /// candidates and questions, shrunk toward zero when it rests on few answers.
    pub leniency_offset: f64,
    /// Approximate 95 % interval around the offset: `offset ± 1.96 σ̂ / √(effective answers + k)`.
    pub interval: Option<(f64, f64)>,
    /// Their scores, 1 to 4.
    pub scores: ScoreCounts,
    /// What the offset means.
    pub verdict: LeniencyVerdict,
    /// The same in a sentence ("Scores about half a point above the panel on the same answers;
    /// based on 84 answers.").
    pub in_words: String,
}

/// What an interviewer's offset says, for screens to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum LeniencyVerdict {
    /// Fewer than [`MIN_ANSWERS`] answers (or [`MIN_EFFECTIVE_ANSWERS`] effective ones).
    TooFewAnswers,
    /// Within an eighth of a point of the panel, or not told apart from it by the interval.
    AboutTheSame,
    /// Scores above the panel.
    AbovePanel,
    /// Scores below the panel.
    BelowPanel,
}

/// One answer as the fit reads it: three keys and a value. Scores are the app's case; the tests
/// also fit continuous values, to check the model without the rounding of a 1–4 scale.
pub(super) trait Rating {
    fn keys(&self) -> (CandidateKey, QuestionKey, InterviewerKey);
    fn value(&self) -> f64;
}

impl Rating for ScoredAnswer {
    fn keys(&self) -> (CandidateKey, QuestionKey, InterviewerKey) {
        (self.candidate, self.question, self.interviewer)
    }

    fn value(&self) -> f64 {
        f64::from(self.score)
    }
}

/// The fitted model with what is needed to read it.
pub(super) struct Model {
    /// Interviewer keys, ascending; entry `l` of the interviewer effects is `interviewers[l]`.
    pub interviewers: Vec<InterviewerKey>,
    /// Which levels each answer belongs to.
    pub design: Design,
    /// The fitted effects.
    pub effects: Effects,
}

/// Fits the model to any ratings (see [`fit_leniency`] for the app's entry point).
pub(super) fn fit_model<R: Rating>(ratings: &[R], settings: &FitSettings) -> crate::Result<Model> {
    if !(settings.prior_strength.is_finite() && settings.prior_strength > 0.0) {
        return Err(crate::Error::InvalidInput(format!(
            "the prior strength must be a positive number, not {}",
            settings.prior_strength
        )));
    }
    let candidates = Levels::number(ratings.iter().map(|r| r.keys().0 .0));
    let questions = Levels::number(ratings.iter().map(|r| r.keys().1 .0));
    let interviewers = Levels::number(ratings.iter().map(|r| r.keys().2 .0));
    let design = Design {
        level_counts: [candidates.len(), questions.len(), interviewers.len()],
        levels_of_answer: candidates
            .of_answer
            .iter()
            .zip(&questions.of_answer)
            .zip(&interviewers.of_answer)
            .map(|((&c, &q), &i)| [c, q, i])
            .collect(),
    };
    let values: Vec<f64> = ratings.iter().map(Rating::value).collect();
    let effects = solver::fit(
        &design,
        &values,
        Ridges {
            candidate: IDENTIFYING_RIDGE,
            question: IDENTIFYING_RIDGE,
            interviewer: settings.prior_strength,
        },
        Stopping {
            tolerance: settings.tolerance,
            max_iterations: settings.max_iterations,
        },
    );
    Ok(Model {
        interviewers: interviewers.keys.into_iter().map(InterviewerKey).collect(),
        design,
        effects,
    })
}

/// Fits the leniency model to independent, submitted scores and describes every interviewer.
///
/// Refuses a score outside 1–4 or a prior strength that is not a positive number. The same
/// answers in the same order always give the same figures, to the last bit.
pub fn fit_leniency(
    answers: &[ScoredAnswer],
    settings: &FitSettings,
) -> crate::Result<LeniencyFit> {
    for answer in answers {
        check_score(answer.score, "a calibration answer")?;
    }
    let model = fit_model(answers, settings)?;
    let design = &model.design;
    let [candidate_levels, question_levels, interviewer_levels] = design.level_counts;
    let k = settings.prior_strength;

    let mut scores = vec![ScoreCounts::default(); interviewer_levels];
    for (answer, &[_, _, i]) in answers.iter().zip(&design.levels_of_answer) {
        scores[i as usize].add(answer.score);
    }
    let effective = effective_answers(design);

    // Degrees of freedom left for the residuals: the mean, the candidates and questions (each
    // group sums to zero), and each interviewer as much as the data move them away from zero.
    let used = 1.0
        + (candidate_levels.max(1) - 1) as f64
        + (question_levels.max(1) - 1) as f64
        + effective.iter().map(|&e| e / (e + k)).sum::<f64>();
    let freedom = answers.len() as f64 - used;
    let residual_sd = (freedom >= 1.0)
        .then(|| (model.effects.residual_sum_of_squares / freedom).sqrt())
        .filter(|sd| sd.is_finite());

    let interviewers = model
        .interviewers
        .iter()
        .enumerate()
        .map(|(l, &interviewer)| {
            let offset = model.effects.interviewer[l];
            let interval = residual_sd.map(|sd| {
                let half = Z_95 * sd / (effective[l] + k).sqrt();
                (offset - half, offset + half)
            });
            let count = scores[l].total();
            let verdict = verdict(count, effective[l], offset, interval);
            InterviewerLeniency {
                interviewer,
                answers: count,
                effective_answers: effective[l],
                leniency_offset: offset,
                interval,
                scores: scores[l],
                verdict,
                in_words: words::leniency(verdict, offset, count, effective[l]),
            }
        })
        .collect();

    Ok(LeniencyFit {
        answers: answers.len() as u32,
        candidates: candidate_levels as u32,
        questions: question_levels as u32,
        panel_mean: model.effects.mean,
        residual_sd,
        prior_strength: k,
        iterations: model.effects.iterations,
        converged: model.effects.converged,
        interviewers,
    })
}

/// Per interviewer level, answers weighted by how much they compare the interviewer with others:
/// on a candidate with `n` answers of which `m` are theirs, the candidate's effect absorbs what
/// the `m` share, and what is left is worth `m (n − m) / n` answers (the precision of a
/// difference between a group of `m` and one of `n − m`).
fn effective_answers(design: &Design) -> Vec<f64> {
    let [candidate_levels, _, interviewer_levels] = design.level_counts;
    let candidate_of: Vec<u32> = design.levels_of_answer.iter().map(|l| l[0]).collect();
    let in_order: Vec<u32> = (0..design.levels_of_answer.len() as u32).collect();
    let by_candidate = group_by_level(candidate_levels, &candidate_of, &in_order);

    let mut effective = vec![0.0; interviewer_levels];
    let mut mine = vec![0u32; interviewer_levels];
    let mut present: Vec<u32> = Vec::new();
    for same_candidate in
        by_candidate.chunk_by(|&a, &b| candidate_of[a as usize] == candidate_of[b as usize])
    {
        let n = same_candidate.len() as f64;
        for &answer in same_candidate {
            let i = design.levels_of_answer[answer as usize][2];
            if mine[i as usize] == 0 {
                present.push(i);
            }
            mine[i as usize] += 1;
        }
        for &i in &present {
            let m = f64::from(mine[i as usize]);
            effective[i as usize] += m * (n - m) / n;
            mine[i as usize] = 0;
        }
        present.clear();
    }
    effective
}

/// Reads an offset: too few answers, within an eighth of a point or an interval around zero,
/// else above or below.
fn verdict(
    answers: u32,
    effective: f64,
    offset: f64,
    interval: Option<(f64, f64)>,
) -> LeniencyVerdict {
    let spans_zero = interval.is_some_and(|(low, high)| low <= 0.0 && 0.0 <= high);
    if answers < MIN_ANSWERS || effective < MIN_EFFECTIVE_ANSWERS {
        LeniencyVerdict::TooFewAnswers
    } else if words::quarter_points(offset) == 0 || spans_zero {
        LeniencyVerdict::AboutTheSame
    } else if offset > 0.0 {
        LeniencyVerdict::AbovePanel
    } else {
        LeniencyVerdict::BelowPanel
    }
}
