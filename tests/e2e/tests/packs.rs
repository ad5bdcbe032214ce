//! Question packs in the real app: a lead duplicates the built-in pack, adds a question of
//! their own, builds a plan of ten built-in questions and that one, and the split board shows
//! exactly those eleven. Then editing the used pack makes version 2, and the diff view says
//! what changed. Screenshots of the editor and the diff view land in tests/artifacts/e2e/packs/.

use e2e::{panelctl, Session};
use fantoccini::key::Key;
use serde_json::Value;

const CUSTOM: &str = "Walk us through the last security exception you refused to renew.";

/// Every card on the split board: (question number, panelist id).
const CARDS: &str = "return [...document.querySelectorAll('[data-card]')]\
    .map(e => e.dataset.testid);";

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_extends_the_builtin_pack_and_plans_on_ten_of_its_questions_and_their_own() {
    let mut s = Session::start("packs").await;

    // The built-in pack is read-only: Edit is disabled, Duplicate makes a pack of one's own.
    s.click("nav-bank").await;
    s.wait_for("bank-pack-title").await;
    assert!(!s.wait_for("pack-edit").await.is_enabled().await.unwrap());
    s.click("pack-duplicate").await;
    s.type_into("pack-name", "Acme product security").await;
    s.click("pack-name-ok").await;
    s.wait_for("pack-editor").await;

    // A custom question with two strong-answer points, typed as a user types them.
    s.click("edit-add").await;
    s.type_into("edit-text", CUSTOM).await;
    s.type_into(
        "edit-strong",
        &format!(
            "Names the business owner who asked{}Explains the compensating control that expired",
            Key::Enter
        ),
    )
    .await;
    s.click("edit-cap-risk").await;
    s.click_css("[data-testid=edit-guidance] summary").await;
    s.type_into(
        "edit-guidance-vp",
        "A VP ties each exception to the risk appetite the board agreed.",
    )
    .await;
    s.screenshot("pack-editor").await;
    s.audit_accessibility("pack-editor").await;
    s.click("editor-save").await;
    assert!(s.text_of("bank-notice").await.contains("Saved version 1"));
    assert!(s.text_of("bank-summary").await.contains("19 questions"));
    s.screenshot("own-pack").await;
    s.audit_accessibility("own-pack").await;

    // A plan of built-in questions 1–10 and the custom question 19 of the new pack.
    s.click("nav-plans").await;
    s.click("empty-new-plan").await;
    s.type_into("plan-candidate", "Amara Okafor").await;
    s.wait_for("plan-level")
        .await
        .select_by_value("vp")
        .await
        .unwrap();
    s.click("picker-choose").await;
    s.click("picker-none").await;
    for n in 1..=10 {
        s.click(&format!("picker-q-{n}")).await;
    }
    s.scroll_to("picker-other-pack")
        .await
        .select_by_label("Acme product security · v1")
        .await
        .unwrap();
    s.click("picker-other-q-19").await;
    assert!(s.text_of("picker-count").await.starts_with("11 questions"));
    s.screenshot("plan-questions-chosen").await;
    s.click("plan-create").await;
    assert_eq!(s.text_of("plan-title").await, "Amara Okafor");
    assert!(s.text_of("plan-pack").await.contains("11 questions"));
    assert!(s.text_of("plan-borrowed").await.contains(CUSTOM));

    for (name, minutes) in [("Ana Ruiz", "60"), ("Ben Okafor", "60")] {
        s.add_panelist(name, minutes).await;
    }
    s.click("auto-split").await;
    s.click("preview-apply").await;
    s.wait_for("coverage-matrix").await;
    s.eval("document.getElementById('split-title').scrollIntoView()")
        .await;
    s.screenshot("split-board-eleven").await;
    let cards = s.eval(CARDS).await;
    let mut numbers: Vec<u32> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_str()
                .unwrap()
                .split('-')
                .nth(1)
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 19],
        "the board shows exactly the chosen questions, once each: {cards}"
    );
    // Before anyone scores, the lead can still change the questions; the dialog starts from the
    // plan's own selection.
    s.eval("document.querySelector('[data-testid=plan-questions]').scrollIntoView()")
        .await;
    s.click("change-questions").await;
    s.wait_for("change-questions-dialog").await;
    // The picker counts once it has the plan's pack from the core.
    s.wait_until(
        "the dialog to count the plan's eleven questions",
        "return document.querySelector('[data-testid=picker-count]')\
             ?.textContent.trim().startsWith('11 questions') === true",
    )
    .await;
    s.screenshot("change-questions").await;
    s.audit_accessibility("change-questions").await;
    // The dialog holds the keyboard: Tab after Tab, focus stays inside it.
    for _ in 0..25 {
        s.press_in_focus(&fantoccini::key::Key::Tab.to_string())
            .await;
        let inside = s
            .eval(
                "return !!document.activeElement.closest('[data-testid=change-questions-dialog]')",
            )
            .await;
        assert_eq!(
            inside,
            true,
            "Tab left the dialog for {}",
            s.focused().await
        );
    }
    s.click("change-questions-cancel").await;
    for _ in 0..50 {
        if s.absent("change-questions-dialog").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        s.absent("change-questions-dialog").await,
        "Cancel closes the dialog"
    );
    // …and gives it back to the button that opened it.
    assert_eq!(
        s.focused().await,
        "change-questions",
        "focus returns to the opener"
    );
    let custom_card = s
        .eval("return document.querySelector('[data-card][data-testid^=\"card-19-\"]').textContent")
        .await;
    assert!(custom_card.as_str().unwrap().contains("security exception"));

    // The pack is now used: editing it makes version 2, and the diff names the change. The
    // bank lists its packs after the select is drawn: choose once the pack is listed.
    s.click("nav-bank").await;
    s.wait_until(
        "the lead's pack listed in the Question bank",
        "return [...document.querySelectorAll('[data-testid=bank-pack-select] option')]\
         .some((o) => o.textContent.trim() === 'Acme product security · v1')",
    )
    .await;
    s.wait_for("bank-pack-select")
        .await
        .select_by_label("Acme product security · v1")
        .await
        .unwrap();
    s.wait_for_css("[data-testid=pack-edit]:not([disabled])")
        .await;
    s.click("pack-edit").await;
    assert!(s
        .text_of("editor-versioning")
        .await
        .contains("creates version 2"));
    s.type_into(
        "edit-text",
        "What does your Product Security program own, and what does it only influence?",
    )
    .await;
    // Retire question 5 and move question 2 below question 3, then save.
    s.click("edit-item-5").await;
    s.click("edit-retire").await;
    s.click("edit-item-2").await;
    s.click("edit-down").await;
    s.screenshot("pack-editor-version-2").await;
    s.click("editor-save").await;
    let saved = s.text_of("bank-notice").await;
    assert!(saved.contains("Saved as version 2"), "{saved}");
    s.click("pack-compare").await;
    let changed = s.text_of("diff-changed").await;
    assert!(changed.contains("Question 1"), "{changed}");
    assert!(changed.contains("question text changed"), "{changed}");
    let retired = s.text_of("diff-removed").await;
    assert!(retired.contains("Question 5"), "{retired}");
    assert!(s.text_of("diff-moved").await.contains("is now question"));
    let summary = s.text_of("diff-summary").await;
    assert!(
        summary.contains("1 retired · 1 changed · 1 moved"),
        "{summary}"
    );
    s.screenshot("pack-diff").await;
    s.audit_accessibility("pack-diff").await;

    let data = s.finish().await;
    let packs: Value =
        serde_json::from_str(&panelctl(data.path(), &["pack", "list", "--json"])).unwrap();
    let acme: Vec<&Value> = packs
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["title"] == "Acme product security")
        .collect();
    assert_eq!(acme.len(), 2, "versions 1 and 2: {packs}");
    assert_eq!(acme[0]["plans"], 1, "the plan keeps version 1");
    assert_eq!(acme[1]["plans"], 0);
    let plan = panelctl(data.path(), &["plan", "show", "1"]);
    assert!(
        plan.contains("question 19 is question 19 of pack acme-product-security-"),
        "{plan}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_imported_pack_with_level_guidance_shows_it_in_interview_mode_and_stays_read_only() {
    let data_dir = tempfile::tempdir().unwrap();
    let dir = data_dir.path();
    // A pack another team shares: the built-in pack under a new id, with VP guidance.
    let file = e2e::export_builtin_pack(dir);
    let mut pack: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    pack["pack"]["id"] = "platform-team-pack".into();
    pack["pack"]["title"] = "Platform team pack".into();
    pack["pack"]["levelGuidance"] =
        serde_json::json!({ "vp": "At VP level, strong means naming the board-level trade-off." });
    let shared = dir.join("platform.hppack");
    std::fs::write(&shared, serde_json::to_vec_pretty(&pack).unwrap()).unwrap();
    panelctl(dir, &["pack", "import", shared.to_str().unwrap()]);
    let plan = panelctl(
        dir,
        &[
            "plan",
            "create",
            "--candidate",
            "Kenji Sato",
            "--level",
            "vp",
            "--pack",
            "platform-team-pack@1",
            "--questions",
            "2,4-5",
        ],
    );
    panelctl(
        dir,
        &[
            "plan",
            "add-panelist",
            &plan,
            "--name",
            "Priya Raman",
            "--minutes",
            "60",
        ],
    );
    panelctl(dir, &["plan", "split", &plan]);

    // A second team's pack, opened later with Import file… (Ctrl+O) from the Plans screen: the
    // same importer as kits and scorecards (its dialog answered by the test switch).
    pack["pack"]["id"] = "data-team-pack".into();
    pack["pack"]["title"] = "Data team pack".into();
    let second = dir.join("data team.hppack");
    std::fs::write(&second, serde_json::to_vec_pretty(&pack).unwrap()).unwrap();
    let second = second.to_str().unwrap().to_string();
    // A third, dropped on the window with a file that is not the app's.
    pack["pack"]["id"] = "infra-team-pack".into();
    pack["pack"]["title"] = "Infra team pack".into();
    let third = dir.join("infra team.hppack");
    std::fs::write(&third, serde_json::to_vec_pretty(&pack).unwrap()).unwrap();
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "not a pack").unwrap();
    let drops = tempfile::tempdir().unwrap();
    let drops_dir = drops.path().to_str().unwrap().to_string();

    let mut s = Session::start_with_env(
        "packs-guidance",
        data_dir,
        &[
            ("HIRING_PANEL_TEST_OPEN_FILE", second.as_str()),
            ("HIRING_PANEL_TEST_DROP_DIR", drops_dir.as_str()),
        ],
    )
    .await;
    s.click(&format!("open-plan-{plan}")).await;
    assert!(s.text_of("plan-pack").await.contains("Platform team pack"));
    s.click("start-interview").await;
    s.click("i-am-1").await;
    s.wait_for("interview-question").await;
    let guidance = s.text_of("level-guidance").await;
    assert!(
        guidance.contains("What strong looks like at VP level"),
        "{guidance}"
    );
    assert!(guidance.contains("board-level trade-off"), "{guidance}");
    let rail = s
        .eval("return [...document.querySelectorAll('[data-testid^=\"rail-\"]')].map(e => e.dataset.testid)")
        .await;
    assert_eq!(
        rail,
        serde_json::json!(["rail-2", "rail-4", "rail-5", "rail-overall"]),
        "the subset keeps the pack's numbers"
    );
    s.screenshot("interview-level-guidance").await;

    // Imported packs are someone else's: Edit is off, Duplicate is the way to change them.
    s.click("leave-interview").await;
    s.click("back-to-plans").await;
    s.click("nav-bank").await;
    // The pack menu is drawn before its page of packs arrives: wait for the imported one.
    s.wait_until(
        "the imported pack in the pack menu",
        "return [...document.querySelectorAll('[data-testid=bank-pack-select] option')]\
         .some((o) => o.textContent.trim() === 'Platform team pack · v1')",
    )
    .await;
    s.wait_for("bank-pack-select")
        .await
        .select_by_label("Platform team pack · v1")
        .await
        .unwrap();
    s.wait_for_css("[data-testid=bank-pack-title]").await;
    s.click_css("[data-testid=bank-guidance] summary").await;
    assert!(s
        .text_of("bank-guidance")
        .await
        .contains("board-level trade-off"));
    assert!(!s.wait_for("pack-edit").await.is_enabled().await.unwrap());
    s.screenshot("imported-pack-read-only").await;
    s.audit_accessibility("imported-pack-read-only").await;

    s.click("nav-plans").await;
    s.wait_for("plans-table").await;
    s.shortcut("ctrl+o").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("Imported data-team-pack version 1 (18 questions)."),
        "{message}"
    );
    s.wait_for_xpath("//*[@data-testid='bank-pack-title'][contains(., 'Data team pack')]")
        .await;
    s.screenshot("pack-opened-with-ctrl-o").await;

    // Dropped on the window: the shell sends the webview the events of a native drop (the
    // driver cannot drag a file from a file manager; src-tauri/src/test_drop.rs).
    std::fs::write(
        drops.path().join("drop"),
        format!("{}\n{}\n", third.display(), notes.display()),
    )
    .unwrap();
    s.wait_for_xpath("//*[@data-testid='bank-pack-title'][contains(., 'Infra team pack')]")
        .await;
    let refused = s.text_of("import-error").await;
    assert!(
        refused.contains("can be dropped here; nothing was imported from notes.txt."),
        "{refused}"
    );
    s.screenshot("pack-dropped-on-the-window").await;

    // File → Recent files lists what was imported, newest first: choosing the dropped pack
    // imports it again, which changes nothing and says so. (The menu is walked with the keys:
    // F10 opens File; New plan, Open file…, Recent files; → opens it on its first item.)
    s.walk_menu(&["F10", "Down", "Down", "Down", "Right", "Return"])
        .await;
    s.wait_for_xpath(
        "//*[@data-testid='import-message'][contains(., 'infra-team-pack version 1 is already here with the same content')]",
    )
    .await;
    s.finish().await;
}
