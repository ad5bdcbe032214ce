//! Question packs as files (`.hppack`): sharing a pack between teams and keeping it under
//! version control. The format is documented in `docs/pack-format.md`.
//!
//! This module holds the format and its checks; `stored` moves packs between files and the
//! database, `diff` compares two versions.
//!
//! A pack is identified by its id and version. Importing an id and version this database already
//! holds is a no-op when the content is identical and refused when it differs: two texts under
//! one version would make packets of different candidates incomparable.

mod diff;
mod stored;

use serde::{Deserialize, Serialize};

use super::{LevelGuidance, Question};
use crate::json_file::{self, Envelope};
use crate::{Error, Result};

pub use diff::{diff, PackDiff, QuestionChange, QuestionMove, QuestionRef};
pub use stored::{
    export_pack, import_pack, list_packs, list_page, PackImported, PackPage, PackQuery, PackSummary,
};

/// `format` of a pack file.
pub const PACK_FORMAT: &str = "hiring-panel/pack";
/// The format version this build writes and the newest it reads.
pub const PACK_FORMAT_VERSION: u32 = 1;
/// Largest pack file accepted.
pub const MAX_PACK_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The extension of pack files.
pub const PACK_EXTENSION: &str = "hppack";
/// Most questions a pack may hold.
pub const MAX_PACK_QUESTIONS: usize = 200;

/// A pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackFile {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    /// Always [`PACK_FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// The pack.
    pub pack: PackData,
}

/// A pack's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackData {
    /// Stable id shared by all versions: lowercase letters, digits and hyphens.
    pub id: String,
    /// Version, from 1.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Questions in pack order.
    pub questions: Vec<Question>,
    /// What a strong answer looks like at each target level (optional).
    #[serde(default, skip_serializing_if = "LevelGuidance::is_empty")]
    pub level_guidance: LevelGuidance,
}

/// The file's bytes: pretty JSON with a final newline, so it diffs well under version control.
pub fn to_bytes(file: &PackFile) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(file).expect("packs always serialise");
    bytes.push(b'\n');
    bytes
}

/// The envelope of pack files.
const ENVELOPE: Envelope = Envelope {
    kind: "pack",
    formats: &[(PACK_FORMAT, "pack", PACK_FORMAT_VERSION)],
    max_bytes: MAX_PACK_FILE_BYTES,
};

/// Reads a pack file from disk, refusing anything larger than [`MAX_PACK_FILE_BYTES`] without
/// reading all of it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Error::InvalidInput(format!("cannot read {}: {e}", path.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_PACK_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// Parses and checks a pack file; nothing is written. Each way a file can be wrong has its own
/// refusal ([`crate::json_file`] for the envelope, [`check`] for the content).
pub fn parse_pack(bytes: &[u8]) -> Result<PackFile> {
    let file: PackFile = json_file::read(bytes, &ENVELOPE)?.decode()?;
    check(&file.pack).map_err(|e| Error::Rejected(format!("the pack file is malformed: {e}")))?;
    Ok(file)
}

/// The rules every pack meets, so a plan built from it can be split, interviewed and printed.
fn check(pack: &PackData) -> std::result::Result<(), String> {
    if pack.questions.is_empty() {
        return Err(format!("a pack holds 1–{MAX_PACK_QUESTIONS} questions"));
    }
    check_content(pack)
}

/// The rules a pack's content meets, whether it comes from a file or the editor; a pack being
/// written may still be empty.
pub(crate) fn check_content(pack: &PackData) -> std::result::Result<(), String> {
    let id_ok = !pack.id.is_empty()
        && pack.id.len() <= 64
        && pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(format!(
            "pack id {:?} must be 1–64 lowercase letters, digits or hyphens",
            pack.id
        ));
    }
    if pack.version == 0 {
        return Err("versions start at 1".into());
    }
    let title = pack.title.trim();
    if title.is_empty() || title.chars().count() > 200 || title.chars().any(char::is_control) {
        return Err("the title must be 1–200 characters without control characters".into());
    }
    if pack.questions.len() > MAX_PACK_QUESTIONS {
        return Err(format!("a pack holds 1–{MAX_PACK_QUESTIONS} questions"));
    }
    pack.level_guidance.check()?;
    let mut numbers: Vec<u32> = pack.questions.iter().map(|q| q.number).collect();
    numbers.sort_unstable();
    if numbers.first() == Some(&0) || numbers.windows(2).any(|w| w[0] == w[1]) {
        return Err("question numbers start at 1 and do not repeat".into());
    }
    for q in &pack.questions {
        let n = q.number;
        if q.text.trim().is_empty() || q.text.chars().count() > 2_000 {
            return Err(format!("question {n} needs a text of 1–2,000 characters"));
        }
        if !(1..=60).contains(&q.minutes) {
            return Err(format!(
                "question {n} has a time budget of {} minutes; 1–60 are allowed",
                q.minutes
            ));
        }
        if q.capabilities.is_empty() {
            return Err(format!("question {n} probes no capability"));
        }
        let lists = [&q.strong_answer, &q.weak_signals, &q.interviewer_notes];
        if lists.iter().any(|l| {
            l.len() > 20
                || l.iter()
                    .any(|p| p.trim().is_empty() || p.chars().count() > 1_000)
        }) {
            return Err(format!(
                "question {n} has an empty or over-long point (at most 20 points of 1,000 characters)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
