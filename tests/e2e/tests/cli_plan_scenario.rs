//! A recruiter's script against the built `panelctl`: plan, panel, split, calibration overlap.

use std::path::Path;
use std::process::Output;

use e2e::panelctl_refused;
use serde_json::Value;

fn panelctl(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(e2e::panelctl_binary())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("HIRING_PANEL_DATA_DIR")
        .output()
        .unwrap()
}

/// Runs a command that must succeed and returns its stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = panelctl(dir, args);
    assert!(
        out.status.success(),
        "panelctl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn show(dir: &Path, plan: &str) -> Value {
    serde_json::from_str(&ok(dir, &["plan", "show", plan, "--json"])).unwrap()
}

#[test]
fn three_panelists_split_the_pack_once_then_twice_for_calibration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = ok(
        d,
        &[
            "plan",
            "create",
            "--candidate",
            "Zoë Łukasiewicz",
            "--level",
            "vp",
            "--role",
            "VP Product Security",
            "--date",
            "2026-12-08",
            "--time",
            "09:30",
        ],
    );
    let plan = plan.trim().to_string();
    assert!(
        plan.parse::<i64>().is_ok(),
        "create prints the bare id, got {plan:?}"
    );

    for (name, minutes) in [("Ana", "45"), ("Ben", "60"), ("Chloé", "60")] {
        let id = ok(
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
        assert!(
            id.trim().parse::<i64>().is_ok(),
            "add-panelist prints the id: {id:?}"
        );
    }
    ok(d, &["plan", "split", &plan]);

    let shown = show(d, &plan);
    assert_eq!(shown["candidate"], "Zoë Łukasiewicz");
    assert_eq!(shown["level"], "vp");
    let assignments = shown["assignments"].as_array().unwrap();
    for n in 1..=18 {
        let count = assignments
            .iter()
            .filter(|a| a["questionNumber"] == n)
            .count();
        assert_eq!(count, 1, "question {n} assigned exactly once");
    }
    for a in assignments {
        for key in ["panelistId", "position", "pinned", "reason"] {
            assert!(a.get(key).is_some(), "assignment has {key}: {a}");
        }
    }
    for p in shown["panelists"].as_array().unwrap() {
        let (load, slot) = (
            p["loadMinutes"].as_u64().unwrap(),
            p["minutes"].as_u64().unwrap(),
        );
        assert!(
            load <= slot,
            "{} has {load} minutes for a {slot}-minute slot",
            p["name"]
        );
        assert!(p["focus"].is_array() && p["id"].is_number());
    }
    assert_eq!(
        shown["warnings"],
        serde_json::json!([]),
        "a feasible split warns about nothing"
    );

    // Calibration overlap cannot fit 304 minutes into 165: warnings on stderr, still exit 0.
    let out = panelctl(d, &["plan", "split", &plan, "--coverage", "2"]);
    assert!(out.status.success(), "a split with warnings still succeeds");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning:"),
        "warnings are on stderr"
    );
    let shown = show(d, &plan);
    let assignments = shown["assignments"].as_array().unwrap();
    for n in 1..=18 {
        let askers: Vec<&Value> = assignments
            .iter()
            .filter(|a| a["questionNumber"] == n)
            .map(|a| &a["panelistId"])
            .collect();
        assert_eq!(askers.len(), 2, "question {n} asked twice");
        assert_ne!(
            askers[0], askers[1],
            "question {n} never twice by the same panelist"
        );
    }
}

#[test]
fn bad_input_gets_one_clear_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = ok(
        d,
        &["plan", "create", "--candidate", "A", "--level", "director"],
    );
    let plan = plan.trim();
    let before = ok(d, &["plan", "show", plan, "--json"]);
    let long = "x".repeat(201);
    let cases: [(&[&str], &str); 6] = [
        (
            &["plan", "create", "--candidate", "B", "--level", "cto"],
            "unknown level",
        ),
        (
            &["plan", "create", "--candidate", "  ", "--level", "vp"],
            "must not be empty",
        ),
        (
            &["plan", "create", "--candidate", &long, "--level", "vp"],
            "at most 200",
        ),
        (
            &[
                "plan",
                "add-panelist",
                plan,
                "--name",
                "C",
                "--minutes",
                "0",
            ],
            "5–480 minutes, got 0",
        ),
        (
            &[
                "plan",
                "add-panelist",
                plan,
                "--name",
                "C",
                "--minutes",
                "-5",
            ],
            "got -5",
        ),
        (&["plan", "show", "4242"], "plan 4242 does not exist"),
    ];
    for (args, expected) in cases {
        let line = panelctl_refused(d, args);
        assert!(
            line.starts_with("error: ") && line.contains(expected),
            "{args:?}: {line}"
        );
    }
    assert_eq!(
        ok(d, &["plan", "show", plan, "--json"]),
        before,
        "nothing changed"
    );
    let list: Value = serde_json::from_str(&ok(d, &["plan", "list", "--json"])).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "no plan was created by a refused command"
    );
}

#[test]
fn demo_creates_a_ready_sample_plan() {
    let dir = tempfile::tempdir().unwrap();
    let id = ok(dir.path(), &["demo"]);
    let shown = show(dir.path(), id.trim());
    assert_eq!(shown["panelists"].as_array().unwrap().len(), 4);
    assert_eq!(shown["assignments"].as_array().unwrap().len(), 18);
}

#[test]
fn the_panel_schedule_exports_as_a_calendar_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(d, &["demo"]);
    let file = d.join("panel.ics");
    ok(d, &["plan", "ics", id.trim(), "-o", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        4,
        "one event per panelist slot"
    );
    assert!(text.contains("SUMMARY:Interview: Amara Okafor with Grace Liu"));

    let line = panelctl_refused(
        d,
        &["plan", "ics", id.trim(), "-o", "/nonexistent/dir/panel.ics"],
    );
    assert!(line.ends_with("the folder does not exist"), "{line}");
}

#[test]
fn plan_list_searches_filters_and_pages_with_the_count_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (candidate, level, when) in [
        ("Zoë Łukasiewicz", "vp", "2099-01-10"),
        ("Zoe Adams", "director", "2099-01-05"),
        ("Sofía Marín", "principal", "2020-03-01"),
        ("Ngozi Eze", "vp", ""),
    ] {
        let mut args = vec!["plan", "create", "--candidate", candidate, "--level", level];
        if !when.is_empty() {
            args.extend(["--date", when]);
        }
        ok(d, &args);
    }
    let names = |args: &[&str]| -> (Vec<String>, String) {
        let mut all = vec!["plan", "list", "--json"];
        all.extend_from_slice(args);
        let out = panelctl(d, &all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list: Value = serde_json::from_slice(&out.stdout).unwrap();
        let names = list
            .as_array()
            .expect("still a JSON array")
            .iter()
            .map(|p| p["candidate"].as_str().unwrap().to_string())
            .collect();
        (
            names,
            String::from_utf8(out.stderr).unwrap().trim().to_string(),
        )
    };
    // Upcoming soonest first, then undated, then past; the count on stderr, not stdout.
    let (all, count) = names(&[]);
    assert_eq!(
        all,
        ["Zoe Adams", "Zoë Łukasiewicz", "Ngozi Eze", "Sofía Marín"]
    );
    assert_eq!(count, "4 of 4 plans match");
    let (found, count) = names(&["--search", "ZOE"]);
    assert_eq!(
        found,
        ["Zoe Adams", "Zoë Łukasiewicz"],
        "accents and case ignored"
    );
    assert_eq!(count, "2 of 4 plans match");
    assert_eq!(names(&["--search", "marin"]).0, ["Sofía Marín"]);
    assert_eq!(
        names(&["--level", "vp"]).0,
        ["Zoë Łukasiewicz", "Ngozi Eze"]
    );
    assert_eq!(names(&["--when", "past"]).0, ["Sofía Marín"]);
    assert_eq!(names(&["--when", "unscheduled"]).0, ["Ngozi Eze"]);
    assert_eq!(
        names(&["--status", "draft", "--when", "upcoming"]).0.len(),
        2
    );
    // A page: the count is still every match.
    let (page, count) = names(&["--limit", "2", "--offset", "1"]);
    assert_eq!(page, ["Zoë Łukasiewicz", "Ngozi Eze"]);
    assert_eq!(count, "4 of 4 plans match");
    // A bad filter is refused in one line.
    let line = panelctl_refused(d, &["plan", "list", "--status", "maybe"]);
    assert!(line.contains("unknown status \"maybe\""), "{line}");
}
