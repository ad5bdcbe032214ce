//! The debrief meeting's story, between the evidence and the record: how the meeting ran
//! (speaking order, time), the independent result beside the after-discussion one with every
//! movement, and the minutes per agenda item. Only when the meeting left something on the
//! record (minutes or a moved score); otherwise the packet is what it always was.

use super::evidence::name_row;
use super::{plural, section_title, SUBHEAD};
use crate::debrief::meeting::{AgendaKind, Meeting};
use crate::pdf::instant;
use crate::pdf::layout::{Composer, BODY, MUTED, RULE, SMALL};

/// Draws the section.
pub(super) fn meeting(c: &mut Composer, m: &Meeting) {
    c.gap(24.0);
    c.ensure(110.0);
    c.flow_section("Debrief meeting");
    c.bookmark("Debrief meeting");
    section_title(c, "Debrief meeting");
    how_it_ran(c, m);
    c.gap(14.0);
    results(c, m);
    c.gap(14.0);
    minutes(c, m);
}

fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn how_it_ran(c: &mut Composer, m: &Meeting) {
    let started = match (&m.started_at, &m.started_by) {
        (Some(at), Some(by)) => format!("Started {} by {by}.", instant(at, c.zone)),
        _ => "Not started in the app; minutes or scores were recorded beforehand.".into(),
    };
    c.paragraph(
        &format!(
            "{started} {} minutes planned; {} spent on the agenda.",
            m.length_minutes,
            clock(m.spent_seconds())
        ),
        BODY,
        0.0,
    );
    c.gap(6.0);
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 2.0);
    c.paragraph("Speaking order used", SUBHEAD, 0.0);
    c.paragraph(&m.order_in_words, SMALL, 0.0);
    let names: Vec<String> = m
        .speaking_order
        .iter()
        .enumerate()
        .map(|(i, s)| match s.seniority {
            Some(level) => format!("{}. {} ({})", i + 1, s.name, level.label()),
            None => format!("{}. {}", i + 1, s.name),
        })
        .collect();
    c.paragraph(&names.join("   "), BODY, 0.0);
}

fn results(c: &mut Composer, m: &Meeting) {
    let o = &m.outcome;
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 4.0);
    c.paragraph("Independent result and after discussion", SUBHEAD, 0.0);
    c.paragraph(
        "The independent result is the panel's sealed scores, as everywhere else in this \
         packet. The after-discussion result replaces each moved score with the score after \
         discussion; the sealed scores themselves were not changed.",
        SMALL,
        0.0,
    );
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"));
    c.gap(2.0);
    c.paragraph(
        &format!(
            "All scores: independent {} · after discussion {}",
            number(o.independent_mean),
            number(o.after_discussion_mean)
        ),
        BODY.bold(),
        0.0,
    );
    for (raw, after) in o.independent.iter().zip(&o.after_discussion) {
        if raw.scores == 0 {
            continue;
        }
        c.ensure(BODY.line_height() + 2.0);
        let moved = if raw.mean == after.mean {
            ""
        } else {
            "  (moved)"
        };
        c.paragraph(
            &format!(
                "{}: independent {} · after discussion {}{moved}",
                crate::capability::label(raw.capability),
                number(raw.mean),
                number(after.mean)
            ),
            BODY,
            0.0,
        );
    }
    c.gap(8.0);
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 2.0);
    let count = o.movements.len();
    c.paragraph(
        &format!("Scores moved in discussion ({count})"),
        SUBHEAD,
        0.0,
    );
    if o.movements.is_empty() {
        c.paragraph(
            "No panelist moved a score: the after-discussion result is the independent one.",
            BODY.colour(MUTED),
            0.0,
        );
        return;
    }
    for mv in &o.movements {
        c.gap(4.0);
        c.ensure(BODY.line_height() * 3.0 + 6.0);
        c.rule(RULE, 0.4);
        c.gap(4.0);
        let change = format!("from {} to {}", mv.from, mv.to);
        let style = BODY.bold();
        let w = style.width(&change);
        name_row(
            c,
            &format!("{} — question {}", mv.panelist_name, mv.question_number),
            style,
            w + 24.0,
            |c, y| {
                let right = c.right();
                c.text_right(right, y, &change, style);
            },
        );
        c.paragraph(&mv.question_text, SMALL, 0.0);
        let item = mv
            .item_number
            .map(|n| format!(" (agenda item {n})"))
            .unwrap_or_default();
        c.paragraph(&format!("Why: {}{item}", mv.reason), BODY, 0.0);
    }
}

fn minutes(c: &mut Composer, m: &Meeting) {
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 3.0);
    c.paragraph("Minutes", SUBHEAD, 0.0);
    c.paragraph(
        &format!(
            "{} agenda item{}, in the order discussed: the questions the panel disagreed on \
             first, then thin evidence, then what the lead added.",
            m.agenda.len(),
            plural(m.agenda.len())
        ),
        SMALL,
        0.0,
    );
    for item in &m.agenda {
        c.gap(5.0);
        c.ensure(BODY.line_height() * 3.0 + 6.0);
        c.rule(RULE, 0.4);
        c.gap(4.0);
        let heading = match (item.kind, item.question_number) {
            (AgendaKind::ThinEvidence, _) | (_, None) => format!("{}. {}", item.number, item.title),
            (_, Some(n)) => format!("{}. Question {n}: {}", item.number, item.title),
        };
        c.paragraph(&heading, BODY.bold(), 0.0);
        c.paragraph(
            &format!(
                "{} · planned {} · spent {}",
                item.why,
                clock(item.planned_seconds),
                clock(item.spent_seconds)
            ),
            SMALL,
            0.0,
        );
        if item.minutes.trim().is_empty() {
            c.paragraph("No minutes.", BODY.colour(MUTED), 0.0);
        } else {
            c.paragraph(item.minutes.trim(), BODY, 0.0);
        }
    }
}
