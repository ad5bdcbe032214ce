//! The Hiring Panel desktop shell.
//!
//! This crate is the only one that knows about Tauri. It opens the database, registers the
//! commands (each a thin adapter over `panel-core`), keeps the webview on the app's own pages and
//! exports the TypeScript bindings the UI calls through. Logic belongs in `panel-core`.

mod bindings;
mod commands;
mod first_paint;
mod first_screen;
mod live;
mod menu;
mod navigation;
mod painting;
mod state;
mod team_watch;
mod test_drop;
mod warm_up;

use tauri_specta::{collect_commands, Builder};

pub use state::AppState;

pub use bindings::{export_bindings, BINDINGS_DIR};

/// The command registry: the single list of everything the UI may call.
pub fn ipc_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app::get_app_status,
            commands::app::start_app,
            commands::app::report_first_screen,
            commands::app::set_menu_exports,
            commands::bank::get_question_bank,
            commands::data::list_backups,
            commands::data::back_up_now,
            commands::data::restore_backup,
            commands::data::get_purge_scope,
            commands::data::purge_plan,
            commands::data::get_retention,
            commands::data::set_retention,
            commands::data::export_candidate_data,
            commands::bank::list_packs,
            commands::bank::get_pack,
            commands::bank::create_pack,
            commands::bank::duplicate_pack,
            commands::bank::save_pack,
            commands::bank::diff_packs,
            commands::bank::export_pack_file,
            commands::bank::import_pack_file,
            commands::debrief::get_debrief,
            commands::debrief::record_decision,
            commands::debrief::reopen_decision,
            commands::debrief::export_debrief_packet,
            commands::debrief::export_interview_kit,
            commands::debrief::export_comparison,
            commands::meeting::get_meeting,
            commands::meeting::set_meeting_length,
            commands::meeting::set_speaking_order,
            commands::meeting::set_panelist_seniority,
            commands::meeting::add_agenda_item,
            commands::meeting::remove_agenda_item,
            commands::meeting::start_meeting,
            commands::meeting::save_meeting_minutes,
            commands::meeting::keep_meeting_minutes,
            commands::meeting::get_recovered_minutes,
            commands::meeting::discard_recovered_minutes,
            commands::meeting::record_item_time,
            commands::meeting::record_discussion_score,
            commands::files::open_exported_file,
            commands::files::show_exported_file,
            commands::interview::get_interview,
            commands::interview::save_answer,
            commands::interview::save_overall,
            commands::interview::keep_typed_draft,
            commands::interview::get_recovered_drafts,
            commands::interview::discard_recovered_draft,
            commands::interview::list_recovered_cards,
            commands::interview::submit_scorecard,
            commands::interview::amend_answer,
            commands::interview::unlock_scorecard,
            commands::interview::lock_scorecard,
            commands::interview::set_scorecard_pin,
            commands::interview::declare_sole_user,
            commands::interview::get_panel_scorecards,
            commands::interview::unseal_scores,
            commands::plans::list_plans,
            commands::plans::get_plan,
            commands::plans::create_plan,
            commands::plans::set_plan_questions,
            commands::plans::create_sample_plan,
            commands::plans::create_scored_sample_plan,
            commands::plans::add_panelist,
            commands::plans::remove_panelist,
            commands::plans::split_plan,
            commands::plans::preview_split,
            commands::plans::move_question,
            commands::plans::set_question_fixed,
            commands::plans::update_plan,
            commands::plans::set_plan_status,
            commands::plans::duplicate_plan,
            commands::plans::archive_plan,
            commands::plans::update_panelist,
            commands::plans::reorder_panelists,
            commands::plans::export_calendar,
            commands::exchange::send_kits,
            commands::exchange::get_computer_key,
            commands::exchange::import_exchange_file,
            commands::exchange::export_scorecard_file,
            commands::exchange::take_opened_files,
            commands::calibration::get_calibration,
            commands::calibration::list_people,
            commands::calibration::get_person_seats,
            commands::calibration::merge_people,
            commands::calibration::split_person_seat,
            commands::calibration::purge_interviewer,
            commands::calibration::create_calibration_sample,
            commands::calibration::get_pack_question_health,
            commands::calibration::get_plan_adjustment,
            commands::calibration::set_adjusted_view,
            commands::calibration::compare_plans,
            commands::team::get_public_identity,
            commands::team::get_team_folder,
            commands::team::set_team_folder,
            commands::team::sync_team_folder,
            commands::team::set_panelist_identity,
            commands::team::get_team_conflicts,
            commands::team::resolve_team_conflict,
        ])
        // Rows the Plans list shows at a time: the shell reads the first page before the UI asks.
        .constant("PLANS_PAGE_ROWS", panel_core::plans::PAGE_ROWS)
        // Database ids are SQLite rowids: far below 2^53, so JavaScript numbers hold them exactly.
        .dangerously_cast_bigints_to_number()
        // Our types are either sent or received, never both: one TypeScript type per Rust type.
        .disable_serde_phases()
}

/// Event the window hears when the system hands the running app more files to open.
pub const OPENED_FILES_EVENT: &str = "opened-files";

/// Starts the desktop app.
pub fn run() {
    commands::app::mark_process_start();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // Before any thread starts: WebKit reads it once, and setting the environment is only sound
    // while nothing else reads it.
    painting::choose();

    let ipc = ipc_builder();
    let state = AppState::open();
    let context = tauri::generate_context!();
    let first_screen = first_screen::FirstScreen::read_ahead(&state, first_paint::script(&context));
    let rendering = first_screen.clone();
    let cwd = std::env::current_dir().unwrap_or_default();
    state.queue_opened_files(std::env::args().skip(1), &cwd);
    let mut builder = tauri::Builder::default();
    // One window per data directory: opening a kit from the file manager while the app runs
    // hands the file to the running window. A run with its own HIRING_PANEL_DATA_DIR (tests,
    // a second profile) is a separate instance on purpose.
    if std::env::var_os(panel_core::data_dir::ENV_VAR).is_none_or(|dir| dir.is_empty()) {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            use tauri::{Emitter, Manager};
            let state = app.state::<AppState>();
            state.queue_opened_files(argv.into_iter().skip(1), std::path::Path::new(&cwd));
            if let Err(e) = app.emit(OPENED_FILES_EVENT, ()) {
                tracing::warn!("could not tell the window about opened files: {e}");
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    builder
        .plugin(navigation::guard())
        .plugin(warm_up::plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // The window opens where, and as large as, the user last left it (the zoom level is
        // menu.rs's); not whether it was visible or full screen.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        .manage(state)
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .setup(move |app| {
            use tauri::Manager;
            app.state::<AppState>().set_app(app.handle().clone());
            // The window and its webview exist: the first screen may be rendered (first_paint.rs).
            rendering.webview_created();
            // The window is created hidden and shown here, once the window-state plugin has
            // given it the size and place the user left it at: shown at creation, it would
            // appear at the default size first and then jump.
            if let Some(window) = app.get_webview_window("main") {
                if let Err(e) = window.show() {
                    tracing::error!("the window could not be shown: {e}");
                }
            }
            menu::restore_zoom(app.handle());
            team_watch::start(app.handle().clone());
            test_drop::start(app.handle().clone());
            live::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(ipc.invoke_handler())
        .run(first_screen.carried_by(context))
        .unwrap_or_else(|e| {
            tracing::error!("Hiring Panel could not start: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    /// The capability file grants the window exactly the commands `ipc_builder` registers
    /// (`build.rs` writes that part): a command registered without its permission would fail
    /// only when the UI first calls it, and a permission left behind names a command that is gone.
    #[test]
    fn the_window_may_call_exactly_the_registered_commands() {
        let lib = include_str!("lib.rs");
        let list = lib
            .split_once("collect_commands![")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
            .unwrap();
        let mut registered: Vec<String> = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                format!(
                    "allow-{}",
                    entry.rsplit("::").next().unwrap().replace('_', "-")
                )
            })
            .collect();
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main-window.json")).unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.contains(':'))
            .map(String::from)
            .collect();
        registered.sort();
        granted.sort();
        assert_eq!(granted, registered);
    }
}
