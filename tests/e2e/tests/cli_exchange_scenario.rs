//! A real panel on three laptops, from scripts: the lead sends kits, two panelists interview on
//! their own data directories, their signed scorecards come back, and the lead's debrief and
//! packet hold both. Then every kind of bad return is refused with the lead's scorecards
//! untouched (compared by a SHA-256 of the scorecard tables), and what would reveal sealed
//! content early is refused or put on the record. How a kit itself is trusted (its passphrase,
//! its lead's signature) is `cli_kit_trust_scenario.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use e2e::{panelctl, panelctl_json as json, panelctl_refused};
use sha2::{Digest, Sha256};

/// SHA-256 over every row of the tables a scorecard import may touch.
fn scorecard_checksum(dir: &Path) -> String {
    let db = rusqlite::Connection::open(dir.join("panel.db")).unwrap();
    let mut hash = Sha256::new();
    for table in [
        "scorecards",
        "answers",
        "answer_coverage",
        "answer_red_flags",
        "scorecard_receipts",
        "audit_events",
    ] {
        let mut stmt = db
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let cols = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..cols {
                hash.update(format!("{:?}|", row.get_ref(i).unwrap()));
            }
            hash.update(b"\n");
        }
    }
    format!("{:x}", hash.finalize())
}

/// Ana amends one score on her laptop (`--by` her) and exports the new revision as `file`.
fn amend_and_export(
    laptop: &Path,
    (plan, panelist): (&str, &str),
    question: &str,
    score: &str,
    reason: &str,
    file: &str,
) -> PathBuf {
    panelctl(
        laptop,
        &[
            "amend",
            plan,
            "--panelist",
            panelist,
            "--question",
            question,
            "--score",
            score,
            "--reason",
            reason,
            "--by",
            "Ana Ortiz",
        ],
    );
    let out = laptop.join(file);
    panelctl(
        laptop,
        &[
            "exchange",
            "export-scorecard",
            plan,
            "--panelist",
            panelist,
            "-o",
            out.to_str().unwrap(),
        ],
    );
    out
}

#[test]
fn kits_go_out_to_two_laptops_and_signed_scorecards_come_back_to_the_lead() {
    let lead = tempfile::tempdir().unwrap();
    let ana_laptop = tempfile::tempdir().unwrap();
    let ben_laptop = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let l = lead.path();

    let plan = e2e::two_panelist_plan(l);
    let kits = e2e::export_kits(l, &plan, outbox.path(), &[]);
    assert_eq!(kits.len(), 2);
    assert!(kits.iter().all(|k| k["new"] == true));
    let (ana_kit, ben_kit) = (
        e2e::kit_of(&kits, "Ana Ortiz"),
        e2e::kit_of(&kits, "Ben Okafor"),
    );
    for kit in [&ana_kit, &ben_kit] {
        assert!(kit.ends_with(".hpkit"), "{kit}");
        let text = std::fs::read_to_string(kit).unwrap();
        assert!(!text.contains("\"score\""), "kits never carry scores");
    }

    let (ana_plan, ana_id, ana_card) =
        e2e::interview_on_own_laptop(ana_laptop.path(), &ana_kit, "3", "Ana: staged the rollout");
    let (_, _, ben_card) =
        e2e::interview_on_own_laptop(ben_laptop.path(), &ben_kit, "2", "Ben: hedged on budget");

    // Before any return, the lead's plan is sealed and waiting.
    panelctl_refused(l, &["debrief", "show", &plan]);
    let err = panelctl_refused(l, &["exchange", "import", ana_kit.as_str()]);
    assert!(err.contains("issued from this database"), "{err}");
    panelctl(l, &["exchange", "import", ana_card.to_str().unwrap()]);
    // Ana's returned card is hers: the lead cannot read it while Ben is still scoring, unless
    // they say why, on the record.
    let lead_ids = json(l, &["plan", "show", &plan, "--json"]);
    let ana_here = lead_ids["panelists"][0]["id"].to_string();
    let line = panelctl_refused(l, &["scorecard", "show", &plan, "--panelist", &ana_here]);
    assert!(line.contains("the scores are sealed"), "{line}");
    let shown = panelctl(
        l,
        &[
            "scorecard",
            "show",
            &plan,
            "--panelist",
            &ana_here,
            "--reason",
            "Ana asked me to check her file arrived whole",
            "--by",
            "Dana Whitfield",
        ],
    );
    assert!(shown.contains("Ana"), "{shown}");
    let (by, why): (String, String) = rusqlite::Connection::open(l.join("panel.db"))
        .unwrap()
        .query_row(
            "SELECT actor, detail FROM audit_events WHERE kind = 'unsealed' ORDER BY id DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(by, "Dana Whitfield");
    assert!(
        why.contains("Ana asked me to check her file arrived whole")
            && why.contains("scorecard show"),
        "the reveal is on the record, with how: {why}"
    );
    panelctl(l, &["exchange", "import", ben_card.to_str().unwrap()]);
    let shown = json(l, &["plan", "show", &plan, "--json"]);
    for status in shown["exchange"].as_array().unwrap() {
        assert_eq!(status["receivedRevision"], 1, "{status}");
        assert!(status["kitExportedAt"].is_string());
    }
    let debrief = json(l, &["debrief", "show", &plan, "--json"]);
    let text = debrief.to_string();
    assert!(
        text.contains("Ana: staged the rollout"),
        "the debrief holds Ana's notes"
    );
    assert!(
        text.contains("Ben: hedged on budget"),
        "the debrief holds Ben's notes"
    );
    assert_eq!(debrief["tally"]["yes"], 2, "{}", debrief["tally"]);
    let packet = l.join("packet.pdf");
    panelctl(
        l,
        &["export", "debrief", &plan, "-o", packet.to_str().unwrap()],
    );
    let pdf = e2e::pdf_words(&packet);
    assert!(
        pdf.contains("Ana: staged the rollout"),
        "packet holds Ana's notes"
    );
    assert!(
        pdf.contains("Ben: hedged on budget"),
        "packet holds Ben's notes"
    );

    // --- Bad returns: each refused by name, the lead's scorecards untouched. ---
    let original = std::fs::read_to_string(&ana_card).unwrap();
    let bad = |name: &str, content: &[u8]| {
        let path = outbox.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };
    // Ana amends on her laptop: revision 2. The lead imports it; revision 1 is then older.
    let q = json(ana_laptop.path(), &["plan", "show", &ana_plan, "--json"])["assignments"][0]
        ["questionNumber"]
        .to_string();
    let rev2 = amend_and_export(
        ana_laptop.path(),
        (&ana_plan, &ana_id),
        &q,
        "4",
        "Re-read my notes",
        "rev2.hpscore",
    );
    panelctl(l, &["exchange", "import", rev2.to_str().unwrap()]);

    // Another lead's plan, to make a foreign return.
    let other = tempfile::tempdir().unwrap();
    let other_plan = panelctl(other.path(), &["demo"]);
    let other_out = tempfile::tempdir().unwrap();
    let other_kits = e2e::export_kits(other.path(), &other_plan, other_out.path(), &[]);
    let stranger = tempfile::tempdir().unwrap();
    let (_, _, foreign) = e2e::interview_on_own_laptop(
        stranger.path(),
        other_kits[0]["path"].as_str().unwrap(),
        "4",
        "someone else's candidate",
    );

    let one_char = original.replacen("staged the rollout", "staged the rollouT", 1);
    assert_ne!(one_char, original);
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            bad("tampered.hpscore", one_char.as_bytes()),
            "signature does not match",
        ),
        (foreign, "not in this database"),
        (ana_card.clone(), "older than revision 2"),
        (
            bad(
                "truncated.hpscore",
                &original.as_bytes()[..original.len() * 2 / 3],
            ),
            "ends too early",
        ),
        (
            bad(
                "newer.hpscore",
                original
                    .replacen("\"formatVersion\": 1", "\"formatVersion\": 9", 1)
                    .as_bytes(),
            ),
            "newer version of Hiring Panel",
        ),
        (
            bad("packet.hpscore", &std::fs::read(&packet).unwrap()),
            "not a Hiring Panel kit or scorecard",
        ),
    ];
    for (file, expected) in cases {
        let before = scorecard_checksum(l);
        let line = panelctl_refused(l, &["exchange", "import", file.to_str().unwrap()]);
        assert!(
            line.contains(expected),
            "{} gave {line:?}, expected {expected:?}",
            file.display()
        );
        assert_eq!(
            scorecard_checksum(l),
            before,
            "{} changed the lead's database",
            file.display()
        );
    }
    // Re-importing the same revision is a no-op that exits 0.
    let before = scorecard_checksum(l);
    let out = Command::new(e2e::panelctl_binary())
        .args([
            "--data-dir",
            l.to_str().unwrap(),
            "exchange",
            "import",
            rev2.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already imported"));
    assert_eq!(
        scorecard_checksum(l),
        before,
        "a repeated import changes nothing"
    );

    // --- After the decision, a new revision waits until the lead reopens it. ---
    panelctl(
        l,
        &[
            "decide",
            &plan,
            "--decision",
            "hire",
            "--rationale",
            "Both say yes",
            "--by",
            "Dana Whitfield",
        ],
    );
    let rev3 = amend_and_export(
        ana_laptop.path(),
        (&ana_plan, &ana_id),
        &q,
        "2",
        "Second thoughts after sleeping on it",
        "rev3.hpscore",
    );
    let before = scorecard_checksum(l);
    let line = panelctl_refused(l, &["exchange", "import", rev3.to_str().unwrap()]);
    assert!(
        line.contains("only once the lead reopens the decision"),
        "{line}"
    );
    assert_eq!(scorecard_checksum(l), before, "the refusal changed nothing");
    let line = panelctl_refused(
        l,
        &["decide", &plan, "--reopen", "--reason", " ", "--by", "Dana"],
    );
    assert_eq!(line, "error: reopening a decision needs a reason");
    panelctl(
        l,
        &[
            "decide",
            &plan,
            "--reopen",
            "--reason",
            "Ana revised her score",
            "--by",
            "Dana Whitfield",
        ],
    );
    panelctl(l, &["exchange", "import", rev3.to_str().unwrap()]);
    panelctl(
        l,
        &["export", "debrief", &plan, "-o", packet.to_str().unwrap()],
    );
    let pdf = e2e::pdf_words(&packet);
    assert!(
        pdf.contains("Decision reopened"),
        "the packet's trail shows the reopening"
    );
    assert!(pdf.contains("Ana revised her score"), "with its reason");
}

#[test]
fn a_panelist_whose_kit_is_out_is_removed_only_with_a_reason_on_the_record() {
    let lead = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let l = lead.path();
    let plan = e2e::two_panelist_plan(l);
    e2e::export_kits(l, &plan, outbox.path(), &[]);
    let ben = json(l, &["plan", "show", &plan, "--json"])["panelists"][1]["id"].to_string();
    let before = scorecard_checksum(l);
    let line = panelctl_refused(l, &["plan", "remove-panelist", &plan, "--panelist", &ben]);
    assert!(line.contains("kit is out"), "{line}");
    assert_eq!(scorecard_checksum(l), before, "the refusal changed nothing");
    // Candidate data while sealed: refused without a reason too.
    let file = outbox.path().join("candidate.json");
    let out = file.to_str().unwrap();
    let line = panelctl_refused(l, &["export", "candidate-data", &plan, "-o", out]);
    assert!(line.contains("the scores are sealed"), "{line}");
    panelctl(
        l,
        &[
            "plan",
            "remove-panelist",
            &plan,
            "--panelist",
            &ben,
            "--reason",
            "Ben left the company",
            "--by",
            "Dana Whitfield",
        ],
    );
    let panel = json(l, &["plan", "show", &plan, "--json"])["panelists"].clone();
    assert_eq!(panel.as_array().unwrap().len(), 1, "{panel}");
    let db = rusqlite::Connection::open(l.join("panel.db")).unwrap();
    let (actor, detail): (String, String) = db
        .query_row(
            "SELECT actor, detail FROM audit_events WHERE kind = 'unsealed' ORDER BY id DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor, "Dana Whitfield");
    assert!(detail.contains("Ben left the company"), "{detail}");

    // Still sealed (Ana has not submitted): the access request is answered on the record.
    panelctl(
        l,
        &[
            "export",
            "candidate-data",
            &plan,
            "-o",
            out,
            "--reason",
            "The candidate asked for their data",
            "--by",
            "Rosa Diaz",
        ],
    );
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(
        exported.to_string().contains("Zoë Łukasiewicz"),
        "the export holds the candidate"
    );
    let kinds: Vec<(String, String, String)> = db
        .prepare("SELECT kind, actor, detail FROM audit_events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let (_, by, why) = kinds
        .iter()
        .rev()
        .find(|(kind, ..)| kind == "unsealed")
        .unwrap();
    assert_eq!(by, "Rosa Diaz");
    assert!(why.contains("The candidate asked for their data"), "{why}");
    assert!(
        kinds
            .iter()
            .any(|(kind, ..)| kind == "candidate data exported"),
        "{kinds:?}"
    );
}
