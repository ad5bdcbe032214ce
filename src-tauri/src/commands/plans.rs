//! Commands over interview plans: thin adapters, one transaction each.

use panel_core::plans::{
    self, AddPanelistRequest, ArchiveRequest, CalendarExportRequest, FixQuestionRequest,
    MoveRequest, NewPlan, PlanDetail, PlanPage, PlanQuery, QuestionSelection,
    RemovePanelistRequest, ReorderRequest, SplitRequest, StatusRequest, UpdatePanelistRequest,
    UpdatePlanRequest,
};
use panel_core::ErrorPayload;
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

/// One page of the Plans list: the plans matching the search and filters, in the list's order,
/// with how many match and how many there are.
#[tauri::command]
#[specta::specta]
pub async fn list_plans(
    state: State<'_, AppState>,
    query: PlanQuery,
) -> Result<PlanPage, ErrorPayload> {
    blocking(&state, move |state| state.search_plans(&query)).await
}

/// One plan in full.
#[tauri::command]
#[specta::specta]
pub async fn get_plan(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| plans::show(db.conn(), plan_id)).await
}

/// Creates a plan; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn create_plan(
    state: State<'_, AppState>,
    plan: NewPlan,
    questions: QuestionSelection,
) -> Result<i64, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| plans::create_with_questions(tx, &plan, &questions))
    })
    .await
}

/// Changes which questions a plan asks (refused once anyone has scored or kits are out).
#[tauri::command]
#[specta::specta]
pub async fn set_plan_questions(
    state: State<'_, AppState>,
    plan_id: i64,
    questions: QuestionSelection,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, plan_id, |tx| {
            plans::set_questions(tx, plan_id, &questions)
        })
    })
    .await
}

/// Creates the sample plan; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn create_sample_plan(state: State<'_, AppState>) -> Result<i64, ErrorPayload> {
    with_db(&state, |db| db.with_tx(|tx| plans::create_sample(tx))).await
}

/// Creates the sample plan whose panel has already submitted; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn create_scored_sample_plan(state: State<'_, AppState>) -> Result<i64, ErrorPayload> {
    with_db(&state, |db| {
        db.with_tx(|tx| plans::create_scored_sample(tx))
    })
    .await
}

/// Adds a panelist; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn add_panelist(
    state: State<'_, AppState>,
    request: AddPanelistRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::add_panelist(tx, request.plan_id, &request.panelist)
        })
    })
    .await
}

/// Removes a panelist; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn remove_panelist(
    state: State<'_, AppState>,
    request: RemovePanelistRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::remove_panelist(
                tx,
                request.plan_id,
                request.panelist_id,
                request.disclosure.as_ref(),
            )
        })
    })
    .await
}

/// Re-runs the split keeping the questions the lead fixed; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn split_plan(
    state: State<'_, AppState>,
    request: SplitRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::split_plan(tx, request.plan_id, request.coverage)
        })
    })
    .await
}

/// What re-running the split would give, without saving it.
#[tauri::command]
#[specta::specta]
pub async fn preview_split(
    state: State<'_, AppState>,
    request: SplitRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        db.preview(|tx| {
            plans::split_plan(tx, request.plan_id, request.coverage)?;
            plans::show(tx, request.plan_id)
        })
    })
    .await
}

/// Moves a question on the board; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn move_question(
    state: State<'_, AppState>,
    request: MoveRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::move_question(tx, request.plan_id, &request.step)
        })
    })
    .await
}

/// Fixes a question on a panelist or lets it go (pin and unpin, on screen); returns the plan.
#[tauri::command]
#[specta::specta]
pub async fn set_question_fixed(
    state: State<'_, AppState>,
    request: FixQuestionRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::set_question_fixed(
                tx,
                request.plan_id,
                request.question_number,
                request.panelist_id,
                request.fixed,
            )
        })
    })
    .await
}

/// Replaces a plan's details; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn update_plan(
    state: State<'_, AppState>,
    request: UpdatePlanRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::update(tx, request.plan_id, &request.plan)
        })
    })
    .await
}

/// Moves a plan to another status; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn set_plan_status(
    state: State<'_, AppState>,
    request: StatusRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::set_status(tx, request.plan_id, request.status)
        })
    })
    .await
}

/// Copies a plan's panel and split into a new draft; returns the new plan's id.
#[tauri::command]
#[specta::specta]
pub async fn duplicate_plan(state: State<'_, AppState>, plan_id: i64) -> Result<i64, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| plans::duplicate(tx, plan_id))
    })
    .await
}

/// Archives or brings back a plan.
#[tauri::command]
#[specta::specta]
pub async fn archive_plan(
    state: State<'_, AppState>,
    request: ArchiveRequest,
) -> Result<(), ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| plans::archive(tx, request.plan_id, request.archived))
    })
    .await
}

/// Replaces a panelist's details; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn update_panelist(
    state: State<'_, AppState>,
    request: UpdatePanelistRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::update_panelist(tx, request.plan_id, request.panelist_id, &request.panelist)
        })
    })
    .await
}

/// Puts the panel in a new order; returns the plan as it now is.
#[tauri::command]
#[specta::specta]
pub async fn reorder_panelists(
    state: State<'_, AppState>,
    request: ReorderRequest,
) -> Result<PlanDetail, ErrorPayload> {
    with_db(&state, move |db| {
        plans::apply(db, request.plan_id, |tx| {
            plans::reorder_panelists(tx, request.plan_id, &request.order)
        })
    })
    .await
}

/// Writes the panel schedule as an `.ics` file where the user chose.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar(
    state: State<'_, AppState>,
    request: CalendarExportRequest,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        let path = std::path::Path::new(&request.path);
        state.with_db(|db| panel_core::export::calendar(db.conn(), request.plan_id, path))?;
        state.remember_export(path.to_path_buf(), Some(request.plan_id));
        Ok(())
    })
    .await
}
