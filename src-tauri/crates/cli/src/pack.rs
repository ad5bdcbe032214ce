//! `panelctl pack …`: question packs as files, to share between teams and keep under version
//! control (format: docs/pack-format.md).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use panel_core::bank::packfile;
use panel_core::{files, Db};

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum PackCommand {
    /// Every stored pack version: id, version, questions, plans using it.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Write a pack to a .hppack file. PACK is an id (its newest version) or ID@VERSION.
    Export {
        /// Pack id, or ID@VERSION.
        pack: String,
        /// Where to write the file (replaced atomically).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Store a pack from a .hppack file; the identical pack already here is a no-op.
    Import {
        /// The file.
        file: PathBuf,
        /// Print what happened as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(db: &mut Db, command: PackCommand) -> Result<(), Failure> {
    match command {
        PackCommand::List { json } => {
            let packs = packfile::list_packs(db.conn())?;
            if json {
                return print_json(&packs);
            }
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{:<32} {:>7} {:>9} {:>5}  TITLE",
                "ID", "VERSION", "QUESTIONS", "PLANS"
            )?;
            for p in &packs {
                writeln!(
                    out,
                    "{:<32} {:>7} {:>9} {:>5}  {}{}",
                    p.id,
                    p.version,
                    p.questions,
                    p.plans,
                    p.title,
                    if p.builtin { " (built-in)" } else { "" }
                )?;
            }
            Ok(())
        }
        PackCommand::Export { pack, output } => {
            let file = packfile::export_pack(db.conn(), &pack)?;
            let bytes = packfile::to_bytes(&file);
            files::write_atomically(&output, &bytes)?;
            eprintln!(
                "wrote {} ({} version {}, {} questions)",
                output.display(),
                file.pack.id,
                file.pack.version,
                file.pack.questions.len()
            );
            Ok(())
        }
        PackCommand::Import { file, json } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Message(format!("cannot read {}: {e}", file.display())))?;
            let parsed = packfile::parse_pack(&bytes)?;
            let outcome = db.with_tx(|tx| packfile::import_pack(tx, &parsed))?;
            if json {
                return print_json(&outcome);
            }
            if outcome.already_present {
                eprintln!(
                    "pack {} version {} is already here with the same content; nothing changed",
                    outcome.id, outcome.version
                );
            } else {
                eprintln!(
                    "imported pack {} version {} ({} questions)",
                    outcome.id, outcome.version, outcome.questions
                );
            }
            Ok(())
        }
    }
}
