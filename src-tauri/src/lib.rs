//! The Hiring Panel desktop shell.
//!
//! This crate is the only one that knows about Tauri. It opens the database, registers the
//! commands (each a thin adapter over `panel-core`), keeps the webview on the app's own pages and
//! exports the TypeScript bindings the UI calls through. Logic belongs in `panel-core`.

mod bindings;
mod commands;
mod navigation;
mod state;

use tauri_specta::{collect_commands, Builder};

pub use state::AppState;

pub use bindings::{export_bindings, BINDINGS_DIR};

/// The command registry: the single list of everything the UI may call.
pub fn ipc_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app::get_app_status,
            commands::bank::get_question_bank,
            commands::debrief::get_debrief,
            commands::debrief::record_decision,
            commands::debrief::export_debrief_packet,
            commands::debrief::export_interview_kit,
            commands::debrief::open_exported_file,
            commands::interview::get_interview,
            commands::interview::save_answer,
            commands::interview::save_overall,
            commands::interview::submit_scorecard,
            commands::interview::amend_answer,
            commands::interview::unlock_scorecard,
            commands::interview::lock_scorecard,
            commands::interview::set_scorecard_pin,
            commands::interview::get_panel_scorecards,
            commands::interview::unseal_scores,
            commands::plans::list_plans,
            commands::plans::get_plan,
            commands::plans::create_plan,
            commands::plans::create_sample_plan,
            commands::plans::create_scored_sample_plan,
            commands::plans::add_panelist,
            commands::plans::remove_panelist,
            commands::plans::split_plan,
            commands::plans::preview_split,
            commands::plans::move_question,
            commands::plans::set_pin,
            commands::plans::update_plan,
            commands::plans::set_plan_status,
            commands::plans::duplicate_plan,
            commands::plans::archive_plan,
            commands::plans::update_panelist,
            commands::plans::reorder_panelists,
            commands::plans::export_calendar,
        ])
        // Database ids are SQLite rowids: far below 2^53, so JavaScript numbers hold them exactly.
        .dangerously_cast_bigints_to_number()
        // Our types are either sent or received, never both: one TypeScript type per Rust type.
        .disable_serde_phases()
}

/// Starts the desktop app.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let ipc = ipc_builder();
    let state = AppState::open();
    tauri::Builder::default()
        .plugin(navigation::guard())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(ipc.invoke_handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            tracing::error!("Hiring Panel could not start: {e}");
            std::process::exit(1);
        });
}
