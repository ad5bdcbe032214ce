//! Large databases for the benchmarks: thousands of plans, each with a panel of four who have
//! scored every question they asked with notes, most of them submitted and many decided.
//!
//! Each plan asks 36 questions (the built-in pack's 18 and 18 borrowed from a second, local pack
//! of the same questions) with every question asked by two panelists, so a panelist asks 18:
//! 5,000 plans make 20,000 panelists and 360,000 answers, the size the scale benchmark names.
//! Heavier than a usual loop on purpose (the debrief and packet have 36 rows).
//!
//! Everything is written through `panel-core`'s own functions (create, add panelist, split, save
//! answer, submit, decide), so the rows, indexes and audit trail are exactly what the app writes;
//! only durability is relaxed while generating (`synchronous=OFF`, one transaction per plan), as a
//! generated file is thrown away if anything fails. Deterministic: the same size gives the same
//! database.
//!
//! Shared by the core's `scale` benchmark and the `bench_db` example the app benchmarks run
//! (both include this file by path: it is benchmark support, not part of the library).

use std::path::{Path, PathBuf};
use std::time::Instant;

use panel_core::bank::{builtin_pack, duplicate_pack, PackRef};
use panel_core::debrief::{decide, DecisionInput, DecisionKind};
use panel_core::plans::{self, BorrowedQuestion, NewPanelist, NewPlan, QuestionSelection};
use panel_core::scorecards::{save_answer, submit, AnswerInput, Recommendation};
use panel_core::{Db, Level};

/// Panelists on every generated plan.
pub const PANELISTS_PER_PLAN: usize = 4;
/// Questions each plan asks: the built-in 18 and 18 borrowed.
pub const QUESTIONS_PER_PLAN: usize = 36;
/// Panelists asking each question.
pub const COVERAGE: u8 = 2;
/// Answers each plan holds (72).
pub const ANSWERS_PER_PLAN: usize = QUESTIONS_PER_PLAN * COVERAGE as usize;

/// What a generated database holds.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub plans: usize,
    pub panelists: usize,
    pub answers: usize,
}

const FIRST: &[&str] = &[
    "Amara", "Jonas", "Priya", "Tom", "Grace", "Marcus", "Sofía", "Dana", "Luis", "Mei", "Kwame",
    "Ingrid", "Rahul", "Chloé", "Mateus", "Aisha", "Kenji", "Olga", "Samuel", "Fatima", "Nikolai",
    "Zanele", "Hiroshi", "Elena", "Tariq", "Ana", "Björn", "Leila", "Diego", "Yuki",
];
const LAST: &[&str] = &[
    "Okafor",
    "Albrecht",
    "Raman",
    "Becker",
    "Liu",
    "Hale",
    "Marín",
    "Whitfield",
    "Ortega",
    "Chen",
    "Mensah",
    "Larsen",
    "Gupta",
    "Dubois",
    "Silva",
    "Rahman",
    "Tanaka",
    "Ivanova",
    "Adeyemi",
    "Haddad",
    "Petrov",
    "Dlamini",
    "Sato",
    "Rossi",
    "Aziz",
    "Ferreira",
    "Nilsson",
    "Karimi",
    "Moreno",
    "Kowalski",
    "O'Brien",
    "Nakamura",
    "Schulz",
    "Novak",
    "Costa",
];
const ROLES: &[&str] = &[
    "VP, Product Security",
    "Director, Product Security",
    "Senior Director, Application Security",
    "Principal Security Architect",
    "Head of Platform Security",
    "Director, Security Engineering",
];
/// Sentences notes are made of: what interviewers actually write, in varied lengths.
const SENTENCES: &[&str] = &[
    "Named the owned-versus-influenced split without prompting.",
    "Gave a concrete example of an exception process that expired on its own.",
    "Talked about trend lines and owners rather than totals.",
    "Slightly vague on how the dashboard would change decisions.",
    "Mostly counted findings; when pushed, moved to MTTR but could not say what good looks like.",
    "Walked through a real trade-off: shipped with a compensating control and set an expiry.",
    "Reported the residual risk to the product VP in plain terms.",
    "Good instinct for who decides and who is consulted.",
    "Budget story leaned on fear rather than on the risk it buys down.",
    "Has already built the operating model we need, with security champions in every team.",
    "Could not name a metric the board had acted on.",
    "Strong on threat modelling at design time; weaker on the incident side.",
    "Described how she grew two successors and delegated the roadmap to them.",
    "Answered the question asked, then checked whether that was what we meant.",
    "Blamed engineering for the last breach; no sign of owning the shared failure.",
    "Would gate releases only on exploitable criticals, with a written exception path.",
    "Clear about what she would stop doing in the first ninety days.",
    "Took a long time to get to the point, but the point was good.",
];

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

fn name(dice: &mut Dice) -> String {
    format!("{} {}", dice.pick(FIRST), dice.pick(LAST))
}

fn note(dice: &mut Dice) -> String {
    let sentences = 2 + dice.below(6);
    (0..sentences)
        .map(|_| dice.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bumped whenever `one_plan` changes what it writes, so cached databases are made again.
const GENERATOR_VERSION: u32 = 2;

/// A database of `plans` generated plans, made once and kept under `target/bench-data/` (the
/// 5,000-plan one takes minutes to write). Callers copy it before letting an app write to it.
pub fn cached(plans: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("target/bench-data");
    let dir = dir.canonicalize().expect("target/bench-data");
    let schema = panel_core::Db::open_in_memory()
        .and_then(|db| db.schema_version())
        .expect("schema version");
    let path = dir.join(format!(
        "plans-{plans}-schema{schema}-gen{GENERATOR_VERSION}.db"
    ));
    if !path.exists() {
        // Written under a temporary name and renamed, so an interrupted run leaves no half file.
        let partial = path.with_extension("partial");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let made = generate(&partial, plans);
        eprintln!(
            "made {}: {} plans, {} panelists, {} answers",
            path.display(),
            made.plans,
            made.panelists,
            made.answers
        );
        std::fs::rename(&partial, &path).expect("rename the generated database");
    }
    path
}

/// Writes a database of `plans` plans at `path` (which must not exist yet) and says what it holds.
pub fn generate(path: &Path, plans: usize) -> Generated {
    assert!(!path.exists(), "{} exists already", path.display());
    let started = Instant::now();
    let mut db = Db::open(path).expect("a new database");
    db.conn()
        .pragma_update(None, "synchronous", "OFF")
        .expect("relaxed durability while generating");
    let mut dice = Dice(0x5EED_CAFE_F00D_D00D);
    let questions = db
        .with_tx(|tx| {
            let builtin = builtin_pack(tx)?;
            let second = duplicate_pack(
                tx,
                &PackRef::new(builtin.id.clone(), builtin.version),
                "Product security leadership, second panel",
            )?;
            Ok(QuestionSelection {
                pack: Some(PackRef::new(builtin.id.clone(), builtin.version)),
                numbers: None,
                borrowed: (1..=builtin.questions.len() as u32)
                    .map(|number| BorrowedQuestion {
                        pack: second.pack_ref(),
                        number,
                    })
                    .collect(),
            })
        })
        .expect("the second pack");
    let mut answers = 0;
    for i in 0..plans {
        answers += db
            .with_tx(|tx| Ok(one_plan(tx, i, &questions, &mut dice)))
            .expect("a generated plan");
        if plans >= 1_000 && (i + 1).is_multiple_of(1_000) {
            eprintln!(
                "generated {} of {plans} plans in {:.0?}",
                i + 1,
                started.elapsed()
            );
        }
    }
    // Back to one file: the copy the benchmarks take must hold everything.
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .expect("checkpoint");
    drop(db);
    Generated {
        plans,
        panelists: plans * PANELISTS_PER_PLAN,
        answers,
    }
}

/// One plan: created on the 36 questions, split with two panelists on each, scored with notes;
/// nine in ten submitted, and half of those decided. Returns the number of answers written.
fn one_plan(
    tx: &rusqlite::Transaction,
    i: usize,
    questions: &QuestionSelection,
    dice: &mut Dice,
) -> usize {
    let levels = [
        Level::Director,
        Level::SeniorDirector,
        Level::Vp,
        Level::Principal,
    ];
    let plan = plans::create_with_questions(
        tx,
        &NewPlan {
            candidate: name(dice),
            email: None,
            level: levels[i % levels.len()],
            role_title: Some(dice.pick(ROLES).into()),
            starts_at: Some(format!(
                "{}-{:02}-{:02}T{:02}:30:00Z",
                2025 + i % 2,
                1 + dice.below(12),
                1 + dice.below(28),
                8 + dice.below(8)
            )),
            panel_lead: Some(name(dice)),
            recruiter: Some(name(dice)),
            notes: Some(format!("Generated plan {i} for the benchmarks.")),
        },
        questions,
    )
    .expect("plan");
    let mut panel = Vec::new();
    for _ in 0..PANELISTS_PER_PLAN {
        panel.push(
            plans::add_panelist(
                tx,
                plan,
                &NewPanelist {
                    name: name(dice),
                    email: None,
                    slot_minutes: 240,
                    focus: Vec::new(),
                    excluded_questions: Vec::new(),
                },
            )
            .expect("panelist"),
        );
    }
    plans::split_plan(tx, plan, Some(COVERAGE)).expect("split");
    let detail = plans::show(tx, plan).expect("plan detail");
    let asked = plans::plan_questions(tx, plan).expect("plan questions");
    // The strong-answer points and weak-answer signals each question has (ticks index them).
    let rubric = |question_id: i64| {
        asked
            .iter()
            .find(|q| q.id == question_id)
            .map_or((0, 0), |q| {
                (
                    q.question.strong_answer.len(),
                    q.question.weak_signals.len(),
                )
            })
    };
    let submitted = i % 10 != 9;
    let mut answers = 0;
    for &panelist in &panel {
        let base = 1 + dice.below(4) as u8;
        for a in detail
            .assignments
            .iter()
            .filter(|a| a.panelist_id == panelist)
        {
            let score = (base + dice.below(2) as u8).min(4);
            save_answer(
                tx,
                plan,
                panelist,
                &AnswerInput {
                    question_number: a.question_number,
                    score: Some(score),
                    covered: (0..dice.below(3).min(rubric(a.question_id).0) as u32).collect(),
                    flags: if score == 1 && rubric(a.question_id).1 > 0 {
                        vec![0]
                    } else {
                        Vec::new()
                    },
                    notes: note(dice),
                    seconds_spent: 120 + 60 * dice.below(8) as u32,
                    ..Default::default()
                },
            )
            .expect("answer");
            answers += 1;
        }
        if submitted {
            let recommendation = [
                Recommendation::StrongNo,
                Recommendation::No,
                Recommendation::Yes,
                Recommendation::StrongYes,
            ][usize::from(base - 1)];
            submit(tx, plan, panelist, Some(recommendation), Some(&note(dice))).expect("submit");
        }
    }
    if submitted && i.is_multiple_of(2) {
        decide(
            tx,
            plan,
            &DecisionInput {
                decision: [DecisionKind::Hire, DecisionKind::NoHire, DecisionKind::Hold]
                    [dice.below(3)],
                rationale: note(dice),
                decided_by: name(dice),
            },
        )
        .expect("decision");
    }
    answers
}
