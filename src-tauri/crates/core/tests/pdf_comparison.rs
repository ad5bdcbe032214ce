//! What the finalists comparison says, rendered from the calibration sample through the public
//! API and checked with poppler: every candidate, every capability, the raw and adjusted figures
//! as the comparison computed them, the decisions, the explanation of the adjusted figures and
//! the questions compared; the paper size; and, with six candidates, that the table keeps inside
//! the text block.
//!
//! Rendered PDFs and page images go to `tests/artifacts/pdf/` at the workspace root.

mod support;

use panel_core::calibration::{self, Comparison};
use panel_core::pdf::{self, Paper};
use panel_core::Db;

use support::*;

/// The calibration sample, and the plans of it that can be compared (sealed ones are refused).
fn sample() -> (Db, Vec<i64>) {
    let mut db = Db::open_in_memory().unwrap();
    let sample = db
        .with_tx(|tx| calibration::create_calibration_sample(tx))
        .unwrap();
    let first = sample.plan_ids[0];
    let open: Vec<i64> = sample
        .plan_ids
        .iter()
        .copied()
        .filter(|&id| id == first || calibration::compare(db.conn(), &[first, id]).is_ok())
        .collect();
    assert!(open.len() >= 6, "the sample has six open plans: {open:?}");
    (db, open)
}

fn utc() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(0).unwrap()
}

/// Checks the words of the comparison are in the PDF at `path`.
fn says_everything(path: &std::path::Path, c: &Comparison) {
    let all = collapse(&text(path));
    for needle in [
        "Finalists compared",
        "Confidential",
        "CAPABILITY",
        "Recommendations",
        "Decision so far",
        "Where each panel disagreed most",
        "About the figures",
        "Page 1 of",
    ] {
        assert!(all.contains(needle), "{needle:?} is in the comparison");
    }
    assert!(all.contains(&collapse(&c.in_words)), "{}", c.in_words);
    let role = c.plans[0].role_title.trim();
    assert!(!role.is_empty() && all.contains(role), "the role {role:?}");
    for p in &c.plans {
        assert!(all.contains(&collapse(&p.candidate)), "{}", p.candidate);
        let decision = p.decision.as_deref().unwrap_or("Not decided");
        assert!(all.contains(decision), "{}: {decision}", p.candidate);
        for q in &p.disagreements {
            assert!(
                all.contains(&collapse(&q.text)),
                "{}'s disagreement on Q{}",
                p.candidate,
                q.number
            );
            assert!(all.contains(&format!("Q{} spread {}", q.number, q.spread)));
        }
        if p.adjusted_in_words != calibration::ADJUSTED_EXPLAINED {
            assert!(
                all.contains(&collapse(&p.adjusted_in_words)),
                "{}",
                p.adjusted_in_words
            );
        }
    }
    for &cap in &c.capabilities {
        let label = panel_core::capability::label(cap);
        assert!(all.contains(label), "{label}");
    }
    // Every cell's figures, as many times as the cells hold them.
    let mut wanted: Vec<String> = Vec::new();
    for p in &c.plans {
        for x in &p.capabilities {
            wanted.push(match x.raw_mean {
                Some(m) => format!("raw {m:.2}"),
                None => "raw —".into(),
            });
            wanted.push(match x.adjusted_mean {
                Some(m) => format!("adj. {m:.2}"),
                None => "adj. —".into(),
            });
        }
    }
    for w in &wanted {
        let expected = wanted.iter().filter(|x| *x == w).count();
        assert!(
            all.matches(w.as_str()).count() >= expected,
            "{w:?} appears {expected} times"
        );
    }
    assert!(
        all.contains(&collapse(calibration::ADJUSTED_EXPLAINED)),
        "the adjusted figures are explained"
    );
    assert!(all.contains("covers only the questions every panel asked"));
    for q in &c.common_questions {
        assert!(
            all.contains(&format!("Q{} {}", q.number, collapse(&q.text))),
            "common question {}",
            q.number
        );
    }
    qpdf_check(path);
}

/// Every word's box on every page, as (page, xMin, xMax, word).
fn word_boxes(path: &std::path::Path) -> Vec<(usize, f32, f32, String)> {
    let html = run(
        "pdftotext",
        &["-bbox", "-enc", "UTF-8", path_str(path), "-"],
    );
    let attr = |line: &str, name: &str| -> f32 {
        let at = line.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let rest = &line[at..];
        rest[..rest.find('"').unwrap()].parse().unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if line.starts_with("<word") {
            let word =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push((page, attr(line, "xMin"), attr(line, "xMax"), word));
        }
    }
    words
}

/// Every word lies inside the text block: the 20 mm margins, with a point for rounding.
fn keeps_to_the_margins(path: &std::path::Path, paper: Paper) {
    let width = match paper {
        Paper::A4 => 595.28,
        Paper::Letter => 612.0,
    };
    let margin = 20.0 * 72.0 / 25.4;
    let words = word_boxes(path);
    assert!(words.len() > 200, "words found: {}", words.len());
    for (page, x_min, x_max, word) in &words {
        assert!(
            *x_max <= width - margin + 1.0 && *x_min >= margin - 1.0,
            "page {page}: {word:?} runs from {x_min} to {x_max}, outside {margin}..{}",
            width - margin
        );
    }
}

#[test]
fn two_finalists_side_by_side() {
    let (db, open) = sample();
    let c = calibration::compare(db.conn(), &open[..2]).unwrap();
    assert_eq!(c.plans.len(), 2);
    let path = write(
        &artifacts(),
        "comparison-2-a4.pdf",
        &pdf::comparison_pdf(&c, Paper::A4, utc()).unwrap(),
    );
    says_everything(&path, &c);
    keeps_to_the_margins(&path, Paper::A4);
    assert!(
        info(&path, "Page size").starts_with("595.28 x 841.89 pts"),
        "{}",
        info(&path, "Page size")
    );
    assert_eq!(info(&path, "Title"), "Finalists compared");
    assert_eq!(info(&path, "Author"), "Hiring Panel");
    let today = chrono::Utc::now().format("%-d %b %Y").to_string();
    assert!(
        text(&path).contains(&format!("prepared {today}")),
        "the footer dates it"
    );
    let first = page_range_text(&path, 1, 1);
    assert!(
        first.contains("Finalists compared") && first.contains("Decision so far"),
        "the table is on the first page"
    );
    snapshot(
        &path,
        "comparison-2-a4",
        &[(1, "p1"), (pages(&path), "last")],
    );
}

#[test]
fn six_finalists_fit_the_page_on_a4_and_letter() {
    let (db, open) = sample();
    let ids = &open[..calibration::MAX_COMPARED];
    // One lead turned the adjusted means off: that column says so in words.
    calibration::set_adjusted_view(db.conn(), ids[5], false).unwrap();
    let c = calibration::compare(db.conn(), ids).unwrap();
    assert_eq!(c.plans.len(), 6);
    assert!(c.plans[5]
        .capabilities
        .iter()
        .all(|x| x.adjusted_mean.is_none()));
    for (paper, name, size) in [
        (Paper::A4, "comparison-6-a4", "595.28 x 841.89 pts"),
        (Paper::Letter, "comparison-6-letter", "612 x 792 pts"),
    ] {
        let path = write(
            &artifacts(),
            &format!("{name}.pdf"),
            &pdf::comparison_pdf(&c, paper, utc()).unwrap(),
        );
        says_everything(&path, &c);
        assert!(collapse(&text(&path)).contains("adj. —"));
        keeps_to_the_margins(&path, paper);
        assert!(
            info(&path, "Page size").starts_with(size),
            "{}",
            info(&path, "Page size")
        );
        let first = page_range_text(&path, 1, 1);
        assert!(
            first.contains("Decision so far"),
            "six columns still fit the first page"
        );
        eprintln!("{name}: {} pages", pages(&path));
        snapshot(&path, name, &[(1, "p1"), (pages(&path), "last")]);
    }

    // Long names wrap inside their column, however narrow.
    let mut long = c.clone();
    long.plans[0].candidate = long_name(
        "Anastasia-Konstantina Παπαδοπούλου-Wojciechowska Ёлкина",
        120,
    );
    long.plans[3].candidate = "Maximilian-Alexander-Σταυρόπουλος-Кузнецова".into();
    let path = write(
        &artifacts(),
        "comparison-6-long-names.pdf",
        &pdf::comparison_pdf(&long, Paper::A4, utc()).unwrap(),
    );
    says_everything(&path, &long);
    keeps_to_the_margins(&path, Paper::A4);
    snapshot(&path, "comparison-6-long-names", &[(1, "p1")]);
}
