//! The faces documents are set in, and which face draws which character.
//!
//! Every document is set in Noto Sans Regular and Bold, compiled into the binary so a packet
//! renders the same on every machine. Noto Sans covers Latin, Greek and Cyrillic. Names and
//! notes in other scripts fall back, character by character, in this order:
//!
//! 1. the **bundled** Noto Sans Arabic, Hebrew, Devanagari and Thai (Regular and Bold, about
//!    1 MB together), also compiled in;
//! 2. the **machine's fonts, found through fontconfig**, for Chinese, Japanese, Korean and emoji
//!    (Noto Sans CJK and Symbola on Debian: `fonts-noto-cjk`, `fonts-symbola`, which the `.deb`
//!    recommends). Those faces are tens of megabytes, too big to bundle. Only faces with outlines
//!    are taken: a colour-bitmap emoji font cannot be embedded usefully in a PDF.
//!
//! A character no face draws is reported ([`super::Rendered::missing`]), never drawn silently
//! as a box. All faces are SIL OFL 1.1 (bundled: `assets/fonts/OFL.txt`). printpdf embeds only the
//! glyphs a document uses.
//!
//! printpdf places glyphs but never wraps, so the layout measures text itself: Latin, Greek and
//! Cyrillic from a precomputed advance table (the packet's common case, kept fast), anything
//! else by shaping it (`shape.rs`) exactly as it will be drawn.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use printpdf::ParsedFont;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// The bundled fallback faces, Regular then Bold, in the order they are tried.
static BUNDLED_TTF: [(&str, &[u8], &[u8]); 4] = [
    (
        "Noto Sans Arabic",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
        include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "Noto Sans Hebrew",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
        include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "Noto Sans Devanagari",
        include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
        include_bytes!("../../assets/fonts/NotoSansDevanagari-Bold.ttf"),
    ),
    (
        "Noto Sans Thai",
        include_bytes!("../../assets/fonts/NotoSansThai-Regular.ttf"),
        include_bytes!("../../assets/fonts/NotoSansThai-Bold.ttf"),
    ),
];

/// Characters below this code point have their advance precomputed: Latin (with Vietnamese),
/// Greek, Cyrillic, punctuation such as dashes, quotes and the ellipsis, currency, arrows.
const TABLE_LEN: usize = 0x2200;

/// Which of the two weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    /// Body text.
    Regular,
    /// Headings, names, figures.
    Bold,
}

/// A parsed face: what printpdf embeds, what rustybuzz shapes with, and its advance widths.
pub(crate) struct Face {
    /// Stable within the process; a document registers each face it uses once under it.
    pub id: usize,
    /// The family, for tests and logs.
    pub family: String,
    /// The face as printpdf embeds it.
    pub font: ParsedFont,
    /// The same face as the shaper reads it.
    pub shaper: rustybuzz::Face<'static>,
    /// Font units per em.
    pub units_per_em: f32,
    /// Advance in em for each code point below [`TABLE_LEN`] (main faces only).
    table: Vec<f32>,
    /// Glyph to the character the face's character map gives it, made when first asked.
    characters: std::sync::OnceLock<HashMap<u16, char>>,
}

impl Face {
    fn load(id: usize, family: &str, bytes: &'static [u8], index: u32) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, index as usize, &mut Vec::new())?;
        let shaper = rustybuzz::Face::from_slice(bytes, index)?;
        let units_per_em = f32::from(shaper.units_per_em().max(1) as u16);
        Some(Face {
            id,
            family: family.to_string(),
            font,
            shaper,
            units_per_em,
            table: Vec::new(),
            characters: std::sync::OnceLock::new(),
        })
    }

    fn bundled(id: usize, family: &str, bytes: &'static [u8]) -> Face {
        Face::load(id, family, bytes, 0).unwrap_or_else(|| panic!("the bundled {family} parses"))
    }

    fn with_table(mut self) -> Face {
        self.table = (0..TABLE_LEN as u32)
            .map(|cp| char::from_u32(cp).map_or(0.0, |c| self.advance_slow(c)))
            .collect();
        self
    }

    fn advance_slow(&self, c: char) -> f32 {
        self.shaper
            .glyph_index(c)
            .and_then(|g| self.shaper.glyph_hor_advance(g))
            .map_or(0.0, |a| f32::from(a) / self.units_per_em)
    }

    /// The character the face's character map reaches `glyph` from (the lowest, when several
    /// do); `None` for glyphs only shaping reaches (joined forms, ligatures).
    pub fn character_of(&self, glyph: u16) -> Option<char> {
        self.characters
            .get_or_init(|| {
                let mut map = HashMap::new();
                let Some(cmap) = self.shaper.tables().cmap else {
                    return map;
                };
                for subtable in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                    subtable.codepoints(|cp| {
                        if let (Some(c), Some(g)) = (char::from_u32(cp), subtable.glyph_index(cp)) {
                            map.entry(g.0)
                                .and_modify(|known: &mut char| *known = (*known).min(c))
                                .or_insert(c);
                        }
                    });
                }
                map
            })
            .get(&glyph)
            .copied()
    }

    /// Whether the face has a glyph for `c`.
    pub fn draws(&self, c: char) -> bool {
        match self.table.get(c as usize) {
            Some(&w) if w > 0.0 => true,
            _ => self.shaper.glyph_index(c).is_some_and(|g| g.0 != 0),
        }
    }

    /// Whether the face draws with plain outlines (TrueType or CFF) a PDF can embed. Colour
    /// fonts are refused: bitmaps (CBDT, sbix) and SVG cannot be embedded usefully, and a
    /// layered colour font's (COLR) base glyphs are empty, which would print blanks.
    fn has_outlines(&self) -> bool {
        let tables = self.shaper.tables();
        let colour = tables.colr.is_some()
            || tables.cbdt.is_some()
            || tables.sbix.is_some()
            || tables.svg.is_some();
        !colour && (tables.glyf.is_some() || tables.cff.is_some() || tables.cff2.is_some())
    }
}

static REGULAR: LazyLock<Face> =
    LazyLock::new(|| Face::bundled(0, "Noto Sans", REGULAR_TTF).with_table());
static BOLD: LazyLock<Face> =
    LazyLock::new(|| Face::bundled(1, "Noto Sans Bold", BOLD_TTF).with_table());
static BUNDLED: LazyLock<[Vec<Face>; 2]> = LazyLock::new(|| {
    let n = BUNDLED_TTF.len();
    let regular = BUNDLED_TTF
        .iter()
        .enumerate()
        .map(|(i, (family, ttf, _))| Face::bundled(2 + i, family, ttf))
        .collect();
    let bold = BUNDLED_TTF
        .iter()
        .enumerate()
        .map(|(i, (family, _, ttf))| Face::bundled(2 + n + i, family, ttf))
        .collect();
    [regular, bold]
});

/// The main face for a weight.
pub(crate) fn face(weight: Weight) -> &'static Face {
    match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    }
}

/// Whether the main face draws `c` on its own, one glyph that advances: Latin, Greek, Cyrillic
/// and the punctuation around them. Text made only of these is measured and drawn on the fast
/// path. Combining marks, zero-width and bidi controls advance by nothing, so they are shaped.
pub(crate) fn plain(c: char) -> bool {
    (c as usize) < TABLE_LEN && (REGULAR.table[c as usize] > 0.0 || c == ' ')
}

/// The face that draws `c` in `weight`: the main face, a bundled fallback, or a machine's face
/// found through fontconfig. `None` when no face has the glyph.
pub(crate) fn face_for(c: char, weight: Weight) -> Option<&'static Face> {
    let main = face(weight);
    if main.draws(c) {
        return Some(main);
    }
    let bundled = &BUNDLED[weight as usize];
    if let Some(found) = bundled.iter().find(|f| f.draws(c)) {
        return Some(found);
    }
    system::face_for(c, weight)
}

/// Width of `text` set in `weight` at `size` points, in points: from the advance table when
/// every character is plain, otherwise as shaped.
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let main = face(weight);
    if text.chars().all(plain) {
        return text.chars().map(|c| main.table[c as usize]).sum::<f32>() * size;
    }
    super::shape::line(text, weight).width_em() * size
}

/// The machine's fonts, through fontconfig: asked once per character and weight, each face file
/// read once per process.
mod system {
    use super::*;

    /// Faces loaded from the machine live as long as the process, like the bundled ones.
    struct Found {
        by_char: HashMap<(char, Weight), Option<&'static Face>>,
        by_file: HashMap<(String, u32), Option<&'static Face>>,
        config: Option<fontconfig::Fontconfig>,
        asked: bool,
    }

    static FOUND: LazyLock<Mutex<Found>> = LazyLock::new(|| {
        Mutex::new(Found {
            by_char: HashMap::new(),
            by_file: HashMap::new(),
            config: None,
            asked: false,
        })
    });

    /// First id given to a face found on the machine.
    pub(super) const FIRST_ID: usize = 100;

    pub(super) fn face_for(c: char, weight: Weight) -> Option<&'static Face> {
        if c.is_whitespace() || c.is_control() {
            return None;
        }
        let mut found = FOUND.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = found.by_char.get(&(c, weight)) {
            return *known;
        }
        let face = lookup(&mut found, c, weight);
        found.by_char.insert((c, weight), face);
        face
    }

    fn lookup(found: &mut Found, c: char, weight: Weight) -> Option<&'static Face> {
        if !found.asked {
            found.asked = true;
            found.config = fontconfig::Fontconfig::new();
            if found.config.is_none() {
                tracing::warn!("fontconfig could not be initialised: no fallback fonts");
            }
        }
        let candidates: Vec<(String, u32)> = {
            let fc = found.config.as_ref()?;
            let mut pattern = fontconfig::Pattern::new(fc).ok()?;
            let mut charset = fontconfig::CharSet::new(fc).ok()?;
            charset.add_char(c).ok()?;
            pattern.add_charset(charset).ok()?;
            pattern
                .add_integer(
                    fontconfig::FC_WEIGHT,
                    match weight {
                        Weight::Regular => fontconfig::FC_WEIGHT_REGULAR,
                        Weight::Bold => fontconfig::FC_WEIGHT_BOLD,
                    },
                )
                .ok()?;
            // Sorting applies the configuration's and the default substitutions first.
            let sorted = pattern.sort_fonts(fontconfig::UnicodeCoverage::Trim).ok()?;
            sorted
                .iter()
                .filter_map(|p| {
                    let file = p.filename().ok()?.to_string();
                    let index = u32::try_from(p.face_index().unwrap_or(0)).unwrap_or(0);
                    Some((file, index))
                })
                .take(8)
                .collect()
        };
        for (file, index) in candidates {
            let face = match found.by_file.get(&(file.clone(), index)) {
                Some(known) => *known,
                None => {
                    let id = FIRST_ID + found.by_file.len();
                    let loaded = load(&file, index, id);
                    found.by_file.insert((file, index), loaded);
                    loaded
                }
            };
            if let Some(face) = face.filter(|f| f.draws(c)) {
                return Some(face);
            }
        }
        None
    }

    fn load(file: &str, index: u32, id: usize) -> Option<&'static Face> {
        let lower = file.to_ascii_lowercase();
        if !(lower.ends_with(".ttf") || lower.ends_with(".otf") || lower.ends_with(".ttc")) {
            return None;
        }
        let bytes: &'static [u8] = Vec::leak(std::fs::read(file).ok()?);
        let family = std::path::Path::new(file)
            .file_stem()
            .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
        let face = Face::load(id, &family, bytes, index)?;
        if !face.has_outlines() {
            tracing::debug!(
                file,
                "fallback face skipped: no outlines (colour bitmaps only)"
            );
            return None;
        }
        tracing::debug!(file, index, family = %face.family, "fallback face loaded");
        Some(Box::leak(Box::new(face)))
    }
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
                assert!(face.draws(c), "{c:?} ({weight:?})");
            }
        }
    }

    #[test]
    fn each_script_falls_back_to_a_face_that_draws_it() {
        let cases = [
            ('م', "Noto Sans Arabic"),
            ('ד', "Noto Sans Hebrew"),
            ('अ', "Noto Sans Devanagari"),
            ('ส', "Noto Sans Thai"),
        ];
        for weight in [Weight::Regular, Weight::Bold] {
            for (c, family) in cases {
                let face = face_for(c, weight).expect("bundled");
                assert_eq!(face.family, family, "{c} {weight:?}");
            }
            for c in ['王', '山', '김', '🙂'] {
                let face = face_for(c, weight)
                    .unwrap_or_else(|| panic!("{c}: install fonts-noto-cjk and fonts-symbola"));
                assert!(face.id >= system::FIRST_ID, "{c} from the machine");
                assert!(face.has_outlines());
            }
        }
    }

    #[test]
    fn widths_scale_with_size() {
        let w10 = width("Hiring Panel", Weight::Regular, 10.0);
        assert!(w10 > 40.0 && w10 < 80.0, "{w10}");
        assert!((width("Hiring Panel", Weight::Regular, 20.0) - 2.0 * w10).abs() < 0.01);
        assert!(width("Hiring Panel", Weight::Bold, 10.0) > w10);
        let shaped = width("محمد عبد الله", Weight::Regular, 10.0);
        assert!(shaped > 20.0 && shaped < 120.0, "{shaped}");
    }
}
