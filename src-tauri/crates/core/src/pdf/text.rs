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
    fn fit_shortens_with_an_ellipsis() {
        assert_eq!(fit("short", 100.0, BODY), "short");
        let long = fit(&"Petrova ".repeat(40), 120.0, BODY);
        assert!(long.ends_with('…'));
        assert!(BODY.width(&long) <= 120.0 + 0.01);
    }
}
