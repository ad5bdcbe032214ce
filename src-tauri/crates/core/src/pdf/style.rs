//! The packet's and kit's visual vocabulary: the palette and the text styles (font, size,
//! leading, colour), and how wide a run of text is in a style. One place, so every page of
//! every document looks like the same product.

use printpdf::{Color, Rgb};

use super::fonts::{self, Weight};

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub(crate) fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0,
            g: self.1,
            b: self.2,
            icc_profile: None,
        })
    }
}

/// Body text: near-black, slightly warm.
pub(crate) const INK: Colour = Colour(0.11, 0.13, 0.16);
/// Secondary text: labels, dates, captions.
pub(crate) const MUTED: Colour = Colour(0.40, 0.43, 0.48);
/// Hairlines and box outlines.
pub(crate) const RULE: Colour = Colour(0.80, 0.82, 0.85);
/// The one accent: a deep slate blue.
pub(crate) const ACCENT: Colour = Colour(0.12, 0.31, 0.47);
/// A pale tint of the accent for tracks and panels.
pub(crate) const ACCENT_TINT: Colour = Colour(0.92, 0.945, 0.97);
/// Warnings: disagreement, red flags, the confidential marking.
pub(crate) const ALERT: Colour = Colour(0.64, 0.19, 0.13);
/// A pale tint of the alert colour.
pub(crate) const ALERT_TINT: Colour = Colour(0.985, 0.925, 0.91);
/// White, for text on filled badges.
pub(crate) const WHITE: Colour = Colour(1.0, 1.0, 1.0);

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Face.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub colour: Colour,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl Style {
    /// Height of one line box, in points.
    pub fn line_height(self) -> f32 {
        self.size * self.leading
    }

    /// The same style in another colour.
    pub fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }

    /// The same style in bold.
    pub fn bold(self) -> Style {
        Style {
            weight: Weight::Bold,
            ..self
        }
    }

    /// The same style at another size.
    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Width of `text` in this style, in points.
    pub fn width(self, text: &str) -> f32 {
        fonts::width(text, self.weight, self.size)
    }
}

/// Running text.
pub(crate) const BODY: Style = Style {
    weight: Weight::Regular,
    size: 9.75,
    colour: INK,
    leading: 1.45,
};
/// Secondary text.
pub(crate) const SMALL: Style = Style {
    weight: Weight::Regular,
    size: 8.5,
    colour: MUTED,
    leading: 1.4,
};
/// Small capitals-style labels above groups ("STRONG-ANSWER POINTS").
pub(crate) const LABEL: Style = Style {
    weight: Weight::Bold,
    size: 7.5,
    colour: MUTED,
    leading: 1.6,
};
/// Page titles.
pub(crate) const H1: Style = Style {
    weight: Weight::Bold,
    size: 19.0,
    colour: INK,
    leading: 1.25,
};
/// Section and question headings.
pub(crate) const H2: Style = Style {
    weight: Weight::Bold,
    size: 12.5,
    colour: INK,
    leading: 1.35,
};
