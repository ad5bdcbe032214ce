//! Whose plan this is: the panel lead's own, or a panelist's copy made from a kit.
//!
//! Plan editing (panel, questions, split, lifecycle) belongs to the lead's plan; scoring and
//! exporting a signed scorecard belong to a panelist's copy. Every rule that depends on it asks
//! here.

use crate::db::CachedStatements;
use rusqlite::{Connection, OptionalExtension};

use crate::{Error, Result};

crate::slug_enum! {
    /// Whose plan this is.
    pub enum PlanMode {
        /// The panel lead's own plan: the panel, the split, kits out and scorecards in.
        Lead = "lead",
        /// A panelist's copy made from a kit: only their questions; they score and export.
        Panelist = "panelist",
    }
}

/// The plan's mode.
pub fn mode_of(conn: &Connection, plan_id: i64) -> Result<PlanMode> {
    conn.query_row_cached("SELECT mode FROM plans WHERE id = ?1", [plan_id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "plan",
        id: plan_id,
    })
}

/// Refuses unless the plan is in `wanted` mode, saying what the plan is instead.
pub fn ensure_mode(conn: &Connection, plan_id: i64, wanted: PlanMode) -> Result<()> {
    match (mode_of(conn, plan_id)?, wanted) {
        (have, want) if have == want => Ok(()),
        (PlanMode::Panelist, _) => Err(Error::InvalidInput(format!(
            "plan {plan_id} is a panelist's copy made from a kit; its panel, questions and \
             kits belong to the panel lead's plan"
        ))),
        (PlanMode::Lead, _) => Err(Error::InvalidInput(format!(
            "plan {plan_id} is the panel lead's own plan, not a copy made from a kit; \
             scorecard files are exported from a panelist's copy"
        ))),
    }
}
