//! The debrief packet and the interview kit, rendered from data built through the public API and
//! checked with the tools a reader's machine would use: poppler (`pdftotext`, `pdffonts`,
//! `pdfinfo`, `pdftoppm`) and `qpdf --check`.
//!
//! Rendered PDFs and page images go to `tests/artifacts/pdf/` at the workspace root, so a person
//! can look at what the committee will get.

use std::path::{Path, PathBuf};
use std::process::Command;

use panel_core::debrief::{self, DecisionInput, DecisionKind};
use panel_core::pdf::{self, Paper};
use panel_core::plans::{self, NewPanelist, NewPlan};
use panel_core::scorecards::{self, Amendment, AnswerInput, Recommendation};
use panel_core::{Db, Level};

const CANDIDATE: &str = "Zoë Łukasiewicz-Ζαχαρίου Петрова";
const PANEL: [&str; 4] = [
    "Αλέξανδρος Παπαδόπουλος",
    "Ольга Смирнова",
    "Siobhán Ó Briain",
    "Jürgen Weiß",
];

/// Where page images and PDFs are kept for people to look at.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).expect("artifacts directory");
    dir
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils, qpdf): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

fn text(path: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", path_str(path), "-"])
}

/// The text of the body of every page, without the running header and footer.
fn body_text(path: &Path, paper: Paper) -> String {
    let (w, h) = match paper {
        Paper::A4 => (596, 842),
        Paper::Letter => (612, 792),
    };
    let (y, height) = (56.to_string(), (h - 112).to_string());
    run(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-x",
            "0",
            "-y",
            &y,
            "-W",
            &w.to_string(),
            "-H",
            &height,
            path_str(path),
            "-",
        ],
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info(path: &Path, key: &str) -> String {
    run("pdfinfo", &[path_str(path)])
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo shows no {key}"))
        .trim()
        .to_string()
}

fn pages(path: &Path) -> usize {
    info(path, "Pages").parse().expect("page count")
}

/// Outline entries as (title, page number).
fn outline(path: &Path) -> Vec<(String, u64)> {
    let json: serde_json::Value = serde_json::from_str(&run(
        "qpdf",
        &["--json", "--json-key=outlines", path_str(path)],
    ))
    .expect("qpdf json");
    json["outlines"]
        .as_array()
        .expect("an outline")
        .iter()
        .map(|o| {
            (
                o["title"].as_str().expect("title").to_string(),
                o["destpageposfrom1"].as_u64().expect("destination page"),
            )
        })
        .collect()
}

fn qpdf_check(path: &Path) {
    let out = run("qpdf", &["--check", path_str(path)]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check: {out}"
    );
}

/// Saves page images (60 dpi) of the given pages next to the PDF.
fn snapshot(path: &Path, stem: &str, pages: &[(usize, &str)]) {
    let dir = artifacts();
    for (page, name) in pages {
        let prefix = dir.join(format!("{stem}-{name}"));
        let p = page.to_string();
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "60",
                "-f",
                &p,
                "-l",
                &p,
                "-singlefile",
                path_str(path),
                path_str(&prefix),
            ],
        );
    }
}

/// A note of exactly 20,000 characters, every word distinct so a lost line would show.
fn long_note() -> String {
    let mut note = String::new();
    let mut i = 0;
    while note.chars().count() < 20_100 {
        let word = match i % 3 {
            0 => format!("evidence{i:05}"),
            1 => format!("доказ{i:05}"),
            _ => format!("τεκμήριο{i:05}"),
        };
        note.push_str(&word);
        note.push(if i % 40 == 39 { '\n' } else { ' ' });
        i += 1;
    }
    let note: String = note.chars().take(20_000).collect();
    note.trim_end().to_string()
}

struct Built {
    db: Db,
    plan: i64,
    panel: Vec<i64>,
    long_note: String,
}

/// A plan for the candidate with the four panelists, split with coverage 2 (so disagreements and
/// rater agreement exist), every scorecard submitted, one amended, one question not asked, and a
/// decision recorded.
fn scored_plan() -> Built {
    let mut db = Db::open_in_memory().unwrap();
    let long = long_note();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: CANDIDATE.into(),
                    email: None,
                    level: Level::SeniorDirector,
                    role_title: Some("Senior Director, Product Security".into()),
                    starts_at: Some("2025-03-11T09:30:00+01:00".into()),
                    panel_lead: Some("Dana Whitfield".into()),
                    recruiter: Some("Luis Ortega".into()),
                    notes: None,
                },
            )?;
            let panel = PANEL
                .iter()
                .map(|name| {
                    plans::add_panelist(
                        tx,
                        plan,
                        &NewPanelist {
                            name: (*name).into(),
                            email: None,
                            slot_minutes: 90,
                            focus: Vec::new(),
                            excluded_questions: Vec::new(),
                        },
                    )
                })
                .collect::<panel_core::Result<Vec<_>>>()?;
            plans::split_plan(tx, plan, Some(2))?;
            Ok((plan, panel))
        })
        .unwrap();
    let recommendations = [
        Recommendation::Yes,
        Recommendation::StrongYes,
        Recommendation::No,
        Recommendation::Yes,
    ];
    for (p, &id) in panel.iter().enumerate() {
        let kit = scorecards::interview(db.conn(), plan, id).unwrap();
        db.with_tx(|tx| {
            for (i, q) in kit.questions.iter().enumerate() {
                let score = [3u8, 4, 1, 2][(p + i * 3) % 4];
                let not_asked = p == 3 && i == 1;
                let answer = AnswerInput {
                    question_number: q.number,
                    score: (!not_asked).then_some(score),
                    not_asked_reason: not_asked.then(|| {
                        "Ran out of time after a long answer to the previous question".into()
                    }),
                    covered: if not_asked {
                        Vec::new()
                    } else {
                        (0..(score as usize).min(q.strong_answer.len()) as u32).collect()
                    },
                    flags: if score == 1 && !not_asked && !q.weak_signals.is_empty() {
                        vec![0]
                    } else {
                        Vec::new()
                    },
                    notes: if p == 0 && i == 0 {
                        long.clone()
                    } else {
                        format!(
                            "{} on question {}: named owners and trade-offs, gave one concrete \
                             example, and said what she would change in the first ninety days.",
                            PANEL[p], q.number
                        )
                    },
                    seconds_spent: 420,
                };
                scorecards::save_answer(tx, plan, id, &answer)?;
            }
            scorecards::submit(
                tx,
                plan,
                id,
                Some(recommendations[p]),
                Some(&format!(
                    "{} — a calm operator with a clear model of risk ownership. Would want to \
                     see more on budget defence.",
                    PANEL[p]
                )),
            )
        })
        .unwrap();
    }
    let second = scorecards::interview(db.conn(), plan, panel[1]).unwrap();
    db.with_tx(|tx| {
        scorecards::amend(
            tx,
            plan,
            panel[1],
            &Amendment {
                question_number: second.questions[0].number,
                score: Some(2),
                notes: None,
                reason: "Entered the wrong score; my notes say Mixed.".into(),
            },
        )?;
        debrief::decide(
            tx,
            plan,
            &DecisionInput {
                decision: DecisionKind::Hire,
                rationale: "Strong on risk ownership and program design; the budget concerns \
                            are coachable and the panel agreed to cover them in onboarding."
                    .into(),
                decided_by: "Dana Whitfield".into(),
            },
        )
    })
    .unwrap();
    Built {
        db,
        plan,
        panel,
        long_note: long,
    }
}

#[test]
fn the_packet_keeps_every_name_note_and_section() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    assert!(
        !debrief::top_disagreements(&d).is_empty(),
        "the data has disagreements"
    );
    let bytes = pdf::debrief_packet(&d, Paper::A4).unwrap();
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

    // Cover, summary, one page or more per question, panelists, audit trail.
    let n = pages(&path);
    assert!(n >= d.questions.len() + 4, "{n} pages");
    let entries = outline(&path);
    let mut expected = vec!["Summary".to_string()];
    expected.extend(d.questions.iter().map(|q| format!("Question {}", q.number)));
    expected.push("Panelists".into());
    expected.push("Audit trail".into());
    let titles: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(titles, expected, "one bookmark per section, in order");
    assert_eq!(entries[0].1, 2, "the summary follows the cover");
    assert!(
        entries.windows(2).all(|w| w[0].1 < w[1].1),
        "every section starts on its own page: {entries:?}"
    );
    assert_eq!(
        entries.last().unwrap().1 as usize,
        n,
        "the audit trail is last"
    );

    // Running header and footer on every page but the cover.
    assert!(all.contains(&format!("Page 2 of {n}")));
    assert!(all.contains(&format!("Page {n} of {n}")));
    assert!(
        !all.contains(&format!("Page 1 of {n}")),
        "the cover has no footer"
    );
    assert_eq!(
        all.lines().filter(|l| l.trim() == "Confidential").count(),
        n - 1,
        "running header on every page but the cover"
    );
    qpdf_check(&path);
    let first_disagreement = format!("Question {}", debrief::top_disagreements(&d)[0].number);
    let disagreement_page = entries
        .iter()
        .find(|(t, _)| *t == first_disagreement)
        .map(|(_, p)| *p as usize)
        .unwrap();
    let long_note_page = (1..=n)
        .find(|p| {
            let page = p.to_string();
            run(
                "pdftotext",
                &["-f", &page, "-l", &page, path_str(&path), "-"],
            )
            .contains("evidence00000")
        })
        .expect("the long note is somewhere");
    snapshot(
        &path,
        "packet-multilingual",
        &[
            (1, "cover"),
            (2, "summary"),
            (3, "question"),
            (disagreement_page, "disagreement"),
            (long_note_page + 1, "long-note-continued"),
        ],
    );
}

#[test]
fn fonts_are_embedded_and_subset() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-fonts.pdf",
        &pdf::debrief_packet(&d, Paper::A4).unwrap(),
    );
    let fonts = run("pdffonts", &[path_str(&path)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, base) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "ABCDEF+ prefix: {name}"
        );
        assert!(base.contains("NotoSans"), "{name}");
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "subset: {row}");
        assert_eq!(cols[n - 3], "yes", "has a ToUnicode map: {row}");
    }
}

#[test]
fn metadata_and_paper_sizes() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    let dir = artifacts();
    let a4 = write(
        &dir,
        "packet-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4).unwrap(),
    );
    let letter = write(
        &dir,
        "packet-letter.pdf",
        &pdf::debrief_packet(&d, Paper::Letter).unwrap(),
    );
    assert!(
        info(&a4, "Page size").starts_with("595.28 x 841.89 pts"),
        "{}",
        info(&a4, "Page size")
    );
    assert!(
        info(&letter, "Page size").starts_with("612 x 792 pts"),
        "{}",
        info(&letter, "Page size")
    );
    assert_eq!(info(&a4, "Title"), format!("Debrief packet — {CANDIDATE}"));
    assert_eq!(info(&a4, "Author"), "Hiring Panel");
    assert_eq!(info(&a4, "Creator"), "Hiring Panel");
    assert!(info(&a4, "Subject").contains(CANDIDATE));
    assert!(
        info(&a4, "CreationDate").contains(&chrono::Utc::now().format("%Y").to_string()),
        "dated when prepared, not 1970"
    );
    qpdf_check(&letter);
    let body = collapse(&body_text(&letter, Paper::Letter));
    assert!(
        body.contains(&collapse(&b.long_note)),
        "Letter keeps the note too"
    );
}

#[test]
fn the_sample_packet_renders_cleanly() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db.with_tx(|tx| plans::create_scored_sample(tx)).unwrap();
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-sample-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4).unwrap(),
    );
    let all = text(&path);
    assert!(all.contains("Jonas Albrecht"));
    assert!(all.contains("Decision pending"));
    assert!(all.contains("Complete: every panelist submitted"));
    assert!(
        all.contains("Budget story leans on fear"),
        "panelist summaries"
    );
    assert!(
        pages(&path) >= d.questions.len() + 4,
        "cover, summary, a page per question, panelists, audit trail"
    );
    qpdf_check(&path);
    snapshot(
        &path,
        "packet-sample",
        &[
            (1, "cover"),
            (2, "summary"),
            (3, "question"),
            (pages(&path) - 1, "panelists"),
        ],
    );
}

#[test]
fn an_unsealed_packet_shows_what_is_missing() {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: "Amara Okafor".into(),
                    email: None,
                    level: Level::Vp,
                    role_title: None,
                    starts_at: None,
                    panel_lead: None,
                    recruiter: None,
                    notes: None,
                },
            )?;
            let panel = ["Priya Raman", "Tom Becker"]
                .iter()
                .map(|n| {
                    plans::add_panelist(
                        tx,
                        plan,
                        &NewPanelist {
                            name: (*n).into(),
                            email: None,
                            slot_minutes: 60,
                            focus: Vec::new(),
                            excluded_questions: Vec::new(),
                        },
                    )
                })
                .collect::<panel_core::Result<Vec<_>>>()?;
            plans::split_plan(tx, plan, Some(1))?;
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
                    question_number: q.number,
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
        &pdf::debrief_packet(&d, Paper::A4).unwrap(),
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
fn the_kit_lists_only_that_panelists_questions() {
    let b = scored_plan();
    let mine = scorecards::interview(b.db.conn(), b.plan, b.panel[1]).unwrap();
    let theirs = scorecards::interview(b.db.conn(), b.plan, b.panel[2]).unwrap();
    let path = write(
        &artifacts(),
        "kit-letter.pdf",
        &pdf::interview_kit(&mine, Paper::Letter).unwrap(),
    );
    let all = text(&path);
    assert!(all.contains(PANEL[1]) && all.contains(CANDIDATE));
    assert!(all.contains(&format!("Slot {} minutes", mine.slot_minutes)));
    let numbers: Vec<u32> = mine.questions.iter().map(|q| q.number).collect();
    let entries = outline(&path);
    let titles: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
    let expected: Vec<String> = numbers.iter().map(|n| format!("Question {n}")).collect();
    assert_eq!(titles, expected, "a bookmark per question, in asking order");
    for q in &theirs.questions {
        if !numbers.contains(&q.number) {
            assert!(
                !all.contains(&q.text),
                "question {} is not this panelist's",
                q.number
            );
        }
    }
    for q in &mine.questions {
        assert!(
            collapse(&all).contains(&collapse(&q.text)),
            "question {}",
            q.number
        );
        for point in &q.strong_answer {
            assert!(collapse(&all).contains(&collapse(point)), "{point}");
        }
    }
    for a in pdf::SCORE_ANCHORS {
        assert!(collapse(&all).contains(&collapse(a.anchor)), "{}", a.anchor);
    }
    assert!(info(&path, "Page size").starts_with("612 x 792 pts"));
    assert_eq!(
        info(&path, "Title"),
        format!("Interview kit — {CANDIDATE} — {}", PANEL[1])
    );
    assert!(pages(&path) > mine.questions.len());
    qpdf_check(&path);
    snapshot(&path, "kit", &[(1, "overview"), (2, "question")]);
}

/// `words` repeated and cut to exactly `chars` characters, ending on a letter.
fn long_name(words: &str, chars: usize) -> String {
    let mut name = String::new();
    while name.chars().count() < chars + 20 {
        name.push_str(words);
        name.push(' ');
    }
    let name: String = name.chars().take(chars).collect();
    let trimmed = name.trim_end().to_string();
    let pad = chars - trimmed.chars().count();
    format!("{trimmed}{}", "ж".repeat(pad))
}

#[test]
fn long_names_wrap_instead_of_being_cut() {
    let candidate = long_name(
        "Anastasia-Konstantina Παπαδοπούλου-Wojciechowska Ёлкина",
        200,
    );
    let panelist = long_name("Maximilian-Alexander Σταυρόπουλος Кузнецова-Øvergaard", 200);
    assert_eq!(candidate.chars().count(), 200);
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: candidate.clone(),
                    email: None,
                    level: Level::Principal,
                    role_title: None,
                    starts_at: None,
                    panel_lead: None,
                    recruiter: None,
                    notes: None,
                },
            )?;
            let panel = [panelist.as_str(), "Tom Becker"]
                .iter()
                .map(|n| {
                    plans::add_panelist(
                        tx,
                        plan,
                        &NewPanelist {
                            name: (*n).into(),
                            email: None,
                            slot_minutes: 90,
                            focus: Vec::new(),
                            excluded_questions: Vec::new(),
                        },
                    )
                })
                .collect::<panel_core::Result<Vec<_>>>()?;
            plans::split_plan(tx, plan, Some(1))?;
            Ok((plan, panel))
        })
        .unwrap();
    for &id in &panel {
        let kit = scorecards::interview(db.conn(), plan, id).unwrap();
        db.with_tx(|tx| {
            for q in &kit.questions {
                scorecards::save_answer(
                    tx,
                    plan,
                    id,
                    &AnswerInput {
                        question_number: q.number,
                        score: Some(2),
                        notes: "Short note.".into(),
                        ..Default::default()
                    },
                )?;
            }
            scorecards::submit(tx, plan, id, Some(Recommendation::No), None)
        })
        .unwrap();
    }
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-long-names.pdf",
        &pdf::debrief_packet(&d, Paper::A4).unwrap(),
    );
    let all = collapse(&text(&path));
    assert!(
        all.contains(&collapse(&candidate)),
        "the candidate's name in full"
    );
    assert!(
        all.contains(&collapse(&panelist)),
        "the panelist's name in full"
    );
    assert_eq!(
        outline(&path)[0],
        ("Summary".to_string(), 2),
        "the cover fits one page"
    );
    qpdf_check(&path);

    let kit = scorecards::interview(db.conn(), plan, panel[0]).unwrap();
    let path = write(
        &artifacts(),
        "kit-long-names.pdf",
        &pdf::interview_kit(&kit, Paper::A4).unwrap(),
    );
    let all = collapse(&text(&path));
    assert!(all.contains(&collapse(&candidate)));
    assert!(all.contains(&collapse(&panelist)));
    qpdf_check(&path);
    snapshot(&path, "kit-long-names", &[(1, "overview")]);
}
