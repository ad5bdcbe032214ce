//! What the core's integration suites share: poppler and qpdf wrappers, the artifacts folder, a
//! fully scored plan and a team's own question pack, built through the public API. Each suite
//! uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use panel_core::bank::{self, LevelGuidance, PackDraft};
use panel_core::debrief::{self, DecisionInput, DecisionKind};
use panel_core::pdf::Paper;
use panel_core::plans::{self, NewPanelist, NewPlan, QuestionSelection};
use panel_core::scorecards::{self, Amendment, AnswerInput, Recommendation};
use panel_core::{Db, Level};

pub const CANDIDATE: &str = "Zoë Łukasiewicz-Ζαχαρίου Петрова";
pub const PANEL: [&str; 4] = [
    "Αλέξανδρος Παπαδόπουλος",
    "Ольга Смирнова",
    "Siobhán Ó Briain",
    "Jürgen Weiß",
];

/// Where page images and PDFs are kept for people to look at.
pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/artifacts/pdf");
    std::fs::create_dir_all(&dir).expect("artifacts directory");
    dir
}

pub fn run(tool: &str, args: &[&str]) -> String {
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

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

pub fn text(path: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", path_str(path), "-"])
}

/// The text of the body of every page, without the running header and footer.
pub fn body_text(path: &Path, paper: Paper) -> String {
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

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn info(path: &Path, key: &str) -> String {
    run("pdfinfo", &[path_str(path)])
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo shows no {key}"))
        .trim()
        .to_string()
}

pub fn pages(path: &Path) -> usize {
    info(path, "Pages").parse().expect("page count")
}

/// Outline entries as (title, page number).
pub fn outline(path: &Path) -> Vec<(String, u64)> {
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

/// One row of `pdffonts`.
#[derive(Debug)]
pub struct EmbeddedFont {
    /// With its subset tag (`ABCDEF+NotoSans-Regular`).
    pub name: String,
    pub embedded: bool,
    pub subset: bool,
    /// Has a ToUnicode map (text extracts).
    pub to_unicode: bool,
}

/// The fonts `pdffonts` lists for the PDF at `path`.
pub fn pdffonts(path: &Path) -> Vec<EmbeddedFont> {
    run("pdffonts", &[path_str(path)])
        .lines()
        .skip(2)
        .map(|row| {
            // name type encoding emb sub uni object ID
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            EmbeddedFont {
                name: cols[0].to_string(),
                embedded: cols[n - 5] == "yes",
                subset: cols[n - 4] == "yes",
                to_unicode: cols[n - 3] == "yes",
            }
        })
        .collect()
}

pub fn qpdf_check(path: &Path) {
    let out = run("qpdf", &["--check", path_str(path)]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check: {out}"
    );
}

/// Saves page images (60 dpi) of the given pages next to the PDF.
pub fn snapshot(path: &Path, stem: &str, pages: &[(usize, &str)]) {
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
pub fn long_note() -> String {
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

/// A scored plan and what the tests look for in its documents.
pub struct Built {
    pub db: Db,
    pub plan: i64,
    pub panel: Vec<i64>,
    pub long_note: String,
}

/// A plan for the candidate with the four panelists, split with coverage 2 (so disagreements and
/// rater agreement exist), every scorecard submitted, one amended, one question not asked, and a
/// decision recorded.
pub fn scored_plan() -> Built {
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
                    question_number: q.question.number,
                    score: (!not_asked).then_some(score),
                    not_asked_reason: not_asked.then(|| {
                        "Ran out of time after a long answer to the previous question".into()
                    }),
                    covered: if not_asked {
                        Vec::new()
                    } else {
                        (0..(score as usize).min(q.question.strong_answer.len()) as u32).collect()
                    },
                    flags: if score == 1 && !not_asked && !q.question.weak_signals.is_empty() {
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
                            PANEL[p], q.question.number
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
                question_number: second.questions[0].question.number,
                score: Some(2),
                notes: None,
                reason: "Entered the wrong score; my notes say Mixed.".into(),
            },
            None,
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

/// `words` repeated and cut to exactly `chars` characters, ending on a letter.
pub fn long_name(words: &str, chars: usize) -> String {
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

/// The built-in pack's id.
pub const BUILTIN: &str = "product-security-leadership";

/// The built-in pack's first (and only shipped) version.
pub fn builtin() -> bank::PackRef {
    bank::PackRef::new(BUILTIN, 1)
}
/// The question `team_pack` adds.
pub const CUSTOM_TEXT: &str = "Walk us through the last security exception you refused to renew.";

/// A VP plan for `candidate`, nothing else filled in.
pub fn new_plan(candidate: &str) -> NewPlan {
    NewPlan {
        candidate: candidate.into(),
        email: None,
        level: Level::Vp,
        role_title: Some("VP Product Security".into()),
        starts_at: None,
        panel_lead: Some("Dana Whitfield".into()),
        recruiter: None,
        notes: None,
    }
}

/// A duplicate of the built-in pack with one custom question appended; returns its version 1.
pub fn team_pack(db: &mut Db) -> bank::PackRef {
    db.with_tx(|tx| {
        let made = bank::duplicate_pack(tx, &builtin(), "Acme product security")?;
        let view = bank::pack_view(tx, &made.pack_ref())?;
        let mut questions = view.questions.clone();
        let mut custom = questions[0].clone();
        custom.text = CUSTOM_TEXT.into();
        custom.strong_answer = vec![
            "Names the business owner who asked".into(),
            "Explains the compensating control that expired".into(),
        ];
        custom.weak_signals = vec!["Renews everything to keep the peace".into()];
        custom.interviewer_notes = Vec::new();
        questions.push(custom);
        bank::save_pack(
            tx,
            &PackDraft {
                id: made.id.clone(),
                base_version: 1,
                title: view.title,
                questions,
                level_guidance: LevelGuidance {
                    vp: "At VP level a strong answer ties every call to a board-level risk \
                         appetite."
                        .into(),
                    ..Default::default()
                },
            },
        )?;
        Ok(made.pack_ref())
    })
    .unwrap()
}

/// Adds one panelist per name with a `minutes` slot to `plan` and splits, each question asked
/// by `coverage` panelists (the plan's own setting when `None`); returns their ids.
pub fn add_panel_and_split(
    tx: &rusqlite::Transaction,
    plan: i64,
    panel: &[&str],
    minutes: u32,
    coverage: Option<u8>,
) -> panel_core::Result<Vec<i64>> {
    let ids = panel
        .iter()
        .map(|name| {
            plans::add_panelist(
                tx,
                plan,
                &NewPanelist {
                    name: (*name).into(),
                    email: None,
                    slot_minutes: minutes,
                    focus: Vec::new(),
                    excluded_questions: Vec::new(),
                },
            )
        })
        .collect::<panel_core::Result<Vec<_>>>()?;
    plans::split_plan(tx, plan, coverage)?;
    Ok(ids)
}

/// A VP plan for `candidate` asking `selection`, with one 60-minute panelist per name, split.
pub fn split_plan_on(
    db: &mut Db,
    candidate: &str,
    selection: QuestionSelection,
    panel: &[&str],
) -> i64 {
    db.with_tx(|tx| {
        let plan = plans::create_with_questions(tx, &new_plan(candidate), &selection)?;
        add_panel_and_split(tx, plan, panel, 60, None)?;
        Ok(plan)
    })
    .unwrap()
}

/// The text of pages `from` to `to`.
pub fn page_range_text(path: &std::path::Path, from: usize, to: usize) -> String {
    run(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &from.to_string(),
            "-l",
            &to.to_string(),
            path_str(path),
            "-",
        ],
    )
}
