//! Commands of the interview screen: a panelist's own questions and scorecard, and the autosave.

use panel_core::scorecards::{
    self, InterviewView, PanelScorecards, PanelistRef, SaveAnswerRequest, SaveOverallRequest,
    UnsealRequest,
};
use panel_core::ErrorPayload;
use tauri::State;

use crate::AppState;

/// The interview screen for one panelist: their questions and their own scorecard.
#[tauri::command]
#[specta::specta]
pub fn get_interview(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<InterviewView, ErrorPayload> {
    state.with_db(|db| scorecards::interview(db.conn(), who.plan_id, who.panelist_id))
}

/// Saves one answer (autosave); one transaction, durable when this returns.
#[tauri::command]
#[specta::specta]
pub fn save_answer(
    state: State<'_, AppState>,
    request: SaveAnswerRequest,
) -> Result<(), ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| {
            scorecards::save_answer(tx, request.plan_id, request.panelist_id, &request.answer)
        })
    })
}

/// Saves the recommendation and summary (autosave).
#[tauri::command]
#[specta::specta]
pub fn save_overall(
    state: State<'_, AppState>,
    request: SaveOverallRequest,
) -> Result<(), ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| {
            scorecards::set_overall(tx, request.plan_id, request.panelist_id, &request.overall)
        })
    })
}

/// Submits the panelist's scorecard; returns the screen as it now is.
#[tauri::command]
#[specta::specta]
pub fn submit_scorecard(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<InterviewView, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| scorecards::submit(tx, who.plan_id, who.panelist_id, None, None))?;
        scorecards::interview(db.conn(), who.plan_id, who.panelist_id)
    })
}

/// The panel's progress; the scorecards themselves only once unsealed.
#[tauri::command]
#[specta::specta]
pub fn get_panel_scorecards(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<PanelScorecards, ErrorPayload> {
    state.with_db(|db| scorecards::panel_scorecards(db.conn(), plan_id))
}

/// Unseals the plan's scores early with a reason (audited); returns what may now be seen.
#[tauri::command]
#[specta::specta]
pub fn unseal_scores(
    state: State<'_, AppState>,
    request: UnsealRequest,
) -> Result<PanelScorecards, ErrorPayload> {
    state.with_db(|db| {
        db.with_tx(|tx| scorecards::unseal(tx, request.plan_id, &request.by, &request.reason))?;
        scorecards::panel_scorecards(db.conn(), request.plan_id)
    })
}
