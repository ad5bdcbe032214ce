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
//! only durability is relaxed while generating (`synchronous=OFF`, [`PLANS_PER_TX`] plans to a
//! transaction), as a generated file is thrown away if anything fails. Deterministic: the same
//! size gives the same database.
//!
//! Every plan is created and split first, and only then scored. Splitting a plan reads which of
//! its panelists have started with a scan of the whole `scorecards` table (it has no index by
//! plan), so splitting each plan after the ones before it were scored made generation
//! quadratic; in this order the scan meets an empty table. The order changes which random
//! details each plan gets, not what kind of rows are written. What remains is the core's own
//! cost, most of it SQLite compiling every statement on every call: about 3 ms a plan to create
//! and split it and 8 ms to score it (50,000 plans, 1.9 GB: about 9 minutes on the two-core
//! development machine).
//!
//! Shared by the core's `scale` benchmark and the `bench_db` example the app benchmarks run
//! (both include this file by path: it is benchmark support, not part of the library).

use std::path::{Path, PathBuf};
use std::time::Instant;

use panel_core::bank::{builtin_pack, duplicate_pack, PackRef};
use panel_core::debrief::{decide, DecisionInput, DecisionKind};
use panel_core::dice::Dice;
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

fn name(dice: &mut Dice) -> String {
    format!("{} {}", dice.pick(FIRST), dice.pick(LAST))
}

fn note(dice: &mut Dice) -> String {
    let sentences = 2 + dice.below(6);
    (0..sentences)
        .map(|_| *dice.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bumped whenever the generator changes what it writes, so cached databases are made again
/// (3: plans are split before any is scored, which draws the random details in another order).
const GENERATOR_VERSION: u32 = 4;

/// A database of `plans` generated plans, made once and kept under `target/bench-data/` (50,000
/// plans take minutes to write). Callers copy it before letting an app write to it.
pub fn cached(plans: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("target/bench-data");
    let dir = dir.canonicalize().expect("target/bench-data");
    // The schema's number and a digest of its text: a migration changed before its release
    // keeps its number, and a database cached before the change would be refused as altered.
    let (schema, digest) = panel_core::Db::open_in_memory()
        .and_then(|db| {
            let text: String = db.conn().query_row(
                "SELECT group_concat(coalesce(sql, ''), ';') FROM \
                 (SELECT sql FROM sqlite_master ORDER BY type, name)",
                [],
                |r| r.get(0),
            )?;
            Ok((db.schema_version()?, text))
        })
        .map(|(schema, text)| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut hasher);
            (schema, hasher.finish() & 0xff_ffff)
        })
        .expect("the schema");
    let path = dir.join(format!(
        "plans-{plans}-schema{schema}-{digest:06x}-gen{GENERATOR_VERSION}.db"
    ));
    if !path.exists() {
        // Written under a temporary name and renamed, so an interrupted run leaves no half file.
        let partial = path.with_extension("partial");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let started = Instant::now();
        let made = generate(&partial, plans);
        let took = started.elapsed();
        eprintln!(
            "made {} in {took:.0?}: {} plans, {} panelists, {} answers",
            path.display(),
            made.plans,
            made.panelists,
            made.answers
        );
        std::fs::rename(&partial, &path).expect("rename the generated database");
        // How long it took, beside it, for the app benchmarks' table (`<name>.took`, seconds).
        std::fs::write(
            path.with_extension("took"),
            format!("{:.1}\n", took.as_secs_f64()),
        )
        .expect("record the generation time");
    }
    path
}

/// Writes a database of `plans` plans at `path` (which must not exist yet) and says what it holds.
pub fn generate(path: &Path, plans: usize) -> Generated {
    assert!(!path.exists(), "{} exists already", path.display());
    let mut db = Db::open(path).expect("a new database");
    db.conn()
        .pragma_update(None, "synchronous", "OFF")
        .expect("relaxed durability while generating");
    let mut dice = Dice::new(0x5EED_CAFE_F00D_D00D);
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
    let mut asked = None;
    let mut panels = Vec::with_capacity(plans);
    // Every plan is created and split before any is scored: splitting scans the whole
    // scorecards table (see the module notes).
    in_batches(&mut db, plans, "created and split", |tx, i| {
        panels.push(create_and_split(tx, i, &questions, &mut asked, &mut dice));
    });
    let asked = asked.unwrap_or_default();
    let mut answers = 0;
    in_batches(&mut db, plans, "scored", |tx, i| {
        answers += score(tx, i, &panels[i], &asked, &mut dice);
    });
    // Everything into the one file the benchmarks copy, still in WAL mode as every user's
    // database is (`Db::open` sets it). A copy in rollback mode is not what users start on, and
    // an app killed while its first full open wrote to one left a hot `-journal` behind: the
    // next starts could not read the first screen early and waited for the full open and its
    // check (seconds at 50,000 plans). Closing the last connection removes the emptied `-wal`
    // and `-shm` files.
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    drop(db);
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", path.display());
        assert!(
            !Path::new(&side).exists(),
            "{side} was left beside the generated database"
        );
    }
    Generated {
        plans,
        panelists: plans * PANELISTS_PER_PLAN,
        answers,
    }
}

/// Plans written per transaction. With `synchronous` off a commit is cheap (one transaction per
/// plan measured about 5% slower, larger batches no faster); the size bounds what one
/// transaction holds.
const PLANS_PER_TX: usize = 250;

/// Runs `each` for plans 0..`plans`, [`PLANS_PER_TX`] plans to a transaction, saying how far it
/// got.
fn in_batches(
    db: &mut Db,
    plans: usize,
    done: &str,
    mut each: impl FnMut(&rusqlite::Transaction, usize),
) {
    let started = Instant::now();
    let report_every = (plans / 10).max(1_000);
    for first in (0..plans).step_by(PLANS_PER_TX) {
        let end = (first + PLANS_PER_TX).min(plans);
        db.with_tx(|tx| {
            (first..end).for_each(|i| each(tx, i));
            Ok(())
        })
        .expect("a batch of generated plans");
        if plans >= 1_000 && (end / report_every > first / report_every || end == plans) {
            eprintln!("{done} {end} of {plans} plans in {:.0?}", started.elapsed());
        }
    }
}

/// The questions every plan asks, in plan order: the same for every plan, so read once from the
/// first plan.
#[derive(Default)]
struct Asked {
    questions: Vec<AskedQuestion>,
}

/// A question as the scoring needs it.
struct AskedQuestion {
    id: i64,
    /// Its number in the plan.
    number: u32,
    /// How many strong-answer points and weak-answer signals it has (ticks index them).
    points: usize,
    signals: usize,
}

impl Asked {
    fn of(tx: &rusqlite::Transaction, plan: i64) -> Asked {
        let questions = plans::plan_questions(tx, plan).expect("plan questions");
        Asked {
            questions: questions
                .iter()
                .map(|q| AskedQuestion {
                    id: q.id,
                    number: q.question.number,
                    points: q.question.strong_answer.len(),
                    signals: q.question.weak_signals.len(),
                })
                .collect(),
        }
    }

    /// The position of question `id` in `questions`.
    fn index(&self, id: i64) -> u8 {
        let at = self.questions.iter().position(|q| q.id == id);
        u8::try_from(at.expect("a question of the plan")).expect("fewer than 256 questions")
    }
}

/// A plan created and split, waiting to be scored: each panelist with the questions the split
/// gave them (indexes into [`Asked`]), in plan order.
struct Panel {
    plan: i64,
    panelists: Vec<(i64, Vec<u8>)>,
}

/// One plan created on the 36 questions with a panel of four, split with two panelists on each
/// question.
fn create_and_split(
    tx: &rusqlite::Transaction,
    i: usize,
    questions: &QuestionSelection,
    asked: &mut Option<Asked>,
    dice: &mut Dice,
) -> Panel {
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
            role_title: Some((*dice.pick(ROLES)).into()),
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
    let panel: Vec<i64> = (0..PANELISTS_PER_PLAN)
        .map(|_| {
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
            .expect("panelist")
        })
        .collect();
    let split = plans::split_plan(tx, plan, Some(COVERAGE)).expect("split");
    assert_eq!(
        split.allocations.len(),
        ANSWERS_PER_PLAN,
        "every question asked twice"
    );
    let asked = asked.get_or_insert_with(|| Asked::of(tx, plan));
    // The split's allocations are in question order, so each panelist's list is too.
    Panel {
        plan,
        panelists: panel
            .into_iter()
            .map(|panelist| {
                let mine = split
                    .allocations
                    .iter()
                    .filter(|a| a.panelist_id == panelist)
                    .map(|a| asked.index(a.question_id))
                    .collect();
                (panelist, mine)
            })
            .collect(),
    }
}

/// The interviews of plan `i`: every question scored with notes; nine plans in ten submitted,
/// and half of those decided. Returns the number of answers written.
fn score(
    tx: &rusqlite::Transaction,
    i: usize,
    panel: &Panel,
    asked: &Asked,
    dice: &mut Dice,
) -> usize {
    let plan = panel.plan;
    let submitted = i % 10 != 9;
    let mut answers = 0;
    for (panelist, mine) in &panel.panelists {
        let base = 1 + dice.below(4) as u8;
        for &q in mine {
            let question = &asked.questions[usize::from(q)];
            let score = (base + dice.below(2) as u8).min(4);
            save_answer(
                tx,
                plan,
                *panelist,
                &AnswerInput {
                    question_number: question.number,
                    score: Some(score),
                    covered: (0..dice.below(3).min(question.points) as u32).collect(),
                    flags: if score == 1 && question.signals > 0 {
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
            submit(tx, plan, *panelist, Some(recommendation), Some(&note(dice))).expect("submit");
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
