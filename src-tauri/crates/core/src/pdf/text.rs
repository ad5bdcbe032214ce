//! Fitting text to a width: cleaning what a PDF line cannot hold, wrapping paragraphs into
//! lines, and shortening one-line labels with an ellipsis. printpdf does none of this; both
//! documents use these so long notes and names wrap the same way everywhere.

use super::style::Style;

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
/// is broken between characters (between whole clusters, for shaped scripts). Runs of
/// whitespace collapse to one space. Latin, Greek and Cyrillic measure additively (no kerning is
/// applied when drawing), so such a line's width is the sum of its words and spaces; a line with
/// anything shaped is measured whole, as it will be drawn (joined letters, the space of the
/// face that draws it).
pub(crate) fn wrap(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let space = measure(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0f32;
    let mut line_plain = true;
    for word in text.split_whitespace() {
        let word_plain = word.chars().all(super::fonts::plain);
        let w = measure(word);
        if line.is_empty() && w <= max_width {
            line.push_str(word);
            line_w = w;
            line_plain = word_plain;
            continue;
        }
        if !line.is_empty() {
            let joined_w = if line_plain && word_plain {
                line_w + space + w
            } else {
                measure(&format!("{line} {word}"))
            };
            if joined_w <= max_width {
                line.push(' ');
                line.push_str(word);
                line_w = joined_w;
                line_plain &= word_plain;
                continue;
            }
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        line_plain = word_plain;
        if w <= max_width {
            line.push_str(word);
            line_w = w;
            continue;
        }
        // Longer than a whole line: break between characters.
        if !word_plain {
            let mut rest = word;
            while measure(rest) > max_width {
                let mut piece = whole_cluster_prefix(rest, max_width, measure);
                if piece.is_empty() {
                    // Not even one cluster fits: it gets a line of its own.
                    piece = &rest[..first_cut(rest).unwrap_or(rest.len())];
                }
                lines.push(piece.to_string());
                rest = &rest[piece.len()..];
            }
            line.push_str(rest);
            line_w = measure(rest);
            continue;
        }
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
    if !text.chars().all(super::fonts::plain) {
        return format!("{}…", shaped_prefix(&text, room, style).trim_end());
    }
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

/// Where `text` may be cut leaving whole clusters: never before a combining mark or an
/// invisible character (a joiner, a variation selector), never after a virama (which joins the
/// consonants around it) or a zero-width joiner. Byte offsets.
fn cuts(text: &str) -> impl Iterator<Item = usize> + '_ {
    use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
    let mut chars = text.char_indices().peekable();
    let mut before: Option<char> = None;
    std::iter::from_fn(move || loop {
        let (at, c) = chars.next()?;
        let previous = before.replace(c);
        let Some(previous) = previous else { continue };
        if is_combining_mark(c)
            || super::shape::invisible(c)
            || previous == '\u{200D}'
            || canonical_combining_class(previous) == 9
        {
            continue;
        }
        return Some(at);
    })
}

/// The first place `text` may be cut, if any.
fn first_cut(text: &str) -> Option<usize> {
    cuts(text).next()
}

/// The longest start of `text` no wider than `room` as `measure` gives it, cut between whole
/// clusters. Shaped widths do not add up character by character (Arabic letters join,
/// Devanagari conjuncts combine), so each candidate start is measured whole.
fn whole_cluster_prefix<'t>(text: &'t str, room: f32, measure: &dyn Fn(&str) -> f32) -> &'t str {
    let mut cuts: Vec<usize> = cuts(text).collect();
    cuts.push(text.len());
    // The widest cut that fits: widths grow with the cut, so a binary search finds it.
    let fits = cuts.partition_point(|&at| measure(&text[..at]) <= room);
    cuts.get(fits.wrapping_sub(1)).map_or("", |&at| &text[..at])
}

/// [`whole_cluster_prefix`] measured in `style`.
fn shaped_prefix(text: &str, room: f32, style: Style) -> &str {
    whole_cluster_prefix(text, room, &|s: &str| style.width(s))
}

/// A piece of a wrapped line set in one style, starting `x` points from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    /// The words, separated by single spaces.
    pub text: String,
    /// How they are set.
    pub style: Style,
    /// Offset from the start of the line.
    pub x: f32,
}

/// What [`wrap_runs`] lays out: words in their style, and where lines and paragraphs end.
enum Token<'a> {
    Word(&'a str, Style),
    LineBreak,
    ParagraphBreak,
}

/// Wraps runs of differently styled text as one flow, so a bold name and the plain note after
/// it share lines ("**Priya Raman** Covered the first point…"). Words keep their run's style and
/// are separated by one space, also across runs; a line break in a run starts a new line and a
/// blank line between paragraphs is kept as one empty line, as [`wrap_text`] does. A word wider
/// than a line is broken between characters, so nothing is ever cut.
pub(crate) fn wrap_runs(runs: &[(&str, Style)], max_width: f32) -> Vec<Vec<Piece>> {
    let cleaned: Vec<(String, Style)> = runs.iter().map(|(t, s)| (clean(t), *s)).collect();
    let mut tokens = Vec::new();
    for (text, style) in &cleaned {
        let mut blank = false;
        for (i, paragraph) in text.split('\n').enumerate() {
            if paragraph.trim().is_empty() {
                blank = i > 0;
                continue;
            }
            if i > 0 {
                tokens.push(if blank {
                    Token::ParagraphBreak
                } else {
                    Token::LineBreak
                });
                blank = false;
            }
            tokens.extend(paragraph.split_whitespace().map(|w| Token::Word(w, *style)));
        }
    }

    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut x = 0.0f32;
    let mut buf = [0u8; 4];
    for token in tokens {
        let (word, style) = match token {
            Token::Word(word, style) => (word, style),
            Token::LineBreak | Token::ParagraphBreak => {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
                if matches!(token, Token::ParagraphBreak) && !lines.is_empty() {
                    lines.push(Vec::new());
                }
                continue;
            }
        };
        let w = style.width(word);
        let space = if line.is_empty() {
            0.0
        } else {
            style.width(" ")
        };
        if !line.is_empty() && x + space + w > max_width {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
        }
        if w <= max_width {
            let space = if line.is_empty() {
                0.0
            } else {
                style.width(" ")
            };
            push_word(&mut line, word, style, x, space);
            x += space + w;
            continue;
        }
        // Wider than a whole line: break between characters.
        for ch in word.chars() {
            let piece = ch.encode_utf8(&mut buf);
            let cw = style.width(piece);
            if !line.is_empty() && x + cw > max_width {
                lines.push(std::mem::take(&mut line));
                x = 0.0;
            }
            match line.last_mut() {
                Some(last) if last.style == style => last.text.push(ch),
                _ => line.push(Piece {
                    text: piece.to_string(),
                    style,
                    x,
                }),
            }
            x += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    lines
}

/// Appends a word to a line: to the last piece when the style is the same, else as a new piece
/// after the space.
fn push_word(line: &mut Vec<Piece>, word: &str, style: Style, x: f32, space: f32) {
    match line.last_mut() {
        Some(last) if last.style == style => {
            last.text.push(' ');
            last.text.push_str(word);
        }
        _ => line.push(Piece {
            text: word.to_string(),
            style,
            x: x + space,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::style::BODY;

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
    fn shaped_lines_fit_as_drawn_and_long_words_break_between_clusters() {
        let measure = |s: &str| BODY.width(s);
        let hebrew = "דוד כהן ".repeat(30);
        for line in wrap(&hebrew, 120.0, &measure) {
            assert!(measure(&line) <= 120.0, "{line}: {}", measure(&line));
        }
        let word = "कृष्णमूर्तिशर्मा".repeat(6);
        let lines = wrap(&word, 60.0, &measure);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word, "nothing lost or added");
        for line in &lines {
            assert!(measure(line) <= 60.0, "{line}");
            let first = line.chars().next().unwrap();
            assert!(
                !unicode_normalization::char::is_combining_mark(first),
                "{line} starts a cluster"
            );
        }
    }

    #[test]
    fn fit_cuts_shaped_text_between_whole_clusters_as_measured() {
        let name = "अनन्या शर्मा कृष्णमूर्ति";
        let short = fit(name, 60.0, BODY);
        assert!(short.ends_with('…'), "{short}");
        assert!(BODY.width(&short) <= 60.0, "{short}");
        assert!(
            short.starts_with("अनन्या शर्मा"),
            "the first two words fit as shaped, so they are kept: {short}"
        );
        assert!(
            !short.trim_end_matches('…').ends_with('र'),
            "not cut before a virama: {short}"
        );
        let arabic = fit("محمد عبد الله بن عبد العزيز", 50.0, BODY);
        assert!(
            BODY.width(&arabic) <= 50.0 && arabic.ends_with('…'),
            "{arabic}"
        );
    }

    #[test]
    fn fit_shortens_with_an_ellipsis() {
        assert_eq!(fit("short", 100.0, BODY), "short");
        let long = fit(&"Petrova ".repeat(40), 120.0, BODY);
        assert!(long.ends_with('…'));
        assert!(BODY.width(&long) <= 120.0 + 0.01);
    }

    #[test]
    fn runs_share_lines_and_keep_every_word_in_its_style() {
        let bold = BODY.bold();
        let note = "Covered the first point with a concrete example and named the owner. \
                    Ζαχαρίου Петрова";
        for width in [60.0, 120.0, 250.0, 481.0] {
            let lines = wrap_runs(&[("Priya Raman", bold), (note, BODY)], width);
            let mut words = Vec::new();
            for line in &lines {
                let last = line
                    .last()
                    .expect("no empty line without a paragraph break");
                assert!(
                    last.x + last.style.width(&last.text) <= width + 0.01,
                    "{line:?} overflows {width}"
                );
                for piece in line {
                    words.extend(piece.text.split(' ').map(|w| (w.to_string(), piece.style)));
                }
            }
            let expected: Vec<(String, Style)> = "Priya Raman"
                .split(' ')
                .map(|w| (w.to_string(), bold))
                .chain(note.split_whitespace().map(|w| (w.to_string(), BODY)))
                .collect();
            assert_eq!(words, expected, "at width {width}");
        }
        let wide = wrap_runs(&[("Priya Raman", bold), ("Short.", BODY)], 481.0);
        assert_eq!(wide.len(), 1);
        assert_eq!(wide[0].len(), 2);
        assert!(
            wide[0][1].x > bold.width("Priya Raman"),
            "a space between the runs"
        );
    }

    #[test]
    fn runs_keep_paragraphs_and_break_over_long_words() {
        let lines = wrap_runs(
            &[("Name", BODY.bold()), ("first\n\n\nsecond\nthird", BODY)],
            400.0,
        );
        let text: Vec<String> = lines
            .iter()
            .map(|l| {
                l.iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(text, vec!["Name|first", "", "second", "third"]);
        let word = "ж".repeat(300);
        let lines = wrap_runs(&[(&word, BODY)], 100.0);
        assert!(lines.len() > 2);
        let back: String = lines.iter().flatten().map(|p| p.text.as_str()).collect();
        assert_eq!(back, word);
    }
}
