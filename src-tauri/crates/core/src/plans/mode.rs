//! Whose plan this is: the panel lead's own, or a panelist's copy made from a kit.
//!
//! Plan editing (panel, questions, split, lifecycle) belongs to the lead's plan; scoring and
//! exporting a signed scorecard belong to a panelist's copy. Every rule that depends on it asks
//! here.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Whose plan this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum PlanMode {
    /// The panel lead's own plan: the panel, the split, kits out and scorecards in.
    Lead,
    /// A panelist's copy made from a kit: only their questions; they score and export.
    Panelist,
}

/// The plan's mode.
pub fn mode_of(conn: &Connection, plan_id: i64) -> Result<PlanMode> {
    let mode: Option<String> = conn
        .query_row("SELECT mode FROM plans WHERE id = ?1", [plan_id], |r| {
            r.get(0)
        })
        .optional()?;
    match mode.as_deref() {
        None => Err(Error::NotFound {
            what: "plan",
            id: plan_id,
        }),
        Some("panelist") => Ok(PlanMode::Panelist),
        Some(_) => Ok(PlanMode::Lead),
    }
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
