//! The words of the sample's scorecards: summaries that fit their recommendation and notes that
//! fit their question and score, so the slate reads like real panels' work.

use crate::dice::Dice;
use crate::plans::shortened;
use crate::scorecards::Recommendation;

/// A scorecard's summary that fits its recommendation.
pub(super) fn summary(recommendation: Recommendation, dice: &mut Dice) -> &'static str {
    let options: &[&str] = match recommendation {
        Recommendation::StrongYes => &[
            "Strong hire: has already run the program we need, with evidence at every step.",
            "Strong hire. Clear on trade-offs and on who decides; would raise the bar.",
        ],
        Recommendation::Yes => &[
            "Hire. Solid examples; coaching needed on executive budget narratives.",
            "Would hire: pragmatic on risk, lighter on metrics.",
        ],
        Recommendation::No => &[
            "Not yet: good instincts, but the examples were a team's work rather than theirs.",
            "No hire: stayed general when pushed for a decision they owned.",
        ],
        Recommendation::StrongNo => &[
            "Strong no: could not describe a risk decision or its owner.",
            "Strong no hire: answers were about tools and counts throughout.",
        ],
    };
    options[dice.below(options.len())]
}

/// A short note for an answer of `score` to `question`: it names one of the question's
/// strong-answer points, so a note fits both its question and its score.
pub(super) fn note(question: &crate::bank::Question, score: u8, dice: &mut Dice) -> String {
    let points = &question.strong_answer;
    let point = if points.is_empty() {
        "the question's main point".to_string()
    } else {
        shortened(&points[dice.below(points.len())], 70)
    };
    let wordings: [&str; 3] = match score {
        4 => [
            "Covered “{p}” and went further, with a decision they made and what it cost.",
            "Strong on “{p}”; gave figures from their current team unprompted.",
            "Strong on “{p}”, including a time they got it wrong and what changed.",
        ],
        3 => [
            "Covered “{p}” with a concrete example; lighter on the follow-up.",
            "Solid on “{p}”; the trade-offs came only when prompted.",
            "Covered “{p}”, though the example was from a smaller company.",
        ],
        2 => [
            "Touched on “{p}” but stayed general; no example when asked.",
            "Partly there on “{p}”; the answer drifted to tooling.",
            "Reached “{p}” late and briefly, after a prompt.",
        ],
        _ => [
            "Did not reach “{p}”; answered a different question about process.",
            "Missed “{p}”, even after a prompt.",
            "Did not reach “{p}”; spoke about audits instead.",
        ],
    };
    wordings[dice.below(wordings.len())].replace("{p}", &point)
}
