//! `panelctl identity` and `panelctl team`: this install's public identity, and the team folder
//! kits and scorecards travel through.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use panel_core::identity::Identity;
use panel_core::{team, Db};

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum IdentityCommand {
    /// Print this computer's public identity as one line, to give the panel lead (who records it
    /// with `plan add-panelist … --identity LINE`). Made on first use.
    Show {
        /// Print {"line", "fingerprint", "signingKey", "recipient"}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Show the team folder, or choose one (an existing folder your sync engine keeps in step),
    /// or turn it off with --off.
    Folder {
        /// The folder to use.
        #[arg(conflicts_with = "off")]
        path: Option<PathBuf>,
        /// Stop using a team folder (nothing in it is deleted).
        #[arg(long)]
        off: bool,
        /// Print the folder as JSON ({"path", "state", "message"}, or null).
        #[arg(long)]
        json: bool,
    },
    /// One pass over the team folder: publish every current kit and every scorecard revision
    /// not yet there, import what arrived. Prints one line per file; what was refused or could
    /// not be published goes to stderr as warnings (exit 0).
    Sync {
        /// Publish the kits of panelists without a recorded identity too, protected with the
        /// passphrase in this file (first line); tell it to them another way.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Print {"published": […], "imported": […], "refused": […], "conflicts": […],
        /// "skipped": […]}.
        #[arg(long)]
        json: bool,
    },
    /// The returns of PLAN waiting in the team folder for the lead's choice: each would replace
    /// a scorecard recorded on this computer.
    Conflicts {
        /// Plan id.
        plan: i64,
        /// Print a JSON array of {"file", "conflict"}.
        #[arg(long)]
        json: bool,
    },
    /// Choose for a return waiting in the team folder: replace the card recorded here with it
    /// (audited), or keep the card here.
    Resolve {
        /// The file's name in the team folder (as `team conflicts` lists it).
        file: String,
        /// Store the returned card in place of the one recorded here.
        #[arg(long, conflicts_with = "keep", required_unless_present = "keep")]
        replace: bool,
        /// Keep the card recorded here; the file is not offered again.
        #[arg(long)]
        keep: bool,
    },
}

pub fn identity(db: &Db, command: IdentityCommand) -> Result<(), Failure> {
    let IdentityCommand::Show { json } = command;
    let public = Identity::for_db(db)?.public_identity();
    if json {
        return print_json(&public);
    }
    writeln!(std::io::stdout().lock(), "{}", public.line)?;
    eprintln!("fingerprint {}", public.fingerprint);
    Ok(())
}

pub fn run(db: &mut Db, command: TeamCommand) -> Result<(), Failure> {
    let (path, off, json) = match command {
        TeamCommand::Folder { path, off, json } => (path, off, json),
        TeamCommand::Sync {
            passphrase_file,
            json,
        } => return sync(db, passphrase_file.as_deref(), json),
        TeamCommand::Conflicts { plan, json } => return conflicts(db, plan, json),
        TeamCommand::Resolve { file, replace, .. } => return resolve(db, &file, replace),
    };
    let folder = match (path, off) {
        (Some(path), _) => db.with_tx(|tx| team::set_team_folder(tx, Some(&path)))?,
        (None, true) => db.with_tx(|tx| team::set_team_folder(tx, None))?,
        (None, false) => team::team_folder(db.conn())?,
    };
    if json {
        return print_json(&folder);
    }
    match folder {
        Some(folder) => {
            writeln!(std::io::stdout().lock(), "{}", folder.path)?;
            eprintln!("{}", folder.message);
        }
        None => eprintln!("no team folder: kits and scorecards go by file"),
    }
    Ok(())
}

fn sync(db: &mut Db, passphrase_file: Option<&std::path::Path>, json: bool) -> Result<(), Failure> {
    let identity = Identity::for_db(db)?;
    let report = match passphrase_file {
        Some(file) => {
            let passphrase = crate::read_secret_line(file, "passphrase")?;
            team::sync_with_passphrase(db, &identity, &passphrase)?
        }
        None => team::sync_once(db, &identity)?,
    };
    for refused in &report.refused {
        eprintln!("warning: {} was refused: {}", refused.file, refused.message);
    }
    for waiting in &report.conflicts {
        eprintln!(
            "warning: {} waits for the lead's choice: {} (panelctl team resolve FILE --replace \
             or --keep)",
            waiting.file, waiting.message
        );
    }
    for skipped in &report.skipped {
        eprintln!("warning: {skipped}");
    }
    if json {
        return print_json(&report);
    }
    let mut out = std::io::stdout().lock();
    for file in &report.published {
        writeln!(out, "published\t{}\t{}", file.file, file.message)?;
    }
    for file in &report.imported {
        let copy = if file.conflict_copy {
            " (a sync engine's conflict copy)"
        } else {
            ""
        };
        writeln!(out, "imported\t{}\t{}{copy}", file.file, file.message)?;
    }
    Ok(())
}

fn conflicts(db: &mut Db, plan: i64, json: bool) -> Result<(), Failure> {
    let identity = Identity::for_db(db)?;
    let waiting = team::folder_conflicts(db, &identity, plan)?;
    if json {
        return print_json(&waiting);
    }
    let mut out = std::io::stdout().lock();
    for w in &waiting {
        writeln!(
            out,
            "{}\trevision {}: {}",
            w.file, w.conflict.file.revision, w.message
        )?;
    }
    Ok(())
}

fn resolve(db: &mut Db, file: &str, replace: bool) -> Result<(), Failure> {
    let identity = Identity::for_db(db)?;
    match team::resolve_conflict(db, &identity, file, replace)? {
        Some(outcome) => eprintln!("{}", outcome.describe()),
        None => eprintln!("kept the card recorded on this computer; {file} is not offered again"),
    }
    Ok(())
}
