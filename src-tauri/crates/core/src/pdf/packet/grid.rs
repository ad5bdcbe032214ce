//! The points × panelists grid each question of the evidence carries: every strong-answer point
//! down, the question's panelists across, a drawn tick where the panelist heard the point and a
//! dash where not, then the red flags somebody raised. Measured before it is drawn, so the
//! evidence can keep a question's heading on the same page as its grid.

use super::{Keys, KEY_STYLE};
use crate::debrief::QuestionDebrief;
use crate::pdf::layout::{
    baseline_in, fit, wrap_text, Composer, Style, ALERT, GRID, INK, LABEL, RULE, SMALL,
};

/// Text in the points grid.
pub(super) const ROW: Style = Style {
    colour: INK,
    leading: 1.35,
    ..SMALL
};

/// What a row of the grid is about: a strong-answer point (covered or not) or a red flag that
/// somebody raised, by index.
#[derive(Clone, Copy)]
enum Row {
    Point(u32),
    Flag(u32),
}

/// Strong-answer points down, the question's panelists across: a tick where the panelist heard
/// the point, a dash where not; then the red flags raised, marked FLAG. Measured before it is
/// drawn, so the question's heading can be kept with it.
pub(super) struct Grid {
    /// Each row with its wrapped text and style.
    rows: Vec<(Row, Vec<String>, Style)>,
    /// Column headings, one per panelist of the question.
    keys: Vec<String>,
    col_w: f32,
    text_w: f32,
}

impl Grid {
    pub(super) fn new(c: &Composer, q: &QuestionDebrief, keys: &Keys) -> Grid {
        let head = KEY_STYLE.colour(INK);
        let column_keys: Vec<String> = q.cells.iter().map(|cell| keys.of(cell)).collect();
        let widest = column_keys
            .iter()
            .map(|k| head.width(k))
            .fold(0.0, f32::max);
        let n = q.cells.len().max(1) as f32;
        let col_w = (widest + 14.0)
            .max(40.0)
            .min(c.content_width() * 0.55 / n)
            .max(18.0);
        let text_w = c.content_width() - col_w * n;

        // Every point the pack lists, and any a scorecard names beyond them.
        let point_count = q
            .cells
            .iter()
            .flat_map(|cell| cell.covered.iter().map(|&i| i as usize + 1))
            .chain([q.strong_answer.len()])
            .max()
            .unwrap_or(0);
        let mut raised: Vec<u32> = q
            .cells
            .iter()
            .flat_map(|cell| cell.flags.iter().copied())
            .collect();
        raised.sort_unstable();
        raised.dedup();
        let mut rows = Vec::new();
        for i in 0..point_count {
            let text = q
                .strong_answer
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("Point {}", i + 1));
            rows.push((Row::Point(i as u32), text, ROW));
        }
        for i in raised {
            let signal = q
                .weak_signals
                .get(i as usize)
                .cloned()
                .unwrap_or_else(|| format!("Signal {}", i + 1));
            rows.push((
                Row::Flag(i),
                format!("Red flag: {signal}"),
                ROW.colour(ALERT),
            ));
        }
        let rows = rows
            .into_iter()
            .map(|(row, text, style)| (row, wrap_text(&text, text_w - 10.0, style), style))
            .collect();
        Grid {
            rows,
            keys: column_keys,
            col_w,
            text_w,
        }
    }

    fn row_height(lines: &[String], style: Style) -> f32 {
        lines.len().max(1) as f32 * style.line_height() + 3.0
    }

    /// Height of the whole grid, heading included.
    pub(super) fn height(&self) -> f32 {
        if self.rows.is_empty() {
            return SMALL.line_height();
        }
        LABEL.line_height()
            + self
                .rows
                .iter()
                .map(|(_, lines, style)| Grid::row_height(lines, *style))
                .sum::<f32>()
    }

    pub(super) fn heading(&self, c: &mut Composer) {
        let head = KEY_STYLE.colour(INK);
        let y = c.baseline(LABEL);
        let x = c.left();
        c.text(x, y, "STRONG-ANSWER POINTS", head);
        for (i, key) in self.keys.iter().enumerate() {
            let key = fit(key, self.col_w - 2.0, head);
            let cx = x + self.text_w + self.col_w * (i as f32 + 0.5);
            c.text(cx - head.width(&key) / 2.0, y, &key, head);
        }
        c.gap(LABEL.line_height());
        c.rule(GRID, 0.5);
    }

    pub(super) fn draw(&self, c: &mut Composer, q: &QuestionDebrief) {
        if self.rows.is_empty() {
            c.paragraph(
                "The pack lists no strong-answer points for this question.",
                SMALL,
                0.0,
            );
            return;
        }
        c.ensure(LABEL.line_height() + ROW.line_height() + 3.0);
        self.heading(c);
        for (row, lines, style) in &self.rows {
            let row_h = Grid::row_height(lines, *style);
            // A grid split across pages repeats its heading.
            if c.room() < row_h {
                c.new_page();
                self.heading(c);
            }
            let top = c.y - 1.5;
            let base = baseline_in(top, *style);
            let x = c.left();
            for (i, line) in lines.iter().enumerate() {
                c.text(x, base - i as f32 * style.line_height(), line, *style);
            }
            for (i, cell) in q.cells.iter().enumerate() {
                let cx = x + self.text_w + self.col_w * (i as f32 + 0.5);
                match *row {
                    Row::Point(p) if cell.covered.contains(&p) => {
                        c.tick(cx - 4.0, base - 0.5, 8.0, INK, "yes");
                    }
                    Row::Flag(f) if cell.flags.contains(&f) => {
                        let mark = LABEL.colour(ALERT);
                        c.text(cx - mark.width("FLAG") / 2.0, base, "FLAG", mark);
                    }
                    _ => {
                        let mark = if cell.not_asked_reason.is_some() {
                            "n/a"
                        } else {
                            "–"
                        };
                        c.text(cx - ROW.width(mark) / 2.0, base, mark, ROW);
                    }
                }
            }
            c.y -= row_h;
            c.rule(RULE, 0.4);
        }
    }
}
