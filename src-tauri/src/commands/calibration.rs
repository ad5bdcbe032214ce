//! Commands for the Calibration screen: the report, and the people behind it (merge, split,
//! purge). Thin adapters, one transaction each for what writes.

use panel_core::calibration::{self, CalibrationReport, CalibrationScope};
use panel_core::people::{self, Person, PurgedPerson, Seat};
use panel_core::ErrorPayload;
use tauri::State;

use super::with_db;
use crate::AppState;

/// The calibration report over the chosen pack version (the newest with answers by default).
#[tauri::command]
#[specta::specta]
pub async fn get_calibration(
    state: State<'_, AppState>,
    scope: CalibrationScope,
) -> Result<CalibrationReport, ErrorPayload> {
    with_db(&state, move |db| {
        calibration::calibration_report(db.conn(), &scope)
    })
    .await
}

/// Every interviewer the app knows.
#[tauri::command]
#[specta::specta]
pub async fn list_people(state: State<'_, AppState>) -> Result<Vec<Person>, ErrorPayload> {
    with_db(&state, |db| people::list(db.conn())).await
}

/// A person's seats, newest interview first.
#[tauri::command]
#[specta::specta]
pub async fn get_person_seats(
    state: State<'_, AppState>,
    person_id: i64,
) -> Result<Vec<Seat>, ErrorPayload> {
    with_db(&state, move |db| people::seats(db.conn(), person_id)).await
}

/// Merges `absorbed` into `kept` (audited); returns the merged person.
#[tauri::command]
#[specta::specta]
pub async fn merge_people(
    state: State<'_, AppState>,
    kept: i64,
    absorbed: i64,
) -> Result<Person, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| people::merge(tx, kept, absorbed))
    })
    .await
}

/// Splits one seat off its person into a person of its own (audited); returns the new person.
#[tauri::command]
#[specta::specta]
pub async fn split_person_seat(
    state: State<'_, AppState>,
    panelist_id: i64,
) -> Result<Person, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| people::split(tx, panelist_id))
    })
    .await
}

/// Purges a departing interviewer: "Former interviewer N" everywhere, scores kept (audited);
/// the file is compacted afterwards, like a candidate's purge.
#[tauri::command]
#[specta::specta]
pub async fn purge_interviewer(
    state: State<'_, AppState>,
    person_id: i64,
) -> Result<PurgedPerson, ErrorPayload> {
    with_db(&state, move |db| people::purge(db.conn(), person_id)).await
}

/// Creates the calibration sample (about 20 scored plans for one role); returns their ids.
#[tauri::command]
#[specta::specta]
pub async fn create_calibration_sample(
    state: State<'_, AppState>,
) -> Result<Vec<i64>, ErrorPayload> {
    with_db(&state, |db| {
        db.with_tx(|tx| calibration::create_calibration_sample(tx).map(|s| s.plan_ids))
    })
    .await
}

/// Each question of a pack version with its health: for the Question bank that version alone;
/// for the pack editor (`same_wording_anywhere`) every answer to the same wording in any pack.
#[tauri::command]
#[specta::specta]
pub async fn get_pack_question_health(
    state: State<'_, AppState>,
    pack: panel_core::bank::PackRef,
    same_wording_anywhere: bool,
) -> Result<Vec<calibration::QuestionCalibration>, ErrorPayload> {
    with_db(&state, move |db| {
        calibration::pack_question_health(db.conn(), &pack, same_wording_anywhere)
    })
    .await
}

/// The plan's capability means adjusted for interviewer leniency (an estimate), or why not.
#[tauri::command]
#[specta::specta]
pub async fn get_plan_adjustment(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<calibration::PlanAdjustment, ErrorPayload> {
    with_db(&state, move |db| {
        calibration::plan_adjustment(db.conn(), plan_id)
    })
    .await
}

/// Turns the plan's adjusted means on or off; returns them as they now stand.
#[tauri::command]
#[specta::specta]
pub async fn set_adjusted_view(
    state: State<'_, AppState>,
    plan_id: i64,
    on: bool,
) -> Result<calibration::PlanAdjustment, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| calibration::set_adjusted_view(tx, plan_id, on))
    })
    .await
}

/// Finalists side by side; sealed plans are refused.
#[tauri::command]
#[specta::specta]
pub async fn compare_plans(
    state: State<'_, AppState>,
    plan_ids: Vec<i64>,
) -> Result<calibration::Comparison, ErrorPayload> {
    with_db(&state, move |db| calibration::compare(db.conn(), &plan_ids)).await
}
