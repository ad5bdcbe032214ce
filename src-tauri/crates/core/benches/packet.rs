//! How long rendering a debrief packet takes, and how big the file is: a typical loop (four
//! panelists, the 18-question pack, notes of about 120 words), a large one (twelve panelists,
//! every question asked twice, notes of 1,000 words), and a typical one written in every script
//! (names in Chinese, Japanese, Korean, Arabic, Hebrew, Devanagari, Thai and with emoji, a
//! quarter of each note's words in them: shaped, and drawn with fallback faces).
//!
//! Run with `cargo bench -p panel-core --bench packet`; results in BENCHMARKS.md.

use std::time::{Duration, Instant};

use panel_core::debrief::{self, Debrief};
use panel_core::pdf::{debrief_packet, Paper};
use panel_core::plans::{self, NewPanelist, NewPlan};
use panel_core::scorecards::{self, AnswerInput, Recommendation};
use panel_core::{Db, Level};

const WORDS: &[&str] = &[
    "ownership",
    "risk",
    "exceptions",
    "expired",
    "platform",
    "defaults",
    "champions",
    "review",
    "budget",
    "customer",
    "trust",
    "evidence",
    "metrics",
    "trend",
    "owners",
    "escalation",
    "roadmap",
    "engineering",
    "leaders",
    "hired",
    "coached",
    "incident",
    "postmortem",
    "gates",
    "the",
    "and",
    "with",
    "without",
    "because",
    "she",
    "described",
    "how",
    "her",
    "team",
];

/// Names and words in the scripts that are shaped and drawn by fallback faces.
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
const SCRIPT_WORDS: [&str; 8] = [
    "笔记",
    "メモ",
    "메모",
    "ملاحظة",
    "הערה",
    "टिप्पणी",
    "บันทึก",
    "🙂",
];

/// Whether names and notes are in every script, or in English.
#[derive(Clone, Copy, PartialEq)]
enum Scripts {
    English,
    Every,
}

fn note(words: usize, seed: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(if i % 17 == 0 { '.' } else { ' ' });
            if i % 17 == 0 {
                out.push(' ');
            }
        }
        out.push_str(WORDS[(i * 7 + seed * 13) % WORDS.len()]);
    }
    out.push('.');
    out
}

/// A note with every fourth word in another script.
fn note_in(scripts: Scripts, words: usize, seed: usize) -> String {
    let english = note(words, seed);
    if scripts == Scripts::English {
        return english;
    }
    english
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i % 4 == 3 {
                SCRIPT_WORDS[(i + seed) % SCRIPT_WORDS.len()]
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A plan with every scorecard submitted; returns its debrief.
fn scored(panel: usize, coverage: u8, words: usize, scripts: Scripts) -> Debrief {
    let mut db = Db::open_in_memory().expect("database");
    let (plan, ids) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: match scripts {
                        Scripts::English => "Amara Okafor".into(),
                        Scripts::Every => NAMES[0].into(),
                    },
                    email: None,
                    level: Level::Vp,
                    role_title: Some("VP, Product Security".into()),
                    starts_at: Some("2025-03-11T09:30:00Z".into()),
                    panel_lead: Some("Dana Whitfield".into()),
                    recruiter: Some("Luis Ortega".into()),
                    notes: None,
                },
            )?;
            let ids = (0..panel)
                .map(|i| {
                    plans::add_panelist(
                        tx,
                        plan,
                        &NewPanelist {
                            name: match scripts {
                                Scripts::English => format!("Panelist {}", i + 1),
                                Scripts::Every => NAMES[1 + i % 7].into(),
                            },
                            email: None,
                            slot_minutes: 60,
                            focus: Vec::new(),
                            excluded_questions: Vec::new(),
                        },
                    )
                })
                .collect::<panel_core::Result<Vec<_>>>()?;
            plans::split_plan(tx, plan, Some(coverage))?;
            Ok((plan, ids))
        })
        .expect("plan");
    for (p, &id) in ids.iter().enumerate() {
        let kit = scorecards::interview(db.conn(), plan, id).expect("kit");
        db.with_tx(|tx| {
            for (i, q) in kit.questions.iter().enumerate() {
                let score = [3u8, 4, 2, 1][(p + i) % 4];
                scorecards::save_answer(
                    tx,
                    plan,
                    id,
                    &AnswerInput {
                        question_number: q.question.number,
                        score: Some(score),
                        covered: (0..(score as usize).min(q.question.strong_answer.len()) as u32)
                            .collect(),
                        notes: note_in(scripts, words, p * 31 + i),
                        seconds_spent: 480,
                        ..Default::default()
                    },
                )?;
            }
            if kit.questions.is_empty() {
                return Ok(());
            }
            let overall = note_in(scripts, 60, p);
            scorecards::submit(tx, plan, id, Some(Recommendation::Yes), Some(&overall))
        })
        .expect("scorecard");
    }
    debrief::debrief(db.conn(), plan).expect("debrief")
}

fn measure(name: &str, d: &Debrief, runs: usize) {
    // The first render parses the fonts; time it separately.
    let start = Instant::now();
    let first =
        debrief_packet(d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).expect("packet");
    let cold = start.elapsed();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let bytes = debrief_packet(d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap())
            .expect("packet");
        times.push(start.elapsed());
        assert!(bytes.len() > 1000);
    }
    times.sort();
    let at = |q: f64| times[((runs as f64 - 1.0) * q) as usize];
    println!(
        "| {name} | {} | {} | {runs} | {:.1?} | {:.1?} | {:.1?} | {:.0} KB |",
        d.panelists.len(),
        d.questions.iter().map(|q| q.cells.len()).sum::<usize>(),
        cold,
        at(0.5),
        times[runs - 1],
        first.len() as f64 / 1024.0,
    );
}

fn main() {
    let typical = scored(4, 1, 120, Scripts::English);
    let large = scored(12, 2, 1000, Scripts::English);
    let every_script = scored(4, 1, 120, Scripts::Every);
    println!("| packet | panelists | answers | runs | first render | p50 | max | size |");
    println!("|---|---|---|---|---|---|---|---|");
    measure("typical (~120-word notes)", &typical, 30);
    measure("large (coverage 2, 1,000-word notes)", &large, 10);
    measure("typical, in every script", &every_script, 30);
}
