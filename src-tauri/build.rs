//! Generates Tauri's context and an app manifest: the app's own commands become permissions
//! (`allow-get-question-bank`, …) so the capability file grants exactly the ones the UI uses.

/// Every command registered in `ipc_builder`; a command missing here cannot be called.
const COMMANDS: &[&str] = &[
    "get_app_status",
    "get_question_bank",
    "list_backups",
    "back_up_now",
    "restore_backup",
    "purge_plan",
    "get_retention",
    "set_retention",
    "export_candidate_data",
    "list_packs",
    "get_pack",
    "create_pack",
    "duplicate_pack",
    "save_pack",
    "diff_packs",
    "export_pack_file",
    "import_pack_file",
    "list_plans",
    "get_panel_scorecards",
    "unseal_scores",
    "get_interview",
    "save_answer",
    "save_overall",
    "submit_scorecard",
    "get_debrief",
    "record_decision",
    "export_debrief_packet",
    "export_interview_kit",
    "open_exported_file",
    "amend_answer",
    "unlock_scorecard",
    "lock_scorecard",
    "set_scorecard_pin",
    "get_plan",
    "create_plan",
    "set_plan_questions",
    "create_sample_plan",
    "create_scored_sample_plan",
    "add_panelist",
    "remove_panelist",
    "split_plan",
    "preview_split",
    "move_question",
    "set_pin",
    "update_plan",
    "set_plan_status",
    "duplicate_plan",
    "archive_plan",
    "update_panelist",
    "reorder_panelists",
    "export_calendar",
    "send_kits",
    "import_exchange_file",
    "export_scorecard_file",
    "take_opened_files",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
