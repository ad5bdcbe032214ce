//! A recruiter's script against the built `panelctl`: the calibration slate, the report as JSON,
//! and the people behind it (merge, split, purge), with refusals that change nothing.

use e2e::{panelctl, panelctl_json, panelctl_refused};
use serde_json::Value;

fn interviewer<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["interviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{name} is in the report"))
}

#[test]
fn the_calibration_slate_is_measured_and_its_people_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = panelctl(d, &["demo", "--calibration"]);
    assert!(plans.lines().count() >= 18, "about 20 plans, one id a line");
    let sample = panelctl_json(d, &["demo", "--calibration", "--json"]);
    let truths = sample["interviewers"].as_array().unwrap().clone();
    assert_eq!(truths.len(), 7);

    let report = panelctl_json(d, &["calibration", "--json"]);
    let interviewers = report["interviewers"].as_array().unwrap();
    assert_eq!(
        interviewers.len(),
        7,
        "the same seven people on both slates"
    );
    for key in ["personId", "name", "answers", "leniencyOffset", "interval"] {
        assert!(!interviewers[0][key].is_null(), "{key}");
    }
    let most = truths
        .iter()
        .max_by(|a, b| {
            a["leniency"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["leniency"].as_f64().unwrap())
        })
        .unwrap();
    assert_eq!(interviewers[0]["name"], most["name"], "most generous first");
    let q7 = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["number"] == 7)
        .unwrap();
    assert_eq!(q7["barelySeparates"], true);
    assert!(q7["agreement"]["pairs"].as_u64().unwrap() >= 10);
    // Words beside the figures.
    let text = panelctl(d, &["calibration"]);
    assert!(
        text.contains("above the panel on the same answers; based on"),
        "{text}"
    );
    // The version named explicitly gives the same report; an unknown one is refused.
    let same = panelctl_json(
        d,
        &[
            "calibration",
            "--pack",
            "product-security-leadership@1",
            "--json",
        ],
    );
    assert_eq!(same["interviewers"], report["interviewers"]);
    panelctl_refused(d, &["calibration", "--pack", "no-such-pack"]);

    // Finalists side by side, and the same on paper; a sealed plan is refused.
    let ids: Vec<&str> = plans.lines().collect();
    let compared = panelctl_json(d, &["compare", ids[0], ids[1], "--json"]);
    assert_eq!(compared["plans"].as_array().unwrap().len(), 2);
    assert_eq!(compared["commonQuestions"].as_array().unwrap().len(), 18);
    let pdf = d.join("finalists.pdf");
    panelctl(
        d,
        &[
            "export",
            "comparison",
            ids[0],
            ids[1],
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let flat = e2e::pdf_words(&pdf);
    for p in compared["plans"].as_array().unwrap() {
        assert!(flat.contains(p["candidate"].as_str().unwrap()), "{flat}");
    }
    // The slate keeps a plan or two waiting for a panelist: their debrief is refused (sealed).
    let sealed = sample["planIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.to_string())
        .find(|id| {
            !std::process::Command::new(e2e::panelctl_binary())
                .arg("--data-dir")
                .arg(d)
                .args(["debrief", "show", id])
                .output()
                .unwrap()
                .status
                .success()
        })
        .expect("a sealed plan in the slate");
    let refused = panelctl_refused(d, &["compare", ids[0], &sealed]);
    assert!(refused.contains("sealed"), "{refused}");
    panelctl_refused(d, &["compare", ids[0], ids[0]]);

    // People: two entries with different emails are two people, and stay so.
    let people = panelctl_json(d, &["people", "list", "--json"]);
    let ids: Vec<i64> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 7);
    let (a, b) = (ids[0].to_string(), ids[1].to_string());
    let refused = panelctl_refused(d, &["people", "merge", &a, &b]);
    assert!(refused.contains("different emails"), "{refused}");
    assert_eq!(panelctl_json(d, &["people", "list", "--json"]), people);

    // A seat split off becomes a person of its own, with one plan.
    let seats = panelctl_json(d, &["people", "seats", &a, "--json"]);
    let seat = seats[0]["panelistId"].as_i64().unwrap().to_string();
    let split = panelctl_json(d, &["people", "split", "--seat", &seat, "--json"]);
    assert_eq!(split["plans"], 1);
    // Merged back, the person has every seat again.
    let merged = panelctl_json(
        d,
        &["people", "merge", &a, &split["id"].to_string(), "--json"],
    );
    assert_eq!(
        merged["plans"].as_u64().unwrap() as usize,
        seats.as_array().unwrap().len()
    );

    // A departing interviewer is purged: their scores still count, under another name.
    let leaving = interviewer(&report, most["name"].as_str().unwrap()).clone();
    let purged = panelctl_json(
        d,
        &[
            "people",
            "purge",
            &leaving["personId"].to_string(),
            "--json",
        ],
    );
    assert_eq!(purged["label"], "Former interviewer 1");
    let after = panelctl_json(d, &["calibration", "--json"]);
    let former = interviewer(&after, "Former interviewer 1");
    assert_eq!(former["answers"], leaving["answers"]);
    let everything = panelctl(d, &["calibration", "--json"]);
    let name = leaving["name"].as_str().unwrap();
    assert!(!everything.contains(name));
    // Nor on the people list, nor in the debrief (panel, cells and audit trail) of a plan they
    // sat on.
    assert!(!panelctl(d, &["people", "list", "--json"]).contains(name));
    let their_seats = panelctl_json(
        d,
        &[
            "people",
            "seats",
            &leaving["personId"].to_string(),
            "--json",
        ],
    );
    let sat_on = their_seats[0]["planId"].to_string();
    let debrief = panelctl(d, &["debrief", "show", &sat_on, "--json"]);
    assert!(
        !debrief.contains(name) && debrief.contains("Former interviewer 1"),
        "the debrief names the label only"
    );

    // A candidate's purge takes their answers out of every figure.
    let candidates = after["interviewers"].as_array().unwrap().len();
    let before = panelctl_json(d, &["calibration", "--json"]);
    panelctl(d, &["purge", &sat_on]);
    let purged = panelctl_json(d, &["calibration", "--json"]);
    let answers = |r: &serde_json::Value| {
        r["interviewers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["answers"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert!(
        answers(&purged) < answers(&before),
        "the purged plan's answers left the figures"
    );
    assert!(purged["interviewers"].as_array().unwrap().len() <= candidates);
}
