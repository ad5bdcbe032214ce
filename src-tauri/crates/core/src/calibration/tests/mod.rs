//! Calibration tests, on slates generated with known interviewer offsets.

mod adjusted;
mod health;
mod leniency;
mod report;

use super::leniency::Rating;
use super::{CandidateKey, InterviewerKey, QuestionKey, ScoredAnswer};

/// The tests' generator: the crate's own, so every run tests the same slates.
pub(super) type Rng = crate::dice::Dice;

/// The shape of a generated slate.
#[derive(Debug, Clone, Copy)]
pub(super) struct SlateSpec {
    pub interviewers: usize,
    /// True offsets run evenly from −spread to +spread.
    pub offset_spread: f64,
    pub candidates: usize,
    pub questions: usize,
    /// Interviewers on each candidate's panel, drawn at random.
    pub panel: usize,
    /// Panelists asking each question.
    pub coverage: usize,
    /// Standard deviation of the candidates' abilities.
    pub ability_sd: f64,
    /// Standard deviation of the questions' difficulties.
    pub difficulty_sd: f64,
    /// Standard deviation of the error.
    pub noise: f64,
}

/// The slate of the issue: 8 interviewers with offsets −0.6…+0.6, 40 candidates, 18 questions,
/// coverage 2, noise σ = 0.5.
pub(super) const ISSUE_SLATE: SlateSpec = SlateSpec {
    interviewers: 8,
    offset_spread: 0.6,
    candidates: 40,
    questions: 18,
    panel: 4,
    coverage: 2,
    ability_sd: 0.5,
    difficulty_sd: 0.3,
    noise: 0.5,
};

/// The true mean of generated scores before rounding.
pub(super) const TRUE_MEAN: f64 = 2.5;

/// One generated answer: the model's continuous value before rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Continuous {
    pub candidate: CandidateKey,
    pub question: QuestionKey,
    pub interviewer: InterviewerKey,
    pub value: f64,
}

impl Rating for Continuous {
    fn keys(&self) -> (CandidateKey, QuestionKey, InterviewerKey) {
        (self.candidate, self.question, self.interviewer)
    }

    fn value(&self) -> f64 {
        self.value
    }
}

impl Continuous {
    /// The score a panelist would write: rounded and kept on the 1–4 scale.
    pub fn scored(&self) -> ScoredAnswer {
        ScoredAnswer {
            candidate: self.candidate,
            question: self.question,
            interviewer: self.interviewer,
            score: self.value.round().clamp(1.0, 4.0) as u8,
        }
    }
}

/// A generated slate and the truth behind it.
pub(super) struct Slate {
    /// True offset of interviewer key `i + 1`.
    pub offsets: Vec<f64>,
    pub answers: Vec<Continuous>,
}

impl Slate {
    pub fn scored(&self) -> Vec<ScoredAnswer> {
        self.answers.iter().map(Continuous::scored).collect()
    }
}

/// The true offset of interviewer `i` of `count`, evenly from −spread to +spread.
pub(super) fn true_offset(i: usize, count: usize, spread: f64) -> f64 {
    -spread + 2.0 * spread * i as f64 / (count - 1) as f64
}

/// Generates a slate: each candidate meets a random panel; each question is asked by `coverage`
/// panelists in rotation; value = 2.5 + ability + difficulty + offset + noise.
pub(super) fn generate(spec: SlateSpec, seed: u64) -> Slate {
    let mut rng = Rng::new(seed);
    let offsets: Vec<f64> = (0..spec.interviewers)
        .map(|i| true_offset(i, spec.interviewers, spec.offset_spread))
        .collect();
    let difficulties: Vec<f64> = (0..spec.questions)
        .map(|_| spec.difficulty_sd * rng.normal())
        .collect();
    let mut answers = Vec::new();
    for candidate in 0..spec.candidates {
        let ability = spec.ability_sd * rng.normal();
        let mut everyone: Vec<usize> = (0..spec.interviewers).collect();
        for i in 0..spec.panel {
            let pick = i + rng.below(spec.interviewers - i);
            everyone.swap(i, pick);
        }
        let panel = &everyone[..spec.panel];
        let start = rng.below(spec.panel);
        for (question, difficulty) in difficulties.iter().enumerate() {
            for k in 0..spec.coverage {
                let interviewer = panel[(start + question * spec.coverage + k) % spec.panel];
                answers.push(Continuous {
                    candidate: CandidateKey(candidate as i64 + 1),
                    question: QuestionKey(question as i64 + 1),
                    interviewer: InterviewerKey(interviewer as i64 + 1),
                    value: TRUE_MEAN
                        + ability
                        + difficulty
                        + offsets[interviewer]
                        + spec.noise * rng.normal(),
                });
            }
        }
    }
    Slate { offsets, answers }
}

/// A scored answer, briefly.
pub(super) fn answer(candidate: i64, question: i64, interviewer: i64, score: u8) -> ScoredAnswer {
    ScoredAnswer {
        candidate: CandidateKey(candidate),
        question: QuestionKey(question),
        interviewer: InterviewerKey(interviewer),
        score,
    }
}
