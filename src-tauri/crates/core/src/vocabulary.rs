//! The words people read for every closed set of values, defined once and shared by every face:
//! the PDFs call these functions, and `make bindings` writes the same words into the UI's
//! `ipc/bindings/vocabulary.ts` (checked for drift with the other bindings), so the interview
//! screen, the debrief, the packet and the kit can never name a score or a capability
//! differently.

use serde::Serialize;

use crate::debrief::DecisionKind;
use crate::scorecards::Recommendation;
use crate::{Capability, Level};

/// How far a panel agrees, in the words the debrief and the packet lead with (the figures stay
/// one step away): from the share of paired scores of the same question within one point.
pub fn agreement_in_words(within_one_rate: f64) -> &'static str {
    if within_one_rate >= 0.9 {
        "The panel agrees closely: scores for the same question are almost always within a point of each other."
    } else if within_one_rate >= 0.75 {
        "The panel mostly agrees: scores for the same question are usually within a point of each other."
    } else if within_one_rate >= 0.5 {
        "The panel agrees only in part: scores for the same question are often two or more points apart."
    } else {
        "The panel disagrees: scores for the same question are mostly two or more points apart."
    }
}

/// One point of the 1–4 scale with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreAnchor {
    /// The score.
    pub score: u8,
    /// Its name ("Strong").
    pub label: &'static str,
    /// What earns it.
    pub anchor: &'static str,
}

/// The scale panelists score on, with its anchors (decided in the product notes; change only
/// with a written reason).
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

/// A score's name ("Strong"); empty for a number off the scale.
pub fn score_label(score: u8) -> &'static str {
    SCORE_ANCHORS
        .iter()
        .find(|a| a.score == score)
        .map_or("", |a| a.label)
}

/// How a reader names a recommendation.
pub fn recommendation_label(r: Recommendation) -> &'static str {
    match r {
        Recommendation::StrongNo => "Strong no hire",
        Recommendation::No => "No hire",
        Recommendation::Yes => "Hire",
        Recommendation::StrongYes => "Strong hire",
    }
}

/// A value with its words, for the UI.
#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    /// The slug the value travels as.
    pub value: &'static str,
    /// Its name on screen and on paper.
    pub label: &'static str,
}

/// A capability with every way the product names it.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityWords {
    /// Its slug.
    pub value: &'static str,
    /// Its name ("Business case").
    pub label: &'static str,
    /// Its name cut short, for tight places ("Risk calls" for "Hard risk calls").
    pub short: &'static str,
    /// The pack's own words ("They can: …").
    pub description: &'static str,
}

/// Every word list the UI shows, as `make bindings` writes it for the UI.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    /// The 1–4 scale.
    pub scores: Vec<ScoreAnchor>,
    /// Overall recommendations, from strong no to strong yes.
    pub recommendations: Vec<Labelled>,
    /// Hiring decisions.
    pub decisions: Vec<Labelled>,
    /// The five capabilities in the pack's order.
    pub capabilities: Vec<CapabilityWords>,
    /// Target levels.
    pub levels: Vec<Labelled>,
    /// Panelists' seniorities, least senior first (the debrief meeting's speaking order).
    pub seniorities: Vec<Labelled>,
}

/// The whole vocabulary.
pub fn vocabulary() -> Vocabulary {
    use Recommendation::*;
    Vocabulary {
        scores: SCORE_ANCHORS.to_vec(),
        recommendations: [StrongNo, No, Yes, StrongYes]
            .into_iter()
            .map(|r| Labelled {
                value: r.slug(),
                label: recommendation_label(r),
            })
            .collect(),
        decisions: [DecisionKind::Hire, DecisionKind::NoHire, DecisionKind::Hold]
            .into_iter()
            .map(|d| Labelled {
                value: d.slug(),
                label: d.label(),
            })
            .collect(),
        capabilities: Capability::ALL
            .into_iter()
            .map(|c| CapabilityWords {
                value: c.slug(),
                label: crate::capability::label(c),
                short: c.short(),
                description: c.description(),
            })
            .collect(),
        levels: [
            Level::Director,
            Level::SeniorDirector,
            Level::Vp,
            Level::Principal,
        ]
        .into_iter()
        .map(|l| Labelled {
            value: l.slug(),
            label: l.label(),
        })
        .collect(),
        seniorities: crate::debrief::meeting::Seniority::ALL
            .iter()
            .map(|s| Labelled {
                value: s.slug(),
                label: s.label(),
            })
            .collect(),
    }
}

/// The vocabulary as a TypeScript module (`make bindings` writes it beside the bindings).
pub fn typescript() -> String {
    let json = serde_json::to_string_pretty(&vocabulary()).expect("the vocabulary serialises");
    format!(
        "// Generated from panel_core::vocabulary by `make bindings`. Do not edit by hand.\n\
         // The words the app, the PDFs and panelctl use for scores, recommendations, decisions,\n\
         // capabilities, levels and seniorities.\n\
         export const VOCABULARY = {json} as const;\n"
    )
}
