//! Commands of the interview screen: a panelist's own questions and scorecard, the autosave,
//! amendments, and the PIN that guards a scorecard on a shared laptop. Every command that reads
//! or writes a scorecard goes through `AppState::with_scorecard`, so a PIN-guarded scorecard
//! stays shut to the UI until its PIN was entered.

use chrono::Utc;
use panel_core::draft_journal::{
    self, DiscardDraftRequest, JournalDraftRequest, RecoveredCard, RecoveredDraft, TypedDraft,
};
use panel_core::scorecards::{
    self, AmendRequest, InterviewView, PanelScorecards, PanelistRef, SaveAnswerRequest,
    SaveOverallRequest, SetScorecardPinRequest, UnlockRequest, UnsealRequest,
};
use panel_core::ErrorPayload;
use tauri::State;

use super::{blocking, with_db, with_scorecard};
use crate::AppState;

/// The interview screen for one panelist: their questions and their own scorecard.
#[tauri::command]
#[specta::specta]
pub async fn get_interview(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<InterviewView, ErrorPayload> {
    with_scorecard(&state, who.plan_id, who.panelist_id, move |db| {
        scorecards::interview(db.conn(), who.plan_id, who.panelist_id)
    })
    .await
}

/// Saves one answer (autosave); one transaction, durable when this returns. Run off the main
/// thread (`async`): a slow fsync must not hold up the window, nor the draft journal's writes.
#[tauri::command]
#[specta::specta]
pub async fn save_answer(
    state: State<'_, AppState>,
    request: SaveAnswerRequest,
) -> Result<(), ErrorPayload> {
    let draft = TypedDraft::Answer {
        answer: request.answer,
    };
    store_draft(&state, request.plan_id, request.panelist_id, draft).await
}

/// Saves the recommendation and summary (autosave), off the main thread like `save_answer`.
#[tauri::command]
#[specta::specta]
pub async fn save_overall(
    state: State<'_, AppState>,
    request: SaveOverallRequest,
) -> Result<(), ErrorPayload> {
    let draft = TypedDraft::Overall {
        overall: request.overall,
    };
    store_draft(&state, request.plan_id, request.panelist_id, draft).await
}

/// The autosave of either part of a scorecard: into SQLite through the draft journal (which
/// keeps the words until the database has them), behind the scorecard's PIN.
async fn store_draft(
    state: &AppState,
    plan_id: i64,
    panelist_id: i64,
    draft: TypedDraft,
) -> Result<(), ErrorPayload> {
    blocking(state, move |state| {
        let journal = state.drafts().ok();
        state.with_scorecard(plan_id, panelist_id, |db| {
            draft_journal::store(db, journal, plan_id, panelist_id, &draft)
        })
    })
    .await
}

/// Keeps what was just typed in the draft journal, before the autosave reaches SQLite. Async,
/// and without the database: a slow or failing data disk must not hold it up.
#[tauri::command]
#[specta::specta]
pub async fn keep_typed_draft(
    state: State<'_, AppState>,
    request: JournalDraftRequest,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        state.drafts()?.write(&request).map_err(ErrorPayload::from)
    })
    .await
}

/// What this panelist typed that SQLite never received (the app closed first), for them only.
#[tauri::command]
#[specta::specta]
pub async fn get_recovered_drafts(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<Vec<RecoveredDraft>, ErrorPayload> {
    blocking(&state, move |state| {
        let drafts = state.drafts()?;
        state.with_scorecard(who.plan_id, who.panelist_id, |db| {
            draft_journal::recover(db.conn(), drafts, who.plan_id, who.panelist_id)
        })
    })
    .await
}

/// Drops a recovered draft its author does not want back.
#[tauri::command]
#[specta::specta]
pub async fn discard_recovered_draft(
    state: State<'_, AppState>,
    request: DiscardDraftRequest,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        let drafts = state.drafts()?;
        state.with_scorecard(request.plan_id, request.panelist_id, |_| {
            drafts.remove(
                request.plan_id,
                request.panelist_id,
                request.question_number,
            );
            Ok(())
        })
    })
    .await
}

/// The scorecards with unsaved text waiting for their authors: who and for whom, never what.
#[tauri::command]
#[specta::specta]
pub async fn list_recovered_cards(
    state: State<'_, AppState>,
) -> Result<Vec<RecoveredCard>, ErrorPayload> {
    blocking(&state, |state| {
        let drafts = state.drafts()?;
        state.with_db(|db| draft_journal::pending(db.conn(), drafts))
    })
    .await
}

/// Submits the panelist's scorecard; returns the screen as it now is.
#[tauri::command]
#[specta::specta]
pub async fn submit_scorecard(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<InterviewView, ErrorPayload> {
    with_scorecard(&state, who.plan_id, who.panelist_id, move |db| {
        db.with_tx(|tx| scorecards::submit(tx, who.plan_id, who.panelist_id, None, None))?;
        scorecards::interview(db.conn(), who.plan_id, who.panelist_id)
    })
    .await
    // A panelist's copy returns through the team folder, if there is one, right away.
    .inspect(|_| crate::team_watch::nudge())
}

/// Amends one answer of a submitted scorecard (reason required, audited); returns the screen.
#[tauri::command]
#[specta::specta]
pub async fn amend_answer(
    state: State<'_, AppState>,
    request: AmendRequest,
) -> Result<InterviewView, ErrorPayload> {
    let (plan_id, panelist_id) = (request.plan_id, request.panelist_id);
    with_scorecard(&state, plan_id, panelist_id, move |db| {
        db.with_tx(|tx| scorecards::amend(tx, plan_id, panelist_id, &request.amendment, None))?;
        scorecards::interview(db.conn(), plan_id, panelist_id)
    })
    .await
}

/// Opens a PIN-guarded scorecard for the rest of this run of the app.
#[tauri::command]
#[specta::specta]
pub async fn unlock_scorecard(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        state.with_db_and_pins(|db, pins| {
            pins.unlock(
                db,
                request.plan_id,
                request.panelist_id,
                &request.pin,
                Utc::now(),
            )
        })
    })
    .await
}

/// Locks a PIN-guarded scorecard again (the panelist left the interview screen).
#[tauri::command]
#[specta::specta]
pub async fn lock_scorecard(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<(), ErrorPayload> {
    blocking(&state, move |state| {
        state.with_db_and_pins(|_, pins| {
            pins.lock(who.plan_id, who.panelist_id);
            Ok(())
        })
    })
    .await
}

/// Sets, changes or removes a scorecard's PIN; changing or removing needs the current one.
#[tauri::command]
#[specta::specta]
pub async fn set_scorecard_pin(
    state: State<'_, AppState>,
    request: SetScorecardPinRequest,
) -> Result<(), ErrorPayload> {
    let (plan_id, panelist_id) = (request.plan_id, request.panelist_id);
    blocking(&state, move |state| {
        state.with_db_and_pins(|db, pins| {
            // Only from inside the scorecard: nobody can lock someone else out of theirs.
            pins.require(db.conn(), plan_id, panelist_id)?;
            // The current PIN goes through the same throttle as unlocking: no free guesses here.
            if let Some(current) = request.current.as_deref() {
                pins.unlock(db, plan_id, panelist_id, current, Utc::now())?;
            }
            db.with_tx(|tx| {
                scorecards::set_scorecard_pin(
                    tx,
                    plan_id,
                    panelist_id,
                    request.current.as_deref(),
                    request.new.as_deref(),
                )
            })?;
            // Whoever just set the PIN is the panelist at the keyboard: stay open for them.
            pins.mark_unlocked(plan_id, panelist_id);
            Ok(())
        })
    })
    .await
}

/// The panel's progress; the scorecards themselves only once unsealed.
#[tauri::command]
#[specta::specta]
pub async fn get_panel_scorecards(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<PanelScorecards, ErrorPayload> {
    with_db(&state, move |db| {
        scorecards::panel_scorecards(db.conn(), plan_id)
    })
    .await
}

/// Unseals the plan's scores early with a reason (audited); returns what may now be seen.
#[tauri::command]
#[specta::specta]
pub async fn unseal_scores(
    state: State<'_, AppState>,
    request: UnsealRequest,
) -> Result<PanelScorecards, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| scorecards::unseal(tx, request.plan_id, &request.by, &request.reason))?;
        scorecards::panel_scorecards(db.conn(), request.plan_id)
    })
    .await
}

/// The panelist says nobody else uses this laptop for this plan: interview mode stops asking
/// them to set a PIN.
#[tauri::command]
#[specta::specta]
pub async fn declare_sole_user(
    state: State<'_, AppState>,
    who: PanelistRef,
) -> Result<(), ErrorPayload> {
    with_scorecard(&state, who.plan_id, who.panelist_id, move |db| {
        db.with_tx(|tx| scorecards::declare_sole_user(tx, who.plan_id, who.panelist_id))
    })
    .await
}
