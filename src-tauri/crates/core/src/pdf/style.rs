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
/// Secondary text: labels, dates, captions. Dark enough (8.6:1 on white, 7.5:1 on the alert
/// tint) to survive a photocopier; a lighter grey would vanish on the committee's copies.
pub(crate) const MUTED: Colour = Colour(0.27, 0.30, 0.34);
/// Hairlines and box outlines: decoration only, nothing is read from them.
pub(crate) const RULE: Colour = Colour(0.80, 0.82, 0.85);
/// Lines that carry structure, such as the cell borders of a grid, dark enough to photocopy.
pub(crate) const GRID: Colour = Colour(0.62, 0.65, 0.69);
/// The one accent: a deep slate blue.
pub(crate) const ACCENT: Colour = Colour(0.12, 0.31, 0.47);
/// A pale tint of the accent for tracks and panels.
pub(crate) const ACCENT_TINT: Colour = Colour(0.92, 0.945, 0.97);
/// Warnings: disagreement, red flags, the confidential marking.
pub(crate) const ALERT: Colour = Colour(0.56, 0.13, 0.09);
/// A pale tint of the alert colour.
pub(crate) const ALERT_TINT: Colour = Colour(0.985, 0.925, 0.91);
/// White, for text on filled badges.
pub(crate) const WHITE: Colour = Colour(1.0, 1.0, 1.0);

/// How colours are checked for print-safe contrast.
#[cfg(test)]
impl Colour {
    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    pub(crate) fn luminance(self) -> f32 {
        let linear = |c: f32| {
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// Contrast ratio with `other` (WCAG 2), 1 to 21.
    pub(crate) fn contrast(self, other: Colour) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Print-safe: every colour text is set in keeps 7:1 (WCAG AAA) against the paper and the
    /// tints it sits on, so labels survive a photocopier.
    #[test]
    fn text_colours_keep_seven_to_one_on_paper_and_tints() {
        for (name, ink) in [
            ("ink", INK),
            ("muted", MUTED),
            ("accent", ACCENT),
            ("alert", ALERT),
        ] {
            for (ground_name, ground) in [
                ("white", WHITE),
                ("accent tint", ACCENT_TINT),
                ("alert tint", ALERT_TINT),
            ] {
                let ratio = ink.contrast(ground);
                assert!(ratio >= 7.0, "{name} on {ground_name}: {ratio:.2}:1");
            }
        }
        for (name, fill) in [("accent", ACCENT), ("alert", ALERT)] {
            let ratio = WHITE.contrast(fill);
            assert!(ratio >= 7.0, "white on {name}: {ratio:.2}:1");
        }
        assert!((WHITE.contrast(Colour(0.0, 0.0, 0.0)) - 21.0).abs() < 0.01);
    }
}
