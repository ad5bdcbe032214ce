//! The shapes in which the desktop UI asks for plan changes: one input per command.

use serde::Deserialize;

use super::{NewPanelist, NewPlan, PlanStatus, QuestionMove};

/// Add a panelist to a plan.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AddPanelistRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The panelist.
    pub panelist: NewPanelist,
}

/// Remove a panelist from a plan.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RemovePanelistRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Why and who, when their kit is out and nothing came back (recorded as an early unseal).
    pub disclosure: Option<crate::scorecards::Disclosure>,
}

/// Re-run the split.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SplitRequest {
    /// Plan id.
    pub plan_id: i64,
    /// New coverage (1 or 2), or keep the plan's.
    pub coverage: Option<u8>,
}

/// Move a question on the board.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MoveRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The move.
    pub step: QuestionMove,
}

/// Fix a question on a panelist, or let it go (pin or unpin, on screen).
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FixQuestionRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Question number.
    pub question_number: u32,
    /// Panelist id.
    pub panelist_id: i64,
    /// Fixed there or not.
    #[serde(rename = "pinned")]
    pub fixed: bool,
}

/// Replace a plan's details.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePlanRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The new details.
    pub plan: NewPlan,
}

/// Move a plan to another status.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StatusRequest {
    /// Plan id.
    pub plan_id: i64,
    /// The new status.
    pub status: PlanStatus,
}

/// Archive or unarchive a plan.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Archive (true) or bring back (false).
    pub archived: bool,
}

/// Replace a panelist's details.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePanelistRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// The new details.
    pub panelist: NewPanelist,
}

/// Put the panel in a new order.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReorderRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Every panelist id, in the new order.
    pub order: Vec<i64>,
}

/// Write the panel schedule to a calendar file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarExportRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Where to write the `.ics` file (chosen by the user in a save dialog).
    pub path: String,
}
