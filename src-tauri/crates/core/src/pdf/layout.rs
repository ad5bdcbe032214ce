//! Page layout on top of printpdf's drawing operations: measuring and wrapping text, flowing it
//! down the page and onto new pages, rules and boxes, bookmarks, and the running header and
//! footer that need the final page count.
//!
//! printpdf draws what it is told where it is told: it neither wraps nor paginates. Everything a
//! document needs for "long notes flow across pages without clipping" lives here, shared by the
//! debrief packet and the interview kit, so both measure text the same way and look alike.
//!
//! Coordinates are PDF points with the origin at the bottom-left corner. A [`Composer`] keeps a
//! cursor `y`: the top of the next line box. Every line of text is its own text object (`BT …
//! ET`) positioned absolutely, which keeps the extracted text in reading order.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::fonts::{self, Weight};
use super::Paper;

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

/// Body text: near-black, slightly warm.
pub(crate) const INK: Colour = Colour(0.11, 0.13, 0.16);
/// Secondary text: labels, dates, captions.
pub(crate) const MUTED: Colour = Colour(0.40, 0.43, 0.48);
/// Hairlines and box outlines.
pub(crate) const RULE: Colour = Colour(0.80, 0.82, 0.85);
/// The one accent: a deep slate blue.
pub(crate) const ACCENT: Colour = Colour(0.12, 0.31, 0.47);
/// A pale tint of the accent for tracks and panels.
pub(crate) const ACCENT_TINT: Colour = Colour(0.92, 0.945, 0.97);
/// Warnings: disagreement, red flags, the confidential marking.
pub(crate) const ALERT: Colour = Colour(0.64, 0.19, 0.13);
/// A pale tint of the alert colour.
pub(crate) const ALERT_TINT: Colour = Colour(0.985, 0.925, 0.91);
/// White, for text on filled badges.
pub(crate) const WHITE: Colour = Colour(1.0, 1.0, 1.0);

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Face.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub colour: Colour,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    /// Height of one line box, in points.
    pub fn line_height(self) -> f32 {
        self.size * self.leading
    }

    /// The same style in another colour.
    pub fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }

    /// The same style in bold.
    pub fn bold(self) -> Style {
        Style {
            weight: Weight::Bold,
            ..self
        }
    }

    /// The same style at another size.
    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Width of `text` in this style, in points.
    pub fn width(self, text: &str) -> f32 {
        fonts::width(text, self.weight, self.size)
    }
}

/// Running text.
pub(crate) const BODY: Style = Style {
    weight: Weight::Regular,
    size: 9.75,
    colour: INK,
    leading: 1.45,
};
/// Secondary text.
pub(crate) const SMALL: Style = Style {
    weight: Weight::Regular,
    size: 8.5,
    colour: MUTED,
    leading: 1.4,
};
/// Small capitals-style labels above groups ("STRONG-ANSWER POINTS").
pub(crate) const LABEL: Style = Style {
    weight: Weight::Bold,
    size: 7.5,
    colour: MUTED,
    leading: 1.6,
};
/// Page titles.
pub(crate) const H1: Style = Style {
    weight: Weight::Bold,
    size: 19.0,
    colour: INK,
    leading: 1.25,
};
/// Section and question headings.
pub(crate) const H2: Style = Style {
    weight: Weight::Bold,
    size: 12.5,
    colour: INK,
    leading: 1.35,
};

/// Removes what a PDF text line cannot hold: control characters become spaces, except line
/// breaks, which separate paragraphs.
pub(crate) fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Breaks one paragraph into lines no wider than `max_width` as measured by `measure`.
///
/// Words are separated by any whitespace and kept whole when they fit; a word wider than a line
/// is broken between characters. Runs of whitespace collapse to one space. Width is additive
/// over characters (no kerning is applied when drawing), so a line's width is the sum of its
/// words and spaces.
pub(crate) fn wrap(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let space = measure(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0f32;
    for word in text.split_whitespace() {
        let w = measure(word);
        if line.is_empty() && w <= max_width {
            line.push_str(word);
            line_w = w;
            continue;
        }
        if !line.is_empty() && line_w + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            line_w += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        if w <= max_width {
            line.push_str(word);
            line_w = w;
            continue;
        }
        // Longer than a whole line: break between characters.
        let mut buf = [0u8; 4];
        for c in word.chars() {
            let cw = measure(c.encode_utf8(&mut buf));
            if !line.is_empty() && line_w + cw > max_width {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps text with line breaks: each paragraph wrapped, one empty line kept between paragraphs
/// that were separated by blank lines.
pub(crate) fn wrap_text(text: &str, max_width: f32, style: Style) -> Vec<String> {
    let measure = |s: &str| style.width(s);
    let mut lines = Vec::new();
    let mut blank = false;
    for paragraph in clean(text).split('\n') {
        if paragraph.trim().is_empty() {
            blank = !lines.is_empty();
            continue;
        }
        if blank {
            lines.push(String::new());
            blank = false;
        }
        lines.extend(wrap(paragraph, max_width, &measure));
    }
    lines
}

/// `text` on one line, shortened with an ellipsis if wider than `max_width`.
pub(crate) fn fit(text: &str, max_width: f32, style: Style) -> String {
    let text = clean(text).replace('\n', " ");
    if style.width(&text) <= max_width {
        return text;
    }
    let room = max_width - style.width("…");
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = style.width(c.encode_utf8(&mut [0u8; 4]));
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    format!("{}…", out.trim_end())
}

/// Page size and the margins around the text block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left and right margin.
    pub margin: f32,
    /// Top of the text block.
    pub top: f32,
    /// Bottom of the text block.
    pub bottom: f32,
}

impl Geometry {
    /// The page and margins for a paper size: 20 mm at the sides, room for the running header
    /// and footer above and below the text block.
    pub fn for_paper(paper: Paper) -> Geometry {
        let (width, height) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        Geometry {
            width,
            height,
            margin: 20.0 * MM,
            top: height - 25.0 * MM,
            bottom: 22.0 * MM,
        }
    }
}

/// What the running header and footer say.
pub(crate) struct Running<'a> {
    /// Header, left: the candidate's name.
    pub header_left: &'a str,
    /// Header, right: "Confidential".
    pub header_right: &'a str,
    /// Footer, left: what the document is.
    pub footer_left: &'a str,
    /// Whether the first page (a cover) goes without header and footer.
    pub skip_first: bool,
}

/// Lays out pages one after another.
pub(crate) struct Composer {
    /// Page and margins.
    pub geo: Geometry,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    /// Per page, the section it shows and whether the section began on an earlier page.
    sections: Vec<Option<(String, bool)>>,
    section: Option<String>,
    /// Top of the next line box.
    pub y: f32,
    bookmarks: Vec<(String, usize)>,
}

impl Composer {
    /// A composer drawing with the bundled fonts, registered in `doc`.
    pub fn new(doc: &mut PdfDocument, paper: Paper) -> Composer {
        let regular = doc.add_font(&fonts::face(Weight::Regular).font);
        let bold = doc.add_font(&fonts::face(Weight::Bold).font);
        let geo = Geometry::for_paper(paper);
        Composer {
            geo,
            regular,
            bold,
            pages: Vec::new(),
            sections: Vec::new(),
            section: None,
            y: geo.top,
            bookmarks: Vec::new(),
        }
    }

    /// Starts a new page; the cursor goes to the top of its text block. The page continues the
    /// current section, which the running header says.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::with_capacity(256));
        self.sections
            .push(self.section.clone().map(|name| (name, true)));
        self.y = self.geo.top;
    }

    /// Starts a section on a new page; the running header names it on every page it spans.
    pub fn start_section(&mut self, name: &str) {
        self.section = Some(name.to_string());
        self.new_page();
        if let Some(last) = self.sections.last_mut() {
            *last = Some((name.to_string(), false));
        }
    }

    /// Whether the cursor is at the top of a page's text block.
    pub fn at_top(&self) -> bool {
        (self.y - self.geo.top).abs() < 0.01
    }

    /// Left edge of the text block.
    pub fn left(&self) -> f32 {
        self.geo.margin
    }

    /// Right edge of the text block.
    pub fn right(&self) -> f32 {
        self.geo.width - self.geo.margin
    }

    /// Width of the text block.
    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Height left above the bottom margin.
    pub fn room(&self) -> f32 {
        self.y - self.geo.bottom
    }

    /// Starts a new page unless `height` points fit above the bottom margin.
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.room() < height {
            self.new_page();
        }
    }

    /// Moves the cursor down; the next `ensure` breaks the page if this went past the bottom.
    pub fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// Adds an outline entry pointing at the current page.
    pub fn bookmark(&mut self, title: &str) {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.bookmarks.push((title.to_string(), self.pages.len()));
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    /// Baseline of a line of `style` whose box starts at the cursor.
    pub fn baseline(&self, style: Style) -> f32 {
        baseline_in(self.y, style)
    }

    /// Draws one run of text with its baseline at `y`. No wrapping, no cursor movement.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style) {
        let font = match style.weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        push_text(self.ops(), font, x, y, text, style);
    }

    /// Draws one run of text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, text: &str, style: Style) {
        let x = right - style.width(text);
        self.text(x, y, text, style);
    }

    /// One line of text at `indent` from the left margin, shortened to fit; moves the cursor.
    pub fn line(&mut self, text: &str, style: Style, indent: f32) {
        let fitted = fit(text, self.content_width() - indent, style);
        self.ensure(style.line_height());
        let y = self.baseline(style);
        let x = self.left() + indent;
        self.text(x, y, &fitted, style);
        self.y -= style.line_height();
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

    /// Adds the running header and footer, the outline and the metadata already set on `doc`,
    /// and serialises the document.
    pub fn finish(mut self, doc: &mut PdfDocument, running: &Running) -> Vec<u8> {
        let total = self.pages.len();
        let geo = self.geo;
        let header_style = SMALL;
        let header_y = geo.height - 14.0 * MM;
        let footer_y = 12.0 * MM;
        let (l, r) = (geo.margin, geo.width - geo.margin);
        for (i, (ops, section)) in self.pages.iter_mut().zip(&self.sections).enumerate() {
            if i == 0 && running.skip_first {
                continue;
            }
            let right = running.header_right;
            let right_style = header_style.bold().colour(ALERT);
            let right_w = right_style.width(right);
            let section = match section {
                Some((name, false)) => format!("  ·  {name}"),
                Some((name, true)) => format!("  ·  {name} (continued)"),
                None => String::new(),
            };
            let room = r - l - right_w - 24.0 - header_style.width(&section);
            let left = format!("{}{section}", fit(running.header_left, room, header_style));
            push_text(ops, self.regular.clone(), l, header_y, &left, header_style);
            push_text(
                ops,
                self.bold.clone(),
                r - right_w,
                header_y,
                right,
                right_style,
            );
            push_line(ops, l, r, header_y - 6.0, RULE, 0.5);
            let page = format!("Page {} of {total}", i + 1);
            let page_w = header_style.width(&page);
            let footer = fit(running.footer_left, r - l - page_w - 24.0, header_style);
            push_line(ops, l, r, footer_y + 11.0, RULE, 0.5);
            push_text(
                ops,
                self.regular.clone(),
                l,
                footer_y,
                &footer,
                header_style,
            );
            push_text(
                ops,
                self.regular.clone(),
                r - page_w,
                footer_y,
                &page,
                header_style,
            );
        }
        let pages = self
            .pages
            .into_iter()
            .map(|ops| {
                let bx = Rect::from_wh(Pt(geo.width), Pt(geo.height));
                PdfPage {
                    media_box: bx.clone(),
                    trim_box: bx.clone(),
                    crop_box: bx,
                    ops,
                }
            })
            .collect();
        for (title, page) in &self.bookmarks {
            doc.add_bookmark(title, *page);
        }
        let mut warnings = Vec::new();
        let bytes = doc.with_pages(pages).save(
            &PdfSaveOptions {
                optimize: true,
                subset_fonts: true,
                secure: true,
                image_optimization: None,
            },
            &mut warnings,
        );
        for w in &warnings {
            tracing::debug!(warning = ?w, "pdf serialisation");
        }
        bytes
    }
}

/// Baseline of a line box of `style` whose top is `top`: the cap height centred in the box.
pub(crate) fn baseline_in(top: f32, style: Style) -> f32 {
    top - style.line_height() / 2.0 - style.size * 0.357
}

fn push_text(ops: &mut Vec<Op>, font: FontId, x: f32, y: f32, text: &str, style: Style) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font),
        size: Pt(style.size),
    });
    ops.push(Op::SetFillColor {
        col: style.colour.pdf(),
    });
    ops.push(Op::SetTextCursor {
        pos: Point { x: Pt(x), y: Pt(y) },
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
    ops.push(Op::EndTextSection);
}

fn push_line(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, colour: Colour, width: f32) {
    let point = |x: f32| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    ops.push(Op::SetOutlineColor { col: colour.pdf() });
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![point(x1), point(x2)],
            is_closed: false,
        },
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(s: &str) -> f32 {
        BODY.width(s)
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Named the owned-versus-influenced split without prompting and gave a \
                    concrete example of an exception process that expired on its own. \
                    Ζαχαρίου Петрова Łukasiewicz Zoë.";
        for width in [40.0, 90.0, 150.0, 300.0, 481.0] {
            let lines = wrap(text, width, &measure);
            for line in &lines {
                assert!(
                    measure(line) <= width + 0.01,
                    "{line:?} is {} wide, more than {width}",
                    measure(line)
                );
                assert!(!line.starts_with(' ') && !line.ends_with(' '));
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            let back: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            if words.iter().all(|w| measure(w) <= width) {
                assert_eq!(back, words, "every word kept, in order, at width {width}");
            } else {
                assert_eq!(back.concat(), words.concat(), "every character kept");
            }
        }
    }

    #[test]
    fn an_over_long_word_is_broken_between_characters() {
        let word = "x".repeat(400);
        let lines = wrap(&format!("before {word} after"), 100.0, &measure);
        assert!(lines.len() > 3, "{lines:?}");
        assert_eq!(lines[0], "before");
        assert!(lines.iter().all(|l| measure(l) <= 100.0 + 0.01));
        assert_eq!(
            lines.concat().replace(' ', ""),
            format!("before{word}after")
        );
        let pieces: usize = lines.iter().map(|l| l.matches('x').count()).sum();
        assert_eq!(pieces, 400);
    }

    #[test]
    fn whitespace_collapses_and_paragraphs_survive() {
        assert!(wrap("   \t ", 100.0, &measure).is_empty());
        assert_eq!(wrap("a  \t b", 100.0, &measure), vec!["a b"]);
        let lines = wrap_text("first\r\n\r\n\r\nsecond\nthird\u{7}end", 400.0, BODY);
        assert_eq!(lines, vec!["first", "", "second", "third end"]);
    }

    #[test]
    fn fit_shortens_with_an_ellipsis() {
        assert_eq!(fit("short", 100.0, BODY), "short");
        let long = fit(&"Petrova ".repeat(40), 120.0, BODY);
        assert!(long.ends_with('…'));
        assert!(BODY.width(&long) <= 120.0 + 0.01);
    }
}
