//! `panelctl calibration` (how each interviewer scores against the panel, how each question
//! separates candidates) and `panelctl people` (the interviewers behind it: list, seats, merge,
//! split, purge).

use std::io::Write;

use clap::{Args, Subcommand};
use panel_core::calibration::{self, CalibrationReport, CalibrationScope};
use panel_core::{bank, people, Db};

use crate::{print_json, Failure};

/// `panelctl calibration`'s arguments.
#[derive(Debug, Args)]
pub struct CalibrationArgs {
    /// Pack ID (its newest version) or ID@VERSION; without it, the newest version of the pack
    /// with the most submitted answers.
    #[arg(long)]
    pack: Option<String>,
    /// Count every version of the pack, on the questions whose text did not change.
    #[arg(long)]
    all_versions: bool,
    /// Print the report as a JSON object.
    #[arg(long)]
    json: bool,
}

/// `panelctl compare`'s arguments.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two to six plan ids (finalists whose panels have submitted).
    #[arg(required = true, num_args = 2..)]
    plans: Vec<i64>,
    /// Print the comparison as a JSON object.
    #[arg(long)]
    json: bool,
}

/// `panelctl people`'s subcommands.
#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Every interviewer the app knows, with the plans they sat on.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// A person's seats: the panels they sat on, with the name and email entered there.
    Seats {
        /// Person id.
        person: i64,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Merge two entries for one interviewer: OTHER's seats become KEEP's (audited).
    Merge {
        /// The person who stays.
        keep: i64,
        /// The entry merged into them.
        other: i64,
        /// Print the merged person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Split a seat matched to the wrong person into a person of its own (audited); prints the
    /// new person's id.
    Split {
        /// The seat: a panelist id (`people seats` lists them).
        #[arg(long)]
        seat: i64,
        /// Print the new person as JSON ({"id": …, "name": …, "plans": …}) instead of the bare id.
        #[arg(long)]
        json: bool,
    },
    /// Purge a departing interviewer: their name and email become "Former interviewer N"
    /// everywhere; their scores stay (audited). Cannot be undone.
    Purge {
        /// Person id.
        person: i64,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Prints the calibration report.
pub fn calibration(db: &Db, args: CalibrationArgs) -> Result<(), Failure> {
    let pack = match &args.pack {
        Some(spec) => Some(bank::resolve_spec(db.conn(), spec)?.pack_ref()),
        None => None,
    };
    let report = calibration::calibration_report(
        db.conn(),
        &CalibrationScope {
            pack,
            all_versions: args.all_versions,
        },
    )?;
    if args.json {
        return print_json(&report);
    }
    print_report(&report)
}

fn signed(value: f64) -> String {
    format!("{value:+.2}")
}

fn print_report(report: &CalibrationReport) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", report.in_words)?;
    if report.interviewers.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nInterviewers (most lenient first)")?;
    for i in &report.interviewers {
        let interval = i
            .interval
            .map(|(low, high)| format!(" [{} to {}]", signed(low), signed(high)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>5}{interval}  {} (person {}): {}",
            signed(i.leniency_offset),
            i.name,
            i.person_id,
            i.in_words
        )?;
        writeln!(
            out,
            "         scores 1/2/3/4: {}/{}/{}/{}; {}",
            i.scores.ones, i.scores.twos, i.scores.threes, i.scores.fours, i.adherence_in_words
        )?;
    }
    writeln!(out, "\nQuestions")?;
    for q in &report.questions {
        let spread = q
            .spread
            .map_or_else(|| "—".to_string(), |s| format!("{s:.2}"));
        writeln!(out, "  Q{:<3} spread {spread}  {}", q.number, q.in_words)?;
        if q.agreement.pairs > 0 {
            writeln!(out, "        {}", q.agreement.in_words)?;
        }
    }
    Ok(())
}

/// Prints finalists side by side.
pub fn compare(db: &Db, args: CompareArgs) -> Result<(), Failure> {
    let c = calibration::compare(db.conn(), &args.plans)?;
    if args.json {
        return print_json(&c);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", c.in_words)?;
    let figure = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"));
    for p in &c.plans {
        writeln!(out, "\n{} (plan {})", p.candidate, p.plan_id)?;
        let t = &p.tally;
        writeln!(
            out,
            "  recommendations: {} strong yes, {} yes, {} no, {} strong no; decision: {}",
            t.strong_yes,
            t.yes,
            t.no,
            t.strong_no,
            p.decision.as_deref().unwrap_or("not decided")
        )?;
        for cap in &p.capabilities {
            writeln!(
                out,
                "  {:<28} raw {}  adjusted {}",
                panel_core::capability::label(cap.capability),
                figure(cap.raw_mean),
                figure(cap.adjusted_mean)
            )?;
        }
        if !p.adjusted_shown {
            writeln!(out, "  {}", p.adjusted_in_words)?;
        }
        for d in &p.disagreements {
            writeln!(
                out,
                "  disagreement Q{} (spread {}): {}",
                d.number, d.spread, d.text
            )?;
        }
    }
    Ok(())
}

/// Runs a `panelctl people` subcommand.
pub fn run_people(db: &mut Db, command: PeopleCommand) -> Result<(), Failure> {
    match command {
        PeopleCommand::List { json } => {
            let all = people::list(db.conn())?;
            if json {
                return print_json(&all);
            }
            let mut out = std::io::stdout().lock();
            for p in &all {
                let email = p
                    .email
                    .as_deref()
                    .map(|e| format!(" <{e}>"))
                    .unwrap_or_default();
                writeln!(out, "{}\t{}{email}\t{} plans", p.id, p.name, p.plans)?;
            }
            eprintln!("{} people", all.len());
            Ok(())
        }
        PeopleCommand::Seats { person, json } => {
            let seats = people::seats(db.conn(), person)?;
            if json {
                return print_json(&seats);
            }
            let mut out = std::io::stdout().lock();
            for s in &seats {
                let when = s
                    .starts_at
                    .as_ref()
                    .map_or_else(|| "unscheduled".to_string(), ToString::to_string);
                writeln!(
                    out,
                    "{}\tplan {}\t{}\t{when}\tas {}",
                    s.panelist_id, s.plan_id, s.candidate, s.name
                )?;
            }
            Ok(())
        }
        PeopleCommand::Merge { keep, other, json } => {
            let merged = db.with_tx(|tx| people::merge(tx, keep, other))?;
            if json {
                return print_json(&merged);
            }
            writeln!(
                std::io::stdout().lock(),
                "merged: {} now has {} plans",
                merged.name,
                merged.plans
            )?;
            Ok(())
        }
        PeopleCommand::Split { seat, json } => {
            let person = db.with_tx(|tx| people::split(tx, seat))?;
            if json {
                return print_json(&person);
            }
            writeln!(std::io::stdout().lock(), "{}", person.id)?;
            Ok(())
        }
        PeopleCommand::Purge { person, json } => {
            let purged = people::purge(db.conn(), person)?;
            for warning in &purged.warnings {
                eprintln!("warning: {warning}");
            }
            if json {
                return print_json(&purged);
            }
            writeln!(
                std::io::stdout().lock(),
                "purged: now {} on {} seats",
                purged.label,
                purged.seats
            )?;
            Ok(())
        }
    }
}
