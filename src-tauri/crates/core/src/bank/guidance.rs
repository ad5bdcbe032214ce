//! Level guidance: what a strong answer looks like at each target level, per pack version.
//!
//! The same question is asked of a Director and of a VP; what counts as "strong" differs. A pack
//! may say so once per level, and interview mode and the debrief packet show the guidance for
//! the plan's level next to the rubric.

use serde::{Deserialize, Serialize};

use crate::Level;

/// Longest guidance accepted for one level, in characters.
pub const MAX_GUIDANCE_CHARS: usize = 2_000;

/// Guidance per target level; an empty text means the pack gives none for that level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelGuidance {
    /// Director.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub director: String,
    /// Senior Director.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub senior_director: String,
    /// Vice President.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vp: String,
    /// Principal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub principal: String,
}

impl LevelGuidance {
    /// The guidance for one level, if the pack gives any.
    pub fn for_level(&self, level: Level) -> Option<&str> {
        let text = match level {
            Level::Director => &self.director,
            Level::SeniorDirector => &self.senior_director,
            Level::Vp => &self.vp,
            Level::Principal => &self.principal,
        };
        (!text.trim().is_empty()).then_some(text.as_str())
    }

    /// True when no level has guidance.
    pub fn is_empty(&self) -> bool {
        [
            &self.director,
            &self.senior_director,
            &self.vp,
            &self.principal,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
    }

    /// The same guidance with surrounding whitespace trimmed.
    pub fn trimmed(&self) -> LevelGuidance {
        LevelGuidance {
            director: self.director.trim().to_string(),
            senior_director: self.senior_director.trim().to_string(),
            vp: self.vp.trim().to_string(),
            principal: self.principal.trim().to_string(),
        }
    }

    /// Checks lengths and characters; the message names the level.
    pub fn check(&self) -> std::result::Result<(), String> {
        for (level, text) in [
            (Level::Director, &self.director),
            (Level::SeniorDirector, &self.senior_director),
            (Level::Vp, &self.vp),
            (Level::Principal, &self.principal),
        ] {
            if text.chars().count() > MAX_GUIDANCE_CHARS {
                return Err(format!(
                    "the guidance for {} is longer than {MAX_GUIDANCE_CHARS} characters",
                    level.label()
                ));
            }
            if text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
            {
                return Err(format!(
                    "the guidance for {} contains control characters",
                    level.label()
                ));
            }
        }
        Ok(())
    }

    /// The levels whose guidance differs between two versions.
    pub fn changed_levels(&self, other: &LevelGuidance) -> Vec<Level> {
        [
            Level::Director,
            Level::SeniorDirector,
            Level::Vp,
            Level::Principal,
        ]
        .into_iter()
        .filter(|&l| self.for_level(l) != other.for_level(l))
        .collect()
    }
}
