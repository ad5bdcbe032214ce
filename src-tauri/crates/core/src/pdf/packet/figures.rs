//! The two figures on the page that decides: the question × panelist score matrix (the score in
//! each cell, the mean, the spread and a disagreement flag per question) and the capability
//! chart. Both are drawn to fit the first page for a usual panel; the matrix repeats its header
//! when a large panel pushes it onto the next.

use super::{plural, Keys, KEY_STYLE};
use crate::capability::label as capability_label;
use crate::debrief::{Debrief, DISAGREEMENT_SPREAD};
use crate::pdf::blocks::label;
use crate::pdf::layout::{
    baseline_in, fit, Composer, Style, ACCENT, ALERT, ALERT_TINT, BODY, GRID, INK, LABEL, MUTED,
    RULE, SMALL,
};
use crate::pdf::score_label;

/// Matrix columns other than the panelists': question number, mean, spread and the flag.
const NUMBER_W: f32 = 20.0;
const MEAN_W: f32 = 30.0;
const SPREAD_W: f32 = 32.0;
const FLAG_W: f32 = 50.0;
/// The question text never gets narrower than this in the matrix.
const QUESTION_MIN_W: f32 = 130.0;
/// Height of one matrix row.
const MATRIX_ROW: f32 = 11.5;
/// Text in the matrix.
const CELL: Style = Style {
    size: 8.0,
    leading: 1.4,
    ..SMALL
};

/// The widest a panelist's column in the score matrix can be: room for a first name when the
/// panel is small, less (down to initials) for a large one.
pub(super) fn score_column_width(c: &Composer, panelists: usize) -> f32 {
    let room = c.content_width() - NUMBER_W - MEAN_W - SPREAD_W - FLAG_W - QUESTION_MIN_W;
    (room / panelists.max(1) as f32).clamp(20.0, 56.0)
}

/// The width the panelists' columns take: as wide as the widest key needs, within the maximum,
/// so the question text keeps the rest.
fn key_column_width(c: &Composer, d: &Debrief, keys: &Keys) -> f32 {
    let widest = d
        .panelists
        .iter()
        .filter_map(|p| keys.by_id(p.panelist_id))
        .map(|k| KEY_STYLE.width(k))
        .fold(0.0, f32::max);
    (widest + 14.0)
        .max(24.0)
        .min(score_column_width(c, d.panelists.len()))
}

/// Every question down, every panelist across, the score in each cell, and the mean, spread and
/// disagreement flag per question: the evidence at a glance.
pub(super) fn matrix(c: &mut Composer, d: &Debrief, keys: &Keys) {
    label(c, "Scores by question and panelist", MUTED, 60.0);
    if d.questions.is_empty() {
        c.paragraph("This plan has no questions.", BODY.colour(MUTED), 0.0);
        return;
    }
    let col_w = key_column_width(c, d, keys);
    let panel_w = col_w * d.panelists.len() as f32;
    let question_w = c.content_width() - NUMBER_W - panel_w - MEAN_W - SPREAD_W - FLAG_W;
    let panel_x = NUMBER_W + question_w;
    let mean_x = panel_x + panel_w;
    let spread_x = mean_x + MEAN_W;
    let flag_x = spread_x + SPREAD_W;
    let head = KEY_STYLE.colour(INK);

    let heading = |c: &mut Composer| {
        let y = c.baseline(LABEL);
        let x = c.left();
        c.text(x, y, "#", head);
        c.text(x + NUMBER_W, y, "QUESTION", head);
        for (i, p) in d.panelists.iter().enumerate() {
            let key = keys.by_id(p.panelist_id).unwrap_or("?");
            let key = fit(key, col_w - 2.0, head);
            let cx = x + panel_x + col_w * (i as f32 + 0.5);
            c.text(cx - head.width(&key) / 2.0, y, &key, head);
        }
        c.text_right(x + mean_x + MEAN_W - 4.0, y, "MEAN", head);
        c.text_right(x + spread_x + SPREAD_W - 4.0, y, "SPREAD", head);
        c.gap(LABEL.line_height());
        c.rule(GRID, 0.6);
    };
    c.ensure(LABEL.line_height() + MATRIX_ROW * 3.0);
    heading(c);

    let mut drafts = false;
    for q in &d.questions {
        if c.room() < MATRIX_ROW {
            c.new_page();
            heading(c);
        }
        let top = c.y;
        let x = c.left();
        if q.disagreement {
            c.fill_rect(
                x,
                top - MATRIX_ROW,
                c.content_width(),
                MATRIX_ROW,
                ALERT_TINT,
            );
        }
        let base = top - MATRIX_ROW / 2.0 - CELL.size * 0.357;
        c.text(x, base, &q.number.to_string(), CELL.bold().colour(INK));
        let text = fit(&q.text, question_w - 8.0, CELL.colour(INK));
        c.text(x + NUMBER_W, base, &text, CELL.colour(INK));
        for (i, p) in d.panelists.iter().enumerate() {
            let Some(cell) = q.cells.iter().find(|k| k.panelist_id == p.panelist_id) else {
                continue;
            };
            let (mark, style) = match (cell.score, &cell.not_asked_reason) {
                (Some(s), _) if cell.submitted => {
                    (s.to_string(), CELL.size(9.0).bold().colour(INK))
                }
                (Some(s), _) => {
                    drafts = true;
                    (format!("{s}*"), CELL.size(9.0).bold().colour(INK))
                }
                (None, Some(_)) => ("n/a".to_string(), CELL.colour(MUTED)),
                (None, None) => ("–".to_string(), CELL.colour(MUTED)),
            };
            let cx = x + panel_x + col_w * (i as f32 + 0.5);
            c.text(cx - style.width(&mark) / 2.0, base, &mark, style);
        }
        let figure = CELL.colour(INK);
        let mean = q
            .mean
            .map_or_else(|| "–".to_string(), |m| format!("{m:.2}"));
        c.text_right(x + mean_x + MEAN_W - 4.0, base, &mean, figure);
        let spread = q.spread.map_or_else(|| "–".to_string(), |s| s.to_string());
        let spread_style = if q.disagreement {
            figure.bold().colour(ALERT)
        } else {
            figure
        };
        c.text_right(x + spread_x + SPREAD_W - 4.0, base, &spread, spread_style);
        if q.disagreement {
            c.text(
                x + flag_x + 4.0,
                base,
                "Disagree",
                CELL.bold().colour(ALERT),
            );
        }
        c.y = top - MATRIX_ROW;
        c.rule(RULE, 0.4);
    }
    c.gap(3.0);
    let mut legend = format!(
        "Scores 1 {} · 2 {} · 3 {} · 4 {} · n/a: not asked · –: not scored · blank: not their \
         question",
        score_label(1),
        score_label(2),
        score_label(3),
        score_label(4)
    );
    if drafts {
        legend.push_str(" · *: from a draft, not submitted");
    }
    legend.push_str(&format!(
        ". Disagree: scores {DISAGREEMENT_SPREAD} or more points apart."
    ));
    c.paragraph(&legend, SMALL, 0.0);
}

/// The capability means as vector bars on the 1–4 scale, each with its value written out.
pub(super) fn chart(c: &mut Composer, d: &Debrief) {
    let label_w = 150.0;
    let value_w = 82.0;
    let row = 14.0;
    let axis = 12.0;
    let rows = d.capabilities.len().max(1) as f32;
    // The label stays with the whole chart.
    label(
        c,
        "Capabilities · mean score on the 1–4 scale",
        MUTED,
        axis + rows * row + 4.0,
    );
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
        c.text(tx, top - 8.0, &text, tick);
        c.segment(x, top - axis + 2.0, x, top - axis - rows * row, GRID, 0.5);
    }
    let mut y = top - axis;
    let name_style = BODY.size(9.0);
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
        let base = y - row / 2.0 - name_style.size * 0.357;
        let name = fit(capability_label(cap.capability), label_w - 10.0, name_style);
        c.text(c.left(), base, &name, name_style);
        let bar_h = 8.0;
        let bar_y = y - row / 2.0 - bar_h / 2.0;
        match cap.mean {
            Some(mean) => {
                let w = (at(mean) - x0).max(2.0);
                c.fill_rect(x0, bar_y, w, bar_h, ACCENT);
                let value = format!("{mean:.2}");
                let vs = name_style.bold();
                c.text(x1 + 10.0, base, &value, vs);
                let n = format!("{} score{}", cap.scores, plural(cap.scores as usize));
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
