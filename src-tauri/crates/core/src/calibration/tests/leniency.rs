//! The leniency model: recovery of known offsets, shrinkage, determinism, the exact least-squares
//! minimum, and the property that shifting one interviewer moves essentially only them.

use proptest::prelude::*;

use super::*;
use crate::calibration::leniency::fit_model;
use crate::calibration::{
    fit_leniency, FitSettings, LeniencyFit, LeniencyVerdict, MIN_ANSWERS, PRIOR_STRENGTH,
};

/// How close the estimates come to the true offsets on the issue's slate (8 interviewers of
/// about 180 answers each), in score points, after the scores are rounded and clamped to 1–4.
/// Clamping pulls the most lenient and most severe interviewers toward the middle (a 4 cannot
/// go higher), which is most of the error.
const RECOVERY_TOLERANCE: f64 = 0.2;

/// The same on the model's continuous values, before rounding and clamping.
const CONTINUOUS_RECOVERY_TOLERANCE: f64 = 0.15;

fn fit(answers: &[ScoredAnswer]) -> LeniencyFit {
    fit_leniency(answers, &FitSettings::default()).unwrap()
}

fn offset_of(fit: &LeniencyFit, interviewer: i64) -> f64 {
    fit.interviewer(InterviewerKey(interviewer))
        .unwrap()
        .leniency_offset
}

#[test]
fn estimates_recover_known_offsets_within_the_stated_tolerance() {
    for seed in 0..10 {
        let slate = generate(ISSUE_SLATE, seed);
        let fit = fit(&slate.scored());
        assert!(fit.converged, "seed {seed}: {} iterations", fit.iterations);
        assert_eq!(fit.interviewers.len(), 8);
        for entry in &fit.interviewers {
            let truth = slate.offsets[entry.interviewer.0 as usize - 1];
            assert!(entry.answers >= 60, "seed {seed}: {entry:?}");
            assert!(
                (entry.leniency_offset - truth).abs() <= RECOVERY_TOLERANCE,
                "seed {seed}: interviewer {} estimated {:.3}, truly {truth:.3}",
                entry.interviewer.0,
                entry.leniency_offset
            );
        }

        let continuous = fit_model(&slate.answers, &FitSettings::default()).unwrap();
        for (level, estimate) in continuous.effects.interviewer.iter().enumerate() {
            let truth = slate.offsets[continuous.interviewers[level].0 as usize - 1];
            assert!(
                (estimate - truth).abs() <= CONTINUOUS_RECOVERY_TOLERANCE,
                "seed {seed}: continuous estimate {estimate:.3}, truly {truth:.3}"
            );
        }
        assert!((continuous.effects.mean - TRUE_MEAN).abs() < 0.25);
    }
}

#[test]
fn the_most_lenient_and_most_severe_are_named_in_words() {
    let slate = generate(ISSUE_SLATE, 3);
    let fit = fit(&slate.scored());
    let severe = fit.interviewer(InterviewerKey(1)).unwrap();
    let lenient = fit.interviewer(InterviewerKey(8)).unwrap();
    assert_eq!(severe.verdict, LeniencyVerdict::BelowPanel);
    assert_eq!(lenient.verdict, LeniencyVerdict::AbovePanel);
    assert!(
        lenient
            .in_words
            .starts_with("Scores about half a point above the panel")
            || lenient
                .in_words
                .starts_with("Scores about three quarters of a point above"),
        "{}",
        lenient.in_words
    );
    assert!(lenient
        .in_words
        .ends_with(&format!("based on {} answers.", lenient.answers)));
    assert!(severe
        .in_words
        .contains("below the panel on the same answers"));
    let (low, high) = lenient.interval.unwrap();
    assert!(low < lenient.leniency_offset && lenient.leniency_offset < high);
    assert!(
        low > 0.0,
        "a lenient interviewer's interval stays above zero"
    );
}

#[test]
fn offsets_on_few_answers_shrink_toward_zero() {
    // The most lenient interviewer (+0.6) keeps only their first eight answers.
    const FEW: usize = 8;
    for seed in 0..10 {
        let slate = generate(ISSUE_SLATE, seed);
        let many = fit(&slate.scored());
        let mut kept = 0;
        let thinned: Vec<ScoredAnswer> = slate
            .scored()
            .into_iter()
            .filter(|a| {
                if a.interviewer != InterviewerKey(8) {
                    return true;
                }
                kept += 1;
                kept <= FEW
            })
            .collect();
        let few = fit(&thinned);
        let (on_many, on_few) = (offset_of(&many, 8), offset_of(&few, 8));
        assert!(
            on_few.abs() < on_many.abs(),
            "seed {seed}: {on_few:.3} on {FEW} answers, {on_many:.3} on all"
        );
        assert!(on_few < 0.45, "seed {seed}: {on_few:.3} is barely shrunk");
        let entry = few.interviewer(InterviewerKey(8)).unwrap();
        assert_eq!(entry.answers, FEW as u32);
        assert_eq!(entry.verdict, LeniencyVerdict::TooFewAnswers);
        assert_eq!(
            entry.in_words,
            format!("Too few answers to say (8 answers; {MIN_ANSWERS} needed).")
        );
    }
}

/// Two interviewers who score every answer of ten candidates, one always a point above the
/// other: each sits half a point from the panel, and the fit shrinks that to exactly
/// `0.5 · n / (n + k)` for `n` answers each (the candidates' and questions' effects cancel out of
/// the comparison).
#[test]
fn a_balanced_pair_is_shrunk_by_n_over_n_plus_k() {
    let mut answers = Vec::new();
    for candidate in 1..=10 {
        for question in 1..=2 {
            let severe = 1 + ((candidate + question) % 3) as u8;
            answers.push(answer(candidate, question, 1, severe));
            answers.push(answer(candidate, question, 2, severe + 1));
        }
    }
    for k in [PRIOR_STRENGTH, 40.0, 1.0] {
        let settings = FitSettings {
            prior_strength: k,
            ..FitSettings::default()
        };
        let fit = fit_leniency(&answers, &settings).unwrap();
        let expected = 0.5 * 20.0 / (20.0 + k);
        assert!(
            (offset_of(&fit, 2) - expected).abs() < 1e-3,
            "k = {k}: {} instead of {expected}",
            offset_of(&fit, 2)
        );
        assert!((offset_of(&fit, 1) + expected).abs() < 1e-3);
    }
}

#[test]
fn the_same_answers_give_identical_figures() {
    let answers = generate(ISSUE_SLATE, 11).scored();
    let first = fit(&answers);
    let second = fit(&answers);
    assert_eq!(first, second);
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        serde_json::to_string(&second).unwrap()
    );
}

#[test]
fn the_order_of_the_answers_does_not_matter() {
    let answers = generate(ISSUE_SLATE, 12).scored();
    let mut reversed = answers.clone();
    reversed.reverse();
    let (forward, backward) = (fit(&answers), fit(&reversed));
    for (a, b) in forward.interviewers.iter().zip(&backward.interviewers) {
        assert_eq!(a.interviewer, b.interviewer);
        assert_eq!(a.answers, b.answers);
        assert_eq!(a.scores, b.scores);
        assert!((a.leniency_offset - b.leniency_offset).abs() < 1e-7);
        assert!((a.effective_answers - b.effective_answers).abs() < 1e-9);
    }
}

/// The conjugate-gradient fit lands on the minimum of the penalised least squares: compared with
/// the dense normal equations solved directly on a small slate.
#[test]
fn the_sparse_fit_matches_the_dense_normal_equations() {
    let spec = SlateSpec {
        interviewers: 5,
        candidates: 7,
        questions: 4,
        panel: 3,
        ..ISSUE_SLATE
    };
    let slate = generate(spec, 5);
    let model = fit_model(&slate.answers, &FitSettings::default()).unwrap();
    let [c, q, i] = model.design.level_counts;
    let n = 1 + c + q + i;
    let ridges: Vec<f64> = std::iter::once(0.0)
        .chain(std::iter::repeat_n(0.01, c + q))
        .chain(std::iter::repeat_n(PRIOR_STRENGTH, i))
        .collect();
    let mut normal = vec![vec![0.0; n + 1]; n];
    for (levels, rating) in model.design.levels_of_answer.iter().zip(&slate.answers) {
        let columns = [
            0,
            1 + levels[0] as usize,
            1 + c + levels[1] as usize,
            1 + c + q + levels[2] as usize,
        ];
        for &row in &columns {
            for &column in &columns {
                normal[row][column] += 1.0;
            }
            normal[row][n] += rating.value;
        }
    }
    for (row, ridge) in ridges.iter().enumerate() {
        normal[row][row] += ridge;
    }
    let exact = solve_dense(normal);
    let fitted: Vec<f64> = std::iter::once(model.effects.mean)
        .chain(model.effects.candidate.iter().copied())
        .chain(model.effects.question.iter().copied())
        .chain(model.effects.interviewer.iter().copied())
        .collect();
    for (at, (exact, fitted)) in exact.iter().zip(&fitted).enumerate() {
        assert!(
            (exact - fitted).abs() < 1e-6,
            "unknown {at}: dense {exact}, sparse {fitted}"
        );
    }
    assert!(model.effects.interviewer.iter().sum::<f64>().abs() < 1e-6);
}

/// Gaussian elimination with partial pivoting on an augmented matrix.
fn solve_dense(mut m: Vec<Vec<f64>>) -> Vec<f64> {
    let n = m.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
            .unwrap();
        m.swap(col, pivot);
        for row in col + 1..n {
            let factor = m[row][col] / m[col][col];
            let (pivots, below) = m.split_at_mut(row);
            for (target, source) in below[0][col..].iter_mut().zip(&pivots[col][col..]) {
                *target -= factor * source;
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let known: f64 = (row + 1..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = (m[row][n] - known) / m[row][row];
    }
    x
}

#[test]
fn every_interviewer_gets_a_score_distribution_and_effective_answers() {
    let answers = vec![
        answer(1, 1, 1, 4),
        answer(1, 1, 2, 3),
        answer(1, 2, 1, 4),
        answer(1, 2, 3, 1),
        answer(2, 1, 1, 2),
        answer(3, 1, 3, 2),
    ];
    let fit = fit(&answers);
    let first = fit.interviewer(InterviewerKey(1)).unwrap();
    assert_eq!(
        (
            first.scores.ones,
            first.scores.twos,
            first.scores.threes,
            first.scores.fours
        ),
        (0, 1, 0, 2)
    );
    assert_eq!(first.answers, 3);
    // Candidate 1: 2 of 4 answers are theirs → 2·2/4 = 1; candidate 2 they scored alone → 0.
    assert!((first.effective_answers - 1.0).abs() < 1e-12);
    let third = fit.interviewer(InterviewerKey(3)).unwrap();
    assert!((third.effective_answers - 0.75).abs() < 1e-12);
    assert_eq!(fit.answers, 6);
    assert_eq!((fit.candidates, fit.questions), (3, 2));
    assert!(fit
        .interviewers
        .iter()
        .all(|i| i.verdict == LeniencyVerdict::TooFewAnswers));
}

#[test]
fn scores_off_the_scale_and_a_bad_prior_are_refused() {
    let err = fit_leniency(&[answer(1, 1, 1, 5)], &FitSettings::default()).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    let err = fit_leniency(&[answer(1, 1, 1, 0)], &FitSettings::default()).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    let settings = FitSettings {
        prior_strength: 0.0,
        ..FitSettings::default()
    };
    assert!(fit_leniency(&[answer(1, 1, 1, 3)], &settings).is_err());
}

#[test]
fn no_answers_fit_to_nothing() {
    let fit = fit(&[]);
    assert!(fit.interviewers.is_empty());
    assert_eq!(fit.answers, 0);
    assert_eq!(fit.residual_sd, None);
    assert!(fit.converged);
}

#[test]
fn the_words_round_to_quarter_points() {
    use crate::calibration::words::leniency;
    assert_eq!(
        leniency(LeniencyVerdict::AbovePanel, 0.52, 84, 70.0),
        "Scores about half a point above the panel on the same answers; based on 84 answers."
    );
    assert_eq!(
        leniency(LeniencyVerdict::BelowPanel, -0.3, 40, 30.0),
        "Scores about a quarter of a point below the panel on the same answers; based on 40 \
         answers."
    );
    assert_eq!(
        leniency(LeniencyVerdict::AboutTheSame, 0.04, 120, 90.0),
        "Scores about the same as the panel on the same answers; based on 120 answers."
    );
    assert_eq!(
        leniency(LeniencyVerdict::TooFewAnswers, 0.4, 1, 0.5),
        "Too few answers to say (1 answer; 30 needed)."
    );
    assert_eq!(
        leniency(LeniencyVerdict::TooFewAnswers, 0.0, 45, 2.0),
        "Too few answers on candidates other interviewers also scored to say (45 answers, worth \
         about 2 in comparisons with others)."
    );
}

/// How much the other offsets may move, per point of `c`, when one interviewer's scores all move
/// by `c`, on the issue's slate of eight interviewers. Offsets are measured from the panel's
/// average interviewer (they sum to zero), and that average moves by about c / 8 when one of
/// eight moves by c, so every other offset moves by about c / 8 (0.125 · c); 0.025 · c more
/// allows for the spill-over through the candidates the shifted interviewer scored.
const OTHERS_MOVE_PER_POINT: f64 = 0.15;

/// Beyond the panel's own shift (the mean of the others' moves), no other offset moves by more
/// than this per point of `c`.
const OTHERS_SPREAD_PER_POINT: f64 = 0.02;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Adding c to every one of an interviewer's scores (on the continuous model, so nothing is
    /// clamped) moves their offset by between 0 and c, and every other offset by less than
    /// ε = 0.15 · |c|.
    #[test]
    fn a_constant_added_to_one_interviewer_moves_their_offset_and_barely_the_others(
        seed in any::<u64>(),
        shifted in 1i64..=8,
        c in -1.0f64..1.0,
    ) {
        let slate = generate(ISSUE_SLATE, seed);
        let moved: Vec<Continuous> = slate
            .answers
            .iter()
            .map(|a| Continuous {
                value: if a.interviewer.0 == shifted { a.value + c } else { a.value },
                ..*a
            })
            .collect();
        let before = fit_model(&slate.answers, &FitSettings::default()).unwrap();
        let after = fit_model(&moved, &FitSettings::default()).unwrap();
        prop_assert!(before.effects.converged && after.effects.converged);
        prop_assert_eq!(&before.interviewers, &after.interviewers);

        let mut own = 0.0;
        let mut others = Vec::new();
        for (level, key) in before.interviewers.iter().enumerate() {
            let delta = after.effects.interviewer[level] - before.effects.interviewer[level];
            if key.0 == shifted {
                own = delta;
            } else {
                others.push(delta);
            }
        }
        if c != 0.0 {
            prop_assert!(0.0 < own / c && own / c < 1.0, "moved {own} for c = {c}");
        }
        let epsilon = OTHERS_MOVE_PER_POINT * c.abs() + 1e-9;
        let panel_shift = others.iter().sum::<f64>() / others.len() as f64;
        for delta in &others {
            prop_assert!(delta.abs() < epsilon, "another offset moved {delta} for c = {c}");
            prop_assert!(
                (delta - panel_shift).abs() < OTHERS_SPREAD_PER_POINT * c.abs() + 1e-9,
                "another offset moved {delta} against the panel's {panel_shift} for c = {c}"
            );
        }
    }
}
