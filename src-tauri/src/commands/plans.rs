//! Commands over interview plans: thin adapters, one transaction each.

use panel_core::plans::{
    self, AddPanelistRequest, MoveRequest, NewPlan, PinRequest, PlanDetail, PlanSummary,
    RemovePanelistRequest, SplitRequest,
};
use panel_core::ErrorPayload;
use tauri::State;

use crate::AppState;

/// Plans that are not archived, soonest first.
#[tauri::command]
#[specta::specta]
pub fn list_plans(state: State<'_, AppState>) -> Result<Vec<PlanSummary>, ErrorPayload> {
    state.with_db(|db| plans::list(db.conn()))
}

/// One plan in full.
#[tauri::command]
#[specta::specta]
pub fn get_plan(state: State<'_, AppState>, plan_id: i64) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| plans::show(db.conn(), plan_id))
}

/// Creates a plan; returns its id.
#[tauri::command]
#[specta::specta]
pub fn create_plan(state: State<'_, AppState>, plan: NewPlan) -> Result<i64, ErrorPayload> {
    state.with_db(|db| db.with_tx(|tx| plans::create(tx, &plan)))
}

/// Creates the sample plan; returns its id.
#[tauri::command]
#[specta::specta]
pub fn create_sample_plan(state: State<'_, AppState>) -> Result<i64, ErrorPayload> {
    state.with_db(|db| db.with_tx(|tx| plans::create_sample(tx)))
}

/// Adds a panelist; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub fn add_panelist(
    state: State<'_, AppState>,
    request: AddPanelistRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| plans::add_panelist(tx, request.plan_id, &request.panelist))?;
        plans::show(db.conn(), request.plan_id)
    })
}

/// Removes a panelist; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub fn remove_panelist(
    state: State<'_, AppState>,
    request: RemovePanelistRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| plans::remove_panelist(tx, request.plan_id, request.panelist_id))?;
        plans::show(db.conn(), request.plan_id)
    })
}

/// Re-runs the split keeping pins; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub fn split_plan(
    state: State<'_, AppState>,
    request: SplitRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| plans::split_plan(tx, request.plan_id, request.coverage))?;
        plans::show(db.conn(), request.plan_id)
    })
}

/// What re-running the split would give, without saving it.
#[tauri::command]
#[specta::specta]
pub fn preview_split(
    state: State<'_, AppState>,
    request: SplitRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.preview(|tx| {
            plans::split_plan(tx, request.plan_id, request.coverage)?;
            plans::show(tx, request.plan_id)
        })
    })
}

/// Moves a question on the board; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub fn move_question(
    state: State<'_, AppState>,
    request: MoveRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| plans::move_question(tx, request.plan_id, &request.step))?;
        plans::show(db.conn(), request.plan_id)
    })
}

/// Pins or unpins a question; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub fn set_pin(
    state: State<'_, AppState>,
    request: PinRequest,
) -> Result<PlanDetail, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| {
            plans::set_pin(
                tx,
                request.plan_id,
                request.question_number,
                request.panelist_id,
                request.pinned,
            )
        })?;
        plans::show(db.conn(), request.plan_id)
    })
}
