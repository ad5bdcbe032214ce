//! The record at the back of the packet: who submitted when, any overall view too long for the
//! first page, every event of the audit trail, and the confidentiality notice. What the committee
//! keeps rather than reads first; it follows on after the evidence rather than on a page of its
//! own.

use super::evidence::name_row;
use super::{plural, section_title, SUBHEAD};
use crate::debrief::Debrief;
use crate::pdf::instant;
use crate::pdf::layout::{Composer, BODY, GRID, MUTED, RULE, SMALL};

/// Draws the section; `cut_summaries` are the panelists whose overall view the first page cut
/// short, printed here in full.
pub(super) fn record(c: &mut Composer, d: &Debrief, cut_summaries: &[i64]) {
    // The title, the first panelist and the start of the list together, or a fresh page.
    c.gap(24.0);
    c.ensure(110.0);
    c.flow_section("Panelists and record");
    // Sorts after the evidence's entries ("Evidence: …") when it shares their page.
    c.bookmark("Panelists and record");
    section_title(c, "Panelists and record");
    panelists(c, d, cut_summaries);
    if let Some(adjusted) = &d.adjusted {
        c.gap(16.0);
        adjusted_means(c, adjusted);
    }
    c.gap(16.0);
    audit(c, d);
    notice(c);
}

fn panelists(c: &mut Composer, d: &Debrief, cut_summaries: &[i64]) {
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 3.0);
    c.paragraph("Panelists", SUBHEAD, 0.0);
    if d.panelists.is_empty() {
        c.paragraph("No panelists.", BODY.colour(MUTED), 0.0);
        return;
    }
    let note = if cut_summaries.is_empty() {
        "Each panelist's overall view is in full on the first page."
    } else {
        "Overall views too long for the first page are in full here; the others are on the \
         first page."
    };
    c.paragraph(note, SMALL, 0.0);
    c.gap(2.0);
    for p in &d.panelists {
        c.gap(5.0);
        c.ensure(BODY.line_height() * 2.0 + 6.0);
        c.rule(RULE, 0.4);
        c.gap(4.0);
        let name_style = BODY.bold();
        let (rec, colour) = super::summary::recommendation_of(p);
        let rec_style = name_style.colour(colour);
        let rec_w = rec_style.width(rec);
        name_row(c, &p.name, name_style, rec_w + 24.0, |c, y| {
            let right = c.right();
            c.text_right(right, y, rec, rec_style);
        });
        let mut meta = format!("{} question{}", p.questions, plural(p.questions as usize));
        meta = match &p.submitted_at {
            Some(at) => format!("Submitted {} · {meta}", instant(at, c.zone)),
            None => format!("Scorecard not submitted · {meta}"),
        };
        c.paragraph(&meta, SMALL, 0.0);
        if cut_summaries.contains(&p.panelist_id) {
            c.gap(2.0);
            c.paragraph(&p.summary, BODY, 0.0);
        }
    }
}

/// The capability means with each interviewer's leniency taken out: an estimate, labelled as
/// one, beside the raw means; or the sentence saying why there is none.
fn adjusted_means(c: &mut Composer, a: &crate::calibration::PlanAdjustment) {
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 4.0);
    c.paragraph(
        "Capability means adjusted for interviewer leniency (an estimate)",
        SUBHEAD,
        0.0,
    );
    c.paragraph(&a.in_words, SMALL, 0.0);
    if !a.shown {
        return;
    }
    c.paragraph(
        "The offsets come from a model fitted to every other candidate these interviewers \
         scored on this pack version: score = panel mean + candidate + question + interviewer, \
         with interviewers of few answers pulled toward zero.",
        SMALL,
        0.0,
    );
    c.gap(2.0);
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"));
    for cap in a.capabilities.iter().filter(|cap| cap.scores > 0) {
        c.gap(3.0);
        c.ensure(BODY.line_height() + 4.0);
        let label: &str = match crate::Capability::from_slug(&cap.capability) {
            Some(k) => crate::capability::label(k),
            None => &cap.capability,
        };
        let line = format!(
            "{label}: raw {} · adjusted {} ({} scores)",
            number(cap.raw_mean),
            number(cap.adjusted_mean),
            cap.scores
        );
        c.paragraph(&line, BODY, 0.0);
    }
    c.gap(3.0);
    let offsets: Vec<String> = a
        .panelists
        .iter()
        .map(|p| {
            format!(
                "{} {:+.2} ({} past answers)",
                p.name, p.leniency_offset, p.past_answers
            )
        })
        .collect();
    c.paragraph(
        &format!("Offsets used: {}.", offsets.join("; ")),
        SMALL,
        0.0,
    );
}

fn audit(c: &mut Composer, d: &Debrief) {
    c.ensure(SUBHEAD.line_height() + BODY.line_height() * 3.0);
    c.paragraph("Audit trail", SUBHEAD, 0.0);
    c.paragraph(
        "Every submission, amendment, unsealing and decision on this plan, oldest first.",
        SMALL,
        0.0,
    );
    c.gap(2.0);
    if d.audit.is_empty() {
        c.paragraph("No events recorded.", BODY.colour(MUTED), 0.0);
        return;
    }
    let date_w = 112.0;
    let key_w = 86.0;
    for event in &d.audit {
        let described = crate::pdf::trail::describe(event);
        c.gap(5.0);
        c.ensure(BODY.line_height() * 2.0 + 6.0);
        c.rule(RULE, 0.4);
        c.gap(4.0);
        let y = c.baseline(BODY);
        let x = c.left();
        let at = instant(&event.at, c.zone);
        c.text(x, y + 0.5, &at, SMALL);
        c.paragraph(
            &format!("{} — {}", described.title, event.actor),
            BODY.bold(),
            date_w,
        );
        for (key, value) in &described.details {
            c.ensure(BODY.line_height());
            let y = c.baseline(BODY);
            let x = c.left() + date_w;
            c.text(x, y + 0.5, key, SMALL);
            c.paragraph(value, BODY, date_w + key_w);
        }
    }
}

/// Who may read the packet, at its end where a cover used to carry it.
fn notice(c: &mut Composer) {
    let text = "Confidential. This packet holds candidate evaluations for the hiring committee of \
                this role only. Do not forward, copy or keep it outside the hiring record. \
                Scores are the panelists' own; the figures are computed from them and nothing \
                else.";
    c.gap(18.0);
    c.ensure(SMALL.line_height() * 3.0 + 8.0);
    c.rule(GRID, 0.6);
    c.gap(6.0);
    c.paragraph(text, SMALL, 0.0);
}
