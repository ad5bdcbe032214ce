//! The panel lead's flow in the real app: a plan, a panel, the split, a hand move, a restart.

use e2e::{panelctl, Session};
use fantoccini::key::Key;
use serde_json::Value;

/// The board as the user sees it: each column's card ids in order.
const BOARD: &str = "return [...document.querySelectorAll('[data-testid^=\"column-\"]')]\
    .map(c => [...c.querySelectorAll('[data-card]')].map(e => e.dataset.testid));";

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_builds_a_plan_splits_it_moves_a_question_and_finds_it_after_a_restart() {
    let mut s = Session::start("plan-split").await;
    // The lead works in the dark theme: the start after the restart below paints it from its
    // first frame. (Chosen first, so the webview has long written it to its storage by then.)
    s.click("theme-dark").await;

    s.click("empty-new-plan").await;
    s.type_into("plan-candidate", "Zoë Łukasiewicz").await;
    s.wait_for("plan-level")
        .await
        .select_by_value("vp")
        .await
        .unwrap();
    s.type_into("plan-role", "VP, Product Security").await;
    s.screenshot("plan-form").await;
    s.audit_accessibility("plan-form").await;
    s.click("plan-create").await;
    assert_eq!(s.text_of("plan-title").await, "Zoë Łukasiewicz");
    // The header's main button is the next step: first the panel, then the split.
    s.wait_for("next-add-panel").await;

    for (name, minutes) in [
        ("Ana Ruiz", "45"),
        ("Ben Okafor", "60"),
        ("Chloé Martin", "60"),
    ] {
        s.add_panelist(name, minutes).await;
    }

    s.wait_for("next-auto-split").await;
    s.click("auto-split").await;
    s.wait_for("split-preview").await;
    s.screenshot("auto-split-preview").await;
    s.audit_accessibility("auto-split-preview").await;
    s.click("preview-apply").await;
    s.wait_for("coverage-matrix").await;
    s.screenshot("split-board").await;

    let board = s.eval(BOARD).await;
    let columns = board.as_array().unwrap();
    assert_eq!(columns.len(), 3, "one column per panelist");
    let cards: usize = columns.iter().map(|c| c.as_array().unwrap().len()).sum();
    assert_eq!(cards, 18, "every question is on the board once: {board}");

    // Move the first card of the first column to the second panelist with the keyboard.
    let card_id = columns[0][0].as_str().unwrap().to_string();
    let number = card_id.split('-').nth(1).unwrap().to_string();
    let second_column = s
        .eval("return document.querySelectorAll('[data-testid^=\"column-\"]')[1].dataset.testid")
        .await;
    let second_panelist = second_column
        .as_str()
        .unwrap()
        .trim_start_matches("column-")
        .to_string();
    let card = s.wait_for(&card_id).await;
    card.click().await.unwrap();
    card.send_keys(&format!("{}{}{}", Key::Shift, Key::Right, Key::Null))
        .await
        .unwrap();
    let moved_id = format!("card-{number}-{second_panelist}");
    s.wait_for(&moved_id).await;
    s.screenshot("after-keyboard-move").await;
    let before_restart = s.eval(BOARD).await;
    assert!(
        before_restart[1]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == moved_id.as_str()),
        "question {number} is now with the second panelist: {before_restart}"
    );

    // The window is made smaller and zoomed in (View → Zoom in): the next start keeps both.
    s.client.set_window_size(1120, 760).await.unwrap();
    s.shortcut("ctrl+equal").await;
    s.wait_until("zoomed to 120 %", "return window.innerWidth < 960")
        .await;
    let zoomed_width = s.eval("return window.innerWidth").await;

    let data_dir = s.close_window().await;
    let mut s = Session::start_with("plan-split-restarted", data_dir).await;
    // Read once, as soon as WebDriver answers: the window is given its size before it is first
    // shown, so no moment shows it at the default size (it used to appear at 1280×800 and then
    // take the saved size, and WebDriver could answer in between).
    let size = s.client.get_window_size().await.unwrap();
    assert_eq!(
        size,
        (1120, 760),
        "the window opens at the size it was left at"
    );
    s.wait_until(
        "the page at the zoom it was left at",
        &format!("return window.innerWidth === {zoomed_width}"),
    )
    .await;
    s.screenshot("restarted-zoomed").await;
    // The shell applied the saved theme as the page began (src-tauri/src/warm_up.rs), before any
    // paint (a user's start paints the shell's render of the list before the app's script runs):
    // the app's script found it already in force.
    assert_eq!(
        s.eval("return performance.getEntriesByName('hp:script')[0].detail.theme")
            .await,
        "dark",
        "the first frame is painted in the saved theme"
    );
    // WebDriver's clicks land where a page at 100 % has its buttons.
    s.shortcut("ctrl+0").await;
    s.wait_until("back to 100 %", "return window.innerWidth > 1100")
        .await;
    s.click("open-plan-1").await;
    s.wait_for("coverage-matrix").await;
    let after_restart = s.eval(BOARD).await;
    assert_eq!(
        after_restart, before_restart,
        "the board is exactly as the lead left it"
    );
    s.screenshot("after-restart").await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_board_of_eight_panelists_stays_readable() {
    let data_dir = tempfile::tempdir().unwrap();
    let d = data_dir.path();
    let plan = panelctl(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "Wide Panel",
            "--level",
            "principal",
        ],
    );
    let names = [
        "Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gustavo", "Hiroko",
    ];
    for (i, name) in names.iter().enumerate() {
        let minutes = ["20", "25", "30"][i % 3];
        panelctl(
            d,
            &[
                "plan",
                "add-panelist",
                &plan,
                "--name",
                name,
                "--minutes",
                minutes,
            ],
        );
    }
    panelctl(d, &["plan", "split", &plan]);

    let mut s = Session::start_with("eight-panelists", data_dir).await;
    s.click(&format!("open-plan-{plan}")).await;
    s.wait_for("coverage-matrix").await;
    let board = s.eval(BOARD).await;
    assert_eq!(board.as_array().unwrap().len(), 8);
    let widths: Value = s
        .eval(
            "return [...document.querySelectorAll('[data-testid^=\"column-\"]')]\
             .map(c => Math.round(c.getBoundingClientRect().width));",
        )
        .await;
    for w in widths.as_array().unwrap() {
        assert!(
            w.as_u64().unwrap() >= 150,
            "columns keep a readable width: {widths}"
        );
    }
    s.eval("document.querySelector('[data-testid=\"split-board\"]').scrollIntoView(); return 0;")
        .await;
    s.screenshot("eight-panelists").await;
    s.audit_accessibility("eight-panelists").await;
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_plan_loads_from_the_empty_plans_screen() {
    let mut s = Session::start("sample-plan").await;
    s.wait_for("load-sample").await;
    s.audit_accessibility("plans-empty").await;
    s.click("load-sample").await;
    assert_eq!(s.text_of("plan-title").await, "Amara Okafor");
    s.wait_for("coverage-matrix").await;
    let board = s.eval(BOARD).await;
    let cards: usize = board
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_array().unwrap().len())
        .sum();
    assert_eq!(cards, 18);
    s.screenshot("sample-plan").await;
    s.audit_accessibility("plan-page").await;
    s.click("theme-dark").await;
    let theme = s
        .eval("return document.documentElement.dataset.theme")
        .await;
    assert_eq!(theme, "dark", "the theme switch applies at once");
    s.screenshot("sample-plan-dark").await;

    // The panel can be reordered, and the whole plan duplicated for the next candidate.
    let first = s
        .eval("return document.querySelector('[data-testid=\"panelist-list\"] strong').textContent")
        .await;
    assert_eq!(first, "Priya Raman");
    s.client
        .find(fantoccini::Locator::Css(
            "[aria-label=\"Move Priya Raman later\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    s.client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "(//*[@data-testid='panelist-list']//strong)[2][text()='Priya Raman']",
        ))
        .await
        .expect("Priya moves to second place");
    // Secondary actions live under "More"; the header's main button follows the plan's stage.
    assert!(
        s.absent("next-auto-split").await,
        "a split plan offers Interview mode first"
    );
    s.click("plan-more").await;
    s.click("duplicate-plan").await;
    s.client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "//*[@data-testid='plan-title'][starts-with(text(), 'Amara Okafor (copy)')]",
        ))
        .await
        .expect("the duplicate opens");
    s.screenshot("duplicated-plan").await;
    s.finish().await;
}

/// A computer holding many plans: the list draws a page at a time and says how many there are,
/// "Show more" brings the rest, and the search reaches a plan beyond the first page.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_plans_list_draws_a_page_at_a_time_and_search_reaches_every_plan() {
    let data = tempfile::tempdir().unwrap();
    for i in 1..=60 {
        panelctl(
            data.path(),
            &[
                "plan",
                "create",
                "--candidate",
                &format!("Candidate {i:02}"),
                "--level",
                "director",
            ],
        );
    }
    let last = panelctl(
        data.path(),
        &[
            "plan",
            "create",
            "--candidate",
            "Zanele Dlamini",
            "--level",
            "vp",
        ],
    );
    let path = data.path().to_path_buf();
    let mut s = Session::start_with("plans-long-list", data).await;
    s.wait_for("plans-table").await;
    let rows = "return document.querySelectorAll('[data-testid=plans-table] tbody tr').length";
    // The first frame draws a window's worth of rows, the next one the rest of the page.
    s.wait_until(
        "one page of rows",
        "return document.querySelectorAll('[data-testid=plans-table] tbody tr').length === 50",
    )
    .await;
    let more = s.text_of("plans-more").await;
    assert!(more.contains("Showing 50 of 61 plans"), "{more}");
    assert_eq!(s.text_of("plans-count").await, "61 of 61");
    assert!(s.text_of("plans-table").await.contains("Candidate 01"));
    // That first page came inside index.html (src-tauri/src/first_screen.rs), not from a round
    // trip after the script started; the block is gone once read.
    assert_eq!(
        s.eval("return performance.getEntriesByName('hp:start-in-page').length")
            .await,
        1,
        "the first screen was carried by the page"
    );
    assert_eq!(
        s.eval("return document.getElementById('hp-start')").await,
        serde_json::Value::Null
    );
    // The locale's date data was loaded on another thread while the script arrived: the shell's
    // initialization script started the worker (src-tauri/src/warm_up.rs), and the page's
    // security policy let the worker's file (ui/public/locale-warm-up.js) load and run.
    s.wait_until(
        "the locale warmed up by its worker",
        "return performance.getEntriesByName('hp:locale-warmed').length === 1",
    )
    .await;
    s.screenshot("first-page").await;
    s.audit_accessibility("first-page").await;

    // Scrolling to the end of the list asks the core for the next page.
    s.eval("document.querySelector('[data-testid=plans-more]').scrollIntoView(); return null")
        .await;
    s.wait_until(
        "the next page to load at the end of the list",
        "return document.querySelectorAll('[data-testid=plans-table] tbody tr').length === 61",
    )
    .await;
    assert!(s.absent("plans-more").await, "nothing left to show");

    s.type_into("plan-search", "zanele").await;
    assert_eq!(s.eval(rows).await, 1, "the search finds the last plan");
    s.screenshot("searched").await;
    s.click(&format!("open-plan-{last}")).await;
    assert_eq!(s.text_of("plan-title").await, "Zanele Dlamini");

    // Live screens: what a script does with panelctl while the window is open shows up in it
    // within a second or so, with no click (the shell watches SQLite's data_version).
    panelctl(
        &path,
        &[
            "plan",
            "add-panelist",
            &last,
            "--name",
            "Lindiwe Live",
            "--minutes",
            "30",
        ],
    );
    s.wait_for_xpath("//*[@data-testid='panelist-list'][contains(., 'Lindiwe Live')]")
        .await;
    s.screenshot("panelist-added-elsewhere").await;
    s.click("back-to-plans").await;
    assert_eq!(s.text_of("plans-count").await, "61 of 61");
    panelctl(
        &path,
        &[
            "plan",
            "create",
            "--candidate",
            "Zanele Mokoena",
            "--level",
            "director",
        ],
    );
    s.wait_for_xpath("//*[@data-testid='plans-count'][text()='62 of 62']")
        .await;
    s.screenshot("plan-added-elsewhere").await;
    s.finish().await;
}
