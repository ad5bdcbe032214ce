//! Names and notes in every script a global panel writes: Chinese, Japanese, Korean, Arabic,
//! Hebrew, Devanagari, Thai and emoji. Each must come back out of the packet and the kit as typed
//! (`pdftotext`), be drawn by an embedded face that has its glyphs (`pdffonts`, and no character
//! reported missing), and be looked at (`pdftoppm` page images in `tests/artifacts/pdf/`).
//!
//! CJK and emoji are drawn with the machine's fonts (`fonts-noto-cjk`, `fonts-symbola`: `make
//! test` installs them); Arabic, Hebrew, Devanagari and Thai with the bundled Noto faces.

mod support;

use panel_core::debrief;
use panel_core::pdf::{self, Paper};
use panel_core::plans::{self, NewPlan};
use panel_core::scorecards::{self, AnswerInput, Recommendation};
use panel_core::{Db, Level};

use support::*;

/// The names the issue names, the first one the candidate's.
const NAMES: [&str; 8] = [
    "王小明",
    "山田太郎",
    "김민준",
    "محمد عبد الله",
    "דוד כהן",
    "अनन्या शर्मा",
    "สมชาย",
    "Zoë 🙂",
];

/// The faces (by the PostScript name's family part) the packet must embed for them.
const FALLBACK_FACES: [&str; 6] = [
    "NotoSansArabic",
    "NotoSansHebrew",
    "NotoSansDevanagari",
    "NotoSansThai",
    "NotoSansCJK",
    "Symbola",
];

/// Text whose glyphs stand for something else than one typed character each: parentheses a
/// right-to-left line mirrors (the same glyphs as in the Latin line before them), vowel marks
/// on Arabic and Hebrew letters, and Thai with and without a tone mark.
const TRICKY: [&str; 5] = ["f(x) = [a]", "דוד (כהן) [א]", "مُحَمَّد", "דָּוִד", "สง ส่ง"];

fn zone() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(0).unwrap()
}

/// A plan for 王小明 with the seven other names on the panel, each scorecard submitted with a
/// note that quotes a name in another script, and a debrief.
fn global_panel() -> (Db, i64, Vec<i64>) {
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: NAMES[0].into(),
                    email: None,
                    level: Level::Director,
                    role_title: Some("Director, Product Security — 安全".into()),
                    starts_at: Some("2025-03-11T09:30:00+01:00".into()),
                    panel_lead: Some(NAMES[3].into()),
                    recruiter: Some(NAMES[4].into()),
                    notes: None,
                },
            )?;
            let panel = add_panel_and_split(tx, plan, &NAMES[1..], 60, Some(1))?;
            Ok((plan, panel))
        })
        .unwrap();
    for (p, &id) in panel.iter().enumerate() {
        let kit = scorecards::interview(db.conn(), plan, id).unwrap();
        let quoted = NAMES[(p + 2) % NAMES.len()];
        db.with_tx(|tx| {
            for (i, q) in kit.questions.iter().enumerate() {
                let answer = AnswerInput {
                    question_number: q.question.number,
                    score: Some([2u8, 3, 4][(p + i) % 3]),
                    not_asked_reason: None,
                    covered: vec![0],
                    flags: Vec::new(),
                    notes: if p == 0 && i == 0 {
                        TRICKY.join("\n")
                    } else {
                        format!("{} heard from {quoted}: clear owners.", NAMES[p + 1])
                    },
                    seconds_spent: 300,
                };
                scorecards::save_answer(tx, plan, id, &answer)?;
            }
            scorecards::submit(
                tx,
                plan,
                id,
                Some(Recommendation::Yes),
                Some(&format!("{} recommends {}", NAMES[p + 1], NAMES[0])),
            )
        })
        .unwrap();
    }
    (db, plan, panel)
}

#[test]
fn every_script_in_the_packet_extracts_as_typed_from_embedded_faces_that_draw_it() {
    let (db, plan, _) = global_panel();
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let rendered = pdf::debrief_packet_rendered(&d, Paper::A4, zone()).unwrap();
    assert_eq!(
        rendered.missing,
        Vec::<char>::new(),
        "every character has a glyph in an embedded face: no boxes"
    );
    assert_eq!(rendered.warning(), None);
    let path = write(&artifacts(), "packet-scripts.pdf", &rendered.bytes);
    qpdf_check(&path);

    let all = text(&path);
    for name in NAMES {
        assert!(all.contains(name), "{name} extracts as typed:\n{all}");
    }
    // Readers mark right-to-left runs with bidi controls (poppler: U+202B … U+202C) and may
    // move the space at a run's edge; what counts is the words and their order on the line.
    let lines: Vec<String> = all
        .lines()
        .map(|l| {
            l.chars()
                .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
                .collect()
        })
        .collect();
    for (first, then) in [
        (NAMES[5], format!("recommends {}", NAMES[0])),
        (NAMES[3], format!("heard from {}", NAMES[4])),
        (NAMES[4], format!("heard from {}", NAMES[5])),
        (NAMES[2], format!("heard from {}", NAMES[3])),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.find(first).is_some_and(|at| l[at..].contains(&then))),
            "a line reads {first} … {then}, in that order:\n{all}"
        );
    }

    // The Latin and the Thai lines come back exactly: a glyph a right-to-left line mirrors keeps
    // its own text, for the Latin line that shares it.
    for tricky in [TRICKY[0], TRICKY[4]] {
        assert!(
            lines.iter().any(|l| l.contains(tricky)),
            "{tricky} extracts as typed:\n{all}"
        );
    }
    // Right to left with marks and brackets, poppler puts marks and mirrored brackets in its own
    // order; every character still comes back once, none replaced or doubled.
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    for tricky in &TRICKY[1..4] {
        assert!(
            lines.iter().any(|l| sorted(l) == sorted(tricky)),
            "{tricky}: each character once:\n{all}"
        );
    }
    assert!(
        !all.contains('\u{FFFD}'),
        "no character unknown to the reader:\n{all}"
    );

    let embedded = pdffonts(&path);
    for face in FALLBACK_FACES {
        let row = embedded
            .iter()
            .find(|row| row.name.contains(face))
            .unwrap_or_else(|| panic!("{face} is embedded: {embedded:?}"));
        assert!(
            row.embedded && row.subset && row.to_unicode,
            "{face} embedded, subset, with ToUnicode: {row:?}"
        );
    }
    snapshot(&path, "packet-scripts", &[(1, "cover"), (2, "summary")]);
}

#[test]
fn every_script_in_a_kit_extracts_as_typed() {
    let (db, plan, panel) = global_panel();
    // The Arabic panelist's kit: its header names them and the candidate.
    let kit = scorecards::interview(db.conn(), plan, panel[2]).unwrap();
    let rendered = pdf::interview_kit_rendered(&kit, Paper::Letter, zone()).unwrap();
    assert_eq!(rendered.missing, Vec::<char>::new());
    let path = write(&artifacts(), "kit-scripts.pdf", &rendered.bytes);
    let all = text(&path);
    for name in [NAMES[0], NAMES[3]] {
        assert!(all.contains(name), "{name} extracts as typed:\n{all}");
    }
    snapshot(&path, "kit-scripts", &[(1, "first")]);
}
