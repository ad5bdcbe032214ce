//! The team folder from scripts: a lead and a panelist on two data directories share one folder
//! (as a sync engine would keep it). The panelist gives the lead their identity line, the lead
//! records it, and then nothing travels by hand: `team sync` publishes the kit, the panelist's
//! `team sync` imports it, and after scoring, their scorecard comes back the same way. Along the
//! way: bad identity lines and folders are refused with one line and change nothing, the folder
//! names nobody, and a pass with nothing to do lists nothing.

use e2e::{panelctl, panelctl_json as json, panelctl_refused};

#[test]
fn a_kit_goes_out_and_a_scorecard_comes_back_through_a_team_folder() {
    let lead = tempfile::tempdir().unwrap();
    let ana = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let (l, a, f) = (lead.path(), ana.path(), folder.path().to_str().unwrap());

    // Ana's install shows its public identity as one line; --json says the same with parts.
    let line = panelctl(a, &["identity", "show"]);
    assert!(line.starts_with("hiring-panel-identity-1:"), "{line}");
    assert_eq!(line.lines().count(), 1);
    let shown = json(a, &["identity", "show", "--json"]);
    assert_eq!(shown["line"], line.as_str());
    assert_eq!(shown["fingerprint"].as_str().unwrap().len(), 39);

    let plan = e2e::two_panelist_plan(l);
    let panel = json(l, &["plan", "show", &plan, "--json"]);
    let ana_seat = panel["panelists"][0]["id"].to_string();
    assert_eq!(panel["panelists"][0]["name"], "Ana Ortiz");

    // A line that is not one, or was tampered with, is refused and records nothing.
    let err = panelctl_refused(
        l,
        &[
            "plan",
            "edit-panelist",
            &plan,
            "--panelist",
            &ana_seat,
            "--identity",
            "age1xyz",
        ],
    );
    assert!(err.contains("is not a Hiring Panel identity"), "{err}");
    let mut parts: Vec<&str> = line.split(':').collect();
    let other = panelctl(outbox.path(), &["identity", "show"]);
    parts[2] = other.split(':').nth(2).unwrap();
    let spliced = parts.join(":");
    let err = panelctl_refused(
        l,
        &[
            "plan",
            "edit-panelist",
            &plan,
            "--panelist",
            &ana_seat,
            "--identity",
            &spliced,
        ],
    );
    assert!(err.contains("signature does not match"), "{err}");
    let people = json(l, &["people", "list", "--json"]);
    assert!(people
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["identityFingerprint"].is_null()));

    let person = json(
        l,
        &[
            "plan",
            "edit-panelist",
            &plan,
            "--panelist",
            &ana_seat,
            "--identity",
            &line,
            "--json",
        ],
    );
    assert_eq!(person["identityFingerprint"], shown["fingerprint"]);

    // Without a folder, or with one that is not there, a sync is refused with what to do.
    let err = panelctl_refused(l, &["team", "sync"]);
    assert!(err.contains("no team folder is chosen"), "{err}");
    let missing = folder.path().join("not-yet");
    let err = panelctl_refused(l, &["team", "folder", missing.to_str().unwrap()]);
    assert!(err.contains("is not there"), "{err}");
    assert_eq!(
        json(l, &["team", "folder", "--json"]),
        serde_json::Value::Null
    );
    for dir in [l, a] {
        let chosen = json(dir, &["team", "folder", f, "--json"]);
        assert_eq!(chosen["state"], "ready");
    }

    // The lead sends kits once (Ben's by hand: no identity recorded for him).
    e2e::export_kits(l, &plan, outbox.path(), &[]);
    let sent = json(l, &["team", "sync", "--json"]);
    assert_eq!(sent["published"].as_array().unwrap().len(), 1, "{sent}");
    assert_eq!(sent["published"][0]["kind"], "kit");
    assert!(
        sent["skipped"][0].as_str().unwrap().contains("Ben Okafor"),
        "{sent}"
    );
    let names: Vec<String> = std::fs::read_dir(f)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(
        !names[0].contains("Ana") && !names[0].contains("Zo"),
        "the folder names nobody: {names:?}"
    );

    // Ana's pass imports her kit; a second pass has nothing to do.
    let arrived = json(a, &["team", "sync", "--json"]);
    assert_eq!(
        arrived["imported"].as_array().unwrap().len(),
        1,
        "{arrived}"
    );
    let copy = arrived["imported"][0]["planId"].to_string();
    let again = json(a, &["team", "sync", "--json"]);
    for list in ["published", "imported", "refused", "skipped"] {
        assert_eq!(again[list], serde_json::json!([]), "{again}");
    }
    let here = json(a, &["plan", "show", &copy, "--json"]);
    assert_eq!(here["mode"], "panelist");
    let me = here["panelists"][0]["id"].to_string();
    e2e::score_and_submit(a, &copy, &me, "3", "Ana: staged the rollout");

    let returned = panelctl(a, &["team", "sync"]);
    assert!(returned.starts_with("published\t"), "{returned}");
    assert!(returned.contains("revision 1"), "{returned}");

    let back = panelctl(l, &["team", "sync"]);
    assert!(back.starts_with("imported\t"), "{back}");
    assert!(back.contains("Ana Ortiz"), "{back}");
    let status = json(l, &["plan", "show", &plan, "--json"]);
    let ana_status = status["exchange"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["panelistId"] == panel["panelists"][0]["id"])
        .cloned()
        .unwrap();
    assert_eq!(ana_status["receivedRevision"], 1, "{ana_status}");

    // Ben's return, when the lead already typed his card in: never replaced by a pass; it
    // waits on the plan until the lead chooses.
    let ben = tempfile::tempdir().unwrap();
    let b = ben.path();
    let ben_seat = panel["panelists"][1]["id"].to_string();
    let ben_line = panelctl(b, &["identity", "show"]);
    panelctl(
        l,
        &[
            "plan",
            "edit-panelist",
            &plan,
            "--panelist",
            &ben_seat,
            "--identity",
            &ben_line,
        ],
    );
    let sent = json(l, &["team", "sync", "--json"]);
    assert_eq!(sent["published"].as_array().unwrap().len(), 1, "{sent}");
    e2e::score_and_submit(l, &plan, &ben_seat, "2", "Typed in by the lead");
    panelctl(b, &["team", "folder", f]);
    let arrived = json(b, &["team", "sync", "--json"]);
    let ben_copy = arrived["imported"][0]["planId"].to_string();
    let ben_here =
        json(b, &["plan", "show", &ben_copy, "--json"])["panelists"][0]["id"].to_string();
    e2e::score_and_submit(b, &ben_copy, &ben_here, "4", "Ben: sharp on budgets");
    panelctl(b, &["team", "sync"]);
    let pass = json(l, &["team", "sync", "--json"]);
    assert_eq!(pass["imported"], serde_json::json!([]), "{pass}");
    assert_eq!(pass["conflicts"].as_array().unwrap().len(), 1, "{pass}");
    let waiting = json(l, &["team", "conflicts", &plan, "--json"]);
    assert_eq!(
        waiting[0]["conflict"]["panelistName"], "Ben Okafor",
        "{waiting}"
    );
    let file = waiting[0]["file"].as_str().unwrap().to_string();
    // The plain listing says what waits in the core's words.
    let listed = panelctl(l, &["team", "conflicts", &plan]);
    assert!(
        listed.starts_with(&file)
            && listed.contains("Ben Okafor's own scorecard came back through the team folder, but their scorecard was submitted on this computer"),
        "{listed}"
    );
    panelctl(l, &["team", "resolve", &file, "--keep"]);
    assert_eq!(
        json(l, &["team", "conflicts", &plan, "--json"]),
        serde_json::json!([])
    );
    let debrief = json(l, &["debrief", "show", &plan, "--json"]).to_string();
    assert!(debrief.contains("Typed in by the lead") && !debrief.contains("sharp on budgets"));
}
