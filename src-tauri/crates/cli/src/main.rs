//! `panelctl`: the headless face of Hiring Panel.
//!
//! Recruiters script it and tests drive it, so it behaves like a careful Unix tool (see the
//! project's CLI conventions): human output by default and `--json` for machines, results on
//! stdout and everything else on stderr, exit 1 with one `error:` line when something is refused
//! or fails, exit 2 for usage errors.

mod backup;
mod bank;
mod calibration;
mod check;
mod debrief;
mod demo;
mod exchange;
mod meeting;
mod pack;
mod plan;
mod plan_print;
mod plan_values;
mod privacy;
mod score;
mod selection;
mod team;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use panel_core::{data_dir, Db};

#[derive(Parser)]
#[command(
    name = "panelctl",
    version,
    about = "Hiring Panel from the command line"
)]
struct Cli {
    /// Data directory holding panel.db (default: $HIRING_PANEL_DATA_DIR, else the app's own).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// The built-in question bank.
    Bank {
        #[command(subcommand)]
        command: bank::BankCommand,
    },
    /// Interview plans: create, add panelists, split the questions.
    Plan {
        #[command(subcommand)]
        command: plan::PlanCommand,
    },
    /// Record a panelist's answer to one question (score, coverage, flags, notes).
    Score(score::ScoreArgs),
    /// Submit a panelist's scorecard.
    Submit(score::SubmitArgs),
    /// A panelist's own scorecard.
    Scorecard {
        #[command(subcommand)]
        command: score::ScorecardCommand,
    },
    /// Change an answer of a submitted scorecard, with a reason (audited).
    Amend(score::AmendArgs),
    /// Unseal the plan's scores before the whole panel has submitted (audited).
    Unseal {
        /// Plan id.
        plan: i64,
        /// Why the scores must be seen early.
        #[arg(long)]
        reason: String,
        /// Who unseals (for the audit trail).
        #[arg(long, default_value = "panel lead")]
        by: String,
    },
    /// The debrief of a plan: scores by question, capabilities, tally, completeness.
    Debrief {
        #[command(subcommand)]
        command: debrief::DebriefCommand,
    },
    /// Record the panel's decision (hire, no-hire or hold) with its rationale (audited).
    Decide(debrief::DecideArgs),
    /// Write PDFs: the debrief packet, the finalists comparison, or a panelist's paper
    /// interview kit.
    Export {
        #[command(subcommand)]
        command: debrief::ExportCommand,
    },
    /// Question packs as files: list, export, import.
    Pack {
        #[command(subcommand)]
        command: pack::PackCommand,
    },
    /// Offline exchange: kits out to panelists' laptops, signed scorecards back.
    Exchange {
        #[command(subcommand)]
        command: exchange::ExchangeCommand,
    },
    /// Create a realistic sample plan (candidate, four panelists, split done); prints its id.
    /// With --scored, a plan whose panel has interviewed and submitted instead; with
    /// --calibration, a slate of about 20 scored plans for one role whose seven interviewers
    /// score with known, different leniencies (prints the plans' ids, one per line).
    Demo {
        /// Create the plan with every scorecard submitted (ready for a debrief).
        #[arg(long, conflicts_with = "calibration")]
        scored: bool,
        /// Create the calibration slate instead.
        #[arg(long)]
        calibration: bool,
        /// Print {"id": …} instead of the bare id.
        #[arg(long)]
        json: bool,
    },
    /// How each interviewer scores against the rest of the panel (leniency, with an interval),
    /// their adherence, and how well each question separates candidates.
    Calibration(calibration::CalibrationArgs),
    /// Finalists side by side: capability means raw and adjusted, tallies, disagreements,
    /// decisions (sealed plans are refused).
    Compare(calibration::CompareArgs),
    /// The interviewers the app knows across plans: list, seats, merge, split, purge.
    People {
        #[command(subcommand)]
        command: calibration::PeopleCommand,
    },
    /// This computer's public identity (the line a panel lead records for you).
    Identity {
        #[command(subcommand)]
        command: team::IdentityCommand,
    },
    /// The team folder kits and scorecards travel through (a folder your sync engine keeps in
    /// step on every laptop).
    Team {
        #[command(subcommand)]
        command: team::TeamCommand,
    },
    /// Check the database's integrity without changing it.
    Check {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a plan and its candidate for good: notes, scorecards, audit details, and the
    /// copies in backups (rewritten). Cannot be undone.
    Purge {
        /// Plan id.
        plan: i64,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show or set how long decided and withdrawn plans are kept, and list those due.
    Retention {
        /// Keep plans this many months after they are decided or withdrawn (1–120).
        #[arg(long, conflicts_with = "off")]
        months: Option<u32>,
        /// Keep plans until purged by hand.
        #[arg(long)]
        off: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Back up the database: into backups/ next to it, or --to FILE; --list shows the backups.
    Backup(backup::BackupArgs),
    /// Replace the database with a backup (checked first); the current one is kept as a backup,
    /// or moved aside untouched if it cannot be opened. Refused while the app is open.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Why a command stopped early.
pub enum Failure {
    /// Refused or failed: one line on stderr and exit status 1.
    Message(String),
    /// The reader closed stdout (`panelctl … | head`): stop quietly, as Unix tools do.
    ClosedPipe,
}

impl From<panel_core::Error> for Failure {
    fn from(err: panel_core::Error) -> Self {
        Failure::Message(err.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::ClosedPipe,
            _ => Failure::Message(format!("cannot write output: {err}")),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let dir = data_dir::resolve(cli.data_dir.as_deref())?;
    let db_path = data_dir::ensure_database_path(&dir)?;
    match cli.command {
        Command::Bank { command } => {
            let db = Db::open_checked(&db_path)?;
            bank::run(&db, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { command } => {
            let mut db = Db::open_checked(&db_path)?;
            plan::run(&mut db, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            scored,
            calibration: true,
            json,
        } => {
            debug_assert!(!scored);
            let mut db = Db::open_checked(&db_path)?;
            demo::demo_calibration(&mut db, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { scored, json, .. } => {
            let mut db = Db::open_checked(&db_path)?;
            demo::demo(&mut db, scored, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calibration(args) => {
            calibration::calibration(&Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare(args) => {
            calibration::compare(&Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::People { command } => {
            calibration::run_people(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Score(args) => {
            score::score(&mut Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Submit(args) => {
            score::submit(&mut Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Scorecard { command } => {
            score::show(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Amend(args) => {
            score::amend(&mut Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Unseal { plan, reason, by } => {
            score::unseal(&mut Db::open_checked(&db_path)?, plan, &reason, &by)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Debrief { command } => {
            debrief::run(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide(args) => {
            debrief::decide(&mut Db::open_checked(&db_path)?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { command } => {
            debrief::export(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Pack { command } => {
            pack::run(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Exchange { command } => {
            exchange::run(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Identity { command } => {
            team::identity(&Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Team { command } => {
            team::run(&mut Db::open_checked(&db_path)?, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { json } => check::run(&db_path, json),
        Command::Purge { plan, json } => {
            data_dir::ensure_app_not_running(&dir)?;
            privacy::purge(&Db::open_checked(&db_path)?, &db_path, plan, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Retention { months, off, json } => {
            privacy::retention(&mut Db::open_checked(&db_path)?, months, off, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(args) => {
            backup::run(&db_path, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file, json } => {
            data_dir::ensure_app_not_running(&dir)?;
            backup::restore(&db_path, &file, json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints a value as pretty JSON on stdout.
/// `--reason TEXT --by NAME`: why sealed scores and notes are revealed before every panelist
/// has submitted, and who reveals them. Both or neither; recorded as an early unseal.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DisclosureArgs {
    /// Why sealed scores and notes must be seen before every panelist has submitted (recorded
    /// in the audit trail as an early unseal, with --by).
    #[arg(long, requires = "by")]
    reason: Option<String>,
    /// Who reveals them.
    #[arg(long, requires = "reason")]
    by: Option<String>,
}

impl DisclosureArgs {
    /// The disclosure to hand the core, when one was given.
    pub fn disclosure(self) -> Option<panel_core::scorecards::Disclosure> {
        self.reason
            .map(|reason| panel_core::scorecards::Disclosure {
                reason,
                by: self.by.unwrap_or_default(),
            })
    }
}

/// The first line of a file holding a secret (a passphrase, a PIN), without its line ending.
/// Secrets never go on the command line, where other users could read the process list, and
/// `panelctl` never prompts on a terminal.
pub fn read_secret_line(path: &std::path::Path, what: &str) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Message(format!(
            "cannot read the {what} file {}: {e}",
            path.display()
        ))
    })?;
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err(Failure::Message(format!(
            "the {what} file {} is empty",
            path.display()
        )));
    }
    Ok(line)
}

/// An output path as typed (relative to the working folder, as every Unix tool takes it), made
/// absolute for the core's export seam, which accepts nothing else.
pub fn output_path(path: &std::path::Path) -> Result<std::path::PathBuf, Failure> {
    std::path::absolute(path)
        .map_err(|e| Failure::Message(format!("cannot resolve {}: {e}", path.display())))
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Message(format!("cannot encode output as JSON: {e}")))?;
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}
