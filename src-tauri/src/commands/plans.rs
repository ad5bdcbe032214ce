//! Commands over interview plans.

use panel_core::plans::{self, PlanSummary};
use panel_core::ErrorPayload;
use tauri::State;

use crate::AppState;

/// Plans that are not archived, soonest first.
#[tauri::command]
#[specta::specta]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<PlanSummary>, ErrorPayload> {
    state.with_db(|db| plans::list(db.conn()))
}
