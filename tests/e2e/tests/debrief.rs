//! The debrief in the real app: open the scored demo plan's debrief, read the matrix, record a
//! decision, export the packet and find the decision in the PDF's text.

use std::process::Command;

use e2e::Session;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn the_lead_records_a_decision_and_exports_a_packet_that_carries_it() {
    let data_dir = tempfile::tempdir().unwrap();
    let exports = data_dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let mut s = Session::start_with_env(
        "debrief",
        data_dir,
        &[
            ("HIRING_PANEL_TEST_EXPORT_DIR", exports.to_str().unwrap()),
            (e2e::HOLD_EXPORTS, exports.join("held").to_str().unwrap()),
        ],
    )
    .await;
    s.click("load-scored-sample").await;
    // All four scorecards are in: the plan's main button is the debrief.
    s.click("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    // A slow command (the packet export, held on a latch) never keeps a quick one waiting.
    e2e::check_commands_run_alongside_a_held_export(&mut s, &exports.join("held")).await;
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
    // Zoomed to 200 % (Ctrl+= five times, 20 % a step) a 1280×800 window lays the app out in
    // 640×400: every screen still fits its width, the navigation a bar above the content.
    let zoom_in = format!("{}={}", Key::Control, Key::Null);
    for _ in 0..5 {
        s.press(&zoom_in).await;
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
    s.press(&format!("{}0{}", Key::Control, Key::Null)).await;

    // Calibration: one scored plan is too little to say how anyone scores; the sample slate
    // (about 20 candidates, seven interviewers of known leniency) shows what it finds.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    s.wait_for("calibration-too-few").await;
    s.click("load-calibration-sample").await;
    s.wait_until(
        "the slate's seven interviewers are listed",
        "return document.querySelectorAll('[data-testid=interviewer-row]').length === 7 + 4",
    )
    .await;
    let most = s.text_of("interviewer-words").await;
    assert!(
        most.contains("above the panel") && most.contains("based on"),
        "{most}"
    );
    let flat = s
        .eval(
            "return document.querySelector('[data-testid=question-row][data-number=\"7\"] \
             [data-testid=question-words]').textContent",
        )
        .await;
    assert!(
        flat.as_str().unwrap().contains("Barely separates"),
        "the slate's flat question is named: {flat}"
    );
    s.screenshot("calibration").await;
    s.audit_accessibility("calibration").await;
    // An interviewer's row opens the panels they sat on.
    s.click("interviewer-name").await;
    s.wait_until(
        "the most generous interviewer's seats are listed",
        "return document.querySelectorAll('[data-testid=person-seat]').length >= 8",
    )
    .await;
    s.screenshot("calibration-person").await;
    // The pack's author sees the same health where the question is shown and edited.
    s.click("nav-bank").await;
    s.click("bank-item-7").await;
    let health = s.text_of("question-health-words").await;
    assert!(health.contains("Barely separates"), "{health}");
    s.screenshot("bank-question-health").await;
    // A slate candidate's debrief: capability means adjusted for the panel's leniency, beside
    // the raw ones, and in the packet's appendix.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    s.click("interviewer-name").await;
    s.click("seat-plan").await;
    s.click("next-open-debrief").await;
    s.wait_for("adjusted-row").await;
    let words = s.text_of("adjusted-words").await;
    assert!(words.contains("an estimate"), "{words}");
    s.scroll_to("adjusted-means").await;
    s.screenshot("debrief-adjusted").await;
    s.click("export-packet").await;
    let slate_packet = s.text_of("saved-file-name").await;
    // Two finalists side by side, then on paper for the committee.
    s.press(&format!("{}4{}", Key::Control, Key::Null)).await;
    for name in ["Sipho", "Marta"] {
        s.type_into("finalists-search", name).await;
        s.wait_until(
            &format!("only {name}'s plan is listed"),
            &format!(
                "const picks = document.querySelectorAll('[data-testid=finalist-pick]'); \
                 return picks.length === 1 && picks[0].closest('label').textContent.includes('{name}')"
            ),
        )
        .await;
        s.click("finalist-pick").await;
    }
    let chosen = s.text_of("finalists-chosen").await;
    assert_eq!(chosen, "Sipho Ndlovu, Marta Kowalczyk");
    s.click("compare-finalists").await;
    let compared = s.text_of("comparison-table").await;
    assert!(
        compared.contains("Sipho Ndlovu")
            && compared.contains("Marta Kowalczyk")
            && compared.contains("adj."),
        "{compared}"
    );
    s.scroll_to("comparison-table").await;
    s.screenshot("finalists-compared").await;
    s.audit_accessibility("finalists-compared").await;
    s.click("export-comparison").await;
    s.wait_until(
        "the comparison is saved",
        "return (document.querySelector('[data-testid=saved-file-name]')?.textContent ?? '').startsWith('Finalists compared')",
    )
    .await;
    let comparison_file = s.text_of("saved-file-name").await;

    let data_dir = s.finish().await;
    let report = e2e::panelctl_json(data_dir.path(), &["calibration", "--json"]);
    assert_eq!(
        report["interviewers"].as_array().unwrap().len(),
        11,
        "panelctl reads the same people as the screen"
    );
    let slate_pdf = data_dir.path().join("exports").join(slate_packet.trim());
    let text = Command::new("pdftotext")
        .arg(&slate_pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Capability means adjusted for interviewer leniency (an estimate)")
            && flat.contains("Offsets used:"),
        "the packet's appendix carries the adjusted means: {flat}"
    );
    let text = Command::new("pdftotext")
        .arg(data_dir.path().join("exports").join(comparison_file.trim()))
        .arg("-")
        .output()
        .unwrap();
    let flat = String::from_utf8(text.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Finalists compared")
            && flat.contains("Sipho Ndlovu")
            && flat.contains("Marta Kowalczyk"),
        "the comparison PDF names the finalists: {flat}"
    );
    let kit = data_dir
        .path()
        .join("exports/Interview kit - Jonas Albrecht - Priya Raman.pdf");
    let text = Command::new("pdftotext")
        .arg(&kit)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Priya Raman"), "the kit names its panelist");

    let pdf = data_dir
        .path()
        .join("exports/Debrief packet - Jonas Albrecht.pdf");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Jonas Albrecht"));
    assert!(
        flat.contains(
            "Program story holds up across three panelists; Ζωή's reference call confirms it."
        ),
        "the packet carries the decision's rationale"
    );
    assert!(flat.contains("Dana Whitfield"));
}
