//! Question health: does a question separate candidates, and do two interviewers asking it of
//! the same candidate agree?
//!
//! Agreement is the quadratic-weighted kappa (Cohen's formula with weights `1 − (i − j)² / 9` on
//! the 1–4 scale), chosen over an intraclass correlation because it is defined from the table of
//! paired scores alone, so it needs no model of who asks what, and it is the figure rating
//! research reports for ordinal scales. Which interviewer of a pair is "first" is arbitrary here
//! (panels change from candidate to candidate), so each pair is counted half in each order: the
//! table is symmetric and both "raters" share one distribution of scores. Its interval is the
//! large-sample standard error of Fleiss, Cohen and Everitt (1969), `kappa ± 1.96 SE`, clipped to
//! −1…1, with the number of pairs as the sample size.

use serde::Serialize;

use super::keys::{group_by_level, Levels};
use super::words;
use super::{
    check_score, QuestionKey, ScoreCounts, ScoredAnswer, CEILING_SHARE, LOW_SPREAD, MIN_PAIRS,
    MIN_QUESTION_ANSWERS, Z_95,
};

/// How one question behaves across every candidate who was asked it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionHealth {
    /// Which question.
    pub question: QuestionKey,
    /// Answers scored.
    pub answers: u32,
    /// Distinct candidates scored on it.
    pub candidates: u32,
    /// Mean score.
    pub mean: f64,
    /// Spread across candidates: the standard deviation of its scores (two answers at least).
    pub spread: Option<f64>,
    /// Its scores, 1 to 4.
    pub scores: ScoreCounts,
    /// Share of answers scored 4 (the ceiling), 0 without answers.
    pub ceiling_share: f64,
    /// Share of answers scored 1 (the floor), 0 without answers.
    pub floor_share: f64,
    /// Spread below [`LOW_SPREAD`] (judged from [`MIN_QUESTION_ANSWERS`] answers).
    pub barely_separates: bool,
    /// At least [`CEILING_SHARE`] of answers scored 4 (judged from [`MIN_QUESTION_ANSWERS`]).
    pub ceiling: bool,
    /// At least [`CEILING_SHARE`] of answers scored 1 (judged from [`MIN_QUESTION_ANSWERS`]).
    pub floor: bool,
    /// Agreement between two interviewers scoring the same candidate on it.
    pub agreement: PairAgreement,
    /// Spread, ceiling and floor in a sentence.
    pub in_words: String,
}

/// Agreement between interviewers who scored the same candidate on the same question.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PairAgreement {
    /// Pairs of scores compared (with three interviewers on one candidate, three pairs).
    pub pairs: u32,
    /// Whether the kappa could be measured.
    pub status: AgreementStatus,
    /// Quadratic-weighted kappa: 1 when pairs always agree, 0 when they agree as often as
    /// scores drawn at random would.
    pub kappa: Option<f64>,
    /// Approximate 95 % interval around the kappa.
    pub interval: Option<(f64, f64)>,
    /// The same in a sentence.
    pub in_words: String,
}

/// Whether a question's agreement could be measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum AgreementStatus {
    /// Fewer than [`MIN_PAIRS`] pairs.
    TooFewPairs,
    /// Every paired score is the same number, so chance agreement is already perfect and the
    /// kappa is undefined.
    SameScoreThroughout,
    /// Measured.
    Measured,
}

/// A kappa with its large-sample standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KappaEstimate {
    /// The quadratic-weighted kappa.
    pub kappa: f64,
    /// Its standard error (Fleiss, Cohen and Everitt 1969).
    pub standard_error: f64,
}

/// Quadratic-weighted kappa of a 4 × 4 table of paired scores (`table[a - 1][b - 1]` counts pairs
/// where the first score was `a` and the second `b`; counts may be fractional).
///
/// `kappa = (po − pe) / (1 − pe)` with agreement weights `w = 1 − (a − b)² / 9`, `po` the
/// weighted share of observed agreement and `pe` the same expected from the two margins. `None`
/// when the table is empty or chance agreement is already perfect (every score the same).
pub fn quadratic_weighted_kappa(table: &[[f64; 4]; 4]) -> Option<KappaEstimate> {
    let n: f64 = table.iter().flatten().sum();
    if n <= 0.0 {
        return None;
    }
    let weight = |a: usize, b: usize| 1.0 - ((a as f64 - b as f64).powi(2)) / 9.0;
    let p = table.map(|row| row.map(|count| count / n));
    let first: [f64; 4] = std::array::from_fn(|a| p[a].iter().sum());
    let second: [f64; 4] = std::array::from_fn(|b| p.iter().map(|row| row[b]).sum());
    let (mut observed, mut expected) = (0.0, 0.0);
    for a in 0..4 {
        for b in 0..4 {
            observed += weight(a, b) * p[a][b];
            expected += weight(a, b) * first[a] * second[b];
        }
    }
    if 1.0 - expected < 1e-12 {
        return None;
    }
    let kappa = (observed - expected) / (1.0 - expected);

    // Fleiss, Cohen & Everitt (1969): var = [Σ p_ab (w_ab − (w̄_a + w̄_b)(1 − κ))²
    //                                         − (κ − pe (1 − κ))²] / (n (1 − pe)²),
    // with w̄_a = Σ_b second_b w_ab and w̄_b = Σ_a first_a w_ab.
    let mean_weight_first: [f64; 4] =
        std::array::from_fn(|a| (0..4).map(|b| second[b] * weight(a, b)).sum());
    let mean_weight_second: [f64; 4] =
        std::array::from_fn(|b| (0..4).map(|a| first[a] * weight(a, b)).sum());
    let mut spread = 0.0;
    for a in 0..4 {
        for b in 0..4 {
            let deviation =
                weight(a, b) - (mean_weight_first[a] + mean_weight_second[b]) * (1.0 - kappa);
            spread += p[a][b] * deviation * deviation;
        }
    }
    let variance =
        (spread - (kappa - expected * (1.0 - kappa)).powi(2)) / (n * (1.0 - expected).powi(2));
    Some(KappaEstimate {
        kappa,
        standard_error: variance.max(0.0).sqrt(),
    })
}

/// The agreement of a symmetric table built from `pairs` pairs.
fn pair_agreement(table: &[[f64; 4]; 4], pairs: u32) -> PairAgreement {
    let (status, estimate) = if pairs < MIN_PAIRS {
        (AgreementStatus::TooFewPairs, None)
    } else {
        match quadratic_weighted_kappa(table) {
            Some(estimate) => (AgreementStatus::Measured, Some(estimate)),
            None => (AgreementStatus::SameScoreThroughout, None),
        }
    };
    let kappa = estimate.map(|e| e.kappa);
    let interval = estimate.map(|e| {
        let half = Z_95 * e.standard_error;
        ((e.kappa - half).max(-1.0), (e.kappa + half).min(1.0))
    });
    PairAgreement {
        pairs,
        status,
        kappa,
        interval,
        in_words: words::agreement(status, pairs, kappa, interval),
    }
}

/// Health of every question that has answers, in ascending key order. Refuses a score outside
/// 1–4.
pub fn question_health(answers: &[ScoredAnswer]) -> crate::Result<Vec<QuestionHealth>> {
    for answer in answers {
        check_score(answer.score, "a calibration answer")?;
    }
    let questions = Levels::number(answers.iter().map(|a| a.question.0));
    let candidates = Levels::number(answers.iter().map(|a| a.candidate.0));
    // Answers grouped by question, and inside a question by candidate, each group in input order.
    let in_order: Vec<u32> = (0..answers.len() as u32).collect();
    let by_candidate = group_by_level(candidates.len(), &candidates.of_answer, &in_order);
    let grouped = group_by_level(questions.len(), &questions.of_answer, &by_candidate);

    let mut health = Vec::with_capacity(questions.len());
    for run in runs(&grouped, &questions.of_answer) {
        let question = QuestionKey(questions.keys[questions.of_answer[run[0] as usize] as usize]);
        let mut scores = ScoreCounts::default();
        let mut sum = 0.0;
        for &a in run {
            scores.add(answers[a as usize].score);
            sum += f64::from(answers[a as usize].score);
        }
        let count = run.len() as u32;
        let mean = sum / f64::from(count);
        let spread = (count >= 2).then(|| {
            let squares: f64 = run
                .iter()
                .map(|&a| (f64::from(answers[a as usize].score) - mean).powi(2))
                .sum();
            (squares / f64::from(count - 1)).sqrt()
        });

        let mut table = [[0.0; 4]; 4];
        let mut pairs = 0u32;
        let mut candidates_asked = 0u32;
        for same_candidate in runs(run, &candidates.of_answer) {
            candidates_asked += 1;
            for (at, &first) in same_candidate.iter().enumerate() {
                for &second in &same_candidate[at + 1..] {
                    let (first, second) = (&answers[first as usize], &answers[second as usize]);
                    if first.interviewer == second.interviewer {
                        continue;
                    }
                    let (x, y) = (usize::from(first.score - 1), usize::from(second.score - 1));
                    table[x][y] += 0.5;
                    table[y][x] += 0.5;
                    pairs += 1;
                }
            }
        }

        let ceiling_share = f64::from(scores.fours) / f64::from(count);
        let floor_share = f64::from(scores.ones) / f64::from(count);
        let judged = count >= MIN_QUESTION_ANSWERS;
        let barely_separates = judged && spread.is_some_and(|s| s < LOW_SPREAD);
        let ceiling = judged && ceiling_share >= CEILING_SHARE;
        let floor = judged && floor_share >= CEILING_SHARE;
        health.push(QuestionHealth {
            question,
            answers: count,
            candidates: candidates_asked,
            mean,
            spread,
            scores,
            ceiling_share,
            floor_share,
            barely_separates,
            ceiling,
            floor,
            agreement: pair_agreement(&table, pairs),
            in_words: words::question(
                count,
                spread,
                ceiling_share,
                floor_share,
                barely_separates,
                ceiling,
                floor,
            ),
        });
    }
    Ok(health)
}

/// Consecutive stretches of `grouped` answers that share a level.
fn runs<'a>(grouped: &'a [u32], level_of: &'a [u32]) -> impl Iterator<Item = &'a [u32]> + 'a {
    grouped.chunk_by(move |&a, &b| level_of[a as usize] == level_of[b as usize])
}
