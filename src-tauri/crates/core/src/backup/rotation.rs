//! Which automatic backups to keep: the newest of each of the last [`RETAIN_DAILY`] days that
//! have one, and the newest of each of the [`RETAIN_WEEKLY`] ISO weeks before those days.
//! Backups made by hand, before a migration or a restore, and moved-aside damaged files are
//! never removed here.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Datelike, Utc};

use super::{list::named, BackupKind};
use crate::Result;

/// Days kept.
pub const RETAIN_DAILY: usize = 7;
/// Weeks kept beyond the days.
pub const RETAIN_WEEKLY: usize = 4;

/// Removes the automatic backups the policy no longer keeps; returns how many were removed.
pub fn rotate(db_path: &Path, _now: DateTime<Utc>) -> Result<usize> {
    // By name only: rotation needs the time and reason, never the sizes.
    let daily: Vec<_> = named(db_path)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .collect(); // newest first
    let day_of = |taken: &crate::time::Timestamp| Some(taken.utc().date_naive());
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut removed = 0;
    for backup in daily {
        let Some(day) = day_of(&backup.taken_at) else {
            continue;
        };
        let week = (day.iso_week().year(), day.iso_week().week());
        let keep = if days.contains(&day) {
            false
        } else if days.len() < RETAIN_DAILY {
            days.insert(day);
            true
        } else if !weeks.contains(&week)
            && weeks.len() < RETAIN_WEEKLY
            && !days
                .iter()
                .any(|d: &chrono::NaiveDate| (d.iso_week().year(), d.iso_week().week()) == week)
        {
            weeks.insert(week);
            true
        } else {
            false
        };
        if !keep && std::fs::remove_file(&backup.path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}
