//! The paper interview kit: one panelist's questions, rubric and ruled space, and nobody else's,
//! checked with poppler like the packet.

mod support;

use panel_core::pdf::{self, Paper};
use panel_core::scorecards::{self};

use support::*;

#[test]
fn the_kit_lists_only_that_panelists_questions() {
    let b = scored_plan();
    let mine = scorecards::interview(b.db.conn(), b.plan, b.panel[1]).unwrap();
    let theirs = scorecards::interview(b.db.conn(), b.plan, b.panel[2]).unwrap();
    let path = write(
        &artifacts(),
        "kit-letter.pdf",
        &pdf::interview_kit(
            &mine,
            Paper::Letter,
            chrono::FixedOffset::east_opt(0).unwrap(),
        )
        .unwrap(),
    );
    let all = text(&path);
    assert!(all.contains(PANEL[1]) && all.contains(CANDIDATE));
    assert!(all.contains(&format!("Slot {} minutes", mine.slot_minutes)));
    let numbers: Vec<u32> = mine.questions.iter().map(|q| q.question.number).collect();
    let entries = outline(&path);
    let titles: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
    let mut expected: Vec<String> = numbers.iter().map(|n| format!("Question {n}")).collect();
    expected.push("Overall".into());
    assert_eq!(
        titles, expected,
        "a bookmark per question, in asking order, then the overall page"
    );
    for q in &theirs.questions {
        if !numbers.contains(&q.question.number) {
            assert!(
                !all.contains(&q.question.text),
                "question {} is not this panelist's",
                q.question.number
            );
        }
    }
    for q in &mine.questions {
        assert!(
            collapse(&all).matches(&collapse(&q.question.text)).count() >= 2,
            "question {} in full on the overview and on its page",
            q.question.number
        );
        for point in &q.question.strong_answer {
            assert!(collapse(&all).contains(&collapse(point)), "{point}");
        }
    }
    // What the room needs on paper: the time each question started, a "not asked" box, the
    // points lettered with the app's keys, and a last page for the recommendation.
    let flat = collapse(&all);
    assert_eq!(flat.matches("Not asked. Why").count(), mine.questions.len());
    assert_eq!(flat.matches("started at").count(), mine.questions.len());
    assert!(flat.contains("Overall recommendation") && flat.contains("Strong hire"));
    for a in pdf::SCORE_ANCHORS {
        assert!(collapse(&all).contains(&collapse(a.anchor)), "{}", a.anchor);
    }
    assert!(info(&path, "Page size").starts_with("612 x 792 pts"));
    assert_eq!(
        info(&path, "Title"),
        format!("Interview kit — {CANDIDATE} — {}", PANEL[1])
    );
    assert!(pages(&path) > mine.questions.len());
    qpdf_check(&path);
    snapshot(&path, "kit", &[(1, "overview"), (2, "question")]);
}
