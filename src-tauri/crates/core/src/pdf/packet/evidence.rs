//! The evidence behind the first page, question by question in pack order, flowing several to a
//! page: the heading (kept with its first lines, never alone at the foot of a page), a grid of
//! which strong-answer points each panelist heard and which red flags they raised, then the
//! scores and every note in full.
//!
//! A question the panel disagreed on gives each panelist a block with their score; one the panel
//! agreed on puts the scores on one line and runs each note in after the panelist's name.
//!
//! Each page where questions start gets one outline entry naming them ("Evidence: questions
//! 5–8"). printpdf orders the entries of one page alphabetically, so an entry per question would
//! put "Question 10" before "Question 9"; and every entry starts "Evidence" so it sorts before
//! the record's ("Panelists and record") when the record starts on the same page.

use super::grid::{Grid, ROW};
use super::{plural, section_title, Keys};
use crate::capability::label as capability_label;
use crate::debrief::{Debrief, DebriefCell, QuestionDebrief, DISAGREEMENT_SPREAD};
use crate::pdf::layout::{
    fit, wrap_text, Composer, Style, ALERT, BODY, GRID, H2, INK, MUTED, SMALL, WHITE,
};
use crate::pdf::{level_label, score_label};

/// The question's number line.
const NUMBER_STYLE: Style = Style { size: 11.0, ..H2 };
/// The question's text.
const QUESTION_STYLE: Style = Style {
    size: 10.5,
    leading: 1.35,
    ..H2
};
/// Panelists' notes: a touch smaller than body text, so several questions share a page.
const NOTES: Style = Style {
    size: 9.25,
    leading: 1.42,
    ..BODY
};

pub(super) fn evidence(c: &mut Composer, d: &Debrief, keys: &Keys) {
    // The first page is the decision's alone; after a longer summary, the evidence follows on.
    if c.page_number() == 1 {
        c.start_section("Evidence");
    } else {
        c.gap(20.0);
        c.ensure(160.0);
        c.flow_section("Evidence");
    }
    let first_page = c.page_number();
    section_title(c, "Evidence");
    c.paragraph(
        &format!(
            "Every question in pack order. The grid shows which strong-answer points each \
             panelist heard (ticked) or not (–), and the red flags they raised. Where scores are \
             {DISAGREEMENT_SPREAD} or more points apart the question is marked DISAGREEMENT and \
             each panelist's score and notes stand apart; where the panel agreed, the scores \
             share one line."
        ),
        SMALL,
        0.0,
    );
    level_guidance(c, d);

    let mut starts: Vec<(usize, u32)> = Vec::new();
    for (i, q) in d.questions.iter().enumerate() {
        let page = question(c, q, keys, i == 0);
        starts.push((page, q.number));
    }
    if d.questions.is_empty() {
        c.gap(8.0);
        c.paragraph("This plan has no questions.", BODY.colour(MUTED), 0.0);
    }

    // One outline entry per page, naming the questions that start on it.
    let mut pages: Vec<(usize, Vec<u32>)> = Vec::new();
    for (page, number) in starts {
        match pages.last_mut() {
            Some((p, numbers)) if *p == page => numbers.push(number),
            _ => pages.push((page, vec![number])),
        }
    }
    if pages.first().is_none_or(|(p, _)| *p != first_page) {
        c.bookmark_at("Evidence", first_page);
    }
    for (page, numbers) in pages {
        c.bookmark_at(&format!("Evidence: {}", questions_title(&numbers)), page);
    }
}

/// "question 4", "questions 4, 9", "questions 4–7".
fn questions_title(numbers: &[u32]) -> String {
    match numbers {
        [] => "questions".into(),
        [one] => format!("question {one}"),
        [first, .., last] if numbers.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("questions {first}–{last}")
        }
        _ => {
            let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
            format!("questions {}", list.join(", "))
        }
    }
}

/// What the pack says a strong answer looks like at the candidate's level: the yardstick the
/// committee reads every score against. Only when the pack gives guidance for the level.
fn level_guidance(c: &mut Composer, d: &Debrief) {
    let Some(text) = &d.level_guidance else {
        return;
    };
    c.gap(8.0);
    c.ensure(BODY.line_height() * 3.0);
    c.paragraph(
        &format!("What strong looks like at {} level", level_label(d.level)),
        BODY.bold(),
        0.0,
    );
    c.paragraph(text, BODY, 0.0);
    c.paragraph(
        &format!(
            "From the question pack {}, version {}.",
            d.pack_title, d.pack_version
        ),
        SMALL,
        0.0,
    );
}

/// Draws one question; returns the page its heading is on.
fn question(c: &mut Composer, q: &QuestionDebrief, keys: &Keys, first: bool) -> usize {
    // Keep the heading with the figures, the grid (unless it is very long) and the first lines
    // of notes: a heading never ends a page alone, nor a grid lose its question.
    let grid = Grid::new(c, q, keys);
    let text_lines = wrap_text(&q.text, c.content_width(), QUESTION_STYLE).len();
    let heading_h = NUMBER_STYLE.line_height()
        + text_lines as f32 * QUESTION_STYLE.line_height()
        + if q.source.is_some() {
            SMALL.line_height()
        } else {
            0.0
        };
    let keep = heading_h
        + SMALL.line_height()
        + grid.height().min(ROW.line_height() * 8.0)
        + NOTES.line_height() * 2.0
        + 20.0;
    c.gap(if first { 8.0 } else { 10.0 });
    c.ensure(keep);
    if !c.at_top() {
        c.rule(GRID, 0.6);
        c.gap(6.0);
    }
    let page = c.page_number();
    heading(c, q);
    c.gap(1.0);
    if q.disagreement {
        figures_of_a_disagreement(c, q);
    } else {
        agreed_scores(c, q);
    }
    if q.cells.is_empty() {
        c.gap(4.0);
        c.paragraph(
            "Nobody was assigned this question.",
            BODY.colour(MUTED),
            0.0,
        );
        return page;
    }
    c.gap(3.0);
    grid.draw(c, q);
    c.gap(2.0);
    if q.disagreement {
        for cell in &q.cells {
            answer_in_full(c, cell);
        }
    } else {
        for cell in &q.cells {
            answer_run_in(c, cell);
        }
    }
    page
}

/// "Question 5  DISAGREEMENT …… 9 min · Business case", then the question and where it comes
/// from.
fn heading(c: &mut Composer, q: &QuestionDebrief) {
    let title = format!("Question {}", q.number);
    let style = NUMBER_STYLE.colour(crate::pdf::layout::ACCENT);
    let y = c.baseline(style);
    let x = c.left();
    c.text(x, y, &title, style);
    let mut after = x + style.width(&title) + 10.0;
    if q.disagreement {
        after += c.badge(after, y + 0.5, "DISAGREEMENT", ALERT, WHITE) + 10.0;
    }
    let mut meta = vec![format!("{} min", q.minutes)];
    meta.extend(
        q.capabilities
            .iter()
            .map(|&k| capability_label(k).to_string()),
    );
    let meta = fit(&meta.join(" · "), c.right() - after, SMALL);
    let right = c.right();
    c.text_right(right, y, &meta, SMALL);
    c.gap(style.line_height());
    c.paragraph(&q.text, QUESTION_STYLE, 0.0);
    if let Some(source) = &q.source {
        c.paragraph(source, SMALL, 0.0);
    }
}

/// "Spread 3 (1–4) · mean 2.50 · 50% of strong-answer points covered · 1 red flag".
fn figures_of_a_disagreement(c: &mut Composer, q: &QuestionDebrief) {
    let spread = match (q.spread, q.min, q.max) {
        (Some(s), Some(min), Some(max)) => format!("Spread {s} ({min}–{max})"),
        _ => "Spread unknown".to_string(),
    };
    let rest = figures(q).join(" · ");
    c.runs(
        &[
            (&spread, SMALL.bold().colour(ALERT)),
            ("·", SMALL),
            (&rest, SMALL),
        ],
        0.0,
    );
}

/// The scores of a question the panel agreed on, on one line: "Priya Raman 3 Strong · Tom
/// Becker 3 Strong · spread 0 · mean 3.00 · …".
fn agreed_scores(c: &mut Composer, q: &QuestionDebrief) {
    let scores: Vec<(&str, String)> = q
        .cells
        .iter()
        .map(|cell| (cell.panelist_name.as_str(), score_text(cell)))
        .collect();
    let scored = q.cells.iter().filter(|cell| cell.score.is_some()).count();
    let mut tail = Vec::new();
    if let (Some(s), true) = (q.spread, scored > 1) {
        tail.push(format!("spread {s}"));
    }
    tail.extend(figures(q));
    let tail = if tail.is_empty() {
        "no scores yet".to_string()
    } else {
        tail.join(" · ")
    };
    let mut runs: Vec<(&str, Style)> = Vec::new();
    if !scores.is_empty() {
        runs.push(("Scores", SMALL.bold()));
    }
    for (i, (name, score)) in scores.iter().enumerate() {
        if i > 0 {
            runs.push(("·", SMALL));
        }
        runs.push((name, SMALL.bold().colour(INK)));
        runs.push((score, SMALL.colour(INK)));
    }
    if !runs.is_empty() {
        runs.push(("·", SMALL));
    }
    runs.push((&tail, SMALL));
    c.runs(&runs, 0.0);
}

/// Mean, points covered and red flags, as words.
fn figures(q: &QuestionDebrief) -> Vec<String> {
    let mut out: Vec<String> = q.mean.map(|m| format!("mean {m:.2}")).into_iter().collect();
    if let Some(rate) = q.coverage_rate {
        out.push(format!("{:.0}% of points covered", rate * 100.0));
    }
    if q.red_flags > 0 {
        out.push(format!(
            "{} red flag{}",
            q.red_flags,
            plural(q.red_flags as usize)
        ));
    }
    out
}

/// "3 Strong", "Not asked" or "Not scored".
fn score_text(cell: &DebriefCell) -> String {
    match (cell.score, &cell.not_asked_reason) {
        (Some(s), _) => format!("{s} {}", score_label(s)),
        (None, Some(_)) => "Not asked".to_string(),
        (None, None) => "Not scored".to_string(),
    }
}

/// A panelist's answer to a question the panel disagreed on: name and score on one line, then
/// the notes in full.
fn answer_in_full(c: &mut Composer, cell: &DebriefCell) {
    c.gap(4.0);
    let name_style = BODY.bold();
    let score = score_text(cell);
    let (score, score_style) = match cell.score {
        Some(s) => (
            format!("{s} · {}", score_label(s)),
            BODY.bold().colour(crate::pdf::layout::ACCENT),
        ),
        None => (score, BODY.bold().colour(MUTED)),
    };
    let score_w = score_style.width(&score);
    let pips_w = 4.0 * 9.0;
    let value = cell.score;
    name_row(
        c,
        &cell.panelist_name,
        name_style,
        score_w + pips_w + 30.0,
        |c, y| {
            let right = c.right();
            c.text_right(right, y, &score, score_style);
            if let Some(s) = value {
                // Four squares, filled up to the score: a glance, next to the number.
                let px = right - score_w - 10.0 - pips_w;
                for i in 0..4u8 {
                    let sx = px + f32::from(i) * 9.0;
                    if i < s {
                        c.fill_rect(sx, y - 0.5, 7.0, 7.0, crate::pdf::layout::ACCENT);
                    } else {
                        c.stroke_rect(sx + 0.3, y - 0.2, 6.4, 6.4, GRID, 0.6);
                    }
                }
            }
        },
    );
    if !cell.submitted {
        c.paragraph(
            "Draft: this scorecard is not submitted.",
            SMALL.colour(ALERT),
            0.0,
        );
    }
    if let Some(reason) = &cell.not_asked_reason {
        c.paragraph(&format!("Not asked — {reason}"), NOTES.colour(MUTED), 0.0);
    }
    if cell.notes.trim().is_empty() {
        if cell.not_asked_reason.is_none() {
            c.paragraph("No notes.", NOTES.colour(MUTED), 0.0);
        }
    } else {
        c.paragraph(&cell.notes, NOTES, 0.0);
    }
}

/// A panelist's notes on a question the panel agreed on, run in after their name.
fn answer_run_in(c: &mut Composer, cell: &DebriefCell) {
    c.gap(3.0);
    let not_asked = cell
        .not_asked_reason
        .as_ref()
        .map(|reason| format!("Not asked — {reason}"));
    let mut runs: Vec<(&str, Style)> = vec![(&cell.panelist_name, NOTES.bold()), ("—", NOTES)];
    if !cell.submitted {
        runs.push((
            "Draft: this scorecard is not submitted.",
            NOTES.colour(ALERT),
        ));
    }
    if let Some(text) = &not_asked {
        runs.push((text, NOTES.colour(MUTED)));
    }
    if !cell.notes.trim().is_empty() {
        runs.push((&cell.notes, NOTES));
    } else if not_asked.is_none() {
        runs.push(("No notes.", NOTES.colour(MUTED)));
    }
    c.runs(&runs, 0.0);
}

/// A name on the left, wrapped rather than cut when long, with `right` drawing what goes at the
/// right end of its first line (given that line's baseline). Moves the cursor below the name.
pub(super) fn name_row(
    c: &mut Composer,
    name: &str,
    style: Style,
    reserve: f32,
    right: impl FnOnce(&mut Composer, f32),
) {
    let lines = wrap_text(name, c.content_width() - reserve, style);
    c.ensure(style.line_height() * lines.len().max(1) as f32);
    let first = c.baseline(style);
    right(c, first);
    for line in &lines {
        let (x, y) = (c.left(), c.baseline(style));
        c.text(x, y, line, style);
        c.gap(style.line_height());
    }
    if lines.is_empty() {
        c.gap(style.line_height());
    }
}

#[cfg(test)]
mod tests {
    use super::questions_title;

    #[test]
    fn outline_titles_name_the_questions_on_a_page() {
        assert_eq!(questions_title(&[4]), "question 4");
        assert_eq!(questions_title(&[4, 5, 6, 7]), "questions 4–7");
        assert_eq!(questions_title(&[1, 2, 19]), "questions 1, 2, 19");
    }
}
