//! PDF documents for the hiring committee and for panelists who prefer paper: the debrief packet
//! and the interview kit. Pure rendering: data in, bytes out; nothing here touches the database
//! or the file system, so every document can be rendered and checked in a test.
//!
//! - [`fonts`] holds the bundled Noto Sans faces and measures text with them;
//! - [`layout`] wraps, paginates and draws (printpdf does neither wrapping nor pagination);
//! - [`comparison`] sets finalists side by side for the hiring committee;
//! - [`packet`] and [`kit`] decide what goes on which page; [`trail`] turns audit events into
//!   sentences.
//!
//! Text is real text in embedded, subset fonts, so it can be selected, searched and extracted;
//! every figure is written as a number, never shown by colour alone.

mod blocks;
mod comparison;
mod fonts;
mod kit;
mod layout;
mod packet;
mod shape;
mod style;
mod text;
mod trail;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::debrief::Debrief;
use crate::scorecards::InterviewView;
use crate::{Level, Result};

/// Paper size of a rendered document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Parses `a4` or `letter`.
    pub fn from_slug(slug: &str) -> Option<Paper> {
        match slug {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

pub use crate::vocabulary::{ScoreAnchor, SCORE_ANCHORS};

/// A rendered document, with the characters of its text that no face can draw (neither the
/// bundled ones nor the machine's: `fonts.rs`).
#[derive(Debug)]
pub struct Rendered {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Characters drawn as empty boxes, each once, in code point order (their text is kept:
    /// a reader still copies and searches them).
    pub missing: Vec<char>,
}

impl Rendered {
    /// One sentence for a person when some characters could not be drawn, naming them by code
    /// point: the app shows it with the saved file and `panelctl` prints it as a `warning:`.
    pub fn warning(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        const NAMED: usize = 12;
        let mut named: Vec<String> = self
            .missing
            .iter()
            .take(NAMED)
            .map(|c| format!("U+{:04X} {c}", *c as u32))
            .collect();
        if self.missing.len() > NAMED {
            named.push(format!("and {} more", self.missing.len() - NAMED));
        }
        let n = self.missing.len();
        Some(format!(
            "{n} character{} in this PDF {} no glyph in any font on this machine: {} as {} (the \
             text copies and searches as typed): {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "has" } else { "have" },
            if n == 1 { "it prints" } else { "they print" },
            if n == 1 {
                "an empty box"
            } else {
                "empty boxes"
            },
            named.join(", ")
        ))
    }
}

/// Renders the debrief packet for the hiring committee.
pub fn debrief_packet(debrief: &Debrief, paper: Paper, zone: FixedOffset) -> Result<Vec<u8>> {
    debrief_packet_rendered(debrief, paper, zone).map(|r| r.bytes)
}

/// [`debrief_packet`], with what it could not draw.
pub fn debrief_packet_rendered(
    debrief: &Debrief,
    paper: Paper,
    zone: FixedOffset,
) -> Result<Rendered> {
    Ok(packet::render(debrief, paper, zone))
}

/// Renders the finalists comparison for the hiring committee.
pub fn comparison_pdf(
    comparison: &crate::calibration::Comparison,
    paper: Paper,
    zone: FixedOffset,
) -> Result<Vec<u8>> {
    comparison_pdf_rendered(comparison, paper, zone).map(|r| r.bytes)
}

/// [`comparison_pdf`], with what it could not draw.
pub fn comparison_pdf_rendered(
    comparison: &crate::calibration::Comparison,
    paper: Paper,
    zone: FixedOffset,
) -> Result<Rendered> {
    Ok(comparison::render(comparison, paper, zone))
}

/// Renders one panelist's paper interview kit.
pub fn interview_kit(kit: &InterviewView, paper: Paper, zone: FixedOffset) -> Result<Vec<u8>> {
    interview_kit_rendered(kit, paper, zone).map(|r| r.bytes)
}

/// [`interview_kit`], with what it could not draw.
pub fn interview_kit_rendered(
    kit: &InterviewView,
    paper: Paper,
    zone: FixedOffset,
) -> Result<Rendered> {
    Ok(kit::render(kit, paper, zone))
}

use crate::vocabulary::{recommendation_label, score_label};

/// How a reader names a level.
fn level_label(level: Level) -> &'static str {
    level.label()
}

/// "14 Jan 2025, 10:30 UTC+01:00": an instant in the reader's zone, which it names, so a packet
/// read elsewhere is never an hour off without saying so.
fn instant(at: &crate::time::Timestamp, zone: FixedOffset) -> String {
    format!(
        "{} {}",
        at.utc().with_timezone(&zone).format("%-d %b %Y, %H:%M"),
        zone_label(zone)
    )
}

/// "Tuesday 14 January 2025, 09:30 UTC+01:00" for a plan's start (RFC 3339 with its offset),
/// shown in `zone`; the text itself if it does not parse.
fn long_instant(text: &str, zone: FixedOffset) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(
        |_| text.to_string(),
        |t| {
            format!(
                "{} {}",
                t.with_timezone(&zone).format("%A %-d %B %Y, %H:%M"),
                zone_label(zone)
            )
        },
    )
}

/// "14 Jan 2025": the day of an instant in `zone`.
fn day(at: &crate::time::Timestamp, zone: FixedOffset) -> String {
    at.utc()
        .with_timezone(&zone)
        .format("%-d %b %Y")
        .to_string()
}

/// "UTC" or "UTC+01:00".
fn zone_label(zone: FixedOffset) -> String {
    if zone.local_minus_utc() == 0 {
        "UTC".into()
    } else {
        format!("UTC{}", Utc::now().with_timezone(&zone).format("%:z"))
    }
}

/// Title, author, subject and dates of a document.
fn set_metadata(
    doc: &mut printpdf::PdfDocument,
    title: &str,
    subject: &str,
    at: Option<&crate::time::Timestamp>,
) {
    let info = &mut doc.metadata.info;
    info.document_title = title.to_string();
    info.author = "Hiring Panel".into();
    info.creator = "Hiring Panel".into();
    info.producer = "Hiring Panel (printpdf)".into();
    info.subject = subject.to_string();
    let seconds = at.map_or_else(|| Utc::now().timestamp(), |t| t.utc().timestamp());
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(seconds) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_the_fonts_cannot_draw_are_named_by_code_point() {
        let clean = Rendered {
            bytes: vec![1],
            missing: vec![],
        };
        assert_eq!(clean.warning(), None);
        let one = Rendered {
            bytes: vec![1],
            missing: vec!['🙂'],
        };
        assert_eq!(
            one.warning().unwrap(),
            "1 character in this PDF has no glyph in any font on this machine: it prints as an \
             empty box (the text copies and searches as typed): U+1F642 🙂"
        );
        let many = Rendered {
            bytes: vec![1],
            missing: ('\u{4E00}'..='\u{4E0E}').collect(),
        };
        let warning = many.warning().unwrap();
        assert!(
            warning.starts_with("15 characters in this PDF have no glyph"),
            "{warning}"
        );
        assert!(warning.ends_with("U+4E0B 下, and 3 more"), "{warning}");
    }
}
