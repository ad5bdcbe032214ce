//! PDF documents for the hiring committee and for panelists who prefer paper: the debrief packet
//! and the interview kit. Pure rendering: data in, bytes out; nothing here touches the database
//! or the file system, so every document can be rendered and checked in a test.
//!
//! - [`fonts`] holds the bundled Noto Sans faces and measures text with them;
//! - [`layout`] wraps, paginates and draws (printpdf does neither wrapping nor pagination);
//! - [`packet`] and [`kit`] decide what goes on which page; [`trail`] turns audit events into
//!   sentences.
//!
//! Text is real text in embedded, subset fonts, so it can be selected, searched and extracted;
//! every figure is written as a number, never shown by colour alone.

mod blocks;
mod fonts;
mod kit;
mod layout;
mod packet;
mod style;
mod text;
mod trail;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::debrief::Debrief;
use crate::scorecards::{InterviewView, Recommendation};
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

/// One point of the 1–4 scale with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreAnchor {
    /// The score.
    pub score: u8,
    /// Its name ("Strong").
    pub label: &'static str,
    /// What earns it.
    pub anchor: &'static str,
}

/// The scale panelists score on, with its anchors (as the interview screen shows them).
pub const SCORE_ANCHORS: [ScoreAnchor; 4] = [
    ScoreAnchor {
        score: 1,
        label: "Weak",
        anchor: "Misses most points or shows the weak pattern",
    },
    ScoreAnchor {
        score: 2,
        label: "Mixed",
        anchor: "Covers some points, misses others",
    },
    ScoreAnchor {
        score: 3,
        label: "Strong",
        anchor: "Covers the strong-answer points",
    },
    ScoreAnchor {
        score: 4,
        label: "Exceptional",
        anchor: "Covers them and goes beyond: staged evolution, system change, evidence",
    },
];

/// Renders the debrief packet for the hiring committee.
pub fn debrief_packet(debrief: &Debrief, paper: Paper) -> Result<Vec<u8>> {
    Ok(packet::render(debrief, paper))
}

/// Renders one panelist's paper interview kit.
pub fn interview_kit(kit: &InterviewView, paper: Paper) -> Result<Vec<u8>> {
    Ok(kit::render(kit, paper))
}

/// "Strong" for 3.
fn score_label(score: u8) -> &'static str {
    SCORE_ANCHORS
        .iter()
        .find(|a| a.score == score)
        .map_or("", |a| a.label)
}

/// How a reader names a recommendation.
fn recommendation_label(r: Recommendation) -> &'static str {
    match r {
        Recommendation::StrongNo => "Strong no hire",
        Recommendation::No => "No hire",
        Recommendation::Yes => "Hire",
        Recommendation::StrongYes => "Strong hire",
    }
}

/// How a reader names a level.
fn level_label(level: Level) -> &'static str {
    level.label()
}

/// "14 Jan 2025, 09:30 UTC" for an RFC 3339 instant; the text itself if it does not parse.
fn instant(text: &str) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(
        |_| text.to_string(),
        |t| {
            t.with_timezone(&Utc)
                .format("%-d %b %Y, %H:%M UTC")
                .to_string()
        },
    )
}

/// "Tuesday 14 January 2025, 09:30 UTC" for an RFC 3339 instant.
fn long_instant(text: &str) -> String {
    DateTime::parse_from_rfc3339(text).map_or_else(
        |_| text.to_string(),
        |t| {
            t.with_timezone(&Utc)
                .format("%A %-d %B %Y, %H:%M UTC")
                .to_string()
        },
    )
}

/// Title, author, subject and dates of a document.
fn set_metadata(doc: &mut printpdf::PdfDocument, title: &str, subject: &str, at: Option<&str>) {
    let info = &mut doc.metadata.info;
    info.document_title = title.to_string();
    info.author = "Hiring Panel".into();
    info.creator = "Hiring Panel".into();
    info.producer = "Hiring Panel (printpdf)".into();
    info.subject = subject.to_string();
    let seconds = at
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map_or_else(|| Utc::now().timestamp(), |t| t.timestamp());
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(seconds) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}
