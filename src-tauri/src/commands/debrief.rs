//! Commands of the debrief screen and the PDF exports. Rendering runs on the blocking pool (off
//! the main thread and the runtime's workers) and outside the database lock; files are written
//! atomically, so a failed export (full disk, folder gone) leaves any earlier file intact.

use std::path::{Path, PathBuf};

use panel_core::debrief::{self, Debrief, DecideRequest, ReopenRequest};
use panel_core::export::{self, ExportKind, ExportedFile, KitExportRequest, PacketExportRequest};
use panel_core::pdf;
use panel_core::{scorecards, ErrorPayload};
use tauri::State;

use super::{blocking, test_latch, with_db};
use crate::AppState;

/// The debrief of a plan; refused (`sealed`) while its scores are sealed.
#[tauri::command]
#[specta::specta]
pub async fn get_debrief(
    state: State<'_, AppState>,
    plan_id: i64,
) -> Result<Debrief, ErrorPayload> {
    with_db(&state, move |db| debrief::debrief(db.conn(), plan_id)).await
}

/// Records the panel's decision (audited); returns the debrief with it.
#[tauri::command]
#[specta::specta]
pub async fn record_decision(
    state: State<'_, AppState>,
    request: DecideRequest,
) -> Result<Debrief, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| debrief::decide(tx, request.plan_id, &request.decision))?;
        debrief::debrief(db.conn(), request.plan_id)
    })
    .await
}

/// Withdraws the recorded decision (reason and who, audited) so the panel can look again; a
/// scorecard revision that arrived after the decision can then be imported. Returns the debrief.
#[tauri::command]
#[specta::specta]
pub async fn reopen_decision(
    state: State<'_, AppState>,
    request: ReopenRequest,
) -> Result<Debrief, ErrorPayload> {
    with_db(&state, move |db| {
        db.with_tx(|tx| debrief::reopen(tx, request.plan_id, &request.reason, &request.by))?;
        debrief::debrief(db.conn(), request.plan_id)
    })
    .await
}

/// Writes a rendered PDF through the core's export seam and remembers it for "Open" (only PDFs
/// this run wrote are ever handed to the system's viewer) and for File → Recent files, with
/// `plan_id`'s candidate. A test build may hold it first (`test_latch`), named `what`.
fn write(
    state: &AppState,
    path: &str,
    kind: ExportKind,
    pdf: &pdf::Rendered,
    what: &str,
    plan_id: Option<i64>,
) -> Result<ExportedFile, ErrorPayload> {
    test_latch::hold(what);
    let written = export::write_pdf(Path::new(path), kind, pdf)?;
    let path = PathBuf::from(&written.path);
    match kind {
        ExportKind::Comparison => state.remember_export_unlisted(path),
        _ => state.remember_export(path, plan_id),
    }
    Ok(written)
}

/// Renders the debrief packet and writes it; refused while sealed.
#[tauri::command]
#[specta::specta]
pub async fn export_debrief_packet(
    state: State<'_, AppState>,
    request: PacketExportRequest,
) -> Result<ExportedFile, ErrorPayload> {
    blocking(&state, move |state| {
        let data = state.with_db(|db| debrief::debrief_for_packet(db.conn(), request.plan_id))?;
        let rendered =
            pdf::debrief_packet_rendered(&data, request.paper, panel_core::time::local_zone())?;
        write(
            state,
            &request.path,
            ExportKind::Packet,
            &rendered,
            "debrief-packet",
            Some(request.plan_id),
        )
    })
    .await
}

/// Renders the finalists comparison and writes it; refused if a plan is sealed.
#[tauri::command]
#[specta::specta]
pub async fn export_comparison(
    state: State<'_, AppState>,
    request: panel_core::export::ComparisonExportRequest,
) -> Result<ExportedFile, ErrorPayload> {
    blocking(&state, move |state| {
        let comparison =
            state.with_db(|db| panel_core::calibration::compare(db.conn(), &request.plan_ids))?;
        let rendered = pdf::comparison_pdf_rendered(
            &comparison,
            request.paper,
            panel_core::time::local_zone(),
        )?;
        write(
            state,
            &request.path,
            ExportKind::Comparison,
            &rendered,
            "comparison",
            None,
        )
    })
    .await
}

/// Renders a panelist's paper interview kit and writes it.
#[tauri::command]
#[specta::specta]
pub async fn export_interview_kit(
    state: State<'_, AppState>,
    request: KitExportRequest,
) -> Result<ExportedFile, ErrorPayload> {
    blocking(&state, move |state| {
        let view = state
            .with_db(|db| scorecards::interview(db.conn(), request.plan_id, request.panelist_id))?;
        let rendered =
            pdf::interview_kit_rendered(&view, request.paper, panel_core::time::local_zone())?;
        write(
            state,
            &request.path,
            ExportKind::InterviewKit,
            &rendered,
            "interview-kit",
            Some(request.plan_id),
        )
    })
    .await
}
