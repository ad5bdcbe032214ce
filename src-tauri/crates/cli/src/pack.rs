//! `panelctl pack …`: question packs as files, to share between teams and keep under version
//! control (format: docs/pack-format.md).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use panel_core::bank::packfile;
use panel_core::Db;

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum PackCommand {
    /// Stored pack versions: id, version, questions, plans using it; built-in first, then by
    /// title. How many there are goes to stderr.
    List {
        /// At most this many versions (every one without it).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Skip this many versions first.
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: u32,
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
    /// What changed between two pack versions; each side is a .hppack file or ID[@VERSION].
    Diff {
        /// Old side: a file or a stored pack.
        old: String,
        /// New side: a file or a stored pack.
        new: String,
        /// Print the difference as JSON.
        #[arg(long)]
        json: bool,
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
        PackCommand::List {
            limit,
            offset,
            json,
        } => {
            let query = packfile::PackQuery {
                offset,
                limit,
                ..packfile::PackQuery::default()
            };
            let page = packfile::list_page(db.conn(), &query)?;
            let count = page.matching;
            eprintln!("{count} pack version{}", if count == 1 { "" } else { "s" });
            let packs = page.packs;
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
            let output = crate::output_path(&output)?;
            let pack = panel_core::bank::resolve_spec(db.conn(), &pack)?.pack_ref();
            let (_, file) = panel_core::export::pack(db, &pack, &output)?;
            eprintln!(
                "wrote {} ({} version {}, {} questions)",
                output.display(),
                file.pack.id,
                file.pack.version,
                file.pack.questions.len()
            );
            Ok(())
        }
        PackCommand::Diff { old, new, json } => {
            let old = side(db, &old)?;
            let new = side(db, &new)?;
            let d = packfile::diff(&old, &new);
            if json {
                return print_json(&d);
            }
            print_diff(&d)
        }
        PackCommand::Import { file, json } => {
            let bytes = packfile::read_file(&file)?;
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

/// A diff side: an existing file is read as a pack file, anything else names a stored pack.
fn side(db: &Db, arg: &str) -> Result<packfile::PackData, Failure> {
    let path = std::path::Path::new(arg);
    if path.is_file() {
        let bytes = packfile::read_file(path)?;
        return Ok(packfile::parse_pack(&bytes)?.pack);
    }
    let pack = panel_core::bank::resolve_spec(db.conn(), arg)?.pack_ref();
    Ok(packfile::export_pack(db.conn(), &pack)?.pack)
}

fn print_diff(d: &packfile::PackDiff) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} → {}", d.from, d.to)?;
    if d.is_empty() {
        writeln!(out, "no differences")?;
        return Ok(());
    }
    if let Some((old, new)) = &d.title {
        writeln!(out, "~ title: {old:?} → {new:?}")?;
    }
    for q in &d.removed {
        writeln!(out, "- question {}: {}", q.number, q.text)?;
    }
    for q in &d.added {
        writeln!(out, "+ question {}: {}", q.number, q.text)?;
    }
    for c in &d.changed {
        let number = match c.old_number {
            Some(was) => format!("{was} (now {})", c.number),
            None => c.number.to_string(),
        };
        writeln!(out, "~ question {number}: {}", c.fields.join(", "))?;
        if let (Some(old), Some(new)) = (&c.old_text, &c.new_text) {
            writeln!(out, "    was: {old}\n    now: {new}")?;
        }
    }
    for m in &d.moved {
        writeln!(
            out,
            "> question {} is now question {}: {}",
            m.from, m.to, m.text
        )?;
    }
    if !d.guidance.is_empty() {
        writeln!(out, "~ level guidance: {}", d.guidance.join(", "))?;
    }
    Ok(())
}
