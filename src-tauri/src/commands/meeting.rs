//! Commands of the debrief meeting: its set-up before the start, the frozen agenda's minutes
//! and time, and after-discussion scores. Each returns the whole meeting as it now stands, so
//! the screen never shows a half-applied change. Writes run in one transaction.

use panel_core::debrief::meeting::{
    self, AddedItem, Meeting, MinutesRequest, RescoreRequest, Seniority,
};
use panel_core::draft_journal::{self, MinutesDraftRequest, RecoveredMinutes};
use panel_core::ErrorPayload;
use tauri::State;

use super::{blocking, with_db};
use crate::AppState;

/// The plan's meeting (proposed agenda while preparing); refused while its scores are sealed.
#[tauri::command]
#[specta::specta]
pub async fn get_meeting(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| meeting::meeting(db.conn(), plan_id)).await
}

/// Sets the meeting's length in minutes (before the start).
#[tauri::command]
#[specta::specta]
pub async fn set_meeting_length(
    state: State<'_, AppState>,
    plan_id: i64,
    minutes: u32,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::set_length(tx, plan_id, minutes))
    })
    .await
}

/// Sets the opening round's order (every panelist once; empty goes back to the default).
#[tauri::command]
#[specta::specta]
pub async fn set_speaking_order(
    state: State<'_, AppState>,
    plan_id: i64,
    order: Vec<i64>,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::set_speaking_order(tx, plan_id, &order))
    })
    .await
}

/// Records how senior a panelist is (`null` forgets it).
#[tauri::command]
#[specta::specta]
pub async fn set_panelist_seniority(
    state: State<'_, AppState>,
    plan_id: i64,
    panelist_id: i64,
    seniority: Option<Seniority>,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::set_seniority(tx, plan_id, panelist_id, seniority))
    })
    .await
}

/// Adds a question or a topic to the end of the agenda (before the start).
#[tauri::command]
#[specta::specta]
pub async fn add_agenda_item(
    state: State<'_, AppState>,
    plan_id: i64,
    item: AddedItem,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::add_item(tx, plan_id, &item))
    })
    .await
}

/// Removes an item the lead added (by its place among the added ones, from 0).
#[tauri::command]
#[specta::specta]
pub async fn remove_agenda_item(
    state: State<'_, AppState>,
    plan_id: i64,
    index: u32,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::remove_added_item(tx, plan_id, index as usize))
    })
    .await
}

/// Starts the meeting: the agenda, its numbers and times are frozen (audited).
#[tauri::command]
#[specta::specta]
pub async fn start_meeting(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::start(tx, plan_id))
    })
    .await
}

/// Saves an item's minutes (the screen's autosave, like interview notes); the draft journal's
/// copy is let go once SQLite has the same words.
#[tauri::command]
#[specta::specta]
pub async fn save_meeting_minutes(
    state: State<'_, AppState>,
    request: MinutesRequest,
) -> Result<Meeting, ErrorPayload> {
    blocking(&state, move |state| {
        let journal = state.drafts().ok();
        state.with_db(|db| draft_journal::store_minutes(db, journal, &request))
    })
    .await
}

/// Keeps the minutes just typed in the draft journal, before the autosave reaches SQLite.
/// Without the database: a slow or failing data disk must not hold it up.
#[tauri::command]
#[specta::specta]
pub async fn keep_meeting_minutes(
    state: State<'_, AppState>,
    request: MinutesDraftRequest,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        state
            .drafts()?
            .write_minutes(&request)
            .map_err(ErrorPayload::from)
    })
    .await
}

/// The minutes typed for this plan's meeting that SQLite never received (the app closed first).
#[tauri::command]
#[specta::specta]
pub async fn get_recovered_minutes(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Vec<RecoveredMinutes>, ErrorPayload> {
    blocking(&state, move |state| {
        let drafts = state.drafts()?;
        state.with_db(|db| draft_journal::recover_minutes(db.conn(), drafts, plan_id))
    })
    .await
}

/// Lets go of recovered minutes the lead restored (the autosave has them) or does not want.
#[tauri::command]
#[specta::specta]
pub async fn discard_recovered_minutes(
    state: State<'_, AppState>,
    plan_id: i64,
    item_number: u32,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        state
            .drafts()?
            .remove_recovered_minutes(plan_id, item_number);
        Ok(())
    })
    .await
}

/// Records the seconds spent on an item so far.
#[tauri::command]
#[specta::specta]
pub async fn record_item_time(
    state: State<'_, AppState>,
    plan_id: i64,
    item_number: u32,
    seconds: u32,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::record_time(tx, plan_id, item_number, seconds))
    })
    .await
}

/// Records a panelist's after-discussion score with its reason (audited; the sealed score is
/// never changed).
#[tauri::command]
#[specta::specta]
pub async fn record_discussion_score(
    state: State<'_, AppState>,
    request: RescoreRequest,
) -> Result<Meeting, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| meeting::rescore(tx, &request))
    })
    .await
}
