//! Calibration across the sample slate, from the debrief run's session: interviewers and
//! question health on the Calibration screen, the same health in the question bank and the pack
//! editor, a slate candidate's adjusted means and packet, and two finalists compared on paper.

use std::path::Path;

use e2e::Session;

/// The files the walk exported, checked once the app is closed.
pub struct SlateFiles {
    slate_packet: String,
    comparison_file: String,
}

/// Loads the calibration sample and walks its screens; ends on the comparison, exported.
pub async fn across_the_slate(s: &mut Session) -> SlateFiles {
    // Calibration: one scored plan is too little to say how anyone scores; the sample slate
    // (about 20 candidates, seven interviewers of known leniency) shows what it finds.
    s.shortcut("ctrl+4").await;
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
    // The author copies the pack to rework it: the copy has no interviews of its own, but the
    // editor shows how each unchanged wording has worked.
    s.click("pack-duplicate").await;
    s.type_into("pack-name", "Slate pack, reworked").await;
    s.click("pack-name-ok").await;
    s.wait_for("pack-editor").await;
    s.click("edit-item-7").await;
    s.wait_until(
        "the editor shows question 7's history",
        "return (document.querySelector('[data-testid=pack-editor] [data-testid=question-health-words]')?.textContent ?? '').includes('Barely separates')",
    )
    .await;
    s.scroll_to("question-health").await;
    s.screenshot("pack-editor-question-health").await;
    s.click("editor-close").await;
    // A slate candidate's debrief: capability means adjusted for the panel's leniency, beside
    // the raw ones, and in the packet's appendix.
    s.shortcut("ctrl+4").await;
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
    s.shortcut("ctrl+4").await;
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
    SlateFiles {
        slate_packet,
        comparison_file,
    }
}

impl SlateFiles {
    /// `panelctl` reads the same people, and the PDFs carry the adjusted means and the finalists.
    pub fn check_files(&self, data_dir: &Path) {
        let report = e2e::panelctl_json(data_dir, &["calibration", "--json"]);
        assert_eq!(
            report["interviewers"].as_array().unwrap().len(),
            11,
            "panelctl reads the same people as the screen"
        );
        let exports = data_dir.join("exports");
        let flat = e2e::pdf_words(&exports.join(self.slate_packet.trim()));
        assert!(
            flat.contains("Capability means adjusted for interviewer leniency (an estimate)")
                && flat.contains("Offsets used:"),
            "the packet's appendix carries the adjusted means: {flat}"
        );
        let flat = e2e::pdf_words(&exports.join(self.comparison_file.trim()));
        assert!(
            flat.contains("Finalists compared")
                && flat.contains("Sipho Ndlovu")
                && flat.contains("Marta Kowalczyk"),
            "the comparison PDF names the finalists: {flat}"
        );
    }
}
