//! How a line of text becomes PDF text operations. A line the main face draws on its own
//! (Latin, Greek, Cyrillic) goes in as plain text; any other is shaped (`shape.rs`) and drawn run
//! by run, each run in its face's font, glyph by glyph where the shaper placed them. The
//! document's fonts ([`DocFonts`]) are the two main faces, registered up front, and the fallback
//! faces, registered the first time they draw something.

use std::collections::BTreeSet;

use printpdf::{
    Codepoint, DictItem, FontId, Op, PdfDocument, PdfFont, PdfFontHandle, Point, Pt, TextItem,
    TextMatrix,
};

use super::super::fonts::{self, Face, Weight};
use super::super::shape;
use super::Style;

/// The fonts a document draws with: the two main faces, registered up front; fallback faces,
/// registered the first time they draw something; and the characters no face has.
pub(super) struct DocFonts {
    regular: FontId,
    bold: FontId,
    fallback: Vec<(&'static Face, FontId)>,
    missing: BTreeSet<char>,
}

impl DocFonts {
    pub(super) fn new(doc: &mut PdfDocument) -> DocFonts {
        DocFonts {
            regular: doc.add_font(&fonts::face(Weight::Regular).font),
            bold: doc.add_font(&fonts::face(Weight::Bold).font),
            fallback: Vec::new(),
            missing: BTreeSet::new(),
        }
    }

    /// The main face's id for a weight.
    pub(super) fn main(&self, weight: Weight) -> FontId {
        match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        }
    }

    /// Registers the fallback faces that drew something in `doc`; returns the characters no face
    /// had (they print as an empty box).
    pub(super) fn finish(&self, doc: &mut PdfDocument) -> Vec<char> {
        for (face, id) in &self.fallback {
            doc.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(face.font.clone()));
        }
        self.missing.iter().copied().collect()
    }

    /// The document's id for `face`; registered in the document by [`DocFonts::finish`].
    fn id(&mut self, face: &'static Face) -> FontId {
        for weight in [Weight::Regular, Weight::Bold] {
            if face.id == fonts::face(weight).id {
                return self.main(weight);
            }
        }
        if let Some((_, id)) = self.fallback.iter().find(|(f, _)| f.id == face.id) {
            return id.clone();
        }
        let id = FontId::new();
        self.fallback.push((face, id.clone()));
        id
    }
}

/// Draws one line of text starting at `x` on baseline `y`. Latin, Greek and Cyrillic go in as
/// plain text in the main face; anything else is shaped (`shape.rs`) and drawn run by run.
pub(super) fn push_text(
    ops: &mut Vec<Op>,
    fonts: &mut DocFonts,
    x: f32,
    y: f32,
    text: &str,
    style: Style,
) {
    if text.chars().all(fonts::plain) {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(fonts.main(style.weight)),
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
        return;
    }
    let line = shape::line(text, style.weight);
    fonts.missing.extend(line.missing.iter().copied());
    let mut pen = x;
    for run in &line.runs {
        let id = fonts.id(run.face);
        push_run(ops, id, run, pen, y, style);
        pen += run.width_em() * style.size;
    }
}

/// Draws one shaped run at `x` on baseline `y`: its own text object, glyphs placed where the
/// shaper put them. When the glyphs do not read back as typed (a vowel sign drawn before its
/// consonant, a conjunct), the run is wrapped in an ActualText span holding the typed text, so
/// copying and `pdftotext` give back what was typed.
fn push_run(ops: &mut Vec<Op>, font: FontId, run: &shape::Run, x: f32, y: f32, style: Style) {
    let face = run.face;
    let scale = style.size / face.units_per_em;
    let actual_text = !run.reads_in_order();
    ops.push(Op::StartTextSection);
    if actual_text {
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend(run.text.encode_utf16().flat_map(u16::to_be_bytes));
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict {
                map: [(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: utf16,
                        literal: false,
                    },
                )]
                .into(),
            },
        });
    }
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font),
        size: Pt(style.size),
    });
    ops.push(Op::SetFillColor {
        col: style.colour.pdf(),
    });
    let mut pen = x;
    let mut pending: Vec<Codepoint> = Vec::new();
    let mut move_to_pen = true;
    let flush = |ops: &mut Vec<Op>, pending: &mut Vec<Codepoint>| {
        if !pending.is_empty() {
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(std::mem::take(pending))],
            });
        }
    };
    for glyph in &run.glyphs {
        let displaced = glyph.x_offset != 0 || glyph.y_offset != 0;
        if move_to_pen || displaced {
            flush(ops, &mut pending);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(
                    Pt(pen + glyph.x_offset as f32 * scale),
                    Pt(y + glyph.y_offset as f32 * scale),
                ),
            });
        }
        // The reader moves by the glyph's own width; the shaper may want more or less (kerning,
        // marks of zero advance). A displaced glyph is followed by a fresh move instead.
        let own = face
            .shaper
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph.id))
            .map_or(0, i32::from);
        let offset = if displaced {
            0.0
        } else {
            -((glyph.advance - own) as f32) * 1000.0 / face.units_per_em
        };
        pending.push(Codepoint {
            gid: glyph.id,
            offset,
            cid: glyph.text.clone(),
        });
        move_to_pen = displaced;
        pen += glyph.advance as f32 * scale;
    }
    flush(ops, &mut pending);
    if actual_text {
        ops.push(Op::EndMarkedContentWithProperties);
    }
    ops.push(Op::EndTextSection);
}
