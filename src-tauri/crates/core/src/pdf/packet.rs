//! The debrief packet: what the hiring committee reads before deciding, and what is kept as the
//! record of the decision.
//!
//! Order: a cover (who, what role, when, which panel, CONFIDENTIAL), a one-page summary (the
//! decision, the recommendation tally, a capability chart, the largest disagreements, what is
//! missing, how far raters agree), one section per question with every panelist's evidence in
//! full, each panelist's overall view, and the audit trail. Every section starts on a new page
//! and has an outline entry, so a reader can jump straight to it.

use printpdf::PdfDocument;

use super::layout::{
    baseline_in, fit, wrap_text, Composer, Running, Style, ACCENT, ACCENT_TINT, ALERT, ALERT_TINT,
    BODY, H1, H2, INK, LABEL, MUTED, RULE, SMALL,
};
use super::{instant, level_label, long_instant, recommendation_label, score_label, Paper};
use crate::capability::label as capability_label;
use crate::debrief::{top_disagreements, Debrief, DebriefCell, QuestionDebrief};

/// Disagreements listed on the summary page; the rest are marked in their sections.
const SUMMARY_DISAGREEMENTS: usize = 5;

/// Renders the packet.
pub(super) fn render(d: &Debrief, paper: Paper) -> Vec<u8> {
    let title = format!("Debrief packet — {}", d.candidate);
    let mut doc = PdfDocument::new(&title);
    super::set_metadata(
        &mut doc,
        &title,
        &format!(
            "Hiring panel debrief: {}, {}",
            d.candidate,
            role_line(d).unwrap_or_else(|| level_label(d.level).to_string())
        ),
        Some(&d.computed_at),
    );
    let mut c = Composer::new(&mut doc, paper);
    cover(&mut c, d);
    summary(&mut c, d);
    for q in &d.questions {
        question(&mut c, q);
    }
    panelists(&mut c, d);
    audit(&mut c, d);
    let footer = format!(
        "Debrief packet · {} v{} · prepared {}",
        d.pack_id,
        d.pack_version,
        instant(&d.computed_at)
    );
    c.finish(
        &mut doc,
        &Running {
            header_left: &d.candidate,
            header_right: "Confidential",
            footer_left: &footer,
            skip_first: true,
        },
    )
}

fn role_line(d: &Debrief) -> Option<String> {
    (!d.role_title.trim().is_empty()).then(|| d.role_title.trim().to_string())
}

/// A small uppercase label above a group, keeping room for `keep` points after it.
fn label(c: &mut Composer, text: &str, colour: super::layout::Colour, keep: f32) {
    c.ensure(LABEL.line_height() + keep);
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(x, y, &text.to_uppercase(), LABEL.colour(colour));
    c.gap(LABEL.line_height());
}

/// A page title with a short accent rule under it.
fn page_title(c: &mut Composer, title: &str) {
    c.paragraph(title, H1, 0.0);
    c.gap(3.0);
    let (x, y) = (c.left(), c.y);
    c.fill_rect(x, y - 2.0, 36.0, 2.0, ACCENT);
    c.gap(16.0);
}

fn cover(c: &mut Composer, d: &Debrief) {
    c.new_page();
    let geo = c.geo;
    // A thin accent band across the top edge.
    c.fill_rect(0.0, geo.height - 5.0, geo.width, 5.0, ACCENT);
    c.y = geo.height - 20.0 * super::layout::MM;
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(
        x,
        y,
        "HIRING PANEL  ·  DEBRIEF PACKET",
        LABEL.colour(ACCENT),
    );
    let mark_y = y;
    // The confidential marking: an outlined box, top right.
    let mark = Style { size: 9.0, ..LABEL }.colour(ALERT);
    let mark_text = "CONFIDENTIAL";
    let mark_w = mark.width(mark_text) + 16.0;
    let right = c.right();
    c.fill_rect(right - mark_w, y - 6.0, mark_w, 20.0, ALERT_TINT);
    c.stroke_rect(right - mark_w, y - 6.0, mark_w, 20.0, ALERT, 0.9);
    c.text(right - mark_w + 8.0, mark_y, mark_text, mark);
    let panel: Vec<&str> = d.panelists.iter().map(|p| p.name.as_str()).collect();
    let mut fields: Vec<(&str, String)> = vec![
        (
            "Interview",
            d.starts_at
                .as_deref()
                .map_or_else(|| "Date not set".to_string(), long_instant),
        ),
        ("Level", level_label(d.level).to_string()),
        ("Role", role_line(d).unwrap_or_else(|| "Not set".into())),
        (
            "Panel",
            if panel.is_empty() {
                "No panelists".to_string()
            } else {
                panel.join(", ")
            },
        ),
    ];
    if !d.panel_lead.trim().is_empty() {
        fields.push(("Panel lead", d.panel_lead.clone()));
    }
    if !d.recruiter.trim().is_empty() {
        fields.push(("Recruiter", d.recruiter.clone()));
    }
    fields.push((
        "Question pack",
        format!("{}, version {}", d.pack_id, d.pack_version),
    ));
    fields.push((
        "Decision",
        d.decision.as_ref().map_or_else(
            || "Pending".to_string(),
            |x| format!("{} ({})", x.decision.label(), instant(&x.decided_at)),
        ),
    ));
    fields.push(("Prepared", instant(&d.computed_at)));
    let name = Style {
        size: 28.0,
        leading: 1.2,
        ..H1
    };
    let sub = Style { size: 13.0, ..BODY }.colour(MUTED);
    let role = role_line(d).unwrap_or_else(|| level_label(d.level).to_string());
    let notice = "Confidential. This packet holds candidate evaluations for the hiring committee \
                  of this role only. Do not forward, copy or keep it outside the hiring record. \
                  Scores are the panelists' own; the figures are computed from them and nothing \
                  else.";
    let width = c.content_width();
    let lines = |text: &str, w: f32, style: Style| wrap_text(text, w, style).len().max(1) as f32;
    let notice_h = lines(notice, width, SMALL) * SMALL.line_height() + 10.0;
    let block_h = lines(&d.candidate, width, name) * name.line_height()
        + 4.0
        + lines(&role, width, sub) * sub.line_height()
        + 40.0
        + fields
            .iter()
            .map(|(_, v)| lines(v, width - FIELD_KEY_W, FIELD) * FIELD.line_height() + 5.0)
            .sum::<f32>();
    // The cover has no footer: its notice may sit lower than the text block of other pages.
    c.geo.bottom = 14.0 * super::layout::MM;
    let foot = c.geo.bottom + notice_h + 2.0;
    // The candidate block sits a third of the way down, like a title page, higher when long.
    c.y = (geo.height * 0.70)
        .max(foot + 24.0 + block_h)
        .min(mark_y - 40.0);

    c.paragraph(&d.candidate, name, 0.0);
    c.gap(4.0);
    c.paragraph(&role, sub, 0.0);
    c.gap(26.0);
    c.rule(RULE, 0.6);
    c.gap(14.0);
    for (key, value) in fields {
        field(c, key, &value);
    }

    // The notice sits at the foot of the cover unless the fields ran long.
    if c.y - 20.0 > foot {
        c.y = foot;
    } else {
        c.gap(20.0);
    }
    c.ensure(notice_h);
    c.rule(RULE, 0.6);
    c.gap(8.0);
    c.paragraph(notice, SMALL, 0.0);
    c.geo.bottom = geo.bottom;
}

/// Width of the key column on the cover.
const FIELD_KEY_W: f32 = 110.0;
/// Values on the cover.
const FIELD: Style = Style { size: 10.5, ..BODY };

/// A key on the left, its value wrapped on the right.
fn field(c: &mut Composer, key: &str, value: &str) {
    let key_w = FIELD_KEY_W;
    let style = FIELD;
    c.ensure(style.line_height());
    let y = c.baseline(style);
    let x = c.left();
    c.text(x, y, key, SMALL.size(9.0).colour(MUTED));
    c.paragraph(value, style, key_w);
    c.gap(5.0);
}

fn summary(c: &mut Composer, d: &Debrief) {
    c.start_section("Summary");
    c.bookmark("Summary");
    page_title(c, "Summary");

    label(c, "Decision", MUTED, 30.0);
    match &d.decision {
        Some(x) => {
            let big = H2.size(16.0).colour(ACCENT);
            c.paragraph(x.decision.label(), big, 0.0);
            c.paragraph(
                &format!("Decided by {} · {}", x.decided_by, instant(&x.decided_at)),
                SMALL,
                0.0,
            );
            c.gap(3.0);
            c.paragraph(&x.rationale, BODY, 0.0);
        }
        None => {
            c.paragraph("Decision pending", H2.size(16.0).colour(MUTED), 0.0);
            c.paragraph(
                "No decision has been recorded yet; the panel decides at the debrief.",
                SMALL,
                0.0,
            );
        }
    }
    c.gap(16.0);

    label(c, "Overall recommendations", MUTED, 50.0);
    tally(c, d);
    c.gap(18.0);

    label(
        c,
        "Capabilities · mean score on the 1–4 scale",
        MUTED,
        130.0,
    );
    chart(c, d);
    c.gap(16.0);

    disagreements(c, d);
    c.gap(12.0);
    completeness(c, d);
    if let Some(a) = &d.agreement {
        c.gap(12.0);
        label(c, "Rater agreement", MUTED, 30.0);
        c.paragraph(
            &format!(
                "Mean absolute difference {:.2} over {} pair{} of scores · exact agreement {:.0}% · \
                 within one point {:.0}%",
                a.mean_absolute_difference,
                a.pairs,
                if a.pairs == 1 { "" } else { "s" },
                a.exact_rate * 100.0,
                a.within_one_rate * 100.0
            ),
            BODY,
            0.0,
        );
        c.paragraph(
            "Pairs are two panelists scoring the same question. 0 means they always agree; 3 \
             means opposite ends of the scale.",
            SMALL,
            0.0,
        );
    }
}

fn tally(c: &mut Composer, d: &Debrief) {
    let t = &d.tally;
    let cells = [
        ("Strong no hire", t.strong_no),
        ("No hire", t.no),
        ("Hire", t.yes),
        ("Strong hire", t.strong_yes),
        ("Not submitted", t.pending),
    ];
    let gap = 8.0;
    let h = 44.0;
    c.ensure(h);
    let w = (c.content_width() - gap * (cells.len() as f32 - 1.0)) / cells.len() as f32;
    let top = c.y;
    for (i, (name, count)) in cells.iter().enumerate() {
        let x = c.left() + i as f32 * (w + gap);
        let muted = *count == 0;
        if !muted {
            c.fill_rect(x, top - h, w, h, ACCENT_TINT);
        }
        c.stroke_rect(x, top - h, w, h, RULE, 0.6);
        let number = H2.size(17.0).colour(if muted { MUTED } else { INK });
        c.text(x + 9.0, top - 21.0, &count.to_string(), number);
        c.text(x + 9.0, top - 35.0, &fit(name, w - 14.0, SMALL), SMALL);
    }
    c.y = top - h;
}

fn chart(c: &mut Composer, d: &Debrief) {
    let label_w = 150.0;
    let value_w = 82.0;
    let row = 21.0;
    let axis = 16.0;
    let rows = d.capabilities.len().max(1) as f32;
    c.ensure(axis + rows * row + 4.0);
    let x0 = c.left() + label_w;
    let x1 = c.right() - value_w;
    let at = |v: f64| x0 + ((v.clamp(1.0, 4.0) - 1.0) / 3.0) as f32 * (x1 - x0);
    let top = c.y;
    let tick = SMALL.size(7.5);
    for a in super::SCORE_ANCHORS {
        let x = at(f64::from(a.score));
        let text = format!("{} {}", a.score, a.label);
        let w = tick.width(&text);
        let tx = match a.score {
            1 => x,
            4 => x - w,
            _ => x - w / 2.0,
        };
        c.text(tx, top - 9.0, &text, tick);
        c.segment(x, top - axis + 2.0, x, top - axis - rows * row, RULE, 0.5);
    }
    let mut y = top - axis;
    if d.capabilities.is_empty() {
        c.text(
            x0 + 4.0,
            baseline_in(y, BODY),
            "No capabilities probed",
            SMALL,
        );
    }
    for cap in &d.capabilities {
        // Label and value share the bar's centre line.
        let base = y - row / 2.0 - 9.5 * 0.357;
        let name = fit(
            capability_label(cap.capability),
            label_w - 10.0,
            BODY.size(9.5),
        );
        c.text(c.left(), base, &name, BODY.size(9.5));
        let bar_h = 9.0;
        let bar_y = y - row / 2.0 - bar_h / 2.0;
        match cap.mean {
            Some(mean) => {
                let w = (at(mean) - x0).max(2.0);
                c.fill_rect(x0, bar_y, w, bar_h, ACCENT);
                let value = format!("{mean:.2}");
                let vs = BODY.size(9.5).bold();
                c.text(x1 + 10.0, base, &value, vs);
                let n = format!(
                    "{} score{}",
                    cap.scores,
                    if cap.scores == 1 { "" } else { "s" }
                );
                c.text(x1 + 14.0 + vs.width(&value), base, &n, SMALL.size(7.5));
            }
            None => {
                c.text(x1 + 10.0, base, "no scores", SMALL);
            }
        }
        y -= row;
    }
    c.y = y;
}

fn disagreements(c: &mut Composer, d: &Debrief) {
    let flagged = top_disagreements(d);
    label(c, "Top disagreements", MUTED, 30.0);
    if flagged.is_empty() {
        let text = if d.agreement.is_none() {
            "None to show: no question was scored by two or more panelists."
        } else {
            "None: on every question, the panelists' scores are within one point of each other."
        };
        c.paragraph(text, BODY.colour(MUTED), 0.0);
        return;
    }
    for q in flagged.iter().take(SUMMARY_DISAGREEMENTS) {
        c.ensure(BODY.line_height() * 3.0);
        let y = c.baseline(BODY);
        let x = c.left();
        let head = format!("Question {}", q.number);
        let hs = BODY.bold();
        c.text(x, y, &head, hs);
        let spread = format!(
            "spread {}{}",
            q.spread.unwrap_or(0),
            q.mean
                .map(|m| format!(" · mean {m:.2}"))
                .unwrap_or_default()
        );
        c.text(x + hs.width(&head) + 8.0, y, &spread, SMALL.colour(ALERT));
        c.gap(BODY.line_height());
        c.line(&q.text, SMALL.colour(INK), 0.0);
        let scores: Vec<String> = q
            .cells
            .iter()
            .filter_map(|cell| {
                cell.score
                    .map(|s| format!("{} {s} ({})", cell.panelist_name, score_label(s)))
            })
            .collect();
        c.paragraph(&scores.join("  ·  "), SMALL, 0.0);
        c.gap(4.0);
    }
    if flagged.len() > SUMMARY_DISAGREEMENTS {
        let more = flagged.len() - SUMMARY_DISAGREEMENTS;
        c.paragraph(
            &format!(
                "And {more} more question{} marked DISAGREEMENT in the question sections.",
                if more == 1 { "" } else { "s" }
            ),
            SMALL,
            0.0,
        );
    }
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
                if list.len() == 1 { "" } else { "s" },
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

fn question(c: &mut Composer, q: &QuestionDebrief) {
    let title = format!("Question {}", q.number);
    c.start_section(&title);
    c.bookmark(&title);
    let head = H2.size(11.0).colour(ACCENT);
    let y = c.baseline(head);
    let x = c.left();
    c.text(x, y, &title, head);
    let meta = format!(
        "{} min · {} panelist{}",
        q.minutes,
        q.cells.len(),
        if q.cells.len() == 1 { "" } else { "s" }
    );
    let right = c.right();
    c.text_right(right, y, &meta, SMALL);
    c.gap(head.line_height() + 2.0);
    c.paragraph(&q.text, H2, 0.0);
    c.gap(2.0);
    if !q.capabilities.is_empty() {
        let caps: Vec<&str> = q
            .capabilities
            .iter()
            .map(|&k| capability_label(k))
            .collect();
        c.paragraph(&format!("Probes: {}", caps.join(" · ")), SMALL, 0.0);
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
            super::layout::WHITE,
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
fn name_row(
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

fn panelists(c: &mut Composer, d: &Debrief) {
    c.start_section("Panelists");
    c.bookmark("Panelists");
    page_title(c, "Panelists");
    if d.panelists.is_empty() {
        c.paragraph("No panelists.", BODY.colour(MUTED), 0.0);
    }
    for (i, p) in d.panelists.iter().enumerate() {
        if i > 0 {
            c.gap(12.0);
        }
        c.ensure(BODY.line_height() * 4.0 + 10.0);
        if !c.at_top() {
            c.rule(RULE, 0.5);
            c.gap(8.0);
        }
        let name_style = BODY.size(11.0).bold();
        let (rec, rec_style) = match (p.submitted, p.recommendation) {
            (true, Some(r)) => (
                recommendation_label(r).to_string(),
                name_style.colour(ACCENT),
            ),
            (true, None) => ("No recommendation".to_string(), name_style.colour(MUTED)),
            (false, _) => ("Not submitted".to_string(), name_style.colour(ALERT)),
        };
        let rec_w = rec_style.width(&rec);
        name_row(c, &p.name, name_style, rec_w + 24.0, |c, y| {
            let right = c.right();
            c.text_right(right, y, &rec, rec_style);
        });
        let mut meta = format!(
            "{} question{}",
            p.questions,
            if p.questions == 1 { "" } else { "s" }
        );
        if let Some(at) = &p.submitted_at {
            meta = format!("Submitted {} · {meta}", instant(at));
        }
        c.paragraph(&meta, SMALL, 0.0);
        c.gap(4.0);
        if p.summary.trim().is_empty() {
            c.paragraph("No summary written.", BODY.colour(MUTED), 0.0);
        } else {
            c.paragraph(&p.summary, BODY, 0.0);
        }
    }
}

fn audit(c: &mut Composer, d: &Debrief) {
    c.start_section("Audit trail");
    c.bookmark("Audit trail");
    page_title(c, "Audit trail");
    c.paragraph(
        "Every submission, amendment, unsealing and decision on this plan, oldest first.",
        SMALL,
        0.0,
    );
    c.gap(8.0);
    if d.audit.is_empty() {
        c.paragraph("No events recorded.", BODY.colour(MUTED), 0.0);
        return;
    }
    let date_w = 112.0;
    let key_w = 86.0;
    for event in &d.audit {
        let described = super::trail::describe(event);
        c.gap(6.0);
        c.ensure(BODY.line_height() * 2.0 + 8.0);
        if !c.at_top() {
            c.rule(RULE, 0.4);
            c.gap(6.0);
        }
        let y = c.baseline(BODY);
        let x = c.left();
        c.text(x, y + 0.5, &instant(&event.at), SMALL);
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
