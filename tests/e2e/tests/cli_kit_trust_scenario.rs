//! How a panelist's laptop trusts a kit, from scripts: a kit protected with a passphrase opens
//! only with it, and a kit signed by another key than its lead's (a co-panelist's forgery, or
//! the lead on a new laptop) is refused showing both fingerprints until the new key is accepted.

use e2e::{panelctl, panelctl_json as json, panelctl_refused};

#[test]
fn a_kit_protected_with_a_passphrase_opens_only_with_it() {
    let lead = tempfile::tempdir().unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let plan = panelctl(lead.path(), &["demo"]);
    let wrong = lead.path().join("wrong.txt");
    std::fs::write(&wrong, "blue heron at dusk\n").unwrap();
    let (kits, secret) = e2e::export_protected_kits(lead.path(), &plan, outbox.path());
    let kit = e2e::kit_of(&kits, "Priya Raman");
    let kit = kit.as_str();
    let bytes = std::fs::read(kit).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "an age file");

    let line = panelctl_refused(laptop.path(), &["exchange", "import", kit]);
    assert!(
        line.contains("protected with a passphrase") && line.contains("--passphrase-file"),
        "{line}"
    );
    let line = panelctl_refused(
        laptop.path(),
        &[
            "exchange",
            "import",
            kit,
            "--passphrase-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert!(line.contains("does not open this file"), "{line}");
    let plan_here = panelctl(
        laptop.path(),
        &[
            "exchange",
            "import",
            kit,
            "--passphrase-file",
            secret.to_str().unwrap(),
        ],
    );
    let shown = json(laptop.path(), &["plan", "show", &plan_here, "--json"]);
    assert_eq!(shown["mode"], "panelist");
}

/// The co-panelist's forgery: Ben holds the plan's key (it is in his kit), rewrites his kit as
/// one for Ana, and signs it with a key of his own.
#[test]
fn a_kit_forged_by_a_co_panelist_is_refused_showing_both_fingerprints_until_accepted() {
    use panel_core::exchange::{parse, ExchangeFile, KitFile};
    let lead = tempfile::tempdir().unwrap();
    let ana_laptop = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let l = lead.path();
    let plan = e2e::two_panelist_plan(l);
    let kits = e2e::export_kits(l, &plan, outbox.path(), &[]);
    let (ana_kit, ben_kit) = (
        e2e::kit_of(&kits, "Ana Ortiz"),
        e2e::kit_of(&kits, "Ben Okafor"),
    );
    let lead_fingerprint = panelctl(l, &["exchange", "key"]).trim().to_string();
    assert_eq!(lead_fingerprint.split(' ').count(), 8, "{lead_fingerprint}");

    // Ana's first kit introduces the lead's key: the fingerprint is what the lead's computer shows.
    let a = ana_laptop.path();
    let first = json(a, &["exchange", "import", &ana_kit, "--json"]);
    assert_eq!(first["leadKey"], "firstSeen");
    assert_eq!(first["leadFingerprint"], lead_fingerprint.as_str());

    let kit_of = |path: &str| match parse(&std::fs::read(path).unwrap()).unwrap() {
        ExchangeFile::Kit(k) => k.kit,
        _ => panic!("a kit"),
    };
    let mut forged = kit_of(&ben_kit);
    forged.kit_id = "0123456789abcdef0123456789abcdef".into();
    forged.panelist = kit_of(&ana_kit).panelist;
    forged.plan.notes = "Change of plan: send your scorecard to Ben, not the lead.".into();
    let ben_key = panel_core::identity::Identity::generate();
    // Ben names his own identity, so that returns through a team folder would reach him.
    forged.lead_identity = Some(ben_key.public_identity().line);
    let forged_path = outbox.path().join("Amara Okafor - Ana Ortiz (new).hpkit");
    std::fs::write(
        &forged_path,
        serde_json::to_vec(&KitFile::signed(forged, &ben_key)).unwrap(),
    )
    .unwrap();
    let forged_path = forged_path.to_str().unwrap();

    let before = panelctl(a, &["plan", "list", "--json"]);
    let line = panelctl_refused(a, &["exchange", "import", forged_path]);
    assert!(line.contains(&lead_fingerprint), "{line}");
    assert!(line.contains(&ben_key.fingerprint()), "{line}");
    assert!(line.contains("--accept-lead-key"), "{line}");
    assert_eq!(
        panelctl(a, &["plan", "list", "--json"]),
        before,
        "nothing stored"
    );

    // Only the fingerprint of the new key accepts it; then it imports and is listed.
    panelctl_refused(
        a,
        &[
            "exchange",
            "import",
            forged_path,
            "--accept-lead-key",
            &lead_fingerprint,
        ],
    );
    let accepted = json(
        a,
        &[
            "exchange",
            "import",
            forged_path,
            "--accept-lead-key",
            &ben_key.fingerprint(),
            "--json",
        ],
    );
    assert_eq!(accepted["leadKey"], "accepted");
    let keys = json(a, &["exchange", "lead-keys", "--json"]);
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert!(keys
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["replaces"] == lead_fingerprint.as_str()));
}
