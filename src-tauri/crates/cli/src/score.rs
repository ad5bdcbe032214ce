//! `panelctl score | submit | scorecard show | amend | unseal`: interview mode from scripts.
//!
//! Point and signal numbers on the command line count from 1, as the rubric shows them.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use panel_core::scorecards::{self, Amendment, AnswerInput, Recommendation, ScorecardView, Viewer};
use panel_core::Db;

use crate::{print_json, Failure};

#[derive(Args)]
pub struct ScoreArgs {
    /// Plan id.
    plan: i64,
    /// Panelist id.
    #[arg(long)]
    panelist: i64,
    /// Question number.
    #[arg(long)]
    question: u32,
    /// Score 1–4.
    #[arg(long, conflicts_with = "not_asked", allow_negative_numbers = true)]
    score: Option<i64>,
    /// Mark the question not asked, with the reason.
    #[arg(long, value_name = "REASON")]
    not_asked: Option<String>,
    /// Strong-answer points covered, counted from 1 (e.g. 1,3).
    #[arg(long, value_delimiter = ',')]
    covered: Vec<u32>,
    /// Weak-answer signals observed, counted from 1.
    #[arg(long, value_delimiter = ',')]
    flag: Vec<u32>,
    /// Notes (replace what was there).
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct SubmitArgs {
    /// Plan id.
    plan: i64,
    /// Panelist id.
    #[arg(long)]
    panelist: i64,
    /// strong-no, no, yes or strong-yes.
    #[arg(long)]
    recommendation: String,
    /// Overall summary.
    #[arg(long)]
    summary: Option<String>,
}

#[derive(Args)]
pub struct AmendArgs {
    /// Plan id.
    plan: i64,
    /// Panelist id.
    #[arg(long)]
    panelist: i64,
    /// Question number.
    #[arg(long)]
    question: u32,
    /// New score 1–4.
    #[arg(long, allow_negative_numbers = true)]
    score: Option<i64>,
    /// New notes.
    #[arg(long)]
    note: Option<String>,
    /// Why the submitted scorecard changes.
    #[arg(long)]
    reason: String,
    /// Who makes the change (recorded in the audit trail).
    #[arg(long)]
    by: String,
}

#[derive(Subcommand)]
pub enum ScorecardCommand {
    /// Show a panelist's own scorecard.
    Show {
        /// Plan id.
        plan: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
        /// A file whose first line is the PIN guarding the scorecard (needed when it has one).
        #[arg(long)]
        pin_file: Option<PathBuf>,
        /// Needed for a returned scorecard while the plan is sealed.
        #[command(flatten)]
        disclosure: crate::DisclosureArgs,
    },
    /// Remove the PIN guarding a panelist's scorecard when they forgot it (audited).
    ResetPin {
        /// Plan id.
        plan: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Who resets it (for the audit trail; "panel lead" when not given and no --reason).
        #[arg(long)]
        by: Option<String>,
        /// Why, needed while the plan is sealed: the reset leaves the card open to anyone at
        /// this computer, so it is recorded as an early unseal under --by, which it requires.
        #[arg(long, requires = "by")]
        reason: Option<String>,
    },
}

fn score_value(score: Option<i64>) -> Result<Option<u8>, Failure> {
    score
        .map(|s| {
            u8::try_from(s)
                .ok()
                .filter(|s| (1..=4).contains(s))
                .ok_or_else(|| Failure::Message(format!("score must be 1–4, got {s}")))
        })
        .transpose()
}

fn from_one(what: &str, numbers: &[u32]) -> Result<Vec<u32>, Failure> {
    numbers
        .iter()
        .map(|&n| {
            n.checked_sub(1)
                .ok_or_else(|| Failure::Message(format!("{what} are counted from 1, got 0")))
        })
        .collect()
}

pub fn score(db: &mut Db, a: ScoreArgs) -> Result<(), Failure> {
    let own = scorecards::scorecard(db.conn(), a.plan, a.panelist, Viewer::Panelist(a.panelist))?;
    let current = own
        .answers
        .iter()
        .find(|x| x.answer.question_number == a.question);
    let mut answer = AnswerInput {
        question_number: a.question,
        score: current.and_then(|c| c.answer.score),
        not_asked_reason: current.and_then(|c| c.answer.not_asked_reason.clone()),
        covered: current
            .map(|c| c.answer.covered.clone())
            .unwrap_or_default(),
        flags: current.map(|c| c.answer.flags.clone()).unwrap_or_default(),
        notes: current.map(|c| c.answer.notes.clone()).unwrap_or_default(),
        seconds_spent: current.map(|c| c.answer.seconds_spent).unwrap_or(0),
    };
    if let Some(score) = score_value(a.score)? {
        answer.score = Some(score);
        answer.not_asked_reason = None;
    }
    if let Some(reason) = a.not_asked {
        answer.not_asked_reason = Some(reason);
        answer.score = None;
    }
    if !a.covered.is_empty() {
        answer.covered = from_one("points", &a.covered)?;
    }
    if !a.flag.is_empty() {
        answer.flags = from_one("signals", &a.flag)?;
    }
    if let Some(note) = a.note {
        answer.notes = note;
    }
    db.with_tx(|tx| scorecards::save_answer(tx, a.plan, a.panelist, &answer))?;
    Ok(())
}

pub fn submit(db: &mut Db, a: SubmitArgs) -> Result<(), Failure> {
    let recommendation = Recommendation::from_slug(&a.recommendation).ok_or_else(|| {
        Failure::Message(format!(
            "unknown recommendation {:?}; use strong-no, no, yes or strong-yes",
            a.recommendation
        ))
    })?;
    db.with_tx(|tx| {
        scorecards::submit(
            tx,
            a.plan,
            a.panelist,
            Some(recommendation),
            a.summary.as_deref(),
        )
    })?;
    Ok(())
}

pub fn amend(db: &mut Db, a: AmendArgs) -> Result<(), Failure> {
    let change = Amendment {
        question_number: a.question,
        score: score_value(a.score)?,
        notes: a.note,
        reason: a.reason,
    };
    db.with_tx(|tx| scorecards::amend(tx, a.plan, a.panelist, &change, Some(&a.by)))?;
    Ok(())
}

pub fn unseal(db: &mut Db, plan: i64, reason: &str, by: &str) -> Result<(), Failure> {
    db.with_tx(|tx| scorecards::unseal(tx, plan, by, reason))?;
    Ok(())
}

pub fn show(db: &mut Db, command: ScorecardCommand) -> Result<(), Failure> {
    let (plan, panelist, json, pin_file, disclosure) = match command {
        ScorecardCommand::Show {
            plan,
            panelist,
            json,
            pin_file,
            disclosure,
        } => (plan, panelist, json, pin_file, disclosure.disclosure()),
        ScorecardCommand::ResetPin {
            plan,
            panelist,
            by,
            reason,
        } => {
            let by = by.unwrap_or_else(|| "panel lead".into());
            db.with_tx(|tx| {
                scorecards::reset_scorecard_pin(tx, plan, panelist, &by, reason.as_deref())
            })?;
            return Ok(());
        }
    };
    if scorecards::is_imported(db.conn(), panelist)? {
        // A returned card is the panelist's, not this computer's user's: sealed until the
        // panel has submitted, or revealed on the record.
        let name = db
            .conn()
            .query_row(
                "SELECT name FROM panelists WHERE id = ?1",
                [panelist],
                |r| r.get::<_, String>(0),
            )
            .unwrap_or_default();
        db.with_tx(|tx| {
            scorecards::disclose_if_sealed(
                tx,
                plan,
                disclosure.as_ref(),
                "panelctl scorecard show",
                &format!("{name}'s returned scorecard"),
            )
        })?;
    } else if scorecards::has_pin(db.conn(), plan, panelist)? {
        let Some(pin_file) = pin_file else {
            return Err(Failure::Message(
                "this scorecard is guarded by a PIN: pass --pin-file FILE whose first line is the \
                 PIN (panelctl never asks on the terminal)"
                    .into(),
            ));
        };
        let pin = crate::read_secret_line(&pin_file, "PIN")?;
        scorecards::PinGate::default().unlock(db, plan, panelist, &pin, chrono::Utc::now())?;
    }
    let card = scorecards::scorecard(db.conn(), plan, panelist, Viewer::Panelist(panelist))?;
    if json {
        print_json(&card)
    } else {
        print_card(&card)
    }
}

fn print_card(card: &ScorecardView) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let status = serde_json::to_value(card.status).ok();
    let status = status.as_ref().and_then(|v| v.as_str()).unwrap_or("");
    writeln!(out, "{} · {status}", card.panelist_name)?;
    for a in &card.answers {
        let score = match (&a.answer.score, &a.answer.not_asked_reason) {
            (Some(s), _) => format!("{s}/4"),
            (None, Some(reason)) => format!("not asked ({reason})"),
            _ => "—".into(),
        };
        writeln!(out, "  Q{:<3} {score}", a.answer.question_number)?;
        if !a.answer.notes.is_empty() {
            writeln!(
                out,
                "        {}",
                a.answer.notes.replace('\n', "\n        ")
            )?;
        }
    }
    if let Some(r) = card.recommendation {
        writeln!(out, "Recommendation: {}", r.slug())?;
    }
    Ok(())
}
