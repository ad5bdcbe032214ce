//! Pieces drawn the same way wherever they appear: the masthead and the section titles of the
//! committee's documents (the packet and the finalists comparison), the small uppercase label
//! above a group, and the interview kit's question heading (number, meta on the right, the
//! question, the capabilities it probes) that opens its own page with an outline entry. The
//! packet's questions flow several to a page and draw their own heading (`packet/evidence.rs`).

use super::layout::{Colour, Composer, ACCENT, ALERT, H1, H2, LABEL, SMALL};
use crate::capability::label as capability_label;
use crate::Capability;

/// The top line of a document for the hiring committee: what it is on the left, who may read it
/// on the right.
pub(super) fn masthead(c: &mut Composer, what: &str) {
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(x, y, what, LABEL.colour(ACCENT));
    let right = c.right();
    c.text_right(
        right,
        y,
        "CONFIDENTIAL · HIRING COMMITTEE ONLY",
        LABEL.colour(ALERT),
    );
    c.gap(LABEL.line_height() + 2.0);
}

/// A section title with a short accent rule under it.
pub(super) fn section_title(c: &mut Composer, title: &str) {
    c.paragraph(title, H1.size(16.0), 0.0);
    c.gap(2.0);
    let (x, y) = (c.left(), c.y);
    c.fill_rect(x, y - 2.0, 30.0, 2.0, ACCENT);
    c.gap(12.0);
}

/// A small uppercase label above a group, keeping room for `keep` points after it.
pub(super) fn label(c: &mut Composer, text: &str, colour: Colour, keep: f32) {
    c.ensure(LABEL.line_height() + keep);
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(x, y, &text.to_uppercase(), LABEL.colour(colour));
    c.gap(LABEL.line_height());
}

/// Starts a question's section: "Question N" with `meta` at the right, then the question text
/// and what it probes. Leaves the cursor right under the last line.
pub(super) fn question_heading(
    c: &mut Composer,
    number: u32,
    meta: &str,
    text: &str,
    capabilities: &[Capability],
) {
    let title = format!("Question {number}");
    c.start_section(&title);
    c.bookmark(&title);
    let head = H2.size(11.0).colour(ACCENT);
    let y = c.baseline(head);
    let x = c.left();
    c.text(x, y, &title, head);
    let right = c.right();
    c.text_right(right, y, meta, SMALL);
    c.gap(head.line_height() + 2.0);
    c.paragraph(text, H2, 0.0);
    c.gap(2.0);
    if !capabilities.is_empty() {
        let caps: Vec<&str> = capabilities.iter().map(|&k| capability_label(k)).collect();
        c.paragraph(&format!("Probes: {}", caps.join(" · ")), SMALL, 0.0);
    }
}
