//! Interview mode from a script: score, refuse bad input, submit, amend, unseal.

use std::path::Path;

use e2e::{panelctl, panelctl_refused};
use serde_json::Value;

fn own_card(dir: &Path, plan: &str, panelist: &str) -> Value {
    let text = panelctl(
        dir,
        &["scorecard", "show", plan, "--panelist", panelist, "--json"],
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_panelist_scores_submits_and_amends_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = panelctl(d, &["demo"]);
    let shown: Value =
        serde_json::from_str(&panelctl(d, &["plan", "show", &plan, "--json"])).unwrap();
    let priya_id = &shown["panelists"][0]["id"];
    let priya = priya_id.to_string();
    let mine: Vec<String> = shown["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| &a["panelistId"] == priya_id)
        .map(|a| a["questionNumber"].to_string())
        .collect();
    let not_mine = shown["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| &a["panelistId"] != priya_id)
        .unwrap()["questionNumber"]
        .to_string();

    let before = own_card(d, &plan, &priya);
    for (args, expected) in [
        (
            vec!["--question", mine[0].as_str(), "--score", "5"],
            "score must be 1–4, got 5".to_string(),
        ),
        (
            vec!["--question", mine[0].as_str(), "--score", "0"],
            "score must be 1–4, got 0".into(),
        ),
        (
            vec!["--question", mine[0].as_str(), "--covered", "9"],
            "there is no point 9".into(),
        ),
        (
            vec!["--question", not_mine.as_str(), "--score", "3"],
            format!("question {not_mine} is not assigned"),
        ),
    ] {
        let mut full = vec!["score", plan.as_str(), "--panelist", priya.as_str()];
        full.extend(args.iter().copied());
        let line = panelctl_refused(d, &full);
        assert!(line.contains(&expected), "{line} should say {expected}");
    }
    assert_eq!(
        own_card(d, &plan, &priya),
        before,
        "refusals change nothing"
    );

    let line = panelctl_refused(
        d,
        &[
            "submit",
            &plan,
            "--panelist",
            &priya,
            "--recommendation",
            "yes",
        ],
    );
    assert!(line.contains("cannot submit yet"), "{line}");

    for (i, n) in mine.iter().enumerate() {
        let score = ["2", "3", "4", "3", "1", "3"][i % 6];
        panelctl(
            d,
            &[
                "score",
                &plan,
                "--panelist",
                &priya,
                "--question",
                n,
                "--score",
                score,
                "--covered",
                "1",
                "--note",
                "Concrete, with numbers — Zoë-level detail",
            ],
        );
    }
    panelctl(
        d,
        &[
            "submit",
            &plan,
            "--panelist",
            &priya,
            "--recommendation",
            "yes",
            "--summary",
            "Strong on risk",
        ],
    );
    let card = own_card(d, &plan, &priya);
    assert_eq!(card["status"], "submitted");
    assert_eq!(card["recommendation"], "yes");

    let line = panelctl_refused(
        d,
        &[
            "score",
            &plan,
            "--panelist",
            &priya,
            "--question",
            &mine[0],
            "--score",
            "4",
        ],
    );
    assert!(line.contains("need an amendment"), "{line}");
    panelctl(
        d,
        &[
            "amend",
            &plan,
            "--panelist",
            &priya,
            "--question",
            &mine[0],
            "--score",
            "4",
            "--reason",
            "Re-read my notes",
            "--by",
            "Priya Raman",
        ],
    );
    assert_eq!(own_card(d, &plan, &priya)["answers"][0]["score"], 4);

    let line = panelctl_refused(d, &["unseal", &plan, "--reason", " "]);
    assert!(line.contains("needs a reason"), "{line}");
    panelctl(
        d,
        &["unseal", &plan, "--reason", "Hiring committee meets today"],
    );
}

#[test]
fn the_scored_demo_is_a_plan_ready_for_its_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let plan = panelctl(dir.path(), &["demo", "--scored"]);
    let shown: Value =
        serde_json::from_str(&panelctl(dir.path(), &["plan", "show", &plan, "--json"])).unwrap();
    assert_eq!(shown["status"], "debrief", "every panelist has submitted");
    for p in shown["panelists"].as_array().unwrap() {
        let card = own_card(dir.path(), &plan, &p["id"].to_string());
        assert_eq!(card["status"], "submitted", "{} submitted", p["name"]);
    }
}

#[test]
fn a_scorecard_guarded_by_a_pin_is_shown_only_with_the_pin_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = panelctl(d, &["demo"]);
    let shown: Value =
        serde_json::from_str(&panelctl(d, &["plan", "show", &plan, "--json"])).unwrap();
    let priya = shown["panelists"][0]["id"].to_string();
    {
        // Priya sets a PIN in the app (the core call the app makes).
        let mut db = panel_core::Db::open(&d.join("panel.db")).unwrap();
        let (p, who) = (plan.trim().parse().unwrap(), priya.parse().unwrap());
        db.with_tx(|tx| panel_core::scorecards::set_scorecard_pin(tx, p, who, None, Some("2468")))
            .unwrap();
    }
    let line = panelctl_refused(d, &["scorecard", "show", &plan, "--panelist", &priya]);
    assert!(
        line.contains("pass --pin-file"),
        "panelctl never prompts: {line}"
    );
    let wrong = d.join("wrong-pin.txt");
    std::fs::write(&wrong, "1357\n").unwrap();
    let line = panelctl_refused(
        d,
        &[
            "scorecard",
            "show",
            &plan,
            "--panelist",
            &priya,
            "--pin-file",
            wrong.to_str().unwrap(),
        ],
    );
    assert!(line.contains("wrong PIN"), "{line}");
    let right = d.join("pin.txt");
    std::fs::write(&right, "2468\n").unwrap();
    let card = panelctl(
        d,
        &[
            "scorecard",
            "show",
            &plan,
            "--panelist",
            &priya,
            "--pin-file",
            right.to_str().unwrap(),
        ],
    );
    assert!(card.contains("Priya Raman"), "{card}");

    // Priya forgot her PIN. While the panel is sealed a reset opens her card to anyone here:
    // refused without a reason, and a reason needs a name.
    let reset = ["scorecard", "reset-pin", &plan, "--panelist", &priya];
    let line = panelctl_refused(d, &reset);
    assert!(line.contains("sealed"), "{line}");
    let usage = std::process::Command::new(e2e::panelctl_binary())
        .arg("--data-dir")
        .arg(d)
        .args(reset)
        .args(["--reason", "Priya forgot her PIN"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2), "a usage error");
    let said = String::from_utf8_lossy(&usage.stderr);
    assert!(said.contains("--by"), "{said}");
    panelctl(
        d,
        &[
            &reset[..],
            &["--reason", "Priya forgot her PIN", "--by", "Dana Whitfield"],
        ]
        .concat(),
    );
    let card = panelctl(d, &["scorecard", "show", &plan, "--panelist", &priya]);
    assert!(card.contains("Priya Raman"), "no PIN any more: {card}");
}
