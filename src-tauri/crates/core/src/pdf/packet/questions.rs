//! One section per question: the question and its figures, then every panelist's evidence in
//! full (score, covered points, red flags, notes), flowing across pages as long as it needs.

use super::*;

pub(super) fn question(c: &mut Composer, q: &QuestionDebrief) {
    let meta = format!(
        "{} min · {} panelist{}",
        q.minutes,
        q.cells.len(),
        if q.cells.len() == 1 { "" } else { "s" }
    );
    question_heading(c, q.number, &meta, &q.text, &q.capabilities);
    if let Some(source) = &q.source {
        c.paragraph(source, SMALL.colour(MUTED), 0.0);
    }
    c.gap(8.0);
    stats(c, q);

    for cell in &q.cells {
        answer(c, q, cell);
    }
    if q.cells.is_empty() {
        c.gap(10.0);
        c.paragraph(
            "Nobody was assigned this question.",
            BODY.colour(MUTED),
            0.0,
        );
    }
}

/// The strip of figures under a question: mean, spread, points covered, red flags.
fn stats(c: &mut Composer, q: &QuestionDebrief) {
    let h = 26.0;
    c.ensure(h);
    let top = c.y;
    let tint = if q.disagreement {
        ALERT_TINT
    } else {
        ACCENT_TINT
    };
    c.fill_rect(c.left(), top - h, c.content_width(), h, tint);
    let base = top - h / 2.0 - 3.3;
    let mut x = c.left() + 10.0;
    let mut item = |c: &mut Composer, key: &str, value: String| {
        c.text(x, base, key, SMALL);
        x += SMALL.width(key) + 4.0;
        let vs = BODY.bold();
        c.text(x, base, &value, vs);
        x += vs.width(&value) + 18.0;
    };
    match (q.mean, q.min, q.max, q.spread) {
        (Some(mean), Some(min), Some(max), Some(spread)) => {
            item(c, "Mean", format!("{mean:.2}"));
            item(
                c,
                "Spread",
                if spread == 0 {
                    format!("0 (all {min})")
                } else {
                    format!("{spread} ({min}–{max})")
                },
            );
        }
        _ => item(c, "Mean", "no scores".into()),
    }
    if let Some(rate) = q.coverage_rate {
        item(c, "Points covered", format!("{:.0}%", rate * 100.0));
    }
    item(c, "Red flags", q.red_flags.to_string());
    if q.disagreement {
        let badge = "DISAGREEMENT";
        let w = LABEL.width(badge) + 9.0;
        let right = c.right();
        c.badge(
            right - w - 8.0,
            base + 0.5,
            badge,
            ALERT,
            crate::pdf::layout::WHITE,
        );
    }
    c.y = top - h;
}

fn answer(c: &mut Composer, q: &QuestionDebrief, cell: &DebriefCell) {
    c.gap(12.0);
    c.ensure(BODY.line_height() * 4.0 + 10.0);
    if !c.at_top() {
        c.rule(RULE, 0.5);
        c.gap(8.0);
    }
    let name_style = BODY.size(10.5).bold();
    let (score_text, score_style) = match (cell.score, &cell.not_asked_reason) {
        (Some(s), _) => (
            format!("{s} · {}", score_label(s)),
            BODY.size(10.5).bold().colour(ACCENT),
        ),
        (None, Some(_)) => (
            "Not asked".to_string(),
            BODY.size(10.5).bold().colour(MUTED),
        ),
        (None, None) => (
            "Not scored".to_string(),
            BODY.size(10.5).bold().colour(MUTED),
        ),
    };
    let score_w = score_style.width(&score_text);
    let pips_w = 4.0 * 9.0;
    let score = cell.score;
    name_row(
        c,
        &cell.panelist_name,
        name_style,
        score_w + pips_w + 30.0,
        |c, y| {
            let right = c.right();
            c.text_right(right, y, &score_text, score_style);
            if let Some(s) = score {
                // Four squares, filled up to the score: a glance, next to the number.
                let px = right - score_w - 10.0 - pips_w;
                for i in 0..4u8 {
                    let sx = px + f32::from(i) * 9.0;
                    if i < s {
                        c.fill_rect(sx, y - 0.5, 7.0, 7.0, ACCENT);
                    } else {
                        c.stroke_rect(sx + 0.3, y - 0.2, 6.4, 6.4, RULE, 0.6);
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
        c.paragraph(&format!("Not asked — {reason}"), BODY.colour(MUTED), 0.0);
    }
    c.gap(4.0);

    if cell.score.is_some() || !cell.covered.is_empty() {
        let total = q.strong_answer.len();
        label(
            c,
            &format!(
                "Strong-answer points covered · {} of {total}",
                cell.covered.len()
            ),
            MUTED,
            BODY.line_height(),
        );
        if cell.covered.is_empty() {
            c.paragraph("None of the points.", BODY.colour(MUTED), 0.0);
        }
        for &i in &cell.covered {
            let text = q
                .strong_answer
                .get(i as usize)
                .map_or_else(|| format!("Point {}", i + 1), Clone::clone);
            c.bullet(&text, BODY, 0.0, ACCENT);
        }
        c.gap(4.0);
    }
    if !cell.flags.is_empty() {
        label(
            c,
            &format!("Red flags · {}", cell.flags.len()),
            ALERT,
            BODY.line_height(),
        );
        for &i in &cell.flags {
            let text = q
                .weak_signals
                .get(i as usize)
                .map_or_else(|| format!("Signal {}", i + 1), Clone::clone);
            c.bullet(&text, BODY, 0.0, ALERT);
        }
        c.gap(4.0);
    }
    label(c, "Notes", MUTED, BODY.line_height());
    if cell.notes.trim().is_empty() {
        c.paragraph("No notes.", BODY.colour(MUTED), 0.0);
    } else {
        c.paragraph(&cell.notes, BODY, 0.0);
    }
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
