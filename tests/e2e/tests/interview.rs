//! A panelist in the real app: keyboard-only scoring, notes that survive closing the app, a
//! full or read-only data disk and a kill, and submission.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use e2e::{panelctl, Session};
use fantoccini::key::Key;

/// Waits until the save indicator says everything typed is on disk.
async fn saved(s: &Session) {
    s.client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "//*[@data-testid='save-state'][text()='Saved']",
        ))
        .await
        .expect("the autosave reports Saved");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panelist_scores_with_the_keyboard_closes_mid_note_and_finds_it_intact() {
    let data_dir = tempfile::tempdir().unwrap();
    let plan = panelctl(data_dir.path(), &["demo"]);
    let mut s = Session::start_with("interview", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.click("i-am-1").await; // Priya Raman, six questions
    s.wait_for("interview-question").await;
    // Four panelists share the lead's laptop: Priya is asked once to guard her card.
    let ask = s.text_of("guard-choice").await;
    assert!(ask.contains("Anyone here can open your scorecard"), "{ask}");
    s.screenshot("guard-choice").await;
    s.audit_accessibility("guard-choice").await;
    s.click("guard-alone").await;
    s.wait_gone("guard-choice").await;
    s.screenshot("interview-light").await;
    s.audit_accessibility("interview-light").await;
    assert!(
        s.absent("nav-plans").await && s.absent("nav-bank").await,
        "interview mode is a focus mode: the sidebar steps aside"
    );

    // Score the first five questions without the mouse: score, a point, a note, next.
    for i in 0..5 {
        s.press(&format!("{}a", ["3", "2", "4", "3", "1"][i])).await;
        s.press(&Key::Enter.to_string()).await;
        let notes = s.wait_for("notes").await;
        notes
            .send_keys(&format!(
                "Answer {i}: concrete, with numbers — “secure enough”"
            ))
            .await
            .unwrap();
        notes.send_keys(&Key::Escape.to_string()).await.unwrap();
        s.press("n").await;
    }
    // Mid-note on the last question: the typed text is saved, then the app closes.
    s.press("3").await;
    s.press(&Key::Enter.to_string()).await;
    let notes = s.wait_for("notes").await;
    notes
        .send_keys("Zoë Łukasiewicz would say: measure exception debt, not")
        .await
        .unwrap();
    saved(&s).await;
    s.screenshot("mid-note").await;
    let data_dir = s.finish().await;

    let mut s = Session::start_with("interview-reopened", data_dir).await;
    s.click("theme-dark").await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    // The app remembers who was interviewing and on which question.
    let notes = s.wait_for("notes").await;
    assert_eq!(
        notes.prop("value").await.unwrap().unwrap_or_default(),
        "Zoë Łukasiewicz would say: measure exception debt, not",
        "every character typed before the close is back"
    );
    s.click("rail-overall").await;
    s.click("rec-yes").await;
    s.click("submit-scorecard").await;
    let done = s.text_of("submitted").await;
    assert!(
        done.starts_with("Submitted"),
        "the scorecard is submitted: {done}"
    );
    s.click("rail-12").await;
    let locked = s.text_of("card-submitted").await;
    assert!(
        locked.contains("changes go through Amend"),
        "a submitted card says it is on the record: {locked}"
    );
    s.screenshot("interview-dark-submitted").await;
    s.audit_accessibility("interview-dark-submitted").await;

    // Back on the plan: the lead sees who submitted, but not what Priya scored.
    s.click("leave-interview").await;
    let sealed = s.text_of("sealed-note").await;
    assert!(
        sealed.contains("sealed until every panelist has submitted"),
        "{sealed}"
    );
    let progress = s.text_of("progress-1").await;
    assert!(
        progress.contains("Submitted"),
        "Priya's submission is visible: {progress}"
    );
    let leaked = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid^=\"recommendation-\"]",
        ))
        .await
        .unwrap();
    assert!(leaked.is_empty(), "no recommendation is shown while sealed");
    s.screenshot("plan-sealed").await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn once_the_whole_panel_submitted_the_lead_sees_every_scorecard() {
    let mut s = Session::start("scored-plan").await;
    s.click("load-scored-sample").await;
    assert_eq!(s.text_of("plan-title").await, "Jonas Albrecht");
    s.wait_for("recommendation-1").await;
    let shown = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid^=\"recommendation-\"]",
        ))
        .await
        .unwrap();
    assert_eq!(
        shown.len(),
        4,
        "every recommendation is visible once all have submitted"
    );
    s.screenshot("plan-unsealed").await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_mid_sentence_keeps_every_character() {
    let data_dir = tempfile::tempdir().unwrap();
    let plan = panelctl(data_dir.path(), &["demo"]);
    // This run has no safety copy: its journal folder is a link someone planted, which the
    // app refuses. The screen says so, and closing still keeps every word (the flush).
    let runtime = tempfile::tempdir().unwrap();
    let elsewhere = runtime.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, runtime.path().join("hiring-panel")).unwrap();
    let mut s = Session::start_with_env(
        "interview-window-close",
        data_dir,
        &[("XDG_RUNTIME_DIR", runtime.path().to_str().unwrap())],
    )
    .await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.click("i-am-2").await;
    let notes = s.wait_for("notes").await;
    notes
        .send_keys("Named the CFO’s risk appetite in euros — Ψ-level clarity")
        .await
        .unwrap();
    let warning = s.text_of("journal-state").await;
    assert!(
        warning.starts_with("No safety copy") && warning.contains("not an owner-only folder"),
        "{warning}"
    );
    assert_eq!(
        e2e::files_under(&elsewhere),
        Vec::<PathBuf>::new(),
        "nothing is written through the planted link"
    );
    s.screenshot("no-safety-copy").await;
    // No waiting for the autosave: the window closes while the last words are unsaved.
    let data_dir = s.close_window_like_a_user().await;

    let s = Session::start_with("interview-window-close-reopened", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    let notes = s.wait_for("notes").await;
    assert_eq!(
        notes.prop("value").await.unwrap().unwrap_or_default(),
        "Named the CFO’s risk appetite in euros — Ψ-level clarity",
        "closing the window flushed the note before the app went away"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_last_panelist_sees_nobody_elses_scores_until_they_submit_and_guards_theirs_with_a_pin()
{
    let data_dir = tempfile::tempdir().unwrap();
    let d = data_dir.path();
    let plan = panelctl(d, &["demo"]);
    let shown: serde_json::Value =
        serde_json::from_str(&panelctl(d, &["plan", "show", &plan, "--json"])).unwrap();
    let panelists = shown["panelists"].as_array().unwrap().clone();
    assert!(panelists.len() >= 2, "the demo panel has several panelists");
    // Everyone but the second panelist has already submitted, with scores of 4.
    for (i, p) in panelists.iter().enumerate() {
        if i != 1 {
            e2e::score_and_submit(d, &plan, &p["id"].to_string(), "4", "Clear, with numbers");
        }
    }
    let second = panelists[1]["id"].to_string();

    let mut s = Session::start_with("interview-second-panelist", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    let sealed = s.text_of("sealed-note").await;
    assert!(sealed.contains("sealed"), "{sealed}");
    let shown_recommendations = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid^=\"recommendation-\"]",
        ))
        .await
        .unwrap();
    assert!(
        shown_recommendations.is_empty(),
        "the others' recommendations stay sealed"
    );
    s.click("start-interview").await;
    s.click(&format!("i-am-{second}")).await;
    s.wait_for("interview-question").await;
    // Their own questions only, all unscored: nothing of the others' 4s leaks in.
    let page = s.eval("return document.body.innerText").await;
    let page = page.as_str().unwrap();
    assert!(!page.contains("Clear, with numbers"), "no one else's notes");
    let marks = s
        .eval("return [...document.querySelectorAll('.rail .mark')].map(m => m.textContent.trim()).join('')")
        .await;
    assert_eq!(marks.as_str().unwrap(), "", "no scores on the rail yet");

    // A PIN guards this scorecard from the next person at the laptop.
    s.click("pin-settings-open").await;
    s.type_into("pin-new", "2468").await;
    s.type_into("pin-confirm", "2468").await;
    s.click("pin-save").await;
    s.wait_until(
        "the PIN to be on",
        "return document.querySelector('[data-testid=pin-settings-open]')?.textContent.trim() === 'PIN on'",
    )
    .await;

    let count = s
        .eval("return document.querySelectorAll('.rail .step:not(.overall)').length")
        .await
        .as_u64()
        .unwrap();
    // Scored as fast as WebDriver types: "2", next, "2", next… Each key belongs to the question
    // on screen even while the last one's save is still running (a key that arrived during that
    // save once scored, or unscored, the previous question).
    for _ in 0..count {
        s.press("2n").await;
    }
    let marks = s
        .eval("return [...document.querySelectorAll('.rail .step:not(.overall) .mark')].map(m => m.textContent.trim()).join('')")
        .await;
    assert_eq!(
        marks.as_str().unwrap(),
        "2".repeat(count as usize),
        "every question scored 2"
    );
    s.click("rec-no").await;
    s.click("submit-scorecard").await;
    s.wait_for("submitted").await;
    s.screenshot("second-panelist-submitted").await;

    // A submitted answer changes only through an amendment with a reason.
    s.eval("document.querySelector('.rail .step').click()")
        .await;
    s.click("amend-open").await;
    s.wait_for("amend-form").await;
    s.screenshot("amend-form").await;
    s.audit_accessibility("amend-form").await;
    s.press(&Key::Escape.to_string()).await;

    // With the whole panel in, the plan shows every recommendation.
    s.click("leave-interview").await;
    s.wait_for(&format!("recommendation-{second}")).await;
    let all = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid^=\"recommendation-\"]",
        ))
        .await
        .unwrap();
    assert_eq!(all.len(), panelists.len());
    let data_dir = s.finish().await;

    // Next start: the remembered panelist's scorecard asks for the PIN first.
    let mut s = Session::start_with("interview-pin-reopened", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.type_into("pin-entry", "1357").await;
    s.click("pin-unlock").await;
    let wrong = s.text_of("pin-error").await;
    assert!(wrong.contains("wrong PIN"), "{wrong}");
    s.screenshot("pin-prompt").await;
    s.audit_accessibility("pin-prompt").await;
    s.type_into("pin-entry", "2468").await;
    s.click("pin-unlock").await;
    // Back where they left off: the first question of a submitted scorecard, open to amend.
    s.wait_for("amend-open").await;
    s.finish().await;
}

/// Waits until the save indicator says the autosave failed, and returns what it says.
async fn not_saved(s: &Session) -> String {
    let state = s
        .client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "//*[@data-testid='save-state'][starts-with(text(), 'Not saved')]",
        ))
        .await
        .expect("the autosave reports that it could not save");
    state.text().await.unwrap()
}

/// The notes field's current text.
async fn notes_value(s: &Session) -> String {
    s.wait_for("notes")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn no_typed_word_is_lost_to_a_full_disk_a_read_only_disk_or_a_kill() {
    // The data folder is a small ext4 disk of its own; the webview's files and the runtime
    // folder (where the draft journal lives) are elsewhere, as on a real desktop.
    let data_dir = tempfile::tempdir().unwrap();
    let disk = e2e::disk::SmallDisk::mount_on(data_dir.path(), 24);
    let plan = panelctl(data_dir.path(), &["demo"]);
    let home = tempfile::tempdir().unwrap();
    let runtime = home.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let env = |dir: &str| home.path().join(dir).to_str().unwrap().to_string();
    let env = [
        ("XDG_DATA_HOME", env("xdg-data")),
        ("XDG_CONFIG_HOME", env("xdg-config")),
        ("XDG_CACHE_HOME", env("xdg-cache")),
        ("XDG_RUNTIME_DIR", env("run")),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let mut s = Session::start_with_env("interview-disk", data_dir, &env).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.click("i-am-1").await;
    s.click("guard-alone").await;
    s.wait_gone("guard-choice").await;
    s.press(&Key::Enter.to_string()).await;
    let notes = s.wait_for("notes").await;
    notes.send_keys("Before the disk filled.").await.unwrap();
    saved(&s).await;

    // Mid-sentence, the disk fills up: the save fails, the screen says so and keeps the text.
    disk.fill();
    notes.send_keys(" Typed on a full disk.").await.unwrap();
    let state = not_saved(&s).await;
    assert!(state.contains("full"), "{state}");
    s.click("leave-interview").await;
    let refused = s.text_of("interview-error").await;
    assert!(
        refused.contains("Your text stays here") && refused.contains("A copy is kept"),
        "{refused}"
    );
    assert_eq!(
        notes_value(&s).await,
        "Before the disk filled. Typed on a full disk."
    );
    s.screenshot("disk-full").await;
    s.audit_accessibility("disk-full").await;
    // Space again: the autosave's retry stores it without anyone doing anything.
    disk.free();
    saved(&s).await;

    // The data disk goes read-only under the running app.
    disk.fail_read_only();
    notes
        .send_keys(" Typed on a read-only disk.")
        .await
        .unwrap();
    not_saved(&s).await;
    s.screenshot("disk-read-only").await;

    // The last words, then the app is killed 100 ms later: no autosave could have run.
    notes.send_keys(" Last words.").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let data_dir = s.kill_app().await;

    // The draft journal kept it, owner-only, outside the data folder, naming nobody.
    let journal_dir = runtime.join("hiring-panel");
    let journal: Vec<PathBuf> = e2e::files_under(&journal_dir);
    assert!(
        !journal.is_empty(),
        "the draft journal holds the unsaved text"
    );
    for file in &journal {
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(!name.contains("Priya") && !name.contains("Zo"), "{name}");
    }

    // Next start, on the repaired disk: the Plans screen says whose text is waiting, and
    // interview mode offers it back to its author.
    disk.remount_writable();
    let mut s = Session::start_with_env("interview-disk-recovered", data_dir, &env).await;
    let waiting = s.text_of(&format!("unsaved-drafts-{plan}-1")).await;
    assert!(
        waiting.contains("Priya Raman has unsaved interview text"),
        "{waiting}"
    );
    assert!(
        !waiting.contains("Last words"),
        "the notice never shows the text: {waiting}"
    );
    s.screenshot("unsaved-text-notice").await;
    s.audit_accessibility("unsaved-text-notice").await;
    s.click(&format!("recover-drafts-{plan}")).await;
    // The remembered panelist lives in the webview's storage, which a kill may not have
    // written: then the picker stays, and Priya says who she is.
    let deadline = std::time::Instant::now() + e2e::UI_TIMEOUT;
    let mut picker_seen = 0;
    while s.absent("recovered-drafts").await {
        assert!(
            std::time::Instant::now() < deadline,
            "no recovered text offered"
        );
        picker_seen = if s.absent("i-am-1").await {
            0
        } else {
            picker_seen + 1
        };
        if picker_seen == 5 {
            s.click("i-am-1").await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let offer = s.text_of("recovered-drafts").await;
    assert!(offer.contains("Last words."), "{offer}");
    s.screenshot("unsaved-text-offered").await;
    s.audit_accessibility("unsaved-text-offered").await;
    s.click("restore-drafts").await;
    let everything =
        "Before the disk filled. Typed on a full disk. Typed on a read-only disk. Last words.";
    assert_eq!(notes_value(&s).await, everything, "every character is back");
    saved(&s).await;
    // Once SQLite has the text the journal lets it go (the timer's save every 15 s may keep
    // an entry for the moment between its journal write and its save).
    e2e::wait_until_no_files(&journal_dir, "the journal lets the text go after the save").await;
    // Unmounted before the folder it is mounted on goes.
    let data_dir = s.finish().await;
    drop(disk);
    drop(data_dir);
}
