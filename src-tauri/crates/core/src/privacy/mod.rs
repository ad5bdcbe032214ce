//! Candidate data as personal data: purging a candidate for good, a retention period for
//! decided plans, and everything held about a candidate as one file (data-access requests).
//!
//! A purge deletes the plan and everything under it (panel, scorecards, notes, the audit trail
//! that names them, kits, decision), the candidate, and on a panelist's laptop every earlier copy
//! of the same plan, with `secure_delete` on (the connection always has it). It then `VACUUM`s
//! the database, so no free page keeps text deleted before `secure_delete` was on, and
//! checkpoints and truncates the WAL, so no copy of those pages survives there either. Backups
//! that hold the plan are rewritten without it (each through `VACUUM INTO`); files that cannot be
//! rewritten (damaged files moved aside, their journals, interrupted temporary copies) are named
//! for the user to delete. Once the main deletion is committed, nothing stops the rest: problems
//! are reported, not returned.

mod retention;
mod subject;

use crate::db::CachedStatements;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::backup::{self, BackupKind};
use crate::{Error, Result};

pub use retention::{
    due_for_purge, retention, retention_months, set_retention_months, DuePlan, Retention,
};
pub use subject::{subject_export, SUBJECT_FORMAT};

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PurgeReport {
    /// The plan purged.
    pub plan_id: i64,
    /// The candidate's name (only in this report, for the message).
    pub candidate: String,
    /// Backups rewritten without the plan.
    pub backups_rewritten: u32,
    /// Files that may still hold the candidate and could not be rewritten (damaged files moved
    /// aside by a restore, interrupted temporary copies); the user should delete them.
    pub not_rewritten: Vec<String>,
    /// Anything else that did not go as planned after the deletion itself.
    pub warnings: Vec<String>,
    /// Other plans purged with it because they still carry the candidate's name or email
    /// (duplicates: "… (copy)"), as "plan 12 (Name (copy))".
    pub also_purged: Vec<String>,
    /// Files of the plan removed from the team folder (copies other computers already synced
    /// are theirs to purge).
    pub team_files_removed: u32,
}

/// A plan a purge takes along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ScopedPlan {
    /// Plan id.
    pub plan_id: i64,
    /// The candidate's name on that plan.
    pub candidate: String,
}

/// The plans a purge of `plan_id` deletes, the plan itself first: then every plan of the
/// panel lead's whose candidate carries the name with " (copy)" added (as duplicating a plan
/// names it, any number of times) or the same email. A plan for another candidate of the same
/// name and no email in common is not taken. The confirmation lists them.
pub fn purge_scope(conn: &Connection, plan_id: i64) -> Result<Vec<ScopedPlan>> {
    let found: Option<(String, Option<String>)> = conn
        .query_row_cached(
            "SELECT c.name, c.email FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE p.id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((name, email)) = found else {
        return Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        });
    };
    let mut scope = vec![ScopedPlan {
        plan_id,
        candidate: name.clone(),
    }];
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, c.name, c.email FROM plans p JOIN candidates c ON c.id = p.candidate_id
         WHERE p.id <> ?1 AND p.mode = 'lead' ORDER BY p.id",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    // A duplicate's candidate is "Name (copy)", "Name (copy) (copy)"…; another plan under the
    // bare same name may be another person, and is only taken along when the email matches.
    let copy_of = |other: &str| {
        let mut rest = other;
        while let Some(shorter) = rest.strip_suffix(" (copy)") {
            rest = shorter;
            if rest == name {
                return true;
            }
        }
        false
    };
    for row in rows {
        let (id, other, other_email) = row?;
        let same_email = email.is_some() && other_email.is_some() && email == other_email;
        if copy_of(&other) || same_email {
            scope.push(ScopedPlan {
                plan_id: id,
                candidate: other,
            });
        }
    }
    Ok(scope)
}

/// Deletes a plan and its candidate from the open database; returns the candidate's name and
/// what could not be cleaned afterwards. The caller runs it outside a transaction.
pub fn purge_plan(conn: &Connection, plan_id: i64) -> Result<(String, Vec<String>)> {
    let candidate = delete_plan(conn, plan_id)?;
    Ok((candidate, scrub_freed_pages(conn)))
}

/// After a purge has committed: leaves nothing of what it removed in the file's freed pages or
/// in the journal. Returns what could not be done, in words (the purge itself stands). Run
/// outside a transaction.
pub(crate) fn scrub_freed_pages(conn: &Connection) -> Vec<String> {
    let mut warnings = Vec::new();
    // A fresh copy of every page: text freed before secure_delete was on goes too.
    if let Err(e) = conn.execute_batch("VACUUM") {
        warnings.push(format!("the database could not be compacted ({e})"));
    }
    // Every page the purge touched is in the WAL until a checkpoint; TRUNCATE copies them into
    // the file and empties the WAL. Another reader keeps the WAL alive: say so.
    let busy = conn
        .query_row_cached("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_or(1);
    if busy != 0 {
        warnings.push(
            "another program was reading the database, so its journal (panel.db-wal) still \
             holds the purged pages until it closes; quit other Hiring Panel windows and \
             panelctl"
                .into(),
        );
    }
    warnings
}

/// The deletion itself, in one transaction; returns the candidate's name.
fn delete_plan(conn: &Connection, plan_id: i64) -> Result<String> {
    let found: Option<(String, i64)> = conn
        .query_row_cached(
            "SELECT c.name, c.id FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE p.id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((name, _)) = found else {
        return Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        });
    };
    let tx = conn.unchecked_transaction()?;
    {
        let conn = &tx;
        // On a panelist's laptop, earlier copies of the same plan (older kits) hold notes too.
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.candidate_id FROM plans p WHERE p.id = ?1
               OR (p.exchange_key IS NOT NULL AND p.mode = 'panelist' AND p.exchange_key =
                   (SELECT exchange_key FROM plans WHERE id = ?1))",
        )?;
        let doomed: Vec<(i64, i64)> = stmt
            .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (plan, candidate) in doomed {
            conn.execute_cached(
                "DELETE FROM settings WHERE key LIKE 'sole-user:' || ?1 || ':%'",
                [plan],
            )?;
            conn.execute_cached("DELETE FROM plans WHERE id = ?1", [plan])?;
            conn.execute_cached(
                "DELETE FROM candidates WHERE id = ?1
                   AND NOT EXISTS (SELECT 1 FROM plans WHERE candidate_id = ?1)",
                [candidate],
            )?;
        }
        // The trail keeps that a purge happened, never whom it was about.
        crate::audit::record(
            &tx,
            None,
            "this computer",
            crate::audit::AuditKind::PlanPurged,
            &serde_json::json!({ "planId": plan_id }),
        )?;
    }
    // Dropped without commit (an error above), the transaction rolls back.
    tx.commit()?;
    Ok(name)
}

/// Purges a plan, and the plans [`purge_scope`] takes along, from the database at `db_path`
/// (through `conn`, its open connection) and from every backup next to it that holds any of
/// them: the same plans (same id and creation times, which survive renames) or, on a panelist's laptop,
/// any copy made from a kit of the same interview, whatever its plan id.
pub fn purge(conn: &Connection, db_path: &Path, plan_id: i64) -> Result<PurgeReport> {
    let scope = purge_scope(conn, plan_id)?;
    let mut targets = Vec::with_capacity(scope.len());
    for scoped in &scope {
        targets.push(conn.query_row_cached(
            "SELECT p.created_at, c.created_at, p.exchange_key FROM plans p
             JOIN candidates c ON c.id = p.candidate_id WHERE p.id = ?1",
            [scoped.plan_id],
            |r| {
                Ok(Target {
                    plan_id: scoped.plan_id,
                    plan_created: r.get(0)?,
                    candidate_created: r.get(1)?,
                    exchange_key: r.get(2)?,
                })
            },
        )?);
    }
    let mut candidate = String::new();
    let mut warnings = Vec::new();
    let mut team_files_removed = 0;
    // This install's key opens files in the team folder no pass has read yet.
    let identity = crate::identity::Identity::existing(db_path.parent().unwrap_or(Path::new(".")))
        .ok()
        .flatten();
    for (i, scoped) in scope.iter().enumerate() {
        // Its files in the team folder first, while the database still says which they are.
        team_files_removed +=
            crate::team::remove_plan_files(conn, scoped.plan_id, identity.as_ref(), &mut warnings)?;
        let (name, more) = purge_plan(conn, scoped.plan_id)?;
        if i == 0 {
            candidate = name;
        }
        for w in more {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    let mut report = PurgeReport {
        plan_id,
        candidate,
        backups_rewritten: 0,
        not_rewritten: leftovers(db_path),
        warnings,
        also_purged: scope[1..]
            .iter()
            .map(|s| format!("plan {} ({})", s.plan_id, s.candidate))
            .collect(),
        team_files_removed,
    };
    // Words typed in interview mode that never reached SQLite live outside the data folder.
    let journal = crate::draft_journal::DraftJournal::for_data_dir(
        db_path.parent().unwrap_or_else(|| Path::new(".")),
    );
    for scoped in &scope {
        if let Err(e) = journal.forget_plan(scoped.plan_id) {
            report.warnings.push(e.to_string());
        }
    }
    let backups = match backup::list(db_path) {
        Ok(b) => b,
        Err(e) => {
            report
                .warnings
                .push(format!("the backups could not be listed: {e}"));
            Vec::new()
        }
    };
    for b in backups {
        if b.kind == BackupKind::Damaged {
            report.not_rewritten.push(b.path);
            continue;
        }
        match purge_backup(Path::new(&b.path), &targets) {
            Ok(true) => report.backups_rewritten += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(file = %b.path, "could not rewrite a backup: {e}");
                report.warnings.push(format!("{}: {e}", b.path));
                report.not_rewritten.push(b.path);
            }
        }
    }
    Ok(report)
}

/// What identifies a purged plan in a backup.
struct Target {
    plan_id: i64,
    plan_created: String,
    candidate_created: String,
    exchange_key: Option<String>,
}

/// Files next to the database or in `backups/` that may hold older data and that no purge can
/// rewrite: journals of damaged files moved aside, and temporary copies an interruption left.
fn leftovers(db_path: &Path) -> Vec<String> {
    let dir = db_path.parent().unwrap_or_else(|| Path::new("."));
    let mut found = Vec::new();
    for folder in [dir.to_path_buf(), backup::backup_dir(db_path)] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stray = name.ends_with(".partial")
                || name.ends_with(".restoring")
                || name.ends_with(".replaced")
                || name.ends_with(".purging")
                || name.contains("-damaged.db-")
                || name.contains("-damaged-") && (name.ends_with("-wal") || name.ends_with("-shm"));
            if stray {
                found.push(entry.path().display().to_string());
            }
        }
    }
    found.sort();
    found
}

/// Rewrites one backup without the purged plans, if it holds any; returns whether it did.
///
/// The work is done on a scratch copy migrated to this build's schema: a backup taken before a
/// schema change lacks columns the deletion reads (a kit's exchange key, say). The backup is
/// then replaced by a compact copy of the result, so no free page of the old file survives; a
/// backup that holds none of the plans is left exactly as it was.
fn purge_backup(path: &Path, targets: &[Target]) -> Result<bool> {
    let scratch = path.with_extension(format!("db.{}.purging", crate::ids::random_hex(6)));
    let fresh = path.with_extension(format!("db.{}.purging", crate::ids::random_hex(6)));
    let result = rewrite_backup(path, &scratch, &fresh, targets);
    for file in [&scratch, &fresh] {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = file.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(name));
        }
    }
    result
}

fn rewrite_backup(path: &Path, scratch: &Path, fresh: &Path, targets: &[Target]) -> Result<bool> {
    {
        // Never creates a file: a backup rotated away meanwhile is simply gone.
        let source = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        source.execute("VACUUM INTO ?1", [scratch.to_string_lossy().as_ref()])?;
    }
    crate::files::make_private(scratch)?;
    let mut conn = Connection::open(scratch)?;
    // A backup is a file from disk like any other: nothing planted in it runs.
    crate::db::schema::harden(&conn)?;
    let version = crate::db::migrations::schema_version(&conn)?;
    let altered = crate::db::schema::differences(&conn, version)?;
    if !altered.is_empty() {
        return Err(Error::DatabaseCorrupt {
            path: path.to_path_buf(),
            detail: format!(
                "its schema is not one this app makes ({})",
                altered.join(", ")
            ),
        });
    }
    crate::db::migrations::migrate(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    let mut doomed = Vec::new();
    for t in targets {
        let mut stmt = conn.prepare_cached(
            "SELECT p.id FROM plans p JOIN candidates c ON c.id = p.candidate_id
             WHERE (p.id = ?4 AND p.created_at = ?1 AND c.created_at = ?2)
                OR (?3 IS NOT NULL AND p.exchange_key = ?3)",
        )?;
        let ids = stmt
            .query_map(
                params![
                    t.plan_created,
                    t.candidate_created,
                    t.exchange_key,
                    t.plan_id
                ],
                |r| r.get::<_, i64>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            if !doomed.contains(&id) {
                doomed.push(id);
            }
        }
    }
    if doomed.is_empty() {
        return Ok(false);
    }
    for plan in doomed {
        // A plan already deleted with an earlier one (a kit copy of the same interview) is
        // simply gone.
        match delete_plan(&conn, plan) {
            Ok(_) | Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    conn.execute_cached("VACUUM INTO ?1", [fresh.to_string_lossy().as_ref()])?;
    drop(conn);
    crate::files::make_private(fresh)?;
    crate::files::sync_and_rename(fresh, path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
    Ok(true)
}

#[cfg(test)]
mod tests;
