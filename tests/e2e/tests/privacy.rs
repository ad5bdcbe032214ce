//! Candidate data in the real app: everything about a candidate exported for an access request,
//! then the candidate purged — after which no byte of their notes is left in the data folder
//! (database, WAL, backups).

use std::path::Path;

use e2e::{panelctl, Session};

/// Part of a note the scored sample writes (a rater who scored 3: see `plans::sample`).
const NOTE: &str = "with a concrete example; lighter on the follow-up";

fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                // The webview's own storage is not candidate data.
                if !p.ends_with("xdg-data")
                    && !p.ends_with("xdg-cache")
                    && !p.ends_with("xdg-config")
                {
                    stack.push(p);
                }
            } else if std::fs::read(&p)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(p.display().to_string());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_is_exported_for_an_access_request_then_purged_without_a_trace() {
    let data_dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let d = data_dir.path().to_path_buf();
    let plan = panelctl(&d, &["demo", "--scored"]);
    panelctl(&d, &["backup"]);
    assert!(
        files_holding(&d, NOTE).len() >= 2,
        "the note is in the database and the backup"
    );
    let candidate = {
        let shown: serde_json::Value =
            serde_json::from_str(&panelctl(&d, &["plan", "show", &plan, "--json"])).unwrap();
        shown["candidate"].as_str().unwrap().to_string()
    };

    let mut s = Session::start_with_env(
        "privacy",
        data_dir,
        &[(
            "HIRING_PANEL_TEST_EXPORT_DIR",
            exports.path().to_str().unwrap(),
        )],
    )
    .await;
    s.click(&format!("open-plan-{plan}")).await;
    // Everything above the Candidate data section has loaded (it moves the section down as it
    // does), so the click lands on the button.
    s.wait_for_css("[data-testid^='progress-']").await;
    s.wait_for("coverage-matrix").await;
    s.click("export-candidate-data").await;
    assert!(s
        .text_of("saved-file")
        .await
        .contains("Everything held about"));
    let exported = std::fs::read_dir(exports.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains(NOTE) && text.contains("hiring-panel/subject-access"));

    s.click("purge-open").await;
    s.type_into("purge-name", &candidate).await;
    s.screenshot("purge-confirm").await;
    s.audit_accessibility("purge-confirm").await;
    s.click("purge-go").await;
    let notice = s.text_of("plans-notice").await;
    assert!(
        notice.contains("were deleted") && notice.contains("rewritten"),
        "{notice}"
    );
    s.screenshot("purged").await;
    s.audit_accessibility("purged").await;
    let data_dir = s.finish().await;

    assert_eq!(files_holding(data_dir.path(), NOTE), Vec::<String>::new());
    assert_eq!(
        files_holding(data_dir.path(), &candidate),
        Vec::<String>::new()
    );
}
