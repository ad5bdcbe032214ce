//! One plan's capability means with each interviewer's leniency taken out: an estimate shown
//! beside the raw means, never instead of them, and only when every interviewer behind a mean
//! has a history long enough for their offset to mean something.

use serde::Serialize;

use super::leniency::LeniencyFit;
use super::{check_score, InterviewerKey, QuestionKey, MIN_ANSWERS};

/// One submitted score of the plan being adjusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanAnswer {
    /// Which question.
    pub question: QuestionKey,
    /// Who scored it.
    pub interviewer: InterviewerKey,
    /// The score, 1 to 4.
    pub score: u8,
}

/// The capabilities one question of the plan probes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionCapabilities {
    /// Which question.
    pub question: QuestionKey,
    /// The capabilities it probes, as the caller names them.
    pub capabilities: Vec<String>,
}

/// One capability's mean, raw and adjusted.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AdjustedCapability {
    /// The capability.
    pub capability: String,
    /// Scores behind the mean.
    pub scores: u32,
    /// Mean of the scores as given.
    pub raw_mean: Option<f64>,
    /// Mean of each score minus its interviewer's leniency offset: `None` without scores or when
    /// an interviewer behind them has fewer than [`MIN_ANSWERS`] answers in the fit.
    pub adjusted_mean: Option<f64>,
    /// The interviewers behind these scores who have fewer than [`MIN_ANSWERS`] answers in the
    /// fit, in key order (empty when the mean is adjusted).
    pub short_of_history: Vec<InterviewerHistory>,
    /// What the adjusted figure is, or why there is none, in a sentence.
    pub in_words: String,
}

/// How many answers an interviewer has in the fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InterviewerHistory {
    /// Who.
    pub interviewer: InterviewerKey,
    /// Their answers in the fit ("past answers"; the plan's own count if the caller included
    /// them in the fit).
    pub past_answers: u32,
}

/// Per capability (in the order the questions first name them), the plan's mean score raw and
/// with each interviewer's offset from `fit` removed. Scores of questions without capabilities
/// count toward none. Refuses a score outside 1–4.
pub fn adjusted_means(
    fit: &LeniencyFit,
    answers: &[PlanAnswer],
    questions: &[QuestionCapabilities],
) -> crate::Result<Vec<AdjustedCapability>> {
    for answer in answers {
        check_score(answer.score, "a plan's answer")?;
    }
    let mut capabilities: Vec<&str> = Vec::new();
    for name in questions.iter().flat_map(|q| &q.capabilities) {
        if !capabilities.contains(&name.as_str()) {
            capabilities.push(name);
        }
    }
    let probes = |answer: &PlanAnswer, capability: &str| {
        questions.iter().any(|q| {
            q.question == answer.question && q.capabilities.iter().any(|c| c == capability)
        })
    };

    Ok(capabilities
        .into_iter()
        .map(|capability| {
            let scored: Vec<&PlanAnswer> =
                answers.iter().filter(|a| probes(a, capability)).collect();
            let mut behind: Vec<InterviewerKey> = scored.iter().map(|a| a.interviewer).collect();
            behind.sort_unstable();
            behind.dedup();
            let history = |interviewer: InterviewerKey| InterviewerHistory {
                interviewer,
                past_answers: fit.interviewer(interviewer).map_or(0, |i| i.answers),
            };
            let short_of_history: Vec<InterviewerHistory> = behind
                .iter()
                .map(|&i| history(i))
                .filter(|h| h.past_answers < MIN_ANSWERS)
                .collect();

            let count = scored.len() as u32;
            let mean_of = |value: &dyn Fn(&PlanAnswer) -> f64| {
                (count > 0).then(|| scored.iter().map(|a| value(a)).sum::<f64>() / f64::from(count))
            };
            let raw_mean = mean_of(&|a| f64::from(a.score));
            let adjusted_mean = if short_of_history.is_empty() {
                mean_of(&|a| {
                    let offset = fit
                        .interviewer(a.interviewer)
                        .map_or(0.0, |i| i.leniency_offset);
                    f64::from(a.score) - offset
                })
            } else {
                None
            };
            let in_words = if count == 0 {
                "No scores yet.".to_string()
            } else if adjusted_mean.is_some() {
                "An estimate: the same scores with each interviewer's usual leniency, measured \
                 over their past answers, taken out."
                    .to_string()
            } else {
                let (short, all) = (short_of_history.len() as u32, behind.len() as u32);
                if all == 1 {
                    format!(
                        "Not adjusted: the interviewer behind these scores has fewer than \
                         {MIN_ANSWERS} past answers."
                    )
                } else {
                    let verb = if short == 1 { "has" } else { "have" };
                    format!(
                        "Not adjusted: {short} of the {all} interviewers behind these scores \
                         {verb} fewer than {MIN_ANSWERS} past answers."
                    )
                }
            };
            AdjustedCapability {
                capability: capability.to_string(),
                scores: count,
                raw_mean,
                adjusted_mean,
                short_of_history,
                in_words,
            }
        })
        .collect())
}
