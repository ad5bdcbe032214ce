//! The envelope every file Hiring Panel exchanges with people shares: a JSON object that names
//! its `format` and `formatVersion` first, so a reader can tell its own files from anything else
//! and refuse a newer version by name before reading the rest.
//!
//! Kits, scorecards and question packs all go through [`read`], so each kind of damage (too
//! large, empty, cut short, not JSON, not ours, from a newer version) is refused with the same
//! specific words whatever the file.

use serde::de::DeserializeOwned;

use crate::{Error, Result};

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
pub(crate) struct Opened<'a> {
    /// Which of the accepted formats it is (its index in [`Envelope::formats`]).
    pub format: usize,
    /// The word for it ("kit").
    pub what: &'a str,
    value: serde_json::Value,
}

impl Opened<'_> {
    /// The whole file as `T`; a mismatch (a missing or unknown field, a wrong type) is
    /// "the kit file is malformed: …".
    pub fn decode<T: DeserializeOwned>(self) -> Result<T> {
        let what = self.what;
        serde_json::from_value(self.value)
            .map_err(|e| Error::Rejected(format!("the {what} file is malformed: {e}")))
    }
}

/// Checks size, JSON, `format` and `formatVersion`, refusing ([`Error::Rejected`]) with the
/// reason.
pub(crate) fn read<'a>(bytes: &[u8], envelope: &Envelope<'a>) -> Result<Opened<'a>> {
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
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) if e.is_eof() => {
            return reject(format!(
                "the file ends too early (line {}, column {}): it was cut short while copying; \
                 ask for it again",
                e.line(),
                e.column()
            ))
        }
        Err(e) => {
            return reject(format!(
                "this is not a Hiring Panel {kind} file (not JSON: {e})"
            ))
        }
    };
    let Some(object) = value.as_object() else {
        return reject(format!(
            "this is not a Hiring Panel {kind} file (a JSON file, but not an object)"
        ));
    };
    let Some(format) = object.get("format").and_then(|f| f.as_str()) else {
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
    match object.get("formatVersion").and_then(|v| v.as_u64()) {
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
        value,
    })
}
