//! The panelist's side of the offline exchange in the real app: open the kit the lead sent,
//! interview with the keyboard, submit, export the signed scorecard; the lead's database then
//! verifies and imports it. A tampered copy of the same file is refused with the reason shown.

use e2e::{panelctl, panelctl_refused, Session};

mod opening;
mod team_folder;

#[tokio::test(flavor = "multi_thread")]
async fn a_panelist_opens_a_kit_scores_offline_and_returns_a_scorecard_the_lead_accepts() {
    // The lead's laptop: a plan for two panelists, split, kits written to a folder.
    let lead = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let plan = e2e::two_panelist_plan(lead.path());
    let kits = e2e::export_kits(lead.path(), &plan, outbox.path(), &[]);
    let ana_kit = e2e::kit_of(&kits, "Ana Ortiz");

    // Ana's laptop: an empty app; she opens the kit (the open dialog is bypassed in tests).
    let laptop = tempfile::tempdir().unwrap();
    let exports = laptop.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let mut s = Session::start_with_env(
        "exchange-panelist",
        laptop,
        &[
            ("HIRING_PANEL_TEST_OPEN_FILE", ana_kit.as_str()),
            ("HIRING_PANEL_TEST_EXPORT_DIR", exports.to_str().unwrap()),
        ],
    )
    .await;
    s.wait_for("plans-empty").await;
    s.click("open-kit").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("Imported Ana Ortiz's kit for Zoë Łukasiewicz"),
        "{message}"
    );
    // The first kit from this lead introduces their key: its fingerprint is shown to check.
    let lead_fingerprint = panelctl(lead.path(), &["exchange", "key"])
        .trim()
        .to_string();
    assert!(
        message.contains(&lead_fingerprint) && message.contains("check it with the lead"),
        "{message}"
    );
    let copy = s.text_of("panelist-copy").await;
    assert!(copy.contains("issued by Dana Whitfield"), "{copy}");
    assert!(copy.contains(&lead_fingerprint), "{copy}");
    assert!(
        s.absent("auto-split").await,
        "a panelist's copy has no split board to edit"
    );
    s.screenshot("panelist-copy").await;
    s.audit_accessibility("panelist-copy").await;

    // Interview: the copy holds only Ana, so the picker offers her alone.
    s.click("start-interview").await;
    s.wait_for_css("[data-testid^='i-am-']").await;
    let pickers = s
        .client
        .find_all(fantoccini::Locator::Css("[data-testid^='i-am-']"))
        .await
        .unwrap();
    assert_eq!(pickers.len(), 1, "only Ana is on this laptop");
    pickers[0].click().await.unwrap();
    s.wait_for("interview-question").await;
    let rail = s
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid^='rail-']:not([data-testid='rail-overall'])",
        ))
        .await
        .unwrap();
    let questions = rail.len();
    assert!(
        questions >= 3,
        "Ana has her share of the pack, got {questions}"
    );
    for i in 0..questions {
        s.press("3a").await;
        s.press(&fantoccini::key::Key::Enter.to_string()).await;
        let notes = s.wait_for("notes").await;
        notes
            .send_keys(&format!("Ana’s note {i}: staged rollout with numbers"))
            .await
            .unwrap();
        notes
            .send_keys(&fantoccini::key::Key::Escape.to_string())
            .await
            .unwrap();
        s.press("n").await;
    }
    s.click("rail-overall").await;
    s.click("rec-yes").await;
    s.click("submit-scorecard").await;
    s.wait_for("submitted").await;
    s.click("export-scorecard").await;
    // The one saved-file message: what, the file's name, its folder.
    let saved = std::path::Path::new(&s.text_of("saved-file-folder").await)
        .join(s.text_of("saved-file-name").await);
    assert!(s
        .text_of("saved-file")
        .await
        .contains("Signed scorecard saved"));
    s.screenshot("scorecard-exported").await;
    // The exported file lives in the laptop's folder: keep it until the lead has imported it.
    let _laptop = s.finish().await;

    let file = saved.display().to_string();
    assert!(file.ends_with(".hpscore"), "{file}");
    assert!(saved.exists(), "{file}");

    // A copy with one character changed is refused on the lead's side; the real one imports.
    let text = std::fs::read_to_string(&file).unwrap();
    let tampered = outbox.path().join("tampered.hpscore");
    std::fs::write(
        &tampered,
        text.replacen("staged rollout", "staged rollouts", 1),
    )
    .unwrap();
    let line = panelctl_refused(
        lead.path(),
        &["exchange", "import", tampered.to_str().unwrap()],
    );
    assert!(line.contains("signature does not match"), "{line}");
    let out = std::process::Command::new(e2e::panelctl_binary())
        .args([
            "--data-dir",
            lead.path().to_str().unwrap(),
            "exchange",
            "import",
            &file,
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outcome["kind"], "scorecard");
    assert_eq!(outcome["panelistName"], "Ana Ortiz");
    assert_eq!(outcome["revision"], 1);
    let shown: serde_json::Value =
        serde_json::from_str(&panelctl(lead.path(), &["plan", "show", &plan, "--json"])).unwrap();
    let received: Vec<_> = shown["exchange"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["receivedRevision"].clone())
        .collect();
    assert_eq!(
        received,
        vec![serde_json::json!(1), serde_json::Value::Null]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_lead_sends_kits_from_the_plan_and_sees_a_returned_scorecard_arrive() {
    let lead = tempfile::tempdir().unwrap();
    let lead_dir = lead.path().to_path_buf();
    let plan = panelctl(lead.path(), &["demo"]);
    let outbox = lead.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    // Where Priya's returned scorecard will be when the lead presses "Import scorecard…".
    let inbox = tempfile::tempdir().unwrap();
    let returned = inbox.path().join("scorecard.hpscore");
    let mut s = Session::start_with_env(
        "exchange-lead",
        lead,
        &[
            ("HIRING_PANEL_TEST_EXPORT_DIR", outbox.to_str().unwrap()),
            ("HIRING_PANEL_TEST_OPEN_FILE", returned.to_str().unwrap()),
        ],
    )
    .await;
    s.click(&format!("open-plan-{plan}")).await;
    // The key the kits are signed with is shown before they are sent (made on first use).
    let shown = s
        .client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "//*[@data-testid='computer-key']/span[text()!='…']",
        ))
        .await;
    assert!(
        shown.is_ok(),
        "the plan shows this computer's key fingerprint"
    );
    s.click("send-kits").await;
    let notice = s.text_of("saved-file").await;
    assert!(notice.contains("4 kits saved in"), "{notice}");
    let kits: Vec<_> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hpkit"))
        .collect();
    assert_eq!(kits.len(), 4, "one kit per panelist");
    let row = s.text_of("exchange-1").await;
    assert!(row.contains("Sent"), "{row}");
    let key = s.text_of("computer-key").await;
    let fingerprint = panelctl(&lead_dir, &["exchange", "key"]);
    assert!(key.contains(fingerprint.trim()), "{key}");
    s.screenshot("kits-sent").await;
    s.audit_accessibility("kits-sent").await;
    // The passphrase option, and what the split board now says about re-splitting.
    s.click("kits-protect").await;
    s.type_into("kits-passphrase", "short").await;
    let send = s.wait_for("send-kits").await;
    assert!(
        send.attr("disabled").await.unwrap().is_some(),
        "a passphrase under 8 characters cannot be used"
    );
    s.screenshot("kits-passphrase").await;
    s.audit_accessibility("kits-passphrase").await;
    s.click("kits-protect").await;
    s.eval("document.querySelector('[data-testid=split-partial]').scrollIntoView()")
        .await;
    let hint = s.text_of("split-partial").await;
    assert!(hint.contains("hold a kit, keep"), "{hint}");
    s.screenshot("split-after-kits").await;

    // Priya interviews on her laptop and sends her scorecard back; the lead imports it.
    let priya_kit = kits
        .iter()
        .find(|p| p.to_string_lossy().contains("Priya Raman"))
        .expect("Priya's kit");
    let laptop = tempfile::tempdir().unwrap();
    let (priya_copy, priya_seat, card) = e2e::interview_on_own_laptop(
        laptop.path(),
        priya_kit.to_str().unwrap(),
        "3",
        "Priya: clear risk appetite",
    );
    // First a copy someone edited on the way: refused, with the reason on screen.
    let text = std::fs::read_to_string(&card).unwrap();
    std::fs::write(
        &returned,
        text.replacen("clear risk appetite", "clear risk appetites", 1),
    )
    .unwrap();
    s.click("import-scorecard").await;
    let error = s.text_of("import-error").await;
    assert!(
        error.contains("scorecard.hpscore: the signature does not match"),
        "{error}"
    );
    let row = s.text_of("exchange-1").await;
    assert!(row.contains("Not yet"), "nothing was stored: {row}");
    s.screenshot("tampered-refused").await;
    s.audit_accessibility("tampered-refused").await;

    std::fs::copy(&card, &returned).unwrap();
    s.click("import-scorecard").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("Imported Priya Raman's scorecard for Amara Okafor (revision 1)"),
        "{message}"
    );
    let row = s.text_of("exchange-1").await;
    assert!(row.contains("Revision 1"), "{row}");
    let progress = s.text_of("progress-1").await;
    assert!(progress.contains("Submitted"), "{progress}");
    assert!(
        s.absent("recommendation-1").await,
        "an imported scorecard stays sealed like any other"
    );
    s.screenshot("scorecard-received").await;

    // The lead cannot open Priya's returned card as hers: it is read-only on this computer.
    s.click("start-interview").await;
    s.click("i-am-1").await;
    let refusal = s.text_of("interview-error").await;
    assert!(
        refusal.contains("came back from their own laptop as a file"),
        "interview mode refuses a returned card: {refusal}"
    );
    assert!(s.absent("interview-question").await, "and shows none of it");
    s.screenshot("returned-card-refused").await;
    s.click("leave-interview").await;

    // The same file again: nothing changes, and the app says so.
    s.click("import-scorecard").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("was already imported; nothing changed"),
        "{message}"
    );

    // Tom's card was also filled in on the lead's computer: his returned file asks first.
    let tom = e2e::kit_of(
        &e2e::export_kits(&lead_dir, &plan, &outbox, &[]),
        "Tom Becker",
    );
    let tom_id = serde_json::from_str::<serde_json::Value>(&panelctl(
        &lead_dir,
        &["plan", "show", &plan, "--json"],
    ))
    .unwrap()["panelists"][1]["id"]
        .to_string();
    e2e::score_and_submit(&lead_dir, &plan, &tom_id, "2", "Typed in by the lead");
    let toms_laptop = tempfile::tempdir().unwrap();
    let (_, _, card) =
        e2e::interview_on_own_laptop(toms_laptop.path(), &tom, "4", "Tom: sharp on budgets");
    std::fs::copy(&card, &returned).unwrap();
    s.click("import-scorecard").await;
    let question = s.text_of("import-replace").await;
    assert!(
        question.contains("Tom Becker's scorecard was submitted on this computer"),
        "{question}"
    );
    // What differs is shown before the choice, in numbers and question numbers only: the
    // scores and notes on either side stay sealed.
    let compare = s.text_of("import-replace-compare").await;
    assert!(
        compare.contains("On this computer") && compare.contains("In the file"),
        "{compare}"
    );
    let differs = s.text_of("import-replace-differs").await;
    assert!(differs.starts_with("Differs in"), "{differs}");
    let banner = s.text_of("import-replace").await;
    assert!(
        !banner.contains("Typed in by the lead") && !banner.contains("sharp on budgets"),
        "the comparison shows no notes: {banner}"
    );
    s.screenshot("replace-question").await;
    s.audit_accessibility("replace-question").await;
    s.click("import-replace-yes").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("replacing the scorecard recorded on this computer"),
        "{message}"
    );

    // The same plan through a team folder, with Priya's laptop (team_folder.rs).
    team_folder::the_lead_runs_the_exchange_through_a_team_folder(
        &mut s,
        &lead_dir,
        &plan,
        &outbox,
        laptop.path(),
        (&priya_copy, &priya_seat),
    )
    .await;

    s.finish().await;
}
