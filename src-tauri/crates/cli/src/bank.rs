//! `panelctl bank …`: read the questions of a stored pack.

use clap::Subcommand;
use std::io::Write;

use panel_core::bank::{self, BankPack};
use panel_core::Db;

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum BankCommand {
    /// List the questions of a pack: the built-in pack unless --pack names another.
    List {
        /// A stored pack: ID (its newest version) or ID@VERSION (`pack list` shows them).
        #[arg(long)]
        pack: Option<String>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(db: &Db, command: BankCommand) -> Result<(), Failure> {
    match command {
        BankCommand::List { pack, json } => {
            let pack = match pack {
                Some(spec) => {
                    bank::stored_pack(db.conn(), &bank::resolve_spec(db.conn(), &spec)?.pack_ref())?
                }
                None => bank::builtin_pack(db.conn())?,
            };
            if json {
                print_json(&pack.questions)
            } else {
                print_table(&pack)
            }
        }
    }
}

fn print_table(pack: &BankPack) -> Result<(), Failure> {
    const TEXT_WIDTH: usize = 70;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} (version {})\n", pack.title, pack.version)?;
    writeln!(
        out,
        "{:>3}  {:>4}  {:<22}  QUESTION",
        "#", "MIN", "CAPABILITIES"
    )?;
    for q in &pack.questions {
        let caps: Vec<&str> = q.question.capabilities.iter().map(|c| c.slug()).collect();
        // Questions wrap under their own column rather than being cut: they are the content.
        let lines = textwrap::wrap(&q.question.text, TEXT_WIDTH);
        let mut lines = lines.iter();
        let first = lines.next().map(|l| l.as_ref()).unwrap_or("");
        writeln!(
            out,
            "{:>3}  {:>4}  {:<22}  {first}",
            q.question.number,
            q.question.minutes,
            caps.join(",")
        )?;
        for line in lines {
            writeln!(out, "{:35}{line}", "")?;
        }
    }
    let total: u32 = pack.questions.iter().map(|q| q.question.minutes).sum();
    writeln!(
        out,
        "{} questions, {total} minutes in all",
        pack.questions.len()
    )?;
    Ok(())
}
