//! Text the main face cannot draw on its own, turned into positioned glyphs: right-to-left runs
//! put in visual order (the Unicode bidi algorithm, `unicode-bidi`), each run split by the face
//! that draws it (`fonts::face_for`), and each piece shaped with rustybuzz, so Arabic joins,
//! Devanagari conjuncts and Thai marks come out as those scripts are written.
//!
//! Latin, Greek and Cyrillic never come here (`fonts::plain`): the layout draws them as plain
//! text, which is what most of a packet is. A document's lines are laid out left to right (its
//! base direction is the English interface's); a name in Arabic or Hebrew inside one reads right
//! to left within its own run.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, Mutex};

use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::fonts::{self, Face, Weight};

/// One glyph as the shaper placed it, in font units of its face.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// The glyph's index in its face.
    pub id: u16,
    /// How far the pen moves after it.
    pub advance: i32,
    /// Where it sits relative to the pen (marks above and beside their base).
    pub x_offset: i32,
    /// Raised (positive) or lowered from the baseline.
    pub y_offset: i32,
    /// The text this glyph stands for when it starts a cluster (a ligature stands for several
    /// characters); `None` for the cluster's other glyphs.
    pub text: Option<String>,
}

/// A piece of a line set in one face and one direction, its glyphs in visual order.
pub(crate) struct Run {
    /// The face the glyphs are from.
    pub face: &'static Face,
    /// Glyphs, left to right as drawn.
    pub glyphs: Vec<Glyph>,
    /// The characters, in the order they were typed.
    pub text: String,
    /// Whether the run reads right to left.
    pub rtl: bool,
}

impl Run {
    /// Advance of the whole run, in em.
    pub fn width_em(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance as f32).sum::<f32>() / self.face.units_per_em
    }

    /// Whether reading the glyphs left to right gives back each cluster's characters once, in
    /// the order typed: then text extraction needs nothing more than each glyph's own text.
    pub fn reads_in_order(&self) -> bool {
        if self.rtl {
            // Right-to-left glyphs are in visual order: readers put them back themselves.
            return true;
        }
        let mut joined = String::with_capacity(self.text.len());
        for glyph in &self.glyphs {
            match &glyph.text {
                Some(text) => joined.push_str(text),
                // A second glyph of a cluster (a vowel sign drawn apart): its own text would
                // repeat part of the cluster's.
                None => return false,
            }
        }
        joined == self.text
    }
}

/// A line of text as it will be drawn: its runs left to right, and the characters no face
/// could draw.
pub(crate) struct Line {
    /// Runs in visual order.
    pub runs: Vec<Run>,
    /// Characters drawn as the main face's missing-glyph box, in the order met.
    pub missing: Vec<char>,
}

impl Line {
    /// Advance of the whole line, in em.
    pub fn width_em(&self) -> f32 {
        self.runs.iter().map(Run::width_em).sum()
    }
}

/// Characters that take the face of the character before them: combining marks belong to its
/// cluster, and the invisible ones (Unicode's default-ignorable code points: joiners, variation
/// selectors, bidi marks, the soft hyphen, the byte-order mark) are drawn as nothing by the
/// shaper, so they are never reported as missing either.
fn joins_previous(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Shapes one line of `text` (no line breaks) set in `weight`.
pub(crate) fn line(text: &str, weight: Weight) -> Line {
    let mut out = Line {
        runs: Vec::new(),
        missing: Vec::new(),
    };
    if text.is_empty() {
        return out;
    }
    let right_to_left = text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
    });
    let visual: Vec<(Range<usize>, bool)> = if right_to_left {
        let info = BidiInfo::new(text, Some(Level::ltr()));
        info.paragraphs
            .iter()
            .flat_map(|para| {
                let (levels, runs) = info.visual_runs(para, para.range.clone());
                runs.into_iter()
                    .map(|r| {
                        let rtl = levels[r.start].is_rtl();
                        (r, rtl)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        vec![(0..text.len(), false)]
    };
    for (range, rtl) in visual {
        let mut pieces = by_face(&text[range.clone()], weight, &mut out.missing);
        if rtl {
            pieces.reverse();
        }
        for (face, piece) in pieces {
            let piece = &text[range.start + piece.start..range.start + piece.end];
            out.runs.push(shape(face, piece, rtl));
        }
    }
    out
}

/// Splits `text` into pieces each drawn by one face, in logical order. Spaces and combining
/// characters stay with the face around them.
fn by_face(
    text: &str,
    weight: Weight,
    missing: &mut Vec<char>,
) -> Vec<(&'static Face, Range<usize>)> {
    let mut chosen: Vec<(usize, Option<&'static Face>)> = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || joins_previous(c) {
            chosen.push((i, None));
            continue;
        }
        let face = fonts::face_for(c, weight).unwrap_or_else(|| {
            if !c.is_control() {
                missing.push(c);
            }
            fonts::face(weight)
        });
        chosen.push((i, Some(face)));
    }
    let first = chosen
        .iter()
        .find_map(|(_, f)| *f)
        .unwrap_or_else(|| fonts::face(weight));
    let mut pieces: Vec<(&'static Face, Range<usize>)> = Vec::new();
    let mut current = first;
    for (i, face) in chosen {
        let face = face.unwrap_or(current);
        current = face;
        if pieces.last().is_none_or(|(f, _)| f.id != face.id) {
            pieces.push((face, i..i));
        }
    }
    // Each piece ends where the next begins; the last at the end of the text.
    let len = text.len();
    let starts: Vec<usize> = pieces.iter().map(|(_, r)| r.start).collect();
    for (k, (_, r)) in pieces.iter_mut().enumerate() {
        r.end = starts.get(k + 1).copied().unwrap_or(len);
    }
    pieces
}

/// Shape plans, one per face, direction, script and language met: compiling one costs more than
/// shaping a word with it. Few exist in a process (faces × scripts × two directions).
type PlanKey = (
    usize,
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);
static PLANS: LazyLock<Mutex<HashMap<PlanKey, &'static rustybuzz::ShapePlan>>> =
    LazyLock::new(Default::default);

/// The plan for shaping `buffer` (its properties set) with `face`.
fn plan(face: &'static Face, buffer: &rustybuzz::UnicodeBuffer) -> &'static rustybuzz::ShapePlan {
    let key = (
        face.id,
        buffer.direction(),
        buffer.script(),
        buffer.language(),
    );
    let mut plans = PLANS.lock().unwrap_or_else(|e| e.into_inner());
    plans.entry(key).or_insert_with(|| {
        Box::leak(Box::new(rustybuzz::ShapePlan::new(
            &face.shaper,
            buffer.direction(),
            Some(buffer.script()),
            buffer.language().as_ref(),
            &[],
        )))
    })
}

/// Shapes `text` with `face` in one direction.
fn shape(face: &'static Face, text: &str, rtl: bool) -> Run {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let shaped = rustybuzz::shape_with_plan(&face.shaper, plan(face, &buffer), buffer);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Cluster values are byte offsets into `text`; a cluster runs to the next larger one.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| {
        let k = starts.partition_point(|&s| s <= start);
        starts.get(k).copied().unwrap_or(text.len())
    };
    let mut seen = std::collections::HashSet::new();
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let text = seen
                .insert(start)
                .then(|| text.get(start..end_of(start)).unwrap_or("").to_string());
            Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
                text,
            }
        })
        .collect();
    Run {
        face,
        glyphs,
        text: text.to_string(),
        rtl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(l: &Line) -> Vec<&str> {
        l.runs.iter().map(|r| r.face.family.as_str()).collect()
    }

    #[test]
    fn a_name_in_arabic_is_one_right_to_left_run_in_the_arabic_face() {
        let l = line("محمد عبد الله", Weight::Regular);
        assert_eq!(families(&l), ["Noto Sans Arabic"]);
        assert!(l.runs[0].rtl);
        assert!(l.missing.is_empty());
        let letters = "محمد عبد الله"
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        assert!(
            l.runs[0].glyphs.len() <= letters + 2,
            "letters join, not one box each"
        );
    }

    #[test]
    fn mixed_lines_keep_latin_left_of_a_right_to_left_name() {
        let l = line("Candidate: דוד כהן (Q3)", Weight::Bold);
        assert_eq!(l.runs[0].text, "Candidate: ");
        assert!(!l.runs[0].rtl);
        let hebrew = l.runs.iter().find(|r| r.rtl).expect("a Hebrew run");
        assert_eq!(hebrew.face.family, "Noto Sans Hebrew");
        assert!(hebrew.text.starts_with("דוד כהן"));
    }

    #[test]
    fn devanagari_is_shaped_and_its_clusters_keep_the_typed_text() {
        let l = line("अनन्या शर्मा", Weight::Regular);
        assert_eq!(families(&l), ["Noto Sans Devanagari"]);
        let run = &l.runs[0];
        let typed: usize = run
            .glyphs
            .iter()
            .filter_map(|g| g.text.as_ref())
            .map(|t| t.chars().count())
            .sum();
        assert_eq!(typed, "अनन्या शर्मा".chars().count(), "every character once");
        assert!(
            run.glyphs.len() < typed,
            "conjuncts and vowel signs are combined, not drawn one by one"
        );
    }

    #[test]
    fn latin_and_an_emoji_split_into_two_faces() {
        let l = line("Zoë 🙂", Weight::Regular);
        assert_eq!(l.runs.len(), 2);
        assert_eq!(l.runs[0].face.family, "Noto Sans");
        assert_eq!(l.runs[0].text, "Zoë ");
        assert_eq!(l.runs[1].text, "🙂");
        assert!(l.missing.is_empty());
    }

    #[test]
    fn invisible_characters_are_never_missing() {
        let l = line("Zoë\u{200E} \u{200B}Chen\u{FEFF}\u{00AD}", Weight::Regular);
        assert_eq!(l.missing, Vec::<char>::new());
        assert_eq!(l.runs.len(), 1, "all in the main face");
        let plain = line("Zoë Chen", Weight::Regular).width_em();
        assert!((l.width_em() - plain).abs() < 0.05, "they take no room");
    }

    #[test]
    fn a_character_no_face_draws_is_reported() {
        let l = line("a\u{10FFFD}b", Weight::Regular);
        assert_eq!(l.missing, vec!['\u{10FFFD}']);
        assert!(l.width_em() > 0.0);
    }
}
