//! A realistic calibration sample: a slate of candidates for one role, interviewed over ten
//! weeks by a pool of interviewers who score steadily more or less generously, so a new user can
//! open the Calibration screen and see what it finds before their own panels have produced
//! enough scores.
//!
//! The sample is generated from a known truth, which is what makes it useful beyond a demo: every
//! interviewer's true leniency is returned with the plans, so the tests can check that the
//! calibration figures recover it from data the app itself holds. Each score is
//!
//! ```text
//! round(2.5 + ability + question effect + interviewer leniency + noise), clamped to 1–4
//! ```
//!
//! with each candidate's ability drawn once (standard deviation [`ABILITY_SD`]), each question's
//! effect drawn once ([`QUESTION_SD`]) and the noise drawn per answer ([`NOISE_SD`]). One question,
//! [`FLAT_QUESTION`], barely separates candidates: its scores ignore the candidate's ability and
//! nearly everyone gets a 3, so question health has a weak question to point at.
//!
//! Everything is written through the core's own functions (create, add panelist, split, save
//! answer, submit, decide), validation included, so the rows are exactly what the app would
//! hold. Scores, notes, panels and decisions are deterministic (a fixed seed); only the interview
//! dates move with today's date, so the slate always lies in the past ten weeks.

use chrono::{DateTime, Datelike, Duration, Local, NaiveTime, Utc, Weekday};
use rusqlite::Connection;
use serde::Serialize;

use crate::debrief::{decide, DecisionInput, DecisionKind};
use crate::dice::Dice;
use crate::plans::{self, add_panelist, split_plan, NewPanelist, NewPlan};
use crate::scorecards::{save_answer, submit, AnswerInput, Recommendation};
use crate::{Capability, Level, Result};

use words::{note, summary};

#[cfg(test)]
mod tests;
mod words;

/// What [`create_calibration_sample`] made.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalibrationSample {
    /// The plans created, one per candidate, oldest interview first.
    pub plan_ids: Vec<i64>,
    /// The interviewer pool, with the leniency each was generated with.
    pub interviewers: Vec<SampleInterviewer>,
}

/// One interviewer of the sample's pool.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleInterviewer {
    /// Full name, as on every panel they sit on.
    pub name: String,
    /// Email, the same on every panel (how the app knows it is one person).
    pub email: String,
    /// The true leniency their scores were generated with, in score points: positive scores
    /// above the panel, negative below.
    pub leniency: f64,
}

/// The role every candidate of the slate interviews for.
const ROLE: &str = "Director, Product Security";

/// Who leads the panels and decides, and who recruits: the same for the whole slate.
const PANEL_LEAD: &str = "Noor Al-Sayed";
const RECRUITER: &str = "Camille Laurent";

/// The interviewer pool: name, email, the capability they are best placed to probe, and their
/// true leniency. The most lenient (+0.7) and the most severe (−0.6) are far enough apart for the
/// fit to name them; two score exactly like the panel.
const POOL: [(&str, &str, Capability, f64); 7] = [
    (
        "Hannah Okonkwo",
        "hannah.okonkwo@example.com",
        Capability::Alignment,
        0.7,
    ),
    (
        "Mateo García",
        "mateo.garcia@example.com",
        Capability::Program,
        0.35,
    ),
    ("Wei Zhang", "wei.zhang@example.com", Capability::Risk, 0.0),
    (
        "Anika Sharma",
        "anika.sharma@example.com",
        Capability::Investment,
        0.0,
    ),
    (
        "Erik Lindqvist",
        "erik.lindqvist@example.com",
        Capability::Risk,
        -0.3,
    ),
    (
        "Yasmin Haddad",
        "yasmin.haddad@example.com",
        Capability::Leaders,
        -0.6,
    ),
    (
        "Kofi Asante",
        "kofi.asante@example.com",
        Capability::Program,
        0.1,
    ),
];

/// Panels are the blocks `{i+2, i+4, i+5, i+6} mod 7` (the complement of the Fano plane's
/// lines): over every seven consecutive plans each interviewer sits on four panels and every
/// pair of interviewers meets on exactly two, so every pair can be compared directly.
const PANEL_BLOCK: [usize; 4] = [2, 4, 5, 6];

/// The candidates, oldest interview first: 21 plans, three full rounds of [`PANEL_BLOCK`].
const CANDIDATES: [(&str, &str); 21] = [
    ("Sipho Ndlovu", "sipho.ndlovu@example.net"),
    ("Marta Kowalczyk", "marta.kowalczyk@example.net"),
    ("Javier Morales", "javier.morales@example.net"),
    ("Aiko Fujimoto", "aiko.fujimoto@example.net"),
    ("Olusegun Bello", "olusegun.bello@example.net"),
    ("Freya Johansson", "freya.johansson@example.net"),
    ("Arjun Mehta", "arjun.mehta@example.net"),
    ("Camila Rojas", "camila.rojas@example.net"),
    ("Dmitri Volkov", "dmitri.volkov@example.net"),
    ("Nadia Benali", "nadia.benali@example.net"),
    ("Liam O'Connor", "liam.oconnor@example.net"),
    ("Hye-jin Park", "hyejin.park@example.net"),
    ("Tomasz Wiśniewski", "tomasz.wisniewski@example.net"),
    ("Amina Yusuf", "amina.yusuf@example.net"),
    ("Lucas Fontaine", "lucas.fontaine@example.net"),
    ("Mei-Ling Chou", "meiling.chou@example.net"),
    ("Rafael Souza", "rafael.souza@example.net"),
    ("Ingrid Halvorsen", "ingrid.halvorsen@example.net"),
    ("Karim Mansour", "karim.mansour@example.net"),
    ("Zoë van der Berg", "zoe.vanderberg@example.net"),
    ("Daniel Cohen", "daniel.cohen@example.net"),
];

/// Standard deviation of the candidates' abilities, in score points. Wider (0.7 was tried) piles
/// the most lenient interviewer's scores up at 4, where the fit can no longer see their
/// leniency: it then recovers barely half of a +0.7 offset.
const ABILITY_SD: f64 = 0.5;
/// Standard deviation of the questions' effects (some questions are harder to do well on).
const QUESTION_SD: f64 = 0.3;
/// Standard deviation of the per-answer noise.
const NOISE_SD: f64 = 0.5;
/// The panel mean before rounding: the middle of the 1–4 scale.
const MEAN: f64 = 2.5;

/// The question (by its number in the plan, the built-in pack's numbering) that barely separates
/// candidates: its score is 3 plus a fraction of the interviewer's leniency and a little noise,
/// whatever the candidate's ability.
const FLAT_QUESTION: u32 = 7;

/// Question effects drawn: the built-in pack has 18 questions; a question numbered beyond these
/// (a longer pack in a future version) gets no effect.
const QUESTION_EFFECTS: usize = 32;

/// Each panelist's slot, in minutes. Two of the four ask each question (coverage 2), so the
/// four slots must hold the pack's 152 minutes twice.
const SLOT_MINUTES: u32 = 90;

/// Plans whose last panelist has not submitted yet (a draft, some answers still unscored): the
/// two most recent interviews, as on a real slate.
const DRAFT_PLANS: [usize; 2] = [18, 20];

/// Plans decided at a debrief: the oldest ten (about half of the slate).
const DECIDED_PLANS: usize = 10;

/// The seed: any fixed value (the tests check that other seeds recover the leniencies too).
const SEED: u64 = 0x0CA1_1B2A_7E5A_3D1E;

/// Creates the calibration sample: 21 plans for one Director role on the built-in pack, each
/// with four interviewers from a pool of seven with known leniencies, every question asked by
/// two of them (coverage 2), scored with notes and submitted (except one draft scorecard on each
/// of the two most recent plans), the oldest ten decided. Interviews lie in the past ten weeks.
///
/// Run it inside a transaction: it writes a few hundred rows through the core's own functions
/// and stops at the first refusal.
pub fn create_calibration_sample(conn: &Connection) -> Result<CalibrationSample> {
    create_with_seed(conn, SEED)
}

/// The sample drawn from `seed` (the tests try other seeds, to check the fit's recovery is not
/// luck of the one the app uses).
fn create_with_seed(conn: &Connection, seed: u64) -> Result<CalibrationSample> {
    let mut dice = Dice::new(seed);
    // The truth, drawn first so it never depends on the order rows are written in.
    let abilities: Vec<f64> = CANDIDATES
        .iter()
        .map(|_| ABILITY_SD * dice.normal())
        .collect();
    let question_effects: Vec<f64> = (0..QUESTION_EFFECTS)
        .map(|_| QUESTION_SD * dice.normal())
        .collect();
    let now = Local::now();
    let mut plan_ids = Vec::with_capacity(CANDIDATES.len());
    for (i, (candidate, email)) in CANDIDATES.iter().enumerate() {
        let plan = create_plan(conn, i, candidate, email, now)?;
        plan_ids.push(plan);
        // Panel order rotates too, so nobody is always first in the split.
        let mut seats: Vec<usize> = PANEL_BLOCK.iter().map(|b| (i + b) % POOL.len()).collect();
        seats.rotate_left(i % PANEL_BLOCK.len());
        let mut panel = Vec::with_capacity(seats.len());
        for &seat in &seats {
            let (name, email, focus, _) = POOL[seat];
            let id = add_panelist(
                conn,
                plan,
                &NewPanelist {
                    name: name.into(),
                    email: Some(email.into()),
                    slot_minutes: SLOT_MINUTES,
                    focus: vec![focus],
                    excluded_questions: Vec::new(),
                },
            )?;
            panel.push((id, seat));
        }
        split_plan(conn, plan, Some(2))?;
        let interview = Interview {
            plan,
            ability: abilities[i],
            question_effects: &question_effects,
        };
        let recommendations = score_plan(conn, &interview, &panel, i, &mut dice)?;
        if i < DECIDED_PLANS {
            decide_plan(conn, plan, &recommendations, &mut dice)?;
        }
    }
    Ok(CalibrationSample {
        plan_ids,
        interviewers: POOL
            .iter()
            .map(|(name, email, _, leniency)| SampleInterviewer {
                name: (*name).into(),
                email: (*email).into(),
                leniency: *leniency,
            })
            .collect(),
    })
}

/// Creates plan `i` of the slate: its interview falls on a weekday between ten weeks and a few
/// days ago, the later plans the more recent.
fn create_plan(
    conn: &Connection,
    i: usize,
    candidate: &str,
    email: &str,
    now: DateTime<Local>,
) -> Result<i64> {
    let days_ago = 70 - (i as i64 * 67) / (CANDIDATES.len() as i64 - 1);
    let hour = 9 + (i as u32 * 5) % 8;
    plans::create(
        conn,
        &NewPlan {
            candidate: candidate.into(),
            email: Some(email.into()),
            level: Level::Director,
            role_title: Some(ROLE.into()),
            starts_at: Some(weekday_at(now, days_ago, hour).to_rfc3339()),
            panel_lead: Some(PANEL_LEAD.into()),
            recruiter: Some(RECRUITER.into()),
            notes: Some(format!(
                "Calibration sample: candidate {} of {} on the Director, Product Security slate.",
                i + 1,
                CANDIDATES.len()
            )),
        },
    )
}

/// `days_ago` days before `now` at `hour`:00 local time, moved back to the Friday when it falls
/// on a weekend.
fn weekday_at(now: DateTime<Local>, days_ago: i64, hour: u32) -> DateTime<Utc> {
    let mut date = now.date_naive() - Duration::days(days_ago);
    while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        date -= Duration::days(1);
    }
    plans::local_at(
        date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("a whole hour of the day")),
    )
}

/// What every score of one plan shares.
struct Interview<'a> {
    plan: i64,
    ability: f64,
    /// Effect of question number `n` at index `n - 1`.
    question_effects: &'a [f64],
}

/// Scores every panelist's questions on plan `i` and submits their scorecards (the last
/// panelist of a [`DRAFT_PLANS`] plan keeps a draft); returns the recommendations submitted.
fn score_plan(
    conn: &Connection,
    interview: &Interview,
    panel: &[(i64, usize)],
    i: usize,
    dice: &mut Dice,
) -> Result<Vec<Recommendation>> {
    let plan = interview.plan;
    let detail = plans::show(conn, plan)?;
    let asked = plans::plan_questions(conn, plan)?;
    let mut recommendations = Vec::new();
    for (rater, &(panelist, seat)) in panel.iter().enumerate() {
        let leniency = POOL[seat].3;
        let draft = DRAFT_PLANS.contains(&i) && rater == panel.len() - 1;
        let mine = detail.questions_of(panelist);
        let mut total = 0u32;
        for (k, assignment) in mine.iter().enumerate() {
            let number = assignment.question_number;
            // A draft is an interview still being written up: its last two answers are unscored.
            if draft && k + 2 >= mine.len() {
                continue;
            }
            let question = &asked
                .iter()
                .find(|q| q.id == assignment.question_id)
                .expect("an assignment is one of the plan's questions")
                .question;
            let value = if number == FLAT_QUESTION {
                3.0 + 0.3 * leniency + 0.25 * dice.normal()
            } else {
                MEAN + interview.ability
                    + interview
                        .question_effects
                        .get(number as usize - 1)
                        .copied()
                        .unwrap_or(0.0)
                    + leniency
                    + NOISE_SD * dice.normal()
            };
            let score = value.round().clamp(1.0, 4.0) as u8;
            total += u32::from(score);
            let points = question.strong_answer.len() as u32;
            // Ticks are not always recorded: strong answers usually get one or two points ticked,
            // middling ones sometimes the first, weak ones none.
            let ticked = match score {
                4 => 1 + dice.below(2) as u32,
                3 => dice.below(2) as u32,
                _ => 0,
            };
            let flagged = score == 1 && !question.weak_signals.is_empty() && dice.below(2) == 0;
            save_answer(
                conn,
                plan,
                panelist,
                &AnswerInput {
                    question_number: number,
                    score: Some(score),
                    covered: (0..ticked.min(points)).collect(),
                    flags: if flagged { vec![0] } else { Vec::new() },
                    notes: note(question, score, dice),
                    seconds_spent: 60 * (5 + dice.below(6) as u32),
                    ..Default::default()
                },
            )?;
        }
        if draft {
            continue;
        }
        let recommendation = recommendation_for(f64::from(total) / mine.len() as f64);
        submit(
            conn,
            plan,
            panelist,
            Some(recommendation),
            Some(summary(recommendation, dice)),
        )?;
        recommendations.push(recommendation);
    }
    Ok(recommendations)
}

/// The recommendation an interviewer whose scores average `mean` would give.
fn recommendation_for(mean: f64) -> Recommendation {
    if mean < 1.75 {
        Recommendation::StrongNo
    } else if mean < 2.5 {
        Recommendation::No
    } else if mean < 3.25 {
        Recommendation::Yes
    } else {
        Recommendation::StrongYes
    }
}

/// Records the panel lead's decision, following the panel: hire on three or four hires, no
/// hire on one or none, hold on a split panel.
fn decide_plan(
    conn: &Connection,
    plan: i64,
    recommendations: &[Recommendation],
    dice: &mut Dice,
) -> Result<()> {
    let yes = recommendations
        .iter()
        .filter(|r| matches!(r, Recommendation::Yes | Recommendation::StrongYes))
        .count();
    let (decision, rationales): (DecisionKind, &[&str]) = match yes {
        3.. => (
            DecisionKind::Hire,
            &[
                "The panel was consistent: strong on risk decisions and on building leaders.",
                "Clear hire: concrete examples throughout; the one doubt was settled at debrief.",
            ],
        ),
        0 | 1 => (
            DecisionKind::NoHire,
            &[
                "Not at Director level yet: answers stayed on tooling rather than decisions.",
                "The panel agreed the program story was too thin for this role.",
            ],
        ),
        _ => (
            DecisionKind::Hold,
            &[
                "Split panel; a follow-up on budget and metrics before deciding.",
                "Hold until the reference calls are back; the panel disagreed on leadership.",
            ],
        ),
    };
    decide(
        conn,
        plan,
        &DecisionInput {
            decision,
            rationale: rationales[dice.below(rationales.len())].into(),
            decided_by: PANEL_LEAD.into(),
        },
    )?;
    Ok(())
}
