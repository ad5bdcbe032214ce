//! `panelctl debrief show`, `decide` and `export`: the debrief as text or JSON, the panel's
//! decision, and the PDF packet and paper interview kits. The meeting's subcommands (`agenda`,
//! `meeting`, `rescore`, `minutes`) are in `meeting.rs`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use panel_core::debrief::{self, top_disagreements, Debrief, DecisionInput, DecisionKind};
use panel_core::export::{self, ExportKind};
use panel_core::pdf::{self, Paper};
use panel_core::{scorecards, Db};

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum DebriefCommand {
    /// The debrief of a plan (refused while its scores are sealed).
    Show {
        /// Plan id.
        plan: i64,
        /// Print the whole debrief as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The debrief meeting's agenda, in order (proposed until the meeting starts, then frozen).
    Agenda {
        /// Plan id.
        plan: i64,
        /// Print the items as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// The whole debrief meeting: speaking order, agenda with minutes and time, and the
    /// independent result beside the after-discussion one.
    Meeting {
        /// Plan id.
        plan: i64,
        /// Print it as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record a panelist's score after discussion, with a reason (their independent score
    /// again withdraws it); the sealed score is never changed.
    Rescore(crate::meeting::RescoreArgs),
    /// Save the minutes of an agenda item (the first minutes start the meeting).
    Minutes(crate::meeting::MinutesArgs),
}

#[derive(Args)]
pub struct DecideArgs {
    /// Plan id.
    plan: i64,
    /// hire, no-hire or hold.
    #[arg(long, required_unless_present = "reopen", conflicts_with = "reopen")]
    decision: Option<String>,
    /// Why.
    #[arg(long, required_unless_present = "reopen", conflicts_with = "reopen")]
    rationale: Option<String>,
    /// Withdraw the recorded decision so the panel can look again (with --reason and --by):
    /// a scorecard revision that arrives after a decision is accepted only then.
    #[arg(long, requires = "reason")]
    reopen: bool,
    /// Why the decision is reopened.
    #[arg(long, requires = "reopen")]
    reason: Option<String>,
    /// Who decided, or who reopens.
    #[arg(long)]
    by: String,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The debrief packet PDF for the hiring committee (refused while sealed).
    Debrief {
        /// Plan id.
        plan: i64,
        /// Where to write the PDF (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
    /// Finalists side by side, as a PDF for the hiring committee (sealed plans are refused).
    Comparison {
        /// Two to six plan ids.
        #[arg(required = true, num_args = 2..)]
        plans: Vec<i64>,
        /// Where to write the PDF (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
    /// One panelist's paper interview kit PDF.
    Kit {
        /// Plan id.
        plan: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Where to write the PDF (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
    },
    /// Everything held about the plan's candidate, as JSON (a data-access request); audited.
    CandidateData {
        /// Plan id.
        plan: i64,
        /// Where to write the JSON file (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// Needed while the plan is sealed: the file holds every scorecard, drafts included.
        #[command(flatten)]
        disclosure: crate::DisclosureArgs,
    },
}

fn paper(slug: &str) -> Result<Paper, Failure> {
    Paper::from_slug(slug)
        .ok_or_else(|| Failure::Message(format!("paper must be a4 or letter, got {slug}")))
}

/// Runs a `debrief` subcommand.
pub fn run(db: &mut Db, command: DebriefCommand) -> Result<(), Failure> {
    match command {
        DebriefCommand::Show { plan, json } => show(db, plan, json),
        DebriefCommand::Agenda { plan, json } => crate::meeting::agenda(db, plan, json),
        DebriefCommand::Meeting { plan, json } => crate::meeting::show(db, plan, json),
        DebriefCommand::Rescore(args) => crate::meeting::rescore(db, args),
        DebriefCommand::Minutes(args) => crate::meeting::minutes(db, args),
    }
}

fn show(db: &Db, plan: i64, json: bool) -> Result<(), Failure> {
    let d = debrief::debrief(db.conn(), plan)?;
    if json {
        print_json(&d)
    } else {
        print_debrief(&d)
    }
}

fn print_debrief(d: &Debrief) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} · debrief", d.candidate)?;
    match &d.decision {
        Some(x) => writeln!(
            out,
            "Decision: {} ({}, {}) — {}",
            x.decision.label(),
            x.decided_by,
            x.decided_at,
            x.rationale
        )?,
        None => writeln!(out, "Decision: pending")?,
    }
    let t = &d.tally;
    writeln!(
        out,
        "Recommendations: strong hire {} · hire {} · no hire {} · strong no hire {} · pending {}",
        t.strong_yes, t.yes, t.no, t.strong_no, t.pending
    )?;
    writeln!(out)?;
    for q in &d.questions {
        let scores: Vec<String> = q
            .cells
            .iter()
            .map(|c| match (c.score, &c.not_asked_reason) {
                (Some(s), _) => format!("{} {s}", c.panelist_name),
                (None, Some(_)) => format!("{} not asked", c.panelist_name),
                _ => format!("{} —", c.panelist_name),
            })
            .collect();
        let mean = q
            .mean
            .map(|m| format!("{m:.2}"))
            .unwrap_or_else(|| "—".into());
        let flag = if q.disagreement { "  DISAGREEMENT" } else { "" };
        writeln!(
            out,
            "Q{:<3} mean {mean:<4} {}{flag}",
            q.number,
            scores.join(", ")
        )?;
    }
    writeln!(out)?;
    for c in &d.capabilities {
        let mean = c
            .mean
            .map(|m| format!("{m:.2}"))
            .unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "{:<11} {mean} ({} scores)",
            c.capability.slug(),
            c.scores
        )?;
    }
    let top = top_disagreements(d);
    if !top.is_empty() {
        let numbers: Vec<String> = top.iter().map(|q| q.number.to_string()).collect();
        writeln!(
            out,
            "Disagreements (spread ≥ 2): questions {}",
            numbers.join(", ")
        )?;
    }
    if let Some(a) = &d.agreement {
        writeln!(
            out,
            "Rater agreement: mean absolute difference {:.2} over {} pairs; exact {:.0}%, within one {:.0}%",
            a.mean_absolute_difference,
            a.pairs,
            a.exact_rate * 100.0,
            a.within_one_rate * 100.0
        )?;
    }
    let c = &d.completeness;
    if !c.not_submitted.is_empty() {
        writeln!(out, "Not submitted: {}", c.not_submitted.join(", "))?;
    }
    if !c.never_scored.is_empty() {
        let numbers: Vec<String> = c.never_scored.iter().map(u32::to_string).collect();
        writeln!(out, "Never scored: questions {}", numbers.join(", "))?;
    }
    Ok(())
}

pub fn decide(db: &mut Db, a: DecideArgs) -> Result<(), Failure> {
    if a.reopen {
        let reason = a.reason.unwrap_or_default();
        db.with_tx(|tx| debrief::reopen(tx, a.plan, &reason, &a.by))?;
        return Ok(());
    }
    let slug = a.decision.unwrap_or_default();
    let decision = DecisionKind::from_slug(&slug).ok_or_else(|| {
        Failure::Message(format!(
            "decision must be hire, no-hire or hold, got {slug}"
        ))
    })?;
    let input = DecisionInput {
        decision,
        rationale: a.rationale.unwrap_or_default(),
        decided_by: a.by,
    };
    db.with_tx(|tx| debrief::decide(tx, a.plan, &input))?;
    Ok(())
}

pub fn export(db: &mut Db, command: ExportCommand) -> Result<(), Failure> {
    let (rendered, output, kind) = match command {
        ExportCommand::CandidateData {
            plan,
            output,
            disclosure,
        } => {
            let disclosure = disclosure.disclosure();
            return crate::privacy::export_subject(db, plan, &output, disclosure.as_ref());
        }
        ExportCommand::Debrief {
            plan,
            output,
            paper: p,
        } => {
            let paper = paper(&p)?;
            let d = debrief::debrief_for_packet(db.conn(), plan)?;
            (
                pdf::debrief_packet_rendered(&d, paper, panel_core::time::local_zone())?,
                output,
                ExportKind::Packet,
            )
        }
        ExportCommand::Comparison {
            plans,
            output,
            paper: p,
        } => {
            let paper = paper(&p)?;
            let comparison = panel_core::calibration::compare(db.conn(), &plans)?;
            (
                pdf::comparison_pdf_rendered(&comparison, paper, panel_core::time::local_zone())?,
                output,
                ExportKind::Comparison,
            )
        }
        ExportCommand::Kit {
            plan,
            panelist,
            output,
            paper: p,
        } => {
            let paper = paper(&p)?;
            let view = scorecards::interview(db.conn(), plan, panelist)?;
            (
                pdf::interview_kit_rendered(&view, paper, panel_core::time::local_zone())?,
                output,
                ExportKind::InterviewKit,
            )
        }
    };
    let written = export::write_pdf(&crate::output_path(&output)?, kind, &rendered)?;
    eprintln!(
        "wrote {} ({} KB)",
        written.path,
        written.bytes.div_ceil(1024)
    );
    // Written all the same (exit 0): the user hears which characters print as boxes.
    if let Some(warning) = &written.warning {
        eprintln!("warning: {warning}");
    }
    Ok(())
}
