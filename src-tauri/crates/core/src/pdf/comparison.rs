//! The finalists comparison: two to six candidates side by side for the hiring committee, drawn
//! with the same composer, fonts and styles as the debrief packet.
//!
//! The first page carries the table the committee compares on: one row per capability the
//! common questions probe, one column per candidate, each cell the raw mean and the adjusted
//! mean written out ("raw 2.50", "adj. 2.31", "adj. —" when not shown), then the recommendation
//! tally and the decision so far. Then, per candidate, where their panel disagreed most, and an
//! appendix saying what the adjusted figures are and which questions were compared.
//!
//! With five or six candidates the columns narrow: names and tallies wrap inside their column
//! (never past it) and the figures are set a size smaller, so the table keeps to the page.

use printpdf::PdfDocument;

use super::blocks::{label, masthead, section_title};
use super::layout::{
    baseline_in, wrap_text, Composer, Running, Style, ACCENT, ACCENT_TINT, ALERT, BODY, GRID, H1,
    INK, LABEL, MUTED, RULE, SMALL,
};
use super::Paper;
use crate::calibration::{ComparedPlan, Comparison, ADJUSTED_EXPLAINED};
use crate::capability::label as capability_label;

/// Padding inside a table cell, left and right.
const PAD: f32 = 5.0;
/// Padding inside a table row, above and below.
const ROW_PAD: f32 = 4.0;

/// Renders the comparison.
pub(super) fn render(c: &Comparison, paper: Paper, zone: chrono::FixedOffset) -> super::Rendered {
    let now = crate::time::Timestamp::now();
    let names: Vec<&str> = c.plans.iter().map(|p| p.candidate.as_str()).collect();
    let title = "Finalists compared";
    let mut doc = PdfDocument::new(title);
    let subject = match role(c) {
        Some(role) => format!("Finalists compared for {role}: {}", names.join(", ")),
        None => format!("Finalists compared: {}", names.join(", ")),
    };
    super::set_metadata(&mut doc, title, &subject, Some(&now));
    let mut k = Composer::new(&mut doc, paper, zone);
    let prepared = super::day(&now, k.zone);

    k.start_section("Comparison");
    k.bookmark("Comparison");
    header(&mut k, c, &prepared);
    table(&mut k, c);

    k.gap(16.0);
    let page = k.page_number();
    section(&mut k, "Where each panel disagreed most", page);
    k.paragraph(
        &format!(
            "Up to three questions per panel, largest spread (highest minus lowest score) first; \
             a spread of {} or more is a disagreement. Question numbers are as on each \
             candidate's own plan.",
            crate::debrief::DISAGREEMENT_SPREAD
        ),
        SMALL,
        0.0,
    );
    k.gap(8.0);
    for p in &c.plans {
        disagreements(&mut k, p);
    }

    k.gap(12.0);
    let page = k.page_number();
    section(&mut k, "About the figures", page);
    appendix(&mut k, c);

    let footer = format!(
        "Finalists compared · {} candidate{} · prepared {prepared}",
        c.plans.len(),
        if c.plans.len() == 1 { "" } else { "s" }
    );
    k.finish(
        &mut doc,
        &Running {
            header_left: title,
            header_right: "Confidential",
            footer_left: &footer,
            skip_first: false,
        },
    )
}

/// The role, from the first plan, when it names one.
fn role(c: &Comparison) -> Option<String> {
    c.plans
        .first()
        .map(|p| p.role_title.trim())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// A section that flows on from the one before: its title with a short accent rule, and an
/// outline entry when it starts a page of its own (the outline keeps one entry per page, so its
/// order stays the document's). `page` is the page the previous section ended on.
fn section(c: &mut Composer, title: &str, page: usize) {
    c.ensure(H1.size(16.0).line_height() + 16.0 + BODY.line_height() * 4.0);
    c.flow_section(title);
    if c.page_number() != page {
        c.bookmark(title);
    }
    section_title(c, title);
}

/// The title, the role, what was compared and when.
fn header(c: &mut Composer, cmp: &Comparison, prepared: &str) {
    masthead(c, "HIRING PANEL · FINALISTS");
    c.paragraph("Finalists compared", H1.size(20.0), 0.0);
    if let Some(role) = role(cmp) {
        c.paragraph(&role, BODY.size(11.0).colour(MUTED), 0.0);
    }
    c.gap(3.0);
    c.paragraph(&cmp.in_words, BODY, 0.0);
    c.runs(
        &[("Prepared", SMALL.bold()), (prepared, SMALL.colour(INK))],
        0.0,
    );
    c.gap(6.0);
    c.rule(GRID, 0.6);
    c.gap(10.0);
}

/// How the table is set for a number of candidates: the widths of the label column and of each
/// candidate's column, and the styles of names and figures (a size smaller for five or six).
struct Columns {
    label_w: f32,
    col_w: f32,
    name: Style,
    row_label: Style,
    raw: Style,
    adjusted: Style,
    words: Style,
}

impl Columns {
    fn new(c: &Composer, candidates: usize) -> Columns {
        let n = candidates.max(1);
        let label_w: f32 = match n {
            1 | 2 => 160.0,
            3 | 4 => 128.0,
            _ => 104.0,
        };
        let col_w = (c.content_width() - label_w) / n as f32;
        let small = n > 4;
        let figure = if small { 8.5 } else { 9.5 };
        Columns {
            label_w,
            col_w,
            name: BODY.bold().size(if small { 8.5 } else { 9.5 }),
            row_label: BODY.bold().size(if small { 8.5 } else { 9.0 }),
            raw: Style {
                leading: 1.3,
                ..BODY.bold().size(figure)
            },
            adjusted: Style {
                leading: 1.3,
                ..BODY.size(figure).colour(ACCENT)
            },
            words: SMALL.colour(INK).size(if small { 8.0 } else { 8.5 }),
        }
    }

    /// Left edge of candidate `i`'s column, relative to the left margin.
    fn x(&self, i: usize) -> f32 {
        self.label_w + self.col_w * i as f32
    }

    /// Width text has inside a candidate's column.
    fn inner(&self) -> f32 {
        self.col_w - 2.0 * PAD
    }
}

/// Lines of one cell, each in its own style.
type Cell = Vec<(String, Style)>;

fn height(cell: &Cell) -> f32 {
    cell.iter().map(|(_, s)| s.line_height()).sum()
}

/// Wraps `text` to `width` in `style`, as lines of a cell.
fn wrapped(text: &str, width: f32, style: Style) -> Cell {
    wrap_text(text, width, style)
        .into_iter()
        .map(|l| (l, style))
        .collect()
}

/// Draws one row: the label cell and one cell per candidate, tops aligned, rules between
/// columns and under the row. Breaks the page first (repeating the heading) when it does not
/// fit.
fn row(
    c: &mut Composer,
    cols: &Columns,
    head: &dyn Fn(&mut Composer),
    label: Cell,
    cells: &[Cell],
) {
    let h = cells.iter().map(height).fold(height(&label), f32::max) + 2.0 * ROW_PAD;
    if c.room() < h {
        c.new_page();
        head(c);
    }
    let top = c.y;
    let x = c.left();
    draw_cell(c, x + PAD, top - ROW_PAD, &label);
    for (i, cell) in cells.iter().enumerate() {
        draw_cell(c, x + cols.x(i) + PAD, top - ROW_PAD, cell);
        c.segment(x + cols.x(i), top, x + cols.x(i), top - h, RULE, 0.4);
    }
    c.y = top - h;
    c.rule(RULE, 0.5);
}

fn draw_cell(c: &mut Composer, x: f32, top: f32, cell: &Cell) {
    let mut y = top;
    for (text, style) in cell {
        if !text.is_empty() {
            c.text(x, baseline_in(y, *style), text, *style);
        }
        y -= style.line_height();
    }
}

/// Capabilities down, candidates across, raw and adjusted means in each cell; then the
/// recommendation tally and the decision so far.
fn table(c: &mut Composer, cmp: &Comparison) {
    let cols = Columns::new(c, cmp.plans.len());
    let names: Vec<Cell> = cmp
        .plans
        .iter()
        .map(|p| wrapped(&p.candidate, cols.inner(), cols.name))
        .collect();
    let name_h = names.iter().map(height).fold(0.0, f32::max);
    let head_h = name_h + 2.0 * ROW_PAD;
    let head = |c: &mut Composer| {
        let top = c.y;
        let x = c.left();
        c.fill_rect(x, top - head_h, c.content_width(), head_h, ACCENT_TINT);
        let caption = vec![("CAPABILITY".to_string(), LABEL.colour(INK))];
        draw_cell(c, x + PAD, top - ROW_PAD, &caption);
        for (i, name) in names.iter().enumerate() {
            draw_cell(c, x + cols.x(i) + PAD, top - ROW_PAD, name);
        }
        c.y = top - head_h;
        c.rule(GRID, 0.6);
    };
    label(
        c,
        "Capability means on the common questions · 1–4 scale",
        MUTED,
        head_h + 3.0 * (cols.raw.line_height() * 2.0 + 2.0 * ROW_PAD),
    );
    head(c);

    for &capability in &cmp.capabilities {
        let row_label = wrapped(
            capability_label(capability),
            cols.label_w - 2.0 * PAD,
            cols.row_label,
        );
        let cells: Vec<Cell> = cmp
            .plans
            .iter()
            .map(|p| {
                let figures = p.capabilities.iter().find(|x| x.capability == capability);
                let raw = figures.and_then(|x| x.raw_mean);
                let adjusted = figures.and_then(|x| x.adjusted_mean);
                vec![
                    (format!("raw {}", figure(raw)), cols.raw),
                    (format!("adj. {}", figure(adjusted)), cols.adjusted),
                ]
            })
            .collect();
        row(c, &cols, &head, row_label, &cells);
    }

    let tallies: Vec<Cell> = cmp
        .plans
        .iter()
        .map(|p| {
            let mut lines = tally_lines(p);
            if lines.is_empty() {
                lines.push("None yet".to_string());
            }
            lines
                .iter()
                .flat_map(|l| wrapped(l, cols.inner(), cols.words))
                .collect()
        })
        .collect();
    let row_label = wrapped("Recommendations", cols.label_w - 2.0 * PAD, cols.row_label);
    c.rule(GRID, 0.6);
    row(c, &cols, &head, row_label, &tallies);

    let decisions: Vec<Cell> = cmp
        .plans
        .iter()
        .map(|p| match &p.decision {
            Some(d) => wrapped(d, cols.inner(), cols.raw.colour(ACCENT)),
            None => wrapped("Not decided", cols.inner(), cols.words.colour(MUTED)),
        })
        .collect();
    let row_label = wrapped("Decision so far", cols.label_w - 2.0 * PAD, cols.row_label);
    row(c, &cols, &head, row_label, &decisions);

    c.gap(4.0);
    c.paragraph(
        "raw: the mean of the scores the panel gave on the questions every panel asked. adj.: \
         the same scores with each interviewer's usual leniency taken out, an estimate (see \
         About the figures); — where it is not shown. Recommendations count each panelist's \
         overall recommendation.",
        SMALL,
        0.0,
    );
}

/// "2.50", or "—" when there is no figure.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

/// The recommendation tally, one count per line, strongest first ("1 Strong hire", "2 Hire").
fn tally_lines(p: &ComparedPlan) -> Vec<String> {
    let t = &p.tally;
    use crate::scorecards::Recommendation::{No, StrongNo, StrongYes, Yes};
    use crate::vocabulary::recommendation_label as said;
    [
        (said(StrongYes), t.strong_yes),
        (said(Yes), t.yes),
        (said(No), t.no),
        (said(StrongNo), t.strong_no),
        ("Not submitted", t.pending),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(name, n)| format!("{n} {name}"))
    .collect()
}

/// One candidate's largest disagreements and whether their adjusted means are shown.
fn disagreements(c: &mut Composer, p: &ComparedPlan) {
    let name_style = BODY.bold().size(11.0);
    c.ensure(name_style.line_height() + BODY.line_height() * 3.0);
    c.paragraph(&p.candidate, name_style, 0.0);
    c.gap(1.0);
    if p.disagreements.is_empty() {
        c.paragraph(
            "No disagreement: on every question scored by two or more panelists, the scores \
             were the same.",
            BODY.colour(MUTED),
            0.0,
        );
    }
    let gutter = 78.0;
    for q in &p.disagreements {
        let number = format!("Q{}", q.number);
        let spread = format!("spread {}", q.spread);
        let marked = q.spread >= crate::debrief::DISAGREEMENT_SPREAD;
        c.hanging(&q.text, BODY, 0.0, gutter, |c, x, y| {
            c.text(x, y, &number, BODY.bold().colour(ALERT));
            let style = if marked {
                SMALL.bold().colour(ALERT)
            } else {
                SMALL.colour(INK)
            };
            c.text(x + 28.0, y, &spread, style);
        });
        c.gap(1.5);
    }
    c.gap(2.0);
    let adjusted = if p.adjusted_shown {
        "Adjusted means are shown: every interviewer on this panel has enough past answers \
         (see About the figures)."
            .to_string()
    } else {
        p.adjusted_in_words.clone()
    };
    c.paragraph(&adjusted, SMALL, 0.0);
    c.gap(10.0);
}

/// What the adjusted figures are, and the questions the comparison covers.
fn appendix(c: &mut Composer, cmp: &Comparison) {
    c.paragraph(ADJUSTED_EXPLAINED, BODY, 0.0);
    c.gap(4.0);
    let first = cmp.plans.first().map_or_else(
        || "the first plan".to_string(),
        |p| format!("{}'s plan", p.candidate),
    );
    let n = cmp.common_questions.len();
    c.paragraph(
        &format!(
            "The comparison covers only the questions every panel asked, so each candidate's \
             means are taken over the same {n} question{}, numbered as on {first}:",
            if n == 1 { "" } else { "s" }
        ),
        BODY,
        0.0,
    );
    c.gap(4.0);
    label(c, "Questions compared", MUTED, BODY.line_height() * 2.0);
    for q in &cmp.common_questions {
        let number = format!("Q{}", q.number);
        c.hanging(&q.text, BODY, 0.0, 30.0, |c, x, y| {
            c.text(x, y, &number, BODY.bold().colour(ACCENT));
        });
        c.gap(1.5);
    }
}
