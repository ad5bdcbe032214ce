//! The interview kit: one panelist's questions on paper, for interviewers who take notes by
//! hand or want a fallback when the laptop stays closed.
//!
//! A first page says who is interviewed, for what role and level, when, by whom and for how
//! long, carries the lead's notes and what strong looks like at the level, lists the questions in
//! full with their time budgets and explains the scale. Then each question gets its own page:
//! the question, a place for the time it started, what a strong answer covers and the red flags
//! (boxes to tick, lettered with the keys interview mode uses), the interviewer guidance, the
//! four score anchors with boxes, a "not asked" box, and ruled lines for notes. A last page holds
//! the overall recommendation and summary, as the app's last step does.

use printpdf::PdfDocument;

use super::blocks::{label, question_heading};
use super::layout::{
    Composer, Running, Style, ACCENT, ACCENT_TINT, ALERT, BODY, H1, INK, LABEL, MUTED, RULE, SMALL,
};
use super::{Paper, SCORE_ANCHORS};
use crate::bank::BankQuestion;
use crate::scorecards::InterviewView;

/// Space between ruled note lines.
const NOTE_LINE: f32 = 22.0;
/// Fewest note lines worth drawing at the foot of a question before starting a fresh page.
const MIN_NOTE_LINES: usize = 6;
/// The keys interview mode ticks strong-answer points and red flags with (`ui/src/interview/scale.ts`).
const POINT_KEYS: &str = "ABCDEFGH";
const FLAG_KEYS: &str = "XYZ";

/// Renders the kit.
pub(super) fn render(
    kit: &InterviewView,
    paper: Paper,
    zone: chrono::FixedOffset,
) -> super::Rendered {
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
    overall(&mut c);
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
    let role = if kit.role_title.is_empty() {
        super::level_label(kit.level).to_string()
    } else {
        format!("{} · {}", kit.role_title, super::level_label(kit.level))
    };
    c.paragraph(&role, BODY.size(11.5), 0.0);
    let when = kit.starts_at.as_deref().map_or_else(
        || "Date not set".to_string(),
        |t| super::long_instant(t, c.zone),
    );
    c.paragraph(&when, BODY.size(11.5), 0.0);
    let lead = if kit.panel_lead.is_empty() {
        String::new()
    } else {
        format!(" · panel lead {}", kit.panel_lead)
    };
    c.paragraph(
        &format!("Interviewer: {}{lead}", kit.panelist_name),
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

    if !kit.plan_notes.trim().is_empty() {
        label(c, "From the panel lead", MUTED, 20.0);
        c.paragraph(kit.plan_notes.trim(), BODY, 0.0);
        c.gap(12.0);
    }
    if let Some(guidance) = kit
        .level_guidance
        .as_deref()
        .filter(|g| !g.trim().is_empty())
    {
        label(
            c,
            &format!(
                "What strong looks like at {} level",
                super::level_label(kit.level)
            ),
            MUTED,
            20.0,
        );
        c.paragraph(guidance.trim(), BODY, 0.0);
        c.gap(12.0);
    }

    label(c, "Your questions, in asking order", MUTED, 20.0);
    if kit.questions.is_empty() {
        c.paragraph(
            "No questions are assigned to you yet.",
            BODY.colour(MUTED),
            0.0,
        );
    }
    // Every question in full: a shortened question is one the interviewer cannot ask from paper.
    let num_w = 96.0;
    for q in &kit.questions {
        let heading = format!("Q{} · {} min", q.question.number, q.question.minutes);
        c.hanging(&q.question.text, BODY, 0.0, num_w, |c, x, y| {
            c.text(x, y, &heading, BODY.bold());
        });
        c.gap(3.0);
        let (x, right) = (c.left(), c.right());
        let y = c.y + 1.5;
        c.hline(x, right, y, RULE, 0.4);
        c.gap(3.0);
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

/// A box to tick, lettered with the key interview mode uses for it (none past the last key).
fn keyed_checkbox(c: &mut Composer, key: Option<char>, text: &str) {
    let side = (BODY.size * 0.82).round();
    c.hanging(text, BODY, 0.0, side + 22.0, |c, x, y| {
        c.stroke_rect(x, y - 1.5, side, side, INK, 0.7);
        if let Some(key) = key {
            c.text(
                x + side + 6.0,
                y,
                &key.to_string(),
                SMALL.bold().colour(MUTED),
            );
        }
    });
}

fn question(c: &mut Composer, q: &BankQuestion, index: usize, total: usize) {
    // Paper cannot run a clock: the interviewer writes the start time next to the budget.
    let meta = format!(
        "{index} of {total} · {} min · started at ____:____",
        q.question.minutes
    );
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
        for (i, point) in q.question.strong_answer.iter().enumerate() {
            keyed_checkbox(c, POINT_KEYS.chars().nth(i), point);
            c.gap(1.5);
        }
        c.gap(8.0);
    }
    if !q.question.weak_signals.is_empty() {
        label(c, "Red flags", ALERT, BODY.line_height());
        for (i, signal) in q.question.weak_signals.iter().enumerate() {
            keyed_checkbox(c, FLAG_KEYS.chars().nth(i), signal);
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
    c.gap(10.0);
    c.checkbox(
        "Not asked. Why: ______________________________________________",
        BODY,
        0.0,
    );
    c.gap(10.0);

    notes(c);
}

/// The last page: the overall recommendation and a summary, as interview mode's last step.
fn overall(c: &mut Composer) {
    c.start_section("Overall");
    c.bookmark("Overall");
    let y = c.baseline(H1);
    let x = c.left();
    c.text(x, y, "Overall recommendation", H1.size(18.0));
    c.gap(H1.line_height() + 8.0);
    label(c, "Tick one", MUTED, BODY.line_height());
    use crate::scorecards::Recommendation;
    for rec in [
        Recommendation::StrongYes,
        Recommendation::Yes,
        Recommendation::No,
        Recommendation::StrongNo,
    ] {
        c.checkbox(super::recommendation_label(rec), BODY.bold(), 0.0);
        c.gap(4.0);
    }
    c.gap(10.0);
    label(
        c,
        "Summary: the evidence behind it, in a few sentences",
        MUTED,
        NOTE_LINE,
    );
    let (l, r) = (c.left(), c.right());
    while c.room() >= NOTE_LINE {
        c.gap(NOTE_LINE);
        let y = c.y;
        c.hline(l, r, y, RULE, 0.5);
    }
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
