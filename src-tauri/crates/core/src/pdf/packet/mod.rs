//! The debrief packet: what the hiring committee reads before deciding, and what is kept as the
//! record of the decision.
//!
//! The first page decides, so it carries everything the committee weighs: a compact candidate
//! header (no separate cover), the decision or "Decision pending", each panelist's recommendation
//! with their overall view, the question × panelist score matrix, the capability chart, every
//! disagreement (none left out), what is missing and how far raters agree. When that runs over,
//! it continues on the second page.
//!
//! Then the evidence, question after question, flowing several to a page: per question a grid of
//! the strong-answer points each panelist heard (and those they did not), red flags raised, then
//! scores and notes in full. Questions where the panel disagreed (the debrief's own rule: scores
//! [`DISAGREEMENT_SPREAD`](crate::debrief::DISAGREEMENT_SPREAD) or more points apart) show every
//! panelist's score and notes as a block of its own; questions the panel agreed on put the scores
//! on one line and run each note in after the panelist's name.
//!
//! When the debrief meeting left a record (minutes or scores moved in discussion), a "Debrief
//! meeting" section follows the evidence: how it ran, the independent result beside the
//! after-discussion one with every movement, and the minutes per item.
//!
//! Last, following on, one "Panelists and record" section: submissions, any overall view too
//! long for the first page, the audit trail and the confidentiality notice. Summary, evidence (one
//! entry per page, naming the questions that start there) and record have outline entries.
//!
//! Everything is print-safe: text colours keep 7:1 against the paper, and nothing is told by
//! colour alone (scores are digits, covered points are ticks, disagreements say so in words).

mod evidence;
mod figures;
mod grid;
mod meeting;
mod record;
mod summary;

use printpdf::PdfDocument;

use super::blocks::section_title;
use super::layout::{Composer, Running, Style, H2, LABEL};
use super::{level_label, Paper};
use crate::debrief::{Debrief, DebriefCell};

/// Renders the packet.
pub(super) fn render(d: &Debrief, paper: Paper, zone: chrono::FixedOffset) -> crate::pdf::Rendered {
    let title = format!("Debrief packet — {}", d.candidate);
    let mut doc = PdfDocument::new(&title);
    super::set_metadata(
        &mut doc,
        &title,
        &format!(
            "Hiring panel debrief: {}, {}",
            d.candidate,
            role_line(d).unwrap_or_else(|| level_label(d.level).to_string())
        ),
        Some(&d.computed_at),
    );
    let mut c = Composer::new(&mut doc, paper, zone);
    let keys = Keys::new(d, figures::score_column_width(&c, d.panelists.len()));
    let cut_summaries = summary::summary(&mut c, d, &keys);
    evidence::evidence(&mut c, d, &keys);
    if let Some(m) = &d.meeting {
        meeting::meeting(&mut c, m);
    }
    record::record(&mut c, d, &cut_summaries);
    // The pack by its title (its id means nothing on paper); the day only, so it fits one line.
    let footer = format!(
        "{} v{} · prepared {}",
        d.pack_title,
        d.pack_version,
        super::day(&d.computed_at, c.zone)
    );
    c.finish(
        &mut doc,
        &Running {
            header_left: &d.candidate,
            header_right: "Confidential",
            footer_left: &footer,
            skip_first: false,
        },
    )
}

fn role_line(d: &Debrief) -> Option<String> {
    (!d.role_title.trim().is_empty()).then(|| d.role_title.trim().to_string())
}

/// Subheadings inside the sections that follow the evidence (the meeting, the record).
const SUBHEAD: Style = Style { size: 11.5, ..H2 };

/// "s" when `n` is not one.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Style of the short panelist keys heading grid columns.
const KEY_STYLE: Style = LABEL;

/// Short column headings for panelists in the score matrix and the evidence grids: first names
/// when every panelist's is different and fits a column, else initials (numbered when two
/// panelists share them). The first page's panel table says whose initials are whose.
struct Keys {
    by_panelist: Vec<(i64, String)>,
    /// Whether the keys are initials rather than first names.
    initials: bool,
}

impl Keys {
    fn new(d: &Debrief, column_width: f32) -> Keys {
        let fits = |key: &str| KEY_STYLE.width(key) <= column_width - 6.0;
        let first_names: Vec<String> = d
            .panelists
            .iter()
            .map(|p| p.name.split_whitespace().next().unwrap_or("?").to_string())
            .collect();
        let unique = first_names
            .iter()
            .enumerate()
            .all(|(i, n)| !first_names[..i].contains(n));
        let (keys, initials) = if unique && first_names.iter().all(|n| fits(n)) {
            (first_names, false)
        } else {
            let mut keys: Vec<String> = Vec::new();
            for p in &d.panelists {
                let base = initials_of(&p.name);
                let mut key = base.clone();
                let mut n = 2;
                while keys.contains(&key) {
                    key = format!("{base}{n}");
                    n += 1;
                }
                keys.push(key);
            }
            (keys, true)
        };
        Keys {
            by_panelist: d
                .panelists
                .iter()
                .map(|p| p.panelist_id)
                .zip(keys)
                .collect(),
            initials,
        }
    }

    /// The key of a cell's panelist.
    fn of(&self, cell: &DebriefCell) -> String {
        self.by_panelist
            .iter()
            .find(|(id, _)| *id == cell.panelist_id)
            .map_or_else(|| initials_of(&cell.panelist_name), |(_, k)| k.clone())
    }

    /// The key of the panelist with this id.
    fn by_id(&self, panelist_id: i64) -> Option<&str> {
        self.by_panelist
            .iter()
            .find(|(id, _)| *id == panelist_id)
            .map(|(_, k)| k.as_str())
    }
}

/// "PR" for "Priya Raman", "ΑΠ" for "Αλέξανδρος Παπαδόπουλος": the first letters of the first
/// and last names.
fn initials_of(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &&str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
    };
    match (words.first(), words.last()) {
        (Some(a), Some(b)) if words.len() > 1 => {
            format!(
                "{}{}",
                first(a).unwrap_or_default(),
                first(b).unwrap_or_default()
            )
        }
        (Some(a), _) => first(a).unwrap_or_else(|| "?".into()),
        _ => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::initials_of;

    #[test]
    fn initials_take_the_first_and_last_names() {
        assert_eq!(initials_of("Priya Raman"), "PR");
        assert_eq!(initials_of("Siobhán Ó Briain"), "SB");
        assert_eq!(initials_of("Αλέξανδρος Παπαδόπουλος"), "ΑΠ");
        assert_eq!(initials_of("Cher"), "C");
        assert_eq!(initials_of("  "), "?");
    }
}
