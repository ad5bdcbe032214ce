//! The interview kit: one panelist's questions on paper, for interviewers who take notes by
//! hand or want a fallback when the laptop stays closed.
//!
//! A first page says who is interviewed, by whom, for how long, lists the questions with their
//! time budgets and explains the scale. Then each question gets its own page: the question, what
//! a strong answer covers (boxes to tick), the red flags (weak-answer signals), the interviewer guidance, the
//! four score anchors with boxes, and ruled lines for notes down to the foot of the page.

use printpdf::PdfDocument;

use super::blocks::{label, question_heading};
use super::layout::{
    fit, Composer, Running, Style, ACCENT, ACCENT_TINT, ALERT, BODY, H1, INK, LABEL, MUTED, RULE,
    SMALL,
};
use super::{Paper, SCORE_ANCHORS};
use crate::bank::BankQuestion;
use crate::scorecards::InterviewView;

/// Space between ruled note lines.
const NOTE_LINE: f32 = 22.0;
/// Fewest note lines worth drawing at the foot of a question before starting a fresh page.
const MIN_NOTE_LINES: usize = 6;

/// Renders the kit.
pub(super) fn render(kit: &InterviewView, paper: Paper, zone: chrono::FixedOffset) -> Vec<u8> {
    let title = format!("Interview kit — {} — {}", kit.candidate, kit.panelist_name);
    let mut doc = PdfDocument::new(&title);
    super::set_metadata(
        &mut doc,
        &title,
        &format!(
            "Questions, rubric and note space for {} interviewing {}",
            kit.panelist_name, kit.candidate
        ),
        None,
    );
    let mut c = Composer::new(&mut doc, paper, zone);
    overview(&mut c, kit);
    let total = kit.questions.len();
    for (i, q) in kit.questions.iter().enumerate() {
        question(&mut c, q, i + 1, total);
    }
    let header = format!("{} · interviewer {}", kit.candidate, kit.panelist_name);
    c.finish(
        &mut doc,
        &Running {
            header_left: &header,
            header_right: "Confidential",
            footer_left: "Interview kit · Hiring Panel",
            skip_first: false,
        },
    )
}

fn overview(c: &mut Composer, kit: &InterviewView) {
    c.start_section("Overview");
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(x, y, "INTERVIEW KIT", LABEL.colour(ACCENT));
    c.gap(LABEL.line_height() + 4.0);
    c.paragraph(&kit.candidate, H1.size(22.0), 0.0);
    c.gap(2.0);
    let minutes: u32 = kit.questions.iter().map(|q| q.question.minutes).sum();
    c.paragraph(
        &format!("Interviewer: {}", kit.panelist_name),
        BODY.size(11.5),
        0.0,
    );
    c.paragraph(
        &format!(
            "Slot {} minutes · {} question{}, about {} minutes of questions",
            kit.slot_minutes,
            kit.questions.len(),
            if kit.questions.len() == 1 { "" } else { "s" },
            minutes
        ),
        BODY.colour(MUTED),
        0.0,
    );
    c.gap(6.0);
    let (x, y) = (c.left(), c.y);
    c.fill_rect(x, y - 2.0, 36.0, 2.0, ACCENT);
    c.gap(20.0);

    label(c, "Your questions, in asking order", MUTED, 20.0);
    if kit.questions.is_empty() {
        c.paragraph(
            "No questions are assigned to you yet.",
            BODY.colour(MUTED),
            0.0,
        );
    }
    let num_w = 78.0;
    let min_w = 44.0;
    for q in &kit.questions {
        c.ensure(BODY.line_height() + 8.0);
        let y = c.baseline(BODY);
        let x = c.left();
        let right = c.right();
        c.text(
            x,
            y,
            &format!("Question {}", q.question.number),
            BODY.bold(),
        );
        let text = fit(&q.question.text, c.content_width() - num_w - min_w, BODY);
        c.text(x + num_w, y, &text, BODY);
        c.text_right(right, y, &format!("{} min", q.question.minutes), SMALL);
        c.gap(BODY.line_height() + 3.0);
        let y = c.y + 1.5;
        c.hline(x, right, y, RULE, 0.4);
    }
    c.gap(20.0);

    label(c, "The scale", MUTED, 60.0);
    anchors(c, false);
    c.gap(16.0);
    label(c, "How to use this kit", MUTED, 30.0);
    for tip in [
        "Tick each strong-answer point you hear and each red flag you see.",
        "Write down what the candidate said, in their words where you can: the debrief weighs \
         evidence, not impressions.",
        "Score every question before your next interview, then enter the scores and notes in \
         Hiring Panel. Scores stay sealed until the whole panel has submitted.",
        "Keep this kit confidential and destroy it once your scorecard is submitted.",
    ] {
        c.bullet(tip, BODY, 0.0, ACCENT);
        c.gap(2.0);
    }
}

/// The four anchors, each with a box to tick (`boxes`) or a score number.
fn anchors(c: &mut Composer, boxes: bool) {
    let hang = if boxes { 100.0 } else { 88.0 };
    for a in SCORE_ANCHORS {
        let head = format!("{} {}", a.score, a.label);
        let head_style = BODY.bold();
        c.gap(1.5);
        c.hanging(a.anchor, BODY, 0.0, hang, |c, x, y| {
            let mut tx = x;
            if boxes {
                let side = 9.0;
                c.stroke_rect(x, y - 1.5, side, side, INK, 0.8);
                tx += side + 7.0;
            }
            c.text(tx, y, &head, head_style);
        });
    }
}

fn question(c: &mut Composer, q: &BankQuestion, index: usize, total: usize) {
    let meta = format!("{index} of {total} · {} min", q.question.minutes);
    question_heading(
        c,
        q.question.number,
        &meta,
        &q.question.text,
        &q.question.capabilities,
    );
    c.gap(12.0);

    if !q.question.strong_answer.is_empty() {
        label(c, "A strong answer covers", ACCENT, BODY.line_height());
        for point in &q.question.strong_answer {
            c.checkbox(point, BODY, 0.0);
            c.gap(1.5);
        }
        c.gap(8.0);
    }
    if !q.question.weak_signals.is_empty() {
        label(c, "Red flags", ALERT, BODY.line_height());
        for signal in &q.question.weak_signals {
            c.checkbox(signal, BODY, 0.0);
            c.gap(1.5);
        }
        c.gap(8.0);
    }
    if !q.question.interviewer_notes.is_empty() {
        label(c, "Interviewer guidance", MUTED, SMALL.line_height());
        for note in &q.question.interviewer_notes {
            c.bullet(note, SMALL.colour(INK), 0.0, MUTED);
        }
        c.gap(8.0);
    }

    // The score, in a tinted panel so it is easy to find with a pen in hand.
    let panel_h = LABEL.line_height() + 4.0 * (BODY.line_height() + 1.5) + 16.0;
    c.ensure(panel_h);
    let top = c.y;
    c.fill_rect(
        c.left(),
        top - panel_h,
        c.content_width(),
        panel_h,
        ACCENT_TINT,
    );
    c.gap(6.0);
    let inner = Style { ..LABEL };
    let y = c.baseline(inner);
    let x = c.left() + 10.0;
    c.text(x, y, "SCORE · TICK ONE", inner.colour(ACCENT));
    c.gap(LABEL.line_height());
    let saved = c.geo.margin;
    c.geo.margin = saved + 10.0;
    anchors(c, true);
    c.geo.margin = saved;
    c.y = top - panel_h;
    c.gap(14.0);

    notes(c);
}

/// Ruled lines for handwritten notes, down to the foot of the page.
fn notes(c: &mut Composer) {
    let need = LABEL.line_height() + NOTE_LINE * MIN_NOTE_LINES as f32;
    if c.room() < need {
        // The running header says which question these lines belong to.
        c.new_page();
    }
    label(c, "Notes", MUTED, NOTE_LINE);
    let (l, r) = (c.left(), c.right());
    while c.room() >= NOTE_LINE {
        c.gap(NOTE_LINE);
        let y = c.y;
        c.hline(l, r, y, RULE, 0.5);
    }
}
