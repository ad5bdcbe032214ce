//! Forward-only schema migrations, embedded in the binary and tracked by `PRAGMA user_version`.
//!
//! Each entry is one numbered SQL file in `migrations/`. They run at open, all pending ones in a
//! single IMMEDIATE transaction, so a crash mid-upgrade leaves the previous schema intact.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// The migrations in order; entry `i` upgrades schema `i` to schema `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_scorecard_pin.sql"),
    include_str!("../../migrations/0003_decisions.sql"),
    include_str!("../../migrations/0004_pin_throttle.sql"),
    include_str!("../../migrations/0005_exchange.sql"),
    include_str!("../../migrations/0006_pack_editing.sql"),
    include_str!("../../migrations/0007_settings.sql"),
    include_str!("../../migrations/0008_lead_keys.sql"),
    include_str!("../../migrations/0009_plan_search.sql"),
    include_str!("../../migrations/0010_plans_listed_covering.sql"),
    include_str!("../../migrations/0011_people.sql"),
    include_str!("../../migrations/0012_debrief_meeting.sql"),
    include_str!("../../migrations/0013_calibration_reads.sql"),
    include_str!("../../migrations/0014_identities.sql"),
    include_str!("../../migrations/0015_recent_files.sql"),
];

/// The migration that adds `plans.search_text`; existing plans get theirs from Rust (folding is
/// Unicode work SQL cannot do), and their interview times in the normalised UTC form the Plans
/// list compares as text.
const PLAN_SEARCH_MIGRATION: usize = 9;

/// The migration that adds people; existing panelists are matched to people from Rust (the
/// name key is folded like the search text).
const PEOPLE_MIGRATION: usize = 11;

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Reads the schema version stored in the file (0 for a new database).
pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema up to [`SCHEMA_VERSION`]; refuses databases from newer builds.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = schema_version(&tx)?;
    if current < 0 {
        return Err(Error::DatabaseCorrupt {
            path: std::path::PathBuf::new(),
            detail: format!("its schema version is {current}, which no build makes"),
        });
    }
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    if current == SCHEMA_VERSION {
        // Nothing to do, and nothing written: a file is only changed when it needs to be.
        return Ok(());
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        // A step SQL cannot do, in the same transaction as its migration.
        if index + 1 == PLAN_SEARCH_MIGRATION {
            crate::plans::fill_search_text(&tx)?;
            crate::plans::normalise_start_times(&tx)?;
        }
        if index + 1 == PEOPLE_MIGRATION {
            crate::people::link_every_panelist(&tx)?;
        }
        tracing::info!(to = index + 1, "applied schema migration");
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
