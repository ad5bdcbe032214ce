//! The shapes in which the desktop UI asks for plan changes: one input per command.

use serde::Deserialize;

use super::{NewPanelist, QuestionMove};

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

/// Pin or unpin a question on a panelist.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PinRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Question number.
    pub question_number: u32,
    /// Panelist id.
    pub panelist_id: i64,
    /// Pinned or not.
    pub pinned: bool,
}
