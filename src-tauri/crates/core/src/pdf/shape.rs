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
use unicode_normalization::UnicodeNormalization;

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
    /// The text this glyph stands for, as a reader's ToUnicode map gives it. A PDF has one such
    /// entry per glyph for the whole document, so a glyph the font's character map reaches
    /// always stands for that character (a mirrored parenthesis for itself, not for the one
    /// typed); a glyph it does not reach (a joined form, a ligature) stands for what its
    /// cluster has left; `None` when nothing is left.
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

    /// Whether the glyphs' texts, in the order typed, give back the run's text: then text
    /// extraction needs nothing more (readers put right-to-left glyphs back in order
    /// themselves). Otherwise (a vowel sign drawn before its consonant, a conjunct) the run
    /// needs its typed text as ActualText.
    pub fn reads_in_order(&self) -> bool {
        if self.rtl {
            // Readers reverse right-to-left text themselves, and poppler does not place an
            // ActualText span's text right to left: each glyph's own text is what works.
            return true;
        }
        let mut joined = String::with_capacity(self.text.len());
        let mut push = |glyph: &Glyph| match &glyph.text {
            Some(text) => {
                joined.push_str(text);
                true
            }
            None => false,
        };
        self.glyphs.iter().all(&mut push) && joined == self.text
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

/// Unicode's default-ignorable code points (joiners, variation selectors, bidi marks, the soft
/// hyphen, the byte-order mark): the shaper draws them as nothing, so they take the face around
/// them and are never reported missing.
pub(crate) fn invisible(c: char) -> bool {
    matches!(
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
    // A control character has no glyph anywhere; it takes a space's place.
    let spaced: String;
    let text = if text.contains(char::is_control) {
        spaced = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        spaced.as_str()
    } else {
        text
    };
    let right_to_left = text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
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
    // `None`: takes the face around it (a space, an invisible character).
    let mut chosen: Vec<(usize, Option<&'static Face>)> = Vec::new();
    let mut previous: Option<&'static Face> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || invisible(c) {
            chosen.push((i, None));
            continue;
        }
        // A combining mark stays in its base's face when that face has it.
        if unicode_normalization::char::is_combining_mark(c) {
            if let Some(face) = previous.filter(|f| f.draws(c)) {
                chosen.push((i, Some(face)));
                continue;
            }
        }
        let face = fonts::face_for(c, weight).unwrap_or_else(|| {
            missing.push(c);
            fonts::face(weight)
        });
        previous = Some(face);
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
    // Each glyph the character map reaches stands for its own character; what each cluster
    // has left goes to its first glyph the map does not reach (in the order typed).
    let own: Vec<Option<char>> = infos
        .iter()
        .map(|g| {
            u16::try_from(g.glyph_id)
                .ok()
                .filter(|&id| id != 0)
                .and_then(|id| face.character_of(id))
                // A presentation form (Arabic's joined letters are reached from U+FExx) is how
                // the letter is drawn, not what was typed: the cluster's text stands for it.
                .filter(|&c| std::iter::once(c).nfkc().eq(std::iter::once(c)))
        })
        .collect();
    let mut left: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    for (info, own) in infos.iter().zip(&own) {
        let start = info.cluster as usize;
        let rest = left
            .entry(start)
            .or_insert_with(|| text.get(start..end_of(start)).unwrap_or("").to_string());
        if let Some(c) = own {
            if let Some(at) = rest.find(*c) {
                rest.replace_range(at..at + c.len_utf8(), "");
            }
        }
    }
    let order: Vec<usize> = if rtl {
        (0..infos.len()).rev().collect()
    } else {
        (0..infos.len()).collect()
    };
    // Several glyphs of one cluster no map reaches (a joined letter and a ligature of two
    // marks over it): each takes one character in turn, the last of them what is left.
    let mut waiting: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (info, own) in infos.iter().zip(&own) {
        if own.is_none() {
            *waiting.entry(info.cluster as usize).or_default() += 1;
        }
    }
    let mut texts: Vec<Option<String>> = own.iter().map(|c| c.map(String::from)).collect();
    for i in order {
        if texts[i].is_some() {
            continue;
        }
        let cluster = infos[i].cluster as usize;
        let (Some(rest), Some(count)) = (left.get_mut(&cluster), waiting.get_mut(&cluster)) else {
            continue;
        };
        *count -= 1;
        let take = if *count == 0 {
            std::mem::take(rest)
        } else {
            rest.chars().next().map_or_else(String::new, |c| {
                rest.replace_range(..c.len_utf8(), "");
                c.to_string()
            })
        };
        texts[i] = Some(take).filter(|t| !t.is_empty());
    }
    let glyphs = infos
        .iter()
        .zip(positions)
        .zip(texts)
        .map(|((info, pos), text)| Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            text,
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
