//! `panelctl backup` and `panelctl restore`: the recovery path from a script or a terminal,
//! including when the app cannot open the database at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use panel_core::backup::{self, BackupKind};
use panel_core::Db;

use crate::{print_json, Failure};

/// `backup [--to FILE | --list [--limit N] [--offset N]] [--json]`.
#[derive(clap::Args)]
pub struct BackupArgs {
    /// Write the backup to this file (which must not exist) instead of backups/.
    #[arg(long, value_name = "FILE")]
    to: Option<PathBuf>,
    /// List the backups instead, newest first; how many there are goes to stderr.
    #[arg(long, conflicts_with = "to")]
    list: bool,
    /// With --list: at most this many backups (every one without it).
    #[arg(long, value_name = "N", requires = "list")]
    limit: Option<u32>,
    /// With --list: skip this many of the newest first.
    #[arg(long, value_name = "N", requires = "list", default_value_t = 0)]
    offset: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `backup`: takes a backup, or lists them a page at a time (manual backups are never rotated
/// away, so a script can walk a long list with --limit and --offset).
pub fn run(db_path: &Path, args: BackupArgs) -> Result<(), Failure> {
    let BackupArgs {
        to,
        list,
        limit,
        offset,
        json,
    } = args;
    if list {
        let query = backup::BackupQuery {
            restorable: false,
            offset,
            limit,
        };
        let page = backup::list_page(db_path, &query)?;
        let total = page.total;
        eprintln!("{total} backup{}", if total == 1 { "" } else { "s" });
        let backups = page.backups;
        if json {
            return print_json(&backups);
        }
        let mut out = std::io::stdout().lock();
        if total == 0 {
            writeln!(
                out,
                "No backups yet in {}.",
                backup::backup_dir(db_path).display()
            )?;
        }
        for b in &backups {
            writeln!(
                out,
                "{}  {:>16}  {:>9} bytes  {}",
                b.taken_at,
                kind(b.kind),
                b.bytes,
                b.path
            )?;
        }
        return Ok(());
    }
    let db = Db::open_checked(db_path)?;
    let written = match to {
        Some(file) => {
            if file.exists() {
                return Err(Failure::Message(format!(
                    "{} already exists; choose another file name",
                    file.display()
                )));
            }
            backup::snapshot_to(db.conn(), &file)?;
            file.display().to_string()
        }
        None => backup::back_up(db.conn(), db_path, BackupKind::Manual)?.path,
    };
    if json {
        return print_json(&serde_json::json!({ "path": written }));
    }
    eprintln!("backup written to {written}");
    Ok(())
}

/// `restore FILE [--json]`.
pub fn restore(db_path: &Path, file: &Path, json: bool) -> Result<(), Failure> {
    let done = backup::restore(db_path, file)?;
    if json {
        return print_json(&done);
    }
    eprintln!("restored {}", done.restored_from);
    if let Some(kept) = &done.kept_previous_as {
        eprintln!("the database it replaced is kept as {kept}");
    }
    Ok(())
}

fn kind(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Daily => "daily",
        BackupKind::Manual => "manual",
        BackupKind::BeforeMigration => "before migration",
        BackupKind::BeforeRestore => "before restore",
        BackupKind::Damaged => "damaged (moved)",
    }
}
