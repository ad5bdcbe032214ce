//! The page that decides: the candidate, the decision, who recommended what and why, the
//! question × panelist score matrix, the capability chart, every disagreement, what is missing and
//! how far raters agree. Laid out tight so it fits one page for a usual panel, and flows onto
//! the next when a large panel or many disagreements do not. The matrix and the chart are drawn
//! by `figures.rs`.

use super::{figures, plural, role_line, Keys, KEY_STYLE};
use crate::debrief::{
    top_disagreements, Debrief, PanelistOutcome, QuestionDebrief, DISAGREEMENT_SPREAD,
};
use crate::pdf::blocks::label;
use crate::pdf::layout::{
    baseline_in, fit, wrap_text, Colour, Composer, Style, ACCENT, ALERT, BODY, GRID, H1, H2, INK,
    LABEL, MUTED, RULE, SMALL,
};
use crate::pdf::{instant, level_label, long_instant, recommendation_label, score_label};

/// Lines of a panelist's overall view shown on the first page; longer views are continued in
/// the record section.
const SUMMARY_LINES: usize = 3;

/// Draws the decision pages; returns the panelists whose overall view did not fit and is
/// continued in the record section.
pub(super) fn summary(c: &mut Composer, d: &Debrief, keys: &Keys) -> Vec<i64> {
    c.start_section("Summary");
    c.bookmark("Summary");
    header(c, d);
    decision(c, d);
    c.gap(10.0);
    let cut = panel(c, d, keys);
    c.gap(12.0);
    figures::matrix(c, d, keys);
    c.gap(12.0);
    figures::chart(c, d);
    c.gap(12.0);
    disagreements(c, d);
    c.gap(10.0);
    completeness(c, d);
    agreement(c, d);
    cut
}

/// The candidate, the role and the facts of the interview, in a few lines where a cover page
/// used to be.
fn header(c: &mut Composer, d: &Debrief) {
    crate::pdf::blocks::masthead(c, "HIRING PANEL DEBRIEF PACKET");
    c.paragraph(&d.candidate, H1.size(20.0), 0.0);
    let role = match role_line(d) {
        Some(role) => format!("{role} · {} level", level_label(d.level)),
        None => format!("{} level", level_label(d.level)),
    };
    c.paragraph(&role, BODY.size(11.0).colour(MUTED), 0.0);
    c.gap(3.0);

    let interview = d
        .starts_at
        .as_deref()
        .map_or_else(|| "date not set".to_string(), |t| long_instant(t, c.zone));
    let pack = format!("{}, version {}", d.pack_title, d.pack_version);
    let prepared = instant(&d.computed_at, c.zone);
    let mut facts: Vec<(&str, &str)> = vec![("Interview", &interview)];
    if !d.panel_lead.trim().is_empty() {
        facts.push(("Panel lead", &d.panel_lead));
    }
    if !d.recruiter.trim().is_empty() {
        facts.push(("Recruiter", &d.recruiter));
    }
    facts.push(("Question pack", &pack));
    facts.push(("Prepared", &prepared));
    let key = SMALL.bold();
    let value = SMALL.colour(INK);
    let mut runs: Vec<(&str, Style)> = Vec::new();
    for (i, (k, v)) in facts.iter().enumerate() {
        if i > 0 {
            runs.push(("·", SMALL));
        }
        runs.push((k, key));
        runs.push((v, value));
    }
    c.runs(&runs, 0.0);
    c.gap(6.0);
    c.rule(GRID, 0.6);
    c.gap(8.0);
}

fn decision(c: &mut Composer, d: &Debrief) {
    label(c, "Decision", MUTED, 30.0);
    let big = H2.size(15.0);
    match &d.decision {
        Some(x) => {
            let by = format!(
                "decided by {} · {}",
                x.decided_by,
                instant(&x.decided_at, c.zone)
            );
            c.runs(
                &[(x.decision.label(), big.colour(ACCENT)), (&by, SMALL)],
                0.0,
            );
            c.gap(1.0);
            c.paragraph(&x.rationale, BODY, 0.0);
        }
        None => {
            c.runs(
                &[
                    ("Decision pending", big.colour(INK)),
                    (
                        "No decision has been recorded yet; the panel decides at the debrief.",
                        SMALL,
                    ),
                ],
                0.0,
            );
        }
    }
}

/// The recommendation of each panelist and the recommendation tally as a label.
fn panel(c: &mut Composer, d: &Debrief, keys: &Keys) -> Vec<i64> {
    let t = &d.tally;
    let tally: Vec<String> = [
        ("Strong hire", t.strong_yes),
        ("Hire", t.yes),
        ("No hire", t.no),
        ("Strong no hire", t.strong_no),
        ("Not submitted", t.pending),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(name, n)| format!("{n} {name}"))
    .collect();
    let title = if tally.is_empty() {
        "Recommendations".to_string()
    } else {
        format!("Recommendations · {}", tally.join(" · "))
    };
    label(c, &title, MUTED, 40.0);
    let mut cut = Vec::new();
    if d.panelists.is_empty() {
        c.paragraph("No panelists.", BODY.colour(MUTED), 0.0);
        return cut;
    }

    let name_style = BODY.bold();
    let rec_style = BODY.bold();
    let key_w = if keys.initials { 30.0 } else { 0.0 };
    let name_w = 112.0;
    let rec_w = d
        .panelists
        .iter()
        .map(|p| rec_style.width(recommendation_of(p).0))
        .fold(rec_style.width("RECOMMENDATION") - 6.0, f32::max)
        + 14.0;
    let view_x = key_w + name_w + rec_w;
    let view_w = c.content_width() - view_x;

    // Column headings.
    c.ensure(LABEL.line_height() + BODY.line_height() * 2.0);
    let y = c.baseline(LABEL);
    let x = c.left();
    let head = LABEL.colour(INK);
    if keys.initials {
        c.text(x, y, "KEY", head);
    }
    c.text(x + key_w, y, "PANELIST", head);
    c.text(x + key_w + name_w, y, "RECOMMENDATION", head);
    c.text(x + view_x, y, "OVERALL VIEW", head);
    c.gap(LABEL.line_height());
    c.rule(GRID, 0.5);

    for p in &d.panelists {
        let names = wrap_text(&p.name, name_w - 8.0, name_style);
        let (rec, colour) = recommendation_of(p);
        let mut view = if p.summary.trim().is_empty() {
            vec!["No summary written.".to_string()]
        } else {
            wrap_text(&p.summary, view_w, BODY)
        };
        let view_style = if p.summary.trim().is_empty() {
            BODY.colour(MUTED)
        } else {
            BODY
        };
        let mut continued = false;
        if view.len() > SUMMARY_LINES {
            view.truncate(SUMMARY_LINES);
            let last = view.pop().unwrap_or_default();
            view.push(fit(&format!("{last} …"), view_w, BODY));
            continued = true;
            cut.push(p.panelist_id);
        }
        let lines = names.len().max(view.len() + usize::from(continued)).max(1);
        let row_h = lines as f32 * BODY.line_height() + 6.0;
        c.ensure(row_h);
        let top = c.y - 3.0;
        let base = baseline_in(top, BODY);
        let x = c.left();
        if keys.initials {
            if let Some(key) = keys.by_id(p.panelist_id) {
                c.text(x, base, key, KEY_STYLE.size(8.5).colour(INK));
            }
        }
        for (i, line) in names.iter().enumerate() {
            let y = base - i as f32 * BODY.line_height();
            c.text(x + key_w, y, line, name_style);
        }
        c.text(x + key_w + name_w, base, rec, rec_style.colour(colour));
        for (i, line) in view.iter().enumerate() {
            let y = base - i as f32 * BODY.line_height();
            c.text(x + view_x, y, line, view_style);
        }
        if continued {
            let y = base - view.len() as f32 * BODY.line_height();
            c.text(
                x + view_x,
                y,
                "Continued in full under Panelists and record.",
                SMALL,
            );
        }
        c.y -= row_h;
        c.rule(RULE, 0.5);
    }
    cut
}

/// What a panelist recommended, in words, and the colour it is set in.
pub(super) fn recommendation_of(p: &PanelistOutcome) -> (&'static str, Colour) {
    match (p.submitted, p.recommendation) {
        (true, Some(r)) => (recommendation_label(r), ACCENT),
        (true, None) => ("No recommendation", INK),
        (false, _) => ("Not submitted", ALERT),
    }
}

/// Every disagreement, largest spread first: the question and who scored what.
fn disagreements(c: &mut Composer, d: &Debrief) {
    let flagged = top_disagreements(d);
    if flagged.is_empty() {
        label(c, "Disagreements", MUTED, 30.0);
        let text = if d.agreement.is_none() {
            "None to show: no question was scored by two or more panelists."
        } else {
            "None: on every question, the panelists' scores are within one point of each other."
        };
        c.paragraph(text, BODY.colour(MUTED), 0.0);
        return;
    }
    label(
        c,
        &format!(
            "Every disagreement · {} question{} scored {DISAGREEMENT_SPREAD} or more points apart, \
             largest spread first",
            flagged.len(),
            plural(flagged.len())
        ),
        ALERT,
        BODY.line_height() * 2.0,
    );
    for q in flagged {
        disagreement(c, q);
    }
}

fn disagreement(c: &mut Composer, q: &QuestionDebrief) {
    let gutter = 30.0;
    c.ensure(BODY.line_height() + SMALL.line_height() + 2.0);
    let y = c.baseline(BODY);
    let x = c.left();
    c.text(x, y, &format!("Q{}", q.number), BODY.bold().colour(ALERT));
    c.runs(&[(&q.text, BODY)], gutter);
    let spread = format!(
        "Spread {}{}:",
        q.spread.unwrap_or(0),
        q.mean.map(|m| format!(", mean {m:.2}")).unwrap_or_default()
    );
    let scores: Vec<(String, String)> = q
        .cells
        .iter()
        .filter_map(|cell| {
            cell.score.map(|s| {
                (
                    cell.panelist_name.clone(),
                    format!("{s} {}", score_label(s)),
                )
            })
        })
        .collect();
    let mut runs: Vec<(&str, Style)> = vec![(&spread, SMALL.bold().colour(ALERT))];
    for (i, (name, score)) in scores.iter().enumerate() {
        if i > 0 {
            runs.push(("·", SMALL));
        }
        runs.push((name, SMALL.bold().colour(INK)));
        runs.push((score, SMALL.colour(INK)));
    }
    c.runs(&runs, gutter);
    c.gap(3.0);
}

fn completeness(c: &mut Composer, d: &Debrief) {
    let k = &d.completeness;
    label(c, "Completeness", MUTED, 30.0);
    if k.complete && k.not_asked.is_empty() {
        c.paragraph(
            "Complete: every panelist submitted and every question has a score.",
            BODY,
            0.0,
        );
        return;
    }
    if k.not_submitted.is_empty() {
        c.bullet("Every panelist submitted.", BODY, 0.0, MUTED);
    } else {
        c.bullet(
            &format!("Not submitted: {}", k.not_submitted.join(", ")),
            BODY,
            0.0,
            ALERT,
        );
    }
    if k.never_scored.is_empty() {
        c.bullet("Every question has at least one score.", BODY, 0.0, MUTED);
    } else {
        let list: Vec<String> = k.never_scored.iter().map(u32::to_string).collect();
        c.bullet(
            &format!(
                "Never scored: question{} {}",
                plural(list.len()),
                list.join(", ")
            ),
            BODY,
            0.0,
            ALERT,
        );
    }
    for n in &k.not_asked {
        c.bullet(
            &format!(
                "Question {} not asked by {}: {}",
                n.question_number, n.panelist_name, n.reason
            ),
            BODY,
            0.0,
            MUTED,
        );
    }
}

fn agreement(c: &mut Composer, d: &Debrief) {
    let Some(a) = &d.agreement else {
        return;
    };
    c.gap(10.0);
    label(c, "Rater agreement", MUTED, 30.0);
    // The same words the debrief screen leads with, then the figures behind them.
    c.paragraph(&a.in_words, BODY, 0.0);
    c.paragraph(
        &format!(
            "Mean absolute difference {:.2} over {} pair{} of scores · exact agreement {:.0}% · \
             within one point {:.0}%",
            a.mean_absolute_difference,
            a.pairs,
            plural(a.pairs as usize),
            a.exact_rate * 100.0,
            a.within_one_rate * 100.0
        ),
        SMALL,
        0.0,
    );
    c.paragraph(
        "Pairs are two panelists scoring the same question. 0 means they always agree; 3 means \
         opposite ends of the scale.",
        SMALL,
        0.0,
    );
}
