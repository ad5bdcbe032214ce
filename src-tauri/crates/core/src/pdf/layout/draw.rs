//! What a [`Composer`] draws at its cursor or at given coordinates: runs of text and wrapped
//! paragraphs (moving the cursor and breaking pages as they go), ticks and check boxes, rules,
//! boxes and badges. The page machinery they draw on (pages, sections, the outline, the running
//! header and footer) is the parent module's.

use printpdf::{
    Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem, TextRenderingMode,
};

use super::*;

impl Composer {
    /// Baseline of a line of `style` whose box starts at the cursor.
    pub fn baseline(&self, style: Style) -> f32 {
        baseline_in(self.y, style)
    }

    /// Draws one run of text with its baseline at `y`. No wrapping, no cursor movement.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let ops = self.pages.last_mut().expect("a page exists");
        push_text(ops, &mut self.fonts, x, y, text, style);
    }

    /// Draws one run of text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, text: &str, style: Style) {
        let x = right - style.width(text);
        self.text(x, y, text, style);
    }

    /// Wrapped text at `indent` from the left margin, flowing onto new pages as needed.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let width = self.content_width() - indent;
        for line in wrap_text(text, width, style) {
            self.ensure(style.line_height());
            if !line.is_empty() {
                let y = self.baseline(style);
                let x = self.left() + indent;
                self.text(x, y, &line, style);
            }
            self.y -= style.line_height();
        }
    }

    /// Runs of differently styled text wrapped as one flow at `indent` from the left margin (a
    /// bold name and the note after it), flowing onto new pages as needed.
    pub fn runs(&mut self, runs: &[(&str, Style)], indent: f32) {
        let Some(tallest) = runs
            .iter()
            .map(|(_, s)| *s)
            .max_by(|a, b| a.line_height().total_cmp(&b.line_height()))
        else {
            return;
        };
        let width = self.content_width() - indent;
        for line in wrap_runs(runs, width) {
            self.ensure(tallest.line_height());
            let y = self.baseline(tallest);
            let x = self.left() + indent;
            for piece in &line {
                self.text(x + piece.x, y, &piece.text, piece.style);
            }
            self.y -= tallest.line_height();
        }
    }

    /// Text that is searchable, selectable and read aloud but not drawn: what a drawn mark (a
    /// tick) means, for text extraction and screen readers.
    pub fn hidden_text(&mut self, x: f32, y: f32, text: &str, style: Style) {
        let font = self.fonts.main(style.weight);
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        // The rendering mode is graphics state, which outlives the text object: set it back.
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Invisible,
        });
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font),
            size: Pt(style.size),
        });
        ops.push(Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
        ops.push(Op::EndTextSection);
    }

    /// A check mark drawn as two strokes (the bundled font has no ✓ glyph) about `size` points
    /// wide, its foot on baseline `y`, with `says` underneath as hidden text so the mark reads
    /// out and extracts as a word.
    pub fn tick(&mut self, x: f32, y: f32, size: f32, colour: Colour, says: &str) {
        self.hidden_text(x, y, says, SMALL);
        let point = |px: f32, py: f32| LinePoint {
            p: Point {
                x: Pt(px),
                y: Pt(py),
            },
            bezier: false,
        };
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: colour.pdf() });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(size * 0.16),
        });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    point(x, y + size * 0.45),
                    point(x + size * 0.36, y + size * 0.08),
                    point(x + size, y + size * 0.85),
                ],
                is_closed: false,
            },
        });
    }

    /// Wrapped text with a hanging indent: `marker` draws in the gutter of the first line (it is
    /// given the left edge of the gutter and the baseline), the text starts `hang` further in.
    pub fn hanging(
        &mut self,
        text: &str,
        style: Style,
        indent: f32,
        hang: f32,
        marker: impl FnOnce(&mut Composer, f32, f32),
    ) {
        let width = self.content_width() - indent - hang;
        let mut lines = wrap_text(text, width, style);
        if lines.is_empty() {
            lines.push(String::new());
        }
        let mut marker = Some(marker);
        for line in lines {
            self.ensure(style.line_height());
            let y = self.baseline(style);
            if let Some(draw) = marker.take() {
                draw(self, self.left() + indent, y);
            }
            if !line.is_empty() {
                let x = self.left() + indent + hang;
                self.text(x, y, &line, style);
            }
            self.y -= style.line_height();
        }
    }

    /// A bulleted item.
    pub fn bullet(&mut self, text: &str, style: Style, indent: f32, bullet: Colour) {
        let bullet_style = style.colour(bullet);
        self.hanging(text, style, indent, 11.0, |c, x, y| {
            c.text(x + 1.0, y, "•", bullet_style);
        });
    }

    /// An item with an empty square to tick.
    pub fn checkbox(&mut self, text: &str, style: Style, indent: f32) {
        let side = (style.size * 0.82).round();
        self.hanging(text, style, indent, side + 7.0, |c, x, y| {
            c.stroke_rect(x, y - 1.5, side, side, INK, 0.7);
        });
    }

    /// A horizontal hairline from `x1` to `x2` at height `y`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, colour: Colour, thickness: f32) {
        self.segment(x1, y, x2, y, colour, thickness);
    }

    /// A straight line.
    pub fn segment(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, colour: Colour, width: f32) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: colour.pdf() });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, y1), point(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// A hairline across the text block at the cursor (the cursor does not move).
    pub fn rule(&mut self, colour: Colour, thickness: f32) {
        let (l, r, y) = (self.left(), self.right(), self.y);
        self.hline(l, r, y, colour, thickness);
    }

    /// A filled rectangle, `y` its bottom edge.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: colour.pdf() });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
            },
        });
    }

    /// An outlined rectangle, `y` its bottom edge.
    pub fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour, width: f32) {
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: colour.pdf() });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Stroke),
                ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
            },
        });
    }

    /// A filled badge with a bold label, its left edge at `x` and text on baseline `y`; returns
    /// its width.
    pub fn badge(&mut self, x: f32, y: f32, label: &str, fill: Colour, ink: Colour) -> f32 {
        let style = LABEL.colour(ink);
        let pad = 4.5;
        let w = style.width(label) + 2.0 * pad;
        let h = style.size + 5.0;
        self.fill_rect(x, y - 3.0, w, h, fill);
        self.text(x + pad, y, label, style);
        w
    }
}
