//! PDF documents for the hiring committee and for panelists who prefer paper: the debrief packet
//! and the interview kit. Pure rendering: data in, bytes out; nothing here touches the database
//! or the file system, so every document can be rendered and checked in a test.

use serde::{Deserialize, Serialize};

use crate::debrief::Debrief;
use crate::scorecards::InterviewView;
use crate::Result;

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

/// Renders the debrief packet for the hiring committee.
pub fn debrief_packet(debrief: &Debrief, paper: Paper) -> Result<Vec<u8>> {
    let _ = (debrief, paper);
    Err(crate::Error::InvalidInput(
        "the debrief packet cannot be rendered by this build yet".into(),
    ))
}

/// Renders one panelist's paper interview kit.
pub fn interview_kit(kit: &InterviewView, paper: Paper) -> Result<Vec<u8>> {
    let _ = (kit, paper);
    Err(crate::Error::InvalidInput(
        "the interview kit cannot be rendered by this build yet".into(),
    ))
}
