//! Commands over the question bank.

use panel_core::bank::{self, BankPack};
use panel_core::ErrorPayload;
use tauri::State;

use crate::AppState;

/// The built-in pack with its questions in pack order.
#[tauri::command]
#[specta::specta]
pub fn get_question_bank(state: State<'_, AppState>) -> Result<BankPack, ErrorPayload> {
    state.with_db(|db| bank::builtin_pack(db.conn()))
}
