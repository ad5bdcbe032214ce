//! Repair of typographic punctuation that was mangled by a wrong decode.
//!
//! The interview pack reached us with its curly quotes broken: the UTF-8 bytes of `“` (E2 80 9C)
//! had been read as a legacy single-byte code page, giving `โ€œ` (Thai Windows-874 for E2) or the
//! more familiar `â€œ` (Windows-1252), and the closing quote's last byte (0x9D, unmapped in
//! Windows-1252) was lost altogether, leaving a bare `โ€`. Pack text imported from such sources
//! goes through [`repair`] so users never see the garbage.

/// The two renderings of the lead byte 0xE2 seen in the wild, each followed by `€` (byte 0x80).
const LEAD_SEQUENCES: [&str; 2] = ["โ€", "â€"];

/// Replaces mangled General Punctuation characters (U+2010–U+203F) with the real characters.
///
/// A lead sequence followed by the Windows-1252 rendering of a continuation byte becomes the
/// character those three bytes encode. A lead sequence with no recognisable continuation is the
/// closing double quote whose byte 0x9D was dropped, so it becomes `”`.
pub fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, lead)) = find_lead(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at + lead.len()..];
        let mut chars = rest.chars();
        match chars.next().and_then(cp1252_to_byte).and_then(decode_e2_80) {
            Some(fixed) => {
                out.push(fixed);
                rest = chars.as_str();
            }
            None => out.push('”'),
        }
    }
    out.push_str(rest);
    out
}

/// True when the text still contains a mangled sequence.
pub fn contains_mojibake(text: &str) -> bool {
    find_lead(text).is_some()
}

fn find_lead(text: &str) -> Option<(usize, &'static str)> {
    LEAD_SEQUENCES
        .iter()
        .filter_map(|lead| text.find(lead).map(|at| (at, *lead)))
        .min_by_key(|(at, _)| *at)
}

/// Decodes the UTF-8 sequence E2 80 `byte`, if `byte` is a continuation byte.
fn decode_e2_80(byte: u8) -> Option<char> {
    if !(0x80..=0xBF).contains(&byte) {
        return None;
    }
    std::str::from_utf8(&[0xE2, 0x80, byte])
        .ok()?
        .chars()
        .next()
}

/// The byte that Windows-1252 renders as `c`, for the 0x80–0xBF range only.
fn cp1252_to_byte(c: char) -> Option<u8> {
    #[rustfmt::skip]
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80), ('‚', 0x82), ('ƒ', 0x83), ('„', 0x84), ('…', 0x85), ('†', 0x86),
        ('‡', 0x87), ('ˆ', 0x88), ('‰', 0x89), ('Š', 0x8A), ('‹', 0x8B), ('Œ', 0x8C),
        ('Ž', 0x8E), ('‘', 0x91), ('’', 0x92), ('“', 0x93), ('”', 0x94), ('•', 0x95),
        ('–', 0x96), ('—', 0x97), ('˜', 0x98), ('™', 0x99), ('š', 0x9A), ('›', 0x9B),
        ('œ', 0x9C), ('ž', 0x9E), ('Ÿ', 0x9F),
    ];
    if let Some((_, b)) = HIGH.iter().find(|(ch, _)| *ch == c) {
        return Some(*b);
    }
    // 0xA0–0xBF are Latin-1 and map to themselves.
    let code = c as u32;
    (0xA0..=0xBF).contains(&code).then_some(code as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_the_packs_broken_quotes() {
        let broken = "whether the company is โ€œsecure enoughโ€?";
        assert_eq!(repair(broken), "whether the company is “secure enough”?");
    }

    #[test]
    fn repairs_windows_1252_renderings_of_common_punctuation() {
        assert_eq!(repair("itâ€™s"), "it’s");
        assert_eq!(repair("2024â€“2026"), "2024–2026");
        assert_eq!(repair("waitâ€¦"), "wait…");
        assert_eq!(repair("â€˜aâ€™ and â€œbâ€"), "‘a’ and “b”");
    }

    #[test]
    fn leaves_clean_text_and_real_unicode_alone() {
        let clean = "Zoë Łukasiewicz said “fine” — €5";
        assert_eq!(repair(clean), clean);
        assert!(!contains_mojibake(clean));
        assert!(contains_mojibake("โ€œx"));
    }
}
