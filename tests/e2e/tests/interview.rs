//! A panelist in the real app: keyboard-only scoring, notes that survive closing the app,
//! and submission.

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
    s.click("guard-alone").await;
    s.wait_gone("guard-choice").await;
    s.screenshot("interview-light").await;

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
    s.click("theme-dark").await;
    s.click("rail-12").await;
    s.screenshot("interview-dark-submitted").await;

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
    let s = Session::start_with("interview-window-close", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.click("start-interview").await;
    s.click("i-am-2").await;
    let notes = s.wait_for("notes").await;
    notes
        .send_keys("Named the CFO’s risk appetite in euros — Ψ-level clarity")
        .await
        .unwrap();
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
    assert_eq!(s.text_of("pin-settings-open").await, "PIN on");

    let count = s
        .eval("return document.querySelectorAll('.rail .step:not(.overall)').length")
        .await
        .as_u64()
        .unwrap();
    for _ in 0..count {
        s.press("2n").await;
    }
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
    s.type_into("pin-entry", "2468").await;
    s.click("pin-unlock").await;
    // Back where they left off: the first question of a submitted scorecard, open to amend.
    s.wait_for("amend-open").await;
    s.finish().await;
}
