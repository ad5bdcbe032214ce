//! Question health: spread, ceiling and floor, and the agreement of paired scores.

use super::*;
use crate::calibration::{
    quadratic_weighted_kappa, question_health, AgreementStatus, QuestionHealth, MIN_PAIRS,
};

/// One question (key 1) asked of `pairs.len()` candidates by interviewers 1 and 2.
fn paired(pairs: &[(u8, u8)]) -> Vec<ScoredAnswer> {
    pairs
        .iter()
        .enumerate()
        .flat_map(|(candidate, &(first, second))| {
            let candidate = candidate as i64 + 1;
            [
                answer(candidate, 1, 1, first),
                answer(candidate, 1, 2, second),
            ]
        })
        .collect()
}

fn only(health: Vec<QuestionHealth>) -> QuestionHealth {
    assert_eq!(health.len(), 1);
    health.into_iter().next().unwrap()
}

#[test]
fn perfect_agreement_gives_a_kappa_of_one() {
    let pairs: Vec<(u8, u8)> = (0..12).map(|i| (1 + i % 4, 1 + i % 4)).collect();
    let health = only(question_health(&paired(&pairs)).unwrap());
    let agreement = health.agreement;
    assert_eq!(agreement.status, AgreementStatus::Measured);
    assert_eq!(agreement.pairs, 12);
    assert!((agreement.kappa.unwrap() - 1.0).abs() < 1e-12);
    let (low, high) = agreement.interval.unwrap();
    assert!(low <= 1.0 && high == 1.0);
    assert!(
        agreement
            .in_words
            .starts_with("Interviewers agree closely on this question (weighted kappa 1.00"),
        "{}",
        agreement.in_words
    );
}

/// Worked by hand: 30 pairs, margins 7, 9, 8, 6 and 6, 9, 7, 8. Only neighbouring scores
/// disagree (10 pairs, weight 1 − 1/9), so the weighted disagreement observed is 10/30 · 1/9; the
/// one expected by chance is E[(a − b)²]/9 over independent margins, (var₁ + var₂ + (m₁ − m₂)²)/9
/// = (1001 + 1061 + 16)/900/9. Kappa = 1 − (1/3) / (2078/900) = 889/1039.
#[test]
fn a_hand_computed_table_gives_its_kappa() {
    let table = [
        [5.0, 2.0, 0.0, 0.0],
        [1.0, 6.0, 2.0, 0.0],
        [0.0, 1.0, 4.0, 3.0],
        [0.0, 0.0, 1.0, 5.0],
    ];
    let estimate = quadratic_weighted_kappa(&table).unwrap();
    assert!(
        (estimate.kappa - 889.0 / 1039.0).abs() < 1e-12,
        "{estimate:?}"
    );
    // Fleiss–Cohen–Everitt's standard error for this table (a bootstrap of its 30 pairs gives
    // about 0.048).
    assert!(
        (estimate.standard_error - 0.044_750_6).abs() < 1e-6,
        "{estimate:?}"
    );
}

#[test]
fn an_empty_or_uniform_table_has_no_kappa() {
    assert_eq!(quadratic_weighted_kappa(&[[0.0; 4]; 4]), None);
    let mut uniform = [[0.0; 4]; 4];
    uniform[2][2] = 15.0;
    assert_eq!(quadratic_weighted_kappa(&uniform), None);
}

/// 17 pairs whose table, counted both ways round, has margins 3, 5, 6, 3 and 6 neighbouring
/// disagreements: kappa = 1 − (6/17) / (2 · 276/289) = 75/92, whichever interviewer gave which
/// score of each pair.
#[test]
fn pairs_are_counted_both_ways_round() {
    let pairs = [
        (1, 1),
        (1, 1),
        (2, 2),
        (2, 2),
        (2, 2),
        (3, 3),
        (3, 3),
        (3, 3),
        (3, 3),
        (4, 4),
        (4, 4),
        (1, 2),
        (2, 1),
        (2, 3),
        (2, 3),
        (4, 3),
        (3, 4),
    ];
    let health = only(question_health(&paired(&pairs)).unwrap());
    assert_eq!(health.agreement.pairs, 17);
    assert!((health.agreement.kappa.unwrap() - 75.0 / 92.0).abs() < 1e-12);

    let swapped: Vec<(u8, u8)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
    let again = only(question_health(&paired(&swapped)).unwrap());
    assert_eq!(again.agreement, health.agreement);
}

#[test]
fn too_few_pairs_say_so() {
    let pairs: Vec<(u8, u8)> = (0..MIN_PAIRS - 1)
        .map(|i| (1 + (i % 4) as u8, 1 + (i % 4) as u8))
        .collect();
    let health = only(question_health(&paired(&pairs)).unwrap());
    assert_eq!(health.agreement.status, AgreementStatus::TooFewPairs);
    assert_eq!(health.agreement.pairs, 9);
    assert_eq!(health.agreement.kappa, None);
    assert_eq!(health.agreement.interval, None);
    assert_eq!(
        health.agreement.in_words,
        "Too few pairs to measure agreement (9 pairs; 10 needed)."
    );
}

#[test]
fn the_same_score_throughout_has_no_kappa() {
    let health = only(question_health(&paired(&[(3, 3); 12])).unwrap());
    assert_eq!(
        health.agreement.status,
        AgreementStatus::SameScoreThroughout
    );
    assert_eq!(health.agreement.kappa, None);
    assert!(health.barely_separates);
    assert_eq!(health.spread, Some(0.0));
}

#[test]
fn a_second_score_from_the_same_interviewer_is_not_a_pair() {
    let answers = vec![
        answer(1, 1, 1, 3),
        answer(1, 1, 1, 4),
        answer(1, 1, 2, 2),
        answer(2, 1, 3, 2),
    ];
    let health = only(question_health(&answers).unwrap());
    assert_eq!(health.agreement.pairs, 2);
    assert_eq!(health.candidates, 2);
    assert_eq!(health.answers, 4);
}

#[test]
fn spread_ceiling_and_floor() {
    let mut answers = Vec::new();
    // Question 1: mostly 4s. Question 2: 1, 2, 3, 4 in turn. Question 3: mostly 1s.
    for candidate in 1..=12 {
        answers.push(answer(candidate, 1, 1, if candidate <= 9 { 4 } else { 3 }));
        answers.push(answer(candidate, 2, 1, 1 + (candidate % 4) as u8));
        answers.push(answer(candidate, 3, 2, if candidate <= 7 { 1 } else { 2 }));
    }
    let health = question_health(&answers).unwrap();
    let keys: Vec<i64> = health.iter().map(|h| h.question.0).collect();
    assert_eq!(keys, [1, 2, 3]);

    let easy = &health[0];
    assert_eq!(easy.answers, 12);
    assert!((easy.ceiling_share - 0.75).abs() < 1e-12);
    assert!(easy.ceiling && !easy.floor && easy.barely_separates);
    // Nine 4s and three 3s: mean 3.75, squares 9·0.0625 + 3·0.5625 = 2.25 over 11.
    assert!((easy.spread.unwrap() - (2.25f64 / 11.0).sqrt()).abs() < 1e-12);
    assert!((easy.mean - 3.75).abs() < 1e-12);
    assert_eq!(
        easy.in_words,
        "Barely separates candidates: scores spread only 0.45 points (standard deviation) across \
         12 answers. 75% of answers get a 4, so it hardly tells strong candidates apart."
    );

    let good = &health[1];
    assert!(!good.ceiling && !good.floor && !good.barely_separates);
    assert_eq!(
        (
            good.scores.ones,
            good.scores.twos,
            good.scores.threes,
            good.scores.fours
        ),
        (3, 3, 3, 3)
    );
    assert!(good
        .in_words
        .starts_with("Separates candidates: scores spread 1.17 points"));

    let hard = &health[2];
    assert!(hard.floor && !hard.ceiling);
    assert!((hard.floor_share - 7.0 / 12.0).abs() < 1e-12);
    assert!(hard.in_words.contains("58% of answers get a 1"));
}

#[test]
fn few_answers_are_not_judged() {
    let answers = [answer(1, 1, 1, 4), answer(2, 1, 1, 4)];
    let health = only(question_health(&answers).unwrap());
    assert!(!health.ceiling && !health.barely_separates);
    assert_eq!(
        health.in_words,
        "Too few answers to judge (2 answers; 10 needed)."
    );
}

#[test]
fn agreement_on_a_generated_slate_has_an_interval_that_narrows_with_pairs() {
    let slate = generate(ISSUE_SLATE, 4);
    let health = question_health(&slate.scored()).unwrap();
    assert_eq!(health.len(), 18);
    let mut kappas = Vec::new();
    for question in &health {
        // 40 candidates, each question asked by two panelists.
        assert_eq!(question.agreement.pairs, 40);
        assert_eq!(question.answers, 80);
        let kappa = question.agreement.kappa.unwrap();
        let (low, high) = question.agreement.interval.unwrap();
        assert!(low < kappa && kappa < high, "{question:?}");
        // Over 40 pairs one question can land at or below chance; its interval still reaches
        // the agreement a common ability gives.
        assert!(high > 0.0, "{question:?}");
        kappas.push(kappa);
    }
    let mean = kappas.iter().sum::<f64>() / kappas.len() as f64;
    assert!(
        mean > 0.1,
        "raters of a common ability agree more than chance: mean kappa {mean:.2}"
    );
    let bigger = generate(
        SlateSpec {
            candidates: 160,
            ..ISSUE_SLATE
        },
        4,
    );
    let wider = |h: &QuestionHealth| {
        let (low, high) = h.agreement.interval.unwrap();
        high - low
    };
    let small: f64 = health.iter().map(wider).sum();
    let large: f64 = question_health(&bigger.scored())
        .unwrap()
        .iter()
        .map(wider)
        .sum();
    assert!(large < 0.7 * small, "{large} vs {small}");
}
