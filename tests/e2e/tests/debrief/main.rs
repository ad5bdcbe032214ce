//! The debrief in the real app: open the scored demo plan's debrief, read the matrix, run the
//! debrief meeting from the keyboard, record a decision, export the packet and find the
//! decision and the meeting's story in the PDF's text. The same session goes on to paper kits,
//! zoom and calibration across a slate. The meeting (`meeting.rs`) and the calibration walk
//! (`calibration.rs`) are steps of this one run, kept in files of their own.

mod calibration;
mod meeting;

use e2e::Session;

#[tokio::test(flavor = "multi_thread")]
async fn the_lead_records_a_decision_and_exports_a_packet_that_carries_it() {
    let data_dir = tempfile::tempdir().unwrap();
    let exports = data_dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    // The desktop session's runtime folder, where the draft journal keeps unsaved minutes.
    let runtime = tempfile::tempdir().unwrap();
    let held = exports.join("held");
    let env = [
        ("HIRING_PANEL_TEST_EXPORT_DIR", exports.to_str().unwrap()),
        (e2e::HOLD_EXPORTS, held.to_str().unwrap()),
        ("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap()),
    ];
    let mut s = Session::start_with_env("debrief", data_dir, &env).await;
    s.click("load-scored-sample").await;
    // All four scorecards are in: the plan's main button is the debrief.
    s.click("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    // A slow command (the packet export, held on a latch) never keeps a quick one waiting.
    e2e::check_commands_run_alongside_a_held_export(&mut s, &held).await;
    let candidate = s.text_of("debrief-candidate").await;
    assert_eq!(candidate, "Jonas Albrecht");
    // The sample panel disagrees somewhere; the flagged row says so in words, not colour only.
    let flagged = s
        .eval("return document.querySelectorAll('[data-testid^=\"disagree-\"]').length")
        .await;
    assert!(
        flagged.as_u64().unwrap() >= 1,
        "the sample has a disagreement"
    );
    // The largest disagreement comes first without asking.
    let first_row = s
        .eval("return document.querySelector('[data-testid^=\"debrief-row-\"]').className")
        .await;
    assert!(
        first_row.as_str().unwrap().contains("disagree"),
        "by default the largest disagreement comes first"
    );
    // One plan is no history: the adjusted means say who lacks past answers instead.
    let adjusted = s.text_of("adjusted-words").await;
    assert!(adjusted.contains("30 past answers"), "{adjusted}");
    s.screenshot("debrief-light").await;
    s.audit_accessibility("debrief-light").await;

    meeting::run_from_the_keyboard(&mut s).await;
    s.click("meeting-to-decision").await;
    s.wait_gone("meeting-mode").await;
    let outcome = s.text_of("decision-outcome").await;
    assert!(
        outcome.contains("Independent") && outcome.contains("After"),
        "{outcome}"
    );
    s.screenshot("debrief-after-meeting").await;

    // A cell opens that answer's notes and coverage.
    let cell = s
        .eval("return document.querySelector('[data-testid^=\"cell-\"]').dataset.testid")
        .await;
    s.click(cell.as_str().unwrap()).await;
    let notes = s.text_of("answer-notes").await;
    assert!(!notes.is_empty());
    s.click("close-answer").await;

    s.click("decision-hire").await;
    s.type_into(
        "decision-rationale",
        "Program story holds up across three panelists; Ζωή's reference call confirms it.",
    )
    .await;
    // The rationale cites the meeting's first item.
    s.eval(
        "const cite = document.querySelector('[data-testid=cite-item]'); cite.value = '1'; \
         cite.dispatchEvent(new Event('change', { bubbles: true })); return true",
    )
    .await;
    s.click("cite-add").await;
    s.type_into("decision-by", "Dana Whitfield").await;
    s.click("decision-save").await;
    let recorded = s.text_of("decision-recorded").await;
    assert!(recorded.starts_with("Hire"), "{recorded}");

    s.click("export-packet").await;
    let done = s.text_of("saved-file-name").await;
    assert!(
        done.contains("Debrief packet - Jonas Albrecht.pdf"),
        "{done}"
    );
    s.click("theme-dark").await;
    s.screenshot("debrief-dark-exported").await;
    // File → Export offers what this screen exports: its one enabled item is the packet, the
    // same button's work (walked with the keys: F10 opens File; New plan, Open file…, Recent
    // files, Export; → opens it on its first item that can be chosen).
    s.click("saved-file-dismiss").await;
    s.wait_gone("saved-file").await;
    s.walk_menu(&["F10", "Down", "Down", "Down", "Down", "Right", "Return"])
        .await;
    let again = s.text_of("saved-file-name").await;
    assert!(
        again.contains("Debrief packet - Jonas Albrecht.pdf"),
        "{again}"
    );

    // The lead reopens the decision (a late revision is on its way, say): the reason goes to the
    // trail, which the debrief shows with the packet's words.
    s.click("decision-reopen").await;
    s.type_into("reopen-reason", "Tom amended a score after the debrief")
        .await;
    s.click("reopen-confirm").await;
    let entry = s.text_of("audit-decision-reopened").await;
    assert!(
        entry.contains("Decision reopened") && entry.contains("Tom amended a score"),
        "{entry}"
    );
    s.wait_gone("decision-recorded").await;
    s.eval("document.querySelector('[data-testid=audit-trail]').scrollIntoView()")
        .await;
    s.screenshot("debrief-trail").await;
    s.audit_accessibility("debrief-trail").await;

    let mut s = meeting::killed_mid_minutes_then_restored(s, &env, runtime.path()).await;

    // A panelist who prefers paper prints their kit from interview mode.
    s.click("leave-debrief").await;
    s.click("start-interview").await;
    s.click("i-am-1").await;
    s.click("print-kit").await;
    let kit = s.text_of("saved-file-name").await;
    assert!(
        kit.contains("Interview kit - Jonas Albrecht - Priya Raman.pdf"),
        "{kit}"
    );
    // Zoomed to 200 % (View → Zoom in, Ctrl+=, five times, 20 % a step) a 1280×800 window lays
    // the app out in 640×400: every screen still fits its width, the navigation a bar above the
    // content.
    for _ in 0..5 {
        s.shortcut("ctrl+equal").await;
    }
    s.wait_until(
        "the page is zoomed to 200 %",
        "return window.innerWidth <= 660",
    )
    .await;
    s.assert_fits_width("interview-zoomed").await;
    s.click_in_zoomed_page("leave-interview").await;
    s.wait_for("plan-title").await;
    s.assert_fits_width("plan-zoomed").await;
    s.click_in_zoomed_page("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    s.assert_fits_width("debrief-zoomed").await;
    s.click_in_zoomed_page("nav-plans").await;
    s.wait_for_css("[data-testid^='progress-']").await;
    s.assert_fits_width("plans-zoomed").await;
    s.click_in_zoomed_page("nav-data").await;
    s.wait_for("back-up-now").await;
    s.assert_fits_width("data-zoomed").await;
    s.click_in_zoomed_page("nav-bank").await;
    s.wait_for("bank-pack-select").await;
    s.assert_fits_width("bank-zoomed").await;
    s.shortcut("ctrl+0").await;

    let slate = calibration::across_the_slate(&mut s).await;

    let data_dir = s.finish().await;
    slate.check_files(data_dir.path());
    let kit = e2e::pdf_words(&exports.join("Interview kit - Jonas Albrecht - Priya Raman.pdf"));
    assert!(kit.contains("Priya Raman"), "the kit names its panelist");

    let flat = e2e::pdf_words(&exports.join("Debrief packet - Jonas Albrecht.pdf"));
    assert!(flat.contains("Jonas Albrecht"));
    assert!(
        flat.contains(
            "Program story holds up across three panelists; Ζωή's reference call confirms it."
        ),
        "the packet carries the decision's rationale"
    );
    assert!(flat.contains("Dana Whitfield"));
    // The meeting's story: the movement with its reason, the minutes, the speaking order.
    for told in [
        "Debrief meeting",
        "Speaking order used",
        "Scores moved in discussion (1)",
        "Why: Heard the other panelist's notes on the metric (agenda item 1)",
        "Two readings of the same answer; the panel agreed to ask the references.",
        "[Agenda item 1:",
    ] {
        assert!(flat.contains(told), "the packet tells {told:?}");
    }
}
