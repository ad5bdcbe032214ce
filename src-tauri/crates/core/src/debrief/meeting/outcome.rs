//! The independent result beside the after-discussion one: the debrief computed twice, the
//! second time with each after-discussion score in place of the score it moved from, so both
//! follow the debrief's one rule for every figure.

use super::{MeetingOutcome, Movement};
use crate::debrief::{compute, Debrief, DebriefInput};
use crate::time::Timestamp;

/// One after-discussion score as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiscussionScore {
    pub panelist_id: i64,
    pub question_id: i64,
    pub score: u8,
    pub reason: String,
    pub item_number: Option<u32>,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// The outcome of `input` (whose debrief is `independent`) with `moved` recorded. A stored
/// score whose panelist or question is no longer scored on a submitted card is left out: a
/// movement always starts from a sealed score.
pub(crate) fn outcome(
    input: &DebriefInput,
    independent: &Debrief,
    moved: &[DiscussionScore],
) -> MeetingOutcome {
    let mut movements: Vec<(usize, usize, Movement)> = Vec::new();
    let mut after_input = input.clone();
    for m in moved {
        let Some((qi, q)) = independent
            .questions
            .iter()
            .enumerate()
            .find(|(_, q)| question_id(input, q.number) == Some(m.question_id))
        else {
            continue;
        };
        let Some((ci, cell)) = q
            .cells
            .iter()
            .enumerate()
            .find(|(_, c)| c.panelist_id == m.panelist_id && c.submitted)
        else {
            continue;
        };
        let Some(from) = cell.score else { continue };
        if from == m.score {
            continue;
        }
        if let Some(answer) = after_input
            .scorecards
            .iter_mut()
            .filter(|c| c.panelist_id == m.panelist_id)
            .flat_map(|c| c.answers.iter_mut())
            .find(|a| a.question_id == m.question_id)
        {
            answer.answer.score = Some(m.score);
        }
        movements.push((
            qi,
            ci,
            Movement {
                panelist_id: m.panelist_id,
                panelist_name: cell.panelist_name.clone(),
                question_number: q.number,
                question_text: q.text.clone(),
                from,
                to: m.score,
                reason: m.reason.clone(),
                item_number: m.item_number,
                recorded_by: m.recorded_by.clone(),
                recorded_at: m.recorded_at,
            },
        ));
    }
    movements.sort_by_key(|(q, c, _)| (*q, *c));
    let after = compute(&after_input);
    MeetingOutcome {
        independent: independent.capabilities.clone(),
        independent_mean: mean_of(independent),
        after_discussion_mean: mean_of(&after),
        after_discussion: after.capabilities,
        tally: independent.tally.clone(),
        movements: movements.into_iter().map(|(_, _, m)| m).collect(),
    }
}

fn question_id(input: &DebriefInput, number: u32) -> Option<i64> {
    input
        .questions
        .iter()
        .find(|q| q.question.number == number)
        .map(|q| q.id)
}

/// The mean of every counted score of the debrief.
fn mean_of(d: &Debrief) -> Option<f64> {
    let scores: Vec<u8> = d
        .questions
        .iter()
        .flat_map(|q| q.cells.iter())
        .filter(|c| c.submitted)
        .filter_map(|c| c.score)
        .collect();
    crate::debrief::compute::mean(&scores)
}
