//! The packet's one-page summary: the decision, the recommendation tally, the capability chart
//! drawn as vector bars, the largest disagreements, what is missing and how far raters agree.

use super::*;

pub(super) fn summary(c: &mut Composer, d: &Debrief) {
    c.start_section("Summary");
    c.bookmark("Summary");
    page_title(c, "Summary");

    label(c, "Decision", MUTED, 30.0);
    match &d.decision {
        Some(x) => {
            let big = H2.size(16.0).colour(ACCENT);
            c.paragraph(x.decision.label(), big, 0.0);
            c.paragraph(
                &format!(
                    "Decided by {} · {}",
                    x.decided_by,
                    instant(&x.decided_at, c.zone)
                ),
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
    for a in crate::pdf::SCORE_ANCHORS {
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
