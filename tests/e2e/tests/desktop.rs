//! The real desktop app, driven the way a user drives it.

use e2e::Session;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread")]
async fn first_start_shows_the_empty_plans_screen_and_the_bank_shows_question_12() {
    let mut s = Session::start("question-bank").await;

    let empty = s.text_of("plans-empty").await;
    assert!(
        empty.contains("No interview plans yet"),
        "a new user sees a guide, got: {empty}"
    );
    s.screenshot("plans-empty").await;

    s.wait_for("nav-bank").await.click().await.unwrap();
    let summary = s.text_of("bank-summary").await;
    assert!(
        summary.contains("18 questions"),
        "the whole pack is listed: {summary}"
    );
    s.screenshot("bank-opened").await;
    s.audit_accessibility("bank-opened").await;

    s.wait_for("bank-item-12").await.click().await.unwrap();
    let text = s.text_of("question-text").await;
    assert_eq!(
        text,
        "How would you respond if a board member asks whether the company is “secure enough”?",
        "question 12 is shown with real curly quotes, not the seed's mojibake"
    );
    let points = s.text_of("strong-points").await;
    assert!(
        points.contains("Refuse absolute language"),
        "rubric points are shown: {points}"
    );
    s.screenshot("question-12").await;

    s.finish().await;
}

/// The menu bar's accelerators, typed through the X server as a keyboard does (WebDriver's keys
/// go straight into the page, where the app no longer handles Ctrl shortcuts): New plan, the
/// Edit menu's copy and paste on the form's fields, zoom, the shortcuts card, and Ctrl+2 to a
/// bank that is then used from the keyboard alone.
#[tokio::test(flavor = "multi_thread")]
async fn the_menu_bar_and_the_bank_are_usable_from_the_keyboard() {
    let mut s = Session::start("bank-keyboard").await;
    s.wait_for("plans-empty").await;

    // File → New plan (Ctrl+N) opens the form; Edit → Select all, Copy, Paste (Ctrl+A, C, V)
    // act on the focused field through WebKit's own editing commands.
    s.shortcut("ctrl+n").await;
    s.type_into("plan-candidate", "Aiyana Redcloud").await;
    s.shortcut("ctrl+a").await;
    s.shortcut("ctrl+c").await;
    s.click("plan-role").await;
    s.shortcut("ctrl+v").await;
    s.wait_until(
        "the copied name pasted into the role",
        "return document.querySelector('[data-testid=plan-role]').value === 'Aiyana Redcloud'",
    )
    .await;
    s.shortcut("ctrl+z").await;
    s.wait_until(
        "the paste undone",
        "return document.querySelector('[data-testid=plan-role]').value === ''",
    )
    .await;
    s.screenshot("new-plan-from-the-menu").await;
    s.press(&Key::Escape.to_string()).await;
    s.wait_gone("plan-form").await;

    // View → Zoom in (Ctrl+=) and Actual size (Ctrl+0): the webview's zoom.
    s.shortcut("ctrl+equal").await;
    s.wait_until("zoomed to 120 %", "return window.innerWidth < 1100")
        .await;
    s.shortcut("ctrl+0").await;
    s.wait_until("back to 100 %", "return window.innerWidth > 1200")
        .await;

    // "?" (outside text fields) and Help → Keyboard shortcuts (F1) show every shortcut.
    s.press("?").await;
    assert!(s.text_of("shortcuts").await.contains("Ctrl 1 – 4"));
    // Taller than the window at 1280×800: its list scrolls, its title and Close stay in sight.
    s.wait_until(
        "the card's title and Close inside the card as it opens",
        "const card = document.querySelector('[data-testid=shortcuts]').getBoundingClientRect(); \
         const title = document.getElementById('shortcuts-title').getBoundingClientRect(); \
         const close = document.querySelector('[data-testid=shortcuts-close]').getBoundingClientRect(); \
         return title.top >= card.top && close.bottom <= card.bottom && card.bottom <= window.innerHeight",
    )
    .await;
    s.screenshot("shortcuts").await;
    s.audit_accessibility("shortcuts").await;
    s.click("shortcuts-close").await;
    s.wait_gone("shortcuts").await;
    s.shortcut("F1").await;
    s.wait_for("shortcuts").await;
    s.click("shortcuts-close").await;
    s.wait_gone("shortcuts").await;

    // View → Question bank (Ctrl+2) opens the bank without the mouse.
    s.shortcut("ctrl+2").await;
    let list = s.wait_for("bank-list").await;

    let end = Key::End.to_string();
    list.send_keys(&end).await.unwrap();
    let text = s.text_of("question-text").await;
    assert!(
        text.starts_with("What is the single biggest mistake"),
        "End selects question 18: {text}"
    );
    let up = Key::Up.to_string();
    list.send_keys(&up).await.unwrap();
    let text = s.text_of("question-text").await;
    assert!(
        text.contains("multi-quarter"),
        "Up selects question 17: {text}"
    );
    s.screenshot("keyboard-question-17").await;

    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_reported_and_left_untouched() {
    let data_dir = tempfile::tempdir().unwrap();
    let db = data_dir.path().join("panel.db");
    let garbage = b"not a database, but the user's only copy of something".repeat(200);
    std::fs::write(&db, &garbage).unwrap();

    let mut s = Session::start_with("damaged-database", data_dir).await;
    let problem = s.text_of("database-problem").await;
    assert!(
        problem.contains("damaged"),
        "the user is told what happened: {problem}"
    );
    assert!(
        problem.contains("Nothing has been changed"),
        "and that nothing was lost: {problem}"
    );
    s.screenshot("database-problem").await;
    s.audit_accessibility("database-problem").await;

    assert_eq!(
        std::fs::read(&db).unwrap(),
        garbage,
        "the damaged file is never overwritten"
    );
    s.finish().await;
}

/// At start-up the shell renders the Plans list with the UI's own components and serves it in
/// the page, so the window paints it before the page's script has run; the script then takes
/// that markup over (src-tauri/src/first_paint.rs). Started without WebDriver: the shell does not
/// render when WebKit's remote inspector is to connect (every other test here), so this is the
/// real app's path as users start it, read from its first-screen line.
#[tokio::test(flavor = "multi_thread")]
async fn the_shell_paints_the_plans_list_first_and_the_page_takes_it_over() {
    let data = tempfile::tempdir().unwrap();
    for i in 1..=20 {
        let candidate = format!("Candidate {i:02}");
        e2e::panelctl(
            data.path(),
            &["plan", "create", "--candidate", &candidate, "--level", "vp"],
        );
    }
    let _turn = e2e::one_app_at_a_time().await;
    let dir = data.path().to_path_buf();
    let started = tokio::task::spawn_blocking(move || {
        e2e::bench::start_until_first_screen(&e2e::app_binary(), &dir)
    })
    .await
    .unwrap();
    assert!(
        started
            .line
            .contains("drawn by the shell and taken over by the page"),
        "{}",
        started.line
    );
}
