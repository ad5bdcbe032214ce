//! Page layout on top of printpdf's drawing operations: pages and the cursor that flows down
//! them, sections, bookmarks, and the running header and footer that need the final page count.
//! What is drawn (text, paragraphs, marks, rules, boxes) is in `layout/draw.rs`, how a line of
//! text becomes glyphs in the document's fonts in `layout/glyphs.rs`, and the file it is written
//! as in `layout/file.rs`; styles live in `style.rs`, wrapping in `text.rs`.
//!
//! printpdf draws what it is told where it is told: it neither wraps nor paginates. Everything a
//! document needs for "long notes flow across pages without clipping" lives here, shared by the
//! debrief packet and the interview kit, so both measure text the same way and look alike.
//!
//! Coordinates are PDF points with the origin at the bottom-left corner. A [`Composer`] keeps a
//! cursor `y`: the top of the next line box. Every line of text is its own text object (`BT …
//! ET`) positioned absolutely, which keeps the extracted text in reading order.

use printpdf::{Line, LinePoint, Op, PdfDocument, PdfPage, Point, Pt, Rect};

use super::Paper;

pub(crate) use super::style::*;
pub(crate) use super::text::*;

/// What a composer draws: text, paragraphs, marks, rules and boxes.
mod draw;
/// The PDF file a finished document becomes: streams compressed at our level.
mod file;
/// How a line of text becomes text operations: the document's font ids, plain and shaped runs.
mod glyphs;

use glyphs::{push_text, DocFonts};

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
    /// The zone times are printed in (the reader's, named next to each time).
    pub zone: chrono::FixedOffset,
    fonts: DocFonts,
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
    pub fn new(doc: &mut PdfDocument, paper: Paper, zone: chrono::FixedOffset) -> Composer {
        let geo = Geometry::for_paper(paper);
        Composer {
            geo,
            zone,
            fonts: DocFonts::new(doc),
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

    /// Starts a section without breaking the page, for one that flows on from the one before
    /// it: the pages after this one name it in the running header, and so does this page when
    /// the cursor is at its top.
    pub fn flow_section(&mut self, name: &str) {
        self.section = Some(name.to_string());
        if self.at_top() {
            if let Some(last) = self.sections.last_mut() {
                *last = Some((name.to_string(), false));
            }
        }
    }

    /// The number of the page being drawn, from 1.
    pub fn page_number(&self) -> usize {
        self.pages.len().max(1)
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

    /// Adds an outline entry pointing at page `page` (from 1).
    ///
    /// printpdf orders the outline by page, then by title, so two entries on one page come out
    /// alphabetically: documents give each page at most one entry to keep their order.
    pub fn bookmark_at(&mut self, title: &str, page: usize) {
        self.bookmarks.push((title.to_string(), page));
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    /// Adds the running header and footer, the outline and the metadata already set on `doc`,
    /// and serialises the document.
    pub fn finish(mut self, doc: &mut PdfDocument, running: &Running) -> super::Rendered {
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
            push_text(ops, &mut self.fonts, l, header_y, &left, header_style);
            push_text(
                ops,
                &mut self.fonts,
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
            push_text(ops, &mut self.fonts, l, footer_y, &footer, header_style);
            push_text(
                ops,
                &mut self.fonts,
                r - page_w,
                footer_y,
                &page,
                header_style,
            );
        }
        let missing = self.fonts.finish(doc);
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
        let bytes = file::serialise(doc.with_pages(pages));
        super::Rendered { bytes, missing }
    }
}

/// Baseline of a line box of `style` whose top is `top`: the cap height centred in the box.
pub(crate) fn baseline_in(top: f32, style: Style) -> f32 {
    top - style.line_height() / 2.0 - style.size * 0.357
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
