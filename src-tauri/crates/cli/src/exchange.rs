//! `panelctl exchange`: kits out to panelists' laptops and signed scorecards back, as files.

use std::path::PathBuf;

use clap::Subcommand;
use panel_core::exchange::{self, ImportOptions, ImportOutcome};
use panel_core::Db;

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum ExchangeCommand {
    /// Write one kit (.hpkit) per panelist of PLAN into DIR; prints one path per line.
    ExportKits {
        /// Plan id.
        plan: i64,
        /// Folder to write the kits into.
        #[arg(long)]
        dir: PathBuf,
        /// Print a JSON array of {panelistId, panelistName, path, new}.
        #[arg(long)]
        json: bool,
    },
    /// Import a kit (.hpkit, on a panelist's computer) or a scorecard (.hpscore, on the lead's).
    Import {
        /// The file.
        file: PathBuf,
        /// Replace a scorecard recorded on this computer for the same panelist (audited).
        #[arg(long)]
        replace_local: bool,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the panelist's submitted scorecard of a kit's plan copy, signed, to FILE.
    ExportScorecard {
        /// Plan id (the panelist's copy made from a kit).
        plan: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Where to write the .hpscore file (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
    },
}

pub fn run(db: &mut Db, command: ExchangeCommand) -> Result<(), Failure> {
    match command {
        ExchangeCommand::ExportKits { plan, dir, json } => {
            let sent = exchange::send_kits(db, plan, &dir)?;
            if json {
                return print_json(&sent);
            }
            let mut out = std::io::stdout().lock();
            for kit in &sent {
                use std::io::Write;
                writeln!(out, "{}", kit.path)?;
                eprintln!(
                    "{}: {}",
                    kit.panelist_name,
                    if kit.new {
                        "new kit"
                    } else {
                        "same kit as before"
                    }
                );
            }
            Ok(())
        }
        ExchangeCommand::Import {
            file,
            replace_local,
            json,
        } => {
            let bytes = exchange::read_file(&file)?;
            let outcome = exchange::import(db, &bytes, ImportOptions { replace_local })?;
            if json {
                return print_json(&outcome);
            }
            if let ImportOutcome::Kit(k) = &outcome {
                use std::io::Write;
                writeln!(std::io::stdout().lock(), "{}", k.plan_id)?;
            }
            eprintln!("{}", outcome.describe());
            Ok(())
        }
        ExchangeCommand::ExportScorecard {
            plan,
            panelist,
            output,
        } => {
            let file = exchange::save_scorecard(db, plan, panelist, &output)?;
            eprintln!(
                "wrote {} (revision {}, {} KB)",
                output.display(),
                file.revision,
                file.bytes.len().div_ceil(1024)
            );
            Ok(())
        }
    }
}
