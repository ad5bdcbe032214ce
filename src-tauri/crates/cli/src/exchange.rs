//! `panelctl exchange`: kits out to panelists' laptops and signed scorecards back, as files.

use std::path::PathBuf;

use clap::Subcommand;
use panel_core::exchange::{self, ImportOptions, ImportOutcome};
use panel_core::identity::Identity;
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
        /// Encrypt every kit with the passphrase in this file (first line); tell the panelists
        /// the passphrase another way.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
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
        /// The passphrase of a protected file, in this file (first line).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Accept a panel lead's new signing key with this fingerprint, after checking it with
        /// the lead (a kit signed by another key than the one known for its lead is refused
        /// until then).
        #[arg(long, value_name = "FINGERPRINT")]
        accept_lead_key: Option<String>,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print this computer's signing key fingerprint: panelists see it on their first kit.
    Key {
        /// Print {fingerprint, publicKey} as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the panel leads' keys this computer knows, newest first.
    LeadKeys {
        /// Print a JSON array of {lead, fingerprint, firstSeen, replaces}.
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
        /// Encrypt the file with the passphrase in this file (first line).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn run(db: &mut Db, command: ExchangeCommand) -> Result<(), Failure> {
    match command {
        ExchangeCommand::ExportKits {
            plan,
            dir,
            passphrase_file,
            json,
        } => {
            let passphrase = read_passphrase(passphrase_file.as_deref())?;
            let identity = Identity::for_db(db)?;
            let sent = exchange::send_kits(db, &identity, plan, &dir, passphrase.as_deref())?;
            eprintln!(
                "kits signed with this computer's key {}",
                identity.fingerprint()
            );
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
        ExchangeCommand::Key { json } => {
            let identity = Identity::for_db(db)?;
            if json {
                return print_json(&serde_json::json!({
                    "fingerprint": identity.fingerprint(),
                    "publicKey": identity.public_key(),
                }));
            }
            use std::io::Write;
            writeln!(std::io::stdout().lock(), "{}", identity.fingerprint())?;
            Ok(())
        }
        ExchangeCommand::LeadKeys { json } => {
            let keys = exchange::known_lead_keys(db.conn())?;
            if json {
                return print_json(&keys);
            }
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for key in &keys {
                writeln!(
                    out,
                    "{}\t{}\t{}{}",
                    key.fingerprint,
                    key.lead,
                    key.first_seen,
                    key.replaces
                        .as_deref()
                        .map(|r| format!("\treplaces {r}"))
                        .unwrap_or_default()
                )?;
            }
            if keys.is_empty() {
                eprintln!("no kit has been imported on this computer yet");
            }
            Ok(())
        }
        ExchangeCommand::Import {
            file,
            replace_local,
            passphrase_file,
            accept_lead_key,
            json,
        } => {
            let bytes = exchange::read_file(&file)?;
            let passphrase = read_passphrase(passphrase_file.as_deref())?;
            let options = ImportOptions {
                replace_local,
                passphrase,
                accept_lead_key,
            };
            let outcome = exchange::import(db, &bytes, options).map_err(|e| match e {
                panel_core::Error::Locked(m) if passphrase_file.is_none() => {
                    Failure::Message(format!("{m} (--passphrase-file FILE)"))
                }
                panel_core::Error::Conflict(m) => {
                    Failure::Message(format!("{m} (--replace-local)"))
                }
                panel_core::Error::ScorecardConflict(conflict) => {
                    Failure::Message(format!("{} (--replace-local)", conflict.message()))
                }
                panel_core::Error::LeadKeyChanged(change) => Failure::Message(format!(
                    "{} (--accept-lead-key \"{}\")",
                    change.message(),
                    change.offered
                )),
                other => other.into(),
            })?;
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
            passphrase_file,
        } => {
            let passphrase = read_passphrase(passphrase_file.as_deref())?;
            let output = crate::output_path(&output)?;
            let file =
                exchange::save_scorecard(db, plan, panelist, &output, passphrase.as_deref())?;
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

/// The first line of a passphrase file, without its line ending. A passphrase never goes on the
/// command line, where other users of the machine could read it in the process list.
fn read_passphrase(path: Option<&std::path::Path>) -> Result<Option<String>, Failure> {
    path.map(|p| crate::read_secret_line(p, "passphrase"))
        .transpose()
}
