//! The debrief packet: what the hiring committee reads before deciding, and what is kept as the
//! record of the decision.
//!
//! Order: a cover (who, what role, when, which panel, CONFIDENTIAL), a one-page summary (the
//! decision, the recommendation tally, a capability chart, the largest disagreements, what is
//! missing, how far raters agree), one section per question with every panelist's evidence in
//! full, each panelist's overall view, and the audit trail. Every section starts on a new page
//! and has an outline entry, so a reader can jump straight to it.

mod questions;
mod summary;

use printpdf::PdfDocument;

use super::blocks::{label, question_heading};
use super::layout::{
    baseline_in, fit, wrap_text, Composer, Running, Style, ACCENT, ACCENT_TINT, ALERT, ALERT_TINT,
    BODY, H1, H2, INK, LABEL, MUTED, RULE, SMALL,
};
use super::{instant, level_label, long_instant, recommendation_label, score_label, Paper};
use crate::capability::label as capability_label;
use crate::debrief::{top_disagreements, Debrief, DebriefCell, QuestionDebrief};

/// Disagreements listed on the summary page; the rest are marked in their sections.
const SUMMARY_DISAGREEMENTS: usize = 5;

/// Renders the packet.
pub(super) fn render(d: &Debrief, paper: Paper, zone: chrono::FixedOffset) -> Vec<u8> {
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
    cover(&mut c, d);
    summary::summary(&mut c, d);
    level_guidance(&mut c, d);
    for q in &d.questions {
        questions::question(&mut c, q);
    }
    panelists(&mut c, d);
    audit(&mut c, d);
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
            skip_first: true,
        },
    )
}

fn role_line(d: &Debrief) -> Option<String> {
    (!d.role_title.trim().is_empty()).then(|| d.role_title.trim().to_string())
}

/// A page title with a short accent rule under it.
fn page_title(c: &mut Composer, title: &str) {
    c.paragraph(title, H1, 0.0);
    c.gap(3.0);
    let (x, y) = (c.left(), c.y);
    c.fill_rect(x, y - 2.0, 36.0, 2.0, ACCENT);
    c.gap(16.0);
}

fn cover(c: &mut Composer, d: &Debrief) {
    c.new_page();
    let geo = c.geo;
    // A thin accent band across the top edge.
    c.fill_rect(0.0, geo.height - 5.0, geo.width, 5.0, ACCENT);
    c.y = geo.height - 20.0 * super::layout::MM;
    let y = c.baseline(LABEL);
    let x = c.left();
    c.text(
        x,
        y,
        "HIRING PANEL  ·  DEBRIEF PACKET",
        LABEL.colour(ACCENT),
    );
    let mark_y = y;
    // The confidential marking: an outlined box, top right.
    let mark = Style { size: 9.0, ..LABEL }.colour(ALERT);
    let mark_text = "CONFIDENTIAL";
    let mark_w = mark.width(mark_text) + 16.0;
    let right = c.right();
    c.fill_rect(right - mark_w, y - 6.0, mark_w, 20.0, ALERT_TINT);
    c.stroke_rect(right - mark_w, y - 6.0, mark_w, 20.0, ALERT, 0.9);
    c.text(right - mark_w + 8.0, mark_y, mark_text, mark);
    let panel: Vec<&str> = d.panelists.iter().map(|p| p.name.as_str()).collect();
    let mut fields: Vec<(&str, String)> = vec![
        (
            "Interview",
            d.starts_at
                .as_deref()
                .map_or_else(|| "Date not set".to_string(), |t| long_instant(t, c.zone)),
        ),
        ("Level", level_label(d.level).to_string()),
        ("Role", role_line(d).unwrap_or_else(|| "Not set".into())),
        (
            "Panel",
            if panel.is_empty() {
                "No panelists".to_string()
            } else {
                panel.join(", ")
            },
        ),
    ];
    if !d.panel_lead.trim().is_empty() {
        fields.push(("Panel lead", d.panel_lead.clone()));
    }
    if !d.recruiter.trim().is_empty() {
        fields.push(("Recruiter", d.recruiter.clone()));
    }
    fields.push((
        "Question pack",
        format!(
            "{} ({}), version {}",
            d.pack_title, d.pack_id, d.pack_version
        ),
    ));
    fields.push((
        "Decision",
        d.decision.as_ref().map_or_else(
            || "Pending".to_string(),
            |x| {
                format!(
                    "{} ({})",
                    x.decision.label(),
                    instant(&x.decided_at, c.zone)
                )
            },
        ),
    ));
    fields.push(("Prepared", instant(&d.computed_at, c.zone)));
    let name = Style {
        size: 28.0,
        leading: 1.2,
        ..H1
    };
    let sub = Style { size: 13.0, ..BODY }.colour(MUTED);
    let role = role_line(d).unwrap_or_else(|| level_label(d.level).to_string());
    let notice = "Confidential. This packet holds candidate evaluations for the hiring committee \
                  of this role only. Do not forward, copy or keep it outside the hiring record. \
                  Scores are the panelists' own; the figures are computed from them and nothing \
                  else.";
    let width = c.content_width();
    let lines = |text: &str, w: f32, style: Style| wrap_text(text, w, style).len().max(1) as f32;
    let notice_h = lines(notice, width, SMALL) * SMALL.line_height() + 10.0;
    let block_h = lines(&d.candidate, width, name) * name.line_height()
        + 4.0
        + lines(&role, width, sub) * sub.line_height()
        + 40.0
        + fields
            .iter()
            .map(|(_, v)| lines(v, width - FIELD_KEY_W, FIELD) * FIELD.line_height() + 5.0)
            .sum::<f32>();
    // The cover has no footer: its notice may sit lower than the text block of other pages.
    c.geo.bottom = 14.0 * super::layout::MM;
    let foot = c.geo.bottom + notice_h + 2.0;
    // The candidate block sits a third of the way down, like a title page, higher when long.
    c.y = (geo.height * 0.70)
        .max(foot + 24.0 + block_h)
        .min(mark_y - 40.0);

    c.paragraph(&d.candidate, name, 0.0);
    c.gap(4.0);
    c.paragraph(&role, sub, 0.0);
    c.gap(26.0);
    c.rule(RULE, 0.6);
    c.gap(14.0);
    for (key, value) in fields {
        field(c, key, &value);
    }

    // The notice sits at the foot of the cover unless the fields ran long.
    if c.y - 20.0 > foot {
        c.y = foot;
    } else {
        c.gap(20.0);
    }
    c.ensure(notice_h);
    c.rule(RULE, 0.6);
    c.gap(8.0);
    c.paragraph(notice, SMALL, 0.0);
    c.geo.bottom = geo.bottom;
}

/// Width of the key column on the cover.
const FIELD_KEY_W: f32 = 110.0;
/// Values on the cover.
const FIELD: Style = Style { size: 10.5, ..BODY };

/// A key on the left, its value wrapped on the right.
fn field(c: &mut Composer, key: &str, value: &str) {
    let key_w = FIELD_KEY_W;
    let style = FIELD;
    c.ensure(style.line_height());
    let y = c.baseline(style);
    let x = c.left();
    c.text(x, y, key, SMALL.size(9.0).colour(MUTED));
    c.paragraph(value, style, key_w);
    c.gap(5.0);
}

fn panelists(c: &mut Composer, d: &Debrief) {
    c.start_section("Panelists");
    c.bookmark("Panelists");
    page_title(c, "Panelists");
    if d.panelists.is_empty() {
        c.paragraph("No panelists.", BODY.colour(MUTED), 0.0);
    }
    for (i, p) in d.panelists.iter().enumerate() {
        if i > 0 {
            c.gap(12.0);
        }
        c.ensure(BODY.line_height() * 4.0 + 10.0);
        if !c.at_top() {
            c.rule(RULE, 0.5);
            c.gap(8.0);
        }
        let name_style = BODY.size(11.0).bold();
        let (rec, rec_style) = match (p.submitted, p.recommendation) {
            (true, Some(r)) => (
                recommendation_label(r).to_string(),
                name_style.colour(ACCENT),
            ),
            (true, None) => ("No recommendation".to_string(), name_style.colour(MUTED)),
            (false, _) => ("Not submitted".to_string(), name_style.colour(ALERT)),
        };
        let rec_w = rec_style.width(&rec);
        questions::name_row(c, &p.name, name_style, rec_w + 24.0, |c, y| {
            let right = c.right();
            c.text_right(right, y, &rec, rec_style);
        });
        let mut meta = format!(
            "{} question{}",
            p.questions,
            if p.questions == 1 { "" } else { "s" }
        );
        if let Some(at) = &p.submitted_at {
            meta = format!("Submitted {} · {meta}", instant(at, c.zone));
        }
        c.paragraph(&meta, SMALL, 0.0);
        c.gap(4.0);
        if p.summary.trim().is_empty() {
            c.paragraph("No summary written.", BODY.colour(MUTED), 0.0);
        } else {
            c.paragraph(&p.summary, BODY, 0.0);
        }
    }
}

/// What the pack says a strong answer looks like at the candidate's level: the yardstick the
/// committee reads every score against. Only when the pack gives guidance for the level.
fn level_guidance(c: &mut Composer, d: &Debrief) {
    let Some(text) = &d.level_guidance else {
        return;
    };
    let title = format!("What strong looks like at {} level", level_label(d.level));
    c.start_section(&title);
    c.bookmark("Level guidance");
    page_title(c, &title);
    c.paragraph(text, BODY, 0.0);
    c.gap(8.0);
    c.paragraph(
        &format!(
            "From the question pack {}, version {}.",
            d.pack_title, d.pack_version
        ),
        SMALL.colour(MUTED),
        0.0,
    );
}

fn audit(c: &mut Composer, d: &Debrief) {
    c.start_section("Audit trail");
    c.bookmark("Audit trail");
    page_title(c, "Audit trail");
    c.paragraph(
        "Every submission, amendment, unsealing and decision on this plan, oldest first.",
        SMALL,
        0.0,
    );
    c.gap(8.0);
    if d.audit.is_empty() {
        c.paragraph("No events recorded.", BODY.colour(MUTED), 0.0);
        return;
    }
    let date_w = 112.0;
    let key_w = 86.0;
    for event in &d.audit {
        let described = super::trail::describe(event);
        c.gap(6.0);
        c.ensure(BODY.line_height() * 2.0 + 8.0);
        if !c.at_top() {
            c.rule(RULE, 0.4);
            c.gap(6.0);
        }
        let y = c.baseline(BODY);
        let x = c.left();
        let at = instant(&event.at, c.zone);
        c.text(x, y + 0.5, &at, SMALL);
        c.paragraph(
            &format!("{} — {}", described.title, event.actor),
            BODY.bold(),
            date_w,
        );
        for (key, value) in &described.details {
            c.ensure(BODY.line_height());
            let y = c.baseline(BODY);
            let x = c.left() + date_w;
            c.text(x, y + 0.5, key, SMALL);
            c.paragraph(value, BODY, date_w + key_w);
        }
    }
}
