//! The envelope every file Hiring Panel exchanges with people shares: a JSON object that names
//! its `format` and `formatVersion` first, so a reader can tell its own files from anything else
//! and refuse a newer version by name before reading the rest.
//!
//! Kits, scorecards and question packs all go through [`read`], so each kind of damage (too
//! large, empty, cut short, not JSON, not ours, from a newer version) is refused with the same
//! specific words whatever the file.
//!
//! A file is read twice, never as a generic tree: first a scan that keeps nothing but the
//! envelope's two fields, refusing a key that appears twice in one object (JSON parsers
//! disagree on which one wins, so a signed file could mean two things) and any text longer than
//! [`MAX_TEXT_CHARS`]; then serde decodes the typed structs straight from the bytes.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::{Error, Result};

/// Longest text accepted in any field of an exchanged file, in characters: the longest the app
/// itself accepts anywhere (an answer's notes), so nothing the app wrote is ever refused.
pub const MAX_TEXT_CHARS: usize = crate::scorecards::MAX_NOTE_CHARS;

/// What a reader accepts.
pub(crate) struct Envelope<'a> {
    /// How people call this family of files ("kit or scorecard", "pack").
    pub kind: &'a str,
    /// Each accepted `format`, how messages name it, and the newest `formatVersion` of it this
    /// build reads (every version from 1 up to it is read).
    pub formats: &'a [(&'a str, &'a str, u32)],
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
}

/// A file whose envelope checked out.
pub(crate) struct Opened<'a, 'b> {
    /// Which of the accepted formats it is (its index in [`Envelope::formats`]).
    pub format: usize,
    /// The word for it ("kit").
    pub what: &'a str,
    bytes: &'b [u8],
}

impl Opened<'_, '_> {
    /// The whole file as `T`; a mismatch (a missing or unknown field, a wrong type) is
    /// "the kit file is malformed: …".
    pub fn decode<T: DeserializeOwned>(self) -> Result<T> {
        let what = self.what;
        serde_json::from_slice(self.bytes)
            .map_err(|e| Error::Rejected(format!("the {what} file is malformed: {e}")))
    }
}

/// What the scan keeps of a file: whether it is an object, and its envelope's fields.
#[derive(Default)]
struct Head {
    object: bool,
    format: Option<String>,
    format_version: Option<u64>,
}

/// Walks one JSON value without keeping it. At the top (`head` is set) it records the envelope.
struct Scan<'h> {
    head: Option<&'h mut Head>,
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<(), E> {
        check_length(text)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element_seed(Scan { head: None })?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut head = self.head;
        if let Some(h) = head.as_deref_mut() {
            h.object = true;
        }
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            check_length(&key)?;
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" appears twice in one object"
                )));
            }
            match (head.as_deref_mut(), key.as_str()) {
                // The envelope's two fields are small values; anything else there is simply not
                // a format or a version.
                (Some(h), "format") => {
                    let value = map.next_value::<serde_json::Value>()?;
                    h.format = value.as_str().map(str::to_string);
                }
                (Some(h), "formatVersion") => {
                    h.format_version = map.next_value::<serde_json::Value>()?.as_u64();
                }
                _ => map.next_value_seed(Scan { head: None })?,
            }
        }
        Ok(())
    }
}

fn check_length<E: de::Error>(text: &str) -> std::result::Result<(), E> {
    // Bytes bound characters from above: only long texts are counted.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(E::custom(format!(
            "a text of {} characters is longer than any the app accepts ({MAX_TEXT_CHARS})",
            text.chars().count()
        )));
    }
    Ok(())
}

/// Scans the whole file (see the module docs); trailing content is refused too.
fn scan(bytes: &[u8]) -> serde_json::Result<Head> {
    let mut head = Head::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Scan {
        head: Some(&mut head),
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(head)
}

/// Checks size, JSON, `format` and `formatVersion`, refusing ([`Error::Rejected`]) with the
/// reason.
pub(crate) fn read<'a, 'b>(bytes: &'b [u8], envelope: &Envelope<'a>) -> Result<Opened<'a, 'b>> {
    let kind = envelope.kind;
    let reject = |msg: String| Err(Error::Rejected(msg));
    if bytes.len() > envelope.max_bytes {
        return reject(format!(
            "the file is {:.1} MB; Hiring Panel {kind} files are at most {} MB",
            bytes.len() as f64 / (1024.0 * 1024.0),
            envelope.max_bytes / (1024 * 1024)
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return reject("the file is empty".into());
    }
    let head = match scan(bytes) {
        Ok(head) => head,
        Err(e) if e.is_eof() => {
            return reject(format!(
                "the file ends too early (line {}, column {}): it was cut short while copying; \
                 ask for it again",
                e.line(),
                e.column()
            ))
        }
        Err(e) if e.is_data() => {
            return reject(format!(
                "the file cannot be accepted: {e}; nothing was imported"
            ))
        }
        Err(e) => {
            return reject(format!(
                "this is not a Hiring Panel {kind} file (not JSON: {e})"
            ))
        }
    };
    if !head.object {
        return reject(format!(
            "this is not a Hiring Panel {kind} file (a JSON file, but not an object)"
        ));
    }
    let Some(format) = head.format.as_deref() else {
        return reject(format!(
            "this is not a Hiring Panel {kind} file (it has no \"format\")"
        ));
    };
    let Some(index) = envelope.formats.iter().position(|(f, _, _)| *f == format) else {
        return reject(format!(
            "this is not a Hiring Panel {kind} file (its format is {format:?})"
        ));
    };
    let (_, what, supported) = envelope.formats[index];
    let supported = u64::from(supported);
    match head.format_version {
        Some(v) if (1..=supported).contains(&v) => {}
        Some(v) if v > supported => {
            return reject(format!(
                "this {what} file was written by a newer version of Hiring Panel (format \
                 version {v}); this version reads format version {supported}: update the app"
            ))
        }
        _ => {
            return reject(format!(
                "this {what} file has no valid format version (expected {supported})"
            ))
        }
    }
    Ok(Opened {
        format: index,
        what,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: Envelope<'static> = Envelope {
        kind: "test",
        formats: &[("hiring-panel-test", "test", 1)],
        max_bytes: 64 * 1024 * 1024,
    };

    fn refusal(bytes: &[u8]) -> String {
        match read(bytes, &ENVELOPE) {
            Ok(_) => panic!(
                "{} was accepted",
                String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
            ),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_key_that_appears_twice_is_refused_at_any_depth() {
        let top = br#"{"format":"hiring-panel-test","formatVersion":1,"format":"other"}"#;
        assert!(
            refusal(top).contains("the key \"format\" appears twice"),
            "{}",
            refusal(top)
        );
        let deep = br#"{"format":"hiring-panel-test","formatVersion":1,
                        "body":{"answers":[{"score":1,"notes":"a","score":4}]}}"#;
        assert!(
            refusal(deep).contains("the key \"score\" appears twice"),
            "{}",
            refusal(deep)
        );
        let fine = br#"{"format":"hiring-panel-test","formatVersion":1,"a":{"x":1},"b":{"x":2}}"#;
        assert!(
            read(fine, &ENVELOPE).is_ok(),
            "the same key in two objects is fine"
        );
    }

    #[test]
    fn text_longer_than_the_app_accepts_is_refused_and_as_long_as_it_is_accepted() {
        let at_limit = "é".repeat(MAX_TEXT_CHARS);
        let ok =
            format!(r#"{{"format":"hiring-panel-test","formatVersion":1,"notes":"{at_limit}"}}"#);
        assert!(
            read(ok.as_bytes(), &ENVELOPE).is_ok(),
            "notes as long as the app takes"
        );
        let over =
            format!(r#"{{"format":"hiring-panel-test","formatVersion":1,"notes":"{at_limit}x"}}"#);
        assert!(
            refusal(over.as_bytes()).contains("longer than any the app accepts"),
            "{}",
            refusal(over.as_bytes())
        );
    }

    #[test]
    fn the_envelope_is_still_checked_and_trailing_content_refused() {
        assert!(refusal(b"[1,2]").contains("not an object"));
        assert!(refusal(br#"{"formatVersion":1}"#).contains("no \"format\""));
        assert!(
            refusal(br#"{"format":"hiring-panel-test","formatVersion":9}"#)
                .contains("newer version")
        );
        assert!(
            refusal(br#"{"format":"hiring-panel-test","formatVersion":1} {}"#).contains("not JSON")
        );
        assert!(
            refusal(br#"{"format":"hiring-panel-test","formatVersion":1,"a":["#)
                .contains("ends too early")
        );
    }
}
