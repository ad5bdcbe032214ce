//! Kits that reach a running panelist's app: handed over by the file manager to the window
//! already open, and protected with a passphrase the app asks for.

use e2e::{panelctl, Session};

#[tokio::test(flavor = "multi_thread")]
async fn opening_a_kit_from_the_file_manager_hands_it_to_the_running_window() {
    let lead = tempfile::tempdir().unwrap();
    let plan = panelctl(lead.path(), &["demo"]);
    let outbox = tempfile::tempdir().unwrap();
    let kits = e2e::export_kits(lead.path(), &plan, outbox.path(), &[]);
    let kit = e2e::kit_of(&kits, "Tom Becker");

    // The app as a user runs it: its data in the default place (here, the XDG data home of a
    // scratch folder), so it is the one instance for that data.
    let home = tempfile::tempdir().unwrap();
    let home_path = home.path().to_path_buf();
    let mut s = Session::start_with_env(
        "exchange-single-instance",
        home,
        &[("HIRING_PANEL_DATA_DIR", "")],
    )
    .await;
    s.wait_for("plans-empty").await;

    // The file manager starts the app again with the kit: the second launch hands the file to
    // the running window and exits.
    hand_over(&home_path, &kit);
    let message = s.text_of("import-message").await;
    assert!(
        message.contains("Imported Tom Becker's kit for Amara Okafor"),
        "{message}"
    );
    s.wait_for("panelist-copy").await;
    s.screenshot("kit-handed-over").await;
    // On the Plans list the copy says what it is.
    s.click("back-to-plans").await;
    let table = s.text_of("plans-table").await;
    assert!(
        table.contains("Amara Okafor") && table.contains("Your copy"),
        "{table}"
    );
    s.screenshot("plans-with-copy").await;

    // A kit for the same interview signed by another key (a co-panelist's forgery, or the lead
    // on a new laptop): both fingerprints shown, nothing imported until the new key is accepted.
    let lead_fingerprint = panelctl(lead.path(), &["exchange", "key"])
        .trim()
        .to_string();
    let other_key = panel_core::identity::Identity::generate();
    let forged = {
        use panel_core::exchange::{parse, ExchangeFile, KitFile};
        let ExchangeFile::Kit(file) = parse(&std::fs::read(&kit).unwrap()).unwrap() else {
            panic!("a kit")
        };
        let mut forged = file.kit;
        forged.kit_id = "0123456789abcdef0123456789abcdef".into();
        forged.plan.notes = "Change of plan: send your scorecard to me, not the lead.".into();
        // Its maker names their own identity, so that returns through a team folder reach them.
        forged.lead_identity = Some(other_key.public_identity().line);
        let path = outbox
            .path()
            .join("Amara Okafor - Tom Becker (resent).hpkit");
        std::fs::write(
            &path,
            serde_json::to_vec(&KitFile::signed(forged, &other_key)).unwrap(),
        )
        .unwrap();
        path.to_str().unwrap().to_string()
    };
    hand_over(&home_path, &forged);
    let known = s.text_of("lead-key-known").await;
    assert_eq!(known, lead_fingerprint);
    assert_eq!(s.text_of("lead-key-offered").await, other_key.fingerprint());
    s.screenshot("lead-key-changed").await;
    s.audit_accessibility("lead-key-changed").await;
    s.click("lead-key-refuse").await;
    assert!(
        s.absent("lead-key-accept").await,
        "refusing imports nothing"
    );
    hand_over(&home_path, &forged);
    s.click("lead-key-accept").await;
    let message = s.text_of("import-message").await;
    assert!(
        message.contains(&other_key.fingerprint()) && message.contains("accepted"),
        "{message}"
    );
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kit_protected_with_a_passphrase_asks_for_it_and_opens_with_it() {
    let lead = tempfile::tempdir().unwrap();
    let plan = panelctl(lead.path(), &["demo"]);
    let outbox = tempfile::tempdir().unwrap();
    let (kits, _) = e2e::export_protected_kits(lead.path(), &plan, outbox.path());
    let kit = e2e::kit_of(&kits, "Priya Raman");

    let laptop = tempfile::tempdir().unwrap();
    let mut s = Session::start_with_env(
        "exchange-passphrase",
        laptop,
        &[("HIRING_PANEL_TEST_OPEN_FILE", kit.as_str())],
    )
    .await;
    s.wait_for("plans-empty").await;
    s.click("open-kit").await;
    let question = s.text_of("import-passphrase").await;
    assert!(
        question.contains("protected with a passphrase"),
        "{question}"
    );
    s.type_into("import-passphrase-input", "blue heron at dusk")
        .await;
    s.click("import-passphrase-ok").await;
    s.client
        .wait()
        .at_most(e2e::UI_TIMEOUT)
        .for_element(fantoccini::Locator::XPath(
            "//*[@data-testid='import-passphrase']//*[contains(text(), 'does not open this file')]",
        ))
        .await
        .expect("a wrong passphrase is named as such");
    s.screenshot("wrong-passphrase").await;
    s.type_into("import-passphrase-input", e2e::PASSPHRASE)
        .await;
    s.click("import-passphrase-ok").await;
    let message = s.text_of("import-message").await;
    assert!(message.contains("Imported Priya Raman's kit"), "{message}");
    s.wait_for("panelist-copy").await;
    s.finish().await;
}

/// What the file manager does with a double-clicked file while the app runs: a second launch
/// with the file, which hands it to the running window and exits.
fn hand_over(home_path: &std::path::Path, file: &str) {
    let mut second = std::process::Command::new(e2e::app_binary())
        .arg(file)
        .env("HIRING_PANEL_DATA_DIR", "")
        .env("XDG_DATA_HOME", home_path.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home_path.join("xdg-config"))
        .env("XDG_CACHE_HOME", home_path.join("xdg-cache"))
        .env("NO_AT_BRIDGE", "1")
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + e2e::UI_TIMEOUT;
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            second.kill().unwrap();
            panic!("the second launch kept running instead of handing the file over");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
}
