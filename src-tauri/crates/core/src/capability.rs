//! The fixed vocabularies of the product: the five capabilities the interview pack names and
//! the target levels a plan can be for. Slugs are the ones `panelctl` accepts and prints.

use serde::{Deserialize, Serialize};

/// One of the five capabilities strong directors and VPs show ("They can: ...").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// Defines a program that scales beyond individual heroics.
    Program,
    /// Makes hard risk decisions with incomplete information.
    Risk,
    /// Defends investment asks in business language.
    Investment,
    /// Aligns Product Security with engineering, product, legal, compliance and customer trust.
    Alignment,
    /// Builds leaders, not just teams.
    Leaders,
}

impl Capability {
    /// All capabilities in the order the pack lists them.
    pub const ALL: [Capability; 5] = [
        Capability::Program,
        Capability::Risk,
        Capability::Investment,
        Capability::Alignment,
        Capability::Leaders,
    ];

    /// The slug used in files, the database and `panelctl`.
    pub fn slug(self) -> &'static str {
        match self {
            Capability::Program => "program",
            Capability::Risk => "risk",
            Capability::Investment => "investment",
            Capability::Alignment => "alignment",
            Capability::Leaders => "leaders",
        }
    }

    /// Parses a slug; `None` for anything else.
    pub fn from_slug(slug: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// Its name cut to one or two of its own words, for tight places such as split-board
    /// cards: never another name for it.
    pub fn short(self) -> &'static str {
        match self {
            Capability::Program => "Program",
            Capability::Risk => "Risk calls",
            Capability::Investment => "Business case",
            Capability::Alignment => "Alignment",
            Capability::Leaders => "Leaders",
        }
    }

    /// The pack's own words for it ("They can: …").
    pub fn description(self) -> &'static str {
        match self {
            Capability::Program => "Define a program that scales beyond individual heroics.",
            Capability::Risk => "Make hard risk decisions with incomplete information.",
            Capability::Investment => "Defend investment asks in business language.",
            Capability::Alignment => {
                "Align Product Security with engineering, product, legal, compliance, and \
                 customer trust needs."
            }
            Capability::Leaders => "Build leaders, not just teams.",
        }
    }
}

/// The level a candidate is interviewed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Director.
    Director,
    /// Senior Director.
    SeniorDirector,
    /// Vice President.
    Vp,
    /// Principal (individual-contributor leadership).
    Principal,
}

impl Level {
    /// The slug used in the database and `panelctl`.
    pub fn slug(self) -> &'static str {
        match self {
            Level::Director => "director",
            Level::SeniorDirector => "senior-director",
            Level::Vp => "vp",
            Level::Principal => "principal",
        }
    }

    /// How a reader names the level.
    pub fn label(self) -> &'static str {
        match self {
            Level::Director => "Director",
            Level::SeniorDirector => "Senior Director",
            Level::Vp => "Vice President",
            Level::Principal => "Principal",
        }
    }

    /// Parses a slug; `None` for anything else.
    pub fn from_slug(slug: &str) -> Option<Level> {
        [
            Level::Director,
            Level::SeniorDirector,
            Level::Vp,
            Level::Principal,
        ]
        .into_iter()
        .find(|l| l.slug() == slug)
    }
}

/// The capability as users read it in explanations and warnings.
pub fn label(capability: Capability) -> &'static str {
    match capability {
        Capability::Program => "Scalable program",
        Capability::Risk => "Hard risk calls",
        Capability::Investment => "Business case",
        Capability::Alignment => "Cross-functional alignment",
        Capability::Leaders => "Builds leaders",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_match_serde() {
        for c in Capability::ALL {
            assert_eq!(Capability::from_slug(c.slug()), Some(c));
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                c.slug(),
                "CLI and JSON use one slug"
            );
        }
        assert_eq!(
            serde_json::to_value(Level::SeniorDirector).unwrap(),
            "senior-director"
        );
        assert_eq!(Level::from_slug("vp"), Some(Level::Vp));
        assert_eq!(Level::from_slug("VP"), None, "slugs are exact");
    }

    #[test]
    fn a_capability_has_one_name_and_its_short_form_is_cut_from_it() {
        for c in Capability::ALL {
            assert!(
                label(c).to_lowercase().contains(&c.short().to_lowercase()),
                "{:?}: {:?} is not part of {:?}",
                c,
                c.short(),
                label(c)
            );
        }
    }
}
