//! The debrief figures from a plan's data: pure, so every face of the product agrees.

use super::{
    Agreement, CapabilitySummary, Completeness, Debrief, DebriefCell, NotAsked, PanelistOutcome,
    QuestionDebrief, RecommendationTally, DISAGREEMENT_SPREAD,
};
use crate::audit::AuditEvent;
use crate::bank::BankQuestion;
use crate::plans::PlanDetail;
use crate::scorecards::{Recommendation, ScorecardStatus, ScorecardView};
use crate::Capability;

use super::Decision;

/// Everything the debrief is computed from.
#[derive(Debug, Clone)]
pub struct DebriefInput {
    /// The plan with its panel and assignments.
    pub plan: PlanDetail,
    /// The plan's questions, in pack order.
    pub questions: Vec<BankQuestion>,
    /// Every panelist's scorecard, in panel order.
    pub scorecards: Vec<ScorecardView>,
    /// The decision, if recorded.
    pub decision: Option<Decision>,
    /// The audit trail, oldest first.
    pub audit: Vec<AuditEvent>,
    /// When the figures are computed (RFC 3339).
    pub computed_at: crate::time::Timestamp,
}

/// The mean of scores; `None` for none.
pub(super) fn mean(scores: &[u8]) -> Option<f64> {
    (!scores.is_empty())
        .then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64)
}

/// Computes the debrief.
pub fn compute(input: &DebriefInput) -> Debrief {
    let plan = &input.plan;
    let card_of = |panelist_id: i64| {
        input
            .scorecards
            .iter()
            .find(|c| c.panelist_id == panelist_id)
    };

    let panelists: Vec<PanelistOutcome> = plan
        .panelists
        .iter()
        .map(|p| {
            let card = card_of(p.id);
            let submitted = card.is_some_and(|c| c.status == ScorecardStatus::Submitted);
            PanelistOutcome {
                panelist_id: p.id,
                name: p.name.clone(),
                submitted,
                submitted_at: card.and_then(|c| c.submitted_at),
                recommendation: card.and_then(|c| c.recommendation).filter(|_| submitted),
                summary: card
                    .filter(|_| submitted)
                    .map(|c| c.summary.clone())
                    .unwrap_or_default(),
                questions: plan
                    .assignments
                    .iter()
                    .filter(|a| a.panelist_id == p.id)
                    .count() as u32,
            }
        })
        .collect();

    let mut completeness = Completeness {
        not_submitted: panelists
            .iter()
            .filter(|p| !p.submitted)
            .map(|p| p.name.clone())
            .collect(),
        ..Completeness::default()
    };
    let mut pair_differences: Vec<u8> = Vec::new();
    let questions: Vec<QuestionDebrief> = input
        .questions
        .iter()
        .map(|q| {
            let cells: Vec<DebriefCell> = plan
                .panelists
                .iter()
                .filter(|p| {
                    plan.assignments
                        .iter()
                        .any(|a| a.panelist_id == p.id && a.question_id == q.id)
                })
                .map(|p| {
                    let card = card_of(p.id);
                    let answer =
                        card.and_then(|c| c.answers.iter().find(|a| a.question_id == q.id));
                    DebriefCell {
                        panelist_id: p.id,
                        panelist_name: p.name.clone(),
                        score: answer.and_then(|a| a.answer.score),
                        not_asked_reason: answer.and_then(|a| a.answer.not_asked_reason.clone()),
                        covered: answer.map(|a| a.answer.covered.clone()).unwrap_or_default(),
                        flags: answer.map(|a| a.answer.flags.clone()).unwrap_or_default(),
                        notes: answer.map(|a| a.answer.notes.clone()).unwrap_or_default(),
                        submitted: card.is_some_and(|c| c.status == ScorecardStatus::Submitted),
                    }
                })
                .collect();
            // Figures come from submitted scorecards only: after an early unseal a draft is still
            // shown (marked as such) but never counted.
            let scores: Vec<u8> = cells
                .iter()
                .filter(|c| c.submitted)
                .filter_map(|c| c.score)
                .collect();
            for (i, a) in scores.iter().enumerate() {
                for b in &scores[i + 1..] {
                    pair_differences.push(a.abs_diff(*b));
                }
            }
            for cell in cells.iter().filter(|c| c.submitted) {
                if let Some(reason) = &cell.not_asked_reason {
                    completeness.not_asked.push(NotAsked {
                        question_number: q.question.number,
                        panelist_name: cell.panelist_name.clone(),
                        reason: reason.clone(),
                    });
                }
            }
            if scores.is_empty() {
                completeness.never_scored.push(q.question.number);
            }
            let (min, max) = (scores.iter().copied().min(), scores.iter().copied().max());
            let spread = min.zip(max).map(|(lo, hi)| hi - lo);
            let points = q.question.strong_answer.len();
            let scored_cells: Vec<&DebriefCell> = cells
                .iter()
                .filter(|c| c.submitted && c.score.is_some())
                .collect();
            let coverage_rate = (points > 0 && !scored_cells.is_empty()).then(|| {
                let covered: usize = scored_cells.iter().map(|c| c.covered.len()).sum();
                covered as f64 / (points * scored_cells.len()) as f64
            });
            let borrowed = (q.pack_id.as_str(), q.pack_version)
                != (plan.header.pack_id.as_str(), plan.header.pack_version);
            QuestionDebrief {
                number: q.question.number,
                source: borrowed.then(|| {
                    format!(
                        "From pack {} version {}, question {}",
                        q.pack_id, q.pack_version, q.pack_number
                    )
                }),
                text: q.question.text.clone(),
                capabilities: q.question.capabilities.clone(),
                minutes: q.question.minutes,
                strong_answer: q.question.strong_answer.clone(),
                weak_signals: q.question.weak_signals.clone(),
                red_flags: cells
                    .iter()
                    .filter(|c| c.submitted)
                    .map(|c| c.flags.len() as u32)
                    .sum(),
                mean: mean(&scores),
                min,
                max,
                spread,
                disagreement: spread.is_some_and(|s| s >= DISAGREEMENT_SPREAD),
                coverage_rate,
                cells,
            }
        })
        .collect();
    completeness.complete =
        completeness.not_submitted.is_empty() && completeness.never_scored.is_empty();

    let capabilities = Capability::ALL
        .into_iter()
        .map(|capability| {
            let scores: Vec<u8> = questions
                .iter()
                .filter(|q| q.capabilities.contains(&capability))
                .flat_map(|q| {
                    q.cells
                        .iter()
                        .filter(|c| c.submitted)
                        .filter_map(|c| c.score)
                })
                .collect();
            CapabilitySummary {
                capability,
                mean: mean(&scores),
                scores: scores.len() as u32,
            }
        })
        .collect();

    let mut tally = RecommendationTally::default();
    for p in &panelists {
        match p.recommendation {
            Some(Recommendation::StrongNo) => tally.strong_no += 1,
            Some(Recommendation::No) => tally.no += 1,
            Some(Recommendation::Yes) => tally.yes += 1,
            Some(Recommendation::StrongYes) => tally.strong_yes += 1,
            None => tally.pending += 1,
        }
    }

    let agreement = (!pair_differences.is_empty()).then(|| {
        let pairs = pair_differences.len() as f64;
        let share = |pred: fn(u8) -> bool| {
            pair_differences.iter().filter(|&&d| pred(d)).count() as f64 / pairs
        };
        Agreement {
            pairs: pair_differences.len() as u32,
            mean_absolute_difference: pair_differences.iter().map(|&d| f64::from(d)).sum::<f64>()
                / pairs,
            exact_rate: share(|d| d == 0),
            within_one_rate: share(|d| d <= 1),
            in_words: crate::vocabulary::agreement_in_words(share(|d| d <= 1)).to_string(),
        }
    });

    Debrief {
        plan_id: plan.header.id,
        candidate: plan.header.candidate.clone(),
        level: plan.header.level,
        role_title: plan.header.role_title.clone(),
        starts_at: plan.header.starts_at.clone(),
        panel_lead: plan.header.panel_lead.clone(),
        recruiter: plan.recruiter.clone(),
        pack_id: plan.header.pack_id.clone(),
        pack_version: plan.header.pack_version,
        pack_title: plan.header.pack_title.clone(),
        level_guidance: plan.header.level_guidance.clone(),
        computed_at: input.computed_at,
        panelists,
        questions,
        capabilities,
        tally,
        completeness,
        agreement,
        decision: input.decision.clone(),
        audit: input.audit.clone(),
        adjusted: None,
        meeting: None,
    }
}
