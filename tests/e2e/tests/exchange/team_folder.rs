//! The lead's exchange through a team folder, continuing the lead's session of `main.rs`: Priya's
//! identity recorded on her name, the folder chosen, her kit published by the app's own pass,
//! and her amended scorecard arriving on the open plan with no click (docs/team-folder.md).

use std::path::Path;

use e2e::{panelctl, Session};

/// Runs the team-folder steps on the lead's open session; Priya's laptop is `laptop`, where her
/// copy of the plan and her seat on it are `priya`.
pub async fn the_lead_runs_the_exchange_through_a_team_folder(
    s: &mut Session,
    lead_dir: &Path,
    plan: &str,
    outbox: &Path,
    laptop: &Path,
    priya: (&str, &str),
) {
    let (lead_dir, plan) = (lead_dir.to_path_buf(), plan.to_string());
    let (priya_copy, priya_seat) = (priya.0.to_string(), priya.1.to_string());
    // The team folder (docs/team-folder.md): the lead records Priya's identity on her name,
    // chooses the folder (the outbox, as the test's folder chooser answers), and one sync
    // publishes her kit, encrypted to her laptop; panelists without an identity are named.
    let priya_line = panelctl(laptop, &["identity", "show"]);
    let priya_id = serde_json::from_str::<serde_json::Value>(&panelctl(
        &lead_dir,
        &["plan", "show", &plan, "--json"],
    ))
    .unwrap()["panelists"][0]["id"]
        .to_string();
    s.click("back-to-plans").await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click(&format!("edit-panelist-{priya_id}")).await;
    s.type_into("panelist-identity", "not a line").await;
    s.click("panelist-save").await;
    let refused = s.text_of("panel-error").await;
    assert!(
        refused.contains("is not a Hiring Panel identity"),
        "{refused}"
    );
    s.eval(&format!(
        "const i = document.querySelector('[data-testid=panelist-identity]'); \
         i.value = {priya_line:?}; i.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    ))
    .await;
    s.click("panelist-save").await;
    // The save is a round trip or two: wait for the list to say it.
    let row = s
        .text_when(&format!(
            "//*[@data-testid='panelist-{priya_id}'][contains(., 'identity recorded')]"
        ))
        .await;
    assert!(row.contains("identity recorded"), "{row}");
    s.screenshot("identity-recorded").await;

    s.click("nav-data").await;
    let line = s.wait_for("identity-line").await;
    let mine = panelctl(&lead_dir, &["identity", "show"]);
    assert_eq!(
        line.prop("value").await.unwrap().as_deref(),
        Some(mine.as_str())
    );
    // Choosing the folder starts the app's own passes: Priya's kit goes out by itself.
    s.click("team-folder-choose").await;
    let state = s.text_of("team-folder-state").await;
    assert!(state.contains("is ready"), "{state}");
    let report = s
        .text_when("//*[@data-testid='team-report'][contains(., '1 file published')]")
        .await;
    assert!(report.contains("Priya Raman's kit"), "{report}");
    s.screenshot("team-folder-published").await;
    s.audit_accessibility("team-folder-published").await;
    s.click("team-sync").await;
    let report = s
        .text_when("//*[@data-testid='team-report'][contains(., 'Nothing to do')]")
        .await;
    assert!(report.contains("Nothing to do"), "{report}");
    let skipped = s.text_of("team-skipped").await;
    assert!(
        skipped.contains("Tom Becker's kit was not published"),
        "{skipped}"
    );

    // Priya's laptop reads the kit addressed to it (already held: a no-op), she amends a score,
    // and her new revision reaches the lead's plan, open on screen, with nobody pressing
    // anything.
    s.click("nav-plans").await;
    s.click(&format!("open-plan-{plan}")).await;
    let row = s.text_of("exchange-1").await;
    assert!(row.contains("Revision 1"), "{row}");
    panelctl(laptop, &["team", "folder", outbox.to_str().unwrap()]);
    let arrived: serde_json::Value =
        serde_json::from_str(&panelctl(laptop, &["team", "sync", "--json"])).unwrap();
    assert_eq!(
        arrived["imported"].as_array().map(Vec::len),
        Some(1),
        "Priya's laptop reads the kit addressed to it: {arrived}"
    );
    let question = serde_json::from_str::<serde_json::Value>(&panelctl(
        laptop,
        &["plan", "show", &priya_copy, "--json"],
    ))
    .unwrap()["assignments"][0]["questionNumber"]
        .to_string();
    panelctl(
        laptop,
        &[
            "amend",
            &priya_copy,
            "--panelist",
            &priya_seat,
            "--question",
            &question,
            "--score",
            "4",
            "--reason",
            "Re-read my notes",
            "--by",
            "Priya Raman",
        ],
    );
    let revision_2: serde_json::Value =
        serde_json::from_str(&panelctl(laptop, &["team", "sync", "--json"])).unwrap();
    assert_eq!(
        revision_2["published"][0]["kind"], "scorecard",
        "{revision_2}"
    );
    let live = s
        .text_when("//*[@data-testid='exchange-1'][contains(., 'Revision 2')]")
        .await;
    assert!(live.contains("Revision 2"), "{live}");
    s.eval("document.querySelector('[data-testid=exchange-1]').scrollIntoView()")
        .await;
    s.screenshot("team-folder-return-arrived").await;
    // Data & backups says what the app's own pass brought.
    s.click("nav-data").await;
    s.click("team-sync").await;
    let report = s
        .text_when("//*[@data-testid='team-report'][contains(., 'Nothing to do')]")
        .await;
    assert!(report.contains("Nothing to do"), "{report}");
}
