//! What the debrief packet says, rendered from data built through the public API and checked with
//! the tools a reader's machine would use: poppler (`pdftotext`, `pdfinfo`, `pdftoppm`) and
//! `qpdf --check`: every name, note and section, the page that decides, what an unsealed packet
//! is missing, a panel of eight. What every PDF does with the words (zones, fonts, paper, long
//! names) is in `pdf_paper.rs`.
//!
//! Rendered PDFs and page images go to `tests/artifacts/pdf/` at the workspace root, so a person
//! can look at what the committee will get.

mod support;

use panel_core::debrief::{self};
use panel_core::pdf::{self, Paper};
use panel_core::plans;
use panel_core::scorecards::{self, AnswerInput, Recommendation};
use panel_core::Db;

use support::*;

#[test]
fn the_packet_keeps_every_name_note_and_section() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    assert!(
        !debrief::top_disagreements(&d).is_empty(),
        "the data has disagreements"
    );
    let bytes =
        pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap();
    let path = write(&artifacts(), "packet-multilingual-a4.pdf", &bytes);

    let all = text(&path);
    assert!(
        all.contains(CANDIDATE),
        "the candidate's name extracts exactly"
    );
    for name in PANEL {
        assert!(all.contains(name), "{name} extracts exactly");
    }
    for q in &d.questions {
        assert!(
            all.contains(&format!("Question {}", q.number)),
            "question {} has a section",
            q.number
        );
    }
    for needle in [
        "CONFIDENTIAL",
        "Summary",
        "DISAGREEMENT",
        "Hire",
        "Strong hire",
        "No hire",
        "Not asked — Ran out of time",
        "Panelists",
        "Audit trail",
        "Scorecard amended",
        "Entered the wrong score; my notes say Mixed.",
        "Decision recorded",
        "RATER AGREEMENT",
        "Mean absolute difference",
    ] {
        assert!(all.contains(needle), "{needle:?} is in the packet");
    }
    assert!(
        collapse(&all).contains("Score from 4 Exceptional to 2 Mixed"),
        "the amendment shows the old and the new score"
    );

    let body = collapse(&body_text(&path, Paper::A4));
    assert!(
        body.contains(&collapse(&b.long_note)),
        "the 20,000-character note appears in full"
    );
    for q in &d.questions {
        for cell in &q.cells {
            assert!(
                body.contains(&collapse(&cell.notes)),
                "{}'s note on question {} is in the packet",
                cell.panelist_name,
                q.number
            );
        }
    }

    // The decision section comes first, then the evidence, then the record; the committee
    // reads the decision, every panelist's recommendation and view, and every disagreement
    // before any evidence.
    let n = pages(&path);
    eprintln!("multilingual packet (20,000-character note): {n} pages");
    let entries = outline(&path);
    assert_eq!(entries[0], ("Summary".to_string(), 1), "{entries:?}");
    assert_eq!(
        entries.last().unwrap().0,
        "Panelists and record",
        "{entries:?}"
    );
    assert!(
        entries.windows(2).all(|w| w[0].1 <= w[1].1),
        "entries in page order: {entries:?}"
    );
    assert_eq!(
        outlined_questions(&entries),
        d.questions.iter().map(|q| q.number).collect::<Vec<_>>(),
        "the evidence entries name every question, in order: {entries:?}"
    );
    let evidence_page = entries[1].1 as usize;
    assert!(evidence_page <= 3, "evidence starts by page 3: {entries:?}");
    let decision = collapse(&page_range_text(&path, 1, evidence_page));
    assert!(decision.contains("Hire decided by Dana Whitfield"));
    assert!(decision.contains(&collapse(&d.decision.as_ref().unwrap().rationale)));
    for p in &d.panelists {
        assert!(
            decision.contains(&collapse(&p.summary)),
            "{}'s view",
            p.name
        );
    }
    for q in debrief::top_disagreements(&d) {
        assert!(
            decision.contains(&format!("Q{} {}", q.number, collapse(&q.text))),
            "disagreement on question {} listed before the evidence",
            q.number
        );
    }
    assert!(
        !decision.contains("more question"),
        "no disagreement left out"
    );

    // Running header and footer on every page.
    assert!(all.contains(&format!("Page 1 of {n}")));
    assert!(all.contains(&format!("Page {n} of {n}")));
    assert_eq!(
        all.lines().filter(|l| l.trim() == "Confidential").count(),
        n,
        "running header on every page"
    );
    qpdf_check(&path);
    let first_disagreement = debrief::top_disagreements(&d)[0].number;
    let disagreement_page = page_with_question(&path, first_disagreement);
    let long_note_page = (1..=n)
        .find(|p| page_range_text(&path, *p, *p).contains("evidence00000"))
        .expect("the long note is somewhere");
    let record_page = entries.last().unwrap().1 as usize;
    snapshot(
        &path,
        "packet-multilingual",
        &[
            (1, "summary"),
            (2, "summary-continued"),
            (disagreement_page, "disagreement"),
            (long_note_page + 1, "long-note-continued"),
            (record_page, "record"),
        ],
    );
}

/// The page on which the evidence for question `number` starts.
fn page_with_question(path: &std::path::Path, number: u32) -> usize {
    let heading = format!("Question {number}");
    (1..=pages(path))
        .find(|&p| {
            page_range_text(path, p, p).lines().any(|l| {
                l.strip_prefix(&heading)
                    .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
            })
        })
        .unwrap_or_else(|| panic!("question {number} has a heading"))
}

/// The question numbers the evidence entries of an outline name ("Evidence: questions 1–3",
/// "Question 4", "Questions 5, 9"), in outline order.
fn outlined_questions(entries: &[(String, u64)]) -> Vec<u32> {
    let mut numbers = Vec::new();
    for (title, _) in entries {
        let lower = title.to_lowercase();
        let Some(list) = lower
            .strip_prefix("evidence: ")
            .unwrap_or(&lower)
            .strip_prefix("question")
        else {
            continue;
        };
        for part in list.trim_start_matches('s').trim().split(", ") {
            match part.split_once('–') {
                Some((a, b)) => numbers.extend(a.parse::<u32>().unwrap()..=b.parse().unwrap()),
                None => numbers.push(part.parse().unwrap()),
            }
        }
    }
    numbers
}

#[test]
fn the_sample_packet_renders_cleanly() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db.with_tx(|tx| plans::create_scored_sample(tx)).unwrap();
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-sample-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let all = text(&path);
    assert!(all.contains("Jonas Albrecht"));
    assert!(all.contains("Decision pending"));
    assert!(all.contains("Complete: every panelist submitted"));
    assert!(
        all.contains("Budget story leans on fear"),
        "panelist summaries"
    );
    // The first page decides: the candidate, the decision, who recommended what and why, the
    // score matrix and the capabilities, no cover page before them.
    let first = collapse(&page_range_text(&path, 1, 1));
    for needle in [
        "Jonas Albrecht",
        "Decision pending",
        "SCORES BY QUESTION AND PANELIST",
        "CAPABILITIES",
    ] {
        assert!(first.contains(needle), "{needle:?} on page 1");
    }
    for p in &d.panelists {
        assert!(first.contains(&p.name), "{} on page 1", p.name);
        assert!(first.contains(&collapse(&p.summary)), "{}'s view", p.name);
    }
    // Every disagreement before the evidence, none cut off.
    let evidence_page = page_with_question(&path, d.questions[0].number);
    let decision = collapse(&page_range_text(&path, 1, evidence_page));
    let flagged = debrief::top_disagreements(&d);
    assert!(!flagged.is_empty(), "the sample has disagreements");
    for q in &flagged {
        assert!(
            decision.contains(&format!("Q{} {}", q.number, collapse(&q.text))),
            "disagreement on question {}",
            q.number
        );
    }
    assert!(!decision.contains("more question"));
    // Agreement in the words the debrief screen uses, before the figures.
    let words = &d.agreement.as_ref().expect("the sample has pairs").in_words;
    assert!(decision.contains(&collapse(words)), "{words}");
    // Several questions to a page, and the uncovered points shown too.
    let n = pages(&path);
    eprintln!(
        "sample packet ({} panelists, {} questions): {n} pages",
        d.panelists.len(),
        d.questions.len()
    );
    assert!(n <= 9, "about 8 pages for the scored sample, not {n}");
    let body = collapse(&body_text(&path, Paper::A4));
    for q in &d.questions {
        for point in &q.strong_answer {
            assert!(body.contains(&collapse(point)), "{point}");
        }
        for cell in &q.cells {
            assert!(body.contains(&collapse(&cell.notes)), "{}", cell.notes);
        }
    }
    let entries = outline(&path);
    assert_eq!(entries[0], ("Summary".to_string(), 1));
    assert_eq!(
        entries.last().map(|(t, _)| t.as_str()),
        Some("Panelists and record"),
        "{entries:?}"
    );
    assert_eq!(
        outlined_questions(&entries),
        d.questions.iter().map(|q| q.number).collect::<Vec<_>>(),
        "{entries:?}"
    );
    qpdf_check(&path);
    snapshot(
        &path,
        "packet-sample",
        &[
            (1, "summary"),
            (2, "summary-continued"),
            (3, "evidence"),
            (entries.last().unwrap().1 as usize, "record"),
        ],
    );
}

#[test]
fn an_unsealed_packet_shows_what_is_missing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(tx, &new_plan("Amara Okafor"))?;
            let panel = add_panel_and_split(tx, plan, &["Priya Raman", "Tom Becker"], 60, Some(1))?;
            Ok((plan, panel))
        })
        .unwrap();
    let kit = scorecards::interview(db.conn(), plan, panel[0]).unwrap();
    db.with_tx(|tx| {
        for q in &kit.questions {
            scorecards::save_answer(
                tx,
                plan,
                panel[0],
                &AnswerInput {
                    question_number: q.question.number,
                    score: Some(3),
                    covered: vec![0],
                    ..Default::default()
                },
            )?;
        }
        scorecards::submit(tx, plan, panel[0], Some(Recommendation::Yes), None)?;
        scorecards::unseal(
            tx,
            plan,
            "Dana Whitfield",
            "Tom is on leave; the committee meets tomorrow.",
        )
    })
    .unwrap();
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-unsealed-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let all = text(&path);
    for needle in [
        "Decision pending",
        "Not submitted: Tom Becker",
        "Never scored",
        "Scores unsealed",
        "Tom is on leave; the committee meets tomorrow.",
        "No notes.",
        "Not scored",
        "Draft: this scorecard is not submitted.",
    ] {
        assert!(all.contains(needle), "{needle:?} is in the packet");
    }
    qpdf_check(&path);
}

#[test]
fn a_panel_of_eight_keeps_the_score_matrix_on_the_first_page() {
    let names = [
        "Priya Raman",
        "Tom Becker",
        "Grace Liu",
        "Sofía Marín",
        "Αλέξανδρος Παπαδόπουλος",
        "Ольга Смирнова",
        "Siobhán Ó Briain",
        "Priya Rao",
    ];
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(tx, &new_plan("Amara Okafor"))?;
            let panel = add_panel_and_split(tx, plan, &names, 60, Some(2))?;
            Ok((plan, panel))
        })
        .unwrap();
    for (p, &id) in panel.iter().enumerate() {
        let kit = scorecards::interview(db.conn(), plan, id).unwrap();
        db.with_tx(|tx| {
            for (i, q) in kit.questions.iter().enumerate() {
                scorecards::save_answer(
                    tx,
                    plan,
                    id,
                    &AnswerInput {
                        question_number: q.question.number,
                        score: Some([1u8, 4, 2, 3][(p + i) % 4]),
                        covered: vec![0],
                        notes: format!("{} on question {}.", names[p], q.question.number),
                        ..Default::default()
                    },
                )?;
            }
            scorecards::submit(tx, plan, id, Some(Recommendation::Yes), Some("Would hire."))
        })
        .unwrap();
    }
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-eight-panelists-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let first = page_range_text(&path, 1, 1);
    for name in names {
        assert!(collapse(&first).contains(name), "{name} in the panel table");
    }
    // Eight columns leave no room for first names (and two panelists share one): initials,
    // with the two "PR"s told apart, and the table saying whose they are.
    for key in ["PR", "PR2", "TB", "ΑΠ"] {
        assert!(
            first.lines().any(|l| l.trim() == key),
            "key {key} on page 1"
        );
    }
    let lines: Vec<&str> = first.lines().map(str::trim).collect();
    for q in &d.questions {
        assert!(
            lines.contains(&q.number.to_string().as_str()),
            "question {} has a row in the matrix on page 1",
            q.number
        );
    }
    eprintln!("eight-panelist packet: {} pages", pages(&path));
    qpdf_check(&path);
    snapshot(&path, "packet-eight-panelists", &[(1, "summary")]);
}
