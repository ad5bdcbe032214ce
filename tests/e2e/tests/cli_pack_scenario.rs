//! Question packs as files, from a script: the built-in pack round-trips unchanged, a team's
//! pack imports once, a conflicting version is refused with nothing changed; a plan asks a subset
//! of one pack and a question borrowed from another, numbered unambiguously.

use e2e::{export_builtin_pack, panelctl, panelctl_refused};
use serde_json::Value;

#[test]
fn packs_travel_as_files_and_a_version_never_changes_under_its_number() {
    let home = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let d = home.path();
    let file = export_builtin_pack(d);

    // On another machine the same pack is already built in: importing it is a no-op.
    let before = panelctl(other.path(), &["pack", "list", "--json"]);
    let outcome: Value = serde_json::from_str(&panelctl(
        other.path(),
        &["pack", "import", file.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(outcome["alreadyPresent"], true);
    assert_eq!(panelctl(other.path(), &["pack", "list", "--json"]), before);

    // A team's own pack, made from the built-in one.
    let mut pack: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    pack["pack"]["id"] = "acme-security".into();
    pack["pack"]["title"] = "ACME security leadership".into();
    pack["pack"]["questions"]
        .as_array_mut()
        .unwrap()
        .truncate(10);
    let team = d.join("acme.hppack");
    std::fs::write(&team, serde_json::to_string_pretty(&pack).unwrap()).unwrap();
    panelctl(other.path(), &["pack", "import", team.to_str().unwrap()]);
    let listed: Value =
        serde_json::from_str(&panelctl(other.path(), &["pack", "list", "--json"])).unwrap();
    let acme = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "acme-security")
        .expect("listed");
    assert_eq!(acme["questions"], 10);
    assert_eq!(acme["builtin"], false);

    // The same id and version with a changed question: refused, nothing changed.
    let before = panelctl(other.path(), &["pack", "list", "--json"]);
    pack["pack"]["questions"][0]["text"] = "A different question".into();
    let changed = d.join("changed.hppack");
    std::fs::write(&changed, serde_json::to_string(&pack).unwrap()).unwrap();
    let line = panelctl_refused(other.path(), &["pack", "import", changed.to_str().unwrap()]);
    assert!(
        line.contains("already here with different content"),
        "{line}"
    );
    let truncated = d.join("truncated.hppack");
    let text = std::fs::read_to_string(&team).unwrap();
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let line = panelctl_refused(
        other.path(),
        &["pack", "import", truncated.to_str().unwrap()],
    );
    assert!(line.contains("ends too early"), "{line}");
    assert_eq!(panelctl(other.path(), &["pack", "list", "--json"]), before);

    // The exported team pack is the file that went in, byte for byte.
    let back = d.join("back.hppack");
    panelctl(
        other.path(),
        &[
            "pack",
            "export",
            "acme-security@1",
            "-o",
            back.to_str().unwrap(),
        ],
    );
    let original: Value = serde_json::from_str(&text).unwrap();
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(exported, original);
    // What the team changed against the built-in pack, file against stored pack.
    let diff: Value = serde_json::from_str(&panelctl(
        other.path(),
        &[
            "pack",
            "diff",
            "product-security-leadership@1",
            changed.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(
        diff["removed"].as_array().unwrap().len(),
        8,
        "questions 11–18 left"
    );
    assert_eq!(diff["changed"][0]["number"], 1);
    assert_eq!(diff["changed"][0]["fields"], serde_json::json!(["text"]));
    let human = panelctl(
        other.path(),
        &["pack", "diff", "acme-security", team.to_str().unwrap()],
    );
    assert!(human.ends_with("no differences"), "{human}");
    let line = panelctl_refused(
        other.path(),
        &["pack", "export", "acme-security@7", "-o", "x.hppack"],
    );
    assert!(
        line.contains("there is no pack acme-security version 7"),
        "{line}"
    );
}

#[test]
fn a_plan_asks_a_subset_and_a_borrowed_question_and_keeps_them_once_scored() {
    let lead = tempfile::tempdir().unwrap();
    let d = lead.path();
    let file = export_builtin_pack(d);
    let mut pack: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    pack["pack"]["id"] = "acme-security".into();
    pack["pack"]["questions"][2]["text"] = "Acme's own third question?".into();
    let acme = d.join("acme.hppack");
    std::fs::write(&acme, serde_json::to_string(&pack).unwrap()).unwrap();
    panelctl(d, &["pack", "import", acme.to_str().unwrap()]);

    let refused = panelctl_refused(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "A",
            "--level",
            "vp",
            "--questions",
            "3-1",
        ],
    );
    assert!(refused.contains("not a number or range"), "{refused}");
    let refused = panelctl_refused(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "A",
            "--level",
            "vp",
            "--borrow",
            "acme-security@1:40",
        ],
    );
    assert!(refused.contains("has no question 40"), "{refused}");
    assert!(
        panelctl(d, &["plan", "list", "--json"]).trim() == "[]",
        "nothing was created"
    );

    let plan = panelctl(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "Amara Okafor",
            "--level",
            "vp",
            "--questions",
            "1-2,7",
            "--borrow",
            "acme-security@1:3",
        ],
    );
    panelctl(
        d,
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
    panelctl(d, &["plan", "split", &plan]);
    let shown = panelctl(d, &["plan", "show", &plan]);
    assert!(shown.contains("Questions: 1, 2, 7, 19"), "{shown}");
    assert!(
        shown.contains("question 19 is question 3 of pack acme-security v1"),
        "{shown}"
    );

    // --question 19 names the borrowed question, unambiguously.
    e2e::score_and_submit(d, &plan, "1", "3", "Named the exception owner.");
    let card: Value = serde_json::from_str(&panelctl(
        d,
        &["scorecard", "show", &plan, "--panelist", "1", "--json"],
    ))
    .unwrap();
    let numbers: Vec<u64> = card["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["questionNumber"].as_u64().unwrap())
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 2, 7, 19]);

    let refused = panelctl_refused(d, &["plan", "questions", &plan, "--questions", "1-18"]);
    assert!(refused.contains("already scored"), "{refused}");
    let shown_after = panelctl(d, &["plan", "show", &plan]);
    assert!(
        shown_after.contains("Questions: 1, 2, 7, 19"),
        "{shown_after}"
    );
}
