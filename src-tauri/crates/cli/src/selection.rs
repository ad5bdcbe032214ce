//! The options that choose a plan's questions (`plan create`, `plan questions`), turned into a
//! core `QuestionSelection`.
//!
//! In a plan, `--question N` always means the plan's number N: a question of the plan's pack
//! keeps its pack number, and a borrowed question is numbered after that pack's last question,
//! in the order the `--borrow` options are given. `plan show` lists the numbers.

use clap::Args;
use panel_core::bank::resolve_spec;
use panel_core::plans::{BorrowedQuestion, QuestionSelection};
use panel_core::Db;

use crate::Failure;

/// Which questions a plan asks.
#[derive(Args, Debug, Default)]
pub struct QuestionArgs {
    /// The plan's pack version: ID (its newest version) or ID@VERSION; the built-in
    /// pack when absent.
    #[arg(long)]
    pub pack: Option<String>,
    /// The pack's questions to ask, as numbers and ranges ("1-10,12"); all when absent.
    #[arg(long)]
    pub questions: Option<String>,
    /// A question of another pack, ID@VERSION:NUMBER; repeat for more, in asking order.
    #[arg(long = "borrow", value_name = "ID@VERSION:NUMBER")]
    pub borrow: Vec<String>,
}

impl QuestionArgs {
    /// True when no option was given.
    pub fn is_empty(&self) -> bool {
        self.pack.is_none() && self.questions.is_none() && self.borrow.is_empty()
    }

    /// The selection the options describe, with each pack named exactly (an `ID` alone is its
    /// newest version stored in `db`).
    pub fn selection(&self, db: &Db) -> Result<QuestionSelection, Failure> {
        let numbers = self.questions.as_deref().map(parse_numbers).transpose()?;
        let borrowed = self
            .borrow
            .iter()
            .map(|b| {
                let (pack, number) = b.rsplit_once(':').ok_or_else(|| {
                    Failure::Message(format!(
                        "--borrow {b:?}: expected ID@VERSION:NUMBER, e.g. team-pack@2:3"
                    ))
                })?;
                Ok(BorrowedQuestion {
                    pack: resolve_spec(db.conn(), pack)?.pack_ref(),
                    number: number.trim().parse().map_err(|_| {
                        Failure::Message(format!("--borrow {b:?}: {number:?} is not a number"))
                    })?,
                })
            })
            .collect::<Result<_, Failure>>()?;
        Ok(QuestionSelection {
            pack: self
                .pack
                .as_deref()
                .map(|spec| resolve_spec(db.conn(), spec).map(|row| row.pack_ref()))
                .transpose()?,
            numbers,
            borrowed,
        })
    }
}

/// "1-10,12" → [1, …, 10, 12].
fn parse_numbers(text: &str) -> Result<Vec<u32>, Failure> {
    let bad = |part: &str| {
        Failure::Message(format!(
            "--questions: {part:?} is not a number or range (e.g. 1-10,12)"
        ))
    };
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let a: u32 = a.trim().parse().map_err(|_| bad(part))?;
                let b: u32 = b.trim().parse().map_err(|_| bad(part))?;
                if a == 0 || b < a || b - a > 200 {
                    return Err(bad(part));
                }
                out.extend(a..=b);
            }
            None => out.push(part.parse().map_err(|_| bad(part))?),
        }
    }
    if out.is_empty() {
        return Err(Failure::Message(
            "--questions: name at least one question".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_parse_and_nonsense_is_refused() {
        assert_eq!(parse_numbers("1-3, 7").ok(), Some(vec![1, 2, 3, 7]));
        for bad in ["", "a", "3-1", "0-2", "1-"] {
            assert!(parse_numbers(bad).is_err(), "{bad:?}");
        }
    }
}
