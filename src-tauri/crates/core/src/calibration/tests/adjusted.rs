//! A plan's capability means with each interviewer's leniency taken out.

use super::*;
use crate::calibration::{
    adjusted_means, fit_leniency, FitSettings, InterviewerHistory, LeniencyFit, PlanAnswer,
    QuestionCapabilities,
};

fn tagged(question: i64, capabilities: &[&str]) -> QuestionCapabilities {
    QuestionCapabilities {
        question: QuestionKey(question),
        capabilities: capabilities.iter().map(|c| c.to_string()).collect(),
    }
}

fn scored(question: i64, interviewer: i64, score: u8) -> PlanAnswer {
    PlanAnswer {
        question: QuestionKey(question),
        interviewer: InterviewerKey(interviewer),
        score,
    }
}

fn offset(fit: &LeniencyFit, interviewer: i64) -> f64 {
    fit.interviewer(InterviewerKey(interviewer))
        .unwrap()
        .leniency_offset
}

fn questions() -> Vec<QuestionCapabilities> {
    vec![
        tagged(1, &["strategy"]),
        tagged(2, &["strategy", "execution"]),
        tagged(3, &["execution", "execution"]),
        tagged(4, &[]),
        tagged(5, &["leadership"]),
    ]
}

#[test]
fn each_score_loses_its_interviewers_offset() {
    let fit = fit_leniency(&generate(ISSUE_SLATE, 1).scored(), &FitSettings::default()).unwrap();
    let (severe, lenient) = (offset(&fit, 1), offset(&fit, 8));
    assert!(severe < -0.3 && lenient > 0.3);
    let plan = [
        scored(1, 1, 2),
        scored(1, 8, 4),
        scored(2, 8, 3),
        scored(3, 1, 2),
        scored(4, 1, 1),
    ];
    let means = adjusted_means(&fit, &plan, &questions()).unwrap();
    let names: Vec<&str> = means.iter().map(|m| m.capability.as_str()).collect();
    assert_eq!(names, ["strategy", "execution", "leadership"]);

    let strategy = &means[0];
    assert_eq!(strategy.scores, 3);
    assert_eq!(strategy.raw_mean, Some(3.0));
    let expected = ((2.0 - severe) + (4.0 - lenient) + (3.0 - lenient)) / 3.0;
    assert!((strategy.adjusted_mean.unwrap() - expected).abs() < 1e-12);
    assert!(strategy.short_of_history.is_empty());
    assert!(strategy.in_words.starts_with("An estimate:"));

    let execution = &means[1];
    assert_eq!(
        execution.scores, 2,
        "a capability named twice counts a score once"
    );
    assert_eq!(execution.raw_mean, Some(2.5));
    let expected = ((3.0 - lenient) + (2.0 - severe)) / 2.0;
    assert!((execution.adjusted_mean.unwrap() - expected).abs() < 1e-12);

    let leadership = &means[2];
    assert_eq!((leadership.scores, leadership.raw_mean), (0, None));
    assert_eq!(leadership.adjusted_mean, None);
    assert_eq!(leadership.in_words, "No scores yet.");
}

#[test]
fn no_adjustment_unless_every_interviewer_has_thirty_past_answers() {
    let mut history = generate(ISSUE_SLATE, 2).scored();
    // Interviewer 9 joins late: five answers on candidates others also scored.
    history.extend((1..=5).map(|candidate| answer(candidate, 1, 9, 3)));
    let fit = fit_leniency(&history, &FitSettings::default()).unwrap();

    let plan = [
        scored(1, 2, 3),
        scored(1, 9, 4),
        scored(2, 9, 2),
        scored(3, 42, 3),
    ];
    let means = adjusted_means(&fit, &plan, &questions()).unwrap();
    let strategy = &means[0];
    assert_eq!(strategy.raw_mean, Some(3.0));
    assert_eq!(strategy.adjusted_mean, None);
    assert_eq!(
        strategy.short_of_history,
        [InterviewerHistory {
            interviewer: InterviewerKey(9),
            past_answers: 5
        }]
    );
    assert_eq!(
        strategy.in_words,
        "Not adjusted: 1 of the 2 interviewers behind these scores has fewer than 30 past answers."
    );

    // Interviewer 42 has never been seen by the fit.
    let execution = &means[1];
    assert_eq!(execution.adjusted_mean, None);
    assert_eq!(
        execution.short_of_history,
        [
            InterviewerHistory {
                interviewer: InterviewerKey(9),
                past_answers: 5
            },
            InterviewerHistory {
                interviewer: InterviewerKey(42),
                past_answers: 0
            }
        ]
    );
    assert_eq!(
        execution.in_words,
        "Not adjusted: 2 of the 2 interviewers behind these scores have fewer than 30 past \
         answers."
    );

    let alone = adjusted_means(&fit, &[scored(5, 9, 3)], &questions()).unwrap();
    assert_eq!(
        alone[2].in_words,
        "Not adjusted: the interviewer behind these scores has fewer than 30 past answers."
    );
}

#[test]
fn a_score_off_the_scale_is_refused() {
    let fit = fit_leniency(&[], &FitSettings::default()).unwrap();
    assert!(adjusted_means(&fit, &[scored(1, 1, 9)], &questions()).is_err());
}
