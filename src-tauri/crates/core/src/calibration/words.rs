//! The sentences beside the calibration figures. Figures stay unrounded in the data; only these
//! words round them (leniency to the nearest quarter point, shares to whole percents, kappa and
//! spreads to two decimals).

use super::health::AgreementStatus;
use super::leniency::LeniencyVerdict;
use super::{MIN_ANSWERS, MIN_PAIRS, MIN_QUESTION_ANSWERS};

/// A difference in score points rounded to the nearest quarter point, as a count of quarters.
pub(super) fn quarter_points(points: f64) -> u32 {
    (points.abs() * 4.0).round() as u32
}

/// "a quarter of a point", "half a point", … "a point and a half", then "2.3 points".
fn points(points: f64) -> String {
    match quarter_points(points) {
        0 => "nothing".to_string(),
        1 => "a quarter of a point".to_string(),
        2 => "half a point".to_string(),
        3 => "three quarters of a point".to_string(),
        4 => "a point".to_string(),
        5 => "a point and a quarter".to_string(),
        6 => "a point and a half".to_string(),
        7 => "a point and three quarters".to_string(),
        _ => format!("{:.1} points", points.abs()),
    }
}

/// "1 answer", "84 answers".
pub(super) fn count(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The sentence beside an interviewer's offset.
pub(super) fn leniency(
    verdict: LeniencyVerdict,
    offset: f64,
    answers: u32,
    effective: f64,
) -> String {
    let based_on = count(answers, "answer", "answers");
    match verdict {
        LeniencyVerdict::TooFewAnswers if answers < MIN_ANSWERS => {
            format!("Too few answers to say ({based_on}; {MIN_ANSWERS} needed).")
        }
        LeniencyVerdict::TooFewAnswers => format!(
            "Too few answers on candidates other interviewers also scored to say ({based_on}, \
             worth about {effective:.0} in comparisons with others)."
        ),
        LeniencyVerdict::AboutTheSame => {
            format!("Scores about the same as the panel on the same answers; based on {based_on}.")
        }
        LeniencyVerdict::AbovePanel | LeniencyVerdict::BelowPanel => {
            let side = if offset > 0.0 { "above" } else { "below" };
            format!(
                "Scores about {} {side} the panel on the same answers; based on {based_on}.",
                points(offset)
            )
        }
    }
}

/// Percent, whole.
fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The sentence beside a question's spread, ceiling and floor.
pub(super) fn question(
    answers: u32,
    spread: Option<f64>,
    ceiling_share: f64,
    floor_share: f64,
    barely_separates: bool,
    ceiling: bool,
    floor: bool,
) -> String {
    let across = count(answers, "answer", "answers");
    let Some(spread) = spread.filter(|_| answers >= MIN_QUESTION_ANSWERS) else {
        return format!("Too few answers to judge ({across}; {MIN_QUESTION_ANSWERS} needed).");
    };
    let mut sentence = if barely_separates {
        format!(
            "Barely separates candidates: scores spread only {spread:.2} points (standard \
             deviation) across {across}."
        )
    } else {
        format!(
            "Separates candidates: scores spread {spread:.2} points (standard deviation) across \
             {across}."
        )
    };
    if ceiling {
        sentence.push_str(&format!(
            " {} of answers get a 4, so it hardly tells strong candidates apart.",
            percent(ceiling_share)
        ));
    }
    if floor {
        sentence.push_str(&format!(
            " {} of answers get a 1, so it hardly tells weak candidates apart.",
            percent(floor_share)
        ));
    }
    sentence
}

/// The sentence beside a question's agreement.
pub(super) fn agreement(
    status: AgreementStatus,
    pairs: u32,
    kappa: Option<f64>,
    interval: Option<(f64, f64)>,
) -> String {
    let based_on = count(pairs, "pair", "pairs");
    match (status, kappa) {
        (AgreementStatus::TooFewPairs, _) => {
            format!("Too few pairs to measure agreement ({based_on}; {MIN_PAIRS} needed).")
        }
        (AgreementStatus::SameScoreThroughout, _) | (AgreementStatus::Measured, None) => {
            format!("Every pair gave the same score, so agreement cannot be measured ({based_on}).")
        }
        (AgreementStatus::Measured, Some(kappa)) => {
            let how = if kappa >= 0.8 {
                "Interviewers agree closely on this question"
            } else if kappa >= 0.6 {
                "Interviewers mostly agree on this question"
            } else if kappa >= 0.4 {
                "Interviewers agree only in part on this question"
            } else if kappa >= 0.2 {
                "Interviewers agree little on this question"
            } else {
                "Interviewers agree on this question hardly more than chance would"
            };
            let range = interval
                .map(|(low, high)| format!(", 95% interval {low:.2} to {high:.2}"))
                .unwrap_or_default();
            format!("{how} (weighted kappa {kappa:.2}{range}; {based_on}).")
        }
    }
}
