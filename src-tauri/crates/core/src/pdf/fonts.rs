//! The two faces every document is set in (Noto Sans Regular and Bold, SIL OFL 1.1, licence in
//! `assets/fonts/OFL.txt`) and the glyph metrics the layout measures text with.
//!
//! printpdf places glyphs but never wraps, so the layout needs each string's advance width to
//! break lines itself. The fonts are compiled into the binary (a packet renders the same on every
//! machine, with no font lookup) and parsed once per process; printpdf embeds only the glyphs a
//! document uses. Noto Sans covers Latin, Greek and Cyrillic, so candidates' and panelists' names
//! in those scripts survive into the PDF and back out of text extraction unchanged.

use std::sync::LazyLock;

use printpdf::ParsedFont;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Characters below this code point have their advance precomputed (Latin, Greek, Cyrillic).
const TABLE_LEN: usize = 0x0530;

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    /// Body text.
    Regular,
    /// Headings, names, figures.
    Bold,
}

/// A parsed face with its advance widths in em.
pub(crate) struct Face {
    /// The face as printpdf embeds it.
    pub font: ParsedFont,
    units_per_em: f32,
    /// Advance in em for each code point below [`TABLE_LEN`].
    table: Vec<f32>,
}

impl Face {
    fn load(bytes: &'static [u8], what: &str) -> Face {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .unwrap_or_else(|| panic!("the bundled {what} font parses"));
        let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
        let mut face = Face {
            font,
            units_per_em,
            table: Vec::new(),
        };
        face.table = (0..TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).map_or(0.0, |c| face.advance_slow(c)))
            .collect();
        face
    }

    fn advance_slow(&self, c: char) -> f32 {
        let glyph = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(glyph)) / self.units_per_em
    }

    /// Advance of one character, in em.
    fn advance(&self, c: char) -> f32 {
        match self.table.get(c as usize) {
            Some(&w) => w,
            None => self.advance_slow(c),
        }
    }
}

static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::load(REGULAR_TTF, "regular"));
static BOLD: LazyLock<Face> = LazyLock::new(|| Face::load(BOLD_TTF, "bold"));

/// The face for a weight.
pub(crate) fn face(weight: Weight) -> &'static Face {
    match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    }
}

/// The characters of `texts` the bundled faces have no glyph for, each once, in code point
/// order (they print as empty boxes; `Rendered::warning` says so). Spaces and controls are not
/// drawn, so never missing.
pub(crate) fn missing_glyphs<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<char> {
    let face = face(Weight::Regular);
    let mut missing = std::collections::BTreeSet::new();
    for c in texts.flat_map(str::chars) {
        if (c as usize) < TABLE_LEN && face.table[c as usize] > 0.0
            || c.is_whitespace()
            || c.is_control()
        {
            continue;
        }
        if face
            .font
            .lookup_glyph_index(c as u32)
            .is_none_or(|g| g == 0)
        {
            missing.insert(c);
        }
    }
    missing.into_iter().collect()
}

/// Width of `text` set in `weight` at `size` points, in points.
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let face = face(weight);
    text.chars().map(|c| face.advance(c)).sum::<f32>() * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_the_layout_writes_has_a_glyph() {
        for weight in [Weight::Regular, Weight::Bold] {
            let face = face(weight);
            for c in "–—·•…ÄäÖöÜüßŁłΖαχρίουПетрова0123456789%".chars()
            {
                let glyph = face.font.lookup_glyph_index(c as u32);
                assert!(glyph.is_some_and(|g| g != 0), "{c:?} ({weight:?})");
            }
        }
    }

    #[test]
    fn the_characters_no_bundled_face_draws_are_found_once_each() {
        let texts = ["Zoë Łukasiewicz — Пётр", "王小明 and 王", "Zoë 🙂\t"];
        assert_eq!(
            missing_glyphs(texts.into_iter()),
            vec!['小', '明', '王', '🙂'],
            "in code point order, each once; Latin, Greek, Cyrillic and tabs are drawn"
        );
    }

    #[test]
    fn widths_scale_with_size() {
        let w10 = width("Hiring Panel", Weight::Regular, 10.0);
        assert!(w10 > 40.0 && w10 < 80.0, "{w10}");
        assert!((width("Hiring Panel", Weight::Regular, 20.0) - 2.0 * w10).abs() < 0.01);
        assert!(width("Hiring Panel", Weight::Bold, 10.0) > w10);
    }
}
