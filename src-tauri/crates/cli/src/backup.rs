//! `panelctl backup` and `panelctl restore`: the recovery path from a script or a terminal,
//! including when the app cannot open the database at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use panel_core::backup::{self, BackupKind};
use panel_core::Db;

use crate::{print_json, Failure};

/// `backup [--to FILE] [--list] [--json]`.
pub fn run(db_path: &Path, to: Option<PathBuf>, list: bool, json: bool) -> Result<(), Failure> {
    if list {
        let backups = backup::list(db_path)?;
        if json {
            return print_json(&backups);
        }
        let mut out = std::io::stdout().lock();
        if backups.is_empty() {
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
